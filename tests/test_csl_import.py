"""`briefing import-csl`: documented layouts accepted, others refused, snapshots never overwritten."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from briefing import countries
from briefing.data import provenance
from briefing.errors import DataError, SnapshotError
from briefing.hashing import sha256_bytes
from briefing.steps import import_csl as csl
from briefing.steps import snapshots

FIXTURES = Path(__file__).parent / "fixtures" / "csl"
DAY = date(2026, 3, 4)
EXPECTED = [
    ("Example Photonics Co., Ltd.", "CN", "2024-12-05", "89 FR 96836"),
    ("Sample Trading (HK) Limited", "HK", "2020-12-22", "85 FR 83420"),
    ("Demo Components LLC", "RU", "2022-03-09", "87 FR 13143"),
    ("Unplaced Institute", "", "2019-10-09", "84 FR 54004"),
]


def _console():
    return Console(file=io.StringIO(), width=120)


@pytest.mark.parametrize(
    "name, layout",
    [
        ("consolidated_with_id.csv", "with _id"),
        ("consolidated_without_id.csv", "without _id"),
        ("consolidated.json", "results"),
    ],
)
def test_each_documented_layout_gives_the_same_entity_table(name, layout):
    _file_format, found_layout, records = csl.read_rows(FIXTURES / name)
    assert found_layout == layout and len(records) == 6
    entities = csl.entity_table(records)
    got = [
        (e["name"], e["country_code"], e["start_date"], e["federal_register_notice"])
        for e in entities
    ]
    assert got == EXPECTED
    assert entities[2]["country_codes"] == "RU;BY"


def test_wrong_header_names_the_file_and_the_columns(tmp_path):
    with pytest.raises(DataError) as caught:
        csl.import_file(FIXTURES / "wrong_header.csv", raw_root=tmp_path, today=DAY)
    message = str(caught.value)
    assert "wrong_header.csv" in message
    assert (
        "missing columns ['addresses', 'ids']" in message
        and "unknown columns ['address']" in message
    )
    assert not any(tmp_path.iterdir()), "a refused file must leave no snapshot behind"


def test_other_bad_inputs_are_refused_clearly(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DataError, match="empty"):
        csl.read_rows(empty)
    broken = tmp_path / "broken.json"
    broken.write_text('{"results": [{"name": "x"}]}')
    with pytest.raises(DataError, match="lacks the fields"):
        csl.read_rows(broken)
    with pytest.raises(DataError, match="not found"):
        csl.read_rows(tmp_path / "absent.csv")


def test_country_codes_from_codes_and_names():
    # The import resolves the list's places with the project's one jurisdiction lookup.
    assert countries.code("CN") == "CN"
    assert countries.code("Hong Kong") == "HK"
    assert countries.code("Germany") == "DE"
    assert countries.code("Atlantis") is None
    assert csl.address_countries("Beijing, CN; Kowloon, Hong Kong; Shanghai, CN") == ["CN", "HK"]


def test_import_writes_a_snapshot_with_the_original_file_and_provenance(tmp_path):
    source = FIXTURES / "consolidated_with_id.csv"
    result = csl.run(source, console=_console(), raw_root=tmp_path, today=DAY)
    folder = tmp_path / "csl" / "2026-03-04"
    assert result.snapshot == folder
    assert (folder / source.name).read_bytes() == source.read_bytes()
    record = provenance.read(folder / provenance.FILE_NAME)
    assert record.files[0]["sha256"] == sha256_bytes(source.read_bytes())
    assert record.files[0]["size_bytes"] == source.stat().st_size
    assert record.producer and record.licence and record.url.startswith("https://")
    # The one provenance shape of data/raw and data/derived, every field present.
    stored = json.loads((folder / provenance.FILE_NAME).read_text(encoding="utf-8"))
    assert list(stored) == [f.name for f in fields(provenance.Provenance)]
    with (folder / csl.ENTITY_TABLE).open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [(r["name"], r["country_code"]) for r in table] == [(n, c) for n, c, _, _ in EXPECTED]


def test_a_second_import_the_same_day_gets_a_new_folder(tmp_path):
    first = csl.import_file(FIXTURES / "consolidated.json", raw_root=tmp_path, today=DAY)
    before = (first.snapshot / "provenance.json").read_bytes()
    second = csl.import_file(FIXTURES / "consolidated.json", raw_root=tmp_path, today=DAY)
    assert second.snapshot.name == "2026-03-04-2"
    assert (first.snapshot / "provenance.json").read_bytes() == before


def test_a_snapshot_needs_files_and_stops_at_the_daily_limit(tmp_path, monkeypatch):
    facts = dict(producer="p", title="t", url="https://example.org", licence="l", day=DAY)
    with pytest.raises(SnapshotError, match="no files"):
        snapshots.write_snapshot("src", {}, raw_root=tmp_path, **facts)
    monkeypatch.setattr(snapshots, "MAX_SNAPSHOTS_PER_DAY", 1)
    snapshots.write_snapshot(
        "src", {"a.txt": ("https://example.org/a", b"a")}, raw_root=tmp_path, **facts
    )
    with pytest.raises(SnapshotError, match="already 1 snapshots dated 2026-03-04"):
        snapshots.new_snapshot_dir("src", DAY, tmp_path)


def test_the_report_lists_rows_and_countries(tmp_path):
    console = _console()
    csl.run(FIXTURES / "consolidated_without_id.csv", console=console, raw_root=tmp_path, today=DAY)
    out = console.file.getvalue()
    assert "6 rows read, 4 Entity List rows" in out
    assert "HK Hong Kong" in out and "unknown" in out


def test_the_command_line_reports_a_bad_file_without_a_traceback(tmp_path, monkeypatch, capsys):
    from briefing import cli

    monkeypatch.setattr("sys.argv", ["briefing", "import-csl", str(FIXTURES / "wrong_header.csv")])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "wrong_header.csv" in err and "Traceback" not in err
