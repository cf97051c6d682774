"""Which output of a MIME bundle Quarto shows, per target format (its displayDataMimeType)."""

from __future__ import annotations

HTML_ORDER = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/plain"]
TYPST_ORDER = ["text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/html", "text/plain"]


def choose(data: dict, target: str) -> str | None:
    """The MIME type Quarto would render for ``target`` ('html' or 'typst'); None if nothing fits."""
    order = HTML_ORDER if target == "html" else TYPST_ORDER
    for mime in order:
        if mime not in data:
            continue
        if target != "html" and mime == "text/html" and "<table" not in str(data[mime]):
            continue
        return mime
    return None
