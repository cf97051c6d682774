"""Chapter 2's charts: the Entity List's growth by year, cumulatively, and its largest rules.

The figures are computed by ``briefing.chapters.entity_list`` and handed over by the notebook;
this module only draws them, each with the snapshot's limit stated inside the figure so that it
travels with a copied chart. The rule-level figures (the landmarks of the yearly chart, the
chart of the largest rules) count the entries still listed per rule, from the rules found from
the snapshot, with the counts the rules table states beside them where it has the rule.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from briefing.charts import layout, palette
from briefing.charts._entity_list_marks import (
    UNMATCHED_NOTE,
    bar_marker,
    caveat,
    coverage,
    rule_label,
    subtitle,
    unmatched_note,
)
from briefing.charts._entity_list_rules import rules_chart
from briefing.charts.text import count
from briefing.translation import N_, _
from briefing.vocabulary.entity_list import BASELINE_YEAR, GROUPS, REST, RUSSIA

__all__ = ["UNMATCHED_NOTE", "cumulative_chart", "rules_chart", "yearly_chart"]

# Room for the two-line subtitle above and the source line below a plot area of useful height.
CHART_HEIGHT = 540
LABEL_SPAN_YEARS = 6  # how many years' bars a landmark label spans, left of its own year

SOURCE_BY_YEAR = N_(
    "Entity List (15 CFR 744 Supp. 4), third-party parse of a snapshot; "
    "counted by year first listed"
)


def yearly_chart(
    counts: pd.DataFrame,
    focus_entries: pd.Series,
    marks: pd.DataFrame,
    growth: dict,
    focus_name: str,
    day: dt.date,
    snapshot: str,
) -> go.Figure:
    """Entries first listed per year, stacked by group, with the focus and the landmark rules marked.

    ``counts`` is the chapter's ``yearly`` table, ``focus_entries`` its ``focus_by_year``,
    ``marks`` its ``landmarks`` of the rules found from the snapshot (most entries still listed)
    and ``growth`` its ``since_baseline``.
    """
    fig = go.Figure()
    for key in GROUPS:
        name = palette.GROUP_NAMES[key]
        fig.add_trace(
            go.Bar(
                x=counts["year"],
                y=counts[key],
                name=palette.shown(name),
                meta={"category": name},
                marker=bar_marker(name),
                hovertemplate=_entries_hover(palette.shown(name)),
            )
        )
    _add_focus_markers(fig, focus_entries, focus_name)
    top_label = _annotate_landmarks(fig, marks, counts.set_index("year")["total"])
    if top_label is not None:
        fig.update_yaxes(range=[0, top_label * 1.08])
    fig.update_layout(barmode="stack", height=CHART_HEIGHT)
    if growth["china_share"] is not None:
        title = _(
            "China (incl. Hong Kong) holds {share} of entries first listed {first}–{last}"
        ).format(
            share=f"{growth['china_share']:.0%}",
            first=growth["first_year"],
            last=growth["last_year"],
        )
    else:
        title = _("Entries first listed per year")
    alt = _(
        "Stacked bar chart: Entity List entries by year first listed, split into China with a "
        "mainland address, China with a Hong Kong address, Russia and the rest of the world; "
        "markers show {focus}; the rules with the most entries still listed are annotated with "
        "their date and Federal Register citation."
    ).format(focus=focus_name)
    note = unmatched_note() if "matched" in marks and (marks["matched"] == "no").any() else ""
    y_title = _("Entries added (count)")
    return _finish_by_year(fig, growth, day, snapshot, title, alt, y_title, note)


def _entries_hover(name: str, *, cumulative: bool = False) -> str:
    """A bar's or point's tooltip: its group, its year and its count of entries."""
    said = (
        _("{group}, end of {year}: {entries} entries")
        if cumulative
        else _("{group}, {year}: {entries} entries")
    )
    return said.format(group=name, year="%{x}", entries="%{y}") + "<extra></extra>"


def _add_focus_markers(fig: go.Figure, focus_entries: pd.Series, focus_name: str) -> None:
    """The focus jurisdiction's entries per year as markers over the bars."""
    mine = focus_entries[focus_entries > 0]  # a marker at zero says nothing
    fig.add_trace(
        go.Scatter(
            x=mine.index,
            y=mine.to_numpy(),
            mode="markers",
            name=(_("{name} (focus)") if len(mine) else _("{name} (focus): no entries")).format(
                name=focus_name
            ),
            marker={
                "color": palette.FOCUS_COLOUR,
                "size": 11,
                "symbol": palette.FOCUS_SYMBOL,
                "line": {"color": "white", "width": 1},
            },
            hovertemplate=_entries_hover(focus_name),
        )
    )


def _annotate_landmarks(fig: go.Figure, marks: pd.DataFrame, totals: pd.Series) -> float | None:
    """Label each landmark rule up and to the left of its year's bar, clear of the bars it passes.

    A label sits above the tallest bar in the span it covers and above the previous label
    when the two would meet; returns the highest label's height (None when there is none).
    """
    if marks.empty:
        return None
    peak = float(totals.max())
    gap = 0.15 * peak  # room for a two-line label between stacked landmarks
    span = LABEL_SPAN_YEARS
    placed: list[tuple[int, float]] = []
    for rule in marks.sort_values("year").itertuples(index=False):
        covered = totals[(totals.index >= rule.year - span) & (totals.index <= rule.year)]
        height = float(covered.max()) + gap
        for year, other in placed:
            if rule.year - year <= span:
                height = max(height, other + gap)
        placed.append((rule.year, height))
        fig.add_annotation(
            x=rule.year,
            y=float(totals.loc[rule.year]),
            ax=rule.year - 0.8,
            ay=height,
            axref="x",
            ayref="y",
            xanchor="right",
            text=rule_label(rule)
            + "<br>"
            + _("{entries} entries still listed").format(entries=count(int(rule.entries))),
            showarrow=True,
            arrowhead=2,
            align="right",
            font={"size": 10},
            bgcolor="rgba(255,255,255,0.85)",
        )
    return max(height for _, height in placed)


def cumulative_chart(
    counts: pd.DataFrame,
    focus_entries: pd.Series,
    growth: dict,
    focus_name: str,
    day: dt.date,
    snapshot: str,
) -> go.Figure:
    """Running totals of the surviving entries, China (incl. Hong Kong) and Russia against the rest
    of the world (``counts``, ``focus_entries`` and ``growth`` as for ``yearly_chart``)."""
    fig = go.Figure()
    for column, label, width in (
        ("cumulative_total", palette.ALL_DESTINATIONS, 4),
        ("cumulative_china", palette.CHINA_ALL, 2),
        ("cumulative_russia", palette.GROUP_NAMES[RUSSIA], 2),
        ("cumulative_rest", palette.GROUP_NAMES[REST], 2),
    ):
        look = palette.style(label)
        fig.add_trace(
            go.Scatter(
                x=counts["year"],
                y=counts[column],
                mode="lines+markers",
                name=palette.shown(label),
                meta={"category": label},
                line={"color": look.colour, "width": width, "dash": look.dash},
                marker={"symbol": look.symbol, "size": 6, "color": look.colour},
                hovertemplate=_entries_hover(palette.shown(label), cumulative=True),
            )
        )
    mine = focus_entries.cumsum()
    fig.add_trace(
        go.Scatter(
            x=mine.index,
            y=mine.to_numpy(),
            mode="lines",
            name=(
                _("{name} (focus)")
                if len(mine) and mine.iloc[-1]
                else _("{name} (focus): no entries")
            ).format(name=focus_name),
            line={"color": palette.FOCUS_COLOUR, "width": palette.FOCUS_WIDTH, "dash": "dot"},
            hovertemplate=_entries_hover(focus_name, cumulative=True),
        )
    )
    if len(counts) and BASELINE_YEAR - 1 >= counts["year"].min():
        fig.add_vline(x=BASELINE_YEAR - 0.5, line={"color": "#444444", "width": 1, "dash": "dash"})
    fig.update_layout(height=CHART_HEIGHT)
    alt = _(
        "Line chart: cumulative Entity List entries by year first listed, all destinations, "
        "China (including Hong Kong), Russia, the rest of the world and {focus}; a dashed line "
        "marks the end of {year}."
    ).format(focus=focus_name, year=BASELINE_YEAR - 1)
    y_title = _("Entries still listed (cumulative count)")
    return _finish_by_year(fig, growth, day, snapshot, _cumulative_title(growth), alt, y_title)


def _cumulative_title(growth: dict) -> str:
    if growth["multiple"] is None:
        return _("Surviving entries by year first listed, cumulative")
    words = {
        "multiple": f"{growth['multiple']:.1f}",
        "since": BASELINE_YEAR - 1,
        "last": growth["last_year"],
    }
    if growth["china_multiple"] is not None:
        return _(
            "Surviving entries grew {multiple}-fold from the end of {since} to {last}; "
            "China's {china}-fold"
        ).format(china=f"{growth['china_multiple']:.1f}", **words)
    return _("Surviving entries grew {multiple}-fold from the end of {since} to {last}").format(
        **words
    )


def _finish_by_year(
    fig: go.Figure,
    growth: dict,
    day: dt.date,
    snapshot: str,
    title: str,
    alt: str,
    y_title: str,
    note: str = "",
) -> go.Figure:
    """The by-year charts: the snapshot caveat and coverage (and ``note``) as subtitle, the theme."""
    covered = coverage(growth["last_year"], day, snapshot)
    subtitle(fig, caveat(snapshot) + "<br>" + " ".join(filter(None, [covered, note])))
    # Every mark counts the same snapshot: its tooltip says which.
    for trace in fig.data:
        if trace.hovertemplate:
            said = _("Source: the Entity List as it stood in {snapshot}").format(snapshot=snapshot)
            trace.hovertemplate = trace.hovertemplate.replace("<extra>", f"<br>{said}<extra>")
    return layout.finish(
        fig,
        title=title,
        source=_(SOURCE_BY_YEAR),
        alt=alt,
        x_title=_("Year first listed"),
        y_title=y_title,
    )
