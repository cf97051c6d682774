"""The message catalogs: every message the package and the notebooks say has its translation.

The messages are extracted as `make messages` extracts them (babel.cfg); a new English string
without a Japanese one, or with a translation a translator has not confirmed (fuzzy), fails.
"""

from __future__ import annotations

import datetime as dt

import pytest
from babel.messages import extract, frontend, pofile

from briefing import countries, paths, translation

MAPPING = paths.ROOT / "babel.cfg"
SOURCES = (paths.PACKAGE, paths.ROOT / "notebooks")


def extracted() -> dict[str, str]:
    """Every message of the package and notebooks, with where it was found."""
    with MAPPING.open(encoding="utf-8") as config:
        method_map, options_map = frontend.parse_mapping_cfg(config)
    found: dict[str, str] = {}
    keywords = {**extract.DEFAULT_KEYWORDS, "N_": None}
    for folder in SOURCES:
        for filename, lineno, message, _comments, _context in extract.extract_from_dir(
            folder, method_map, options_map, keywords=keywords
        ):
            ids = message if isinstance(message, tuple) else (message,)
            for text in ids:
                if text:
                    found.setdefault(text, f"{folder.name}/{filename}:{lineno}")
    return found


def catalog(lang: str):
    with translation.catalog_path(lang).open("rb") as po:
        return pofile.read_po(po, locale=lang)


@pytest.mark.parametrize("lang", [lang for lang in translation.LANGUAGES if lang != "en"])
def test_every_message_has_a_confirmed_translation(lang):
    messages = extracted()
    assert len(messages) > 40  # the notebooks' captions alone are more
    entries = {}
    for message in catalog(lang):
        if message.id:
            for text in message.id if isinstance(message.id, tuple) else (message.id,):
                entries[text] = message
    missing = {
        text: where
        for text, where in messages.items()
        if text not in entries
        or entries[text].fuzzy
        or not all(
            entries[text].string
            if isinstance(entries[text].string, tuple)
            else [entries[text].string]
        )
    }
    assert not missing, (
        f"{len(missing)} message(s) without a confirmed {lang} translation "
        f"(run `make messages`, then translate {translation.catalog_path(lang)}):\n"
        + "\n".join(f"  {where}: {text!r}" for text, where in sorted(missing.items())[:40])
    )


def test_a_message_is_said_in_the_current_language():
    translation.use("ja")
    try:
        assert translation.date(dt.date(2026, 12, 6)) == "2026年12月6日"
        assert countries.shown("JP") == "日本"
    finally:
        translation.use("en")
    assert translation.date(dt.date(2026, 12, 6)) == "6 December 2026"
    assert countries.shown("JP") == "Japan"


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(translation.LanguageError, match="'fr' is not one of en, ja"):
        translation.use("fr")
