"""The build parameters every notebook takes, checked before any notebook runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing import countries, translation
from briefing.errors import ParameterError

# Not "lang" or "language": LANG and LANGUAGE are the locale's environment variables.
NAMES = ("as_of", "focus", "previous_as_of", "edition_language")
DEFAULT_FOCUS = "JP"


@dataclass(frozen=True)
class Parameters:
    as_of: dt.date
    focus: str
    # The date of the edition before this one, for what changed since; None: a first edition.
    previous_as_of: dt.date | None = None
    # The language the edition is written in ("en", "ja"): the data and the figures are the same.
    language: str = translation.SOURCE

    def for_papermill(self) -> dict[str, str]:
        given = {"as_of": self.as_of.isoformat(), "focus": self.focus}
        if self.language != translation.SOURCE:
            # Only when it is not English: an English edition's key stays what it was.
            given["edition_language"] = self.language
        # A first edition says so: left out, the notebook would take the default (a quarter back).
        given["previous_as_of"] = (
            FIRST_EDITION if self.previous_as_of is None else self.previous_as_of.isoformat()
        )
        return given


def parse(
    as_of: str | dt.date | None = None,
    focus: str | None = DEFAULT_FOCUS,
    previous_as_of: str | dt.date | None = None,
    edition_language: str | None = None,
    *,
    today: dt.date | None = None,
    **unknown: object,
) -> Parameters:
    """Check and normalise the parameters; raise ParameterError with a one-line reason."""
    if unknown:
        raise ParameterError(
            f"unknown parameter {', '.join(sorted(unknown))}; the notebooks take {', '.join(NAMES)}"
        )
    today = today or dt.date.today()
    day = parse_as_of(as_of, today=today)
    try:
        language = translation.check(edition_language or translation.SOURCE)
    except translation.LanguageError as exc:
        raise ParameterError(f"edition_language: {exc}") from None
    return Parameters(
        as_of=day,
        focus=parse_focus(focus),
        previous_as_of=parse_previous(previous_as_of, day),
        language=language,
    )


def end_of_previous_quarter(day: dt.date) -> dt.date:
    """The last day of the calendar quarter before the one holding ``day``.

    The briefing is rebuilt every quarter, so the edition before ``as_of`` is, unless said
    otherwise, the one of the last quarter's end: 2026-11-01 follows 2026-09-30.
    """
    first_month_of_quarter = 3 * ((day.month - 1) // 3) + 1
    return dt.date(day.year, first_month_of_quarter, 1) - dt.timedelta(days=1)


# Said for previous_as_of, it makes a first edition: nothing is reported as changed.
FIRST_EDITION = "none"


def parse_previous(value: str | dt.date | None, as_of: dt.date) -> dt.date | None:
    """The previous edition's date, before ``as_of``; by default the end of the last quarter;
    None for a first edition (``"none"``)."""
    if isinstance(value, str) and value.strip().lower() == FIRST_EDITION:
        return None
    day = _date(value, "previous_as_of") or end_of_previous_quarter(as_of)
    if day >= as_of:
        raise ParameterError(
            f"previous_as_of {day.isoformat()} is not before as_of {as_of.isoformat()}"
        )
    return day


def _date(value: str | dt.date | None, name: str) -> dt.date | None:
    """``value`` as a date (None when absent); a one-line ParameterError when it is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ParameterError(f"{name} {value!r} is not a date of the form YYYY-MM-DD") from None


def parse_as_of(value: str | dt.date | None, *, today: dt.date) -> dt.date:
    day = _date(value, "as_of")
    if day is None:
        return today
    if day > today:
        raise ParameterError(
            f"as_of {day.isoformat()} is in the future (today is {today.isoformat()})"
        )
    return day


def parse_focus(value: str | None) -> str:
    code = (value or DEFAULT_FOCUS).strip().upper()
    if countries.name(code) is None:
        raise ParameterError(f"focus {value!r} is not an ISO 3166-1 alpha-2 code (or EU)")
    return code
