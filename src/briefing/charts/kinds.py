"""Reusable chart kinds: the shapes more than one chapter draws.

A kind draws rows a chapter's chart module has already chosen, labelled and styled; the
chart module then finishes the figure with ``layout.finish`` (title, source, alt text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from briefing.charts import palette
from briefing.translation import _

LINE_COLOUR = "#444444"


@dataclass(frozen=True)
class Markers:
    """One category of a lane timeline: its legend name, its rows and its marker style."""

    name: str
    rows: pd.DataFrame
    style: dict = field(default_factory=dict)
    meta: dict | None = None  # {"category": name in the palette}, for a category it styles


@dataclass(frozen=True)
class Band:
    """A shaded lane, such as the focus jurisdiction's."""

    lane: str
    colour: str = palette.FOCUS_COLOUR
    opacity: float = 0.12
    name: str | None = None  # its legend entry, for a band the reader must be told of (the focus)


def lane_timeline(
    categories: Iterable[Markers],
    lanes: Sequence[str],
    *,
    hover_columns: Sequence[str],
    hovertemplate: str,
    lane_height: int,
    padding: int,
    min_height: int,
    bands: Iterable[Band] = (),
    date: str = "date",
    lane: str = "jurisdiction",
) -> go.Figure:
    """One row per lane, ``lanes`` from top to bottom, and one marker trace per category.

    Categories without rows get no trace, so the legend lists only what the chart draws; a
    band with a name gets a legend entry, a square of its colour. ``hover_columns`` become
    each trace's ``customdata``; ``hovertemplate`` may name the category as
    ``%{fullData.name}``. The height is ``lane_height`` per lane plus ``padding`` for the
    title, legend and source line, and never below ``min_height``.
    """
    fig = go.Figure()
    for rank, category in enumerate(categories, start=1):
        if category.rows.empty:
            continue
        fig.add_trace(_markers(category, rank, hover_columns, hovertemplate, date, lane))
    bottom_up = list(lanes)[::-1]  # plotly draws the first category at the bottom
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=bottom_up)
    for band in bands:
        if band.lane in bottom_up:
            index = bottom_up.index(band.lane)
            fig.add_hrect(
                y0=index - 0.5,
                y1=index + 0.5,
                fillcolor=band.colour,
                opacity=band.opacity,
                line_width=0,
                layer="below",
            )
            if band.name:
                fig.add_trace(_band_entry(band))
    fig.update_layout(height=max(min_height, lane_height * len(bottom_up) + padding))
    return fig


def _markers(
    category: Markers,
    rank: int,
    hover_columns: Sequence[str],
    hovertemplate: str,
    date: str,
    lane: str,
) -> go.Scatter:
    """One category's markers, hover text from ``hover_columns``."""
    return go.Scatter(
        # Dates as text keep the page small; the axis still reads them as dates.
        x=category.rows[date].dt.strftime("%Y-%m-%d"),
        y=category.rows[lane],
        mode="markers",
        name=category.name,
        marker=category.style,
        customdata=category.rows[list(hover_columns)],
        hovertemplate=hovertemplate,
        legendrank=rank,
        meta=category.meta,
    )


def _band_entry(band: Band) -> go.Scatter:
    """A band's legend entry: a square in its colour, as the lane shows it, that draws nothing."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=band.name,
        marker={
            "symbol": "square",
            "size": 14,
            "color": band.colour,
            "opacity": min(1.0, band.opacity * 3),
            "line": {"width": 1, "color": band.colour},
        },
        legendrank=999,
        hoverinfo="skip",
    )


def lag_bars(
    lag_days: pd.Series,
    labels: Sequence[str],
    *,
    focus: Sequence[bool],
    colour: str,
    customdata: pd.DataFrame,
    hovertemplate: str,
    row_height: int,
    year_days: int,
) -> go.Figure:
    """Horizontal bars of lags in days, the first row at the bottom, with lines at 0 and one year.

    Bars where ``focus`` is true take the focus colour, the others ``colour``; each bar is
    labelled with its lag, outside the bar, and the x range leaves room for the labels.
    """
    fig = go.Figure(
        go.Bar(
            x=lag_days,
            y=labels,
            orientation="h",
            marker_color=[palette.FOCUS_COLOUR if mine else colour for mine in focus],
            text=lag_days,
            textposition="outside",
            customdata=customdata,
            hovertemplate=hovertemplate,
            showlegend=False,
            cliponaxis=False,
        )
    )
    fig.add_vline(
        x=year_days,
        line_dash="dot",
        line_color=LINE_COLOUR,
        annotation_text=_("1 year"),
        annotation_position="top",
    )
    fig.add_vline(x=0, line_color=LINE_COLOUR, line_width=1)
    low = min([0, *lag_days.astype(int)])
    high = max([year_days, *lag_days.astype(int)])
    pad = 0.12 * (high - low)
    fig.update_xaxes(range=[low - (pad if low < 0 else 0), high + pad])
    fig.update_layout(height=max(360, row_height * len(lag_days) + 220))
    fig.update_yaxes(automargin=True)
    return fig


def run_to(fig: go.Figure, dates: pd.Series, day: dt.date | None) -> None:
    """A time axis from a little before the first date to the edition date ``day``."""
    if day is None or dates.empty:
        return
    start = dates.min() - pd.Timedelta(days=60)
    end = pd.Timestamp(day) + pd.Timedelta(days=45)  # room for a marker on the day itself
    fig.update_xaxes(range=[f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"])


def styled_bars(
    fig: go.Figure,
    categories: Sequence[str],
    focus: Sequence[bool],
    focus_name: str,
    legend: Sequence[str],
) -> None:
    """Colour a lag chart's bars by category (the palette's colour and fill pattern), the focus's
    in the focus colour with a dark outline, and add a legend entry for each of ``legend``, the
    categories a bar of this chart can take, that a bar takes, in the palette's order."""
    bars = fig.data[0]
    looks = [palette.style(name) for name in categories]
    bars.marker.color = [
        palette.FOCUS_COLOUR if mine else look.colour
        for mine, look in zip(focus, looks, strict=True)
    ]
    bars.marker.pattern = {
        "shape": ["" if mine else look.pattern for mine, look in zip(focus, looks, strict=True)],
        # One background colour: left to default, it is the bars' list of colours, which
        # plotly.js takes for one colour and warns of ("Invalid color specifier"); an
        # overlaid pattern draws over each bar's own colour whatever it is.
        "bgcolor": "#FFFFFF",
        "fgcolor": "#333333",
        "fillmode": "overlay",
        "fgopacity": 0.5,
        "solidity": 0.25,
    }
    bars.marker.line = {
        "color": "#333333",
        "width": [palette.FOCUS_WIDTH if mine else 0 for mine in focus],
    }
    # A legend entry for each category a bar other than the focus's takes: the focus's bars
    # are in the focus colour, so a category only they take would name no bar.
    drawn = {name for name, mine in zip(categories, focus, strict=True) if not mine}
    for name in [name for name in palette.palette() if name in set(legend) & drawn]:
        fig.add_trace(_legend_bar(name))
    if any(focus):
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                orientation="h",
                name=_("{name} (focus)").format(name=focus_name),
                legendrank=len(palette.palette()) + 1,
                marker={
                    "color": palette.FOCUS_COLOUR,
                    "line": {"color": "#333333", "width": palette.FOCUS_WIDTH},
                },
            )
        )


def _legend_bar(name: str) -> go.Bar:
    """A legend entry for one category of a bar chart, in its colour and fill pattern."""
    look = palette.style(name)
    return go.Bar(
        x=[None],
        y=[None],
        orientation="h",
        name=palette.shown(name),
        meta={"category": name},
        legendrank=palette.legend_rank(name),
        marker={
            "color": look.colour,
            "pattern": {
                "shape": look.pattern,
                "fgcolor": "#333333",
                "fillmode": "overlay",
                "fgopacity": 0.5,
            },
        },
    )
