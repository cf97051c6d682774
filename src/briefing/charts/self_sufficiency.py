"""Chapter 3's chart: China's semiconductor self-sufficiency targets against its estimates.

What is comparable with what, each measure's line and its breaks, and the chart's words are
computed by ``briefing.chapters.self_sufficiency`` (its ``chart_inputs``) and handed over by the
notebook; this module only draws them: one colour per series, a line only ever joining rows
with the same exact measure text, and a gap bridged by a dotted line and a break mark wherever
the line's basis (the release and the market total it divides by) changes.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from briefing.charts import theme
from briefing.vocabulary.self_sufficiency import KIND_LABELS, MAIN

BREAK_SYMBOL = "line-ns"  # a short vertical bar across the dotted bridge of a break


def chart(
    current: pd.DataFrame,
    lines: list[list[pd.DataFrame]],
    breaks: pd.DataFrame,
    superseded: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    note: str,
    alt: str,
) -> go.Figure:
    """Targets against estimates: actuals solid, forecasts dashed with open markers, targets as stars.

    ``current`` holds the newest figure of each measure, kind and year (main series first);
    ``lines`` each measure's actual line as runs of years on one basis, so a line is solid only
    within a run and has a gap at each of ``breaks``, bridged by a dotted line with a break mark;
    ``superseded`` the earlier figures, drawn faint.
    """
    fig = go.Figure()
    for runs in lines:
        _add_actuals(fig, runs)
    _add_breaks(fig, breaks)
    _add_forecasts(fig, current)
    _add_targets(fig, current[current["kind"] == "target"])
    _add_superseded(fig, superseded)
    fig.update_xaxes(tickformat="d", dtick=5)
    fig.update_yaxes(range=[0, 100], dtick=20, ticksuffix="%")
    # The plot area's height; theme.finish adds room for the title, the legend and the note.
    fig.update_layout(
        height=540,
        margin=dict(t=90, b=90),
        title=dict(subtitle=dict(text=subtitle, font=dict(size=theme.SUBTITLE_SIZE + 1))),
    )
    return theme.finish(
        fig,
        title=title,
        source=note,
        alt=alt,
        x_title="Year the figure refers to",
        y_title="Share (%)",
    )


def _add_actuals(fig: go.Figure, runs: list[pd.DataFrame]) -> None:
    """One measure's actuals: solid within a run on one basis, a gap (None) between runs."""
    if not runs:
        return
    first = runs[0].iloc[0]
    xs: list = []
    ys: list = []
    hover: list = []
    for number, run in enumerate(runs):
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
                width=3 if first["series"] == MAIN else 2,
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
        comparable = first["series"] == MAIN
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
    return (0 if series == MAIN else 10) + list(KIND_LABELS).index(kind)


def _style(series: str) -> theme.Style:
    name = theme.series_name(series)
    return theme.style(name) if name in theme.palette() else theme.OTHER_SERIES


def _colour(series: str) -> str:
    return _style(series).colour
