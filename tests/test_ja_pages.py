"""The Japanese pages (ja/*.qmd) are the English book's pages in Japanese, built the same way.

Each page of the book (_quarto.yml's chapters and appendices) has a counterpart of the same
name under ja/, with the same skeleton: the same embeds, in order, from the Japanese notebooks
(reports/executed/ja/, reached from the page's folder as Quarto resolves it), the same headings
and ids, divs, cross-references and link targets. Only the words change, and they must be
Japanese: prose left in English is what the issue's readers would meet untranslated.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import paths
from briefing.book import config as book_config
from briefing.book.config import chapter_entries, split_front_matter

JA = paths.ROOT / "ja"
# Where a Japanese page's embeds point, relative to ja/ (the page's own folder).
JA_EXECUTED = "../reports/executed/ja/"

# Words in Latin letters a Japanese page may keep: names, codes and units that Japanese
# government reports write as they are. Anything else counts as English left untranslated.
# fmt: off
ALLOWED_LATIN = {
    "5G", "BIS", "CSV", "EAR", "ECCN", "EU", "FDPR", "HS", "Huawei", "IC", "ICT", "Insights",
    "ISO", "JETRO", "METI", "MOFCOM", "PDF", "UK", "URL", "US", "ZTE",
}
# fmt: on
# A few stray Latin words (a name the list lacks) are tolerated; more mean English prose.
MAX_STRAY_LATIN = 3

EMBED = re.compile(r"\{\{<\s*embed\s+([^#\s>]+)#([^\s>]+)\s*>\}\}")
SHORTCODE = re.compile(r"\{\{<.*?>\}\}", re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*$")
DIV_OPEN = re.compile(r"^:::+\s*\{([^}]*)\}\s*$")
CROSSREF = re.compile(r"@((?:fig|tbl|sec)-[A-Za-z0-9_-]*[A-Za-z0-9])")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
LATIN_WORD = re.compile(r"[0-9]*[A-Za-z][A-Za-z0-9]*")


def book_pages() -> list[str]:
    """The English book's pages, as _quarto.yml (with the English profile) lists its chapters
    and appendices."""
    book = book_config.read(paths.ROOT, "en")["book"]
    return chapter_entries(book.get("chapters", [])) + chapter_entries(book.get("appendices", []))


def read(path: Path) -> tuple[dict, str]:
    return split_front_matter(path.read_text(encoding="utf-8"))


def lines_outside_code(body: str) -> list[str]:
    """The body's lines, code blocks removed (a `#` in code is no heading)."""
    return CODE.sub("", body).splitlines()


def embeds(body: str) -> list[tuple[str, str]]:
    """(notebook path, label) of every embed shortcode, in order."""
    return EMBED.findall(body)


def headings(body: str) -> list[tuple[int, str]]:
    """(level, attributes) of every heading, in order: `{#id .unnumbered}` kept as written."""
    found = (HEADING.match(line) for line in lines_outside_code(body))
    return [(len(m.group(1)), m.group(3) or "") for m in found if m]


def divs(body: str) -> list[str]:
    """The attributes of every fenced div that opens, in order (its classes and conditions)."""
    found = (DIV_OPEN.match(line) for line in lines_outside_code(body))
    return [m.group(1).strip() for m in found if m]


def crossrefs(body: str) -> list[str]:
    """The keys of every cross-reference outside shortcodes, sorted (a sentence may reorder)."""
    return sorted(CROSSREF.findall(SHORTCODE.sub("", CODE.sub("", body))))


def glued_crossrefs(body: str) -> list[str]:
    """Cross-references a letter touches: Pandoc then reads no reference (a kana before `@`)
    or a longer key (a kana after it), so in Japanese each needs a space or punctuation."""
    text = SHORTCODE.sub("", CODE.sub("", body))
    glued = []
    for m in CROSSREF.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isalnum() or after.isalnum():
            glued.append(text[max(m.start() - 1, 0) : m.end() + 1])
    return glued


def link_targets(body: str) -> list[str]:
    return LINK_TARGET.findall(SHORTCODE.sub("", CODE.sub("", body)))


def prose(front: dict, body: str) -> str:
    """What a reader reads: the title and the body without shortcodes, code, link targets,
    cross-references, attributes and div fences."""
    text = SHORTCODE.sub(" ", CODE.sub(" ", body))
    text = LINK_TARGET.sub("] ", text)
    text = CROSSREF.sub(" ", text)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"^:::.*$", " ", text, flags=re.MULTILINE)
    return f"{front.get('title', '')}\n{text}"


def stray_latin(text: str) -> list[str]:
    """The words in Latin letters outside the allow-list."""
    return [w for w in LATIN_WORD.findall(text) if w not in ALLOWED_LATIN]


# --- the helpers read what they should (so the checks below can fail) --------------------------

SAMPLE = """# 要旨 {.unnumbered}

::: {.content-visible unless-format="html"}
全措置は付属資料の @tbl-adoption-events に、[前版](editions/index.html)は本サイトにある。
The measures are listed here。{{< embed ../reports/executed/ja/a.ipynb#fig-x >}}
:::

```
# not a heading @tbl-in-code
```
### 種類 {#china-kind}
"""


def test_the_helpers_read_a_page_as_the_checks_expect():
    assert embeds(SAMPLE) == [("../reports/executed/ja/a.ipynb", "fig-x")]
    assert headings(SAMPLE) == [(1, ".unnumbered"), (3, "#china-kind")]
    assert divs(SAMPLE) == ['.content-visible unless-format="html"']
    assert crossrefs(SAMPLE) == ["tbl-adoption-events"]
    assert link_targets(SAMPLE) == ["editions/index.html"]
    stray = stray_latin(prose({"title": "出典 PDF"}, SAMPLE))
    assert stray == ["The", "measures", "are", "listed", "here"]
    assert glued_crossrefs(SAMPLE) == []
    assert glued_crossrefs("付属資料の@tbl-x に") == ["の@tbl-x "]
    assert glued_crossrefs("付属資料の @tbl-xに") == [" @tbl-xに"]


# --- every page of the book, in Japanese ------------------------------------------------------


def test_the_book_has_pages():
    assert "index.qmd" in book_pages() and len(book_pages()) >= 2


@pytest.mark.parametrize("name", book_pages())
def test_the_page_has_a_japanese_counterpart(name):
    assert (JA / name).is_file(), f"ja/{name} is missing: the Japanese edition lacks a page"


def pair(name: str) -> tuple[tuple[dict, str], tuple[dict, str]]:
    if not (JA / name).is_file():
        pytest.fail(f"ja/{name} is missing")
    return read(paths.ROOT / name), read(JA / name)


@pytest.mark.parametrize("name", book_pages())
def test_the_japanese_page_embeds_the_same_cells_from_the_japanese_notebooks(name):
    (_, en), (_, ja) = pair(name)
    assert embeds(en), f"{name} embeds nothing: the shortcode pattern no longer matches"
    assert [label for _, label in embeds(ja)] == [label for _, label in embeds(en)]
    for (en_path, label), (ja_path, _) in zip(embeds(en), embeds(ja), strict=True):
        assert ja_path == JA_EXECUTED + Path(en_path).name, f"ja/{name}#{label}: {ja_path}"


@pytest.mark.parametrize("name", book_pages())
def test_the_japanese_page_has_the_same_skeleton(name):
    (en_front, en), (ja_front, ja) = pair(name)
    assert sorted(ja_front) == sorted(en_front), "the front matter's keys"
    assert headings(ja) == headings(en), "heading levels and attributes, in order"
    assert divs(ja) == divs(en), "fenced divs (content-visible conditions), in order"
    assert crossrefs(ja) == crossrefs(en), "cross-reference keys"
    assert link_targets(ja) == link_targets(en), "link targets, in order"
    assert glued_crossrefs(ja) == [], "a cross-reference touching a letter is not one"


@pytest.mark.parametrize("name", book_pages())
def test_the_japanese_page_has_no_english_prose(name):
    (en_front, _), (front, body) = pair(name)
    if en_front.get("title"):
        assert front.get("title") != en_front["title"], "the title is not translated"
    stray = stray_latin(prose(front, body))
    assert len(stray) <= MAX_STRAY_LATIN, f"ja/{name}: untranslated words {stray}"
    # And it is Japanese: kana or kanji, not only names and codes.
    assert len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", prose(front, body))) > 20
