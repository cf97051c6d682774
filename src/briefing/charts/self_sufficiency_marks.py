"""How chapter 3's charts mark each figure: a series' colour and legend rank, a measure's marker
shape (measures sharing a colour told apart by it), and each row's share and source as its
tooltip words them, and where a forecast's dashed line starts (``briefing.charts.self_sufficiency``
draws with them)."""

from __future__ import annotations

import pandas as pd

from briefing import prose
from briefing.charts import palette
from briefing.translation import _
from briefing.vocabulary.self_sufficiency import EQUIPMENT, KIND_LABELS, MAIN, MEASURES, measure_of


def sources(rows: pd.DataFrame) -> list[str]:
    """Each row's source, as its tooltip names it: publisher and date."""
    return [one_source(row) for row in rows.itertuples()]


def values(rows: pd.DataFrame) -> list[str]:
    """Each row's share as its source words it ("more than 50%"), as the chapter wrote it."""
    return [value(row) for row in rows.itertuples()]


def value(row) -> str:
    return getattr(row, "value_shown", None) or f"{row.value_pct:g}%"


def one_source(row) -> str:
    return _("{publisher}, {date}").format(
        publisher=row.source_publisher, date=prose.on(row.source_date)
    )


def legend_rank(series: str, kind: str, measure: str = "") -> int:
    # The main series' actual, break, forecasts and target head the legend, in that order; in
    # the panel, the shares of chips come before those of chip-making equipment.
    group = 0 if series == MAIN else 20 if measure_of(measure).about == EQUIPMENT else 10
    return group + 2 * list(KIND_LABELS).index(kind)


def style(series: str) -> palette.Style:
    name = palette.series_name(series)
    return palette.style(name) if name in palette.palette() else palette.OTHER_SERIES


def colour(series: str) -> str:
    return style(series).colour


def symbol(series: str, measure: str) -> str:
    """A measure's marker: its series' own for the series' first measure, another for each
    further measure of the series, so that measures sharing a colour are told apart."""
    base = style(series).symbol
    ours = [text for text, m in MEASURES.items() if m.series == series]
    rank = ours.index(measure) if measure in ours else 0
    others = [symbol for symbol in palette.SYMBOLS if symbol != base]
    return base if rank == 0 else others[(rank - 1) % len(others)]


def forecast_points(current: pd.DataFrame, row) -> tuple[list, list]:
    """A forecast's points: the latest actual of the same release before it, if any, then it."""
    base = current[
        (current["measure"] == row.measure)
        & (current["kind"] == "actual")
        & (current["estimate_made"] == row.estimate_made)
        & (current["year"] < row.year)
    ]
    if not len(base):
        return [row.year], [row.value_pct]
    start = base.sort_values("year").iloc[-1]
    return [start["year"], row.year], [start["value_pct"], row.value_pct]


def forecast_hover(measure_short: str) -> str:
    """A forecast's tooltip (its customdata: producer, day made, source, share)."""
    return (
        _(
            "<b>Forecast for {year}</b>: {value}<br>{measure}<br>{producer}, made {made}"
            "<br>Source: {source}"
        ).format(
            year="%{x}",
            value="%{customdata[3]}",
            measure=palette.shown(measure_short),
            producer="%{customdata[0]}",
            made="%{customdata[1]}",
            source="%{customdata[2]}",
        )
        + "<extra></extra>"
    )
