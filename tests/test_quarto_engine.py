"""The Quarto path, end to end, against a stand-in `quarto` that behaves as Quarto 1.10 does.

The stand-in (tests/support/fake_quarto.py) empties the output folder before the pre-render,
runs the project's pre- and post-render scripts and writes pages with what Quarto puts in
them; so these tests check the briefing's side of the contract — the last good site kept,
one-line errors, corrected pages, the edition record, no Quarto run when nothing changed —
on machines without Quarto. tests/test_quarto_real.py runs the real one where it exists.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from project_copy import copy_project, run_briefing
from support import quarto_runs
from support.notebooks import failing_cell
from support.quarto_runs import tree_hashes

pytestmark = pytest.mark.e2e
FAKE = Path(__file__).parent / "support" / "fake_quarto.py"
AS_OF = "2026-11-01"


@pytest.fixture(scope="module")
def quarto_bin(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bin")
    exe = folder / "quarto"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE}" "$@"\n')
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return folder


def environment(root: Path, quarto_bin: Path, **extra: str) -> dict[str, str]:
    return quarto_runs.environment(root, quarto_bin, **extra)


def quarto(root: Path, quarto_bin: Path, *args: str, **extra: str):
    return quarto_runs.quarto(root, *args, path_prefix=quarto_bin, **extra)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, quarto_bin) -> Path:
    root = copy_project(tmp_path_factory.mktemp("quarto") / "project")
    result = quarto(root, quarto_bin, "render", BRIEFING_AS_OF=AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_quarto_render_publishes_corrected_pages_and_the_edition(rendered):
    site = rendered / "reports" / "site"
    pages = sorted(site.glob("*.html"))
    assert {p.stem for p in pages} >= {"index", "adoption", "entity_list", "sources"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text and "define('jquery'" not in text, page.name
        assert "data-quarto-private" not in text, page.name
        assert f'data-notebook="reports/executed/{page.stem}.ipynb"' in text, page.name
        assert str(rendered) not in text, page.name
        assert "Built from commit" in text  # the edition's line, at the page's foot
    assert "Restrictions on Huawei" in (site / "sources.html").read_text()  # and its record
    edition = json.loads((site / "edition.json").read_text())
    assert edition["as_of"] == AS_OF and edition["focus"] == "JP"
    assert b"Built from commit" in (site / "briefing.pdf").read_bytes()
    cover = (rendered / "reports" / "edition" / "meta.typ").read_text()
    assert f'edition: "{AS_OF}"' in cover  # the cover's fields, for templates/book.typ


def test_executed_notebooks_carry_no_run_timings(rendered):
    for notebook in (rendered / "reports" / "executed").glob("*.ipynb"):
        nb = nbformat.read(notebook, as_version=4)
        for cell in nb.cells:
            assert not any(isinstance(v, dict) for v in cell.metadata.values()), notebook.name


def test_a_failing_notebook_under_quarto_render_keeps_the_last_site(rendered, quarto_bin):
    before = tree_hashes(rendered / "reports" / "site")
    with failing_cell(rendered):
        result = quarto(rendered, quarto_bin, "render", BRIEFING_AS_OF=AS_OF)
    assert result.returncode != 0
    assert "ValueError: boom" in result.stdout + result.stderr
    assert tree_hashes(rendered / "reports" / "site") == before


def test_a_bad_parameter_stops_quarto_render_in_one_line_before_anything(rendered, quarto_bin):
    before = tree_hashes(rendered / "reports" / "site")
    result = quarto(rendered, quarto_bin, "render", BRIEFING_AS_OF="2999-01-01")
    assert result.returncode != 0
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "error:" in line]
    assert len(ours) == 1 and "is in the future" in ours[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_hashes(rendered / "reports" / "site") == before


def test_quarto_render_to_typst_replaces_only_the_pdf(rendered, quarto_bin):
    site = rendered / "reports" / "site"
    before = tree_hashes(site)
    result = quarto(rendered, quarto_bin, "render", "--to", "typst", BRIEFING_AS_OF="2026-10-01")
    assert result.returncode == 0, result.stdout + result.stderr
    after = tree_hashes(site)
    assert after["briefing.pdf"] != before["briefing.pdf"]
    assert {k: v for k, v in after.items() if k != "briefing.pdf"} == {
        k: v for k, v in before.items() if k != "briefing.pdf"
    }


def test_briefing_build_renders_with_quarto_when_it_is_installed(tmp_path, quarto_bin):
    root = copy_project(tmp_path / "project")
    env = environment(root, quarto_bin)
    result = run_briefing(root, "build", "--as-of", AS_OF, env=env)
    log = (root / "quarto-calls.log").read_text()
    renders = [line for line in log.splitlines() if line.startswith("render")]
    assert len(renders) == 1 and ".staging-" in renders[0]  # the staged copy, not the project
    assert not (root / "reports" / "_quarto-site").exists()
    site = root / "reports" / "site"
    index = (site / "index.html").read_text()
    assert (
        "cdn.jsdelivr.net" not in index and 'data-notebook="reports/executed/index.ipynb"' in index
    )
    assert json.loads((site / "edition.json").read_text())["as_of"] == AS_OF
    assert "Quarto 1.10.18" in result.stdout + result.stderr
    # Nothing changed: no Quarto render at all.
    again = run_briefing(root, "build", "--as-of", AS_OF, env=env)
    assert "Nothing changed" in again.stdout + again.stderr
    log = (root / "quarto-calls.log").read_text()
    assert len([line for line in log.splitlines() if line.startswith("render")]) == 1


def test_the_pre_render_stands_aside_inside_a_build(tmp_path, quarto_bin):
    root = copy_project(tmp_path / "project")
    env = environment(root, quarto_bin, BRIEFING_IN_BUILD="1", QUARTO_PROJECT_RENDER_ALL="1")
    for script in ("scripts/prerender.py", "scripts/postrender.py"):
        result = subprocess.run(
            [sys.executable, script], cwd=root, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and result.stdout == "" and result.stderr == "", script
    assert not (root / "reports" / "executed").exists()
