"""Contracts that fail loudly: the registry, each chapter's files, the book, the data package, the layers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from project_copy import copy_project
from support.contracts import chapter_problems, download_problems, table_problems

from briefing import paths
from briefing.chapters import registry

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_project(tmp_path / "project")
    shutil.copy2(paths.ROOT / "index.qmd", root / "index.qmd")
    return root


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_registered_chapter_is_complete_and_nothing_is_unregistered():
    assert chapter_problems(paths.ROOT, registry.CHAPTERS) == []


def test_every_download_is_named_after_its_chapter():
    assert download_problems(paths.ROOT, registry.CHAPTERS) == []


def test_a_download_named_after_something_else_is_caught(project):
    notebook = project / "notebooks" / "sources.ipynb"
    notebook.write_text(notebook.read_text().replace('\\"sources\\"', '\\"references\\"'))
    problems = download_problems(project, registry.CHAPTERS)
    assert problems and all("'references'" in p for p in problems)


def test_every_table_is_declared_with_its_schema_and_provenance():
    assert table_problems(paths.ROOT) == []


def test_the_stages_import_only_the_stages_below_them():
    result = lint_imports(paths.ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_notebook_nobody_registered_is_caught(project):
    shutil.copy2(project / "notebooks" / "sources.ipynb", project / "notebooks" / "extra.ipynb")
    assert chapter_problems(project, registry.CHAPTERS) == [
        "notebooks/extra.ipynb is a notebook of no registered chapter"
    ]


def test_a_chapter_helper_of_no_registered_chapter_is_caught(project):
    chapters = project / "src" / "briefing" / "chapters"
    (chapters / "_tariffs_rates.py").write_text('"""A helper of a chapter never registered."""\n')
    (chapters / "_entity_list_more.py").write_text('"""A helper of a registered chapter."""\n')
    assert chapter_problems(project, registry.CHAPTERS) == [
        "src/briefing/chapters/_tariffs_rates.py is a helper of no registered chapter"
    ]


def test_a_registered_chapter_missing_its_parts_is_caught(project):
    trade = registry.Chapter("trade", summary=("findings",))
    chapters = (*registry.CHAPTERS[:-1], trade, registry.CHAPTERS[-1])
    problems = chapter_problems(project, chapters)
    for missing in (
        "src/briefing/chapters/trade.py is missing",
        "notebooks/trade.ipynb is missing",
        "trade.qmd is missing",
        "'trade' is not listed under book.chapters",
        "index.qmd does not embed the summary cell trade#findings",
    ):
        assert any(missing in problem for problem in problems), (missing, problems)


def test_a_summary_cell_the_notebook_lacks_is_caught(project):
    chapters = tuple(
        replace(c, summary=("bottom-line", "headline")) if c.slug == "summary" else c
        for c in registry.CHAPTERS
    )
    problems = chapter_problems(project, chapters)
    assert "notebooks/summary.ipynb has no cell labelled 'headline'" in problems
    assert "index.qmd does not embed the summary cell summary#headline" in problems
    assert "index.qmd embeds summary#findings, which the registry does not name" in problems


def test_chapters_out_of_the_registry_order_are_caught(project):
    config = project / "_quarto.yml"
    text = config.read_text()
    config.write_text(
        text.replace(
            "    - adoption.qmd\n    - entity_list.qmd\n",
            "    - entity_list.qmd\n    - adoption.qmd\n",
        )
    )
    assert any(
        "is not the registry's chapters in order" in p
        for p in chapter_problems(project, registry.CHAPTERS)
    )


def test_an_undeclared_table_is_caught(project):
    (project / "data" / "curated" / "tariffs.csv").write_text("id\nx\n")
    assert table_problems(project) == [
        "data/curated/tariffs.csv is not declared in data/datapackage.json"
    ]


def test_a_derived_table_without_provenance_is_caught(project):
    package_file = project / "data" / "datapackage.json"
    package = json.loads(package_file.read_text())
    for resource in package["resources"]:
        if resource["path"].startswith("derived/") and "local" not in resource["briefing"]:
            (project / "data" / resource["briefing"]["sources"]["provenance"]).unlink()
            name = resource["name"]
    assert f"derived table {name!r} has no provenance record" in table_problems(project)


def test_a_chapter_importing_the_build_breaks_the_layers(project):
    module = project / "src" / "briefing" / "chapters" / "sources.py"
    module.write_text(module.read_text() + "\nfrom briefing.book import plan  # noqa: E402, F401\n")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "briefing.chapters is not allowed to import briefing.book" in result.stdout
