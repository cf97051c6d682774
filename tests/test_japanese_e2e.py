"""The Japanese edition of the session's build: beside the English one, linked page to page,
the same numbers, in Japanese (pages and PDF)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from briefing.book import config as book_config

pytestmark = pytest.mark.e2e

# What may stay in Latin letters in Japanese prose: names and codes as Japanese texts write
# them, units, and the words of sources' own titles where a sentence quotes one.
ALLOWED = {
    "huawei",
    "zte",
    "bis",
    "ear",
    "fdpr",
    "eccn",
    "csv",
    "pdf",
    "iso",
    "us",
    "eu",
    "uk",
    "hs",
    "mofcom",
    "meti",
    "cac",
    "samr",
    "miit",
    "asml",
    "smic",
    "tsmc",
    "nexperia",
    "g",
    "x",
    "d",
    "ic",
    "insights",
    "trendforce",
    "semi",
    "sia",
    "bcg",
    "nm",
    "dram",
    "nand",
    "ai",
    "html",
    "url",
    "id",
    "jp",
    "cn",
    "no",
    "fr",
    "ecfr",
    "csl",
    "api",
    "qr",
    "cnas",
    "csis",
    "jetro",
    "tbl",
    "fig",
    "sec",
    "a",
    "b",
    "c",
    "e",
    "iii",
    "ii",
    "i",
    "o",
    "vs",
    "gdpr",
    "nis",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
# Where a page says things in its own words: prose, headings, captions and table headers.
PROSE = "p, li, h1, h2, h3, h4, h5, h6, figcaption, caption, th, summary, .key-label"


def site(built: Path) -> Path:
    return built / "reports" / "site"


def english_pages(built: Path) -> list[str]:
    return sorted(page.name for page in site(built).glob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_has_its_japanese_counterpart_and_links_it(built):
    pages = english_pages(built)
    assert "index.html" in pages and len(pages) >= 10
    for name in pages:
        english, japanese = soup(site(built) / name), soup(site(built) / "ja" / name)
        assert japanese.html.get("lang") == "ja", name
        assert english.html.get("lang") == "en", name
        assert english.select_one(f'a[hreflang="ja"][href="ja/{name}"]'), name
        assert japanese.select_one(f'a[hreflang="en"][href="../{name}"]'), name
    pdf = site(built) / "ja" / book_config.load(built, "ja").pdf_name
    assert pdf.is_file() and pdf.name == "briefing-ja.pdf"


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*", text)


def test_the_key_numbers_are_the_same_in_both_languages(built):
    english = soup(site(built) / "index.html").select(".key-value")
    japanese = soup(site(built) / "ja" / "index.html").select(".key-value")
    assert english and len(english) == len(japanese)
    for en, ja in zip(english, japanese, strict=True):
        # The same numbers; a language may say them in another order ("5 of 39", "39のうち5").
        assert sorted(numbers(en.get_text())) == sorted(numbers(ja.get_text())), (
            en.get_text(),
            ja.get_text(),
        )


def code(word: str) -> bool:
    """A code or an acronym as the data writes it (GB-2020-01, UEL, FDPR): no word to translate."""
    letters = word.strip("'’-")
    return letters.isupper() and len(letters) <= 5


def untranslated(page: BeautifulSoup) -> list[str]:
    """The words in Latin letters of a page's own prose, links and code left out (a source's
    title, a name in a link, a code stay as they are written)."""
    for element in page.select("script, style, code, a, .sourceCode"):
        element.decompose()
    words = []
    for element in page.select(PROSE):
        if element.find(PROSE.split(", ")):
            continue  # its own children are read on their own
        words += [
            word
            for word in LATIN_WORD.findall(element.get_text(" "))
            if word.lower().strip("'’-") not in ALLOWED and not code(word)
        ]
    return words


def test_the_japanese_pages_say_their_own_words_in_japanese(built):
    found = {}
    for name in english_pages(built):
        words = untranslated(soup(site(built) / "ja" / name))
        if len(words) > 12:
            found[name] = words
    assert not found, "\n".join(
        f"{name}: {len(words)} words in Latin letters, e.g. {' '.join(words[:30])}"
        for name, words in found.items()
    )


def test_the_japanese_pdf_embeds_a_japanese_font_and_reads_as_japanese(built):
    reader = PdfReader(site(built) / "ja" / "briefing-ja.pdf")
    fonts = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("CJK" in font for font in fonts), fonts
    text = "\n".join(page.extract_text() for page in reader.pages[2:6])
    letters = [c for c in text if c.isalpha()]
    assert len(CJK.findall(text)) > 0.5 * len(letters), text[:500]
