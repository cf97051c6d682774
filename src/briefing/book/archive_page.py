"""The list of editions as a page of the site: an edition's own home page, its content replaced.

The list is written when the archive changes (a build's swap, a publish), after either engine
rendered: so it is made from a page that engine wrote, the edition's `index.html`, and keeps its
head (style sheets, scripts, icon), its navigation and its footer. What belongs to the summary
goes: the content of `<main>` but the title, the table of contents, the previous/next links and
the marks of the current page. What each part is, by engine:

- the fallback (templates/page.html): `<main>` holds `<header><h1 class="title">`, `nav.toc`
  and `footer.pager`; the sidebar marks the page with `li.current` and `aria-current`;
- Quarto 1.10.18: `<main id="quarto-document-content">` (website/templates/nav-before-body.ejs)
  holds `header#title-block-header` with its `h1.title` (formats/html/templates/title-block.html);
  outside it are `nav#TOC` (role doc-toc), `nav.page-navigation`
  (website/templates/nav-after-body-postamble.ejs), `link rel="next"`, the sidebar's
  `a.sidebar-link.active` (sidebaritem.ejs) and `.quarto-page-breadcrumbs`
  (website-navigation.ts, makeBreadCrumbs). Its scripts find the site's root from
  `<meta name="quarto:offset">` (website-search.ts; quarto-search.js, offsetURL).

The page sits in a folder below the edition's home, so every relative link of the frame gets
the way back up (``offset``) in front of it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from briefing import countries, translation

# A page to frame the list when an edition has no home page to lend (a site being assembled).
SKELETON = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title></title></head>\n<body>\n<main></main>\n</body></html>\n"
)
# The parts of the frame that belong to the page it was, not to the list (see above).
DROPPED = "nav#TOC, nav.toc, nav.page-navigation, footer.pager, link[rel=next], link[rel=prev]"
# How the page marks itself as the current one in the navigation.
CURRENT_CLASSES = ("current", "active")
# The list's own look, in the frame's head: compact entries, their key numbers in a column.
STYLE = """
.editions-list { list-style: none; padding-left: 0; }
.editions-list > li { border-top: 1px solid #dde; padding: .8rem 0; }
.editions-list h2 { font-size: 1.3rem; margin: 0 0 .3rem; border-bottom: 0; padding-bottom: 0; }
.editions-list .edition-facts { margin: 0 0 .4rem; color: #4a5058; }
.editions-list .edition-key-numbers { margin: 0; padding-left: 1.1rem; }
.editions-list .edition-key-numbers li { margin: .2rem 0; }
"""


def page(frame: str | None, *, offset: str, title: str, content: str) -> str:
    """The page ``title`` holding ``content`` (HTML), in the frame of the home page ``frame``.

    ``offset``: the way from the page's folder back to the frame's ("../").
    """
    soup = BeautifulSoup(frame or SKELETON, "html.parser")
    if soup.find("main") is None and soup.body is None:  # not a page: nothing to keep
        soup = BeautifulSoup(SKELETON, "html.parser")
    _rebase(soup, offset)
    for part in soup.select(DROPPED):
        part.decompose()
    _unmark_current(soup)
    _breadcrumb(soup, title)
    main = soup.find("main") or soup.body
    header = _title_header(main, title, soup)
    main.clear()
    main.append(header)
    main.append(BeautifulSoup(content, "html.parser"))
    _head(soup, title)
    return str(soup)


@dataclass(frozen=True)
class Entry:
    """One edition in the list: its record (edition.json) and its folder from the list's page."""

    record: dict
    folder: str  # ending in "/": "../" for the current edition seen from editions/
    current: bool = False

    @property
    def date(self) -> str:
        return translation.date(dt.date.fromisoformat(str(self.record["as_of"])))

    @property
    def focus(self) -> str:
        code = str(self.record["focus"])
        return countries.name(code) or code


INTRO = (
    "<p>Each edition is the briefing as it stood on its date, with its focus jurisdiction; "
    "the newest is the current one, and the others stay here as they were published. "
    "Its key numbers are listed under each edition.</p>"
)


def content(entries: Sequence[Entry]) -> str:
    """The list's HTML: every edition, newest first, with its date, focus, PDF and key numbers."""
    items = [_item(entry) for entry in entries]
    return f'{INTRO}\n<ol class="editions-list">\n{"".join(items)}</ol>\n'


def _item(entry: Entry) -> str:
    home, pdf = html.escape(entry.folder + "index.html"), html.escape(entry.folder + "briefing.pdf")
    status = "The current edition" if entry.current else "Archived"
    numbers = [_key_number(entry, number) for number in entry.record.get("key_numbers") or []]
    listed = (
        f'<ul class="edition-key-numbers">{"".join(numbers)}</ul>'
        if numbers
        else "<p>No key numbers were recorded with this edition.</p>"
    )
    return (
        f'<li id="edition-{html.escape(entry.record["as_of"])}-{html.escape(entry.record["focus"])}">'
        f'<h2><a href="{home}">Edition of {html.escape(entry.date)}</a></h2>'
        f'<p class="edition-facts">{status} · focus: {html.escape(entry.focus)} · '
        f'<a href="{pdf}">PDF</a></p>{listed}</li>\n'
    )


def _key_number(entry: Entry, number: dict) -> str:
    page = html.escape(f"{entry.folder}{number['chapter']}.html")
    # A number that holds for the edition's date says no more; an older one says when.
    when = "" if number["as_of"] == entry.date else f" · as of {html.escape(number['as_of'])}"
    return (
        f'<li><a href="{page}"><strong>{html.escape(number["value"])}</strong></a> '
        f"{html.escape(number['definition'])}{when}</li>"
    )


def _relative(url: str) -> bool:
    parts = urlsplit(url)
    return bool(url) and not (parts.scheme or parts.netloc or url.startswith(("/", "#")))


def _rebase(soup: BeautifulSoup, offset: str) -> None:
    """Every relative link, script and style sheet of the frame, from one folder down."""
    for attribute in ("href", "src"):
        for tag in soup.find_all(attrs={attribute: True}):
            if _relative(tag[attribute]):
                tag[attribute] = offset + tag[attribute].removeprefix("./")
    for meta in soup.find_all("meta", attrs={"name": "quarto:offset"}):
        meta["content"] = offset + (meta.get("content") or "").removeprefix("./")


def _unmark_current(soup: BeautifulSoup) -> None:
    for tag in soup.select("[aria-current]"):
        del tag["aria-current"]
    for nav in soup.find_all("nav"):
        for tag in nav.find_all(class_=list(CURRENT_CLASSES)):
            tag["class"] = [name for name in tag["class"] if name not in CURRENT_CLASSES]


def _breadcrumb(soup: BeautifulSoup, title: str) -> None:
    for trail in soup.select("ol.breadcrumb"):
        trail.clear()
        item = soup.new_tag("li", attrs={"class": "breadcrumb-item"})
        link = soup.new_tag("a", href="index.html")
        link.string = title
        item.append(link)
        trail.append(item)


def _title_header(main: Tag, title: str, soup: BeautifulSoup) -> Tag:
    """The frame's title block, holding only its `h1` (now ``title``); a new `h1` if none."""
    heading = main.find("h1", class_="title")
    if heading is None:
        heading = soup.new_tag("h1", attrs={"class": "title"})
        heading.string = title
        return heading
    heading.clear()
    heading.string = title
    header = heading.find_parent("header") or heading
    keep = heading
    while keep is not header:
        for sibling in [*keep.find_previous_siblings(), *keep.find_next_siblings()]:
            sibling.extract()
        keep = keep.parent
    header.extract()
    return header


def _head(soup: BeautifulSoup, title: str) -> None:
    if soup.title is not None:
        soup.title.string = title
    if soup.head is not None:
        style = soup.new_tag("style")
        style.string = STYLE
        soup.head.append(style)
