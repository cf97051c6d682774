"""Findings and key numbers: sentences and figures computed from the data, with their values.

A finding is one or two short sentences in plain words (at most ``MAX_WORDS``), leading with
its point; what holds for all of a chapter's findings (the date, a caveat, a definition) is
said once, in the chapter's lead line above them. A key number is one value set apart at the
top of the summary, with what it counts, the date it holds for, the figure behind it and, from
the second edition on, its value in the previous edition.
Both name their figure by its label (``fig-...``): the text links to it as a Quarto
cross-reference (``@fig-...``), which Quarto resolves across the book's chapters and the
fallback renderer resolves the same way (``briefing.book.engines.fallback.crossref``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# The most words a finding may have: one or two short sentences, to be read at a glance.
MAX_WORDS = 60

# A table whose sources were last searched more than this many days before the edition is
# flagged in the summary's statement of how recent the data is (``chapters.sources.freshness``).
STALE_DAYS = 90


@dataclass(frozen=True)
class Finding:
    key: str  # stable name, e.g. "binding_jurisdictions"
    text: str  # one or two short sentences, numbers already in it
    values: dict = field(default_factory=dict)  # the numbers, for checking
    figure: str = ""  # the label of the chart behind it, e.g. "fig-adoption-curve"


@dataclass(frozen=True)
class KeyNumber:
    key: str  # stable name, e.g. "binding_jurisdictions"
    value: str  # the number as shown, e.g. "24" or "16.7%"
    definition: str  # one line on what it counts
    as_of: str  # the date it holds for, in words, e.g. "1 December 2026" or "2021"
    figure: str  # the label of the chart behind it
    number: float | int | None = None  # the raw value, for checking
    # The same number in the previous edition, recomputed at its date from the same data, as
    # shown ("23"), and that date in words; None: a first edition, or a number it lacked.
    previous: str | None = None
    previous_as_of: str = ""
    # The slug of the chapter it comes from (set by the summary, which shows them all).
    chapter: str = ""


def markdown(findings: list[Finding], lead: str = "") -> str:
    """The chapter's lead line (what holds for all its findings), then one bullet per finding."""
    bullets = "\n".join(f"- {finding.text}{_see(finding.figure)}" for finding in findings)
    return f"{lead}\n\n{bullets}" if lead else bullets


# Japanese is not written in spaced words: its characters (kana, kanji and their punctuation)
# are counted at this many a word, so that a finding's limit reads alike in both editions. The
# chapters' Japanese findings run to about three characters for each word of their English.
CHARACTERS_PER_WORD = 3


def words(text: str) -> int:
    """How many words a finding has, as a reader counts them (numbers and dates included).

    In Japanese, its characters at ``CHARACTERS_PER_WORD`` a word, plus the spaced words
    (names, codes, numbers in Latin letters) among them."""
    wide = sum(1 for char in text if _wide(char))
    if not wide:
        return len(text.split())
    spaced = "".join(" " if _wide(char) else char for char in text)
    return math.ceil(wide / CHARACTERS_PER_WORD) + len(spaced.split())


def _wide(char: str) -> bool:
    """A character of Japanese script: CJK punctuation, kana, kanji, full-width forms."""
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _see(figure: str) -> str:
    return f" (@{figure})" if figure else ""
