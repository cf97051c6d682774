"""What the Entity List's charts share: the snapshot's limit and the years covered, said inside
each figure; how a rule is labelled; a destination group's bar (``briefing.charts.entity_list``
and its rules chart use them; nothing else imports this module)."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from briefing.charts import palette
from briefing.charts.text import short_date
from briefing.prose import on
from briefing.translation import N_, _

UNMATCHED_MARK = "†"  # after the citation of a rule the rules table lacks
# What the mark says (in the edition's language: ``unmatched_note()``).
UNMATCHED_NOTE = N_("† not in the rules table: cited by the first page its entries cite.")


def unmatched_note() -> str:
    """What the mark after a rule's citation says, in the edition's language."""
    return _(UNMATCHED_NOTE)


def caveat(snapshot: str) -> str:
    """The limit every chart of the snapshot states inside the figure."""
    return _(
        "Only entries still on the list in {snapshot} are counted: entries removed earlier "
        "are absent."
    ).format(snapshot=snapshot)


def coverage(last_year: int | None, day: dt.date, snapshot: str) -> str:
    """Which years the by-year figures cover, and why the year of ``day`` is left out."""
    if last_year is None:
        return _("No year had ended by {date} in the data.").format(date=on(day))
    if str(last_year) in snapshot:
        return _(
            "Years that had ended by {date}, to {year} ({year} only up to the snapshot)."
        ).format(date=on(day), year=last_year)
    return _("Years that had ended by {date}, to {year}.").format(date=on(day), year=last_year)


def rule_label(rule) -> str:
    label = f"{short_date(rule.publication_date)} · {rule.fr_citation}"
    return label + (UNMATCHED_MARK if getattr(rule, "matched", "yes") == "no" else "")


def bar_marker(name: str) -> dict:
    """A bar in its destination's colour, with its fill pattern as the second cue."""
    look = palette.style(name)
    return {
        "color": look.colour,
        "pattern": {
            "shape": look.pattern,
            "fgcolor": "#333333",
            "fillmode": "overlay",
            "fgopacity": 0.45,
            "solidity": 0.3,
        },
    }


def subtitle(fig: go.Figure, text: str) -> None:
    # Inside the figure (not only in the prose), so the limit travels with a copied chart.
    fig.update_layout(title={"subtitle": {"text": text, "font": {"size": 11, "color": "#444444"}}})
