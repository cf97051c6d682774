"""Content keys: derived from what the code imports, never from a hand-kept list."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from briefing import cells, paths
from briefing.book import keys, pipeline, plan
from briefing.data import reads


@pytest.fixture
def package(tmp_path):
    """A copy of the package whose modules a test may change."""
    copy = tmp_path / "briefing"
    shutil.copytree(paths.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def key(package, code, files=(), parameters=None):
    return keys.content_key(
        code=code, files=list(files), parameters=parameters or {}, package_dir=package
    )


def test_the_render_key_covers_every_module_the_render_imports():
    modules = keys.imported_modules(pipeline.RENDER_CODE)
    for module in (
        "briefing.book.engines.fallback",
        "briefing.book.engines.fallback.site",
        "briefing.book.engines.fallback.pdf",
        "briefing.book.engines.fallback.embed",
        "briefing.book.engines.fallback.mime_choice",
        "briefing.book.assets",
        "briefing.book.edition",
        "briefing.data.tables",
        "briefing.mime",
    ):
        assert module in modules, module


def test_a_change_in_an_imported_module_changes_the_key(package):
    code = ["from briefing.chapters import alignment"]
    before = key(package, code)
    imported = package / "countries.py"  # imported by the chapter, not named in the code
    imported.write_text(imported.read_text() + "\n# changed\n")
    assert key(package, code) != before


def test_a_change_in_a_module_nobody_imports_keeps_the_key(package):
    code = ["from briefing.chapters import sources"]
    before = key(package, code)
    unrelated = package / "book" / "images.py"
    unrelated.write_text(unrelated.read_text() + "\n# changed\n")
    assert key(package, code) == before


def test_files_and_parameters_are_part_of_the_key(package, tmp_path):
    page = tmp_path / "a" / "page.qmd"
    page.parent.mkdir()
    page.write_text("one")
    before = key(package, [], [page], {"as_of": "2026-01-01"})
    assert key(package, [], [page], {"as_of": "2026-01-02"}) != before
    moved = tmp_path / "b" / "a" / "page.qmd"
    moved.parent.mkdir(parents=True)
    moved.write_text("one")
    assert (
        key(package, [], [moved], {"as_of": "2026-01-01"}) == before
    )  # where it sits does not count
    page.write_text("two")
    assert key(package, [], [page], {"as_of": "2026-01-01"}) != before


def test_cells_are_named_as_their_author_finds_them():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("as_of = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("as_of = '2026-01-01'", metadata={"tags": [cells.INJECTED]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("#| label: fig-one\n#| fig-cap: One\nraise ValueError"),
    ]
    assert cells.describe(nb, 3) == "code cell 2"
    assert cells.describe(nb, 4) == "the cell labelled 'fig-one' (code cell 3)"
    assert cells.options(nb.cells[4]) == {"label": "fig-one", "fig-cap": "One"}
    # papermill's error markers, added after it counted the cells, do not shift the count
    nb.cells.insert(
        0, nbformat.v4.new_markdown_cell("error", metadata={"tags": [cells.PAPERMILL_ERROR]})
    )
    assert cells.describe(nb, 4) == "the cell labelled 'fig-one' (code cell 3)"


def test_a_record_names_its_reads_relative_to_the_project(tmp_path):
    """A copy of a built project elsewhere reuses its notebooks; a changed read reruns them."""
    first = tmp_path / "first"
    table = first / "data" / "table.csv"
    table.parent.mkdir(parents=True)
    table.write_text("a\n1\n")
    executed = first / "reports" / "executed" / "one.ipynb"
    executed.parent.mkdir(parents=True)
    executed.write_text("{}")
    plan.write_record(executed, "key", [str(table.resolve())], first)
    assert '"data/table.csv"' in plan.record_path(executed).read_text()
    copy = tmp_path / "elsewhere" / "copy"
    shutil.copytree(first, copy)
    moved = copy / "reports" / "executed" / "one.ipynb"
    assert plan.verdict(moved, "key", copy) == plan.Verdict(True, "unchanged")
    (copy / "data" / "table.csv").write_text("a\n2\n")
    assert plan.verdict(moved, "key", copy) == plan.Verdict(False, "table.csv changed")
    assert plan.verdict(executed, "key", first).reuse  # the original is left as it was


def test_a_read_of_one_table_ignores_the_other_tables_entries(tmp_path):
    """A notebook that loads one table reruns when that table's declaration changes, not
    when another table is declared or changed; one that lists every table reruns for both."""
    package_file = tmp_path / "data" / "datapackage.json"
    package_file.parent.mkdir(parents=True)
    package = {"name": "p", "resources": [{"name": "a", "title": "A"}]}
    package_file.write_text(json.dumps(package))
    one, every = (tmp_path / "reports" / "executed" / f"{n}.ipynb" for n in ("one", "every"))
    one.parent.mkdir(parents=True)
    for executed in (one, every):
        executed.write_text("{}")
    log = tmp_path / "reads.log"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(reads.ENV, str(log))
        reads.record_table(package_file, "a")
        plan.write_record(one, "key", reads.recorded(log), tmp_path)
        log.unlink()
        reads.record(package_file)
        plan.write_record(every, "key", reads.recorded(log), tmp_path)
    assert '"data/datapackage.json#a"' in plan.record_path(one).read_text()
    package["resources"].append({"name": "b", "title": "B"})
    package_file.write_text(json.dumps(package))
    assert plan.verdict(one, "key", tmp_path).reuse
    assert plan.verdict(every, "key", tmp_path) == plan.Verdict(False, "datapackage.json changed")
    package["resources"][0]["title"] = "A, retitled"
    package_file.write_text(json.dumps(package))
    assert plan.verdict(one, "key", tmp_path) == plan.Verdict(
        False, "datapackage.json (table a) changed"
    )
