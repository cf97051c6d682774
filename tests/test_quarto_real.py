"""With a real Quarto (1.9 or newer) on PATH: what a reader who runs `quarto render` gets.

Skipped, with the reason, where Quarto is not installed (it cannot be installed on the
project's own machines); tests/test_quarto_engine.py covers the same contract against a
stand-in. Where Quarto is present these must pass, as must the rest of the suite, whose
`briefing build` then renders through Quarto.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from project_copy import copy_project, run_briefing
from pypdf import PdfReader
from support.notebooks import failing_cell
from support.quarto_runs import environment, quarto, tree_hashes
from support.site_checks import axe_serious, served, visit_offline, wait_until_drawn

from briefing.book import config as book_config
from briefing.book.engines import quarto as quarto_engine

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not quarto_engine.available(),
        reason="needs Quarto 1.9 or newer on PATH (not installable on these machines)",
    ),
]
AS_OF = "2026-11-01"
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def render_both(root: Path, *args: str, **env: str) -> None:
    """`quarto render`, then `quarto render --profile ja`: the English and Japanese editions."""
    for profile in ((), ("--profile", "ja")):
        result = quarto(root, "render", *args, *profile, **env)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("real-quarto") / "project")
    render_both(root, BRIEFING_AS_OF=AS_OF, **EPOCH)
    return root


def test_the_japanese_edition_sits_in_its_folder_page_for_page(rendered):
    english = sorted(page.name for page in site(rendered).glob("*.html"))
    japanese = sorted(page.name for page in (site(rendered) / "ja").glob("*.html"))
    assert english and japanese == english
    for name in english:
        page = (site(rendered) / "ja" / name).read_text(encoding="utf-8")
        assert re.search(r'<html[^>]*\slang="ja"', page), name
        assert f'href="../{name}" hreflang="en"' in page, name
        assert f'href="ja/{name}" hreflang="ja"' in (site(rendered) / name).read_text("utf-8")
    assert (site(rendered) / "ja" / "briefing-ja.pdf").is_file()
    # Each edition is whole in its place: nothing of one render is nested in another.
    assert not [p for p in site(rendered).rglob("*") if p.name.startswith("_quarto-site")]
    assert not (site(rendered) / "ja" / "ja").exists()


def site(root: Path) -> Path:
    return root / "reports" / "site"


def test_no_page_loads_anything_from_elsewhere(rendered):
    for page in site(rendered).glob("*.html"):
        text = page.read_text(encoding="utf-8")
        sources = re.findall(r"""<(?:script|link)\b[^>]*(?:src|href)=["'](https?:)?//""", text)
        assert sources == [], page.name
        assert "fonts.googleapis.com" not in text, page.name
        assert "data-quarto-private" not in text and str(rendered) not in text, page.name


def test_pages_work_offline_in_chromium(rendered, browser):
    with served(site(rendered)) as origin:
        for path in sorted(site(rendered).glob("*.html")):
            page, errors, outside = visit_offline(browser, origin, path.name)
            page.wait_for_load_state("networkidle")
            assert errors == [] and outside == [], (path.name, errors, outside)
            page.close()


def test_axe_finds_nothing_serious_on_quartos_pages_and_they_fit_a_phone(rendered, browser):
    findings = []
    with served(site(rendered)) as origin:
        for viewport in ({"width": 1366, "height": 900}, {"width": 390, "height": 844}):
            for path in sorted(site(rendered).glob("*.html")):
                page = browser.new_page(viewport=viewport)
                page.goto(f"{origin}/{path.name}", wait_until="load")
                wait_until_drawn(page)
                findings += axe_serious(page, path.name)
                # Nothing wider than the window: a wide table scrolls inside its own box.
                width = page.evaluate("document.scrollingElement.scrollWidth")
                assert width <= viewport["width"], (path.name, viewport, width)
                page.close()
    assert findings == [], "\n".join(findings)


def test_tables_read_left_aligned_and_the_provenance_is_one_line(rendered, browser):
    with served(site(rendered)) as origin:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{origin}/adoption.html", wait_until="load")
        wait_until_drawn(page)
        # Text cells read left-aligned, as in the fallback (DataTables right-aligns numbers
        # and dates; its note of rows not shown spans the table, centred).
        aligns = page.evaluate(
            "[...document.querySelectorAll('figure.quarto-float-tbl td:not([colspan])')]"
            ".filter(td => !/dt-type-/.test(td.className))"
            ".map(td => getComputedStyle(td).textAlign)"
        )
        assert aligns and set(aligns) <= {"left", "start"}, set(aligns)
        # The edition's line sits at the foot of the page, on one line at desk width, and the
        # page opens with its chapter's title.
        footer = page.locator("footer .nav-footer-center p")
        assert "Built from commit" in footer.inner_text()
        lines = footer.evaluate(
            "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)"
        )
        assert lines < 1.5, lines
        first = page.evaluate("document.querySelector('main').innerText.trim().split('\\n')[0]")
        assert "Adoption" in first, first
        page.close()
    record = (site(rendered) / "sources.html").read_text(encoding="utf-8")
    assert "Built from commit" in record and "snapshot extracted" in record


def test_a_second_render_is_byte_identical_and_holds_no_earlier_site(rendered):
    before = tree_hashes(site(rendered))
    render_both(rendered, BRIEFING_AS_OF=AS_OF, **EPOCH)
    after = tree_hashes(site(rendered))
    # The resources are matched from the project's root: the site that was in reports/site
    # is not copied into the new one.
    assert not [name for name in after if name.startswith("reports/site/")]
    assert after == before


def test_quartos_log_shows_no_filter_error(rendered):
    result = quarto(rendered, "render", "--to", "typst", BRIEFING_AS_OF=AS_OF, **EPOCH)
    assert result.returncode == 0, result.stderr[-3000:]
    assert quarto_engine.log_problems(result.stdout + result.stderr) == []


def test_the_pdf_title_page_carries_the_edition_and_numbers_match_the_site(rendered):
    reader = PdfReader(site(rendered) / "briefing.pdf")
    cover, back = (" ".join(reader.pages[n].extract_text().split()) for n in (0, 1))
    # As in the fallback's PDF (test_pdf.py): the colophon on the cover's back, not on the cover.
    assert "Edition of 1 November 2026" in cover and "Built from commit" not in cover
    assert "Built from commit" in back
    config = book_config.load(rendered)
    assert config.title in cover and config.subtitle in cover and config.author in cover
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    page = html.unescape((site(rendered) / "adoption.html").read_text(encoding="utf-8"))
    assert "Figure 1.1" in " ".join(re.sub(r"<[^>]+>", " ", page).replace("\xa0", " ").split())
    assert "Figure 1.1" in text and "Table 1.1" in text
    assert json.loads((site(rendered) / "edition.json").read_text())["as_of"] == AS_OF


def test_a_failing_notebook_keeps_the_last_site(rendered):
    before = tree_hashes(site(rendered))
    with failing_cell(rendered):
        result = quarto(rendered, "render", BRIEFING_AS_OF=AS_OF, **EPOCH)
    assert result.returncode != 0
    assert tree_hashes(site(rendered)) == before


def test_briefing_build_with_quarto_gives_quarto_renders_pages_then_nothing_to_do(
    rendered, tmp_path
):
    root = copy_project(tmp_path / "project")
    env = environment(root, **EPOCH)
    run_briefing(root, "build", "--as-of", AS_OF, env=env)
    # The same sources and day: `briefing build` publishes the pages `quarto render` does.
    pages = {name: digest for name, digest in tree_hashes(site(root)).items() if ".htm" in name}
    assert pages and pages == {
        name: digest for name, digest in tree_hashes(site(rendered)).items() if ".htm" in name
    }
    again = run_briefing(root, "build", "--as-of", AS_OF, env=env)
    assert "Nothing changed" in again.stdout + again.stderr
