"""The PDF cover's fields, written the same way for both engines (templates/book.typ reads
them as `meta`: the fallback puts them in its typst source, Quarto's partial imports them)."""

from __future__ import annotations

from briefing.book import print_rules
from briefing.book.config import Book
from briefing.book.engines.registry import Edition


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
