"""Cross-references between pages, resolved for the fallback renderer as Quarto's books do.

A page (or an embedded cell's Markdown) refers to a figure or table by its label, as Quarto
writes a cross-reference: ``@fig-adoption-curve``. Quarto numbers every captioned cell per
chapter ("Figure 1.1") and, in a book's HTML, points the reference at the chapter page that
holds it (``adoption.html#fig-adoption-curve``; project/types/book/book-crossrefs.ts); in the
single typst document the reference stays inside the PDF. Here the same: the figures are
numbered as ``embed.FigureNumbers`` numbers them while embedding, each reference becomes a
link to the figure's id on its page (the id the fallback gives the figure is its label, as
Quarto's is). In the PDF a reference is typst's `ref`, as Quarto writes it, through
`briefing-ref` (templates/print.typ): the number the figure's caption prints, as a link (and
the number counted here where the cell made no typst figure, such as a note in a table's
place).
A page's content for one format only (`.content-visible`) counts in that format alone, so a
table the site shows in its chapter and the PDF in its annex is numbered where each shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing import cells
from briefing.book.config import Book
from briefing.book.engines.fallback import embed
from briefing.book.print_rules import typst_string
from briefing.translation import gettext

# `@fig-x` or `@tbl-x` not preceded by a word character or a backslash (an escaped `\@`).
REFERENCE = re.compile(r"(?<![\w\\])@((?:fig|tbl)-[A-Za-z0-9_-]*[A-Za-z0-9])")


@dataclass(frozen=True)
class Target:
    label: str
    page: str  # the chapter page holding it, e.g. "adoption.html"
    kind: str  # "Figure" or "Table"
    number: str  # "1.1"
    language: str = "en"  # the book's: its reference prefixes are Quarto's for that language

    @property
    def text(self) -> str:
        """ "Figure 1.1"; "図 1.1" in Japanese, as Quarto's `crossref-fig-title` for `lang: ja`
        (src/resources/language/_language-ja.yml) says it."""
        return f"{gettext(embed.PREFIXES[self.kind], self.language)} {self.number}"


def index(book: Book, *, target: str) -> dict[str, Target]:
    """Every captioned figure and table the book's pages embed for ``target`` ("html" or
    "typst"), by label, with its number (an embed's path is relative to its page, as in Quarto)."""
    targets: dict[str, Target] = {}
    for chapter in book.chapters:
        numbers = embed.FigureNumbers(chapter.number, book.language)
        for match in embed.SHORTCODE.finditer(embed.body_for(chapter, target)):
            notebook = embed.notebook_path(chapter.source.parent, match.group(1))
            nb = embed.load_notebook(notebook)
            for address in match.group(2).split(","):
                cell = embed.find_cell(nb, address, notebook)
                options = cells.options(cell)
                if not (options.get("fig-cap") or options.get("tbl-cap")):
                    continue
                label = str(options.get("label", cell.get("id", "cell")))
                kind = "Table" if label.startswith("tbl-") else "Figure"
                targets.setdefault(
                    label,
                    Target(label, chapter.href, kind, numbers.next(kind), book.language),
                )
    return targets


def resolve(markdown: str, targets: dict[str, Target], *, target: str, page: str) -> str:
    """``markdown`` with each ``@fig-...`` reference replaced by its link: to its page (html),
    or typst's reference, which prints its number."""

    def replace(match: re.Match) -> str:
        found = targets.get(match.group(1))
        if found is None:
            return f"?\\@{match.group(1)}"  # as Quarto shows a reference it cannot resolve
        if target != "html":
            return f"`#briefing-ref(<{found.label}>, {typst_string(found.text)})`{{=typst}}"
        href = f"#{found.label}" if found.page == page else f"{found.page}#{found.label}"
        return f"[{found.text}]({href})"

    return REFERENCE.sub(replace, markdown)
