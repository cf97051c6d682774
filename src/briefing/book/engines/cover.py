"""The PDF cover's fields, written the same way for both engines (templates/book.typ reads
them as `meta`: the fallback puts them in its typst source, Quarto's partial imports them).

The front of the cover names the edition and where it is read online, with a QR code to that
address; its back carries the colophon (commit, parameters, each table's sources).
"""

from __future__ import annotations

import datetime as dt
import io

import segno

from briefing import translation
from briefing.book import print_rules
from briefing.book.config import Book
from briefing.book.engines.registry import Edition
from briefing.translation import gettext

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
    lang = book.language
    return {
        "title": book.title,
        "subtitle": book.subtitle,
        "scope": book.description,
        "organisation": book.author,
        "edition": edition.as_of,
        "site": site,
        "qr": qr_png(site) if site else None,
        "provenance": edition.title_page,
        # The page design's own words, and how its text is set, in the book's language.
        "lang": lang,
        "fonts": FONTS.get(lang, FONTS["en"]),
        "edition_line": gettext("Edition of {date}", lang).format(
            date=translation.date(dt.date.fromisoformat(edition.as_of), lang)
        ),
        "published_by": gettext("Published by {organisation}", lang).format(
            organisation=book.author
        ),
        "read_online": gettext("Read this edition online, with every table and source:", lang),
        "qr_alt": gettext("QR code of {address}", lang).format(address=site),
        "contents": gettext("Contents", lang),
        "about": gettext("About this edition", lang),
        "no_site": gettext(
            "No site address was known when this edition was built: the cover has no QR code, "
            "and the PDF's links to the site's pages and downloads are left as plain text.",
            lang,
        ),
        "appendices": gettext("Appendices", lang),
    }


# The PDF's typefaces, the first that has a glyph setting it: Japanese text in Noto Serif CJK
# (Debian's fonts-noto-cjk, which the set-up installs), Latin letters in Libertinus in both.
FONTS = {"en": ("Libertinus Serif",), "ja": ("Libertinus Serif", "Noto Serif CJK JP")}


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


def _typst_value(value: str | bytes | tuple | None) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return f"({''.join(_typst_value(item) + ', ' for item in value)})"
    if isinstance(value, bytes):
        return f"bytes(({', '.join(map(str, value))},))"
    return print_rules.typst_string(value)
