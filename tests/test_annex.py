"""The PDF's annex: every long table of a chapter prints in the annex, compact, and the
chapter says where; the site keeps each table in its chapter (annex.qmd, the chapters'
`.content-visible` blocks, decided per format as Quarto does: fallback/conditional.py)."""

from __future__ import annotations

import re

import pytest

from briefing import cells
from briefing.book import config as book_module
from briefing.book.engines.fallback import embed

# A table longer than this goes to the PDF's annex (issue 22: "any table over ~15 rows").
LONGEST_IN_A_CHAPTER = 15
ANNEX = "annex.qmd"


def embedded_tables(text: str, base) -> dict[str, int]:
    """Label -> rows (of its Markdown output; 0 without a table) of every table cell embedded."""
    found = {}
    for match in embed.SHORTCODE.finditer(text):
        notebook = base / match.group(1)
        for address in match.group(2).split(","):
            cell = embed.find_cell(embed.load_notebook(notebook), address, notebook)
            label = str(cells.options(cell).get("label", ""))
            if label.startswith("tbl-"):
                markdown = "".join(
                    output.get("data", {}).get("text/markdown", "")
                    for output in cell.get("outputs", [])
                )
                # A pipe table: its header, its rule, then one line a row.
                found[label] = max(
                    0, sum(line.startswith("|") for line in markdown.splitlines()) - 2
                )
    return found


@pytest.mark.e2e
def test_long_tables_print_in_the_annex_and_stay_in_their_chapters_on_the_site(built):
    book = book_module.load(built)
    chapters = [c for c in book.chapters if c.number and not c.appendix]
    (annex,) = [c for c in book.chapters if c.source.name == ANNEX]
    assert annex == next(c for c in book.chapters if c.appendix)  # the first appendix: "A"
    in_annex = embedded_tables(embed.body_for(annex, "typst"), built)
    assert embedded_tables(embed.body_for(annex, "html"), built) == {}  # no table twice
    moved = []
    for chapter in chapters:
        on_site = embedded_tables(embed.body_for(chapter, "html"), built)
        printed = embedded_tables(embed.body_for(chapter, "typst"), built)
        pdf_text = embed.body_for(chapter, "typst")
        for label, rows in on_site.items():
            if label in printed:
                assert rows <= LONGEST_IN_A_CHAPTER, (chapter.source.name, label, rows)
            else:
                # Printed in the annex, and named where the chapter had it.
                assert label in in_annex, (chapter.source.name, label)
                assert re.search(rf"@{label}\b", pdf_text), (chapter.source.name, label)
                moved.append(label)
        assert set(printed) <= set(on_site)
    assert sorted(moved) == sorted(in_annex)
    assert "tbl-adoption-events" in moved and "tbl-china-measures" in moved
