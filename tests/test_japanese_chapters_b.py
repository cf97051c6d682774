"""The Entity List, self-sufficiency, codebook, methods and sources chapters in a Japanese
edition: the same values computed on the English texts, said in Japanese; the English as it was."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefing import translation
from briefing.chapters import codebook as appendix
from briefing.chapters import entity_list, methods, self_sufficiency, sources
from briefing.counting import watch
from briefing.data import codebook, tables
from briefing.data import sources as cited_sources

DAY = dt.date(2026, 11, 1)
BEFORE_SNAPSHOT = dt.date(2020, 6, 30)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Names, codes and units a Japanese sentence writes in Latin letters (firms' names as written).
NAMES = {"FR", "IC", "Insights", "TechInsights", "SEMI", "TrendForce", "BIS", "EAR", "US", "bn"}
NAMES |= {"Yole", "Group", "Knometa", "Research", "Ddaily"}


@pytest.fixture
def japanese():
    translation.use("ja")
    yield
    translation.use("en")


def latin_words(text: str) -> set[str]:
    """The words in Latin letters of ``text``, links, code and names left out."""
    text = re.sub(r"\[[^\]]*\]\([^)]*\)|`[^`]*`", "", text)
    return {word for word in LATIN_WORD.findall(text) if word not in NAMES}


def entity_list_inputs(day: dt.date):
    by_year = tables.load("entity_list_by_year", as_of=day)
    rules = entity_list.oldest_first(tables.load("entity_list_rules", as_of=day))
    found = tables.load("entity_list_rules_from_snapshot", as_of=day)
    return by_year, found, rules


def entity_list_findings(day: dt.date, focus: str = "JP"):
    by_year, found, rules = entity_list_inputs(day)
    snapshot = entity_list.snapshot_label(day=day)
    return entity_list.findings(by_year, found, rules, focus, day, snapshot), snapshot


def test_entity_list_findings_say_the_same_values_in_japanese(japanese):
    said, snapshot = entity_list_findings(DAY, "NL")
    translation.use("en")
    english, _ = entity_list_findings(DAY, "NL")
    assert [f.values for f in said] == [f.values for f in english]
    assert snapshot == "2025年10月"
    for finding in said:
        assert CJK.search(finding.text) and not latin_words(finding.text), finding.text
    assert "オランダ" in said[-1].text and "Netherlands" in english[-1].text


def test_an_edition_before_the_snapshot_names_a_later_one_in_japanese(japanese):
    by_year, _, _ = entity_list_inputs(BEFORE_SNAPSHOT)
    snapshot = entity_list.snapshot_label(day=BEFORE_SNAPSHOT)
    assert snapshot == translation.gettext(entity_list.LATER_SNAPSHOT, "ja") != "a later snapshot"
    (number,) = entity_list.key_numbers(by_year, BEFORE_SNAPSHOT, snapshot)
    # The later snapshot is recognised in the edition's words: the rules' date is said.
    assert number.as_of.startswith(translation.date(BEFORE_SNAPSHOT))
    assert snapshot in number.as_of


def test_self_sufficiency_computes_on_the_english_and_shows_the_japanese(japanese):
    english = tables.load("semiconductor_self_sufficiency", as_of=DAY)
    shown = tables.load("semiconductor_self_sufficiency", as_of=DAY, lang="ja")
    figures = self_sufficiency.with_measures(english, shown=shown)
    plain = self_sufficiency.with_measures(english)
    assert figures["series"].equals(plain["series"])
    assert (plain["basis_shown"] == plain["basis"]).all()
    assert figures["basis_shown"].str.contains(CJK).all()
    assert "basis_shown" not in self_sufficiency.download_table(figures)
    said = self_sufficiency.findings(figures, "JP", DAY)
    translation.use("en")
    assert [f.values for f in said] == [
        f.values for f in self_sufficiency.findings(plain, "JP", DAY)
    ]
    translation.use("ja")
    for finding in said:
        # Producers known by an English phrase (an article's authors) keep a source's name.
        assert not latin_words(finding.text) - {"Invest", "in", "Russian", "Regions"}, finding.text
    table = self_sufficiency.producers_table(figures)
    assert "米国半導体工業会" in set(table["Producer"])
    assert set(table["Kind"]) <= {"実績", "予測", "目標"}


def test_a_share_reads_as_it_always_did_in_english():
    stats = {
        "since": 2018,
        "snapshot_rules": 2,
        "snapshot_rules_matched": 1,
        "entries": 2000,
        "entries_matched": 69,
        "curated_rules": 1,
        "curated_rules_found": 1,
    }
    # 69/2000 is a tie in decimal (3.45%) but above it in binary: Python's % format, which the
    # English always used, reads 3.5%, where Babel's decimal rounding to even would read 3.4%.
    assert f"{69 / 2000:.1%}" == "3.5%"
    assert "hold 69 of the 2,000 entries (3.5%)" in methods.matching_markdown(stats)


def test_methods_reasons_are_grouped_in_english_and_said_in_japanese(japanese):
    reconciled = tables.load("entity_list_reconciliation", as_of=DAY)
    text = methods.reconciliation_reasons(reconciled, "2025年10月")
    assert "**一致**" in text and "matches" not in text
    assert not latin_words(text)
    source = methods.snapshot_source()
    assert not latin_words(methods.snapshot_markdown(source, DAY))


def test_the_codebook_rules_name_the_actors_in_the_editions_language(japanese):
    book = codebook.load(lang="ja")
    events = tables.load("restrictions", as_of=DAY)
    rules = appendix.scale_table(book, events)["Rules"]
    assert all(CJK.search(rule) and not latin_words(rule) for rule in rules), list(rules)
    translation.use("en")
    english = appendix.scale_table(codebook.load(), events)["Rules"]
    assert english.iloc[0] == "names the vendors; taken by government or regulator"


def test_the_sources_summaries_are_japanese(japanese):
    book = codebook.load(lang="ja")
    cited = cited_sources.cited(DAY)
    assert not latin_words(sources.kind_summary(cited, book, DAY))
    shares = sources.official_share(DAY, book)
    assert not latin_words(sources.official_summary(shares, book, DAY))
    assert sources.official_table(shares)["Official main source"].str.endswith("行").all()


def test_the_watch_lists_lead_is_said_in_each_language(japanese):
    listed = watch.for_edition(DAY)
    said = sources.watch_lead(listed, DAY)
    assert said.startswith("**") and "期限" in said and not latin_words(said)
    assert f"{len(listed)}件のうち{int(listed['passed'].sum())}件" in said
    translation.use("en")
    assert sources.watch_lead(listed, DAY).startswith("**Deadlines from ")
