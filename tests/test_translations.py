"""The data's own words in Japanese: declared once per table, filled wherever the English is."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from briefing import paths
from briefing.data import package, tables
from briefing.errors import DataError

DESCRIPTOR = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
# (table, English column, Japanese column), read from the descriptor itself, not the loader.
DECLARED = [
    (resource["name"], original, translated)
    for resource in DESCRIPTOR["resources"]
    for original, translated in resource["briefing"].get("translations", {}).get("ja", {}).items()
]
# Declared before any row has English in them: a note only some future row needs (a pair whose
# follower came first). The declaration makes the load require its Japanese once one is written.
AHEAD = {("lag_pairs", "negative_lag_note")}
JAPANESE_SCRIPT = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff]")
# An English month, abbreviated or not: a Japanese text writes its days as 2025年9月29日.
MONTHS = "|".join(
    f"{name[:3]}({name[3:]})?"
    for name in ("January", "February", "March", "April", "May", "June", "July", "August")
    + ("September", "October", "November", "December")
)


def curated(table: str) -> pd.DataFrame:
    path = paths.DATA / "curated" / f"{table}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def pairs(table: str, original: str, translated: str) -> list[tuple[int, str, str]]:
    """(CSV row, English, Japanese) of every row whose English text is filled."""
    frame = curated(table)
    return [
        (index + 2, en, ja)
        for index, (en, ja) in enumerate(zip(frame[original], frame[translated]))
        if en.strip()
    ]


def numbers(text: str) -> set[int]:
    """The numbers a text states. A written day such as "7 Oct 2022" or "2022-10-07" keeps its
    day and year as numbers, which the Japanese "2022年10月7日" states too; 07 and 7 are one."""
    return {int(run) for run in re.findall(r"\d+", text)}


def test_the_tables_readers_see_declare_their_japanese_columns():
    declared = {(table, original) for table, original, _ in DECLARED}
    # The free-text columns the chapters and the summary show, each table's at least one.
    assert {
        ("deadlines", "what"),
        ("lag_pairs", "justification"),
        ("lag_pairs", "negative_lag_note"),
        ("restrictions", "notes"),
        ("entity_list_rules", "notes"),
        ("restrictions", "description"),
        ("restrictions", "coding_note"),
        ("milestones", "title"),
        ("milestones", "description"),
        ("china_measures", "title"),
        ("china_measures", "targets"),
        ("entity_list_rules", "title"),
        ("semiconductor_self_sufficiency", "measure"),
        ("semiconductor_self_sufficiency", "basis"),
    } <= declared
    assert all(translated == f"{original}_ja" for _, original, translated in DECLARED)


@pytest.mark.parametrize(("table", "original", "translated"), DECLARED)
def test_each_japanese_column_sits_beside_its_english_and_its_schema_declares_it(
    table, original, translated
):
    with (paths.DATA / "curated" / f"{table}.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header.index(translated) == header.index(original) + 1
    fields = {f["name"]: f for f in package.table(table).schema()["fields"]}
    assert fields[translated]["type"] == "string"


@pytest.mark.parametrize(("table", "original", "translated"), DECLARED)
def test_every_japanese_text_is_there_in_japanese_with_the_english_numbers(
    table, original, translated
):
    rows = pairs(table, original, translated)
    # A column declared ahead is empty: once a row fills it, it leaves AHEAD and this checks it.
    assert bool(rows) != ((table, original) in AHEAD), (
        f"{table}.{original}: move it in or out of AHEAD"
    )
    untranslated = [row for row, _, ja in rows if not ja.strip()]
    assert not untranslated, f"{table}: rows {untranslated} have no {translated}"
    not_japanese = [row for row, _, ja in rows if not JAPANESE_SCRIPT.search(ja)]
    assert not not_japanese, f"{table}: rows {not_japanese} are not in Japanese script"
    lost = {row: numbers(en) - numbers(ja) for row, en, ja in rows if numbers(en) - numbers(ja)}
    assert not lost, f"{table}.{translated}: numbers of the English missing: {lost}"
    english_days = [row for row, _, ja in rows if re.search(rf"\b({MONTHS})\b", ja)]
    assert not english_days, f"{table}.{translated}: rows {english_days} date in English"


@pytest.mark.parametrize(("table", "original", "translated"), DECLARED)
def test_no_japanese_text_where_there_is_no_english(table, original, translated):
    frame = curated(table)
    stray = frame.index[(frame[original].str.strip() == "") & (frame[translated] != "")]
    assert list(stray + 2) == []


@pytest.mark.parametrize(("table", "original", "translated"), DECLARED)
def test_a_missing_japanese_text_is_a_data_error_naming_file_row_and_field(
    tmp_path, table, original, translated
):
    frame = curated(table)
    if (table, original) in AHEAD:
        frame.loc[0, original] = "An English text with no Japanese beside it."
        filled = frame.index[:1]
    else:
        filled = frame.index[frame[original].str.strip() != ""]
    emptied = filled[len(filled) // 2]
    frame.loc[emptied, translated] = ""
    path = tmp_path / f"{table}.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        tables.load(table, path=path)
    error = caught.value
    assert (error.path, error.row, error.field) == (path, emptied + 2, translated)
    assert f"{original} has no ja translation" in str(error)


def package_copy(tmp_path: Path, change) -> Path:
    """A copy of the data package (its schemas and codebook) with ``change`` made to it."""
    shutil.copytree(paths.DATA / "schemas", tmp_path / "schemas")
    shutil.copy(paths.DATA / "codebook.json", tmp_path)
    descriptor = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    change(descriptor, tmp_path)
    datapackage = tmp_path / "datapackage.json"
    datapackage.write_text(json.dumps(descriptor), encoding="utf-8")
    return datapackage


def declare(name: str, translations: dict):
    def change(descriptor: dict, _) -> None:
        resource = next(r for r in descriptor["resources"] if r["name"] == name)
        resource["briefing"]["translations"] = translations

    return change


@pytest.mark.parametrize(
    ("translations", "field", "words"),
    [
        ({"ja": {"what": "what_fr"}}, "briefing.translations.ja.what", "'what_fr' is not"),
        ({"ja": {"deadline": "what_ja"}}, "briefing.translations.ja.deadline", "'deadline'"),
        ({"japanese": {"what": "what_ja"}}, "briefing.translations", "does not match"),
        ({"ja": {}}, "briefing.translations.ja", "should be non-empty"),
    ],
)
def test_a_bad_translations_declaration_names_the_package_the_table_and_the_field(
    tmp_path, translations, field, words
):
    datapackage = package_copy(tmp_path, declare("deadlines", translations))
    with pytest.raises(DataError) as caught:
        package.tables(datapackage)
    error = caught.value
    assert (error.path, error.field) == (datapackage.resolve(), field)
    assert "table 'deadlines': " in str(error) and words in str(error)


def test_a_translation_is_known_from_the_same_source_as_its_english(tmp_path):
    def translate_answers(descriptor: dict, base) -> None:
        schema = base / "schemas" / "china_measures.json"
        spec = json.loads(schema.read_text(encoding="utf-8"))
        at = [f["name"] for f in spec["fields"]].index("answers") + 1
        spec["fields"].insert(at, {"name": "answers_ja", "type": "string"})
        schema.write_text(json.dumps(spec), encoding="utf-8")
        declare("china_measures", {"ja": {"answers": "answers_ja"}})(descriptor, base)

    declared = package.table("china_measures", package_copy(tmp_path, translate_answers))
    plain = package.table("china_measures")
    for date_column, columns in plain.known_from.items():
        translated = ("answers_ja",) if "answers" in columns else ()
        assert declared.known_from[date_column] == columns + translated


@pytest.mark.parametrize("table", sorted({table for table, _, _ in DECLARED}))
def test_a_load_reads_the_english_or_with_lang_the_japanese_in_the_same_columns(table):
    translated = {o: t for name, o, t in DECLARED if name == table}
    english, japanese = tables.load(table), tables.load(table, lang="ja")
    raw = curated(table)
    # The same columns either way, none of them a translation's own: what reads the English
    # (every chapter) reads the Japanese unchanged, and the English edition sees no new column.
    assert list(english.columns) == list(japanese.columns)
    assert not set(translated.values()) & set(english.columns)
    assert len(english) == len(japanese) == len(raw)
    for original, column in translated.items():
        assert english[original].fillna("").tolist() == raw[original].tolist()
        assert japanese[original].fillna("").tolist() == raw[column].tolist()
    untouched = [c for c in english.columns if c not in translated]
    pd.testing.assert_frame_equal(english[untouched], japanese[untouched])


def test_a_language_a_table_does_not_declare_is_a_data_error():
    with pytest.raises(DataError, match="no 'fr' translation is declared for restrictions"):
        tables.load("restrictions", lang="fr")
    # A table with no text to translate reads the same in any language.
    counts = tables.load("entity_list_by_year")
    pd.testing.assert_frame_equal(tables.load("entity_list_by_year", lang="ja"), counts)


def test_an_edition_cut_reads_in_japanese_the_rows_it_keeps():
    day = pd.Timestamp("2020-12-31").date()
    english = tables.load("milestones", as_of=day)
    japanese = tables.load("milestones", as_of=day, lang="ja")
    assert 0 < len(japanese) == len(english) < len(curated("milestones"))
    by_id = dict(zip(curated("milestones")["id"], curated("milestones")["title_ja"]))
    assert japanese["title"].tolist() == [by_id[i] for i in english["id"]]


def test_english_is_the_data_as_written():
    from briefing.data import tables

    assert tables.load("restrictions", lang="en").equals(tables.load("restrictions"))


def test_every_table_has_its_title_in_japanese(tmp_path):
    import json
    import shutil

    from briefing.data import package

    tables = package.tables()
    assert all(table.shown_title("ja") != table.title for table in tables)
    # A table without one is refused, by name.
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA, copy)
    declared = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    del declared["resources"][0]["briefing"]["titles"]
    (copy / "datapackage.json").write_text(json.dumps(declared), encoding="utf-8")
    with pytest.raises(DataError, match="has no ja title"):
        package.tables(copy / "datapackage.json")
