"""The codebook's words in the edition's language, for the charts: the vocabularies
(``briefing.vocabulary``) name levels, categories and China's kinds by their English labels,
which the palette keys its styles by; a chart shows them in its reader's language.
"""

from __future__ import annotations

from functools import cache

from briefing import translation
from briefing.data import codebook
from briefing.vocabulary.china_measures import TABLE as CHINA_TABLE


def label(english: str, lang: str | None = None) -> str | None:
    """A codebook label or short label, given in English, in ``lang`` (the current language);
    None for a text the codebook does not hold."""
    lang = translation.check(lang or translation.current())
    if lang == translation.SOURCE:
        return english
    return _labels(lang).get(english)


@cache
def _labels(lang: str) -> dict[str, str]:
    """Every label and short label of both codebooks (restrictions, China's measures): the
    English text against the ``lang`` one, value by value."""
    found: dict[str, str] = {}
    for table in (None, CHINA_TABLE):
        english, other = codebook.load(table=table), codebook.load(table=table, lang=lang)
        fields = list(zip(english.fields, other.fields, strict=True))
        if english.categories is not None:
            fields.append((english.categories, other.categories))
        for source, target in fields:
            for value, translated in zip(source.values, target.values, strict=True):
                found.setdefault(value.label, translated.label)
                if value.short:
                    found.setdefault(value.short, translated.short or translated.label)
    return found
