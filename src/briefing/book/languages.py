"""The editions' languages as the site shows them: where each page's counterpart is, and what
the link to it says.

English is the site's root; every other language has its folder (`ja/`), holding the same
pages under the same names. So a page's counterpart is found by its name alone, and both
engines link every page to it: the fallback through its page template, Quarto's pages in the
post-render (`link_counterpart`).
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from briefing import translation
from briefing.book.project import language_folder

# Each language's name in itself: the link a reader of that language looks for.
NAMES = {"en": "English", "ja": "日本語"}


def counterpart_href(page: str, language: str, other: str) -> str:
    """The relative address, from ``page`` (a file name) of the ``language`` edition, of the
    same page in the ``other`` edition: "ja/adoption.html", "../adoption.html"."""
    up = "../" if language_folder(language) else ""
    down = f"{language_folder(other)}/" if language_folder(other) else ""
    return f"{up}{down}{page}"


def others(language: str) -> list[str]:
    return [lang for lang in translation.LANGUAGES if lang != language]


def links(page: str, language: str) -> list[dict[str, str]]:
    """The links from ``page`` to its counterparts: href, language code and the language's name."""
    return [
        {"href": counterpart_href(page, language, other), "lang": other, "name": NAMES[other]}
        for other in others(language)
    ]


def link_counterpart(html: str, page: str, language: str) -> str:
    """A Quarto page with its links to its counterparts, first in the sidebar (or the body)."""
    soup = BeautifulSoup(html, "html.parser")
    home = soup.select_one("#quarto-sidebar .sidebar-menu-container") or soup.body
    if home is None or soup.select_one("p.language-switch"):
        return html
    block = soup.new_tag("p", attrs={"class": "language-switch"})
    for link in links(page, language):
        anchor = soup.new_tag("a", href=link["href"], hreflang=link["lang"], lang=link["lang"])
        anchor.string = link["name"]
        block.append(anchor)
    home.insert(0, block)
    return str(soup)
