"""Chapter 2's chart of the largest rules: the rules found from the snapshot with the most
entries still listed, by destination group, with the counts their texts state beside them
(shown through ``briefing.charts.entity_list``; nothing else imports this module)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from briefing.charts import layout, palette
from briefing.charts._entity_list_marks import (
    bar_marker,
    caveat,
    rule_label,
    subtitle,
    unmatched_note,
)
from briefing.charts.text import cited, count, short_date
from briefing.prose import on
from briefing.translation import N_, _
from briefing.vocabulary.entity_list import BASELINE_YEAR, HONG_KONG, MAINLAND, REST, RUSSIA

STATED_COLOUR = palette.style(palette.STATED).colour
SOURCE_RULES = N_(
    "Entity List snapshot, entries grouped by the rule that added them;<br>"
    "stated counts: the rules' own texts, sources in the appendix"
)


def rules_chart(largest: pd.DataFrame, focus_name: str, day: dt.date, snapshot: str) -> go.Figure:
    """The rules with the most entries still listed as horizontal bars, split into China (mainland
    and Hong Kong addresses) and the rest, with each matched rule's stated count marked beside.

    ``largest`` is the chapter's ``largest_found``: largest first, with the stated counts and
    ``names_focus`` (such rules are outlined in the focus colour).
    """
    top = largest.iloc[::-1]  # largest last: plotly draws the first bar at the bottom
    named = top["names_focus"].astype(bool)
    labels = [
        f'<span style="color:{palette.FOCUS_COLOUR}"><b>{rule_label(r)} · {focus_name}</b></span>'
        if flag
        else rule_label(r)
        for r, flag in zip(top.itertuples(index=False), named, strict=True)
    ]
    fig = go.Figure()
    _add_rule_bars(fig, top, labels, named)
    stated = top["entries_added"].where(top["matched"] == "yes")
    _add_stated_counts(fig, top, labels, stated)
    if named.any():
        _add_focus_key(fig, focus_name)
    widest = max([*top["entries"].astype(float), *stated.dropna().astype(float)], default=None)
    # The plot area: a row per rule (layout.finish adds room for title, legend and source).
    fig.update_layout(barmode="stack", height=34 * len(top) + 180 + 90, margin={"t": 90, "b": 90})
    fig.update_yaxes(tickfont={"size": 11}, automargin=True)
    # Room right of the longest bar for its label, "140 (140 stated)".
    fig.update_xaxes(range=[0, float(widest) * 1.35] if widest is not None else None)
    # On a phone the plot is narrow: the labels right of the bars need more of it.
    narrow = {"xaxis.range": [0, float(widest) * 2.1]} if widest is not None else {}
    marks = _("Bars: entries first citing each rule; diamonds: the count its text states.")
    subtitle(fig, caveat(snapshot) + "<br>" + marks + " " + unmatched_note())
    return layout.finish(
        fig,
        title=_rules_title(largest, day),
        source=_(SOURCE_RULES),
        alt=_(
            "Horizontal bar chart: the {rules} Federal Register rules since {year} with the most "
            "Entity List entries still listed in {snapshot}, labelled with publication date and "
            "citation, split into China with a mainland address, China with a Hong Kong address, "
            "Russia and the rest of the world; a diamond marks the count the rule states where "
            "the rules table has it; rules the rules table says name {focus} are outlined."
        ).format(rules=len(top), year=BASELINE_YEAR, snapshot=snapshot, focus=focus_name),
        x_title=_("Entries first citing the rule, still listed (count)"),
        y_title="",
        narrow_layout=narrow,
    )


def _add_rule_bars(fig: go.Figure, top: pd.DataFrame, labels: list, named: pd.Series) -> None:
    """Each rule's entries as one bar per group; a rule naming the focus outlined."""
    outline = {
        "color": [palette.FOCUS_COLOUR if flag else "rgba(0,0,0,0)" for flag in named],
        "width": 3,
    }
    sources = _rule_sources(top)
    china = top["entries_china"].astype(int)
    hong_kong = top["entries_hong_kong"].astype(int)
    russia = top["entries_russia"].astype(int)
    for key, values in (
        (MAINLAND, china - hong_kong),
        (HONG_KONG, hong_kong),
        (RUSSIA, russia),
        (REST, top["entries"].astype(int) - china - russia),
    ):
        name = palette.GROUP_NAMES[key]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=palette.shown(name),
                meta={"category": name},
                marker=bar_marker(name) | {"line": outline},
                customdata=sources,
                hovertemplate=_(
                    "{rule}<br>{group}: {entries} still listed<br>Source: {source}"
                ).format(
                    rule="%{y}", group=palette.shown(name), entries="%{x}", source="%{customdata}"
                )
                + "<extra></extra>",
            )
        )


def _rule_sources(top: pd.DataFrame) -> list[str]:
    """Each rule's source: the rule as the Federal Register published it, by the rules table's
    publisher where it has the rule."""
    return [
        cited(publisher if isinstance(publisher, str) else _("Federal Register"), day)
        for publisher, day in zip(top["source_publisher"], top["publication_date"], strict=True)
    ]


def _add_stated_counts(fig: go.Figure, top: pd.DataFrame, labels: list, stated: pd.Series) -> None:
    """Each bar's count as text, and a diamond at the count the rule states where it is known."""
    fig.add_trace(
        go.Scatter(
            y=labels,
            # After the bar, or after the diamond where the stated count lies beyond it.
            x=[
                max(n, s) if pd.notna(s) else n for n, s in zip(top["entries"], stated, strict=True)
            ],
            mode="text",
            text=[
                "  "
                + (
                    _("{entries} ({stated} stated)").format(
                        entries=count(int(n)), stated=count(int(s))
                    )
                    if pd.notna(s)
                    else count(int(n))
                )
                for n, s in zip(top["entries"], stated, strict=True)
            ],
            textposition="middle right",
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=[label for label, value in zip(labels, stated, strict=True) if pd.notna(value)],
            x=stated.dropna().astype(float),
            mode="markers",
            name=palette.shown(palette.STATED),
            meta={"category": palette.STATED},
            marker={
                "symbol": "diamond",
                "size": 10,
                "color": STATED_COLOUR,
                "line": {"color": "white", "width": 1},
            },
            customdata=[s for s, v in zip(_rule_sources(top), stated, strict=True) if pd.notna(v)],
            hovertemplate=_(
                "{rule}<br>stated by the rule: {entries} added<br>Source: {source}"
            ).format(rule="%{y}", entries="%{x}", source="%{customdata}")
            + "<extra></extra>",
        )
    )


def _add_focus_key(fig: go.Figure, focus_name: str) -> None:
    """A legend key for the focus outline, drawing nothing on the plot."""
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=_("Rules table names {name}").format(name=focus_name),
            marker={
                "symbol": "square-open",
                "size": 12,
                "color": palette.FOCUS_COLOUR,
                "line": {"width": 3},
            },
        )
    )


def _rules_title(largest: pd.DataFrame, day: dt.date) -> str:
    if not len(largest):
        return _("No rule from {year} with entries still listed was published by {date}").format(
            year=BASELINE_YEAR, date=on(day)
        )
    biggest = largest.iloc[0]
    return _(
        "Most entries still listed, of rules published {year} to {date}: {citation} "
        "({published}), {entries} entries"
    ).format(
        year=BASELINE_YEAR,
        date=on(day),
        citation=biggest["fr_citation"],
        published=short_date(biggest["publication_date"]),
        entries=count(int(biggest["entries"])),
    )
