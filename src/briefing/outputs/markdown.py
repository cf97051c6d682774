"""Markdown both renderers take: data text escaped, links only to http(s), and the PDF's pipe
tables, headed in the edition's language and sized by their text."""

from __future__ import annotations

import unicodedata

import pandas as pd

from briefing import translation
from briefing.translation import _


def table_markdown(frame: pd.DataFrame, columns: list[str], links: dict[str, str]) -> str:
    """A pipe table of ``columns``, headed by their names in the edition's language."""
    header = "| " + " | ".join(_md(heading(c)) for c in columns) + " |"
    rule = "|" + "|".join("-" * width for width in column_weights(frame, columns)) + "|"
    body = []
    for _index, row in frame.iterrows():
        cells = []
        for column in columns:
            text = _md(_cell(row[column]))
            url = safe_url(row[links[column]]) if column in links else None
            cells.append(f"[{text}](<{_md_url(url)}>)" if url else text)
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *body])


# A column's share of the printed width follows its text (in characters). A short column (a
# date, a count, a status) gets room for its longest cell on one line, with a margin for wide
# glyphs; a long one grows with its typical cell, but slowly, so that a description gets the
# most room without squeezing the others. Every column adds a cell's padding.
SHORT, TYPICAL_BASE, SHORT_MARGIN, PADDING = 16, 20, 1.3, 3


def column_weights(frame: pd.DataFrame, columns: list[str]) -> list[int]:
    """Each column's relative width: the dashes of the pipe table's rule.

    Pandoc (and Quarto, through it) sizes the columns of a wide pipe table by the number of
    dashes under each header (its `pipe_tables` extension), whatever the cells hold.
    """
    weights = []
    for column in columns:
        lengths = [_width(_cell(value)) for value in frame[column]] or [0]
        longest_word = _longest_word(heading(column))
        longest = max(max(lengths), longest_word)
        if longest <= SHORT:
            weight = longest * SHORT_MARGIN
        else:
            typical = max(float(pd.Series(lengths).quantile(0.8)), longest_word)
            weight = min(typical, TYPICAL_BASE) + 2 * max(typical - TYPICAL_BASE, 0) ** 0.5
        weights.append(max(3, round(weight)) + PADDING)
    return weights


def heading(column: object) -> str:
    """A column's name as its header shows it: in the edition's language (the chapters mark
    their column names for the catalog where they name them)."""
    return _(str(column))


# Characters set about twice as wide as a Latin letter (East Asian Wide and Fullwidth).
WIDE = ("W", "F")


def _width(text: str) -> int:
    """How wide a text is set, in Latin letters: a Japanese character counts two (not in an
    English edition, whose widths stay what they always were, whatever its data quotes)."""
    if translation.current() == translation.SOURCE:
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in WIDE else 1 for ch in text)


def _longest_word(text: str) -> int:
    """The longest run of a header that cannot break: a word, or one wide character (Japanese
    breaks between any two)."""
    runs = []
    for word in text.split():
        run = 0
        for ch in word:
            if unicodedata.east_asian_width(ch) in WIDE:
                runs += [run, 2]
                run = 0
            else:
                run += 1
        runs.append(run)
    return max(runs, default=0)


def safe_url(value: object) -> str | None:
    """The value if it is an http(s) URL, else None: data never supplies a javascript: link."""
    text = _cell(value).strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _md_url(url: str) -> str:
    # Percent-encode what could end a Markdown link destination early.
    return "".join(f"%{ord(ch):02X}" if ch in '<> "\\`' or ord(ch) < 32 else ch for ch in url)


def _cell(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")  # a table's own dates, as the chapters write theirs
    return (
        ""
        if value is None
        or value is pd.NaT
        or value is pd.NA
        or (isinstance(value, float) and pd.isna(value))
        else str(value)
    )


def _md(text: str) -> str:
    # Markdown and pandoc control characters are escaped so data text prints literally.
    out = []
    for ch in text.replace("\n", " "):
        out.append("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|$@~^&=\"'" else ch)
    return "".join(out)


def count(n: int) -> str:
    """A count as this layer writes it: grouped as the edition's language writes numbers
    ("1,106"), except in English, whose pages always wrote it ungrouped ("1106")."""
    return str(n) if translation.current() == translation.SOURCE else translation.number(n)
