"""The PDF cover's fields, written the same way for both engines (templates/book.typ reads
them as `meta`: the fallback puts them in its typst source, Quarto's partial imports them).

The front of the cover names the edition and where it is read online, with a QR code to that
address; its back carries the colophon (commit, parameters, each table's sources).
"""

from __future__ import annotations

import io

import segno

from briefing.book import print_rules
from briefing.book.config import Book
from briefing.book.engines.registry import Edition

# Each module of the code prints as one pixel of the PNG, four modules of white around it (the
# quiet zone the standard asks for); the cover scales it up without smoothing.
QR_BORDER = 4
# Level M: a code still reads with a seventh of it smudged, at a size a URL fits.
QR_ERROR = "m"


def cover(book: Book, edition: Edition) -> dict[str, str | bytes | None]:
    """The cover's fields (templates/book.typ reads them as `meta`), the same under both engines.

    ``site``: the edition's address (empty where none is known), which the QR code in ``qr``
    (a PNG, or None without an address) encodes.
    """
    site = print_rules.link_base(book.site_url, edition.site_path)
    return {
        "title": book.title,
        "subtitle": book.subtitle,
        "scope": book.description,
        "organisation": book.author,
        "edition": edition.as_of,
        "site": site,
        "qr": qr_png(site) if site else None,
        "provenance": edition.title_page,
    }


def qr_code(url: str) -> segno.QRCode:
    """The QR code of ``url`` (a full QR code, never a Micro QR code, which phones rarely read)."""
    return segno.make_qr(url, error=QR_ERROR, boost_error=False)


def qr_png(url: str) -> bytes:
    """``url``'s QR code as a PNG: one pixel a module, black on white, with its quiet zone."""
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=1, border=QR_BORDER, dark="black", light="white")
    return out.getvalue()


def meta_block(meta: dict[str, str | bytes | None]) -> str:
    # Typst literals: data never becomes markup.
    fields = ", ".join(f"{key}: {_typst_value(value)}" for key, value in meta.items())
    return f"#let meta = ({fields})"


def _typst_value(value: str | bytes | None) -> str:
    if value is None:
        return "none"
    if isinstance(value, bytes):
        return f"bytes(({', '.join(map(str, value))},))"
    return print_rules.typst_string(value)
