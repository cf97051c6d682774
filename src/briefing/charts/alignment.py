"""Chapter 4's charts: the milestone timeline and the two charts of lags behind the US.

They draw what the chapter computed (``briefing.chapters.alignment``: the milestones that are
restrictions, the declared pairs' lags, the Huawei/ZTE lags), which the notebook passes in.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.charts import kinds
from briefing.charts.layout import finish
from briefing.charts.palette import LIFTING, MUTED_COLOUR, level_name, style
from briefing.charts.text import cited_rows
from briefing.prose import count_phrase, lag_phrase, whole_days
from briefing.prose import on as when
from briefing.vocabulary.lags import BASELINE, COUNTERPART, YEAR_DAYS
from briefing.vocabulary.milestones import COUNTERMEASURE
from briefing.vocabulary.milestones import kinds as milestone_kinds
from briefing.vocabulary.restrictions import binding_levels, level_labels

# Bars in the Huawei/ZTE lag chart: the first jurisdictions to follow the US (and the focus).
HUAWEI_BARS = 40
# Each kind's colour and marker come from the palette, in the milestones schema's order of
# kinds (countermeasures, last, are black crosses, so China's lane reads as a different thing).
LIFTING_STYLE = style(LIFTING).marker(size=12, hollow=True)
COUNTERPART_BAND = kinds.Band(countries.name(COUNTERPART), "#000000", 0.06)

MILESTONES_SOURCE = "milestones table; one source per row, listed in the Sources appendix"
RESTRICTIONS_SOURCE = "restrictions table; one source per row, listed in the Sources appendix"
# What each lag chart says besides its title and alt text.
MILESTONE_LAG_CAPTIONS = {
    "source": "lag pairs and milestones tables; each pair's source in the table below, each row's in the Sources appendix",
    "x_title": "Days after the US measure of the same kind it follows, on the same kind of date",
    "y_title": "Ally: kind of measure (year)",
}
# The kind of date both sides of a pair record, as the hover says it.
DATE_KINDS = {
    "announced": "announced to announced",
    "published": "published to published",
    "enacted": "enacted to enacted",
    "effective": "in force to in force",
}
HUAWEI_LAG_CAPTIONS = {
    "source": RESTRICTIONS_SOURCE,
    "x_title": "Days after the first US binding measure (any binding level of the codebook)",
    "y_title": "Jurisdiction",
}


def timeline_chart(
    milestones: pd.DataFrame, restrictions: pd.DataFrame, focus: str, day: dt.date | None = None
) -> go.Figure:
    """One lane per jurisdiction (US on top, China at the bottom), one marker per milestone.

    ``restrictions`` are the milestones the chapter counts as restrictions
    (``alignment.restrictions_only``); the others are drawn as liftings. Lanes are named,
    markers take their kind's style, and the time axis runs to ``day``.
    """
    lanes = lane_order(milestones)
    shown = milestones.assign(
        name=milestones["jurisdiction"].map(_name),
        when=milestones["date"].map(when),
        kind_label=milestones["kind"].map(milestone_kinds()),
        source=cited_rows(milestones),
        title=milestones["title"].map(lambda text: "<br>".join(textwrap.wrap(str(text), 60))),
    )
    counts = shown["id"].isin(restrictions["id"])
    counted, lifted = shown[counts], shown[~counts]
    fig = kinds.lane_timeline(
        _kind_markers(counted, lifted),
        [_name(lane) for lane in lanes],
        hover_columns=["id", "title", "date_kind", "kind_label", "source", "when"],
        hovertemplate=(
            "<b>%{y}</b>, %{customdata[5]} (%{customdata[2]})<br>%{customdata[3]}: "
            "%{customdata[1]}<br>Source: %{customdata[4]}<extra></extra>"
        ),
        bands=[
            COUNTERPART_BAND,
            kinds.Band(_name(focus), opacity=0.15, name=f"{_name(focus)} (focus): shaded row"),
        ],
        lane_height=45,
        padding=220,
        min_height=420,
        lane="name",
    )
    fig.update_yaxes(automargin=True)
    kinds.run_to(fig, milestones["date"], day)
    countermeasures = int((milestones["kind"] == COUNTERMEASURE).sum())
    allies = [lane for lane in lanes if lane not in (BASELINE, COUNTERPART)]
    return finish(
        fig,
        title=(
            f"{count_phrase(int((counted['jurisdiction'] == BASELINE).sum()), 'US measure')}, "
            f"{int(counted['jurisdiction'].isin(allies).sum())} by {len(allies)} allies, "
            f"{count_phrase(countermeasures, 'Chinese countermeasure')}"
        ),
        source=MILESTONES_SOURCE,
        alt=(
            f"Timeline with one row per jurisdiction ({', '.join(_name(lane) for lane in lanes)}), "
            "one marker per milestone shaped and coloured by kind; China's countermeasures are "
            f"black crosses; the {_name(focus)} row is shaded."
        ),
        x_title="Date (the kind of date each row records)",
        y_title="Jurisdiction",
    )


def _kind_markers(counted: pd.DataFrame, lifted: pd.DataFrame) -> list[kinds.Markers]:
    """A category per kind of milestone, in the schema's order, then the liftings."""
    return [
        kinds.Markers(
            label,
            counted[counted["kind"] == kind],
            style(label).marker(size=12),
            meta={"category": label},
        )
        for kind, label in milestone_kinds().items()
    ] + [kinds.Markers(LIFTING, lifted, LIFTING_STYLE, meta={"category": LIFTING})]


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
    """One bar per declared pair: days from the US measure to the ally's measure that follows it.

    ``lags`` are the chapter's declared pairs (``alignment.pair_lags``): each bar is labelled
    by the ally, the kind and the year of its measure, coloured by kind, the focus in its own.
    """
    ordered = lags.sort_values(["ally", "kind", "ally_date"], ascending=False)
    focused = ordered["ally"] == focus
    fig = kinds.lag_bars(
        ordered["lag_days"],
        [
            f"{countries.name(a)}: {milestone_kinds()[k].lower()} ({d.year})"
            for a, k, d in zip(ordered["ally"], ordered["kind"], ordered["ally_date"])
        ],
        focus=focused,
        colour=MUTED_COLOUR,
        customdata=pd.DataFrame(
            {
                "us": ordered["us_date"].map(when).astype(str) + ": " + ordered["us_title"],
                "ally": ordered["ally_date"].map(when).astype(str) + ": " + ordered["ally_title"],
                "dates": ordered["date_kind"].map(DATE_KINDS),
                "us_source": ordered["us_source_publisher"],
                "ally_source": ordered["ally_source_publisher"],
            }
        ),
        hovertemplate=(
            "<b>%{y}</b>: %{x} days (%{customdata[2]})<br>US: %{customdata[0]}, source: "
            "%{customdata[3]}<br>Ally: %{customdata[1]}, source: %{customdata[4]}<extra></extra>"
        ),
        row_height=34,
        year_days=YEAR_DAYS,
    )
    # Every kind an ally can share with the US (China's countermeasures are no ally's).
    labels = milestone_kinds()
    shared = [label for kind, label in labels.items() if kind != COUNTERMEASURE]
    kinds.styled_bars(fig, [labels[k] for k in ordered["kind"]], focused, _name(focus), shared)
    fig.update_yaxes(automargin=True, tickfont={"size": 11})
    none = f"{count_phrase(len(lags), 'declared pair')} of an ally's measure and the US one it follows; none for {countries.name(focus)}"
    title = _lag_title(ordered["lag_days"][focused], focus, "US measure of the same kind", none)
    alt = f"Horizontal bars: for {len(ordered)} declared pairs, days from a US measure to the ally's measure of the same kind that follows it, both dated by the same kind of date, coloured by kind; {_name(focus)} in the focus colour."
    return finish(fig, title=title, alt=alt, **MILESTONE_LAG_CAPTIONS)


def huawei_lag_chart(lags: pd.DataFrame, focus: str, events: pd.DataFrame) -> go.Figure:
    """One bar per jurisdiction: days after the first US binding Huawei/ZTE measure.

    ``events`` (the restrictions rows the lags were computed from) give each bar's source,
    publisher and date, in its tooltip, and the US measure's.

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
    sources = pd.Series(cited_rows(events), index=events["id"], dtype=object)
    fig = kinds.lag_bars(
        ordered["lag_days"],
        ordered["jurisdiction"].map(countries.name),
        focus=focused,
        colour=MUTED_COLOUR,
        customdata=pd.DataFrame(
            {
                "announced": ordered["announced"].map(when),
                "level": ordered["level"].map(level_labels()).str.lower(),
                "us": ordered["us_date"].map(when),
                "source": ordered["id"].map(sources),
                "us_source": ordered["us_id"].map(sources),
            }
        ),
        hovertemplate=(
            "<b>%{y}</b>: %{x} days after the US (%{customdata[2]}, source: %{customdata[4]})<br>"
            "first binding measure %{customdata[0]}: %{customdata[1]}<br>"
            "Source: %{customdata[3]}<extra></extra>"
        ),
        row_height=22,
        year_days=YEAR_DAYS,
    )
    # Each bar in the style of its level (a legend entry per binding level), the focus's own.
    kinds.styled_bars(
        fig,
        [level_name(level) for level in ordered["level"]],
        focused,
        _name(focus),
        [level_name(level) for level in binding_levels()],
    )
    fig.update_layout(showlegend=True)
    fig.update_yaxes(tickfont={"size": 11}, automargin=True)
    none = f"{count_phrase(len(lags), 'jurisdiction')} followed the first US binding Huawei/ZTE restriction; {countries.name(focus)} had none"
    title = _lag_title(
        ordered["lag_days"][focused], focus, "first US binding Huawei/ZTE restriction", none
    )
    alt = f"Horizontal bars: for {len(ordered)} of {len(lags)} jurisdictions, days from the first US binding Huawei/ZTE measure to their own first, coloured by the level of that measure; {_name(focus)} in the focus colour."
    return finish(fig, title=title, alt=alt, **HUAWEI_LAG_CAPTIONS)


def _name(code: str) -> str:
    return countries.name(code) or code


def _lag_title(focus_lags: pd.Series, focus: str, against: str, none: str) -> str:
    """The focus's lag behind the first ``against`` (its median if several); ``none`` if it has none."""
    name = countries.name(focus)
    if focus_lags.empty:
        return none
    if len(focus_lags) == 1:
        return f"{name} acted {lag_phrase(int(focus_lags.iloc[0]))} the {against}"
    return f"{name}: median lag {whole_days(float(focus_lags.median()))} days behind the {against}"
