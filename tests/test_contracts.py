"""Contracts that fail loudly: the registry, each chapter's files, the book, the data package, the layers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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
    trade = registry.Chapter("trade")
    chapters = (*registry.CHAPTERS[:-1], trade, registry.CHAPTERS[-1])
    problems = chapter_problems(project, chapters)
    for missing in (
        "src/briefing/chapters/trade.py is missing",
        "notebooks/trade.ipynb is missing",
        "trade.qmd is missing",
        "'trade' is not listed under book.chapters",
    ):
        assert any(missing in problem for problem in problems), (missing, problems)


def test_the_summary_page_embeds_its_own_notebook_alone(project):
    """A chapter reaches the summary through briefing/summary/ (one way): an embed of a
    chapter's cell on the front page, or of a cell its notebook lacks, is caught."""
    index = project / "index.qmd"
    index.write_text(
        index.read_text()
        + "\n{{< embed reports/executed/adoption.ipynb#findings >}}\n"
        + "\n{{< embed reports/executed/summary.ipynb#headline >}}\n"
    )
    problems = chapter_problems(project, registry.CHAPTERS)
    assert sorted(problems) == [
        "index.qmd embeds 'headline', which notebooks/summary.ipynb lacks",
        "index.qmd embeds another chapter's notebook (adoption)",
    ]


def test_chapters_out_of_the_registry_order_are_caught(project):
    config = project / "_quarto-en.yml"  # the English edition's chapters
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
