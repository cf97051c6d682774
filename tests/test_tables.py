"""The data loader rejects every broken file with a DataError that says where and why."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.data import package, tables
from briefing.errors import DataError

BROKEN = Path(__file__).parent / "fixtures" / "broken"
VALID = BROKEN / "valid.csv"
FIELDS = [spec["name"] for spec in package.table("restrictions").schema()["fields"]]
# What a load returns: the English columns, the Japanese ones being read with lang="ja".
TRANSLATED = set(package.table("restrictions").translations["ja"].values())
LOADED = [name for name in FIELDS if name not in TRANSLATED]

# Few examples, no deadline: each example runs a full frictionless validation.
PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def load(path: Path) -> pd.DataFrame:
    return tables.load("restrictions", path=path)


def load_rejected(name: str) -> DataError:
    path = BROKEN / name
    with pytest.raises(DataError) as caught:
        load(path)
    error = caught.value
    assert error.path == path
    assert str(path) in str(error)
    return error


# --- a valid file ---------------------------------------------------------------------


def test_valid_fixture_loads_with_typed_columns():
    frame = load(VALID)
    assert list(frame.columns) == LOADED
    assert len(frame) == 3
    for column in ("announced", "effective", "source_date"):
        assert pd.api.types.is_datetime64_dtype(frame[column]), column
    assert frame["binding"].dtype == "boolean"
    assert frame["binding"].tolist() == [True, False, False]  # trueValues "yes", falseValues "no"
    assert frame.loc[0, "announced"] == pd.Timestamp("2001-02-03")
    assert pd.isna(frame.loc[1, "effective"])  # an optional empty date is missing, not an error
    assert frame.loc[1, "notes"] == "Fixture note, with a comma"
    assert pd.isna(frame.loc[0, "notes"])
    assert frame["id"].dtype == "string"


# --- one problem per file -------------------------------------------------------------

CELL_PROBLEMS = [
    # file, row, field, value, words the rule must contain
    ("bad_date.csv", 3, "announced", "2001-02-30", "type date"),
    ("unknown_level.csv", 3, "level", "total_ban", "enum"),
    ("bad_jurisdiction.csv", 3, "jurisdiction", "zz", "pattern"),
    ("unknown_jurisdiction.csv", 2, "jurisdiction", "ZZ", "enum"),
    ("duplicate_id.csv", 3, "id", "ZZ-2001-01", "unique"),
    ("missing_source_url.csv", 3, "source_url", None, "required"),
    ("javascript_url.csv", 3, "source_url", "javascript:alert(1)//https://example.org/", "pattern"),
    # The codebook's level rules (data/codebook.json), checked after the schema.
    ("codebook_ban_without_vendors.csv", 2, "vendors", None, "vendor_ban names vendors"),
    ("codebook_binding_mismatch.csv", 3, "binding", "yes", "nonbinding is not binding"),
]


@pytest.mark.parametrize(("name", "row", "field", "value", "rule"), CELL_PROBLEMS)
def test_bad_cell_is_located(name, row, field, value, rule):
    error = load_rejected(name)
    assert (error.row, error.field, error.value) == (row, field, value)
    assert rule in error.rule
    assert f"row {row}" in str(error) and f"field '{field}'" in str(error)
    if value is not None:
        assert repr(value) in str(error)


def test_a_codebook_problem_names_the_codebook():
    error = load_rejected("codebook_ban_without_vendors.csv")
    assert "breaks the codebook" in str(error) and "codebook.json" in error.rule


def test_missing_required_value_says_required():
    error = load_rejected("missing_source_url.csv")
    assert 'constraint "required"' in str(error)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("wrong_header.csv", ["missing ['jurisdiction']", "unknown ['country']"]),
        ("missing_column.csv", ["missing ['notes']"]),
        ("extra_column.csv", ["unknown ['comment']"]),
    ],
)
def test_bad_header_is_reported_on_row_1(name, words):
    error = load_rejected(name)
    assert (error.row, error.field, error.rule) == (1, None, "header")
    for word in words:
        assert word in str(error)
    assert ",".join(FIELDS) in str(error)  # says what the header should be


def test_byte_order_mark():
    error = load_rejected("bom.csv")
    assert error.row == 1
    assert "byte-order mark" in str(error)


def test_latin1_bytes_are_not_utf8():
    error = load_rejected("latin1.csv")
    assert error.row == 3  # the line holding the bad byte
    assert "not valid UTF-8" in str(error)
    assert error.value.startswith(b"\xfc")  # the latin-1 "ü"


def test_empty_file():
    error = load_rejected("empty.csv")
    assert error.row is None
    assert "empty" in str(error)


def test_missing_file():
    with pytest.raises(DataError, match="file not found"):
        load(BROKEN / "no_such_file.csv")


# --- defects found by the random-edit tests, kept as regressions ----------------------


def test_header_name_with_padding_is_a_data_error():
    error = load_rejected("header_padded.csv")
    assert error.row == 1


def test_unclosed_quote_is_a_data_error():
    load_rejected("unclosed_quote.csv")


def test_pattern_rejects_a_value_with_a_trailing_newline():
    error = load_rejected("id_trailing_newline.csv")
    assert (error.row, error.field) == (3, "id")


def test_short_row_reports_no_value():
    error = load_rejected("short_row.csv")
    assert error.row == 3
    assert error.value is None


# --- the data package's declarations -------------------------------------------------


def briefing(resource: dict) -> dict:
    return resource["briefing"]


def sources(resource: dict) -> dict:
    return resource["briefing"]["sources"]


PACKAGE_PROBLEMS = [
    # what is changed in the first resource (restrictions), the field named, words said
    (lambda r: r.pop("briefing"), "briefing", "'briefing' is a required property"),
    (lambda r: r.pop("path"), "path", "'path' is a required property"),
    (lambda r: briefing(r).pop("as_of"), "briefing.as_of", "'as_of' is a required property"),
    (
        lambda r: briefing(r)["as_of"].update(period="week"),
        "briefing.as_of.period",
        "'week' is not one of ['day', 'year']",
    ),
    (lambda r: sources(r).pop("url"), "briefing.sources.url", "'url' is a required property"),
    (lambda r: sources(r).update(author="x"), "briefing.sources", "'author' was unexpected"),
    (lambda r: sources(r).update(kind="kind"), "briefing.sources.kind", "'source_kind'"),
    (lambda r: briefing(r).update({"starts-data": True}), "briefing", "'starts-data'"),
    (lambda r: briefing(r).update(starts_data="yes"), "briefing.starts_data", "'boolean'"),
    # what a schema cannot see: the table's own schema, its columns, the files named
    (lambda r: r.update(schema="schemas/none.json"), "schema", "missing or unreadable"),
    (
        lambda r: briefing(r)["as_of"].update(column="when"),
        "briefing.as_of.column",
        "date column 'when' is not in its schema",
    ),
    (
        lambda r: briefing(r)["as_of"].update(period="year"),
        "briefing.as_of.column",
        "must be of type integer for period year",
    ),
    (
        lambda r: sources(r).update(url="link"),
        "briefing.sources.url",
        "source url column 'link' is not in its schema",
    ),
    (lambda r: briefing(r).update(codebook="none.json"), "briefing.codebook", "does not exist"),
    (lambda r: briefing(r).update(item="{country}"), "briefing.item", "names columns not in"),
    (lambda r: briefing(r).update(item="{jurisdiction"), "briefing.item", "names columns not in"),
    (
        lambda r: briefing(r)["as_of"].update(known_from={"notes": ["coding_note"]}),
        "briefing.as_of.known_from.notes",
        "'notes' is not a date column of its schema",
    ),
    (
        lambda r: briefing(r)["as_of"].update(known_from={"effective": ["answers"]}),
        "briefing.as_of.known_from.effective",
        "column 'answers' is not in its schema",
    ),
    (
        lambda r: briefing(r)["as_of"].update(known_from={"effective": []}),
        "briefing.as_of.known_from.effective",
        "should be non-empty",
    ),
]


@pytest.mark.parametrize(("change", "field", "words"), PACKAGE_PROBLEMS)
def test_a_bad_declaration_names_the_package_the_table_and_the_field(
    tmp_path, change, field, words
):
    from briefing import paths

    shutil.copytree(paths.DATA / "schemas", tmp_path / "schemas")
    shutil.copy(paths.DATA / "codebook.json", tmp_path)
    descriptor = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    change(descriptor["resources"][0])
    datapackage = tmp_path / "datapackage.json"
    datapackage.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        package.tables(datapackage)
    error = caught.value
    assert (error.path, error.row, error.field) == (datapackage.resolve(), 1, field)
    assert str(datapackage.resolve()) in str(error) and f"field '{field}'" in str(error)
    assert "table 'restrictions': " in str(error) and words in str(error)


def test_a_resource_without_a_name_is_named_by_its_place(tmp_path):
    datapackage = tmp_path / "datapackage.json"
    datapackage.write_text(json.dumps({"resources": [{"path": "x.csv"}]}), encoding="utf-8")
    with pytest.raises(DataError, match="row 1, field 'name': resource 1: 'name' is a required"):
        package.tables(datapackage)


def test_the_resource_schema_is_a_json_schema_the_real_package_meets():
    from jsonschema import Draft202012Validator

    schema = json.loads(package.RESOURCE_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    # Every declared table is here, but a local one that was not made on this machine.
    resources = json.loads(package.paths.DATAPACKAGE.read_text())["resources"]
    here = [r for r in resources if (package.paths.DATA / r["path"]).is_file()]
    assert [t.name for t in package.tables()] == [r["name"] for r in here]


# --- anything at all: a DataFrame or a DataError, never another exception -------------


def load_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "restrictions.csv"
        path.write_bytes(data)
        try:
            frame = load(path)
        except DataError as error:
            assert error.path == path
        else:
            assert list(frame.columns) == LOADED


@PROPERTY_SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_load_or_raise_data_error(data):
    load_bytes(data)


VALID_LINES = VALID.read_text(encoding="utf-8").splitlines()
CELL = st.one_of(
    st.sampled_from(sorted({cell for line in VALID_LINES[1:] for cell in line.split(",")})),
    st.text(alphabet=st.sampled_from('aZ9-:/ ,"\n\r;\t\u00e9\u2028'), max_size=12),
)


@PROPERTY_SETTINGS
@given(
    header=st.sampled_from([VALID_LINES[0], ",".join(reversed(FIELDS)), VALID_LINES[0] + ",x"]),
    rows=st.lists(st.lists(CELL, min_size=len(FIELDS) - 1, max_size=len(FIELDS) + 1), max_size=4),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_random_csv_text_loads_or_raises_data_error(header, rows, newline):
    text = newline.join([header] + [",".join(row) for row in rows])
    load_bytes(text.encode("utf-8"))


@PROPERTY_SETTINGS
@given(st.data())
def test_small_edits_of_a_valid_file_load_or_raise_data_error(data):
    raw = bytearray(VALID.read_bytes())
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        chunk = data.draw(
            st.sampled_from([b",", b"\n", b"\r", b"\x00", b"-", b"9", b";", b'"', b" "])
            | st.binary(max_size=2)
        )
        if data.draw(st.booleans(), label="insert"):
            raw[at:at] = chunk
        else:
            raw[at : at + len(chunk) + 1] = chunk
    load_bytes(bytes(raw))


def test_a_table_the_build_validated_is_not_validated_again_until_its_bytes_change(
    tmp_path, monkeypatch
):
    from briefing import params, paths
    from briefing.data import check as datacheck
    from briefing.data import csv_file, validated

    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    reports = tmp_path / "reports"
    datacheck.check(
        params.parse("2026-11-01"), reports=reports, datapackage=data / "datapackage.json"
    )
    monkeypatch.setattr(validated, "is_validated", partial(validated.is_validated, reports=reports))
    calls = []
    monkeypatch.setattr(csv_file, "validate", lambda *args: calls.append(args))
    tables.load("milestones", datapackage=data / "datapackage.json")
    assert calls == []
    milestones = data / "curated" / "milestones.csv"
    milestones.write_text(milestones.read_text() + "\n")
    tables.load("milestones", datapackage=data / "datapackage.json")
    assert len(calls) == 1


def test_within_a_process_the_same_bytes_are_checked_once_and_a_failure_every_time(
    tmp_path, monkeypatch
):
    import frictionless

    from briefing import paths
    from briefing.data import csv_file, validated

    # As in a fresh process with no build's record (a built project has one): nothing has
    # passed yet.
    monkeypatch.setattr(validated, "_PASSED", set())
    monkeypatch.setattr(
        validated, "is_validated", partial(validated.is_validated, reports=tmp_path / "reports")
    )
    csv_file._validated.cache_clear()
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    datapackage = data / "datapackage.json"
    checked = []
    validate = frictionless.Resource.validate
    monkeypatch.setattr(
        frictionless.Resource,
        "validate",
        lambda self, *a, **k: checked.append(self.path) or validate(self, *a, **k),
    )
    for _ in range(3):
        tables.load("milestones", datapackage=datapackage)
    assert checked == ["milestones.csv"]
    milestones = data / "curated" / "milestones.csv"
    good = milestones.read_text()
    # Changed bytes are checked again; bytes that fail raise at every load, never kept.
    header, rows = good.split("\n", 1)
    milestones.write_text(header + "\n" + re.sub(r"\b(\d{4})-\d{2}-", r"\1-13-", rows, count=1))
    for _ in range(2):
        with pytest.raises(DataError, match="milestones.csv"):
            tables.load("milestones", datapackage=datapackage)
    assert len(checked) == 3
    milestones.write_text(good)
    tables.load("milestones", datapackage=datapackage)
    assert len(checked) == 3  # the first bytes passed in this process already


def test_the_jurisdiction_vocabulary_is_iso_3166_and_the_eu():
    import json

    import pycountry

    from briefing import paths

    expected = sorted({c.alpha_2 for c in pycountry.countries} | {"EU"})
    for name in ("restrictions", "milestones"):
        schema = json.loads((paths.DATA / "schemas" / f"{name}.json").read_text())
        field = next(f for f in schema["fields"] if f["name"] == "jurisdiction")
        assert field["constraints"]["enum"] == expected, name


# --- an edition cites only what was published by its date ----------------------------


def sourced(rows: list[dict], table: str = "restrictions") -> pd.DataFrame:
    """Rows of ``table`` (its first rows, re-dated and re-sourced as ``rows`` say)."""
    frame = tables.load(table).head(len(rows)).copy()
    for index, row in enumerate(rows):
        for column, value in row.items():
            frame.loc[index, column] = pd.NA if value is None else value
    for column in frame.columns:
        if column.endswith("date") or column == "announced":
            frame[column] = pd.to_datetime(frame[column])
    return frame


NO_SECOND = dict.fromkeys(
    ["second_source_url", "second_source_publisher", "second_source_title"]
    + ["second_source_date", "second_source_kind"]
)
DAY = pd.Timestamp("2020-06-30").date()


def test_a_row_whose_only_source_is_later_is_left_out_of_the_edition():
    frame = sourced(
        [
            {"announced": "2020-01-10", "source_date": "2020-01-10", **NO_SECOND},
            {"announced": "2020-01-11", "source_date": "2020-07-01", **NO_SECOND},
            {"announced": "2020-01-12", "source_date": "2020-06-30", **NO_SECOND},
        ]
    )
    kept = tables.cut(frame, "restrictions", DAY)
    # the second row happened before the edition, but nothing said so until the day after
    assert kept["id"].tolist() == [frame.at[0, "id"], frame.at[2, "id"]]


def test_a_row_with_a_later_main_source_and_an_earlier_second_cites_the_second():
    second = {
        "second_source_url": "https://example.org/early",
        "second_source_publisher": "Early News",
        "second_source_title": "Early report",
        "second_source_date": "2020-02-01",
        "second_source_kind": "news",
    }
    frame = sourced(
        [
            {"announced": "2020-01-10", "source_date": "2021-03-04", **second},
            {"announced": "2020-01-11", "source_date": "2020-01-11", **second},
            {
                "announced": "2020-01-12",
                "source_date": "2021-03-04",
                **second,
                "second_source_date": "2020-07-02",
            },
        ]
    )
    main = frame.loc[0, ["source_url", "source_publisher", "source_title", "source_kind"]]
    kept = tables.cut(frame, "restrictions", DAY)
    assert kept["id"].tolist() == frame["id"].head(2).tolist()  # the third: both later
    swapped = kept.iloc[0]
    assert swapped["source_url"] == "https://example.org/early"
    assert swapped["source_publisher"] == "Early News"
    assert swapped["source_title"] == "Early report"
    assert swapped["source_date"] == pd.Timestamp("2020-02-01")
    assert swapped["source_kind"] == "news"
    # the later main source is not cited at all: it would be the second, but it is later
    assert pd.isna(swapped["second_source_url"]) and pd.isna(swapped["second_source_date"])
    assert pd.isna(swapped["second_source_publisher"]) and pd.isna(swapped["second_source_kind"])
    assert main["source_url"] not in set(kept["second_source_url"].dropna())
    # a row whose main source is already early keeps its sources as they are
    assert kept.iloc[1]["source_url"] == frame.at[1, "source_url"]
    assert kept.iloc[1]["second_source_url"] == "https://example.org/early"
    # and the frame given is left as it was
    assert frame.at[0, "source_date"] == pd.Timestamp("2021-03-04")


def test_a_second_source_published_after_the_edition_is_not_cited():
    frame = sourced(
        [
            {
                "announced": "2020-01-10",
                "source_date": "2020-01-10",
                "second_source_url": "https://example.org/late",
                "second_source_publisher": "Late News",
                "second_source_title": "Late report",
                "second_source_date": "2020-09-23",
                "second_source_kind": "news",
            }
        ]
    )
    kept = tables.cut(frame, "restrictions", DAY)
    assert kept.at[0, "source_url"] == frame.at[0, "source_url"]
    second = [c for c in kept.columns if c.startswith("second_source_")]
    assert kept.loc[0, second].isna().all()
    later = tables.cut(frame, "restrictions", pd.Timestamp("2020-09-23").date())
    assert later.at[0, "second_source_url"] == "https://example.org/late"


def test_a_link_known_only_from_a_later_source_is_left_empty():
    frame = tables.load("china_measures")
    linked = frame[frame["answers_source_date"].notna()].iloc[0]
    day = linked["answers_source_date"] - pd.Timedelta(days=1)
    if linked["date"] > day or linked["source_date"] > day:
        frame.loc[linked.name, ["date", "source_date"]] = day
    kept = tables.cut(frame, "china_measures", day.date()).set_index("id")
    row = kept.loc[linked["id"]]
    for column in ("answers", "answers_source_url", "answers_source_publisher"):
        assert pd.isna(row[column]), column
    assert pd.isna(row["answers_source_date"])
    # the day the link was published, it is there
    on_the_day = tables.cut(frame, "china_measures", linked["answers_source_date"].date())
    assert on_the_day.set_index("id").loc[linked["id"], "answers"] == linked["answers"]
