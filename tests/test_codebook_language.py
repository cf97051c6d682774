"""The codebook in Japanese: every text a reader sees kept beside its English, checked on load."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing import paths
from briefing.data import codebook
from briefing.errors import DataError

CODEBOOK = paths.DATA / "codebook.json"
# The keys holding prose, as this test reads the file (not the loader's own list), and those
# holding codes, names and separators, which stay as they are in every language.
PROSE = {"title", "description", "counting", "dating", "label", "short", "definition"}
CODES = {"table", "name", "code", "separator"}
JAPANESE_SCRIPT = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def raw() -> dict:
    return json.loads(CODEBOOK.read_text(encoding="utf-8"))


def entries(node: object, where: str = "") -> list[tuple[str, dict]]:
    """Every object of the codebook outside the rules, with the path of codes leading to it."""
    found = []
    if isinstance(node, list):
        for item in node:
            found += entries(item, where)
    elif isinstance(node, dict):
        name = next((node[k] for k in ("table", "name", "code") if k in node), None)
        here = f"{where}/{name}" if name else where
        found.append((here, node))
        for key, child in node.items():
            if key != "rules":
                found += entries(child, here)
    return found


TEXTS = [
    (f"{where}#{key}", entry[key], entry.get(f"{key}_ja"))
    for where, entry in entries(raw())
    for key in sorted(PROSE)
    if isinstance(entry.get(key), str)
]


def test_the_codebook_has_every_kind_of_text_to_translate():
    keys = {text.split("#")[1] for text, _, _ in TEXTS}
    assert keys == PROSE
    assert len(TEXTS) > 250  # labels, short labels and definitions of every value, and more


def test_every_string_of_the_codebook_is_a_code_a_text_or_a_texts_translation():
    # A new prose key would be neither: it would have to be declared a text and translated.
    for where, entry in entries(raw()):
        for key, value in entry.items():
            if isinstance(value, str):
                assert key in CODES | PROSE | {f"{text}_ja" for text in PROSE}, (where, key)


@pytest.mark.parametrize(("text", "english", "japanese"), TEXTS, ids=[t[0] for t in TEXTS])
def test_every_english_text_has_its_japanese_one(text, english, japanese):
    assert english.strip()
    assert japanese and japanese.strip(), f"{text} has no Japanese"
    if LATIN_WORD.search(english):  # a word, not a name such as "ZTE", the same in any language
        assert JAPANESE_SCRIPT.search(japanese), f"{text} is not in Japanese script"
    # The code names a text quotes, and the numbers it states, are the same in Japanese.
    assert re.findall(r"`[^`]+`", japanese) == re.findall(r"`[^`]+`", english)
    assert set(re.findall(r"\d+", english)) <= set(re.findall(r"\d+", japanese))


def test_no_japanese_text_without_its_english():
    for where, entry in entries(raw()):
        for key in entry:
            if key.endswith("_ja"):
                assert isinstance(entry.get(key.removesuffix("_ja")), str), (where, key)


def test_the_terms_are_the_same_wherever_a_code_recurs():
    # A code with the same English label in several sections reads the same in Japanese.
    seen: dict[tuple[str, str, str], set[str]] = {}
    for where, entry in entries(raw()):
        if "code" in entry and "/" in where:
            field = where.rsplit("/", 2)[-2]
            seen.setdefault((field, entry["code"], entry["label"]), set()).add(entry["label_ja"])
    assert seen
    assert {key: labels for key, labels in seen.items() if len(labels) > 1} == {}


def broken(tmp_path: Path, change) -> Path:
    spec = raw()
    change(spec)
    path = tmp_path / "codebook.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


def china_kind(spec: dict) -> dict:
    china = next(s for s in spec["tables"] if s["table"] == "china_measures")
    kinds = next(f for f in china["fields"] if f["name"] == "kind")
    return next(v for v in kinds["values"] if v["code"] == "export_control")


@pytest.mark.parametrize(
    ("change", "entry", "key"),
    [
        (lambda s: s.pop("counting_ja"), "section 'restrictions'", "counting_ja"),
        (
            lambda s: s["fields"][0]["values"][2].pop("label_ja"),
            "section 'restrictions', field 'level', value 'power_to_exclude'",
            "label_ja",
        ),
        (
            lambda s: s["categories"]["values"][0].update(short_ja="  "),
            "section 'restrictions', field 'category', value 'nationwide_ban'",
            "short_ja",
        ),
        (
            lambda s: china_kind(s).pop("definition_ja"),
            "section 'china_measures', field 'kind', value 'export_control'",
            "definition_ja",
        ),
    ],
)
def test_a_missing_japanese_text_is_a_data_error_naming_file_entry_and_key(
    tmp_path, change, entry, key
):
    path = broken(tmp_path, change)
    for lang in ("en", "ja"):  # refused whatever language is asked for
        with pytest.raises(DataError) as caught:
            codebook.load(path, lang=lang)
        message = str(caught.value)
        assert caught.value.path == path.resolve() and str(path.resolve()) in message
        assert entry in message and f"'{key}'" in message, message


def test_a_missing_translation_in_another_section_is_refused_when_loading_any(tmp_path):
    # The file is checked whole: China's measures' section, loaded for the restrictions.
    path = broken(tmp_path, lambda s: china_kind(s).pop("label_ja"))
    with pytest.raises(DataError, match="value 'export_control' has no ja translation"):
        codebook.load(path)


def test_the_japanese_codebook_has_the_same_codes_and_rules_in_japanese_words():
    english, japanese = codebook.load(), codebook.load(lang="ja")
    assert (english.lang, japanese.lang) == ("en", "ja")
    spec = raw()
    levels = spec["fields"][0]
    assert japanese.levels.labels() == {v["code"]: v["label_ja"] for v in levels["values"]}
    assert english.levels.labels() == {v["code"]: v["label"] for v in levels["values"]}
    assert japanese.levels.labels()["vendor_ban"] == "ベンダーを名指しする禁止"
    assert japanese.counting == spec["counting_ja"] and english.counting == spec["counting"]
    for mine, theirs in zip(japanese.fields, english.fields, strict=True):
        assert mine.name == theirs.name and mine.codes() == theirs.codes()
        assert mine.schema_enum() == theirs.schema_enum()
        for value, source in zip(mine.values, theirs.values, strict=True):
            assert (value.rules, value.binding, value.counted, value.official) == (
                source.rules,
                source.binding,
                source.counted,
                source.official,
            )
            assert JAPANESE_SCRIPT.search(value.definition), (mine.name, value.code)
            assert bool(value.short) == bool(source.short)
    assert japanese.binding_levels() == english.binding_levels()
    assert japanese.counted_statuses() == english.counted_statuses()
    assert japanese.confidence_cap("state_media") == english.confidence_cap("state_media")
    assert [v.rules for v in japanese.categories.values] == [
        v.rules for v in english.categories.values
    ]
    assert japanese.categories.labels()["declined"] == "検討の上、見送り"


def test_each_section_reads_in_japanese_and_shares_the_kinds_of_source():
    for table in codebook.tables():
        english = codebook.load(table=table)
        japanese = codebook.load(table=table, lang="ja")
        assert JAPANESE_SCRIPT.search(japanese.title) and not JAPANESE_SCRIPT.search(english.title)
        assert [f.name for f in japanese.fields] == [f.name for f in english.fields]
    china = codebook.load(table="china_measures", lang="ja")
    assert china.source_kinds.labels()["state_media"] == "国営メディア"
    assert china.field("actor").labels()["mofcom"] == "中国商務部（MOFCOM）"


def test_english_stays_english_and_each_language_is_parsed_once():
    japanese = codebook.load(lang="ja")
    assert codebook.load(lang="ja") is japanese
    assert codebook.load() is codebook.load(lang="en") is not japanese
    assert codebook.load().levels.labels()["vendor_ban"] == "Ban naming the vendor"


def test_an_unknown_language_is_a_data_error():
    with pytest.raises(DataError, match="no 'fr' translation of the codebook"):
        codebook.load(lang="fr")
