"""How much room a chart's text takes: widths estimated from the font size, lines wrapped to fit;
and the words charts share (a row's source, a short date, a count) in the edition's language.

DejaVu Sans averages about 0.6 em a character, so titles, legends, labels and source lines are
wrapped and given room in the margins before plotly draws them: nothing is clipped, nothing
overlaps. A full-width character (Japanese kana and kanji, full-width punctuation) is about
twice as wide, 1 em or so: ``width`` counts it as two, and Japanese text, which has no spaces
between words, is broken between characters (never before closing punctuation).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata

import pandas as pd
from babel import dates

from briefing import countries, translation
from briefing.prose import on, the_jurisdiction
from briefing.translation import _

CHAR_EM = 0.6
LINE = 1.35  # line height, in font sizes
# What may not start a line in Japanese (kinsoku): closing brackets and punctuation, small kana.
NO_LINE_START = set(
    "、。，．・：；？！）」』】〕〉》｝］ー〜ぁぃぅぇぉっゃゅょァィゥェォッャュョ%％,.)]:;"
)
NO_LINE_END = set("（「『【〔〈《｛［(")
_TOKENS = re.compile(r"<[^>]+>|\s+|[^\s<]")


def text_width(text: str) -> int:
    """``text``'s width in half-width characters: a full-width character counts as two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, width_px: int, size: int) -> list[str]:
    """``text``'s lines (its own ``<br>`` breaks kept), each wrapped to fit ``width_px``."""
    chars = max(12, int(width_px / (size * CHAR_EM)))
    lines: list[str] = []
    for line in text.split("<br>"):
        lines += lines_of(line, chars)
    return lines


def lines_of(text: str, chars: int) -> list[str]:
    """``text`` in lines of at most ``chars`` half-width characters (where words allow)."""
    if text_width(text) == len(text):  # no full-width character: wrapped between words, as ever
        return textwrap.wrap(text, width=chars, break_on_hyphens=False, break_long_words=False) or [
            ""
        ]
    return _wide_lines(text, chars) or [""]


def _wide_lines(text: str, chars: int) -> list[str]:
    """Text with full-width characters broken between them (and at spaces), a Latin word kept
    whole, tags not counted; closing punctuation stays on its line, an opening bracket moves."""
    units = _units(text)
    lines: list[list[str]] = [[]]
    used = 0
    for unit in units:
        size = 0 if unit.startswith("<") else text_width(unit)
        if unit.isspace() and not lines[-1]:
            continue
        if used + size > chars and lines[-1] and unit[0] not in NO_LINE_START:
            carried = []
            while lines[-1] and lines[-1][-1][-1] in NO_LINE_END:
                carried.insert(0, lines[-1].pop())
            lines.append(carried)
            used = sum(text_width(part) for part in carried if not part.startswith("<"))
            if unit.isspace():
                continue
        lines[-1].append(unit)
        used += size
    return ["".join(line).strip() for line in lines if "".join(line).strip()]


def _units(text: str) -> list[str]:
    """Tags, spaces, full-width characters one by one, and runs of other characters (words)."""
    units: list[str] = []
    for token in _TOKENS.findall(text):
        joins = (
            units
            and not token.startswith("<")
            and not token.isspace()
            and text_width(token) == 1
            and not units[-1].startswith("<")
            and not units[-1].isspace()
            and text_width(units[-1]) == len(units[-1])
        )
        if joins:
            units[-1] += token
        else:
            units.append(token)
    return units


def hover_lines(text: object, chars: int = 60) -> list[str]:
    """A long text (a description, a title) in a tooltip's lines of about ``chars``."""
    text = str(text)
    if text_width(text) == len(text):
        return textwrap.wrap(text, width=chars) or [""]
    return lines_of(text, chars)


def wrap_label(label: str, chars: int) -> str:
    """A label wrapped to ``chars`` a line (lines joined by a newline), inside its own tags."""
    opening, inner, closing = re.fullmatch(
        r"((?:<[^/][^>]*>)*)(.*?)((?:</[^>]+>)*)", label
    ).groups()
    if text_width(inner) == len(inner):
        return opening + "\n".join(textwrap.wrap(inner, chars) or [inner]) + closing
    return opening + "\n".join(lines_of(inner, chars)) + closing


def lower(label: str) -> str:
    """A label inside a sentence: lower-cased in English ("nationwide ban"), as it is in a
    language without case (a Japanese label's Latin names, "Huawei", keep their capitals)."""
    return label.lower() if translation.current() == translation.SOURCE else label


def the_name(code: str) -> str:
    """A jurisdiction's name inside a sentence: "the Netherlands" in English, with no article in
    a language that has none (オランダ)."""
    if translation.current() == translation.SOURCE:
        return the_jurisdiction(code)
    return countries.shown(code)


def listing(items: list[str]) -> str:
    """Names in a list inside a sentence: "Japan, the Netherlands", "日本、オランダ"."""
    return _(", ").join(items)


def capitalised(text: str) -> str:
    """A phrase made a sentence: its first letter a capital (and the rest lower case, as
    ``str.capitalize`` has it) in English; as it is in a language without case."""
    return text.capitalize() if translation.current() == translation.SOURCE else text


def untagged(text: str) -> str:
    """Text without its HTML tags, as a reader sees it."""
    return re.sub(r"<[^>]+>", "", text)


def cited(publisher: object, day: object) -> str:
    """A row's source as its tooltip names it: publisher and date ("Reuters, 13 August 2018");
    either may be missing."""
    name = None if pd.isna(publisher) or not str(publisher) else str(publisher)
    when = None if pd.isna(day) else on(pd.Timestamp(day))
    if name and when:
        return _("{publisher}, {date}").format(publisher=name, date=when)
    return name or when or _("not recorded")


def cited_rows(rows: pd.DataFrame) -> list[str]:
    """Each row's source (its ``source_publisher`` and ``source_date``), as ``cited`` words it;
    a frame without one of the columns (a chart's test rows) has it missing."""
    missing = pd.Series(None, index=rows.index, dtype=object)
    publishers = rows.get("source_publisher", missing)
    days = rows.get("source_date", missing)
    return [cited(publisher, day) for publisher, day in zip(publishers, days, strict=True)]


def short_date(day: dt.date) -> str:
    """A date with its month abbreviated, for a tick or a label: "6 Dec 2026", "2026年12月6日"."""
    if translation.current() == translation.SOURCE:
        return f"{day:%-d %b %Y}"  # as the English edition always wrote it ("Sep", not "Sept")
    return dates.format_skeleton("yMMMd", day, locale=translation.locale())


def day_month(day: dt.date) -> str:
    """A day of the month without its year: "6 Dec", "12月6日"."""
    if translation.current() == translation.SOURCE:
        return f"{day:%-d %b}"
    return dates.format_skeleton("MMMd", day, locale=translation.locale())


def count(n: int) -> str:
    """A count as a chart writes it: grouped as Japanese readers write it (1,106), and as the
    English edition always has (1106)."""
    if translation.current() == translation.SOURCE:
        return str(n)
    return translation.number(n)
