"""Chapter 3's chart: China's semiconductor self-sufficiency targets against its estimates.

The figures and what is comparable with what come from ``briefing.chapters.self_sufficiency``;
this module only draws them: one colour per series, a line only ever joining rows with the
same exact measure text, and a gap bridged by a dotted line and a break mark wherever the
line's basis (the release and the market total it divides by) changes.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from briefing.chapters import self_sufficiency
from briefing.charts import theme

SOURCE = "semiconductor self-sufficiency table, one source per row (see the Sources appendix)"


BREAK_SYMBOL = "line-ns"  # a short vertical bar across the dotted bridge of a break


def chart(figures: pd.DataFrame, day: dt.date | None = None) -> go.Figure:
    """Targets against estimates: actuals solid, forecasts dashed with open markers, targets as stars.

    An actual line is solid only between years on the same basis; at a series break it has a
    gap, bridged by a dotted line with a break mark. ``day`` (the edition) is named in the
    subtitle beside the latest actual year.
    """
    fig = go.Figure()
    current = self_sufficiency.main_first(self_sufficiency.latest_vintages(figures))
    for measure in current.loc[current["kind"] == "actual", "measure"].unique():
        _add_actuals(fig, self_sufficiency.actual_line(current, measure))
    _add_breaks(fig, self_sufficiency.series_breaks(current, series=None))
    _add_forecasts(fig, current)
    _add_targets(fig, current[current["kind"] == "target"])
    _add_superseded(fig, self_sufficiency.superseded(figures))
    fig.update_xaxes(tickformat="d", dtick=5)
    fig.update_yaxes(range=[0, 100], dtick=20, ticksuffix="%")
    # The plot area's height; theme.finish adds room for the title, the legend and the note.
    fig.update_layout(
        height=540,
        margin=dict(t=90, b=90),
        title=dict(
            subtitle=dict(
                text=chart_subtitle(figures, day), font=dict(size=theme.SUBTITLE_SIZE + 1)
            )
        ),
    )
    return theme.finish(
        fig,
        title=self_sufficiency.headline(figures),
        source=chart_note(figures),
        alt=chart_alt(figures),
        x_title="Year the figure refers to",
        y_title="Share (%)",
    )


def chart_subtitle(figures: pd.DataFrame, day: dt.date | None = None) -> str:
    """The latest actual year of the main line, computed, and how many series breaks it has."""
    actual = self_sufficiency.latest_actual(figures)
    if actual is None:
        return "No actual estimate of the main measure yet"
    edition = f" in the table as of {day:%-d %b %Y}" if day is not None else ""
    breaks = self_sufficiency.main_line_breaks(figures)
    first = (
        f"Latest actual year{edition}: {int(actual['year'])} "
        f"({self_sufficiency.pct(actual['value_pct'])}, {actual['producer']}, published "
        f"{actual['estimate_made']:%-d %b %Y})"
    )
    if not len(breaks):
        return first
    releases = len(self_sufficiency.line_bases(figures))
    return (
        f"{first}<br>The main line joins {releases} releases with different China IC market "
        f"totals: {len(breaks)} series break{'s' if len(breaks) != 1 else ''}, each a gap "
        "bridged by a dotted line and marked |"
    )


def chart_note(figures: pd.DataFrame) -> str:
    """The source line: where the figures come from and exactly what the main line measures."""
    lines = [SOURCE + "."]
    actual = self_sufficiency.latest_actual(figures)
    if actual is not None:
        lines.append(f"Main line: {self_sufficiency.MAIN_DEFINITION} ({actual['producer']}).")
        target = self_sufficiency.target_for(figures, int(actual["year"]))
        if target is not None:
            lines.append(
                f"Its target is IC Insights' reading of the Made in China 2025 goal; what the goal itself "
                f"measures is contested (sources disagree; confidence {target['confidence']}). "
                "Other colours are different measures, not comparable with it."
            )
        bases = self_sufficiency.line_bases(figures)
        if len(bases) > 1:
            lines.append(
                "Series breaks (dotted, |): each release divides by its own China IC market total: "
                + "; ".join(b.removeprefix("IC Insights, ") for b in bases)
                + "."
            )
    return "<br>".join(lines)


def chart_alt(figures: pd.DataFrame) -> str:
    actual = self_sufficiency.latest_actual(figures)
    counts = figures["kind"].value_counts()
    text = (
        f"Chart of {counts.get('actual', 0)} actual estimates, {counts.get('forecast', 0)} forecasts and "
        f"{counts.get('target', 0)} targets of Chinese semiconductor self-sufficiency by year, one colour per measure."
    )
    if actual is not None:
        breaks = self_sufficiency.main_line_breaks(figures)
        text += (
            f" The latest actual year of the main series is {int(actual['year'])}, at "
            f"{self_sufficiency.pct(actual['value_pct'])}; its line has {len(breaks)} series "
            "breaks where the release, and so the market total divided by, changes."
        )
    return text


def _add_actuals(fig: go.Figure, line: pd.DataFrame) -> None:
    """One measure's actuals: solid within a basis, a gap (None) wherever the basis changes."""
    if line.empty:
        return
    first = line.iloc[0]
    xs: list = []
    ys: list = []
    hover: list = []
    for number, run in enumerate(self_sufficiency.basis_runs(line)):
        if number:
            xs.append(None)
            ys.append(None)
            hover.append([None, None])
        for point in run.itertuples():
            xs.append(int(point.year))
            ys.append(float(point.value_pct))
            hover.append([str(point.basis), theme.when(point.estimate_made)])
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            connectgaps=False,
            name=_legend("Actual", first["measure_short"]),
            legendrank=_legend_rank(first["series"], "actual"),
            legendgroup=first["series"],
            meta={"category": theme.series_name(first["series"])},
            line=dict(
                color=_colour(first["series"]),
                width=3 if first["series"] == self_sufficiency.MAIN else 2,
            ),
            marker=dict(size=8, symbol=_style(first["series"]).symbol),
            customdata=hover,
            hovertemplate=(
                "<b>Actual, %{x}</b>: %{y}%<br>basis: %{customdata[0]}<br>"
                "published %{customdata[1]}<extra></extra>"
            ),
        )
    )


def _add_breaks(fig: go.Figure, breaks: pd.DataFrame) -> None:
    """Each break: a dotted bridge over the gap and a bar at its middle, in the line's colour."""
    for number, ((series, _), rows) in enumerate(breaks.groupby(["series", "measure"], sort=False)):
        colour = _colour(series)
        xs: list = []
        ys: list = []
        for row in rows.itertuples():
            xs += [row.year_before, row.year_after, None]
            ys += [row.value_before, row.value_after, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=colour, dash="dot", width=1.5),
                name="Series break (dotted, |): releases on<br>different China IC market totals",
                meta={"category": theme.series_name(series)},
                legendgroup="series-break",
                legendrank=3,
                showlegend=number == 0,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[(r.year_before + r.year_after) / 2 for r in rows.itertuples()],
                y=[(r.value_before + r.value_after) / 2 for r in rows.itertuples()],
                mode="markers",
                marker=dict(symbol=BREAK_SYMBOL, size=14, line=dict(color=colour, width=2)),
                name="Series break marker",
                meta={"category": theme.series_name(series)},
                legendgroup="series-break",
                showlegend=False,
                customdata=rows[["year_before", "year_after", "basis_before", "basis_after"]],
                hovertemplate=(
                    "series break between %{customdata[0]} and %{customdata[1]}<br>"
                    "%{customdata[2]}<br>→ %{customdata[3]}<extra></extra>"
                ),
            )
        )


def _add_forecasts(fig: go.Figure, current: pd.DataFrame) -> None:
    """Each forecast as an open marker, joined by a dashed line to the actual it was made from."""
    shown: set[str] = set()
    for row in current[current["kind"] == "forecast"].sort_values("year").itertuples():
        base = current[
            (current["measure"] == row.measure)
            & (current["kind"] == "actual")
            & (current["estimate_made"] == row.estimate_made)
            & (current["year"] < row.year)
        ]
        xs, ys = [row.year], [row.value_pct]
        if len(base):
            start = base.sort_values("year").iloc[-1]
            xs, ys = [start["year"], row.year], [start["value_pct"], row.value_pct]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers+text",
                name=_legend("Forecast (year made)", row.measure_short),
                legendrank=_legend_rank(row.series, "forecast"),
                legendgroup=f"{row.series}-forecast",
                meta={"category": theme.series_name(row.series)},
                showlegend=row.measure not in shown,
                line=dict(color=_colour(row.series), dash="dash", width=1.5),
                marker=dict(
                    size=[0] * (len(xs) - 1) + [10], symbol="circle-open", line=dict(width=2)
                ),
                text=[""] * (len(xs) - 1) + [f"{row.estimate_made:%Y}"],
                textposition="top center",
                textfont=dict(size=9, color=_colour(row.series)),
                hovertemplate=f"<b>Forecast for %{{x}}</b>: %{{y}}%<br>{row.producer}, made {theme.when(row.estimate_made)}<extra></extra>",
            )
        )
        shown.add(row.measure)


def _add_targets(fig: go.Figure, targets: pd.DataFrame) -> None:
    for measure, rows in targets.groupby("measure", sort=False):
        first = rows.iloc[0]
        comparable = first["series"] == self_sufficiency.MAIN
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value_pct"],
                mode="markers+text",
                name=_legend("Target", first["measure_short"]),
                legendrank=_legend_rank(first["series"], "target"),
                legendgroup=f"{first['series']}-target-{measure}",
                meta={"category": theme.series_name(first["series"])},
                marker=dict(
                    color=_colour(first["series"]),
                    size=16 if comparable else 22,
                    symbol="star" if comparable else "circle-open",
                    line=dict(width=2),
                ),
                text=[_target_label(v, comparable) for v in rows["value_pct"]],
                textposition="middle left" if comparable else "top center",
                textfont=dict(size=10, color=_colour(first["series"])),
                hovertemplate="<b>Target for %{x}</b>: %{y}%<br>"
                + str(first["producer"])
                + "<extra></extra>",
            )
        )


def _add_superseded(fig: go.Figure, rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=rows["year"],
            y=rows["value_pct"],
            mode="markers",
            name="Earlier figure for the same year (superseded)",
            marker=dict(
                color=[_colour(s) for s in rows["series"]], size=7, symbol="circle", opacity=0.3
            ),
            customdata=rows["estimate_made"].map(theme.when),
            hovertemplate="<b>Superseded, %{x}</b>: %{y}%, published %{customdata}<extra></extra>",
        )
    )


def _target_label(value: float, comparable: bool) -> str:
    # The goal's meaning is contested: say so beside the mark itself, not only in the note.
    if comparable:
        return f"{value:g}% goal (IC Insights' reading;   <br>meaning contested)   "
    return f"{value:g}% "


def _legend(kind: str, measure: str) -> str:
    # Legend entries wrap so the legend stays a narrow column beside the plot.
    return "<br>".join(textwrap.wrap(f"{kind}: {measure}", width=34, break_on_hyphens=False))


def _legend_rank(series: str, kind: str) -> int:
    # The main series' actual, forecasts and target head the legend, in that order.
    return (0 if series == self_sufficiency.MAIN else 10) + list(
        self_sufficiency.KIND_LABELS
    ).index(kind)


def _style(series: str) -> theme.Style:
    name = theme.series_name(series)
    return theme.style(name) if name in theme.palette() else theme.OTHER_SERIES


def _colour(series: str) -> str:
    return _style(series).colour
