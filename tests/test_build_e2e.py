"""End to end: the built site works in Chromium, offline, and the PDF has what a reader needs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import site_checks

from briefing.book import config as book_config
from briefing.book import config as book_module
from briefing.book.quarto_pages import local_link_targets

pytestmark = pytest.mark.e2e


def site_pages(root: Path) -> list[Path]:
    return sorted((root / "reports" / "site").glob("*.html"))


def test_every_chapter_has_a_page(built):
    book = book_module.load(built)
    names = {page.name for page in site_pages(built)}
    assert "index.html" in names
    assert {chapter.href for chapter in book.chapters} <= names


def test_executed_notebooks_stay_out_of_notebooks(built):
    executed = sorted(p.name for p in (built / "reports" / "executed").glob("*.ipynb"))
    sources = sorted(p.name for p in (built / "notebooks").glob("*.ipynb"))
    assert executed == sources
    for source in (built / "notebooks").glob("*.ipynb"):
        assert '"outputs": []' in source.read_text() or '"outputs"' not in source.read_text()


def test_pages_load_plotly_from_one_local_copy(built):
    site = built / "reports" / "site"
    assert (site / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    for page in site_pages(built):
        html = page.read_text(encoding="utf-8")
        assert '<script src="assets/plotly.min.js"></script>' in html
        assert "cdn." not in html and "require.js" not in html


def test_every_page_offers_the_pdf(built):
    # Quarto writes ./briefing.pdf, pandoc briefing.pdf: the same target.
    for page in site_pages(built):
        assert "briefing.pdf" in local_link_targets(page.read_text(encoding="utf-8")), page.name


def test_pages_draw_charts_offline_without_errors(built, site_visits):
    checked_charts = 0
    for page_path in site_pages(built):
        for width in (site_checks.DESK["width"], site_checks.PHONE["width"]):
            seen = site_visits.pages[width, page_path.name]
            # Drawn: each chart has its plot (site_checks.visit waits until every chart has).
            checked_charts += sum(chart["chart"] is not None for chart in seen["charts"])
            errors = [text for kind, text in seen["console"] if kind == "error"]
            errors += seen["uncaught"]
            assert errors == [], f"{page_path.name}: console errors {errors}"
            outside = seen["outside"]
            assert outside == [], f"{page_path.name}: requests outside the site {outside}"
    assert checked_charts > 0


def test_pdf_has_chapters_contents_and_chart_images(built):
    pdf = built / "reports" / "site" / book_config.load(built).pdf_name
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Quarto's smart punctuation prints "China’s" where the title says "China's".
    flat = " ".join(text.replace("\u2019", "'").split())
    for chapter in book_module.load(built).chapters:
        assert " ".join(chapter.title.split()) in flat, chapter.title
    assert "Contents" in text
    assert "Edition of 1 November 2026" in text
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 2
    numbers = [page.page_number for page in reader.pages]
    assert len(numbers) > 3


@dataclass(frozen=True)
class Edition:
    site: Path  # the edition's whole site
    executed: Path  # the notebooks its build executed


@pytest.fixture(scope="module")
def built_2020(archive) -> Edition:
    """The same briefing as it would have read on 30 June 2020 (in the session's archive)."""
    return Edition(archive.edition("2020-06-30-NL"), archive.executed["2020-06-30-NL"])


def edition_of(root: Path) -> Edition:
    return Edition(root / "reports" / "site", root / "reports" / "executed")


def summary_findings(edition: Edition) -> list[str]:
    html = (edition.site / "index.html").read_text(encoding="utf-8")
    section = html.split('id="findings"', 1)[1].split("<section", 1)[0]
    # Each finding ends with a link to its figure, "(Figure 1.1)", which its text does not carry.
    return [
        re.sub(r" \(Figure \d+\.\d+\)$", "", plain(re.sub(r"<[^>]+>", "", item)))
        for item in re.findall(r"<li>(.*?)</li>", section, re.DOTALL)
    ]


def plain(text: str) -> str:
    """Text as a reader sees it: entities decoded, typographic quotes and dashes as typed."""
    import html

    text = html.unescape(text)
    for typographic, typed in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(typographic, typed)
    return " ".join(text.split())


def summary_cell_findings(edition: Edition) -> list[str]:
    """The findings the summary's notebook shows in its cell the front page embeds."""
    import nbformat

    from briefing.cells import options
    from briefing.chapters import registry

    nb = nbformat.read(edition.executed / Path(registry.SUMMARY.executed).name, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and options(c).get("label") == "findings"]
    return [plain(f["text"]) for f in findings_from(cells)]


def findings_from(cells) -> list[dict]:
    from support.findings import from_notebook

    return from_notebook(type("Notebook", (), {"cells": cells}))


def test_the_summary_carries_each_chapters_summary_findings_for_the_edition(built, built_2020):
    today, then = summary_findings(edition_of(built)), summary_findings(built_2020)
    assert today == summary_cell_findings(edition_of(built))
    assert then == summary_cell_findings(built_2020)
    assert len(today) >= 4  # at least one finding from each chapter
    assert today != then
    # Each chapter's lead line above its findings gives the edition's date once.
    html = (built_2020.site / "index.html").read_text(encoding="utf-8")
    section = html.split('id="findings"', 1)[1].split("<section", 1)[0]
    assert "30 June 2020" in plain(re.sub(r"<[^>]+>", " ", section))


def test_an_older_edition_holds_only_what_was_known_then(built_2020):
    import csv

    downloads = built_2020.site / "reports" / "downloads"
    events = list(csv.DictReader((downloads / "adoption_events.csv").open(encoding="utf-8")))
    assert events and max(row["announced"] for row in events) <= "2020-06-30"
    sources = list(csv.DictReader((downloads / "sources.csv").open(encoding="utf-8")))
    assert sources


def test_no_page_or_pdf_shows_a_file_of_the_repository(built):
    import re

    seeds = re.compile(r"seeds/\d{3}_[0-9a-f]{16}\.txt|_[0-9a-f]{16}\.txt")
    # What readers see must not name the repository's own files either (a table, a schema,
    # the codebook's file, a notebook, a page's source).
    files = re.compile(
        r"\bdata/(?:curated|derived|raw|schemas)/|\b(?:codebook|datapackage)\.json\b"
        r"|\b[\w-]+\.(?:ipynb|qmd)\b|\bsrc/briefing\b"
    )
    for page in site_pages(built):
        text = page.read_text(encoding="utf-8")
        assert not seeds.search(text), page.name
        # The visible text: scripts, styles and tags (attributes, link targets) removed.
        visible = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL | re.IGNORECASE)
        visible = re.sub(r"<[^>]+>", " ", visible)
        found = files.search(visible)
        assert not found, (page.name, visible[max(0, found.start() - 80) : found.end() + 80])
    pdf = PdfReader(built / "reports" / "site" / "briefing.pdf")
    printed = " ".join(p.extract_text() for p in pdf.pages)
    assert not seeds.search(printed)
    found = files.search(printed)
    assert not found, printed[max(0, found.start() - 80) : found.end() + 80]


def test_the_sources_page_lists_every_source_of_the_edition(built):
    import csv
    import html
    import re

    downloads = built / "reports" / "site" / "reports" / "downloads"
    cited = list(csv.DictReader((downloads / "sources.csv").open(encoding="utf-8")))
    page = (built / "reports" / "site" / "sources.html").read_text(encoding="utf-8")

    # Addresses appear escaped in the page: & as &amp;, and non-ASCII characters as escapes in
    # the table's data, so an address is matched up to its first non-ASCII character.
    def shown(url: str) -> bool:
        ascii_part = re.match(r"[\x00-\x7f]*", html.escape(url)).group(0)
        return ascii_part in page

    missing = [r["source_url"] for r in cited if not shown(r["source_url"])]
    assert cited and missing == []
