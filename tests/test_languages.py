"""The editions' languages in the machinery: profiles, parameters, plans, captions, links."""

from __future__ import annotations

import json

import pytest

from briefing import cell_messages, params, paths, translation
from briefing.book import config, hooks, languages
from briefing.book import plan as freshness
from briefing.cli import languages as cli_languages
from briefing.errors import ParameterError


def test_a_profile_merges_as_quarto_merges_it():
    base = {"book": {"title": "T", "chapters": ["a.qmd"]}, "lang": "en", "format": {"html": {}}}
    over = {"book": {"title": "題", "chapters": ["a.qmd", "b.qmd"]}, "lang": "ja"}
    merged = config.merge(base, over)
    # Lists are concatenated without repeats (a profile cannot take a chapter away), maps are
    # merged key by key, anything else is replaced.
    assert merged == {
        "book": {"title": "題", "chapters": ["a.qmd", "b.qmd"]},
        "lang": "ja",
        "format": {"html": {}},
    }


def test_each_language_has_its_book():
    english, japanese = config.load(paths.ROOT, "en"), config.load(paths.ROOT, "ja")
    assert english.language == "en" and japanese.language == "ja"
    assert english.pdf_name == "briefing.pdf" and japanese.pdf_name == "briefing-ja.pdf"
    # The same pages, in the same order, under the same names (a page's counterpart is found
    # by its name), each read in its language: its title from the profile, its own text.
    assert [c.source for c in japanese.chapters] == [c.source for c in english.chapters]
    assert [c.number for c in japanese.chapters] == [c.number for c in english.chapters]
    assert japanese.title != english.title
    for en, ja in zip(english.chapters, japanese.chapters, strict=True):
        assert en.title != ja.title and "{{<" not in en.title + ja.title
        assert "/reports/executed/ja/" in ja.body and "executed/ja/" not in en.body


@pytest.mark.parametrize(
    ("page", "language", "other", "href"),
    [
        ("adoption.html", "en", "ja", "ja/adoption.html"),
        ("adoption.html", "ja", "en", "../adoption.html"),
        ("index.html", "en", "ja", "ja/index.html"),
    ],
)
def test_a_page_links_the_same_page_in_the_other_language(page, language, other, href):
    assert languages.counterpart_href(page, language, other) == href


QUARTO_PAGE = (
    '<html><body><div id="quarto-sidebar"><div class="sidebar-menu-container">'
    "<ul></ul></div></div><main>x</main></body></html>"
)
FALLBACK_PAGE = (
    '<html><body><nav class="sidebar"><p class="edition">Edition</p>\n<ol></ol></nav></body></html>'
)


@pytest.mark.parametrize("page", [QUARTO_PAGE, FALLBACK_PAGE])
def test_a_page_gets_its_counterpart_links_once_in_its_sidebar(page):
    linked = languages.link_counterpart(page, "two.html", "ja", ["en"])
    assert '<a href="../two.html" hreflang="en" lang="en">English</a>' in linked
    if "<ol" in page:  # the fallback's sidebar: after the edition's line, before the chapters
        assert linked.index("edition") < linked.index("language-switch") < linked.index("<ol")
    assert languages.link_counterpart(linked, "two.html", "ja", ["en"]) == linked
    assert languages.link_counterpart(linked, "two.html", "ja", []) == page


def test_a_site_links_only_the_counterparts_it_has(tmp_path):
    for name in ("index.html", "two.html", "ja/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(FALLBACK_PAGE, encoding="utf-8")
    languages.link_site(tmp_path)
    assert 'href="ja/index.html" hreflang="ja"' in (tmp_path / "index.html").read_text()
    assert 'href="../index.html" hreflang="en"' in (tmp_path / "ja" / "index.html").read_text()
    # No Japanese two.html: the English one links nowhere rather than to a missing page.
    assert "language-switch" not in (tmp_path / "two.html").read_text()


def test_the_language_is_a_parameter_of_the_edition():
    english = params.parse("2026-11-01", "JP", "none")
    japanese = params.parse("2026-11-01", "JP", "none", "ja")
    assert english.language == "en" and japanese.language == "ja"
    # An English edition's parameters are what they were before there were languages, so its
    # executed notebooks keep their keys.
    assert "edition_language" not in english.for_papermill()
    assert japanese.for_papermill()["edition_language"] == "ja"
    with pytest.raises(ParameterError, match="edition_language: language 'fr'"):
        params.parse("2026-11-01", "JP", "none", "fr")


def test_lang_all_builds_english_first_then_the_others():
    assert cli_languages("all") == ("en", "ja")
    assert cli_languages("JA") == ("ja",)
    with pytest.raises(ParameterError, match="--lang"):
        cli_languages("fr")


def test_quarto_s_profile_names_the_language_of_its_hooks():
    assert hooks.language({"QUARTO_PROFILE": "ja"}) == "ja"
    assert hooks.language({"QUARTO_PROFILE": "en"}) == "en"
    assert hooks.language({}) == "en"


def notebook(caption: str) -> dict:
    source = f'#| label: fig-x\n#| fig-cap: "{caption}"\nprint(1)\n'
    return {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
            {"cell_type": "code", "metadata": {}, "source": source, "outputs": []},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_captions_are_messages_and_run_translated(tmp_path, monkeypatch):
    nb = notebook("Measures by year. Source: restrictions table.")
    assert list(cell_messages.messages(nb)) == [
        (2, "Measures by year. Source: restrictions table.")
    ]
    po = tmp_path / "ja" / "LC_MESSAGES" / "briefing.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Measures by year. Source: restrictions table."\n'
        'msgstr "年ごとの措置。出典：「規制」表。"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(translation, "LOCALE_DIR", tmp_path)
    translation.translations.cache_clear()
    try:
        copy = cell_messages.translated(nb, "ja")
    finally:
        translation.translations.cache_clear()
    assert '#| fig-cap: "年ごとの措置。出典：「規制」表。"' in "".join(copy["cells"][1]["source"])
    assert "#| label: fig-x" in "".join(copy["cells"][1]["source"])
    assert nb["cells"][1]["source"].count("Measures by year") == 1  # the source is untouched
    assert cell_messages.translated(nb, "en") is nb


def test_each_language_is_planned_in_its_folder(tmp_path):
    source = tmp_path / "chapter.ipynb"
    source.write_text(json.dumps(notebook("A caption.")), encoding="utf-8")
    english = params.parse("2026-11-01", "JP", "none").for_papermill()
    japanese = params.parse("2026-11-01", "JP", "none", "ja").for_papermill()
    en = freshness.plan([source], english, tmp_path / "executed", tmp_path)
    ja = freshness.plan([source], japanese, tmp_path / "executed" / "ja", tmp_path, folder="ja")
    assert [item.name for item in en + ja] == ["chapter.ipynb", "ja/chapter.ipynb"]
    assert en[0].key != ja[0].key and ja[0].parameters["edition_language"] == "ja"
    assert all(item.run for item in en + ja)


def test_a_language_s_notebooks_are_reused_into_its_folder(tmp_path):
    from briefing.book import execute
    from briefing.book.project import Project

    source = tmp_path / "notebooks" / "chapter.ipynb"
    source.parent.mkdir()
    source.write_text(json.dumps(notebook("A caption.")), encoding="utf-8")
    project = Project(tmp_path, (source,))
    previous = project.executed / "ja" / "chapter.ipynb"
    previous.parent.mkdir(parents=True)
    previous.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    freshness.record_path(previous).write_text("{}", encoding="utf-8")
    item = freshness.Planned(source, "key", False, "unchanged", {}, "ja")
    outcomes = execute.execute_all([item], project, tmp_path / "staged")
    assert [outcome.name for outcome in outcomes] == ["ja/chapter.ipynb"]
    assert (tmp_path / "staged" / "ja" / "chapter.ipynb").is_file()


def test_a_changed_translation_reruns_the_japanese_notebooks_only(tmp_path):
    source = tmp_path / "chapter.ipynb"
    source.write_text(json.dumps(notebook("A caption.")), encoding="utf-8")
    package = tmp_path / "package"
    catalog = translation.catalog_path("ja", package / "locale")
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid "A caption."\nmsgstr "説明。"\n', encoding="utf-8")
    english = params.parse("2026-11-01", "JP", "none").for_papermill()
    japanese = params.parse("2026-11-01", "JP", "none", "ja").for_papermill()
    before = [freshness.static_key(source, p, package) for p in (english, japanese)]
    catalog.write_text('msgid "A caption."\nmsgstr "図の説明。"\n', encoding="utf-8")
    after = [freshness.static_key(source, p, package) for p in (english, japanese)]
    # A translator's edit changes what the Japanese kernels say, not what the English ones do.
    assert after[0] == before[0] and after[1] != before[1]
