"""Chapter 1's charts: jurisdictions by strength level over time, the timeline, the world map.

Level names come from the codebook (through the chapter module); this module only chooses
how each level looks, by its place on the strength scale.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.chapters import adoption
from briefing.charts import kinds, theme

# The charts stay legible (and the page small) however many jurisdictions act.
TIMELINE_LANES = 60
TIMELINE_MARKERS = 300
HOVER_DESCRIPTIONS = 300
CURVE_POINTS = 60
# One colour per level, strongest first: the binding levels in blues from dark to light,
# de-facto exclusion reddish purple, non-binding grey, declined bluish green (Okabe-Ito
# where it has the hue). The focus colour (theme.FOCUS_COLOUR) is left free for the highlight.
LEVEL_COLOURS = ["#08306B", "#2171B5", "#6BAED6", "#A9CCE3", "#CC79A7", "#9A9A9A", "#009E73"]
SOURCE = "restrictions table, coded by the codebook (data/codebook.json); sources in the appendix"


def level_colours() -> dict[str, str]:
    return dict(zip(adoption.levels(), LEVEL_COLOURS, strict=True))


def level_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    """Stacked steps: jurisdictions by the strongest level they had reached, strongest at the bottom."""
    curve = adoption.level_curve(events)
    labels = adoption.level_labels()
    short = adoption.short_labels()
    colours = level_colours()
    wide = _thinned(curve)
    binding = set(adoption.binding_levels())
    fig = go.Figure()
    for level in adoption.levels():
        if level not in wide.columns:
            continue
        fig.add_trace(
            go.Scatter(
                x=wide.index.strftime("%Y-%m-%d"),
                y=wide[level],
                mode="lines",
                line=dict(shape="hv", width=0.5, color=colours[level]),
                fillcolor=colours[level],
                stackgroup="levels",
                name=short[level] + ("" if level in binding else " (not binding)"),
                hovertemplate="%{x}: %{y} at this level<extra>%{fullData.name}</extra>",
            )
        )
    counts = adoption.level_counts(events)
    best = adoption.strongest(events)
    mine = best[best["jurisdiction"] == focus]
    if len(mine) and len(wide):
        reached = mine["announced"].iloc[0]
        height = wide[wide.index <= reached].sum(axis=1)
        fig.add_trace(
            go.Scatter(
                x=[reached.strftime("%Y-%m-%d")],
                y=[int(height.iloc[-1]) if len(height) else 0],
                mode="markers+text",
                text=[countries.name(focus)],
                textposition="top right",
                marker=dict(size=12, color=theme.FOCUS_COLOUR, symbol="diamond"),
                name=f"{countries.name(focus)} (focus): {short[mine['level'].iloc[0]].lower()}",
                hovertemplate="%{text} %{x}<extra></extra>",
            )
        )
    fig.update_layout(
        margin={"r": 230},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
    )
    ban = counts[adoption.NAMED_BAN]
    bound = sum(counts[level] for level in adoption.binding_levels())
    total = sum(counts.values())
    return theme.finish(
        fig,
        title=(
            f"{ban} of {total} jurisdictions had a ban naming Huawei or ZTE; "
            f"{bound} had a binding measure of some strength"
        ),
        source=SOURCE,
        alt=(
            "Stacked step chart: jurisdictions counted once, at the strongest level they had reached, by date; "
            + "; ".join(f"{labels[level]}: {counts[level]}" for level in adoption.levels())
            + "."
        ),
        x_title="Date announced (adopted or made public)",
        y_title="Jurisdictions by strongest measure (count)",
    )


def timeline_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    """One lane per jurisdiction (the first TIMELINE_LANES to act, and the focus), a marker per event."""
    firsts = events.groupby("jurisdiction")["announced"].min().sort_values(kind="stable")
    lanes = firsts.index[:TIMELINE_LANES].tolist()
    if focus in firsts.index and focus not in lanes:
        lanes.append(focus)
    shown = events[events["jurisdiction"].isin(lanes)]
    thinned = len(shown) > TIMELINE_MARKERS
    if thinned:
        # Past this many markers, each lane shows the first measure of each level.
        shown = shown.sort_values(["announced", "id"]).groupby(["jurisdiction", "level"]).head(1)
    shown = shown.assign(status_label=shown["status"].map(adoption.labels("status")))
    # Hover text carries the description only while the page stays small.
    described = len(shown) <= HOVER_DESCRIPTIONS
    binding = set(adoption.binding_levels())
    colours = level_colours()
    short = adoption.short_labels()
    fig = kinds.lane_timeline(
        [
            kinds.Markers(
                short[level] + ("" if level in binding else " (not binding)"),
                shown[shown["level"] == level],
                dict(
                    size=10,
                    color=colours[level],
                    symbol="circle" if level in binding else "circle-open",
                    line=dict(width=2 if level not in binding else 0.5, color=colours[level]),
                ),
            )
            for level in adoption.levels()
        ],
        sorted(lanes, key=lambda code: (firsts[code], code)),
        hover_columns=["id", "status_label", "description"]
        if described
        else ["id", "status_label"],
        hovertemplate="%{y} %{x|%Y-%m-%d} (%{customdata[1]})<br>"
        + ("%{customdata[2]}" if described else "%{fullData.name}")
        + "<extra>%{customdata[0]}</extra>",
        bands=[kinds.Band(focus)],
        lane_height=18,
        padding=180,
        min_height=500,
        date="announced",
    )
    fig.update_yaxes(tickfont=dict(size=10))
    # Seven levels make a long legend: it goes beside the plot, not between title and plot.
    fig.update_layout(
        margin={"r": 230},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
    )
    total = len(firsts)
    title = (
        f"Every measure in {total} jurisdictions, one row each, ordered by first measure"
        if len(lanes) == total
        else f"The first {TIMELINE_LANES} of {total} jurisdictions to act, one row each"
    )
    if thinned:
        title += "; the first measure of each level"
    return theme.finish(
        fig,
        title=title,
        source=SOURCE,
        alt="Timeline: one row per jurisdiction, one marker per measure, coloured by strength level; "
        "binding levels filled, the others hollow.",
        x_title="Date announced (adopted or made public)",
        y_title="Jurisdiction (ISO code)",
    )


def map_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    """Countries coloured by the strongest level they had reached (the EU is not a country)."""
    best = adoption.strongest(events)
    mapped = best[best["jurisdiction"] != "EU"].copy()
    order = adoption.levels()
    labels = adoption.level_labels()
    short = adoption.short_labels()
    rank = {level: index for index, level in enumerate(order)}
    mapped["iso3"] = mapped["jurisdiction"].map(countries.alpha_3)
    mapped["strength"] = mapped["level"].map(rank)
    mapped["hover"] = [
        f"{name}: {labels[level].lower()}, first on {day:%Y-%m-%d} ({id_})"
        for name, level, day, id_ in zip(
            mapped["name"], mapped["level"], mapped["announced"], mapped["id"], strict=True
        )
    ]
    steps = len(order)
    scale = []
    for index, colour in enumerate(LEVEL_COLOURS):
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    fig = go.Figure(
        go.Choropleth(
            locations=mapped["iso3"],
            z=mapped["strength"],
            zmin=-0.5,
            zmax=steps - 0.5,
            text=mapped["hover"],
            colorscale=scale,
            colorbar=dict(
                title="Strongest measure",
                tickvals=list(range(steps)),
                ticktext=[short[level] for level in order],
            ),
            marker_line_color="white",
            hovertemplate="%{text}<extra></extra>",
        )
    )
    if focus in set(mapped["jurisdiction"]):
        fig.add_trace(
            go.Choropleth(
                locations=[countries.alpha_3(focus)],
                z=[0],
                showscale=False,
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                marker_line_color=theme.FOCUS_COLOUR,
                marker_line_width=3,
                hoverinfo="skip",
            )
        )
    fig.update_geos(
        showframe=False,
        showcoastlines=False,
        showland=True,
        landcolor="#EEEEEE",
        showcountries=True,
        countrycolor="white",
        projection_type="natural earth",
    )
    bans = int((mapped["level"] == adoption.NAMED_BAN).sum())
    return theme.finish(
        fig,
        title=f"Strongest measure by country: {bans} of {len(mapped)} with a ban naming Huawei or ZTE",
        source=SOURCE + "; the EU is not shown on the map",
        alt="World map: countries coloured by the strongest level of measure on Huawei or ZTE they had reached.",
        x_title="",
        y_title="",
    )


def _thinned(curve: pd.DataFrame) -> pd.DataFrame:
    """The curve as one column per level, by date; at most one row per quarter past CURVE_POINTS."""
    if curve.empty:
        return pd.DataFrame(columns=adoption.levels(), index=pd.DatetimeIndex([]))
    wide = curve.pivot(index="date", columns="level", values="jurisdictions")[
        [level for level in adoption.levels() if level in set(curve["level"])]
    ]
    if len(wide) <= CURVE_POINTS:
        return wide
    return wide.resample("QE").last().ffill().astype(int)
