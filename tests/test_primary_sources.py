"""A row's second source: declared in the measure tables' schemas, complete or absent (a clear
error otherwise), listed in the sources appendix; and the appendix's share of rows citing an
official main source, table by table, checked against a count made here from the CSVs."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from briefing import paths
from briefing.chapters import _sources_official as official
from briefing.data import codebook, package, sources, tables
from briefing.errors import DataError

DAY = dt.date(2026, 11, 1)
MEASURE_TABLES = ["restrictions", "milestones", "china_measures", "entity_list_rules"]
SECOND = [
    "second_source_url",
    "second_source_publisher",
    "second_source_title",
    "second_source_date",
    "second_source_kind",
]


def resources() -> dict[str, dict]:
    package_json = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    return {resource["name"]: resource for resource in package_json["resources"]}


def schema_fields(name: str) -> dict[str, dict]:
    schema = json.loads((paths.DATA / resources()[name]["schema"]).read_text(encoding="utf-8"))
    return {field["name"]: field for field in schema["fields"]}


def official_codes() -> set[str]:
    """The kinds of source the codebook marks official, read from its JSON."""
    raw = json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))
    kinds = next(f for f in raw["fields"] if f["name"] == "source_kind")["values"]
    return {kind["code"] for kind in kinds if kind.get("official") is True}


# --- the columns ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MEASURE_TABLES)
def test_each_measure_table_ends_with_the_optional_second_source_columns(name):
    fields = schema_fields(name)
    assert list(fields)[-len(SECOND) :] == SECOND
    for column in SECOND:
        assert not fields[column].get("constraints", {}).get("required", False), column
    main = {column.removeprefix("second_"): fields[column] for column in SECOND}
    assert (
        fields["second_source_kind"]["constraints"]["enum"]
        == (main["source_kind"]["constraints"]["enum"])
    )
    assert fields["second_source_kind"]["constraints"]["enum"] == (
        codebook.load().source_kinds.codes()
    )
    assert (
        fields["second_source_url"]["constraints"]["pattern"]
        == (main["source_url"]["constraints"]["pattern"])
    )
    assert fields["second_source_date"]["type"] == "date"
    with (paths.DATA / resources()[name]["path"]).open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == list(fields)
    declared = package.table(name).second_source_columns
    assert declared == {role: f"second_source_{role}" for role in declared}
    assert set(declared) == {"url", "publisher", "date", "title", "kind"}


def test_official_kinds_are_the_government_and_the_regulator_in_every_section():
    assert official_codes() == {"government", "regulator"}
    assert codebook.load().official_kinds() == ["government", "regulator"]
    assert codebook.load(table="china_measures").official_kinds() == ["government", "regulator"]


# --- a second source is complete or absent ----------------------------------------------------

GOOD = {
    "second_source_url": "https://www.example.org/report",
    "second_source_publisher": "Example News",
    "second_source_title": "A report",
    "second_source_date": "2019-05-16",
    "second_source_kind": "news",
}


def with_second_source(tmp_path: Path, name: str, **cells: str) -> Path:
    """A copy of table ``name`` whose second data row cites the second source ``cells``."""
    original = paths.DATA / resources()[name]["path"]
    with original.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    rows[1].update(cells)
    changed = tmp_path / original.name
    with changed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return changed


@pytest.mark.parametrize("name", MEASURE_TABLES)
def test_a_complete_second_source_loads(tmp_path, name):
    frame = tables.load(name, path=with_second_source(tmp_path, name, **GOOD))
    assert frame.loc[1, "second_source_url"] == GOOD["second_source_url"]
    assert frame.loc[1, "second_source_date"] == pd.Timestamp("2019-05-16")
    assert frame.loc[1, "second_source_kind"] == "news"


@pytest.mark.parametrize("name", MEASURE_TABLES)
@pytest.mark.parametrize(
    "missing",
    ["second_source_url", "second_source_publisher", "second_source_date", "second_source_kind"],
)
def test_a_second_source_missing_a_part_names_the_file_the_row_and_the_field(
    tmp_path, name, missing
):
    broken = with_second_source(tmp_path, name, **{**GOOD, missing: ""})
    with pytest.raises(DataError) as caught:
        tables.load(name, path=broken)
    error = caught.value
    assert (error.path, error.row, error.field) == (broken, 3, missing)
    assert str(broken) in str(error) and "row 3" in str(error) and f"'{missing}'" in str(error)
    assert "second source" in str(error)


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ({**GOOD, "second_source_kind": "blog"}, "second_source_kind"),
        ({**GOOD, "second_source_url": "seeds/000_96defbd2b6c32daf.txt"}, "second_source_url"),
        ({**GOOD, "second_source_date": "16 May 2019"}, "second_source_date"),
    ],
)
def test_a_malformed_second_source_is_refused_by_the_schema(tmp_path, cells, field):
    broken = with_second_source(tmp_path, "restrictions", **cells)
    with pytest.raises(DataError) as caught:
        tables.load("restrictions", path=broken)
    assert (caught.value.row, caught.value.field) == (3, field)


def test_the_main_source_again_is_no_second_source(tmp_path):
    main = tables.load("restrictions").loc[1]
    broken = with_second_source(
        tmp_path, "restrictions", **{**GOOD, "second_source_url": main["source_url"]}
    )
    with pytest.raises(DataError, match="the second source is the main source again") as caught:
        tables.load("restrictions", path=broken)
    assert (caught.value.row, caught.value.field) == (3, "second_source_url")


def test_a_second_source_column_not_in_the_schema_is_a_declaration_error(tmp_path):
    shutil.copytree(paths.DATA / "schemas", tmp_path / "schemas")
    shutil.copy(paths.DATA / "codebook.json", tmp_path)
    descriptor = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    descriptor["resources"][0]["briefing"]["second_sources"]["url"] = "other_url"
    datapackage = tmp_path / "datapackage.json"
    datapackage.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        package.tables(datapackage)
    assert caught.value.field == "briefing.second_sources.url"
    assert "second source url column 'other_url' is not in its schema" in str(caught.value)


# --- the appendix -----------------------------------------------------------------------------


def test_every_second_source_is_in_the_appendix():
    listed = set(sources.cited(DAY)["source_url"])
    for name in MEASURE_TABLES:
        spec = resources()[name]["briefing"]
        frame = pd.read_csv(paths.DATA / resources()[name]["path"], dtype=str).fillna("")
        shown = frame[frame[spec["as_of"]["column"]] <= DAY.isoformat()]
        assert set(shown["second_source_url"]) - {""} <= listed, name


def independent_shares(day: dt.date) -> pd.DataFrame:
    """The share of rows citing an official main source, per table, counted with pandas from
    the CSVs, the data package and the codebook's JSON."""
    found = []
    for name, resource in resources().items():
        spec = resource["briefing"]
        if "kind" not in spec["sources"]:
            continue
        frame = pd.read_csv(paths.DATA / resource["path"], dtype=str, keep_default_na=False)
        frame = frame[frame[spec["as_of"]["column"]] <= day.isoformat()]
        # The edition's rule: a row shows where a source of it was published by its date; a
        # later main source gives way to an earlier second one, a later second source is not
        # cited (only the edition of 30 June 2020 has such rows here).
        seconds = spec.get("second_sources", {})
        main_known = frame[spec["sources"]["date"]] <= day.isoformat()
        second_date = frame[seconds["date"]] if seconds else pd.Series("", index=frame.index)
        second_known = (second_date != "") & (second_date <= day.isoformat())
        shown = main_known | second_known
        kind = frame["source_kind"].where(main_known, frame.get(seconds.get("kind"), ""))
        found.append(
            {
                "table": name,
                "rows": int(shown.sum()),
                "official": int((kind[shown]).isin(official_codes()).sum()),
                "second": int((main_known & second_known).sum()),
            }
        )
    return pd.DataFrame(found)


@pytest.mark.parametrize("day", [DAY, dt.date(2020, 6, 30)])
def test_the_appendix_counts_official_main_sources_as_the_csvs_do(day):
    shares = official.official_share(day, codebook.load())
    expected = independent_shares(day)
    pd.testing.assert_frame_equal(
        shares[["table", "rows", "official", "second"]], expected, check_dtype=False
    )
    # A table with no row in the edition has no share (NaN), not 0%.
    pd.testing.assert_series_equal(
        shares["share"], expected["official"] / expected["rows"], check_names=False
    )
    assert set(MEASURE_TABLES) <= set(shares["table"])


def test_the_summary_and_the_table_say_the_computed_shares():
    book = codebook.load()
    shares = official.official_share(DAY, book)
    rows, count = int(shares["rows"].sum()), int(shares["official"].sum())
    summary = official.official_summary(shares, book, DAY)
    assert f"{count} of the {rows} rows" in summary and f"({count / rows:.0%})" in summary
    assert "government or official body or a regulator" in summary
    shown = official.official_table(shares)
    restrictions = shown[shares["table"] == "restrictions"].iloc[0]
    frame = independent_shares(DAY).set_index("table").loc["restrictions"]
    assert restrictions["Share"] == f"{frame['official'] / frame['rows']:.0%}"
    assert restrictions["Official main source"] == f"{frame['official']} of {frame['rows']}"
    assert restrictions["Second source"] == frame["second"]
