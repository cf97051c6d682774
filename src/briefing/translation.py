"""The edition's language: its messages, dates and numbers.

English is the language the code and the data are written in. Every other language has a
gettext catalog a translator edits, `locale/<lang>/LC_MESSAGES/briefing.po` beside this module,
kept with Babel (`make messages` extracts the messages and updates the catalogs). A kernel
builds one edition in one language: the notebook says which with `use`, as gettext's
`install` would, and every `_` after that answers in it. Dates and numbers are written by
Babel in the language's own style ("6 December 2026", "2026年12月6日").
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from gettext import NullTranslations
from pathlib import Path

# Babel is imported where it is used: a build with nothing to do says nothing, and spares
# its import.

SOURCE = "en"
LANGUAGES = ("en", "ja")
# The locale each language writes dates and numbers in: British English writes the day first.
LOCALES = {"en": "en_GB", "ja": "ja_JP"}
DOMAIN = "briefing"
LOCALE_DIR = Path(__file__).parent / "locale"

_active = SOURCE


class LanguageError(ValueError):
    """A language the briefing has no edition in."""


def check(lang: str) -> str:
    """``lang`` as a known language code ("en", "ja"); a LanguageError naming them otherwise."""
    code = (lang or "").strip().lower()
    if code not in LANGUAGES:
        raise LanguageError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return code


def use(lang: str) -> None:
    """Make ``lang`` the language of everything said from now on in this process."""
    global _active
    _active = check(lang)


def current() -> str:
    return _active


def catalog_path(lang: str, locale_dir: Path | None = None) -> Path:
    """The catalog of ``lang`` (in the package at hand, or in ``locale_dir``)."""
    return (locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The catalog of ``lang``, read from its .po file (compiled in memory, no .mo to keep)."""
    from babel.messages import mofile, pofile
    from babel.support import Translations

    if check(lang) == SOURCE:
        return NullTranslations()
    with catalog_path(lang).open("rb") as po:
        catalog = pofile.read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    # Fuzzy entries are a translator's guess, not a translation: left out, as msgfmt does.
    mofile.write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _(message: str) -> str:
    """``message`` in the current language (as written where it has no translation)."""
    return translations(_active).gettext(message)


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` (the current language when None): for the build, which speaks
    every edition's language in one process."""
    return translations(check(lang or _active)).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for a count ``n``, in the current language."""
    return translations(_active).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog where it is defined; `_` translates it where shown."""
    return message


def locale(lang: str | None = None) -> str:
    return LOCALES[check(lang or _active)]


def date(day: dt.date, lang: str | None = None) -> str:
    """A date as prose writes it: "6 December 2026", "2026年12月6日"."""
    from babel import dates

    return dates.format_date(day, format="long", locale=locale(lang))


def month(day: dt.date, lang: str | None = None) -> str:
    """A month and its year: "December 2026", "2026年12月"."""
    from babel import dates

    return dates.format_skeleton("yMMMM", day, locale=locale(lang))


def number(value: float, lang: str | None = None) -> str:
    """A number with the language's grouping: "1,106"."""
    from babel import numbers

    return numbers.format_decimal(value, locale=locale(lang))


def percent(share: float, lang: str | None = None, *, digits: int = 1) -> str:
    """A share (0.628) as a percentage with ``digits`` decimals: "62.8%"."""
    from babel import numbers

    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return numbers.format_percent(share, pattern, locale=locale(lang))
