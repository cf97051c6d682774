"""Chapter 1's charts: jurisdictions by strength level over time, the timeline, the world map.

They draw what the chapter computed (``briefing.chapters.adoption``: the level curve, the
counts, each jurisdiction's strongest level), which the notebook passes in. Level names come
from the codebook (``briefing.vocabulary.restrictions``), and each level's colour and second cue from the chart
palette, by the level's name.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.charts import kinds
from briefing.charts.layout import finish
from briefing.charts.palette import FOCUS_COLOUR, FOCUS_SYMBOL, Style, level_name, style
from briefing.prose import on as when
from briefing.vocabulary import restrictions as vocab

# The charts stay legible (and the page small) however many jurisdictions act.
TIMELINE_LANES = 60
TIMELINE_MARKERS = 300
HOVER_DESCRIPTIONS = 300
CURVE_POINTS = 60
SOURCE = "restrictions table, coded by the codebook (Appendix A); sources in Appendix B"
DATE_TITLE = "Date announced (adopted or made public)"


def level_style(level: str) -> Style:
    return style(level_name(level))


def level_colours() -> dict[str, str]:
    """Each level's colour in the palette, strongest first."""
    return {level: level_style(level).colour for level in vocab.levels()}


def level_legend(level: str) -> str:
    """A level as the legends name it: its short label, and whether it binds."""
    name = level_name(level)
    binding = level in set(vocab.binding_levels())
    return name + ("" if binding or "binding" in name.lower() else " (not binding)")


def level_chart(
    curve: pd.DataFrame,
    counts: dict[str, int],
    strongest: pd.DataFrame,
    focus: str,
    day: dt.date | None = None,
) -> go.Figure:
    """Stacked steps: jurisdictions by the strongest level they had reached, strongest at the bottom.

    ``curve``, ``counts`` and ``strongest`` are the chapter's ``level_curve``, ``level_counts``
    and ``strongest``. Every level has a trace (and a legend entry), in the codebook's order;
    the steps run on to ``day``, the edition date, at the counts they had reached.
    """
    wide = _to_day(_thinned(curve), day)
    fig = go.Figure([_level_steps(wide, level, rank) for rank, level in _ranked_levels()])
    mine = strongest[strongest["jurisdiction"] == focus]
    if len(mine) and len(wide):
        fig.add_trace(_focus_step(wide, mine.iloc[0], focus))
    labels = vocab.level_labels()
    bound = sum(counts[level] for level in vocab.binding_levels())
    total = sum(counts.values())
    return finish(
        fig,
        title=(
            f"{counts[vocab.NAMED_BAN]} of {total} jurisdictions had a ban naming Huawei or ZTE; "
            f"{bound} had a binding measure of some strength"
        ),
        source=SOURCE,
        alt=(
            "Stacked step chart: jurisdictions counted once, at the strongest level they had reached, by date; "
            + "; ".join(f"{labels[level]}: {counts[level]}" for level in vocab.levels())
            + "."
        ),
        x_title=DATE_TITLE,
        y_title="Jurisdictions by strongest measure (count)",
    )


def _ranked_levels() -> list[tuple[int, str]]:
    return list(enumerate(vocab.levels(), start=1))


def _level_steps(wide: pd.DataFrame, level: str, rank: int) -> go.Scatter:
    """One level's band of the stack: its colour, with its fill pattern as the second cue."""
    look = level_style(level)
    counts = wide[level] if level in wide.columns else pd.Series(0, index=wide.index)
    return go.Scatter(
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
        meta={"category": level_name(level)},
        customdata=[when(d) for d in wide.index],
        hovertemplate="%{customdata}: %{y} jurisdictions<extra>%{fullData.name}</extra>",
    )


def _focus_step(wide: pd.DataFrame, mine: pd.Series, focus: str) -> go.Scatter:
    """The focus jurisdiction's marker, on top of the stack on the day it reached its strongest."""
    reached = mine["announced"]
    height = wide[wide.index <= reached].sum(axis=1)
    short = vocab.short_labels()[mine["level"]].lower()
    return go.Scatter(
        x=[reached.strftime("%Y-%m-%d")],
        y=[int(height.iloc[-1]) if len(height) else 0],
        mode="markers+text",
        text=[countries.name(focus)],
        textposition="top right",
        marker=dict(
            size=14, color=FOCUS_COLOUR, symbol=FOCUS_SYMBOL, line=dict(width=1, color="white")
        ),
        name=f"{countries.name(focus)} (focus): {short}",
        legendrank=len(vocab.levels()) + 1,
        customdata=[when(reached)],
        hovertemplate=(
            f"%{{text}}: {vocab.level_labels()[mine['level']].lower()} from %{{customdata}}"
            "<extra></extra>"
        ),
    )


def timeline_chart(events: pd.DataFrame, focus: str, day: dt.date | None = None) -> go.Figure:
    """One lane per jurisdiction (the first TIMELINE_LANES to act, and the focus), a marker per event.

    Lanes are named, markers take their level's style, and the time axis runs to ``day``.
    """
    firsts = events.groupby("jurisdiction")["announced"].min().sort_values(kind="stable")
    lanes = firsts.index[:TIMELINE_LANES].tolist()
    if focus in firsts.index and focus not in lanes:
        lanes.append(focus)
    shown, thinned = _timeline_rows(events[events["jurisdiction"].isin(lanes)])
    # Hover text carries the description only while the page stays small.
    described = len(shown) <= HOVER_DESCRIPTIONS
    binding = set(vocab.binding_levels())
    columns = ["id", "status_label", "level_label", "source_publisher", "when"]
    fig = kinds.lane_timeline(
        [
            kinds.Markers(
                level_legend(level),
                shown[shown["level"] == level],
                level_style(level).marker(size=10, hollow=level not in binding),
                meta={"category": level_name(level)},
            )
            for level in vocab.levels()
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
    return finish(
        fig,
        title=title + ("; the first measure of each level" if thinned else ""),
        source=SOURCE,
        alt="Timeline: one row per jurisdiction, one marker per measure, coloured and shaped by "
        "strength level; binding levels filled, the others hollow.",
        x_title=DATE_TITLE,
        y_title="Jurisdiction",
    )


def _timeline_rows(shown: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The timeline's markers in words, and whether they were thinned to keep the page small."""
    thinned = len(shown) > TIMELINE_MARKERS
    if thinned:
        # Past this many markers, each lane shows the first measure of each level.
        shown = shown.sort_values(["announced", "id"]).groupby(["jurisdiction", "level"]).head(1)
    rows = shown.assign(
        name=shown["jurisdiction"].map(_name),
        when=shown["announced"].map(when),
        status_label=shown["status"].map(vocab.labels("status")),
        level_label=shown["level"].map(vocab.level_labels()),
        source_publisher=shown.get("source_publisher", ""),
        description=shown["description"].map(lambda text: "<br>".join(_wrap(text))),
    )
    return rows, thinned


def map_chart(strongest: pd.DataFrame, events: pd.DataFrame, focus: str) -> go.Figure:
    """Countries coloured by the strongest level they had reached (the EU is not a country).

    ``strongest`` is the chapter's ``strongest``; ``events`` give each row's source.
    """
    mapped = strongest[strongest["jurisdiction"] != "EU"].copy()
    publishers = events.set_index("id").get("source_publisher", pd.Series(dtype=object))
    fig = go.Figure(_levels_map(mapped, publishers))
    if focus in set(mapped["jurisdiction"]):
        fig.add_trace(_focus_outline(focus))
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
    bans = int((mapped["level"] == vocab.NAMED_BAN).sum())
    return finish(
        fig,
        title=f"Strongest measure by country: {bans} of {len(mapped)} with a ban naming Huawei or ZTE",
        source=SOURCE + "; the EU is not shown on the map",
        alt="World map: countries coloured by the strongest level of measure on Huawei or ZTE they had reached.",
        x_title="",
        y_title="",
    )


def _levels_map(mapped: pd.DataFrame, publishers: pd.Series) -> go.Choropleth:
    """The countries in their strongest level's colour, one band of the scale per level."""
    order = vocab.levels()
    labels = vocab.level_labels()
    rank = {level: index for index, level in enumerate(order)}
    hover = [
        f"<b>{name}</b>: {labels[level].lower()}<br>from {when(day)}<br>"
        f"Source: {publishers.get(id_, '')}"
        for name, level, day, id_ in zip(
            mapped["name"], mapped["level"], mapped["announced"], mapped["id"], strict=True
        )
    ]
    steps = len(order)
    scale = []
    for index, colour in enumerate(level_colours().values()):
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    return go.Choropleth(
        locations=mapped["jurisdiction"].map(countries.alpha_3),
        z=mapped["level"].map(rank),
        name="Strongest measure",
        zmin=-0.5,
        zmax=steps - 0.5,
        text=hover,
        colorscale=scale,
        colorbar=dict(
            title="Strongest measure",
            tickvals=list(range(steps)),
            ticktext=[vocab.short_labels()[level] for level in order],
        ),
        marker_line_color="white",
        hovertemplate="%{text}<extra></extra>",
    )


def _focus_outline(focus: str) -> go.Choropleth:
    """The focus country outlined in the focus colour, over its level's fill."""
    return go.Choropleth(
        locations=[countries.alpha_3(focus)],
        z=[0],
        showscale=False,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        marker_line_color=FOCUS_COLOUR,
        marker_line_width=3,
        hoverinfo="skip",
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
        return pd.DataFrame(columns=vocab.levels(), index=pd.DatetimeIndex([]))
    wide = curve.pivot(index="date", columns="level", values="jurisdictions")[
        [level for level in vocab.levels() if level in set(curve["level"])]
    ]
    if len(wide) <= CURVE_POINTS:
        return wide
    return wide.resample("QE").last().ffill().astype(int)
