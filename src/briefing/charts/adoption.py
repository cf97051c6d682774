"""Chapter 1's charts: jurisdictions by headline category over time, the timeline, the world map.

They draw what the chapter computed (``briefing.chapters.adoption``: the category curve, the
counts, each jurisdiction's category), which the notebook passes in; the timeline marks
each row by its strength level. Level names come
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
from briefing.charts.palette import (
    FOCUS_COLOUR,
    FOCUS_SYMBOL,
    Style,
    category_name,
    level_name,
    style,
)
from briefing.charts.text import cited_rows
from briefing.prose import on as when
from briefing.vocabulary import restrictions as vocab

# The charts stay legible (and the page small) however many jurisdictions act.
TIMELINE_LANES = 60
TIMELINE_MARKERS = 300
HOVER_DESCRIPTIONS = 300
CURVE_POINTS = 60
SOURCE = "restrictions table, coded by the codebook (Appendix A); sources in Appendix B"
DATE_TITLE = "Date announced (adopted or made public)"
# The map centred east of Europe, cut to the inhabited latitudes: Europe, where most of the
# jurisdictions are, and East Asia side by side, the Americas at the left edge. On a phone it
# runs from the Atlantic to the Pacific, twice as large, and less tall (the map keeps its
# aspect): the whole world at 340 px would leave Europe's countries a few pixels wide.
MAP_VIEW = {
    "projection_type": "robinson",
    "projection_rotation_lon": 40,
    "lonaxis_range": [-130, 180],
    "lataxis_range": [-47, 75],
}
NARROW_MAP_VIEW = {
    "geo.projection.rotation.lon": 65,
    "geo.lonaxis.range": [-12, 155],
    "geo.lataxis.range": [-45, 71],
}
NARROW_MAP_PLOT = 250


def level_style(level: str) -> Style:
    return style(level_name(level))


def level_legend(level: str) -> str:
    """A level as the legends name it: its short label, and whether it binds."""
    name = level_name(level)
    binding = level in set(vocab.binding_levels())
    return name + ("" if binding or "binding" in name.lower() else " (not binding)")


def category_style(category: str) -> Style:
    return style(category_name(category))


def category_chart(
    curve: pd.DataFrame,
    counts: dict[str, int],
    standings: pd.DataFrame,
    focus: str,
    day: dt.date | None = None,
    *,
    events: pd.DataFrame,
) -> go.Figure:
    """Stacked steps: jurisdictions by the category they had reached, strongest at the bottom.

    ``curve``, ``counts`` and ``standings`` are the chapter's ``category_curve``,
    ``category_counts`` and ``standing``. Every category has a trace (and a legend entry), in
    the codebook's order; the steps run on to ``day``, the edition date. ``events`` give the
    focus marker's source (the row that put the focus in its category).
    """
    wide = _to_day(_thinned(curve), day)
    fig = go.Figure([_category_steps(wide, code, rank) for rank, code in _ranked_categories()])
    mine = standings[standings["jurisdiction"] == focus]
    if len(mine) and len(wide):
        sources = pd.Series(cited_rows(events), index=events["id"], dtype=object)
        fig.add_trace(_focus_step(wide, mine.iloc[0], focus, sources.get(mine.iloc[0]["id"], "")))
    labels = vocab.category_labels()
    took = sum(counts.values()) - counts[vocab.DECLINED]
    applied = counts[vocab.NATIONWIDE_BAN] + counts[vocab.NEUTRAL_RESTRICTION]
    return finish(
        fig,
        title=(
            f"{counts[vocab.NATIONWIDE_BAN]} of {took} jurisdictions that took a measure had a "
            f"nationwide ban naming Huawei or ZTE; {applied} had a restriction applied across "
            "the market"
        ),
        source=SOURCE,
        alt=(
            "Stacked step chart: jurisdictions counted once, in the first category their measures "
            "reached, by date; "
            + "; ".join(f"{labels[code]}: {counts[code]}" for code in vocab.categories())
            + "."
        ),
        x_title=DATE_TITLE,
        y_title="Jurisdictions by category (count)",
    )


def _ranked_categories() -> list[tuple[int, str]]:
    return list(enumerate(vocab.categories(), start=1))


def _category_steps(wide: pd.DataFrame, category: str, rank: int) -> go.Scatter:
    """One category's band of the stack: its colour, with its fill pattern as the second cue."""
    look = category_style(category)
    counts = wide[category] if category in wide.columns else pd.Series(0, index=wide.index)
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
        stackgroup="categories",
        name=category_name(category),
        legendrank=rank,
        meta={"category": category_name(category)},
        customdata=[when(d) for d in wide.index],
        hovertemplate=(
            "%{customdata}: %{y} jurisdictions<br>counted from the restrictions table, "
            "each row's source in Appendix B<extra>%{fullData.name}</extra>"
        ),
    )


def _focus_step(wide: pd.DataFrame, mine: pd.Series, focus: str, source: str) -> go.Scatter:
    """The focus jurisdiction's marker, on top of the stack on the day it reached its category."""
    reached = mine["announced"]
    height = wide[wide.index <= reached].sum(axis=1)
    short = vocab.category_short_labels()[mine["category"]].lower()
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
        legendrank=len(vocab.categories()) + 1,
        customdata=[when(reached)],
        hovertemplate=(
            f"%{{text}}: {vocab.category_labels()[mine['category']].lower()} from %{{customdata}}"
            f"<br>Source: {source}<extra></extra>"
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
    columns = ["id", "status_label", "level_label", "source", "when"]
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
        bands=[kinds.Band(_name(focus), name=f"{_name(focus)} (focus): shaded row")],
        lane_height=18,
        padding=180,
        min_height=500,
        date="announced",
        lane="name",
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
        source=cited_rows(shown),
        description=shown["description"].map(lambda text: "<br>".join(_wrap(text))),
    )
    return rows, thinned


def map_chart(standings: pd.DataFrame, events: pd.DataFrame, focus: str) -> go.Figure:
    """Countries coloured by the category they stood in (the EU is not a country).

    ``standings`` is the chapter's ``standing``; ``events`` give each row's source (publisher
    and date, in its tooltip). The title
    counts the countries on the map; the source line says where the EU stands, so that the
    map's count and Figure 1.1's (which counts the EU) can be told apart.
    """
    mapped = standings[standings["jurisdiction"] != "EU"].copy()
    sources = pd.Series(cited_rows(events), index=events["id"], dtype=object)
    fig = go.Figure(_categories_map(mapped, sources))
    if focus in set(mapped["jurisdiction"]):
        fig.add_traces(_focus_marks(focus))
        fig.update_layout(showlegend=True)  # the focus's one entry: the colour bar has the rest
    fig.update_geos(
        showframe=False,
        showcoastlines=False,
        showland=True,
        landcolor="#EEEEEE",
        showcountries=True,
        countrycolor="white",
        **MAP_VIEW,
    )
    fig.update_layout(height=560)  # a plot area of 380 px: the map keeps its aspect
    bans = int((mapped["category"] == vocab.NATIONWIDE_BAN).sum())
    took = int((mapped["category"] != vocab.DECLINED).sum())
    eu = standings[standings["jurisdiction"] == "EU"]
    eu_note = (
        f"; the EU ({vocab.category_labels()[eu['category'].iloc[0]].lower()}) is not a country "
        "and is not mapped"
        if len(eu)
        else ""
    )
    return finish(
        fig,
        title=f"Where each country stood: {bans} of {took} that took a measure with a nationwide "
        "ban naming Huawei or ZTE",
        source=SOURCE + eu_note,
        alt="World map: countries coloured by the category their measures on Huawei or ZTE "
        "had reached.",
        x_title="",
        y_title="",
        narrow_layout=NARROW_MAP_VIEW,
        narrow_plot=NARROW_MAP_PLOT,
    )


def _categories_map(mapped: pd.DataFrame, sources: pd.Series) -> go.Choropleth:
    """The countries in their category's colour, one band of the scale per category."""
    order = vocab.categories()
    labels = vocab.category_labels()
    rank = {code: index for index, code in enumerate(order)}
    hover = [
        f"<b>{name}</b>: {labels[code].lower()}<br>from {when(day)}<br>"
        f"Source: {sources.get(id_, '')}"
        for name, code, day, id_ in zip(
            mapped["name"], mapped["category"], mapped["announced"], mapped["id"], strict=True
        )
    ]
    steps = len(order)
    scale = []
    for index, code in enumerate(order):
        colour = category_style(code).colour
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    return go.Choropleth(
        locations=mapped["jurisdiction"].map(countries.alpha_3),
        z=mapped["category"].map(rank),
        name="Category",
        zmin=-0.5,
        zmax=steps - 0.5,
        text=hover,
        colorscale=scale,
        colorbar=dict(
            title="Where it stood",
            tickvals=list(range(steps)),
            ticktext=[vocab.category_short_labels()[code] for code in order],
        ),
        marker_line_color="white",
        hovertemplate="%{text}<extra></extra>",
    )


def _focus_marks(focus: str) -> list:
    """The focus country outlined in black over its category's fill (an outline in the focus
    colour reads, round a small country, as the fill of another category), and the focus's
    marker and name on it, which the legend names."""
    outline = go.Choropleth(
        locations=[countries.alpha_3(focus)],
        z=[0],
        showscale=False,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        marker_line_color="#222222",
        marker_line_width=1.5,
        hoverinfo="skip",
    )
    marker = go.Scattergeo(
        locations=[countries.alpha_3(focus)],
        locationmode="ISO-3",
        mode="markers+text",
        text=[_name(focus)],
        textposition="bottom center",  # the focus may lie at the map's edge, as Japan does
        textfont=dict(size=12, color="#222222"),
        marker=dict(
            size=14, color=FOCUS_COLOUR, symbol=FOCUS_SYMBOL, line=dict(width=1, color="white")
        ),
        name=f"{_name(focus)} (focus)",
        hoverinfo="skip",
    )
    return [outline, marker]


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
    """The curve as one column per category, by date; at most one row per quarter past CURVE_POINTS."""
    if curve.empty:
        return pd.DataFrame(columns=vocab.categories(), index=pd.DatetimeIndex([]))
    wide = curve.pivot(index="date", columns="category", values="jurisdictions")[
        [code for code in vocab.categories() if code in set(curve["category"])]
    ]
    if len(wide) <= CURVE_POINTS:
        return wide
    return wide.resample("QE").last().ffill().astype(int)
