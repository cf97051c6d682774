"""How much room a chart's text takes: widths estimated from the font size, lines wrapped to fit.

DejaVu Sans averages about 0.6 em a character, so titles, legends, labels and source lines are
wrapped and given room in the margins before plotly draws them: nothing is clipped, nothing
overlaps.
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd

from briefing.prose import on

CHAR_EM = 0.6
LINE = 1.35  # line height, in font sizes


def wrap(text: str, width_px: int, size: int) -> list[str]:
    """``text``'s lines (its own ``<br>`` breaks kept), each wrapped to fit ``width_px``."""
    chars = max(12, int(width_px / (size * CHAR_EM)))
    lines: list[str] = []
    for line in text.split("<br>"):
        lines += textwrap.wrap(
            line, width=chars, break_on_hyphens=False, break_long_words=False
        ) or [""]
    return lines


def wrap_label(label: str, chars: int) -> str:
    """A label wrapped to ``chars`` a line (lines joined by a newline), inside its own tags."""
    opening, inner, closing = re.fullmatch(
        r"((?:<[^/][^>]*>)*)(.*?)((?:</[^>]+>)*)", label
    ).groups()
    return opening + "\n".join(textwrap.wrap(inner, chars) or [inner]) + closing


def untagged(text: str) -> str:
    """Text without its HTML tags, as a reader sees it."""
    return re.sub(r"<[^>]+>", "", text)


def cited(publisher: object, day: object) -> str:
    """A row's source as its tooltip names it: publisher and date ("Reuters, 13 August 2018");
    either may be missing."""
    parts = [] if pd.isna(publisher) or not str(publisher) else [str(publisher)]
    if not pd.isna(day):
        parts.append(on(pd.Timestamp(day)))
    return ", ".join(parts) or "not recorded"


def cited_rows(rows: pd.DataFrame) -> list[str]:
    """Each row's source (its ``source_publisher`` and ``source_date``), as ``cited`` words it;
    a frame without one of the columns (a chart's test rows) has it missing."""
    missing = pd.Series(None, index=rows.index, dtype=object)
    publishers = rows.get("source_publisher", missing)
    days = rows.get("source_date", missing)
    return [cited(publisher, day) for publisher, day in zip(publishers, days, strict=True)]
