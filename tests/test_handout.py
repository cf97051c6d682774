"""The PDF as a handout (issue 22): a cover with the edition's address and its QR code, the
contents and colophon on its back, each chapter on a page of its own, the main part within
24 pages before the annex, and blue for links only.

The checks read the PDF of the session's build (tests/conftest.py), whichever engine made it;
test_pdf.py checks the same rules on a document assembled as Quarto 1.10.18 assembles it.
"""

from __future__ import annotations

import re

import pytest
import typst
from pdf_checks import (
    annex_start,
    blue_text,
    chapter_starts,
    flat,
    link_targets,
    page_images,
    qr_modules,
    summary_pages,
)
from project_copy import SITE_URL
from pypdf import PdfReader

from briefing.book import config as book_module
from briefing.book import print_rules
from briefing.book.engines import cover

# The handout: its cover and the cover's back, the summary and the chapters, before the annex.
MAIN_PART_PAGES = 24
BRIEF_PAGES = 2  # the summary, up front (issue 22's "two-page brief")


@pytest.fixture(scope="module")
def pdf(built) -> PdfReader:
    return PdfReader(built / "reports" / "site" / "briefing.pdf")


@pytest.fixture(scope="module")
def texts(pdf) -> list[str]:
    return [flat(page.extract_text()) for page in pdf.pages]


@pytest.fixture(scope="module")
def chapters(built) -> list:
    return book_module.load(built).chapters


@pytest.mark.e2e
def test_the_cover_carries_a_qr_code_of_the_editions_address(pdf):
    """The one image of the cover prints, module for module, the QR code of the edition's
    address (no decoder is at hand: segno encodes; the same encoding must come out)."""
    (image,) = page_images(pdf, 1)
    expected = [list(row) for row in cover.qr_code(SITE_URL).matrix]
    assert qr_modules(image, cover.QR_BORDER) == expected
    assert SITE_URL in [uri for page, uri in link_targets(pdf) if page == 1]


@pytest.mark.e2e
def test_every_chapter_starts_a_page_of_its_own_in_book_order(chapters, texts):
    starting = list(chapter_starts(chapters, texts).values())
    assert starting == sorted(starting) and len(set(starting)) == len(starting)
    # The summary opens the page after the cover and its back (the contents and colophon),
    # with no chapter number before its title.
    assert starting[0] == 3 and chapters[0].number is None
    assert not re.match(r"\d", texts[2])


@pytest.mark.e2e
def test_the_main_part_up_to_the_annex_is_at_most_24_pages(chapters, texts):
    """The cover and its back, the brief (the summary, in two pages) and the chapters; the
    long tables, what changed in full and how recent each table is wait in the annex."""
    start = annex_start(chapters, texts)
    summary = summary_pages(chapters, texts)
    own = start - summary.stop
    print(f"main part: {start - 1} pages, of which the summary {len(summary)}, the chapters {own}")
    assert len(summary) <= BRIEF_PAGES
    assert start - 1 <= MAIN_PART_PAGES
    # The brief's counts point to the annex, which lists each table's freshness.
    brief = " ".join(texts[page - 1] for page in summary)
    assert "in the annex" in brief and "sources searched for new rows" not in brief
    annex_text = " ".join(texts[start - 1 :])
    assert "How recent the data is" in annex_text
    assert "sources searched for new rows" in annex_text
    # The annex holds the long tables the chapters name: each reference finds its caption.
    named = re.findall(r"(Table A\.\d+) in the annex", " ".join(texts[: start - 1]))
    assert named
    for table in named:
        assert f"{table}:" in annex_text, table


@pytest.mark.e2e
def test_only_links_are_blue_and_figure_references_are_links(chapters, pdf, texts):
    linked, unlinked = blue_text(pdf)
    assert linked, "no link is in the link colour"
    assert unlinked == [], [(run.page, round(run.x), round(run.y)) for run in unlinked[:10]]
    # Each reference of the summary's ("see Figure 1.1", "(Figure 2.1)") is an internal link.
    links = link_targets(pdf)
    for page in summary_pages(chapters, texts):
        references = re.findall(r"(?:see |\()(?:Figure|Table) [A-Z0-9]+\.\d+", texts[page - 1])
        internal = [uri for number, uri in links if number == page and uri is None]
        assert len(internal) >= len(references), (page, references)


def test_the_blue_text_check_finds_blue_text_outside_links(tmp_path):
    source = print_rules.typst_header() + "#text(fill: link-colour)[Looks like a link]"
    (tmp_path / "a.typ").write_text(source, encoding="utf-8")
    typst.compile(str(tmp_path / "a.typ"), output=str(tmp_path / "a.pdf"), root=str(tmp_path))
    linked, unlinked = blue_text(PdfReader(tmp_path / "a.pdf"))
    assert linked == [] and len(unlinked) == 1
