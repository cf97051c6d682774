"""`briefing import-csl`: documented layouts accepted, others refused, snapshots never overwritten."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from briefing import countries
from briefing.data import provenance, tables
from briefing.errors import DataError, SnapshotError
from briefing.hashing import sha256_bytes
from briefing.steps import entity_list as el
from briefing.steps import entity_list_snapshot as parsed
from briefing.steps import entity_list_sources as sources
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


# --- A CSL snapshot feeds `briefing derive` ---------------------------------------------------


def test_a_csl_snapshot_is_read_as_the_entity_list_under_its_headings(tmp_path):
    csl.import_file(FIXTURES / "consolidated_with_id.csv", raw_root=tmp_path, today=DAY)
    chosen = sources.choose(raw_root=tmp_path)
    assert chosen.kind == sources.CSL and "Consolidated Screening List" in chosen.chosen
    entries = {e["name"]: e for e in chosen.read()["entities"]}
    # The Entity List rows of the file that have an address (EXPECTED: the last has none).
    assert sorted(entries) == sorted(name for name, code, *_ in EXPECTED if code)
    assert entries["Example Photonics Co., Ltd."]["country"] == "China"
    # Hong Kong sits under China, as in the list.
    assert entries["Sample Trading (HK) Limited"]["country"] == "China"
    assert entries["Demo Components LLC"]["country"] == "Russia"
    assert entries["Example Photonics Co., Ltd."]["address"].endswith("Beijing, China")
    assert parsed.is_hong_kong(entries["Sample Trading (HK) Limited"]["address"])
    assert parsed.parse_citations(entries["Demo Components LLC"]["federal_register"]) == [
        parsed.Citation(87, 13143, date(2022, 3, 9))
    ]


def test_derive_reads_a_csl_snapshot_and_says_so_but_prefers_the_ecfr(tmp_path):

    folder = csl.import_file(FIXTURES / "consolidated_with_id.csv", raw_root=tmp_path, today=DAY)
    written = {
        p.name: p for p in el.derive(sources.choose(raw_root=tmp_path), derived=tmp_path / "d")
    }
    named = tables.load("entity_list_china_entries", path=written["entity_list_china_entries.csv"])
    assert sorted(named["name"]) == ["Example Photonics Co., Ltd.", "Sample Trading (HK) Limited"]
    assert named.set_index("name").loc["Example Photonics Co., Ltd.", "city"] == "Beijing"
    source = provenance.read(written["entity_list_china_entries.provenance.json"]).primary_input()
    assert source["kind"] == "government" and source["file"] == "consolidated_with_id.csv"
    assert source["sha256"] == sha256_bytes((FIXTURES / "consolidated_with_id.csv").read_bytes())
    assert (
        source["url"] == csl.DOWNLOAD_URLS["csv"] and "Consolidated Screening" in source["chosen"]
    )
    assert folder.snapshot.parent.name == "csl"
    # An eCFR snapshot beside it, of any day, comes first.
    ecfr = tmp_path / "ecfr" / "2020-01-01"
    ecfr.mkdir(parents=True)
    recorded = Path(__file__).parent / "fixtures" / "ecfr" / "full" / "2026-12-04" / "title-15.xml"
    shutil.copy(recorded, ecfr / sources.ECFR_FILE)
    assert sources.choose(raw_root=tmp_path).kind == sources.ECFR
