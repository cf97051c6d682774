"""The PDF briefing: pandoc's typst writer for each chapter, one typst document, typst's compiler."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import typst

from briefing.errors import RenderError
from briefing.render import crossref, embed, pandoc, print_rules
from briefing.render.book import Book
from briefing.render.engine import Edition


def render(
    book: Book,
    pdf: Path,
    *,
    work: Path,
    executed_base: Path,
    meta: dict[str, str],
    link_base: str = "",
) -> Path:
    """Compile the whole book into ``pdf``, using ``work`` for intermediate files.

    ``link_base``: the edition's absolute address, against which relative links resolve.
    """
    work.mkdir(parents=True, exist_ok=True)
    alts = print_rules.figure_alts(
        embed.load_notebook(path) for path in sorted(executed_notebooks(book, executed_base))
    )
    parts = [
        meta_block(meta),
        (resources.files("briefing") / "templates" / "book.typ").read_text("utf-8"),
        # The rules Quarto's PDF gets through include-in-header and include-before-body.
        print_rules.typst_header(),
        print_rules.edition_rules(link_base, alts),
    ]
    appendices_started = False
    targets = crossref.index(book, executed_base)
    for chapter in book.chapters:
        parts.append("#chapter-break()")
        if chapter.appendix and not appendices_started:
            appendices_started = True
            parts.append('#show: appendices.with("Appendices")')
        markdown = embed.expand_chapter(
            chapter, base=executed_base, target="typst", figures=work / "figures"
        )
        markdown = crossref.resolve(markdown, targets, target="typst", page=chapter.href)
        body = pandoc.run(["--from", pandoc.MARKDOWN, "--to", "typst", "--wrap=preserve"], markdown)
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
    return pdf


def executed_notebooks(book: Book, base: Path) -> set[Path]:
    """The executed notebooks the book's chapters embed."""
    return {
        base / match.group(1)
        for chapter in book.chapters
        for match in embed.SHORTCODE.finditer(chapter.body)
    }


def cover(book: Book, edition: Edition) -> dict[str, str]:
    """The cover's fields (templates/book.typ reads them as `meta`), the same under both engines."""
    return {
        "title": book.title,
        "subtitle": book.subtitle,
        "scope": book.description,
        "organisation": book.author,
        "edition": edition.as_of,
        "provenance": edition.title_page,
    }


def meta_block(meta: dict[str, str]) -> str:
    # Typst string literals: data never becomes markup.
    fields = ", ".join(f"{key}: {print_rules.typst_string(value)}" for key, value in meta.items())
    return f"#let meta = ({fields})"


def _content(text: str) -> str:
    return f"#{print_rules.typst_string(text)}"
