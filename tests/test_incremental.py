"""Rebuilds run exactly the notebooks whose inputs changed (issue: fast rebuilds).

On the miniature book (tests/support/minibook.py): `one.ipynb` reads the table, `two.ipynb`
reads no data. A reused notebook is copied byte for byte; a notebook that ran again is a new
file (papermill records new timings), so comparing hashes tells which ran.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil

import pytest
from support import minibook
from support.minibook import executed_hashes

from briefing import paths
from briefing.book import keys


def ran_again(before: dict, after: dict) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


def readers_of(book, table_file: str) -> set[str]:
    """Notebooks whose record says they read ``table_file``."""
    readers = set()
    for record in book.executed.glob("*.key.json"):
        if table_file in json.loads(record.read_text())["reads"]:
            readers.add(record.name.replace(".key.json", ".ipynb"))
    return readers


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The miniature book, executed once, with a copy of the package a test may change."""
    root = tmp_path_factory.mktemp("incremental")
    package = root / "package" / "briefing"
    shutil.copytree(paths.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    book = dataclasses.replace(minibook.copy(root / "book"), package=package)
    minibook.execute(book)
    return book


def test_nothing_changed_runs_nothing(book):
    before = executed_hashes(book)
    assert set(before) == set(minibook.NOTEBOOKS)
    minibook.execute(book)
    assert ran_again(before, executed_hashes(book)) == set()


def test_a_changed_table_reruns_exactly_its_readers(book):
    # Recorded relative to the project: the same record holds for a copy elsewhere.
    assert readers_of(book, "data/curated/events.csv") == {"one.ipynb"}
    before = executed_hashes(book)
    path = book.root / "data" / "curated" / "events.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[-1]["what"] += " (reworded)"  # still valid, different bytes
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    minibook.execute(book)
    assert ran_again(before, executed_hashes(book)) == {"one.ipynb"}


def test_a_changed_notebook_reruns_only_itself(book):
    before = executed_hashes(book)
    with minibook.appended_cell(book, "two.ipynb", "x = 1"):
        minibook.execute(book)
        assert ran_again(before, executed_hashes(book)) == {"two.ipynb"}
    minibook.execute(book)  # and back as it was


def test_a_changed_module_reruns_the_notebooks_importing_it(book):
    module = "briefing.data.tables"
    importers = set()
    for notebook in book.notebooks:
        code = [c["source"] for c in json.loads(notebook.read_text())["cells"]]
        if module in keys.imported_modules(["".join(c) for c in code]):
            importers.add(notebook.name)
    assert importers == {"one.ipynb"}
    source = book.package / "data" / "tables.py"
    before = executed_hashes(book)
    source.write_text(source.read_text() + "\n# a comment changes the module's source\n")
    minibook.execute(book)
    assert ran_again(before, executed_hashes(book)) == importers


def test_a_missing_or_corrupt_record_reruns_that_notebook(book):
    (book.executed / "one.key.json").unlink()
    before = executed_hashes(book)
    minibook.execute(book)
    assert ran_again(before, executed_hashes(book)) == {"one.ipynb"}
    (book.executed / "two.key.json").write_text("{not json")
    before = executed_hashes(book)
    minibook.execute(book)
    assert ran_again(before, executed_hashes(book)) == {"two.ipynb"}


def test_force_and_a_new_parameter_rerun_everything(book):
    before = executed_hashes(book)
    minibook.execute(book, force=True)
    after_force = executed_hashes(book)
    assert ran_again(before, after_force) == set(minibook.NOTEBOOKS)
    minibook.execute(book, focus="GB")
    assert ran_again(after_force, executed_hashes(book)) == set(minibook.NOTEBOOKS)


def test_a_copy_of_a_built_book_reruns_only_what_its_change_touches(book, tmp_path):
    minibook.execute(book)
    copy = dataclasses.replace(minibook.project(tmp_path / "elsewhere"), package=book.package)
    shutil.copytree(book.root, copy.root)
    before = executed_hashes(copy)
    with minibook.appended_cell(copy, "two.ipynb", "y = 2"):
        minibook.execute(copy)
    assert ran_again(before, executed_hashes(copy)) == {"two.ipynb"}
