"""The display layer and the executive summary in Japanese: headers translated where a table is
shown (its columns still chosen by their English names), DataTables' own words, and the bottom
line with the same numbers as the English one."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from briefing import translation
from briefing.chapters.findings import KeyNumber
from briefing.counting import watch
from briefing.outputs import display, tables_html
from briefing.summary import bottom_line, events, reading

DAY, PREVIOUS = dt.date(2026, 12, 1), dt.date(2026, 6, 1)


@pytest.fixture
def japanese():
    translation.use("ja")
    yield
    translation.use("en")


def published(monkeypatch, show) -> dict:
    from IPython.core.interactiveshell import InteractiveShell

    out = []
    monkeypatch.setattr(
        InteractiveShell.instance().display_pub, "publish", lambda data, **kw: out.append(data)
    )
    show()
    return out[0]


def dt_args(html: str) -> dict:
    """The options the page hands DataTables (itables writes them as one JSON object)."""
    return json.loads(re.search(r"let dt_args = (\{.*?\n\s*\});", html, re.DOTALL).group(1))


# "Date" and "Sources" are messages (of the chapters and the display layer): the catalog has
# their Japanese.
FRAME = pd.DataFrame(
    {
        "Date": ["2020-01-01", "2021-01-01"],
        "What": ["a long text " * 8, "another " * 8],
        "Sources": ["METI", "BIS"],
        "url": ["https://www.meti.go.jp/", "https://www.bis.gov/"],
    }
)


def test_headers_are_japanese_and_columns_still_chosen_by_their_english_names(
    monkeypatch, japanese
):
    out = published(
        monkeypatch,
        lambda: display.show_table(FRAME, compact=["Date", "Sources"], links={"Sources": "url"}),
    )
    markdown = out["text/markdown"]
    assert markdown.splitlines()[0] == "| 日付 | 出典 |"  # the printed columns, by compact
    assert "[METI](<https://www.meti.go.jp/>)" in markdown  # the link, by its English key
    html = out["text/html"]
    args = dt_args(html)
    assert "<th>出典</th>" in args["table_html"] and "Sources" not in args["table_html"]
    assert "<th>日付</th>" in args["table_html"]
    folds = {d["className"]: d["targets"] for d in args["columnDefs"] if "className" in d}
    assert folds["fold"] == [2]  # "What" folds (after the row button and the date)
    assert args["language"]["search"] == "検索："
    assert args["language"]["info"] == "_TOTAL_行中_START_〜_END_行目を表示"
    assert 'data-less="閉じる"' in html


def test_english_tables_keep_datatables_own_words(monkeypatch):
    out = published(monkeypatch, lambda: display.show_table(FRAME, links={"Sources": "url"}))
    assert "language" not in dt_args(out["text/html"])
    assert out["text/markdown"].splitlines()[0] == "| Date | What | Sources |"
    assert "data-less" not in tables_html.control_button()


def test_a_chart_data_block_and_a_key_number_in_japanese(japanese):
    block = tables_html.data_block("<table></table>", 1106, "data-fig-x")
    assert "<summary>データと出典：図の基となる1,106行</summary>" in block
    assert '<a href="sources.html">出典</a>' in block  # the page beside it, in ja/
    number = KeyNumber("k", "24", "definition", "2026年12月1日", "fig-x", 24, "23", "2026年6月1日")
    text = display.key_numbers_markdown([number])
    assert "[23 → ]{.key-previous}**24**" in text  # the values as the chapter gave them
    # The cross-reference ends the line: a Japanese character after it would join its key.
    assert "[時点：2026年12月1日。前版（2026年6月1日）では23 · 参照：@fig-x]{.key-date}" in text


# A Japanese date, or an English one: the same day, written two ways, is left out of the count.
DATES = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2} [A-Z][a-z]+ \d{4}")


def numbers(text: str) -> list[str]:
    text = DATES.sub("", text).replace("12か月", "")  # "the twelve months" in words in English
    return sorted(re.findall(r"\d[\d,.]*\d%?|\d%?", text.replace(",", "")))


def test_the_bottom_line_says_the_same_numbers_in_japanese():
    now = reading.read(DAY, "JP")
    listed = watch.for_edition(DAY)
    new = events.new_measures(PREVIOUS, DAY, "JP")
    changed = events.status_changes(PREVIOUS, DAY)
    english = " ".join(bottom_line.sentences(now, listed, new, changed, PREVIOUS))
    translation.use("ja")
    try:
        japanese = bottom_line.sentences(now, listed, new, changed, PREVIOUS)
    finally:
        translation.use("en")
    text = "".join(japanese)
    assert len(japanese) == 5 and "2026年12月1日" in text
    assert numbers(text) == numbers(english)
    # Japanese prose: no English word left but the vendor's name.
    assert set(re.findall(r"[A-Za-z]{2,}", text)) <= {"ZTE"}


def test_what_changed_names_the_same_measures_in_japanese():
    english = events.new_measures(PREVIOUS, DAY, "JP")
    translation.use("ja")
    try:
        japanese = events.new_measures(PREVIOUS, DAY, "JP")
        changed = events.status_changes(PREVIOUS, DAY)
    finally:
        translation.use("en")

    def shape(groups):
        return [(g.code, [m.date for m in g.measures]) for g in groups]

    assert english and shape(japanese) == shape(english)
    assert japanese[0].jurisdiction == "日本" and english[0].jurisdiction == "Japan"
    kana_or_kanji = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert all(kana_or_kanji.search(m.title) for g in japanese for m in g.measures)
    assert changed and all(kana_or_kanji.search(c.measure) for c in changed)
