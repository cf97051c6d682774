"""The China chapter's chart of its measures by kind and year (its timeline is in
``briefing.charts.china_timeline``).

It draws the counts the chapter computed (``china_measures.counts_by_kind_and_year``), which
the notebook passes in. China's kinds of measure take their colour and fill pattern from the
palette (family ``china_kind``, in the codebook section's order).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from briefing.charts.layout import finish
from briefing.charts.palette import china_kind_name, shown, style
from briefing.charts.text import day_month
from briefing.translation import N_, _, ngettext
from briefing.vocabulary import china_measures as vocab

COUNTS_SOURCE = N_("table of China's measures; each row's source in the Sources appendix")


def counts_chart(counts: pd.DataFrame, day: dt.date | None = None) -> go.Figure:
    """China's measures per year up to ``day``'s, stacked by kind; the kinds it has in the legend.

    ``counts`` has a row per kind and year with any measure (columns kind, year, measures).
    """
    if len(counts):
        last = max(int(counts["year"].max()), day.year if day else 0)
        years = [str(year) for year in range(int(counts["year"].min()), last + 1)]
    else:
        years = []
    fig = go.Figure(
        [
            _kind_bars(counts[counts["kind"] == kind], kind, rank)
            for rank, kind in enumerate(vocab.kinds(), start=1)
            if (counts["kind"] == kind).any()
        ]
    )
    fig.update_layout(barmode="stack", showlegend=True)
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=years,
        tickvals=years,
        ticktext=[_year_label(year, day) for year in years],
    )
    return finish(
        fig,
        title=_title(counts, years),
        source=_(COUNTS_SOURCE),
        alt=_(
            "Stacked bars: China's measures per year from {first} to {last}, coloured and "
            "patterned by kind of measure."
        ).format(first=years[0] if years else "-", last=years[-1] if years else "-"),
        x_title=_("Year of the measure's date"),
        y_title=_("Measures"),
    )


def _year_label(year: str, day: dt.date | None) -> str:
    """A year's tick; the edition's own year, not yet over, says where its count stops, so that
    a low last bar does not read as a fall."""
    if day is None or year != str(day.year) or (day.month, day.day) == (12, 31):
        return year
    return _("{year}<br>to {day}").format(year=year, day=day_month(day))


def _kind_bars(mine: pd.DataFrame, kind: str, rank: int) -> go.Bar:
    """One kind's bars, in its palette style."""
    label = china_kind_name(kind)
    look = style(label)
    return go.Bar(
        x=mine["year"].astype(str),
        y=mine["measures"],
        name=shown(label),
        meta={"category": label},
        legendrank=rank,
        marker={
            "color": look.colour,
            "line": {"width": 1, "color": "#333333"},
            "pattern": {
                "shape": look.pattern,
                "fgcolor": "#333333",
                "fillmode": "overlay",
                "fgopacity": 0.5,
                "solidity": 0.25,
            },
        },
        customdata=[
            ngettext("{n} measure", "{n} measures", int(n)).format(n=int(n))
            for n in mine["measures"]
        ],
        hovertemplate=_(
            "<b>{kind}</b><br>{year}: {count}<br>counted from the table of China's measures, "
            "each row's source in the Sources appendix"
        ).format(kind=shown(vocab.labels("kind")[kind]), year="%{x}", count="%{customdata}")
        + "<extra></extra>",
    )


def _title(counts: pd.DataFrame, years: list[str]) -> str:
    """The chart's finding: how many measures, over which years, and the busiest year."""
    if counts.empty:
        return _("No Chinese measure recorded yet")
    by_year = counts.groupby("year")["measures"].sum()
    top = int(by_year.idxmax())
    total = int(by_year.sum())
    if len(by_year) == 1:
        return ngettext(
            "China took {n} measure by {last}, in {top}",
            "China took {n} measures by {last}, all in {top}",
            total,
        ).format(n=total, last=years[-1], top=top)
    return ngettext(
        "China took {n} measure from {first} to {last}; the most, {most}, in {top}",
        "China took {n} measures from {first} to {last}; the most, {most}, in {top}",
        total,
    ).format(n=total, first=years[0], last=years[-1], most=int(by_year[top]), top=top)
