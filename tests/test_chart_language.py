"""The charts in the edition's language: Japanese words, fonts, dates and room for wide text,
and the English charts as they were."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from briefing import translation
from briefing.chapters import adoption, alignment
from briefing.chapters import china_measures as china_chapter
from briefing.charts import adoption as adoption_charts
from briefing.charts import alignment as alignment_charts
from briefing.charts import china_measures as china_charts
from briefing.charts import china_timeline, kinds, layout, palette
from briefing.charts._vocabulary_words import WORDS
from briefing.charts.text import NO_LINE_START, short_date, text_width, wrap
from briefing.counting import answers
from briefing.data import tables
from briefing.vocabulary import milestones
from briefing.vocabulary import self_sufficiency as measures

COUNTS = pd.DataFrame(
    [
        {"kind": "list_designation", "year": 2023, "measures": 2},
        {"kind": "export_control", "year": 2024, "measures": 1},
    ]
)
DAY = dt.date(2024, 9, 6)


@pytest.fixture
def japanese():
    translation.use("ja")
    yield
    translation.use("en")


def test_every_vocabulary_word_a_chart_shows_is_marked_for_the_catalog():
    declared = set(milestones.KIND_LABELS.values()) | set(measures.KIND_LABELS.values())
    declared |= {measure.short for measure in measures.MEASURES.values()}
    assert declared - WORDS == set()


def test_a_japanese_chart_speaks_japanese_in_a_japanese_font(japanese):
    fig = china_charts.counts_chart(COUNTS, DAY)
    assert fig.layout.template.layout.font.family.startswith("Noto Sans CJK JP, DejaVu Sans")
    assert fig.layout.title.text.startswith("中国は2023～2024年に3件の措置をとり")
    assert fig.layout.xaxis.title.text == "措置の日付の年"
    assert fig.layout.xaxis.ticktext[-1] == "2024<br>（9月6日まで）"
    source = next(a for a in fig.layout.annotations if a.name == "source")
    assert source.text.startswith("出典：")
    # The codebook's kinds in Japanese, styled as their English names are.
    assert {trace.name for trace in fig.data} == {"リスト指定", "輸出管理"}
    assert {trace.meta["category"] for trace in fig.data} <= set(palette.palette())


def test_the_english_chart_keeps_its_words_font_and_ticks():
    fig = china_charts.counts_chart(COUNTS, DAY)
    assert fig.layout.template.layout.font.family == layout.FONT
    assert fig.layout.title.text.startswith("China took 3 measures from 2023 to 2024")
    assert fig.layout.xaxis.ticktext[-1] == "2024<br>to 6 Sep"
    assert short_date(dt.date(2026, 9, 6)) == "6 Sep 2026"  # not CLDR's "Sept"


def two_lane_timeline():
    rows = pd.DataFrame({"date": pd.to_datetime(["2019-05-15", "2020-01-10"]), "lane": ["a", "b"]})
    return kinds.lane_timeline(
        [kinds.Markers("x", rows)],
        ["a", "b"],
        hover_columns=["lane"],
        hovertemplate="%{y}",
        lane_height=20,
        padding=100,
        min_height=300,
        lane="lane",
    )


def test_a_japanese_time_axis_names_its_years_and_months_in_japanese(japanese):
    fig = two_lane_timeline()
    layout.finish(fig, title="年表", source="表", alt="年表", x_title="日付", y_title="")
    stops = {stop.value for stop in fig.layout.xaxis.tickformatstops}
    assert stops == {"%Y年", "%Y年%-m月", "%Y年%-m月%-d日"}
    translation.use("en")
    english = two_lane_timeline()
    layout.finish(english, title="T", source="S", alt="A", x_title="X", y_title="")
    assert not english.layout.xaxis.tickformatstops


def test_full_width_characters_count_twice_and_japanese_wraps_between_them():
    assert text_width("Huawei") == 6 and text_width("日本") == 4
    title = (
        "措置をとった39法域のうち、5法域がファーウェイまたはZTEを名指しする全国的な禁止を定めていた"
    )
    lines = wrap(title, 300, 13)
    chars = int(300 / (13 * 0.6))
    assert len(lines) > 1 and "".join(lines) == title
    assert all(text_width(line) <= chars + 2 for line in lines)  # closing punctuation may hang
    assert not any(line[0] in NO_LINE_START for line in lines[1:])
    assert "ZTE" in "".join(lines) and all("ZT" != line[-2:] for line in lines)  # words whole


def test_japanese_labels_get_the_room_their_width_needs(japanese):
    labels = ["日本", "オランダ王国の長い名前の法域"]
    fig = go.Figure(go.Bar(x=[1, 2], y=labels, orientation="h"))
    layout.finish(fig, title="題", source="表", alt="図", x_title="日数", y_title="")
    latin = go.Figure(go.Bar(x=[1, 2], y=["Japan", "A" * len(labels[1])], orientation="h"))
    layout.finish(latin, title="T", source="S", alt="A", x_title="X", y_title="")
    assert fig.layout.margin.l > latin.layout.margin.l * 1.6


# Latin words a Japanese chart may hold: names, codes and units the Japanese press writes so.
LATIN_NAMES = {"Huawei", "ZTE", "FR", "CFR", "Supp", "EU", "IC", "MIC", "Insights"}


def _latin_words(text: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z][A-Za-z'-]+", re.sub(r"<[^>]+>|%\{[^}]*\}", " ", text)))
    return words - LATIN_NAMES


def _said(fig: go.Figure) -> list[str]:
    """What a chart itself says (not its data's texts): title, axis titles, legend, source, alt."""
    texts = [fig.layout.title.text, fig.layout.xaxis.title.text, fig.layout.yaxis.title.text]
    texts += [fig.layout.meta["alt"]]
    texts += [a.text for a in fig.layout.annotations if a.name == "source" or not a.x]
    texts += [trace.name for trace in fig.data if trace.name and trace.showlegend is not False]
    return [text for text in texts if text]


def test_the_charts_of_the_restrictions_milestones_and_china_s_measures_say_nothing_in_english(
    japanese,
):
    day, focus = dt.date(2026, 9, 6), "JP"
    events = tables.load("restrictions", as_of=day)
    standings = adoption.standing(events)
    milestones = tables.load("milestones", as_of=day)
    lags = alignment.pair_lags(tables.load("lag_pairs"), tables.load("milestones"), day)
    measures = tables.load("china_measures", as_of=day)
    foreign = answers.foreign_measures(
        milestones, events, tables.load("entity_list_rules", as_of=day)
    )
    pairs = answers.answer_pairs(measures, foreign)
    charts = [
        adoption_charts.category_chart(
            adoption.category_curve(events),
            adoption.category_counts(events),
            standings,
            focus,
            day,
            events=events,
        ),
        adoption_charts.timeline_chart(events, focus, day),
        adoption_charts.map_chart(standings, events, focus),
        alignment_charts.timeline_chart(
            milestones, alignment.restrictions_only(milestones), focus, day
        ),
        alignment_charts.lag_chart(lags, focus),
        alignment_charts.huawei_lag_chart(alignment.huawei_lags(events), focus, events),
        china_timeline.timeline_chart(
            measures, foreign, pairs, china_chapter.concerning(measures, pairs, focus), focus, day
        ),
        china_charts.counts_chart(china_chapter.counts_by_kind_and_year(measures), day),
    ]
    english = {
        text: _latin_words(text) for fig in charts for text in _said(fig) if _latin_words(text)
    }
    assert english == {}
