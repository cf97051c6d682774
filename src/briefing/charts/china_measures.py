"""The China chapter's charts: the action-reaction timeline and China's measures by kind and year.

China's kinds of measure take their colour and second cue from the palette (family
``china_kind``, in the codebook section's order); the US and allied measures on the timeline
are one category (``theme.US_ALLIED``), and the focus jurisdiction's measures, and the
Chinese measures that concern it, are drawn in the focus colour alone.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.chapters import china_measures as chapter
from briefing.charts import kinds, theme
from briefing.prose import count_phrase, the_jurisdiction

SOURCE = (
    "China's measures table and the milestones, restrictions and Entity List rules tables; "
    "each row's source in Sources"
)
COUNTS_SOURCE = "table of China's measures; each row's source in the Sources appendix"
# What the date of a row is, as a tooltip says it.
DATE_WORDS = {
    "announced": "announced",
    "reported": "first reported",
    "effective": "in force",
    "enacted": "enacted",
    "published": "published",
}
HOVER_COLUMNS = ["jurisdiction", "when", "date_words", "kind", "title", "answers", "source"]
HOVER = (
    "<b>%{customdata[0]}</b>, %{customdata[1]} (%{customdata[2]})<br>%{customdata[3]}: "
    "%{customdata[4]}%{customdata[5]}<br>Source: %{customdata[6]}<extra></extra>"
)
FOCUS_RING = 20  # the size of the ring around a Chinese measure that concerns the focus


def _wrapped(text: object, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(str(text), width) or [""])


def _answers(rows: pd.DataFrame, pairs: pd.DataFrame) -> pd.Series:
    """Each row's link in words: what a Chinese measure answers, what answered a foreign one."""
    said: dict[str, list[str]] = {}
    for pair in pairs.itertuples():
        answered = countries.name(pair.answered_jurisdiction) or pair.answered_jurisdiction
        said.setdefault(pair.china_id, []).append(
            f"{answered}, {theme.when(pair.answered_date)}: {pair.answered_title}"
        )
        said.setdefault(pair.answered_id, []).append(
            f"China, {theme.when(pair.china_date)}: {pair.china_title}"
        )
    lead = rows["side"].map({"china": "Answers", "foreign": "Answered by"})
    return pd.Series(
        [
            "".join(f"<br>{word} {_wrapped(text)}" for text in said.get(id_, []))
            for id_, word in zip(rows["id"], lead, strict=True)
        ],
        index=rows.index,
    )


def timeline_chart(
    measures: pd.DataFrame, foreign: pd.DataFrame, focus: str, day: dt.date | None = None
) -> go.Figure:
    """US and allied measures above, China's below by kind, on one time axis running to ``day``;
    a line joins each answer to what it answers; the focus jurisdiction's lane and measures,
    and China's measures that concern it, in the focus colour."""
    rows = chapter.timeline_rows(measures, foreign)
    order = chapter.lanes(rows)
    pairs = chapter.answer_pairs(measures, foreign)
    name = countries.name(focus) or focus
    codes = dict(zip(measures["id"], measures["kind"], strict=True))
    rows = rows.assign(
        when=rows["date"].map(theme.when),
        date_words=rows["date_kind"].map(lambda kind: DATE_WORDS.get(kind, kind)),
        title=rows["title"].map(_wrapped),
        answers=_answers(rows, pairs),
        source=rows["source_publisher"].fillna(""),
        category=rows["id"]
        .map(codes)
        .map(
            lambda code: theme.china_kind_name(code) if isinstance(code, str) else theme.US_ALLIED
        ),
    )
    china = rows[rows["side"] == "china"]
    others = rows[rows["side"] == "foreign"]
    mine = others["jurisdiction"] == name
    markers = [
        kinds.Markers(
            theme.US_ALLIED,
            others[~mine],
            theme.style(theme.US_ALLIED).marker(size=9),
            meta={"category": theme.US_ALLIED},
        )
    ] + [
        kinds.Markers(
            label,
            china[china["category"] == label],
            theme.style(label).marker(size=11),
            meta={"category": label},
        )
        for label in theme.order("china_kind")
    ]
    touched = (
        set()
        if focus == chapter.COUNTERPART
        else set(chapter.touching(measures, pairs, focus)["id"])
    )
    concern = china[china["id"].isin(touched)]
    if mine.any():
        markers.append(
            kinds.Markers(
                f"{name} (focus)",
                others[mine],
                {
                    "color": theme.FOCUS_COLOUR,
                    "symbol": theme.FOCUS_SYMBOL,
                    "size": 13,
                    "line": {"width": 1, "color": "#333333"},
                },
                meta={"focus": focus},
            )
        )
    if len(concern):
        markers.append(
            kinds.Markers(
                f"Concerning {the_jurisdiction(focus)} (focus)",
                concern,
                {
                    "color": theme.FOCUS_COLOUR,
                    "symbol": "circle-open",
                    "size": FOCUS_RING,
                    "line": {"width": theme.FOCUS_WIDTH, "color": theme.FOCUS_COLOUR},
                },
                meta={"focus": focus},
            )
        )
    fig = kinds.lane_timeline(
        markers,
        order,
        hover_columns=HOVER_COLUMNS,
        hovertemplate=HOVER,
        bands=[kinds.Band(name, opacity=0.15)],
        lane_height=30,
        padding=240,
        min_height=480,
        lane="lane",
        keep_empty=True,
    )
    _join_answers(fig, rows, pairs, focus)
    fig.update_yaxes(automargin=True, tickfont={"size": 11})
    fig.update_layout(hoverlabel={"align": "left"})  # tooltips of several lines read from the left
    kinds.run_to(fig, rows["date"], day)
    answering = int(pairs["china_id"].nunique()) if len(pairs) else 0
    return theme.finish(
        fig,
        title=_timeline_title(len(china), answering, len(concern), focus),
        source=SOURCE,
        alt=(
            f"Timeline: one row per jurisdiction for {len(others)} US and allied measures "
            f"({', '.join(lane for lane in order if not lane.startswith('China'))}), in grey, then "
            f"one row per kind for {len(china)} Chinese measures, coloured and shaped by kind; "
            f"dotted lines join {answering} Chinese measures to the measures a source says they "
            f"answer; {name}'s row, its measures and the Chinese measures that concern it are "
            "in the focus colour."
        ),
        x_title="Date, as each table records it",
        y_title="",
    )


def _timeline_title(measures: int, answering: int, concern: int, focus: str) -> str:
    """The timeline's finding: how many of China's measures answer others', and concern the focus."""
    if not measures:
        return "No Chinese measure recorded yet beside the US and allied measures"
    if measures == 1:
        title = (
            "China's one measure answers US or allied measures, by its source"
            if answering
            else "China's one measure answers no US or allied measure, by its source"
        )
    else:
        verb = "answers" if answering == 1 else "answer"
        title = (
            f"{answering} of China's {measures} measures {verb} US or allied measures, "
            "by their sources"
        )
    if focus == chapter.COUNTERPART:
        return title
    verb = "concerns" if concern <= 1 else "concern"
    return f"{title}; {concern or 'none'} {verb} {the_jurisdiction(focus)}"


def _join_answers(fig: go.Figure, rows: pd.DataFrame, pairs: pd.DataFrame, focus: str) -> None:
    """A dotted line from each answered measure to China's answer; the focus's in its colour."""
    lane_of = dict(zip(rows["id"], rows["lane"], strict=True))
    look = theme.style(theme.ANSWERS)
    for focused in (False, True):
        xs: list[str | None] = []
        ys: list[str | None] = []
        for pair in pairs.itertuples():
            if pair.answered_id not in lane_of or pair.china_id not in lane_of:
                continue
            if (pair.answered_jurisdiction == focus) != focused:
                continue
            xs += [f"{pair.answered_date:%Y-%m-%d}", f"{pair.china_date:%Y-%m-%d}", None]
            ys += [lane_of[pair.answered_id], lane_of[pair.china_id], None]
        if not focused:
            fig.add_trace(
                go.Scatter(
                    x=xs or [None],
                    y=ys or [None],
                    mode="lines",
                    name=theme.ANSWERS,
                    line={"color": look.colour, "width": 1.5, "dash": look.dash},
                    meta={"category": theme.ANSWERS},
                    legendrank=100,
                    hoverinfo="skip",
                )
            )
        elif xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=f"Answers to {countries.name(focus)} (focus)",
                    line={"color": theme.FOCUS_COLOUR, "width": 2, "dash": look.dash},
                    meta={"focus": focus},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )


def counts_chart(measures: pd.DataFrame, day: dt.date | None = None) -> go.Figure:
    """China's measures per year up to ``day``'s, stacked by kind; every kind in the legend."""
    counts = chapter.counts_by_kind_and_year(measures)
    full = chapter.labels("kind")
    if len(counts):
        last = max(int(counts["year"].max()), day.year if day else 0)
        years = [str(year) for year in range(int(counts["year"].min()), last + 1)]
    else:
        years = []
    fig = go.Figure()
    for rank, kind in enumerate(chapter.kind_order(), start=1):
        label = theme.china_kind_name(kind)
        look = theme.style(label)
        mine = counts[counts["kind"] == kind]
        fig.add_trace(
            go.Bar(
                x=mine["year"].astype(str) if len(mine) else [None],
                y=mine["measures"] if len(mine) else [None],
                name=label,
                meta={"category": label},
                legendrank=rank,
                marker={
                    "color": look.colour,
                    "line": {"width": 1, "color": "#333333"},
                    "pattern": {
                        "shape": look.pattern,
                        "fgcolor": "#333333",
                        "fillmode": "overlay",
                        "fgopacity": 0.5,
                        "solidity": 0.25,
                    },
                },
                customdata=[count_phrase(int(n), "measure") for n in mine["measures"]]
                if len(mine)
                else None,
                hovertemplate=f"<b>{full[kind]}</b><br>%{{x}}: %{{customdata}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", showlegend=True)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=years)
    if counts.empty:
        title = "No Chinese measure recorded yet"
    else:
        by_year = counts.groupby("year")["measures"].sum()
        top = int(by_year.idxmax())
        total = count_phrase(int(by_year.sum()), "measure")
        if len(by_year) == 1:
            title = (
                f"China took {total} by {years[-1]}, {'' if by_year.sum() == 1 else 'all '}in {top}"
            )
        else:
            title = (
                f"China took {total} from {years[0]} to {years[-1]}; "
                f"the most, {int(by_year[top])}, in {top}"
            )
    return theme.finish(
        fig,
        title=title,
        source=COUNTS_SOURCE,
        alt=(
            f"Stacked bars: China's measures per year from {years[0] if years else '-'} to "
            f"{years[-1] if years else '-'}, coloured and patterned by kind of measure."
        ),
        x_title="Year of the measure's date",
        y_title="Measures",
    )
