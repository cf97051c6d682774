"""The Quarto path, end to end, against a stand-in `quarto` that behaves as Quarto 1.10 does.

The stand-in (tests/support/fake_quarto.py) empties the output folder before the pre-render,
runs the project's pre- and post-render scripts and writes pages with what Quarto puts in
them; so these tests check the machinery's side of the contract — the last good site kept,
one-line errors, corrected pages, the edition record, no Quarto run when nothing changed —
on machines without Quarto, on the miniature book (tests/support/minibook.py), whose scripts
run the same hooks as the briefing's. tests/test_quarto_real.py runs the real one where it
exists.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from rich.console import Console
from support import minibook, quarto_runs
from support.quarto_runs import tree_hashes

from briefing import paths
from briefing.book.engines import quarto as quarto_engine

pytestmark = pytest.mark.e2e
FAKE = Path(__file__).parent / "support" / "fake_quarto.py"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
AS_OF = minibook.AS_OF


@pytest.fixture(scope="module")
def quarto_bin(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bin")
    exe = folder / "quarto"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE}" "$@"\n')
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return folder


def quarto(book, quarto_bin: Path, *args: str, **extra: str):
    # The miniature book's scripts import tests/support; what it does not have of its own (the
    # map outlines of the site's scripts) the package finds in the briefing, as in-process.
    return quarto_runs.quarto(
        book.root,
        *args,
        path_prefix=quarto_bin,
        PYTHONPATH=str(minibook.TESTS),
        BRIEFING_ROOT=str(paths.ROOT),
        **extra,
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, quarto_bin):
    book = minibook.copy(tmp_path_factory.mktemp("quarto") / "book")
    result = quarto(book, quarto_bin, "render", BRIEFING_AS_OF=AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return book


def test_quarto_render_publishes_corrected_pages_and_the_edition(rendered):
    pages = sorted(rendered.site.glob("*.html"))
    assert {p.stem for p in pages} == {"index", "two"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text and "define('jquery'" not in text, page.name
        assert "data-quarto-private" not in text, page.name
        assert f'data-notebook="reports/executed/{page.stem}.ipynb"' in text, page.name
        assert str(rendered.root) not in text, page.name
        assert "Built from commit" in text  # the edition's line, at the page's foot
    edition = json.loads((rendered.site / "edition.json").read_text())
    assert edition["as_of"] == AS_OF and edition["focus"] == "JP"
    assert edition["previous_as_of"] == "2026-09-30"  # decided from as_of alone
    assert b"Built from commit" in (rendered.site / "minibook.pdf").read_bytes()
    cover = (rendered.root / "reports" / "edition" / "meta.typ").read_text()
    assert f'edition: "{AS_OF}"' in cover  # the cover's fields, for templates/book.typ
    assert (rendered.downloads / "one_events.csv").is_file()


def test_executed_notebooks_carry_no_run_timings(rendered):
    for notebook in rendered.executed.glob("*.ipynb"):
        nb = nbformat.read(notebook, as_version=4)
        for cell in nb.cells:
            assert not any(isinstance(v, dict) for v in cell.metadata.values()), notebook.name


def test_a_failing_notebook_under_quarto_render_keeps_the_last_site(rendered, quarto_bin):
    before = tree_hashes(rendered.site)
    with minibook.appended_cell(rendered, "two.ipynb", 'raise ValueError("boom")'):
        result = quarto(rendered, quarto_bin, "render", BRIEFING_AS_OF=AS_OF)
    assert result.returncode != 0
    assert "ValueError: boom" in result.stdout + result.stderr
    assert tree_hashes(rendered.site) == before


def test_a_bad_parameter_stops_quarto_render_in_one_line_before_anything(rendered, quarto_bin):
    before = tree_hashes(rendered.site)
    result = quarto(rendered, quarto_bin, "render", BRIEFING_AS_OF="2999-01-01")
    assert result.returncode != 0
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "error:" in line]
    assert len(ours) == 1 and "is in the future" in ours[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_hashes(rendered.site) == before


def test_quarto_render_to_typst_replaces_only_the_pdf(rendered, quarto_bin):
    before = tree_hashes(rendered.site)
    result = quarto(rendered, quarto_bin, "render", "--to", "typst", BRIEFING_AS_OF="2026-10-01")
    assert result.returncode == 0, result.stdout + result.stderr
    after = tree_hashes(rendered.site)
    assert after["minibook.pdf"] != before["minibook.pdf"]
    assert {k: v for k, v in after.items() if k != "minibook.pdf"} == {
        k: v for k, v in before.items() if k != "minibook.pdf"
    }


def test_briefing_build_renders_with_quarto_when_it_is_installed(tmp_path, quarto_bin, monkeypatch):
    book = minibook.copy(tmp_path / "book")
    log = tmp_path / "quarto-calls.log"
    monkeypatch.setenv("PATH", f"{quarto_bin}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_QUARTO_LOG", str(log))
    quarto_engine.installed_version.cache_clear()
    console = Console(record=True, width=200)
    try:
        minibook.build(book, console=console)
        renders = [line for line in log.read_text().splitlines() if line.startswith("render")]
        assert len(renders) == 1 and ".staging-" in renders[0]  # the staged copy, not the book
        assert not (book.reports / "_quarto-site").exists()
        index = (book.site / "index.html").read_text()
        assert "cdn.jsdelivr.net" not in index
        assert 'data-notebook="reports/executed/index.ipynb"' in index
        assert json.loads((book.site / "edition.json").read_text())["as_of"] == AS_OF
        assert "Quarto 1.10.18" in console.export_text()
        # Nothing changed: no Quarto render at all.
        minibook.build(book, console=console)
        assert "Nothing changed" in console.export_text()
        renders = [line for line in log.read_text().splitlines() if line.startswith("render")]
        assert len(renders) == 1
    finally:
        quarto_engine.installed_version.cache_clear()


def test_the_briefings_scripts_stand_aside_inside_a_build(tmp_path):
    env = {**quarto_runs.environment(tmp_path), "BRIEFING_IN_BUILD": "1"}
    for script in ("prerender.py", "postrender.py"):
        result = subprocess.run(
            [sys.executable, str(SCRIPTS / script)],
            cwd=tmp_path,
            env={**env, "QUARTO_PROJECT_RENDER_ALL": "1"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and result.stdout == "" and result.stderr == "", script
    assert list(tmp_path.iterdir()) == []


def test_the_briefings_pre_render_runs_the_hook_with_one_line_errors(tmp_path):
    # The parameters are checked before anything runs, so no build is needed to see the line.
    env = {**quarto_runs.environment(tmp_path), "BRIEFING_AS_OF": "2020-02-30"}
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / "prerender.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "is not a date of the form YYYY-MM-DD" in lines[0], result.stderr
    assert list(tmp_path.iterdir()) == []
