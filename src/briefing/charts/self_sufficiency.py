"""Chapter 3's chart: China's semiconductor self-sufficiency targets against its estimates.

The figures and what is comparable with what come from ``briefing.chapters.self_sufficiency``;
this module only draws them: one colour per series, a line only ever joining rows with the
same exact measure text.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from briefing.chapters import self_sufficiency
from briefing.charts import theme

SERIES_COLOURS = {
    self_sufficiency.MAIN: theme.PALETTE[0],
    "china_hq_ic": theme.PALETTE[1],
    "china_hq_global_sales": theme.PALETTE[2],
    "cn_chip_supply": theme.PALETTE[4],
    "mic2025_undefined": theme.MUTED_COLOUR,
}
SOURCE = (
    "semiconductor self-sufficiency table (data/curated/semiconductor_self_sufficiency.csv), "
    "one source per row (see Sources)"
)


def chart(figures: pd.DataFrame) -> go.Figure:
    """Targets against estimates: actuals solid, forecasts dashed with open markers, targets as stars."""
    fig = go.Figure()
    current = self_sufficiency.main_first(self_sufficiency.latest_vintages(figures))
    for _, rows in current.groupby("measure", sort=False):
        _add_actuals(fig, rows[rows["kind"] == "actual"])
    _add_forecasts(fig, current)
    _add_targets(fig, current[current["kind"] == "target"])
    _add_superseded(fig, self_sufficiency.superseded(figures))
    fig.update_xaxes(tickformat="d", dtick=5)
    fig.update_yaxes(range=[0, 100], dtick=20, ticksuffix="%")
    fig.update_layout(
        height=560,
        legend=dict(
            orientation="v",
            x=1.02,
            xanchor="left",
            y=1,
            yanchor="top",
            itemsizing="constant",
            font=dict(size=10),
            tracegroupgap=4,
        ),
        margin=dict(l=60, r=20, t=75, b=135),
    )
    finished = theme.finish(
        fig,
        title=self_sufficiency.headline(figures),
        source=chart_note(figures),
        alt=chart_alt(figures),
        x_title="Year the figure refers to",
        y_title="Share (%)",
    )
    # The note runs to several lines: pin it a fixed distance under the axis, left-aligned.
    finished.layout.annotations[-1].update(y=0, yshift=-62, align="left")
    finished.update_layout(
        title=dict(
            y=0.97,
            yref="container",
            yanchor="top",
            subtitle=dict(text=chart_subtitle(figures), font=dict(size=12)),
        )
    )
    return finished


def chart_subtitle(figures: pd.DataFrame) -> str:
    actual = self_sufficiency.latest_actual(figures)
    if actual is None:
        return ""
    return (
        f"{self_sufficiency.pct(actual['value_pct'])} of China's IC market, the latest actual estimate "
        f"({actual['producer']}, published {actual['estimate_made']:%b %Y})"
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
                f"measures is uncertain (sources disagree; confidence {target['confidence']}). "
                "Other colours are different measures, not comparable with it."
            )
    return "<br>".join("<br>".join(textwrap.wrap(line, width=150)) for line in lines)


def chart_alt(figures: pd.DataFrame) -> str:
    actual = self_sufficiency.latest_actual(figures)
    counts = figures["kind"].value_counts()
    text = (
        f"Chart of {counts.get('actual', 0)} actual estimates, {counts.get('forecast', 0)} forecasts and "
        f"{counts.get('target', 0)} targets of Chinese semiconductor self-sufficiency by year, one colour per measure."
    )
    if actual is not None:
        text += f" The latest actual of the main series is {self_sufficiency.pct(actual['value_pct'])} for {int(actual['year'])}."
    return text


def _add_actuals(fig: go.Figure, rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    rows = rows.sort_values("year")
    first = rows.iloc[0]
    fig.add_trace(
        go.Scatter(
            x=rows["year"],
            y=rows["value_pct"],
            mode="lines+markers",
            name=_legend("Actual", first["measure_short"]),
            legendrank=_legend_rank(first["series"], "actual"),
            legendgroup=first["series"],
            line=dict(
                color=_colour(first["series"]),
                width=3 if first["series"] == self_sufficiency.MAIN else 2,
            ),
            marker=dict(size=8, symbol="circle"),
            customdata=rows[["producer", "estimate_made"]].assign(
                estimate_made=rows["estimate_made"].dt.strftime("%Y-%m-%d")
            ),
            hovertemplate="%{x}: %{y}%<br>%{customdata[0]}, published %{customdata[1]}<extra>actual</extra>",
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
                showlegend=row.measure not in shown,
                line=dict(color=_colour(row.series), dash="dash", width=1.5),
                marker=dict(
                    size=[0] * (len(xs) - 1) + [10], symbol="circle-open", line=dict(width=2)
                ),
                text=[""] * (len(xs) - 1) + [f"{row.estimate_made:%Y}"],
                textposition="top center",
                textfont=dict(size=9, color=_colour(row.series)),
                hovertemplate=f"forecast for %{{x}}: %{{y}}%<br>{row.producer}, made {row.estimate_made:%Y-%m-%d}<extra></extra>",
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
                mode="markers+text" if comparable else "markers",
                name=_legend("Target", first["measure_short"]),
                legendrank=_legend_rank(first["series"], "target"),
                legendgroup=f"{first['series']}-target-{measure}",
                marker=dict(
                    color=_colour(first["series"]),
                    size=16 if comparable else 22,
                    symbol="star" if comparable else "circle-open",
                    line=dict(width=2),
                ),
                text=[f"{v:g}% goal" for v in rows["value_pct"]],
                textposition="middle left",
                textfont=dict(size=10, color=_colour(first["series"])),
                hovertemplate="target for %{x}: %{y}%<br>"
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
            customdata=rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            hovertemplate="%{x}: %{y}%, published %{customdata}<extra>superseded</extra>",
        )
    )


def _legend(kind: str, measure: str) -> str:
    # Legend entries wrap so the legend stays a narrow column beside the plot.
    return "<br>".join(textwrap.wrap(f"{kind}: {measure}", width=34))


def _legend_rank(series: str, kind: str) -> int:
    # The main series' actual, forecasts and target head the legend, in that order.
    return (0 if series == self_sufficiency.MAIN else 10) + list(
        self_sufficiency.KIND_LABELS
    ).index(kind)


def _colour(series: str) -> str:
    return SERIES_COLOURS.get(series, theme.PALETTE[7])
