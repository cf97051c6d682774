"""The banner on every page of an archived edition: "Archived edition of <date> — see the current
edition", a link to the same page of the current edition (or to its home).

The banner is spliced in as the first thing inside the page's `<main>` (the fallback's
templates/page.html; Quarto 1.10.18's `<main class="content" id="quarto-document-content">`,
src/resources/projects/website/templates/nav-before-body.ejs), before the title, else right
after `<body>`. Every other byte of the page is kept, as html_source does for Quarto's pages, so
taking the banner out gives back the page as it was built. Its look is written on it (inline
styles): the fallback's and Quarto's style sheets are the same for it, and it needs no rule of
either.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from briefing.translation import gettext

CLASS = "archived-edition"
# Dark text on a light amber band, the link a dark blue: well over 4.5:1 on the band (WCAG AA).
_BAND = (
    "margin: 0 0 1.25rem; padding: .6rem .9rem; border-left: 4px solid #b45309; "
    "background: #fdf3e1; color: #3b2a0b; font-weight: 600;"
)
_LINK = "color: #0b4f8a; text-decoration: underline;"


def banner(label: str, href: str, lang: str = "en") -> str:
    """The banner's markup: ``label`` is the edition in words, ``href`` the current page;
    its words in the page's language ``lang``."""
    archived = gettext("Archived edition of {edition}", lang).format(edition=label)
    current = gettext("see the current edition", lang)
    return (
        f'<p class="{CLASS}" role="note" style="{_BAND}">'
        f"{html.escape(archived)} — "
        f'<a href="{html.escape(href)}" style="{_LINK}">{html.escape(current)}</a></p>\n'
    )


def mark(page: str, label: str, href: str, lang: str = "en") -> str:
    """``page`` with the banner of its edition (``label``) linking to ``href``, and no other."""
    wanted = banner(label, href, lang)
    found = _read(page)
    if [page[start:end] for start, end in found.banners] == [wanted]:
        return page
    unmarked = unmark(page) if found.banners else page
    at = _read(unmarked).insert_at
    return unmarked[:at] + wanted + unmarked[at:]


def unmark(page: str) -> str:
    """``page`` without any archived-edition banner, byte for byte as it was before ``mark``."""
    if CLASS not in page:  # most pages: no need to read them
        return page
    parts, at = [], 0
    for start, end in _read(page).banners:
        parts.append(page[at:start])
        at = end
    return "".join(parts) + page[at:]


class _Reader(HTMLParser):
    """Where the banner goes (after `<main>`, else `<body>`) and where banners already stand."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self._page = page
        # getpos() counts lines and columns; the offset of each line turns them into indexes.
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", page))]
        self.after: dict[str, int] = {}
        self.banners: list[tuple[int, int]] = []
        self._open: int | None = None

    @property
    def insert_at(self) -> int:
        return self.after.get("main", self.after.get("body", 0))

    def _index(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("main", "body") and tag not in self.after:
            self.after[tag] = self._index() + len(self.get_starttag_text() or "")
        classes = (dict(attrs).get("class") or "").split()
        if tag == "p" and CLASS in classes and self._open is None:
            self._open = self._index()

    def handle_endtag(self, tag: str) -> None:
        # The banner holds text and one link: its first </p> closes it.
        if tag == "p" and self._open is not None:
            end = self._page.index(">", self._index()) + 1
            end += 1 if self._page.startswith("\n", end) else 0
            self.banners.append((self._open, end))
            self._open = None


def _read(page: str) -> _Reader:
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    return reader
