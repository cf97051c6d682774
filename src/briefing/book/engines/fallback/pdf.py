"""The PDF briefing: pandoc's typst writer for each chapter, one typst document, typst's compiler."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import typst

from briefing.book import print_rules
from briefing.book.config import Book, Chapter
from briefing.book.engines.cover import meta_block
from briefing.book.engines.fallback import crossref, embed, pandoc
from briefing.errors import RenderError


def render(
    book: Book,
    pdf: Path,
    *,
    work: Path,
    meta: dict[str, str],
    link_base: str = "",
) -> Path:
    """Compile the whole book into ``pdf``, using ``work`` for intermediate files.

    ``link_base``: the edition's absolute address, against which relative links resolve.
    """
    work.mkdir(parents=True, exist_ok=True)
    alts = print_rules.figure_alts(
        embed.load_notebook(path) for path in sorted(executed_notebooks(book))
    )
    parts = [
        meta_block(meta),
        # In the order of Quarto's partials (templates/typst-show.typ): the print rules, the
        # page design with the cover, then the edition's rules (Quarto's include-before-body).
        print_rules.typst_header(),
        (resources.files("briefing") / "templates" / "book.typ").read_text("utf-8"),
        print_rules.edition_rules(link_base, alts),
    ]
    appendices_started = False
    targets = crossref.index(book, target="typst")
    # One cache per language: each render keeps only what it used, never the other's.
    cache = pandoc.Cache(pandoc.CACHE / book.language)
    # Each chapter is its own pandoc process: they run side by side.
    with ThreadPoolExecutor() as pool:
        bodies = list(pool.map(lambda c: _typst_body(c, work, targets, cache), book.chapters))
    for chapter, body in zip(book.chapters, bodies):
        parts.append("#chapter-break()")
        if chapter.appendix and not appendices_started:
            appendices_started = True
            parts.append("#show: appendices.with(meta.appendices)")
        heading = f"= {_content(chapter.title)} <{chapter.source.stem}>"
        if chapter.number is None:
            # The opening page is unnumbered, and so are its sections.
            parts.append(f"#[\n#set heading(numbering: none)\n{heading}\n\n{body}\n]")
        else:
            parts.append(f"{heading}\n\n{body}")
    source = work / "briefing.typ"
    source.write_text("\n\n".join(parts), encoding="utf-8")
    try:
        typst.compile(str(source), output=str(pdf), root=str(work))
    except typst.TypstError as exc:
        raise RenderError(f"typst could not compile {source}: {exc}") from None
    cache.keep_only_used()
    return pdf


def _typst_body(
    chapter: Chapter,
    work: Path,
    targets: dict[str, crossref.Target],
    cache: pandoc.Cache,
) -> str:
    """A chapter's body in typst: its embeds expanded, its references resolved, through pandoc."""
    markdown = embed.expand_chapter(chapter, target="typst", figures=work / "figures")
    markdown = crossref.resolve(markdown, targets, target="typst", page=chapter.href)
    return cache.run(["--from", pandoc.MARKDOWN, "--to", "typst", "--wrap=preserve"], markdown)


def executed_notebooks(book: Book) -> set[Path]:
    """The executed notebooks the book's chapters embed (each path relative to its page)."""
    return {
        embed.notebook_path(chapter.source.parent, match.group(1))
        for chapter in book.chapters
        for match in embed.SHORTCODE.finditer(chapter.body)
    }


def _content(text: str) -> str:
    return f"#{print_rules.typst_string(text)}"
