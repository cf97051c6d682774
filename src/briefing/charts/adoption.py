"""Chapter 1's charts: jurisdictions by strength level over time, the timeline, the world map.

Level names come from the codebook (through the chapter module), and each level's colour
and second cue from the chart palette (``theme.palette``), by the level's name.
"""

from __future__ import annotations

import datetime as dt
import textwrap

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
SOURCE = "restrictions table, coded by the codebook (Appendix A); sources in Appendix B"


def level_style(level: str) -> theme.Style:
    return theme.style(theme.level_name(level))


def level_colours() -> dict[str, str]:
    """Each level's colour in the palette, strongest first."""
    return {level: level_style(level).colour for level in adoption.levels()}


def level_legend(level: str) -> str:
    """A level as the legends name it: its short label, and whether it binds."""
    name = theme.level_name(level)
    binding = level in set(adoption.binding_levels())
    return name + ("" if binding or "binding" in name.lower() else " (not binding)")


def level_chart(events: pd.DataFrame, focus: str, day: dt.date | None = None) -> go.Figure:
    """Stacked steps: jurisdictions by the strongest level they had reached, strongest at the bottom.

    Every level has a trace (and a legend entry), in the codebook's order; the steps run on to
    ``day``, the edition date, at the counts they had reached.
    """
    curve = adoption.level_curve(events)
    labels = adoption.level_labels()
    short = adoption.short_labels()
    wide = _to_day(_thinned(curve), day)
    fig = go.Figure()
    for rank, level in enumerate(adoption.levels(), start=1):
        look = level_style(level)
        counts = wide[level] if level in wide.columns else pd.Series(0, index=wide.index)
        fig.add_trace(
            go.Scatter(
                x=wide.index.strftime("%Y-%m-%d"),
                y=counts,
                mode="lines",
                line=dict(shape="hv", width=0.5, color=look.colour),
                fillcolor=look.colour,
                fillpattern=dict(
                    shape=look.pattern,
                    bgcolor=look.colour,
                    fgcolor="#333333",
                    fgopacity=0.4,
                    size=8,
                    solidity=0.2,
                ),
                stackgroup="levels",
                name=level_legend(level),
                legendrank=rank,
                meta={"category": theme.level_name(level)},
                customdata=[theme.when(d) for d in wide.index],
                hovertemplate="%{customdata}: %{y} jurisdictions<extra>%{fullData.name}</extra>",
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
                marker=dict(
                    size=14,
                    color=theme.FOCUS_COLOUR,
                    symbol=theme.FOCUS_SYMBOL,
                    line=dict(width=1, color="white"),
                ),
                name=f"{countries.name(focus)} (focus): {short[mine['level'].iloc[0]].lower()}",
                legendrank=len(adoption.levels()) + 1,
                customdata=[theme.when(reached)],
                hovertemplate=(
                    f"%{{text}}: {labels[mine['level'].iloc[0]].lower()} from %{{customdata}}"
                    "<extra></extra>"
                ),
            )
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


def timeline_chart(events: pd.DataFrame, focus: str, day: dt.date | None = None) -> go.Figure:
    """One lane per jurisdiction (the first TIMELINE_LANES to act, and the focus), a marker per event.

    Lanes are named, markers take their level's style, and the time axis runs to ``day``.
    """
    firsts = events.groupby("jurisdiction")["announced"].min().sort_values(kind="stable")
    lanes = firsts.index[:TIMELINE_LANES].tolist()
    if focus in firsts.index and focus not in lanes:
        lanes.append(focus)
    shown = events[events["jurisdiction"].isin(lanes)]
    thinned = len(shown) > TIMELINE_MARKERS
    if thinned:
        # Past this many markers, each lane shows the first measure of each level.
        shown = shown.sort_values(["announced", "id"]).groupby(["jurisdiction", "level"]).head(1)
    level_labels = adoption.level_labels()
    shown = shown.assign(
        name=shown["jurisdiction"].map(_name),
        when=shown["announced"].map(theme.when),
        status_label=shown["status"].map(adoption.labels("status")),
        level_label=shown["level"].map(level_labels),
        source_publisher=shown.get("source_publisher", ""),
        description=shown["description"].map(lambda text: "<br>".join(_wrap(text))),
    )
    # Hover text carries the description only while the page stays small.
    described = len(shown) <= HOVER_DESCRIPTIONS
    binding = set(adoption.binding_levels())
    columns = ["id", "status_label", "level_label", "source_publisher", "when"]
    fig = kinds.lane_timeline(
        [
            kinds.Markers(
                level_legend(level),
                shown[shown["level"] == level],
                level_style(level).marker(size=10, hollow=level not in binding),
                meta={"category": theme.level_name(level)},
            )
            for level in adoption.levels()
        ],
        [_name(code) for code in sorted(lanes, key=lambda code: (firsts[code], code))],
        hover_columns=columns + (["description"] if described else []),
        hovertemplate="<b>%{y}</b>, %{customdata[4]}<br>%{customdata[2]} (%{customdata[1]})<br>"
        + ("%{customdata[5]}<br>" if described else "")
        + "Source: %{customdata[3]}<extra></extra>",
        bands=[kinds.Band(_name(focus))],
        lane_height=18,
        padding=180,
        min_height=500,
        date="announced",
        lane="name",
        keep_empty=True,
    )
    fig.update_yaxes(tickfont=dict(size=10), automargin=True)
    kinds.run_to(fig, events["announced"], day)
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
        alt="Timeline: one row per jurisdiction, one marker per measure, coloured and shaped by "
        "strength level; binding levels filled, the others hollow.",
        x_title="Date announced (adopted or made public)",
        y_title="Jurisdiction",
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
    publishers = events.set_index("id").get("source_publisher", pd.Series(dtype=object))
    mapped["hover"] = [
        f"<b>{name}</b>: {labels[level].lower()}<br>from {theme.when(day)}<br>"
        f"Source: {publishers.get(id_, '')}"
        for name, level, day, id_ in zip(
            mapped["name"], mapped["level"], mapped["announced"], mapped["id"], strict=True
        )
    ]
    steps = len(order)
    scale = []
    for index, colour in enumerate(level_colours().values()):
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    fig = go.Figure(
        go.Choropleth(
            locations=mapped["iso3"],
            z=mapped["strength"],
            name="Strongest measure",
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
    fig.update_layout(height=560)  # a plot area of 380 px: the map keeps its aspect
    bans = int((mapped["level"] == adoption.NAMED_BAN).sum())
    return theme.finish(
        fig,
        title=f"Strongest measure by country: {bans} of {len(mapped)} with a ban naming Huawei or ZTE",
        source=SOURCE + "; the EU is not shown on the map",
        alt="World map: countries coloured by the strongest level of measure on Huawei or ZTE they had reached.",
        x_title="",
        y_title="",
    )


def _name(code: str) -> str:
    return countries.name(code) or code


def _wrap(text: str, width: int = 60) -> list[str]:
    return textwrap.wrap(str(text), width=width) or [""]


def _to_day(wide: pd.DataFrame, day: dt.date | None) -> pd.DataFrame:
    """The curve carried on to ``day`` at its last counts (a step line ends at the edition date)."""
    if day is None or wide.empty or wide.index[-1] >= pd.Timestamp(day):
        return wide
    last = wide.iloc[[-1]].copy()
    last.index = pd.DatetimeIndex([pd.Timestamp(day)], name=wide.index.name)
    return pd.concat([wide, last])


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
