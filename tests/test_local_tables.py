"""The build makes an absent local table where its source is at hand (a fresh clone has none),
says so, and leaves a table already made, or one whose source is missing, as it is."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from briefing import paths
from briefing.data import provenance, tables
from briefing.hashing import sha256_file
from briefing.steps import entity_list_sources, local_tables

MINI = Path(__file__).parent / "fixtures" / "entity_list" / "mini_entity_list.json"
NAME = "entity_list_china_entries"


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the data folder as a fresh clone has it: no local table."""
    copied = shutil.copytree(paths.DATA, tmp_path / "data")
    for made in (copied / "derived").glob(f"{NAME}.*"):
        made.unlink()
    return copied


def _with_source(monkeypatch, source: Path) -> None:
    chosen = entity_list_sources.ListSnapshot(source, entity_list_sources.SHARED, "the test's")
    maker = dataclasses.replace(local_tables.MAKERS[NAME], source=lambda: chosen)
    monkeypatch.setitem(local_tables.MAKERS, NAME, maker)


def _console() -> Console:
    return Console(record=True, width=300)


def test_an_absent_table_is_made_from_its_source_and_the_build_says_so(data, monkeypatch):
    _with_source(monkeypatch, MINI)
    console = _console()
    written = local_tables.make_absent(console, data / "datapackage.json")
    table = data / "derived" / f"{NAME}.csv"
    assert written == [table, data / "derived" / f"{NAME}.provenance.json"]
    loaded = tables.load(NAME, path=table)
    china = [e for e in json.loads(MINI.read_text())["entities"] if e["country"] == "China"]
    assert sorted(loaded["name"]) == sorted(e["name"] for e in china)
    assert provenance.read(written[1]).primary_input()["sha256"] == sha256_file(MINI)
    said = console.export_text()
    assert f"Made the local table {table} ({len(china)} rows, never committed)" in said
    assert str(MINI) in said


def test_a_table_already_made_is_left_as_it_is(data, monkeypatch):
    _with_source(monkeypatch, MINI)
    local_tables.make_absent(_console(), data / "datapackage.json")
    table = data / "derived" / f"{NAME}.csv"
    before = table.read_bytes()
    console = _console()
    assert local_tables.make_absent(console, data / "datapackage.json") == []
    assert table.read_bytes() == before and console.export_text() == ""


def test_without_the_source_nothing_is_written_and_the_build_says_how_to_get_it(
    data, monkeypatch, tmp_path
):
    missing = tmp_path / "no-shared" / "bis_entity_list.json"
    _with_source(monkeypatch, missing)
    before = sorted(p.name for p in (data / "derived").iterdir())
    console = _console()
    assert local_tables.make_absent(console, data / "datapackage.json") == []
    assert sorted(p.name for p in (data / "derived").iterdir()) == before
    said = console.export_text()
    assert f"Local table {NAME} not made: its source {missing} is not here" in said
    assert "../shared" in said and "briefing fetch" in said


def test_the_build_prepares_the_tables_before_it_checks_them(tmp_path):
    # The miniature book with its one table gone: only the project's `prepare`, run by the
    # pipeline before the check, brings it back, and the build's summary times it.
    from support import minibook

    book = minibook.copy(tmp_path / "book")
    events = book.root / "data" / "curated" / "events.csv"
    kept = events.read_bytes()
    events.unlink()

    def prepare(console: Console) -> list[Path]:
        events.write_bytes(kept)
        return [events]

    console = Console(record=True, width=200)
    minibook.build(dataclasses.replace(book, prepare=prepare), console=console)
    assert (book.site / "index.html").is_file()
    assert "make the absent local tables" in console.export_text()
