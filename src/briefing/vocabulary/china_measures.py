"""The vocabulary of China's measures, from their section of the codebook (data/codebook.json):
the kinds of measure in the codebook's order, and the labels of every coded field."""

from __future__ import annotations

from briefing.data import codebook, codebook_language

TABLE = "china_measures"


def labels(field: str, lang: str | None = None) -> dict[str, str]:
    """The codebook's labels of one coded field of China's measures (kind, actor, status...),
    in ``lang`` (None: English, the words the charts' palette keys its styles by)."""
    return codebook.load(table=TABLE, lang=lang or codebook_language.SOURCE).field(field).labels()


def kinds(lang: str | None = None) -> dict[str, str]:
    """China's kinds of measure by their short labels, in the codebook's order, in ``lang``
    (None: English, the words the charts' palette keys its styles by)."""
    book = codebook.load(table=TABLE, lang=lang or codebook_language.SOURCE)
    values = book.field("kind").values
    return {value.code: value.short or value.label for value in values}
