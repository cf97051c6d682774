"""The editions' languages as the site shows them: every page links to the same page in each
other language the edition has.

English is the site's root; every other language has its folder (`ja/`), holding the same
pages under the same names. So a page's counterpart is found by its name alone. The links are
added once the edition's site is whole (`link_site`, before it is published), under either
engine and whichever languages were built: a page links only to a counterpart that is there.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from briefing import translation
from briefing.book.project import language_folder

# Each language's name in itself: the link a reader of that language looks for.
NAMES = {"en": "English", "ja": "日本語"}
CLASS = "language-switch"
# Where the links go: first in Quarto's sidebar, after the edition's line in the fallback's,
# else at the top of the page's body.
_PLACES = (
    re.compile(r'<div class="sidebar-menu-container">\n?'),
    re.compile(r'<p class="edition">.*?</p>\n?'),
    re.compile(r"<body[^>]*>\n?"),
)
_BLOCK = re.compile(rf'<p class="{CLASS}">.*?</p>\n?', re.DOTALL)


def counterpart_href(page: str, language: str, other: str) -> str:
    """The relative address, from ``page`` (a file name) of the ``language`` edition, of the
    same page in the ``other`` edition: "ja/adoption.html", "../adoption.html"."""
    up = "../" if language_folder(language) else ""
    down = f"{language_folder(other)}/" if language_folder(other) else ""
    return f"{up}{down}{page}"


def block(page: str, language: str, others: list[str]) -> str:
    """The links from ``page`` to its counterparts in ``others``, in their own languages."""
    links = "".join(
        f'<a href="{html.escape(counterpart_href(page, language, other))}" '
        f'hreflang="{other}" lang="{other}">{NAMES[other]}</a>'
        for other in others
    )
    return f'<p class="{CLASS}">{links}</p>\n' if links else ""


def link_counterpart(text: str, page: str, language: str, others: list[str]) -> str:
    """A page with its links to its counterparts in ``others`` (and no earlier ones)."""
    text = _BLOCK.sub("", text)
    wanted = block(page, language, others)
    if not wanted:
        return text
    for place in _PLACES:
        found = place.search(text)
        if found:
            return text[: found.end()] + wanted + text[found.end() :]
    return text


def link_site(site: Path) -> None:
    """Every page of the edition at ``site`` linked to the same page in each other language
    the site holds."""
    present = {
        lang: site / language_folder(lang)
        for lang in translation.LANGUAGES
        if (site / language_folder(lang) / "index.html").is_file()
    }
    for lang, folder in present.items():
        for page in sorted(folder.glob("*.html")):
            others = [o for o in present if o != lang and (present[o] / page.name).is_file()]
            text = page.read_text(encoding="utf-8")
            linked = link_counterpart(text, page.name, lang, others)
            if linked != text:
                page.write_text(linked, encoding="utf-8")
