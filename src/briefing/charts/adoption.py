"""Chapter 1's charts: jurisdictions by headline category over time, the timeline, the world map.

They draw what the chapter computed (``briefing.chapters.adoption``: the category curve, the
counts, each jurisdiction's category), which the notebook passes in; the timeline marks
each row by its strength level. Level names come
from the codebook (``briefing.vocabulary.restrictions``), and each level's colour and second cue from the chart
palette, by the level's name.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.charts import kinds, palette
from briefing.charts._adoption_map import SOURCE, map_chart
from briefing.charts.layout import finish
from briefing.charts.palette import (
    FOCUS_COLOUR,
    FOCUS_SYMBOL,
    Style,
    category_name,
    level_name,
    style,
)
from briefing.charts.text import cited_rows, hover_lines, lower
from briefing.prose import on as when
from briefing.translation import N_, _
from briefing.vocabulary import restrictions as vocab

__all__ = ["category_chart", "level_legend", "level_style", "map_chart", "timeline_chart"]

# The charts stay legible (and the page small) however many jurisdictions act.
TIMELINE_LANES = 60
TIMELINE_MARKERS = 300
HOVER_DESCRIPTIONS = 300
CURVE_POINTS = 60
DATE_TITLE = N_("Date announced (adopted or made public)")


def level_style(level: str) -> Style:
    return style(level_name(level))


def level_legend(level: str) -> str:
    """A level as the legends name it: its short label, and whether it binds."""
    name = level_name(level)
    binding = level in set(vocab.binding_levels())
    if binding or "binding" in name.lower():
        return palette.shown(name)
    return _("{level} (not binding)").format(level=palette.shown(name))


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
    each = _("; ").join(
        _("{category}: {count}").format(category=palette.shown(labels[code]), count=counts[code])
        for code in vocab.categories()
    )
    return finish(
        fig,
        title=_(
            "{bans} of {took} jurisdictions that took a measure had a nationwide ban naming "
            "Huawei or ZTE; {applied} had a restriction applied across the market"
        ).format(bans=counts[vocab.NATIONWIDE_BAN], took=took, applied=applied),
        source=_(SOURCE),
        alt=_(
            "Stacked step chart: jurisdictions counted once, in the first category their "
            "measures reached, by date; {counts}."
        ).format(counts=each),
        x_title=_(DATE_TITLE),
        y_title=_("Jurisdictions by category (count)"),
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
        name=palette.shown(category_name(category)),
        legendrank=rank,
        meta={"category": category_name(category)},
        customdata=[when(d) for d in wide.index],
        hovertemplate=_(
            "{date}: {count} jurisdictions<br>counted from the restrictions table, "
            "each row's source in Appendix B"
        ).format(date="%{customdata}", count="%{y}")
        + "<extra>%{fullData.name}</extra>",
    )


def _focus_step(wide: pd.DataFrame, mine: pd.Series, focus: str, source: str) -> go.Scatter:
    """The focus jurisdiction's marker, on top of the stack on the day it reached its category."""
    reached = mine["announced"]
    height = wide[wide.index <= reached].sum(axis=1)
    short = lower(palette.shown(vocab.category_short_labels()[mine["category"]]))
    label = lower(palette.shown(vocab.category_labels()[mine["category"]]))
    return go.Scatter(
        x=[reached.strftime("%Y-%m-%d")],
        y=[int(height.iloc[-1]) if len(height) else 0],
        mode="markers+text",
        text=[_name(focus)],
        textposition="top right",
        marker=dict(
            size=14, color=FOCUS_COLOUR, symbol=FOCUS_SYMBOL, line=dict(width=1, color="white")
        ),
        name=_("{name} (focus): {category}").format(name=_name(focus), category=short),
        legendrank=len(vocab.categories()) + 1,
        customdata=[when(reached)],
        hovertemplate=_("{name}: {category} from {date}<br>Source: {source}").format(
            name="%{text}", category=label, date="%{customdata}", source=source
        )
        + "<extra></extra>",
    )


def timeline_chart(events: pd.DataFrame, focus: str, day: dt.date | None = None) -> go.Figure:
    """One lane per jurisdiction (the first TIMELINE_LANES to act, and the focus), a marker per event.

    Lanes are named, markers take their level's style, and the time axis runs to ``day``.
    """
    firsts = events.groupby("jurisdiction")["announced"].min().sort_values(kind="stable")
    lanes = _timeline_lanes(firsts, focus)
    shown, thinned = _timeline_rows(events[events["jurisdiction"].isin(lanes)])
    # Hover text carries the description only while the page stays small.
    described = len(shown) <= HOVER_DESCRIPTIONS
    columns = ["id", "status_label", "level_label", "source", "when"]
    fig = kinds.lane_timeline(
        _level_markers(shown),
        [_name(code) for code in sorted(lanes, key=lambda code: (firsts[code], code))],
        hover_columns=columns + (["description"] if described else []),
        hovertemplate=_timeline_hover(described),
        bands=[
            kinds.Band(_name(focus), name=_("{name} (focus): shaded row").format(name=_name(focus)))
        ],
        lane_height=18,
        padding=180,
        min_height=500,
        date="announced",
        lane="name",
    )
    fig.update_yaxes(tickfont=dict(size=10), automargin=True)
    kinds.run_to(fig, events["announced"], day)
    total = len(firsts)
    return finish(
        fig,
        title=_timeline_title(len(lanes) == total, thinned).format(
            total=total, lanes=TIMELINE_LANES
        ),
        source=_(SOURCE),
        alt=_(
            "Timeline: one row per jurisdiction, one marker per measure, coloured and shaped by "
            "strength level; binding levels filled, the others hollow."
        ),
        x_title=_(DATE_TITLE),
        y_title=_("Jurisdiction"),
    )


def _level_markers(shown: pd.DataFrame) -> list[kinds.Markers]:
    """A category per strength level, in the codebook's order: binding levels filled, the
    others hollow."""
    binding = set(vocab.binding_levels())
    return [
        kinds.Markers(
            level_legend(level),
            shown[shown["level"] == level],
            level_style(level).marker(size=10, hollow=level not in binding),
            meta={"category": level_name(level)},
        )
        for level in vocab.levels()
    ]


def _timeline_lanes(firsts: pd.Series, focus: str) -> list[str]:
    """The jurisdictions given a lane: the first TIMELINE_LANES to act (``firsts``, each one's
    first day, in order), and the focus."""
    lanes = firsts.index[:TIMELINE_LANES].tolist()
    if focus in firsts.index and focus not in lanes:
        lanes.append(focus)
    return lanes


def _timeline_hover(described: bool) -> str:
    """The timeline's hover template, with each measure's description where ``described``."""
    return (
        _("<b>{jurisdiction}</b>, {date}<br>{level} ({status})").format(
            jurisdiction="%{y}",
            date="%{customdata[4]}",
            level="%{customdata[2]}",
            status="%{customdata[1]}",
        )
        + "<br>"
        + ("%{customdata[5]}<br>" if described else "")
        + _("Source: {source}").format(source="%{customdata[3]}")
        + "<extra></extra>"
    )


def _timeline_title(every: bool, thinned: bool) -> str:
    """The timeline's title, to be filled with ``total`` and ``lanes``: every jurisdiction or
    the first to act, every measure or (``thinned``) the first of each level."""
    if every and thinned:
        return _(
            "Every measure in {total} jurisdictions, one row each, ordered by first measure; "
            "the first measure of each level"
        )
    if every:
        return _("Every measure in {total} jurisdictions, one row each, ordered by first measure")
    if thinned:
        return _(
            "The first {lanes} of {total} jurisdictions to act, one row each; "
            "the first measure of each level"
        )
    return _("The first {lanes} of {total} jurisdictions to act, one row each")


def _timeline_rows(shown: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The timeline's markers in words, and whether they were thinned to keep the page small."""
    thinned = len(shown) > TIMELINE_MARKERS
    if thinned:
        # Past this many markers, each lane shows the first measure of each level.
        shown = shown.sort_values(["announced", "id"]).groupby(["jurisdiction", "level"]).head(1)
    rows = shown.assign(
        name=shown["jurisdiction"].map(_name),
        when=shown["announced"].map(when),
        status_label=shown["status"]
        .map(vocab.labels("status"))
        .map(palette.shown, na_action="ignore"),
        level_label=shown["level"].map(vocab.level_labels()).map(palette.shown, na_action="ignore"),
        source=cited_rows(shown),
        description=shown["description"].map(lambda text: "<br>".join(_wrap(text))),
    )
    return rows, thinned


def _name(code: str) -> str:
    """A jurisdiction as readers of the edition name it (its code where it has no name)."""
    return countries.shown(code)


def _wrap(text: str, width: int = 60) -> list[str]:
    return hover_lines(text, width)


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
