"""Content keys: derived from what the code imports, never from a hand-kept list."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from briefing import cells, paths
from briefing.build import keys, pipeline


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
        "briefing.render.fallback",
        "briefing.render.site",
        "briefing.render.pdf",
        "briefing.render.embed",
        "briefing.render.mime_choice",
        "briefing.render.assets",
        "briefing.build.edition",
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
    unrelated = package / "build" / "images.py"
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


def test_an_import_added_to_a_module_brings_its_target_into_the_key(package):
    # The imports of each module are kept between builds by its content: a changed module is
    # read again, and what it now imports counts.
    code = ["from briefing.chapters import alignment"]
    assert "briefing.build.images" not in keys.imported_modules(code, package)
    imported = package / "countries.py"
    imported.write_text(imported.read_text() + "\nfrom briefing.build import images\n")
    assert "briefing.build.images" in keys.imported_modules(code, package)
