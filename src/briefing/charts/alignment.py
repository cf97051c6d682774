"""Chapter 4's charts: the milestone timeline and the two charts of lags behind the US."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.chapters import adoption, alignment
from briefing.chapters.alignment import BASELINE, COUNTERPART, count_phrase, lag_phrase
from briefing.charts import kinds, theme
from briefing.charts.adoption import level_colours

# Bars in the Huawei/ZTE lag chart: the first jurisdictions to follow the US (and the focus).
HUAWEI_BARS = 40
# One colour and one marker per kind; countermeasures get black crosses so China's lane
# reads as a different thing, and the focus colour (PALETTE[3]) is left free for the highlight.
KIND_STYLE = {
    "telecom_vendor_restriction": (theme.PALETTE[0], "circle"),
    "entity_listing": (theme.PALETTE[1], "diamond"),
    "export_control_chips": (theme.PALETTE[2], "square"),
    "export_control_law": (theme.PALETTE[4], "triangle-up"),
    "investment_screening": (theme.PALETTE[5], "star"),
    "economic_security_law": (theme.PALETTE[6], "hexagon"),
    "countermeasure": (theme.PALETTE[7], "x-thin-open"),
}
LIFTING_STYLE = {
    "color": theme.MUTED_COLOUR,
    "symbol": "circle-open",
    "size": 12,
    "line": {"width": 2},
}
COUNTERPART_BAND = kinds.Band(COUNTERPART, "#000000", 0.06)

MILESTONES_SOURCE = (
    "milestones table (data/curated/milestones.csv); one source per row, listed in Sources"
)
RESTRICTIONS_SOURCE = (
    "restrictions table (data/curated/restrictions.csv); one source per row, listed in Sources"
)
# What each lag chart says besides its title and alt text.
MILESTONE_LAG_CAPTIONS = {
    "source": MILESTONES_SOURCE,
    "x_title": "Days after the first US measure of the same kind (negative: ally first)",
    "y_title": "Ally: kind of measure",
}
HUAWEI_LAG_CAPTIONS = {
    "source": RESTRICTIONS_SOURCE,
    "x_title": "Days after the first US binding measure (any binding level of the codebook)",
    "y_title": "Jurisdiction",
}


def timeline_chart(milestones: pd.DataFrame, focus: str) -> go.Figure:
    """One lane per jurisdiction (US on top, China at the bottom), one marker per milestone."""
    lanes = lane_order(milestones)
    counted = alignment.restrictions_only(milestones)
    lifted = milestones[milestones["id"].isin(alignment.NOT_RESTRICTIONS)]
    fig = kinds.lane_timeline(
        [
            kinds.Markers(label, counted[counted["kind"] == kind], _kind_style(kind))
            for kind, label in alignment.KIND_LABELS.items()
        ]
        + [kinds.Markers("Lifting (not counted in lags)", lifted, LIFTING_STYLE)],
        lanes,
        hover_columns=["id", "title", "date_kind"],
        hovertemplate="%{customdata[1]}<br>%{x|%-d %b %Y} (%{customdata[2]})<extra>%{customdata[0]}</extra>",
        bands=[COUNTERPART_BAND, kinds.Band(focus, opacity=0.15)],
        lane_height=45,
        padding=220,
        min_height=420,
    )
    # Seven kinds make a long legend: it goes beside the plot, not between title and plot.
    fig.update_layout(
        margin={"r": 250},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
    )
    countermeasures = int((milestones["kind"] == "countermeasure").sum())
    allies = [lane for lane in lanes if lane not in (BASELINE, COUNTERPART)]
    return theme.finish(
        fig,
        title=(
            f"{count_phrase(int((counted['jurisdiction'] == BASELINE).sum()), 'US measure')}, "
            f"{int(counted['jurisdiction'].isin(allies).sum())} by {len(allies)} allies, "
            f"{count_phrase(countermeasures, 'Chinese countermeasure')}"
        ),
        source=MILESTONES_SOURCE,
        alt=(
            f"Timeline with one row per jurisdiction ({', '.join(lanes)}), one marker per milestone shaped and "
            f"coloured by kind; China's countermeasures are black crosses; the {focus} row is shaded."
        ),
        x_title="Date (the kind of date each row records)",
        y_title="Jurisdiction (ISO code)",
    )


def lane_order(milestones: pd.DataFrame) -> list[str]:
    """US first, then the allies by their first milestone, China last."""
    firsts = milestones.groupby("jurisdiction")["date"].min().sort_values(kind="stable")
    allies = [j for j in firsts.index if j not in (BASELINE, COUNTERPART)]
    return (
        [j for j in [BASELINE] if j in firsts.index]
        + allies
        + [j for j in [COUNTERPART] if j in firsts.index]
    )


def lag_chart(lags: pd.DataFrame, focus: str) -> go.Figure:
    """One bar per ally and kind: days after the first US measure of that kind."""
    ordered = lags.sort_values(["ally", "kind"], ascending=False)
    focused = ordered["ally"] == focus
    fig = kinds.lag_bars(
        ordered["lag_days"],
        [
            f"{countries.name(a)}: {alignment.KIND_LABELS[k].lower()}"
            for a, k in zip(ordered["ally"], ordered["kind"])
        ],
        focus=focused,
        colour=theme.PALETTE[0],
        customdata=ordered[["us_id", "ally_id"]],
        hovertemplate="%{y}: %{x} days<br>US: %{customdata[0]}<br>Ally: %{customdata[1]}<extra></extra>",
        row_height=34,
        year_days=alignment.YEAR_DAYS,
    )
    none = f"{count_phrase(len(lags), 'ally-kind pair')} matched a first US measure of the same kind; none for {countries.name(focus)}"
    title = _lag_title(ordered["lag_days"][focused], focus, "US measure of the same kind", none)
    alt = f"Horizontal bars: for {len(ordered)} ally-kind pairs, days from the first US measure of that kind to the ally's first; {focus} in the focus colour."
    return theme.finish(fig, title=title, alt=alt, **MILESTONE_LAG_CAPTIONS)


def huawei_lag_chart(lags: pd.DataFrame, focus: str) -> go.Figure:
    """One bar per jurisdiction: days after the first US binding Huawei/ZTE measure.

    Each bar takes the colour of the level of the measure it ends on (the focus its own
    colour), with one legend entry per level shown. The chart stays legible, and the page
    small, however many follow: it shows the first HUAWEI_BARS to follow, and the focus (the
    lags table download has them all).
    """
    first = lags.sort_values(["lag_days", "jurisdiction"]).head(HUAWEI_BARS)
    shown = pd.concat(
        [first, lags[(lags["jurisdiction"] == focus) & ~lags.index.isin(first.index)]]
    )
    ordered = shown.sort_values(["lag_days", "jurisdiction"], ascending=False)
    focused = ordered["jurisdiction"] == focus
    fig = kinds.lag_bars(
        ordered["lag_days"],
        ordered["jurisdiction"].map(countries.name),
        focus=focused,
        colour=theme.MUTED_COLOUR,
        customdata=ordered[["id", "announced", "level"]].assign(
            announced=ordered["announced"].dt.strftime("%Y-%m-%d"),
            level=ordered["level"].map(adoption.level_labels()),
        ),
        hovertemplate="%{y}: %{x} days (%{customdata[0]}, %{customdata[1]}: %{customdata[2]})<extra></extra>",
        row_height=22,
        year_days=alignment.YEAR_DAYS,
    )
    colours = level_colours()
    fig.data[0].marker.color = [
        theme.FOCUS_COLOUR if mine else colours[level]
        for mine, level in zip(focused, ordered["level"], strict=True)
    ]
    short = adoption.short_labels()
    for level in adoption.binding_levels():
        if (ordered["level"] == level).any():
            # A legend entry per level shown: an empty bar trace in the level's colour.
            fig.add_trace(
                go.Bar(x=[None], y=[None], marker_color=colours[level], name=short[level])
            )
    # The first followers' bars are short: the legend sits in the plot's top right corner.
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "v", "x": 0.99, "xanchor": "right", "y": 0.99, "yanchor": "top"},
    )
    fig.update_yaxes(tickfont={"size": 11})
    none = f"{count_phrase(len(lags), 'jurisdiction')} followed the first US binding Huawei/ZTE restriction; {countries.name(focus)} had none"
    title = _lag_title(
        ordered["lag_days"][focused], focus, "US binding Huawei/ZTE restriction", none
    )
    alt = f"Horizontal bars: for {len(ordered)} of {len(lags)} jurisdictions, days from the first US binding Huawei/ZTE measure to their own first, coloured by the level of that measure; {focus} in the focus colour."
    return theme.finish(fig, title=title, alt=alt, **HUAWEI_LAG_CAPTIONS)


def _kind_style(kind: str) -> dict:
    colour, symbol = KIND_STYLE[kind]
    return {"color": colour, "symbol": symbol, "size": 12, "line": {"width": 1, "color": "#333333"}}


def _lag_title(focus_lags: pd.Series, focus: str, against: str, none: str) -> str:
    """The focus's lag behind the first ``against`` (its median if several); ``none`` if it has none."""
    name = countries.name(focus)
    if focus_lags.empty:
        return none
    if len(focus_lags) == 1:
        return f"{name} acted {lag_phrase(int(focus_lags.iloc[0]))} the first {against}"
    return f"{name}: median lag {float(focus_lags.median()):g} days behind the first {against}"
