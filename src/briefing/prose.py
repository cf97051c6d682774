"""Words the chapters and charts share: dates, durations, counts and names as prose writes them.

Below both chapters and charts, so neither needs the other for a phrase.
"""

from __future__ import annotations

import datetime as dt

from briefing import countries, translation


def on(day: dt.date) -> str:
    """A date as the prose writes it, in the edition's language: 1 December 2026, 2026年12月1日."""
    return translation.date(day)


def whole_days(days: float) -> int:
    """A count of days rounded to a whole day (halves up), as the prose gives it."""
    return int(days + 0.5) if days >= 0 else -int(-days + 0.5)


def duration(days: float) -> str:
    """A span in plain words: whole days under two months, else whole months (30.44 days each)."""
    n = abs(whole_days(days))
    if n < 61:
        return f"{n} day{'s' if n != 1 else ''}"
    months = int(n / 30.4375 + 0.5)
    return f"about {months} months"


# Names that take "the" in running prose.
WITH_ARTICLE = ("United ", "Netherlands", "European Union", "Philippines", "Czech Republic")


def the(name: str) -> str:
    """A jurisdiction's name as running prose writes it: "the United States", "Japan"."""
    return f"the {name}" if name.startswith(WITH_ARTICLE) else name


def the_jurisdiction(code: str) -> str:
    """``the`` for a jurisdiction's code: "the Netherlands" for NL."""
    return the(countries.name(code) or code)


def count_phrase(n: int, one: str, many: str | None = None) -> str:
    """'1 ally', '3 allies': a count with its noun in the right number."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def indefinite(noun: str) -> str:
    """A noun with its indefinite article: "an applied restriction", "a ban naming the vendor"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def lag_phrase(lag: int) -> str:
    """'60 days after' or '30 days before': a lag in days, read against the baseline."""
    if lag < 0:
        return f"{-lag} days before"
    return f"{lag} days after"
