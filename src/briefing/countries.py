"""Jurisdiction codes and names: ISO 3166-1 through pycountry, plus the few names it lacks.

The tables code jurisdictions as ISO 3166-1 alpha-2 (and ``EU``); sources name countries
in their own ways ("Burma", "Russia", "U.A.E.", "Hong Kong"), which ``code`` resolves.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from briefing import translation

# Jurisdiction codes that are not countries but appear in the data.
EXTRA_JURISDICTIONS = {"EU": "European Union"}
# Names used by the sources that pycountry does not resolve (or resolves otherwise).
ALIASES = {
    "burma": "MM",
    "china": "CN",
    "hong kong": "HK",
    "iran": "IR",
    "macau": "MO",
    "north korea": "KP",
    "russia": "RU",
    "south korea": "KR",
    "syria": "SY",
    "taiwan": "TW",
    "turkey": "TR",
    "u.a.e": "AE",
    "uae": "AE",
}
# Headings that are regions, not countries: they belong to no code.
REGIONS = {"crimea region of ukraine"}


def name(code: str) -> str | None:
    """Common English name of an ISO 3166-1 alpha-2 code or EU; None if unknown."""
    if code in EXTRA_JURISDICTIONS:
        return EXTRA_JURISDICTIONS[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


# Where the Japanese press and government write a shorter or other name than ISO's catalogue
# (大韓民国 (韓国), 中国領・台湾), and the jurisdiction ISO does not list.
NAMES_IN = {
    "ja": {
        "AU": "オーストラリア",
        "EU": "欧州連合 (EU)",
        "KR": "韓国",
        "KP": "北朝鮮",
        "TW": "台湾",
        "RU": "ロシア",
    },
}


def shown(code_: str, lang: str | None = None) -> str:
    """A jurisdiction's name as a reader of ``lang`` (the current language) reads it.

    English names are ``name``'s; other languages take pycountry's catalogue of ISO 3166-1
    names in that language, except where ``NAMES_IN`` says how its readers write them.
    """
    lang = translation.check(lang or translation.current())
    english = name(code_) or code_
    if lang == translation.SOURCE:
        return english
    if code_ in NAMES_IN.get(lang, {}):
        return NAMES_IN[lang][code_]
    country = pycountry.countries.get(alpha_2=code_) if len(code_) == 2 else None
    if country is None:
        return english
    return _iso_names(lang).gettext(country.name)


@cache
def _iso_names(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def code(place: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country given as a code or a name ('CN', 'Hong Kong', 'Burma')."""
    text = place.strip().rstrip(".").strip() if place else ""
    if not text or text.lower() in REGIONS:
        return None
    if len(text) == 2 and text.isalpha():
        found = pycountry.countries.get(alpha_2=text.upper())
        return found.alpha_2 if found else None
    if text.lower() in ALIASES:
        return ALIASES[text.lower()]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


def names(code_: str) -> list[str]:
    """Every name a text may use for a jurisdiction: its aliases and its ISO names."""
    # Abbreviations are written in capitals (UAE), names in title case (South Korea).
    found = [
        alias.upper() if len(alias) <= 3 else alias.title()
        for alias, value in ALIASES.items()
        if value == code_ and "." not in alias
    ]
    found.append(name(code_) or code_)
    country = pycountry.countries.get(alpha_2=code_) if len(code_) == 2 else None
    if country is not None:
        found += [getattr(country, key, None) for key in ("name", "common_name", "official_name")]
    return list(dict.fromkeys(n for n in found if n))


def alpha_3(code_: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code_) if len(code_) == 2 else None
    return country.alpha_3 if country else None
