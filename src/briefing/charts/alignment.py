"""Chapter 4's charts: the milestone timeline and the two charts of lags behind the US.

They draw what the chapter computed (``briefing.chapters.alignment``: the milestones that are
restrictions, the declared pairs' lags, the Huawei/ZTE lags), which the notebook passes in.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.charts import kinds, palette
from briefing.charts.layout import finish
from briefing.charts.palette import LIFTING, MUTED_COLOUR, level_name, style
from briefing.charts.text import cited_rows, hover_lines, listing, lower
from briefing.prose import on as when
from briefing.prose import whole_days
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.lags import BASELINE, COUNTERPART, YEAR_DAYS
from briefing.vocabulary.milestones import COUNTERMEASURE
from briefing.vocabulary.milestones import kinds as milestone_kinds
from briefing.vocabulary.restrictions import binding_levels, level_labels

# Bars in the Huawei/ZTE lag chart: the first jurisdictions to follow the US (and the focus).
HUAWEI_BARS = 40
# Each kind's colour and marker come from the palette, in the milestones schema's order of
# kinds (countermeasures, last, are black crosses, so China's lane reads as a different thing).
LIFTING_STYLE = style(LIFTING).marker(size=12, hollow=True)
COUNTERPART_SHADE = ("#000000", 0.06)  # China's lane: a faint grey band

MILESTONES_SOURCE = N_("milestones table; one source per row, listed in the Sources appendix")
RESTRICTIONS_SOURCE = N_("restrictions table; one source per row, listed in the Sources appendix")
# What each lag chart says besides its title and alt text (translated where shown).
MILESTONE_LAG_CAPTIONS = {
    "source": N_(
        "lag pairs and milestones tables; each pair's source in the table below, each row's in "
        "the Sources appendix"
    ),
    "x_title": N_(
        "Days after the US measure of the same kind it follows, on the same kind of date"
    ),
    "y_title": N_("Ally: kind of measure (year)"),
}
# The kind of date a milestone records, as its tooltip says it (the code, in English).
DATE_WORDS = {
    "announced": N_("announced"),
    "published": N_("published"),
    "enacted": N_("enacted"),
    "effective": N_("effective"),
}
# The kind of date both sides of a pair record, as the hover says it.
DATE_KINDS = {
    "announced": N_("announced to announced"),
    "published": N_("published to published"),
    "enacted": N_("enacted to enacted"),
    "effective": N_("in force to in force"),
}
HUAWEI_LAG_CAPTIONS = {
    "source": RESTRICTIONS_SOURCE,
    "x_title": N_("Days after the first US binding measure (any binding level of the codebook)"),
    "y_title": N_("Jurisdiction"),
}
# Each lag chart's title for the focus: a single lag after (or before) the US measure it is
# measured against, or the median of several.
MILESTONE_LAG_TITLES = {
    "after": N_("{name} acted {days} days after the US measure of the same kind"),
    "before": N_("{name} acted {days} days before the US measure of the same kind"),
    "median": N_("{name}: median lag {days} days behind the US measure of the same kind"),
}
HUAWEI_LAG_TITLES = {
    "after": N_("{name} acted {days} days after the first US binding Huawei/ZTE restriction"),
    "before": N_("{name} acted {days} days before the first US binding Huawei/ZTE restriction"),
    "median": N_(
        "{name}: median lag {days} days behind the first US binding Huawei/ZTE restriction"
    ),
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
    shown = _hover_rows(milestones)
    counts = shown["id"].isin(restrictions["id"])
    counted, lifted = shown[counts], shown[~counts]
    fig = kinds.lane_timeline(
        _kind_markers(counted, lifted),
        [_name(lane) for lane in lanes],
        hover_columns=["id", "title", "date_words", "kind_label", "source", "when"],
        hovertemplate=_timeline_hover(),
        bands=[
            kinds.Band(_name(COUNTERPART), *COUNTERPART_SHADE),
            kinds.Band(
                _name(focus),
                opacity=0.15,
                name=_("{name} (focus): shaded row").format(name=_name(focus)),
            ),
        ],
        lane_height=45,
        padding=220,
        min_height=420,
        lane="name",
    )
    fig.update_yaxes(automargin=True)
    kinds.run_to(fig, milestones["date"], day)
    return finish(
        fig,
        title=_timeline_title(milestones, counted, lanes),
        source=_(MILESTONES_SOURCE),
        alt=_(
            "Timeline with one row per jurisdiction ({jurisdictions}), one marker per milestone "
            "shaped and coloured by kind; China's countermeasures are black crosses; the {focus} "
            "row is shaded."
        ).format(jurisdictions=listing([_name(lane) for lane in lanes]), focus=_name(focus)),
        x_title=_("Date (the kind of date each row records)"),
        y_title=_("Jurisdiction"),
    )


def _hover_rows(milestones: pd.DataFrame) -> pd.DataFrame:
    """The milestones with what each marker's tooltip says of it."""
    return milestones.assign(
        name=milestones["jurisdiction"].map(_name),
        when=milestones["date"].map(when),
        kind_label=milestones["kind"].map(milestone_kinds()).map(palette.shown),
        source=cited_rows(milestones),
        title=milestones["title"].map(lambda text: "<br>".join(hover_lines(text, 60))),
        date_words=milestones["date_kind"].map(
            lambda kind: _(DATE_WORDS[kind]) if kind in DATE_WORDS else kind
        ),
    )


def _timeline_hover() -> str:
    """The timeline's hover template: the milestone's date, kind, title and source."""
    return (
        _(
            "<b>{jurisdiction}</b>, {date} ({date_kind})<br>{kind}: {title}<br>Source: {source}"
        ).format(
            jurisdiction="%{y}",
            date="%{customdata[5]}",
            date_kind="%{customdata[2]}",
            kind="%{customdata[3]}",
            title="%{customdata[1]}",
            source="%{customdata[4]}",
        )
        + "<extra></extra>"
    )


def _timeline_title(milestones: pd.DataFrame, counted: pd.DataFrame, lanes: list[str]) -> str:
    """The timeline's title: the US measures, the allies' and China's countermeasures counted."""
    countermeasures = int((milestones["kind"] == COUNTERMEASURE).sum())
    allies = [lane for lane in lanes if lane not in (BASELINE, COUNTERPART)]
    us = int((counted["jurisdiction"] == BASELINE).sum())
    # Three counts, each with its own plural: each counted noun is a message of its own.
    return _("{us_measures}, {allied} by {allies} allies, {countermeasures}").format(
        us_measures=ngettext("{n} US measure", "{n} US measures", us).format(n=us),
        allied=int(counted["jurisdiction"].isin(allies).sum()),
        allies=len(allies),
        countermeasures=ngettext(
            "{n} Chinese countermeasure", "{n} Chinese countermeasures", countermeasures
        ).format(n=countermeasures),
    )


def _kind_markers(counted: pd.DataFrame, lifted: pd.DataFrame) -> list[kinds.Markers]:
    """A category per kind of milestone, in the schema's order, then the liftings."""
    return [
        kinds.Markers(
            palette.shown(label),
            counted[counted["kind"] == kind],
            style(label).marker(size=12),
            meta={"category": label},
        )
        for kind, label in milestone_kinds().items()
    ] + [kinds.Markers(palette.shown(LIFTING), lifted, LIFTING_STYLE, meta={"category": LIFTING})]


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
            _("{ally}: {kind} ({year})").format(
                ally=_name(a), kind=lower(palette.shown(milestone_kinds()[k])), year=d.year
            )
            for a, k, d in zip(ordered["ally"], ordered["kind"], ordered["ally_date"])
        ],
        focus=focused,
        colour=MUTED_COLOUR,
        customdata=_pair_hover_data(ordered),
        hovertemplate=_pair_hover(),
        row_height=34,
        year_days=YEAR_DAYS,
    )
    # Every kind an ally can share with the US (China's countermeasures are no ally's).
    labels = milestone_kinds()
    shared = [label for kind, label in labels.items() if kind != COUNTERMEASURE]
    kinds.styled_bars(fig, [labels[k] for k in ordered["kind"]], focused, _name(focus), shared)
    fig.update_yaxes(automargin=True, tickfont={"size": 11})
    none = ngettext(
        "{n} declared pair of an ally's measure and the US one it follows; none for {name}",
        "{n} declared pairs of an ally's measure and the US one it follows; none for {name}",
        len(lags),
    ).format(n=len(lags), name=_name(focus))
    title = _lag_title(ordered["lag_days"][focused], focus, MILESTONE_LAG_TITLES, none)
    alt = _(
        "Horizontal bars: for {n} declared pairs, days from a US measure to the ally's measure "
        "of the same kind that follows it, both dated by the same kind of date, coloured by "
        "kind; {focus} in the focus colour."
    ).format(n=len(ordered), focus=_name(focus))
    return finish(fig, title=title, alt=alt, **_captions(MILESTONE_LAG_CAPTIONS))


def _pair_hover_data(ordered: pd.DataFrame) -> pd.DataFrame:
    """What each pair's tooltip says: both measures, dated and titled, the kind of date and
    both sources' publishers."""
    return pd.DataFrame(
        {
            "us": _dated(ordered["us_date"], ordered["us_title"]),
            "ally": _dated(ordered["ally_date"], ordered["ally_title"]),
            "dates": ordered["date_kind"].map(DATE_KINDS).map(_, na_action="ignore"),
            "us_source": ordered["us_source_publisher"],
            "ally_source": ordered["ally_source_publisher"],
        },
        index=ordered.index,
    )


def _pair_hover() -> str:
    """The lag chart's hover template, over ``_pair_hover_data``'s columns."""
    return (
        _(
            "<b>{pair}</b>: {days} days ({dates})<br>US: {us}, source: {us_source}<br>"
            "Ally: {ally}, source: {ally_source}"
        ).format(
            pair="%{y}",
            days="%{x}",
            dates="%{customdata[2]}",
            us="%{customdata[0]}",
            us_source="%{customdata[3]}",
            ally="%{customdata[1]}",
            ally_source="%{customdata[4]}",
        )
        + "<extra></extra>"
    )


def huawei_lag_chart(lags: pd.DataFrame, focus: str, events: pd.DataFrame) -> go.Figure:
    """One bar per jurisdiction: days after the first US binding Huawei/ZTE measure.

    ``events`` (the restrictions rows the lags were computed from) give each bar's source,
    publisher and date, in its tooltip, and the US measure's.

    Each bar takes the colour of the level of the measure it ends on (the focus its own
    colour), with one legend entry per level shown. The chart stays legible, and the page
    small, however many follow: it shows the first HUAWEI_BARS to follow, and the focus (the
    lags table download has them all).
    """
    ordered = _huawei_bars(lags, focus)
    focused = ordered["jurisdiction"] == focus
    fig = kinds.lag_bars(
        ordered["lag_days"],
        ordered["jurisdiction"].map(_name),
        focus=focused,
        colour=MUTED_COLOUR,
        customdata=_huawei_hover_data(ordered, events),
        hovertemplate=_huawei_hover(),
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
    none = ngettext(
        "{n} jurisdiction followed the first US binding Huawei/ZTE restriction; {name} had none",
        "{n} jurisdictions followed the first US binding Huawei/ZTE restriction; {name} had none",
        len(lags),
    ).format(n=len(lags), name=_name(focus))
    title = _lag_title(ordered["lag_days"][focused], focus, HUAWEI_LAG_TITLES, none)
    alt = _(
        "Horizontal bars: for {shown} of {n} jurisdictions, days from the first US binding "
        "Huawei/ZTE measure to their own first, coloured by the level of that measure; {focus} "
        "in the focus colour."
    ).format(shown=len(ordered), n=len(lags), focus=_name(focus))
    return finish(fig, title=title, alt=alt, **_captions(HUAWEI_LAG_CAPTIONS))


def _huawei_bars(lags: pd.DataFrame, focus: str) -> pd.DataFrame:
    """The lags given a bar: the first HUAWEI_BARS to follow and the focus, longest lag on top."""
    first = lags.sort_values(["lag_days", "jurisdiction"]).head(HUAWEI_BARS)
    shown = pd.concat(
        [first, lags[(lags["jurisdiction"] == focus) & ~lags.index.isin(first.index)]]
    )
    return shown.sort_values(["lag_days", "jurisdiction"], ascending=False)


def _huawei_hover_data(ordered: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """What each bar's tooltip says: the measure's date and level, the US measure's date, and
    both sources (from ``events``, the restrictions rows)."""
    sources = pd.Series(cited_rows(events), index=events["id"], dtype=object)
    return pd.DataFrame(
        {
            "announced": ordered["announced"].map(when),
            "level": ordered["level"]
            .map(level_labels())
            .map(lambda label: lower(palette.shown(label)), na_action="ignore"),
            "us": ordered["us_date"].map(when),
            "source": ordered["id"].map(sources),
            "us_source": ordered["us_id"].map(sources),
        }
    )


def _huawei_hover() -> str:
    """The Huawei/ZTE lag chart's hover template, over ``_huawei_hover_data``'s columns."""
    return (
        _(
            "<b>{jurisdiction}</b>: {days} days after the US ({us_date}, source: {us_source})<br>"
            "first binding measure {date}: {level}<br>Source: {source}"
        ).format(
            jurisdiction="%{y}",
            days="%{x}",
            us_date="%{customdata[2]}",
            us_source="%{customdata[4]}",
            date="%{customdata[0]}",
            level="%{customdata[1]}",
            source="%{customdata[3]}",
        )
        + "<extra></extra>"
    )


def _name(code: str) -> str:
    """A jurisdiction as readers of the edition name it (its code where it has no name)."""
    return countries.shown(code)


def _captions(captions: dict[str, str]) -> dict[str, str]:
    return {key: _(text) for key, text in captions.items()}


def _dated(days: pd.Series, titles: pd.Series) -> list[str]:
    """Each measure in a tooltip: its date and its title."""
    said = _("{date}: {title}")
    return [said.format(date=when(day), title=title) for day, title in zip(days, titles)]


def _lag_title(focus_lags: pd.Series, focus: str, titles: dict[str, str], none: str) -> str:
    """The focus's lag behind the US measure (its median if several), in ``titles``' words;
    ``none`` if it has none."""
    if focus_lags.empty:
        return none
    if len(focus_lags) == 1:
        lag = int(focus_lags.iloc[0])
        said = titles["before"] if lag < 0 else titles["after"]
        return _(said).format(name=_name(focus), days=abs(lag))
    days = whole_days(float(focus_lags.median()))
    said = titles["median"]
    return _(said).format(name=_name(focus), days=days)
