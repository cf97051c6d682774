"""An HTML page as the text it is: its tags, found by Python's HTML parser, and where each stands.

A correction rewrites only the tags it changes and keeps every other byte of the page as it
was. Parsers that build a tree (BeautifulSoup, lxml, selectolax) write the whole page anew on
the way out: they re-quote attributes, decode `&nbsp;`, close void tags or reorder
attributes, so a page would change where nothing was corrected. `html.parser` tokenises the
page and says where each tag starts, which is all that splicing needs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from html.parser import HTMLParser

Attributes = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class Tag:
    """A start tag: its name and attributes as the parser reads them, and where it stands.

    Names are lower-cased and values unescaped (None for a bare attribute such as
    ``download``). ``start``/``end`` delimit the start tag's text in the page. For a script
    that is closed, ``body`` is its text and ``element_end`` the end of its ``</script>``.
    """

    name: str
    attrs: Attributes
    start: int
    end: int
    self_closing: bool = False
    body: str | None = None
    element_end: int | None = None

    def get(self, name: str) -> str | None:
        # The first of repeated attributes counts, as in a browser.
        return next((value for key, value in self.attrs if key == name), None)


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self._source = page
        # getpos() counts lines and columns; the offset of each line turns them into indexes.
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", page))]
        self.tags: list[Tag] = []

    def _index(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start, text = self._index(), self.get_starttag_text() or ""
        self.tags.append(Tag(tag, tuple(attrs), start, start + len(text), text.endswith("/>")))

    def handle_endtag(self, tag: str) -> None:
        # A script holds text only, so its start tag is the last one read (a `<script/>` is
        # reported as start and end at once: it has no text of its own). html.parser ends an
        # end tag at its first '>' (HTMLParser.parse_endtag).
        last = self.tags[-1] if self.tags else None
        if tag != "script" or last is None or last.name != "script" or last.self_closing:
            return
        if last.body is None:  # a stray second </script> closes nothing
            start = self._index()
            self.tags[-1] = replace(
                last,
                body=self._source[last.end : start],
                element_end=self._source.index(">", start) + 1,
            )


def tags(page: str) -> list[Tag]:
    """The start tags of ``page`` in the order they appear."""
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    return reader.tags


def start_tag(tag: Tag, attrs: Attributes) -> str:
    """The start tag ``tag`` written with ``attrs`` (values escaped, in double quotes)."""
    written = [name if value is None else f'{name}="{html.escape(value)}"' for name, value in attrs]
    return "<" + " ".join([tag.name, *written]) + ("/>" if tag.self_closing else ">")


def element_span(page: str, tag: Tag) -> tuple[int, int]:
    """Where a closed script stands, with the blanks around it and one line end after it, so
    that removing it leaves no blank line where it stood alone."""
    if tag.element_end is None:
        raise ValueError(f"the <{tag.name}> at {tag.start} is not closed")
    start, end = tag.start, tag.element_end
    while start > 0 and page[start - 1] in " \t":
        start -= 1
    while end < len(page) and page[end] in " \t":
        end += 1
    end += 2 if page.startswith("\r\n", end) else 1 if page.startswith("\n", end) else 0
    return start, end


def splice(page: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """``page`` with each span ``[start, end)`` replaced by its text; the rest kept as it is."""
    parts, at = [], 0
    for start, end, text in sorted(edits):
        if start < at:
            raise ValueError(f"two corrections overlap at {start}")
        parts += [page[at:start], text]
        at = end
    parts.append(page[at:])
    return "".join(parts)
