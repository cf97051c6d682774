"""The China chapter's action-reaction timeline: US and allied measures above, China's below by
kind, on one time axis, with a line from each answer to what it answers.

It draws what the chapter computed (``briefing.chapters.china_measures`` and
``briefing.counting.answers``: the foreign measures, the answer pairs, the measures that concern
the focus), which the notebook passes in. China's kinds of measure take their colour and second
cue from the palette (family ``china_kind``, in the codebook section's order); the US and
allied measures are one category (``US_ALLIED``), and the focus jurisdiction's measures, and
the Chinese measures that concern it, are drawn in the focus colour alone.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.charts import kinds, palette
from briefing.charts.layout import finish
from briefing.charts.palette import (
    ANSWERS,
    FOCUS_COLOUR,
    FOCUS_SYMBOL,
    FOCUS_WIDTH,
    US_ALLIED,
    order,
    style,
)
from briefing.charts.text import cited_rows, hover_lines, lower, the_name
from briefing.prose import on as when
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.china_measures import kinds as china_kinds
from briefing.vocabulary.china_measures import labels as china_labels
from briefing.vocabulary.lags import BASELINE, COUNTERPART

SOURCE = N_(
    "China's measures table and the milestones, restrictions and Entity List rules tables; "
    "each row's source in Sources"
)
# What the date of a row is, as a tooltip says it.
DATE_WORDS = {
    "announced": N_("announced"),
    "reported": N_("first reported"),
    "effective": N_("in force"),
    "enacted": N_("enacted"),
    "published": N_("published"),
}
# The kinds ``counting.answers.foreign_measures`` gives the rows of the restrictions and
# Entity List rules tables (the milestones' kinds are their vocabulary's), for the catalog.
FOREIGN_KINDS = (N_("Huawei/ZTE restriction"), N_("Entity List rule"))
HOVER_COLUMNS = ["jurisdiction", "when", "date_words", "kind", "title", "answers", "source"]
FOCUS_RING = 20  # the size of the ring around a Chinese measure that concerns the focus


def timeline_chart(
    measures: pd.DataFrame,
    foreign: pd.DataFrame,
    pairs: pd.DataFrame,
    concerning: list[str],
    focus: str,
    day: dt.date | None = None,
) -> go.Figure:
    """US and allied measures above, China's below by kind, on one time axis running to ``day``;
    a line joins each answer to what it answers; the focus jurisdiction's lane and measures,
    and China's measures that concern it (``concerning``, their ids), in the focus colour."""
    rows = _described(timeline_rows(measures, foreign, pairs), pairs)
    lanes = lane_order(rows)
    name = _name(focus)
    china = rows[rows["side"] == "china"]
    others = rows[rows["side"] == "foreign"]
    mine = others[others["jurisdiction"] == name]
    concern = china[china["id"].isin(concerning)]
    fig = kinds.lane_timeline(
        _markers(china, others.drop(mine.index), mine, concern, focus),
        lanes,
        hover_columns=HOVER_COLUMNS,
        hovertemplate=_hover(),
        bands=[kinds.Band(name, opacity=0.15)],
        lane_height=30,
        padding=240,
        min_height=480,
        lane="lane",
    )
    _join_answers(fig, rows, pairs, focus)
    fig.update_yaxes(automargin=True, tickfont={"size": 11})
    fig.update_layout(hoverlabel={"align": "left"})  # tooltips of several lines read from the left
    kinds.run_to(fig, rows["date"], day)
    answering = int(pairs["china_id"].nunique()) if len(pairs) else 0
    return finish(
        fig,
        title=_title(len(china), answering, len(concern), focus),
        source=_(SOURCE),
        alt=_(
            "Timeline: one row per jurisdiction for {foreign} US and allied measures ({lanes}), "
            "in grey, then one row per kind for {china} Chinese measures, coloured and shaped by "
            "kind; dotted lines join {answering} Chinese measures to the measures a source says "
            "they answer; {name}'s row, its measures and the Chinese measures that concern it "
            "are in the focus colour."
        ).format(
            foreign=len(others),
            lanes=_(", ").join(lane for lane in lanes if not lane.startswith(_name(COUNTERPART))),
            china=len(china),
            answering=answering,
            name=name,
        ),
        x_title=_("Date, as each table records it"),
        y_title="",
    )


def timeline_rows(
    measures: pd.DataFrame, foreign: pd.DataFrame, pairs: pd.DataFrame
) -> pd.DataFrame:
    """The points of the timeline, one per measure, in words, oldest first.

    ``side`` is "china" or "foreign"; ``lane`` the row it sits on (a jurisdiction's name for
    the US and allied measures, "China: <kind>" for China's); ``category`` its palette name.
    Foreign measures are the milestones of the other jurisdictions and any other row one of
    China's measures answers (``pairs``).
    """
    shown = foreign[(foreign["table"] == "milestones") | foreign["id"].isin(pairs["answered_id"])]
    shorts = china_kinds()
    china = pd.DataFrame(
        {
            "id": measures["id"],
            "side": "china",
            "jurisdiction": _name(COUNTERPART),
            "lane": measures["kind"].map(shorts).map(_china_lane),
            "category": measures["kind"].map(shorts),
            "date": measures["date"],
            "date_kind": measures["date_kind"],
            "kind": measures["kind"].map(china_labels("kind")).map(palette.shown),
            "title": measures["title"],
            "source_publisher": measures["source_publisher"],
            "source_date": measures.get("source_date"),
        }
    )
    names = shown["jurisdiction"].map(_name)
    other = pd.DataFrame(
        {
            "id": shown["id"],
            "side": "foreign",
            "jurisdiction": names,
            "lane": names,
            "category": US_ALLIED,
            "date": shown["date"],
            "date_kind": shown["date_kind"],
            "kind": shown["kind"].map(palette.shown, na_action="ignore"),
            "title": shown["title"],
            "source_publisher": shown["source_publisher"],
            "source_date": shown.get("source_date"),
        }
    )
    frames = [frame for frame in (other, china) if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=[*china.columns])
    return pd.concat(frames, ignore_index=True).sort_values(["date", "id"]).reset_index(drop=True)


def lane_order(rows: pd.DataFrame) -> list[str]:
    """Lanes from top to bottom: the US, the other jurisdictions by first date, then China's
    kinds in codebook order."""
    foreign = rows[rows["side"] == "foreign"]
    firsts = foreign.groupby("lane")["date"].min().sort_values(kind="stable")
    us = _name(BASELINE)
    lanes = [us] if us in firsts.index else []
    lanes += [lane for lane in firsts.index if lane != us]
    present = set(rows.loc[rows["side"] == "china", "lane"])
    china = [_china_lane(short) for short in china_kinds().values()]
    return lanes + [lane for lane in china if lane in present]


def _described(rows: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """The rows with what their tooltips say: date in words, wrapped title, answers, source."""
    return rows.assign(
        when=rows["date"].map(when),
        date_words=rows["date_kind"].map(
            lambda kind: _(DATE_WORDS[kind]) if kind in DATE_WORDS else kind
        ),
        title=rows["title"].map(_wrapped),
        answers=_answers(rows, pairs),
        source=cited_rows(rows),
    )


def _markers(
    china: pd.DataFrame,
    others: pd.DataFrame,
    mine: pd.DataFrame,
    concern: pd.DataFrame,
    focus: str,
) -> list[kinds.Markers]:
    """The US and allied measures, China's by kind (every kind, shown or not), then the focus's
    measures and the rings round China's measures that concern it."""
    markers = [
        kinds.Markers(
            palette.shown(US_ALLIED),
            others,
            style(US_ALLIED).marker(size=9),
            {"category": US_ALLIED},
        )
    ] + [
        kinds.Markers(
            palette.shown(label),
            china[china["category"] == label],
            style(label).marker(size=11),
            meta={"category": label},
        )
        for label in order("china_kind")
    ]
    name = _name(focus)
    if len(mine):
        look = {
            "color": FOCUS_COLOUR,
            "symbol": FOCUS_SYMBOL,
            "size": 13,
            "line": {"width": 1, "color": "#333333"},
        }
        label = _("{name} (focus)").format(name=name)
        markers.append(kinds.Markers(label, mine, look, meta={"focus": focus}))
    if len(concern):
        ring = {
            "color": FOCUS_COLOUR,
            "symbol": "circle-open",
            "size": FOCUS_RING,
            "line": {"width": FOCUS_WIDTH, "color": FOCUS_COLOUR},
        }
        label = _("Concerning {name} (focus)").format(name=the_name(focus))
        markers.append(kinds.Markers(label, concern, ring, meta={"focus": focus}))
    return markers


def _wrapped(text: object, width: int = 60) -> str:
    return "<br>".join(hover_lines(text, width))


def _name(code: str) -> str:
    """A jurisdiction as readers of the edition name it (its code where it has no name)."""
    return countries.shown(code)


def _china_lane(short: str) -> str:
    """The lane of one of China's kinds of measure: "China: listing"."""
    return _("China: {kind}").format(kind=lower(palette.shown(short)))


def _hover() -> str:
    """A point's tooltip: jurisdiction, date and its kind, the measure, its links, its source."""
    return (
        _("<b>{jurisdiction}</b>, {date} ({date_kind})<br>{kind}: {title}{answers}").format(
            jurisdiction="%{customdata[0]}",
            date="%{customdata[1]}",
            date_kind="%{customdata[2]}",
            kind="%{customdata[3]}",
            title="%{customdata[4]}",
            answers="%{customdata[5]}",
        )
        + "<br>"
        + _("Source: {source}").format(source="%{customdata[6]}")
        + "<extra></extra>"
    )


def _answers(rows: pd.DataFrame, pairs: pd.DataFrame) -> pd.Series:
    """Each row's link in words: what a Chinese measure answers, what answered a foreign one."""
    said: dict[str, list[str]] = {}
    for pair in pairs.itertuples():
        measure = _("{jurisdiction}, {date}: {title}")
        said.setdefault(pair.china_id, []).append(
            measure.format(
                jurisdiction=_name(pair.answered_jurisdiction),
                date=when(pair.answered_date),
                title=pair.answered_title,
            )
        )
        said.setdefault(pair.answered_id, []).append(
            measure.format(
                jurisdiction=_name(COUNTERPART), date=when(pair.china_date), title=pair.china_title
            )
        )
    lead = rows["side"].map(
        {"china": _("Answers {measure}"), "foreign": _("Answered by {measure}")}
    )
    return pd.Series(
        [
            "".join("<br>" + said_so.format(measure=_wrapped(text)) for text in said.get(id_, []))
            for id_, said_so in zip(rows["id"], lead, strict=True)
        ],
        index=rows.index,
    )


def _title(measures: int, answering: int, concern: int, focus: str) -> str:
    """The timeline's finding: how many of China's measures answer others', and concern the focus."""
    if not measures:
        return _("No Chinese measure recorded yet beside the US and allied measures")
    if measures == 1:
        title = (
            _("China's one measure answers US or allied measures, by its source")
            if answering
            else _("China's one measure answers no US or allied measure, by its source")
        )
    else:
        title = ngettext(
            "{answering} of China's {measures} measures answers US or allied measures, "
            "by their sources",
            "{answering} of China's {measures} measures answer US or allied measures, "
            "by their sources",
            answering,
        ).format(answering=answering, measures=measures)
    if focus == COUNTERPART:
        return title
    if not concern:
        return _("{title}; none concerns {name}").format(title=title, name=the_name(focus))
    return ngettext("{title}; {n} concerns {name}", "{title}; {n} concern {name}", concern).format(
        title=title, n=concern, name=the_name(focus)
    )


def _join_answers(fig: go.Figure, rows: pd.DataFrame, pairs: pd.DataFrame, focus: str) -> None:
    """A dotted line from each answered measure to China's answer; the focus's in its colour."""
    lane_of = dict(zip(rows["id"], rows["lane"], strict=True))
    dash = style(ANSWERS).dash
    others = [p for p in pairs.itertuples() if p.answered_jurisdiction != focus]
    xs, ys = _links(others, lane_of)
    fig.add_trace(
        go.Scatter(
            x=xs or [None],
            y=ys or [None],
            mode="lines",
            name=palette.shown(ANSWERS),
            line={"color": style(ANSWERS).colour, "width": 1.5, "dash": dash},
            meta={"category": ANSWERS},
            legendrank=100,
            hoverinfo="skip",
        )
    )
    xs, ys = _links([p for p in pairs.itertuples() if p.answered_jurisdiction == focus], lane_of)
    if xs:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=_("Answers to {name} (focus)").format(name=_name(focus)),
                line={"color": FOCUS_COLOUR, "width": 2, "dash": dash},
                meta={"focus": focus},
                showlegend=False,
                hoverinfo="skip",
            )
        )


def _links(pairs: list, lane_of: dict[str, str]) -> tuple[list, list]:
    """The segments joining each pair's two measures, broken apart by None."""
    xs: list[str | None] = []
    ys: list[str | None] = []
    for pair in pairs:
        if pair.answered_id not in lane_of or pair.china_id not in lane_of:
            continue
        xs += [f"{pair.answered_date:%Y-%m-%d}", f"{pair.china_date:%Y-%m-%d}", None]
        ys += [lane_of[pair.answered_id], lane_of[pair.china_id], None]
    return xs, ys
