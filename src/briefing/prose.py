"""Words the chapters and charts share: dates, durations, counts and names as prose writes them.

Below both chapters and charts, so neither needs the other for a phrase. Every phrase is in
the edition's language (``translation.current()``); the English grammar (articles, plural
"s") applies to English only: Japanese has neither.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from briefing import countries, translation
from briefing.translation import _, ngettext


def on(day: dt.date) -> str:
    """A date as the prose writes it, in the edition's language: 1 December 2026, 2026年12月1日."""
    return translation.date(day)


def figure(n: int) -> str:
    """A count as the edition's prose writes it: as it always was in English ("1106"), with
    the language's grouping in another ("1,106")."""
    return str(n) if translation.current() == translation.SOURCE else translation.number(n)


def whole_days(days: float) -> int:
    """A count of days rounded to a whole day (halves up), as the prose gives it."""
    return int(days + 0.5) if days >= 0 else -int(-days + 0.5)


def duration(days: float) -> str:
    """A span in plain words: whole days under two months, else whole months (30.44 days each)."""
    n = abs(whole_days(days))
    if n < 61:
        return ngettext("{n} day", "{n} days", n).format(n=figure(n))
    months = int(n / 30.4375 + 0.5)
    return ngettext("about {n} month", "about {n} months", months).format(n=figure(months))


# Names that take "the" in running prose.
WITH_ARTICLE = ("United ", "Netherlands", "European Union", "Philippines", "Czech Republic")


def the(name: str) -> str:
    """A jurisdiction's name as running prose writes it: "the United States", "Japan" (in a
    language without articles, the name as given)."""
    if translation.current() != translation.SOURCE:
        return name
    return f"the {name}" if name.startswith(WITH_ARTICLE) else name


def the_jurisdiction(code: str) -> str:
    """``the`` for a jurisdiction's code: "the Netherlands" for NL, オランダ in Japanese."""
    if translation.current() != translation.SOURCE:
        return countries.shown(code)
    return the(countries.name(code) or code)


def count_phrase(n: int, one: str, many: str | None = None) -> str:
    """'1 ally', '3 allies': a count with its noun in the right number.

    In another language, the catalog's plural message "{n} <noun>" (as ``ngettext("{n} ally",
    "{n} allies", n)`` declares it where it is written): "3か国・地域". A noun without one is
    left in English, for the catalog test to find; prefer a whole translated sentence with the
    count as a placeholder.
    """
    plural = many or one + "s"
    if translation.current() != translation.SOURCE:
        # The catalog's message for this noun (written where the noun is, not extracted here).
        singular_message, plural_message = f"{{n}} {one}", f"{{n}} {plural}"
        return ngettext(singular_message, plural_message, n).format(n=figure(n))
    return f"{n} {one if n == 1 else plural}"


def indefinite(noun: str) -> str:
    """A noun with its indefinite article: "an applied restriction", "a ban naming the vendor"
    (in a language without articles, the noun as given)."""
    if translation.current() != translation.SOURCE:
        return noun
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def in_sentence(label: str) -> str:
    """A label (a codebook's, a kind's) as running prose writes it: lower case in English,
    as written in a language without capitals."""
    return label.lower() if translation.current() == translation.SOURCE else label


def lag_phrase(lag: int) -> str:
    """'60 days after' or '30 days before': a lag in days, read against the baseline."""
    # Always "days" in English, as the prose has always said it (even of one day).
    if lag < 0:
        return _("{n} days before").format(n=figure(-lag))
    return _("{n} days after").format(n=figure(lag))


def sentences(*texts: str) -> str:
    """Sentences one after another: a space between them in English, none in Japanese."""
    joiner = " " if translation.current() == translation.SOURCE else ""
    return joiner.join(text for text in texts if text)


def series(items: list[str]) -> str:
    """Items of a list inside a sentence: "a 3; b 2" in English, "a 3、b 2" in Japanese."""
    return ("; " if translation.current() == translation.SOURCE else "、").join(items)


def ordinal(n: int) -> str:
    """A rank as prose writes it: "3rd", "3番目"."""
    if translation.current() != translation.SOURCE:
        return _("{n}th").format(n=figure(n))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def of(part: int, whole: int) -> str:
    """A key number's "4 of 42": the part of a whole, in the edition's language."""
    return _("{part} of {whole}").format(part=figure(part), whole=figure(whole))


def full_stop(text: str) -> str:
    """A text ending as a sentence ends: with its full stop added where it has none."""
    text = str(text).strip()
    if translation.current() == translation.SOURCE:
        return text if text.endswith(".") else text + "."
    return text if text.endswith(("。", ".", "！", "？", "」", "）")) else text + "。"


def each(message: str, **columns: pd.Series) -> pd.Series:
    """A table's column of ``message`` said of each row, in the edition's language, its named
    placeholders filled from ``columns`` (series on one index): "{date} ({kind})" gives
    "2019-05-15 (announced)", "2019-05-15（発表）". A row missing any value has none."""
    said = _(message)
    frame = pd.DataFrame(columns)
    return pd.Series(
        [
            np.nan if any(pd.isna(value) for value in row.values()) else said.format(**row)
            for row in frame.to_dict("records")
        ],
        index=frame.index,
        dtype="object",
    )
