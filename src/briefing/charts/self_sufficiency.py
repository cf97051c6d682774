"""Chapter 3's charts: China's semiconductor self-sufficiency against its target, and the other
measures beside it in a small panel of their own.

What is comparable with what, each measure's line and its breaks, and the charts' words are
computed by ``briefing.chapters.self_sufficiency`` (``chart_inputs``, ``other_inputs``) and handed
over by the notebook; this module only draws them: the main chart the main series alone (its
actuals, forecasts and target), a line only ever joining rows with the same exact measure text
and a gap bridged by a dotted line wherever the line's basis (the release and the market total
it divides by) changes; the panel one colour per other series, and within a series that holds
several measures (China's shares of world capacity) one marker shape per measure. Every
mark's tooltip names its source, publisher and date.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from briefing import prose
from briefing.charts import layout, palette
from briefing.charts import self_sufficiency_marks as marks
from briefing.charts.palette import colour_name
from briefing.charts.text import capitalised, lower
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.self_sufficiency import KIND_LABELS, MAIN

PANEL_PLOT = 230  # the other measures' plot area (px): a small panel under the main chart
# On a phone, taller: a year is a few pixels wide there, and the lines need room to part.
PANEL_PLOT_NARROW = 400
# Each kind's mark in the panel: the kind is told by the marker's fill, the measure by its
# colour (and, within a series of several measures, by the marker's shape).
KIND_MARKS = {"actual": N_("filled marker"), "forecast": N_("open marker"), "target": N_("ring")}


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
    """The main series against its target: actuals solid, forecasts dashed with open markers
    (labelled with the year each was made), the target a star, earlier figures faint.

    ``current`` holds the newest figure of each measure, kind and year; ``lines`` each
    measure's actual line as runs of years on one basis, solid only within a run, with a gap
    at each of ``breaks`` bridged by a dotted line; ``superseded`` the earlier figures. Only
    the main series is drawn here (``other_chart`` draws the rest).
    """
    main = current[current["series"] == MAIN]
    fig = go.Figure()
    for runs in lines:
        if runs and runs[0].iloc[0]["series"] == MAIN:
            _add_actuals(fig, runs, _("Actual"))
    _add_breaks(fig, breaks[breaks["series"] == MAIN], legend=True)
    _add_forecasts(fig, main, labelled=True)
    _add_targets(fig, main[main["kind"] == "target"])
    _add_superseded(fig, superseded[superseded["series"] == MAIN])
    _years(fig, main)
    fig.update_yaxes(range=[0, 100], dtick=20, ticksuffix="%")
    # The plot area's height; layout.finish adds room for the title, the legend and the note.
    fig.update_layout(
        height=500,
        margin=dict(t=90, b=90),
        title=dict(subtitle=dict(text=subtitle, font=dict(size=layout.SUBTITLE_SIZE + 1))),
    )
    return _finished(fig, title=title, note=note, alt=alt)


def other_chart(
    current: pd.DataFrame,
    lines: list[list[pd.DataFrame]],
    breaks: pd.DataFrame,
    *,
    title: str,
    note: str,
    alt: str,
) -> go.Figure:
    """The other measures, a small panel: one legend entry per measure, one colour per series
    (a shape per measure within it), the kind told by the mark (``KIND_MARKS``); none of them
    is comparable with the main series."""
    others = current[current["series"] != MAIN]
    fig = go.Figure()
    named: set[str] = set()
    for runs in lines:
        if runs and runs[0].iloc[0]["series"] != MAIN:
            _add_actuals(fig, runs, None)
            named.add(runs[0].iloc[0]["measure"])
    _add_breaks(fig, breaks[breaks["series"] != MAIN], legend=False)
    _add_forecasts(fig, others, labelled=False, named=named)
    _add_targets(fig, others[others["kind"] == "target"], named=named)
    _years(fig, others)
    fig.update_yaxes(range=[0, 100], dtick=25, ticksuffix="%")
    fig.update_layout(height=PANEL_PLOT + 180, margin=dict(t=90, b=90))
    subtitle = _("; ").join(
        [
            _("{mark}: {kind}").format(mark=_(mark), kind=lower(_(KIND_LABELS[kind])))
            for kind, mark in KIND_MARKS.items()
        ]
        + ([_("dotted: a series break")] if len(breaks[breaks["series"] != MAIN]) else [])
    )
    fig.update_layout(title=dict(subtitle=dict(text=capitalised(subtitle))))
    return _finished(fig, title=title, note=note, alt=alt, narrow_plot=PANEL_PLOT_NARROW)


def key(current: pd.DataFrame, panel: str) -> str:
    """The other measures' targets in words, each by the colour and mark the panel (``panel``,
    its cross-reference) draws it in: the page's prose names no colour of its own."""
    targets = current[(current["series"] != MAIN) & (current["kind"] == "target")]
    parts = []
    for _measure, rows in targets.groupby("measure", sort=False):
        first = rows.iloc[0]
        values = _(" and ").join(
            _("{value}% for {year}").format(value=f"{r.value_pct:g}", year=int(r.year))
            for r in rows.itertuples()
        )
        parts.append(
            ngettext(
                "the {colour} ring, {values}, is {measure}",
                "the {colour} rings, {values}, are {measure}",
                len(rows),
            ).format(
                colour=colour_name(marks.colour(first["series"])),
                values=values,
                measure=palette.shown(first["measure_short"]),
            )
        )
    if not parts:
        return ""
    return _("In {panel} the targets are rings: {targets}.").format(
        panel=panel, targets=_("; ").join(parts)
    )


def _add_actuals(fig: go.Figure, runs: list[pd.DataFrame], kind: str | None) -> None:
    """One measure's actuals: solid within a run on one basis, a gap (None) between runs.

    The main chart names the entry by ``kind`` ("Actual"); the panel by the measure."""
    first = runs[0].iloc[0]
    xs: list = []
    ys: list = []
    hover: list = []
    for number, run in enumerate(runs):
        if number:
            xs.append(None)
            ys.append(None)
            hover.append([None, None, None, None])
        xs += [int(year) for year in run["year"]]
        ys += [float(value) for value in run["value_pct"]]
        hover += [
            [str(b), prose.on(m), s, v]
            for b, m, s, v in zip(
                run["basis"],
                run["estimate_made"],
                marks.sources(run),
                marks.values(run),
                strict=True,
            )
        ]
    main = first["series"] == MAIN
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            connectgaps=False,
            name=_("{kind}: {measure}").format(
                kind=kind, measure=palette.shown(first["measure_short"])
            )
            if kind
            else palette.shown(first["measure_short"]),
            legendrank=marks.legend_rank(first["series"], "actual", first["measure"]),
            legendgroup=first["measure"],
            meta={"category": palette.series_name(first["series"])},
            line=dict(color=marks.colour(first["series"]), width=3 if main else 2),
            marker=dict(size=8, symbol=marks.symbol(first["series"], first["measure"])),
            customdata=hover,
            hovertemplate=_(
                "<b>Actual, {year}</b>: {value}<br>{measure}<br>basis: {basis}<br>made {made}<br>"
                "Source: {source}"
            ).format(
                year="%{x}",
                value="%{customdata[3]}",
                measure=palette.shown(first["measure_short"]),
                basis="%{customdata[0]}",
                made="%{customdata[1]}",
                source="%{customdata[2]}",
            )
            + "<extra></extra>",
        )
    )


def _add_breaks(fig: go.Figure, breaks: pd.DataFrame, *, legend: bool) -> None:
    """Each break: a dotted bridge over the gap in the line's colour (no mark: a mark at every
    break of a yearly line reads as error bars); ``legend``: one entry says what it is."""
    for number, (series, rows) in enumerate(breaks.groupby("series", sort=False)):
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
                line=dict(color=marks.colour(series), dash="dot", width=1.5),
                name=_("Series break (dotted): a new release,<br>on another China IC market total"),
                meta={"category": palette.series_name(series)},
                legendrank=marks.legend_rank(series, "actual") + 1,
                showlegend=legend and number == 0,
                hoverinfo="skip",
            )
        )


def _add_forecasts(
    fig: go.Figure, current: pd.DataFrame, *, labelled: bool, named: set[str] | None = None
) -> None:
    """Each forecast as an open marker, joined by a dashed line to the actual it was made from;
    ``labelled``, with the year it was made. ``named``: the measures with a legend entry."""
    named = set() if named is None else named
    forecasts = current[current["kind"] == "forecast"].sort_values("year")
    for number, row in enumerate(forecasts.itertuples()):
        xs, ys = marks.forecast_points(current, row)
        main = row.series == MAIN
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers+text" if labelled else "lines+markers",
                name=_("Forecast (labelled with the year made)")
                if main
                else palette.shown(row.measure_short),
                legendrank=marks.legend_rank(row.series, "forecast", row.measure),
                legendgroup=f"{row.series}-forecast" if main else row.measure,
                meta={"category": palette.series_name(row.series)},
                showlegend=row.measure not in named,
                line=dict(color=marks.colour(row.series), dash="dash", width=1.5),
                marker=dict(
                    size=[0] * (len(xs) - 1) + [10],
                    symbol="circle-open"
                    if main
                    else f"{marks.symbol(row.series, row.measure)}-open",
                    line=dict(width=2),
                ),
                text=[""] * (len(xs) - 1) + [f"{row.estimate_made:%Y}"] if labelled else None,
                # Above and below in turn: forecasts a year apart have room on a phone.
                textposition="bottom center" if number % 2 else "top center",
                textfont=dict(size=10, color=marks.colour(row.series)),
                customdata=[
                    [
                        row.producer,
                        prose.on(row.estimate_made),
                        marks.one_source(row),
                        marks.value(row),
                    ]
                ]
                * len(xs),
                hovertemplate=marks.forecast_hover(row.measure_short),
            )
        )
        named.add(row.measure)


def _add_targets(fig: go.Figure, targets: pd.DataFrame, named: set[str] | None = None) -> None:
    """Targets: the main series' a labelled star, the others' rings (their measure's entry)."""
    named = set() if named is None else named
    for measure, rows in targets.groupby("measure", sort=False):
        first = rows.iloc[0]
        comparable = first["series"] == MAIN
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value_pct"],
                mode="markers+text" if comparable else "markers",
                name=_("Target: {measure}").format(measure=palette.shown(first["measure_short"]))
                if comparable
                else palette.shown(first["measure_short"]),
                legendrank=marks.legend_rank(first["series"], "target", first["measure"]),
                legendgroup=measure,
                showlegend=measure not in named,
                meta={"category": palette.series_name(first["series"])},
                marker=dict(
                    color=marks.colour(first["series"]),
                    size=16 if comparable else 18,
                    symbol="star" if comparable else "circle-open",
                    line=dict(width=2),
                ),
                text=[_target_label(v) for v in rows["value_pct"]] if comparable else None,
                textposition="middle left",
                textfont=dict(size=10, color=marks.colour(first["series"])),
                customdata=[
                    [p, s, v]
                    for p, s, v in zip(
                        rows["producer"], marks.sources(rows), marks.values(rows), strict=True
                    )
                ],
                hovertemplate=_(
                    "<b>Target for {year}</b>: {value}<br>{measure}<br>{producer}<br>Source: {source}"
                ).format(
                    year="%{x}",
                    value="%{customdata[2]}",
                    measure=palette.shown(first["measure_short"]),
                    producer="%{customdata[0]}",
                    source="%{customdata[1]}",
                )
                + "<extra></extra>",
            )
        )
        named.add(measure)


def _add_superseded(fig: go.Figure, rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=rows["year"],
            y=rows["value_pct"],
            mode="markers",
            name=_("Earlier figure for the same year (superseded)"),
            legendrank=90,
            marker=dict(
                color=[marks.colour(s) for s in rows["series"]],
                size=7,
                symbol="circle",
                opacity=0.3,
            ),
            customdata=[
                [prose.on(m), s]
                for m, s in zip(rows["estimate_made"], marks.sources(rows), strict=True)
            ],
            hovertemplate=_(
                "<b>Superseded, {year}</b>: {value}%, made {made}<br>Source: {source}"
            ).format(year="%{x}", value="%{y}", made="%{customdata[0]}", source="%{customdata[1]}")
            + "<extra></extra>",
        )
    )


def _years(fig: go.Figure, rows: pd.DataFrame) -> None:
    """A year axis with room for a whole marker at either end."""
    fig.update_xaxes(tickformat="d", dtick=5)
    if len(rows):
        fig.update_xaxes(range=[int(rows["year"].min()) - 1, int(rows["year"].max()) + 1])


def _target_label(value: float) -> str:
    # The goal's meaning is contested: say so beside the mark itself, not only in the note.
    return _("{value}% goal (IC Insights' reading;   <br>meaning contested)   ").format(
        value=f"{value:g}"
    )


def _finished(
    fig: go.Figure, *, title: str, note: str, alt: str, narrow_plot: int | None = None
) -> go.Figure:
    """Both charts' axes: the year each figure refers to, against a share in percent."""
    return layout.finish(
        fig,
        title=title,
        source=note,
        alt=alt,
        x_title=_("Year the figure refers to"),
        y_title=_("Share (%)"),
        narrow_plot=narrow_plot,
    )
