"""What the build guarantees: failures keep the last good briefing, one build at a time,
clear failure reports, checks before execution, inert hostile text, identical rebuilds."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from project_copy import (
    BRIEFING,
    SESSION_AS_OF,
    SESSION_ENV,
    copy_built,
    copy_project,
    run_briefing,
)
from support.notebooks import failing_cell

pytestmark = pytest.mark.e2e

AS_OF = "2026-11-01"


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("guarantees") / "project")
    run_briefing(root, "build", "--as-of", AS_OF)
    return root


def code_cells(path: Path) -> int:
    return sum(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)


@pytest.mark.parametrize(
    ("source", "where"),
    [
        (
            '#| label: tbl-boom\nraise ValueError("boom")',
            "the cell labelled 'tbl-boom' (code cell {n})",
        ),
        ('raise ValueError("boom")', "code cell {n}"),
    ],
)
def test_a_failing_notebook_stops_the_build_and_keeps_the_last_briefing(project, source, where):
    before = tree_hashes(project / "reports" / "site")
    with failing_cell(project, source) as notebook:
        # The failing cell is the last code cell of the source notebook, as its author counts.
        expected = where.format(n=code_cells(notebook))
        result = run_briefing(project, "build", "--as-of", AS_OF, "--force", check=False)
    assert result.returncode != 0
    message = " ".join((result.stderr + result.stdout).split())
    assert f"sources.ipynb failed in {expected} of notebooks/sources.ipynb" in message
    assert "ValueError: boom" in message
    assert "Traceback" not in message
    evidence = project / "reports" / "failed" / "sources.ipynb"
    assert str(evidence) in message
    failed = nbformat.read(evidence, as_version=4)
    assert any(o.get("ename") == "ValueError" for c in failed.cells for o in c.get("outputs", []))
    assert tree_hashes(project / "reports" / "site") == before


def test_a_killed_build_leaves_the_last_briefing_and_the_next_build_cleans_up(project):
    before = tree_hashes(project / "reports" / "site")
    env = {**os.environ, "BRIEFING_ROOT": str(project), "PYTHONPATH": str(project / "src")}
    process = subprocess.Popen(
        [str(BRIEFING), "build", "--as-of", AS_OF, "--force"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    # Kill it while notebooks are being written into its staging folder.
    while (
        not list((project / "reports").glob(".staging-*/**/executed/*.ipynb"))
        and time.monotonic() < deadline
    ):
        time.sleep(0.2)
    assert time.monotonic() < deadline, "the build wrote no executed notebook to kill it at"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_hashes(project / "reports" / "site") == before
    run_briefing(project, "build", "--as-of", AS_OF)
    assert not list((project / "reports").glob(".staging-*"))


def test_a_second_build_stops_while_one_runs(project):
    lock = project / "reports" / ".build.lock"
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("12345")
        handle.flush()
        result = run_briefing(project, "build", "--as-of", AS_OF, check=False)
    assert result.returncode != 0
    assert "another build is running" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2017-06-30"], "is before the data begins"),
        (["--as-of", "2999-01-01"], "is in the future"),
        (["--as-of", "2020-02-30"], "is not a date of the form YYYY-MM-DD"),
        (["--focus", "QQ"], "is not an ISO 3166-1 alpha-2 code"),
    ],
)
def test_bad_parameters_stop_before_any_notebook_runs(project, args, message):
    executed = tree_hashes(project / "reports" / "executed")
    result = run_briefing(project, "build", *args, check=False)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert tree_hashes(project / "reports" / "executed") == executed


def test_an_unknown_parameter_is_refused(project):
    result = run_briefing(project, "build", "--colour", "red", check=False)
    assert result.returncode != 0
    assert "No such option" in result.stderr


HOSTILE = {
    "script": "<script>window.__pwned = 1; alert(1)</script>",
    "img": '<img src=x onerror="window.__pwned = 1; alert(2)">',
    "link": "[click](javascript:alert(3))",
    "typst": "#pagebreak() $x$ *bold* _under_ @ref <label> \\ `code`",
    "formula": '=HYPERLINK("http://evil.example","x")',
}


@pytest.fixture(scope="module")
def hostile(built, tmp_path_factory):
    """The briefing built from data whose text fields carry markup, scripts and formulas
    (in a copy of the session's build: only the notebooks reading the table run again)."""
    root = copy_built(built, tmp_path_factory.mktemp("hostile") / "project")
    path = root / "data" / "curated" / "restrictions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    japan = next(r for r in rows if r["jurisdiction"] == "JP")
    japan["description"] = f"{HOSTILE['formula']} {HOSTILE['script']} {HOSTILE['img']}"
    japan["source_publisher"] = f"{HOSTILE['typst']} {HOSTILE['link']} {HOSTILE['script']}"
    # The source's title is shown on the sources appendix.
    japan["source_title"] = f"{HOSTILE['img']} {HOSTILE['script']}"
    # The coded scope is an enum (codebook); its free-text detail carries the formula.
    japan["scope_detail"] = HOSTILE["formula"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    run_briefing(root, "build", "--as-of", AS_OF)
    return root


def test_hostile_text_never_runs_in_the_browser(hostile, browser):
    site = hostile / "reports" / "site"
    # One browser for the session (tests/conftest.py).
    for page_path in sorted(site.glob("*.html")):
        page = browser.new_page()
        dialogs: list[str] = []
        page.on(
            "dialog",
            lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()),
        )
        page.goto(page_path.as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        assert dialogs == [], page_path.name
        assert page.evaluate("window.__pwned") is None, page_path.name
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], page_path.name
        page.close()
    # The text is shown, literally, where the table shows it.
    assert "&lt;script&gt;window.__pwned" in (site / "adoption.html").read_text()
    assert "&lt;img" in (site / "sources.html").read_text()


def test_hostile_text_prints_literally_in_the_pdf(hostile):
    from pypdf import PdfReader

    text = " ".join(
        page.extract_text()
        for page in PdfReader(hostile / "reports" / "site" / "briefing.pdf").pages
    )
    flat = "".join(text.split())
    for literal in [
        "<script>window.__pwned",
        "#pagebreak()",
        "$x$",
        "*bold*",
        "[click](javascript:alert(3))",
    ]:
        assert "".join(literal.split()) in flat, literal


def test_csv_downloads_neutralize_formulas(hostile):
    path = hostile / "reports" / "site" / "reports" / "downloads" / "adoption_events.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    cells = [value for row in rows for value in row.values()]
    assert "'" + HOSTILE["formula"] in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]


def test_two_builds_of_the_same_inputs_are_byte_identical(built, rebuilt):
    # The session's build and the same built again elsewhere (tests/conftest.py), both with
    # SOURCE_DATE_EPOCH set.
    assert SESSION_ENV["SOURCE_DATE_EPOCH"] and SESSION_AS_OF == AS_OF and built != rebuilt
    sites = [tree_hashes(built / "reports" / "site"), tree_hashes(rebuilt / "reports" / "site")]
    assert sites[0] == sites[1]
    assert "edition.json" in sites[0] and "briefing.pdf" in sites[0]
