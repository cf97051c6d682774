"""The codebook's words in each language of the briefing (data/codebook.json).

The codebook is written in English; beside each text a reader sees (a label, a short label,
a definition, a description, the counting and dating rules, a title) it keeps the same text
in every other language of the briefing, under the same key with the language's code
appended (``label_ja`` beside ``label``). Codes, names and rules are never translated.

``check`` refuses a file where such a translation is missing or empty; ``in_language``
returns the file's entries with the texts of one language in place of the English, so that
the codebook reads the same in every language but for its words.
"""

from __future__ import annotations

from pathlib import Path

from briefing.errors import DataError

SOURCE = "en"  # the language the codebook is written in
TRANSLATED = ("ja",)  # the languages every text of it is also kept in
LANGUAGES = (SOURCE, *TRANSLATED)
# The keys holding a text a reader sees; every other key holds a code, a name or a rule.
TEXTS = ("title", "description", "counting", "dating", "label", "short", "definition")
# The keys naming an entry, from the outermost: a section's table, a field's name, a value's code.
NAMES = (("table", "section"), ("name", "field"), ("code", "value"))


def key(text: str, lang: str) -> str:
    """The key holding ``text``'s translation into ``lang`` (the English one for the source)."""
    return text if lang == SOURCE else f"{text}_{lang}"


def check(raw: object, path: Path) -> None:
    """Raise DataError at the first entry of the codebook ``raw`` (read from ``path``) with an
    English text but no translation of it, naming the entry and the missing key."""
    for where, entry in _entries(raw, ()):
        for text in TEXTS:
            if not isinstance(entry.get(text), str):
                continue
            for lang in TRANSLATED:
                translated = entry.get(key(text, lang))
                if not isinstance(translated, str) or not translated.strip():
                    raise DataError(
                        path,
                        f"{_name(where)} has no {lang} translation of its {text}",
                        field=key(text, lang),
                        rule=f"an entry with a {text} has a non-empty {key(text, lang)}",
                    )


def in_language(raw: object, lang: str, path: Path) -> object:
    """The codebook ``raw`` with the texts of ``lang`` under the English keys (a copy; the
    translations' own keys dropped). The source language returns ``raw`` itself."""
    if lang not in LANGUAGES:
        raise DataError(
            path, f"no {lang!r} translation of the codebook: it is in {', '.join(LANGUAGES)}"
        )
    if lang == SOURCE:
        return raw
    return _swapped(raw, lang)


def _swapped(node: object, lang: str) -> object:
    if isinstance(node, list):
        return [_swapped(item, lang) for item in node]
    if not isinstance(node, dict):
        return node
    translations = {key(text, other) for text in TEXTS for other in TRANSLATED}
    swapped = {k: _swapped(v, lang) for k, v in node.items() if k not in translations}
    for text in TEXTS:
        if isinstance(node.get(text), str):
            swapped[text] = node[key(text, lang)]
    return swapped


def _entries(node: object, where: tuple[str, ...]):
    """Every object of the codebook with where it sits (its section, field and value)."""
    if isinstance(node, list):
        for item in node:
            yield from _entries(item, where)
    elif isinstance(node, dict):
        names = [f"{kind} {node[k]!r}" for k, kind in NAMES if isinstance(node.get(k), str)]
        here = (*where, *names[:1])
        yield here, node
        for name, child in node.items():
            if name != "rules":  # a level's or a category's rules hold codes, never texts
                yield from _entries(child, here)


def _name(where: tuple[str, ...]) -> str:
    return ", ".join(where) if where else "the codebook"
