"""How much room a chart's text takes: widths estimated from the font size, lines wrapped to fit.

DejaVu Sans averages about 0.6 em a character, so titles, legends, labels and source lines are
wrapped and given room in the margins before plotly draws them: nothing is clipped, nothing
overlaps.
"""

from __future__ import annotations

import re
import textwrap

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
