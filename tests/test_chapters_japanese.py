"""The adoption, alignment and China chapters in Japanese: their prose says itself in Japanese,
with the same numbers as the English, and the English is as it was."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefing import prose, translation
from briefing.chapters import adoption, alignment, china_measures, findings
from briefing.counting import answers, status, watch
from briefing.data import tables

DAY = dt.date(2026, 12, 1)
# Placeholders a message left unfilled, and a date written the English way.
UNFILLED = re.compile(r"\{[a-z_]*\}")
ENGLISH_DATE = re.compile(
    r"\d{1,2} (January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{4}"
)
# Running English prose: three lower-case Latin words in a row (names are capitalised).
ENGLISH_RUN = re.compile(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b")


@pytest.fixture
def japanese():
    translation.use("ja")
    yield
    translation.use("en")


def chapter_findings(lang: str | None, focus: str) -> list[findings.Finding]:
    """Every finding of the three chapters on DAY, with the tables' texts in ``lang``."""
    events = tables.load("restrictions", as_of=DAY, lang=lang)
    milestones = tables.load("milestones", as_of=DAY, lang=lang)
    lags = alignment.pair_lags(
        tables.load("lag_pairs", lang=lang), tables.load("milestones", lang=lang), DAY
    )
    measures = tables.load("china_measures", as_of=DAY, lang=lang)
    rules = tables.load("entity_list_rules", as_of=DAY, lang=lang)
    foreign = answers.foreign_measures(milestones, events, rules)
    return (
        adoption.findings(events, focus, DAY)
        + alignment.findings(milestones, lags, events, focus, DAY)
        + china_measures.findings(measures, foreign, focus, DAY, status.statuses(DAY))
    )


def test_prose_keeps_its_english():
    assert prose.duration(1) == "1 day" and prose.duration(292.5) == "about 10 months"
    assert prose.lag_phrase(1) == "1 days after" and prose.lag_phrase(-1106) == "1106 days before"
    assert prose.the_jurisdiction("NL") == "the Netherlands"
    assert prose.indefinite("applied restriction") == "an applied restriction"
    assert prose.count_phrase(3, "ally", "allies") == "3 allies"
    assert prose.ordinal(22) == "22nd" and prose.of(5, 39) == "5 of 39"
    assert prose.sentences("One.", "Two.") == "One. Two."
    assert prose.full_stop("A note") == "A note."


def test_prose_in_japanese_has_no_articles_nor_plurals(japanese):
    assert prose.duration(45) == "45日" and prose.duration(292.5) == "約10か月"
    assert prose.lag_phrase(-1106) == "1,106日前" and prose.lag_phrase(60) == "60日後"
    assert prose.the_jurisdiction("NL") == "オランダ"
    assert prose.indefinite("applied restriction") == "applied restriction"
    assert prose.count_phrase(3, "ally", "allies") == "3か国・地域"
    assert prose.ordinal(3) == "3番目" and prose.of(5, 39) == "39のうち5"
    assert prose.sentences("一。", "二。") == "一。二。"
    assert prose.full_stop("注記") == "注記。"


@pytest.mark.parametrize("focus", ["JP", "US", "CN", "GB"])
def test_japanese_findings_say_the_same_numbers_in_japanese(focus):
    english = chapter_findings(None, focus)
    translation.use("ja")
    try:
        japanese = chapter_findings("ja", focus)
    finally:
        translation.use("en")
    assert [f.key for f in japanese] == [f.key for f in english]
    for en, ja in zip(english, japanese, strict=True):
        assert ja.values == en.values, en.key
        assert ja.figure == en.figure
        assert re.search(r"[\u3040-\u30ff]", ja.text), ja.text  # kana: Japanese sentences
        assert not UNFILLED.search(ja.text), ja.text
        assert not ENGLISH_DATE.search(ja.text), ja.text
        assert not ENGLISH_RUN.search(ja.text), ja.text
        # Every number of the English is in the Japanese (which groups thousands: 1,192).
        plain = ja.text.replace(",", "")
        numbers = re.findall(r"\d+", en.text.replace(",", ""))
        assert all(n in plain for n in numbers), (en.text, ja.text)


def test_the_watch_list_finds_the_same_deadlines_in_japanese(japanese):
    found = watch.for_edition(DAY)
    translation.use("en")
    english = watch.for_edition(DAY)
    assert list(found["measure_id"]) == list(english["measure_id"])
    ended = english["what"].str.contains("not verified")
    assert ended.any()
    assert found.loc[ended, "what"].str.contains("未確認").all()


def test_a_japanese_finding_is_counted_by_its_characters():
    assert findings.words("Japan counts as a ban.") == 5
    # 35 Japanese characters at three a word (12), and "12" and "ZTE" spaced apart.
    assert (
        findings.words(
            "措置を講じた法域のうち12法域がZTEを名指しする全国的な禁止措置を設けていた。"
        )
        == 14
    )
