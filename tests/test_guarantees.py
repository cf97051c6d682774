"""What the build guarantees: failures keep the last good briefing, one build at a time,
clear failure reports, checks before execution, inert hostile text, identical rebuilds.

The machinery's guarantees are tested on the miniature book (tests/support/minibook.py);
hostile text and identical rebuilds on the briefing itself."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from project_copy import copy_built, copy_project, run_briefing
from support import minibook

from briefing.book import stage
from briefing.errors import BuildLockedError, NotebookError, ParameterError

pytestmark = pytest.mark.e2e

AS_OF = "2026-11-01"


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The miniature book (tests/support/minibook.py), built once."""
    book = minibook.copy(tmp_path_factory.mktemp("guarantees") / "book")
    minibook.build(book)
    return book


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
def test_a_failing_notebook_stops_the_build_and_keeps_the_last_briefing(book, source, where):
    site, executed = tree_hashes(book.site), tree_hashes(book.executed)
    with minibook.appended_cell(book, "two.ipynb", source) as notebook:
        # The failing cell is the last code cell of the source notebook, as its author counts.
        cells = nbformat.read(notebook, as_version=4).cells
        expected = where.format(n=sum(c.cell_type == "code" for c in cells))
        with pytest.raises(NotebookError) as failed:
            minibook.build(book, force=True)
    message = str(failed.value)
    assert f"two.ipynb failed in {expected} of notebooks/two.ipynb" in message
    assert "ValueError: boom" in message and "\n" not in message
    evidence = book.failed / "two.ipynb"
    assert str(evidence) in message
    shown = nbformat.read(evidence, as_version=4)
    assert any(o.get("ename") == "ValueError" for c in shown.cells for o in c.get("outputs", []))
    assert tree_hashes(book.site) == site and tree_hashes(book.executed) == executed
    assert not list(book.reports.glob(".staging-*"))


def test_a_failure_is_one_line_without_a_traceback_on_the_command_line(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_briefing(root, "build", "--as-of", "2999-01-01", check=False)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "is in the future" in lines[0], result.stderr
    assert not (root / "reports" / "executed").exists()


def test_a_killed_build_leaves_the_last_briefing_and_the_next_build_cleans_up(book, tmp_path):
    site = tree_hashes(book.site)
    # A changed notebook to run, slowly: two.ipynb sleeps MINIBOOK_SLEEP seconds, and writes
    # MINIBOOK_SLEEPING as it starts to (executed notebooks are written only when they end).
    sleeping = tmp_path / "sleeping"
    with minibook.appended_cell(book, "two.ipynb", "z = 3"):
        process = subprocess.Popen(
            [sys.executable, "-m", "support.minibook"],
            cwd=book.root,
            env=minibook.environment(MINIBOOK_SLEEP="60", MINIBOOK_SLEEPING=str(sleeping)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        # Kill it while a notebook runs, its staging folder half made.
        while not sleeping.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert time.monotonic() < deadline, "the build ran no notebook to kill it in"
        assert list(book.reports.glob(".staging-*/project"))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert tree_hashes(book.site) == site
    assert list(book.reports.glob(".staging-*"))  # what the killed build left
    minibook.build(book)
    assert not list(book.reports.glob(".staging-*"))
    # Of each published folder: the version its link names, and at most the one before it.
    for name in ("site", "executed", "downloads"):
        versions = sorted(p.name for p in book.reports.glob(f".{name}{stage.VERSION_MARK}*"))
        assert (book.reports / name).resolve().name == versions[-1] and len(versions) <= 2


def test_a_second_build_stops_while_one_runs(book):
    site = tree_hashes(book.site)
    with open(book.reports / stage.LOCK_NAME, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(BuildLockedError, match="another build is running"):
            minibook.build(book, force=True)
    assert tree_hashes(book.site) == site


@pytest.mark.parametrize(
    ("as_of", "options", "message"),
    [
        ("2017-06-30", {}, "is before the data begins"),
        ("2999-01-01", {}, "is in the future"),
        ("2020-02-30", {}, "is not a date of the form YYYY-MM-DD"),
        ("2026-11-01", {"focus": "QQ"}, "is not an ISO 3166-1 alpha-2 code"),
        ("2026-11-01", {"previous_as_of": "2026-11-02"}, "is not before as_of"),
    ],
)
def test_bad_parameters_stop_before_any_notebook_runs(book, as_of, options, message):
    executed = tree_hashes(book.executed)
    with pytest.raises(ParameterError, match=message) as caught:
        minibook.build(book, as_of, force=True, **options)
    assert "\n" not in str(caught.value)
    assert tree_hashes(book.executed) == executed


def test_an_unknown_parameter_is_refused(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_briefing(root, "build", "--colour", "red", check=False)
    assert result.returncode != 0
    assert "No such option" in result.stderr


def test_the_swap_never_shows_a_missing_or_partial_file(tmp_path):
    """Each file a reader opens is whole, from the old version or the new one, never missing."""
    target = tmp_path / "site"
    pages = ("index.html", "briefing.pdf", "adoption.html")

    def version(number: int) -> Path:
        folder = tmp_path / f"new-{number}"
        folder.mkdir()
        for name in pages:
            (folder / name).write_text(f"{name} of version {number}\n" * 1000)
        return folder

    stage.swap_in(version(0), target)
    seen: list[object] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            for name in pages:
                try:
                    seen.append((name, (target / name).read_text()))
                except OSError as exc:
                    seen.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    for number in range(1, 100):
        stage.swap_in(version(number), target)
        time.sleep(0.002)
    stop.set()
    reader.join()
    whole = [s for s in seen if not isinstance(s, OSError) and len(set(s[1].splitlines())) == 1]
    assert len(seen) > 100 and len(whole) == len(seen), [s for s in seen if s not in whole][:3]
    assert (target / "index.html").read_text().startswith("index.html of version 99")
    # The version replaced last is kept for readers that opened it; older ones are gone.
    kept = sorted(p.name for p in tmp_path.iterdir() if p.name != "site")
    assert len(kept) == 2 and target.resolve().name == kept[-1]
    assert not list(tmp_path.glob("new-*"))


def test_a_folder_published_before_links_is_replaced_too(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new")
    stage.swap_in(new, target)
    assert target.is_symlink() and sorted(p.name for p in target.iterdir()) == ["index.html"]
    assert (target / "index.html").read_text() == "new"
    # The old folder is kept as the version before, until the next swap.
    assert len([p for p in tmp_path.iterdir() if p.name.startswith(".site")]) == 2
    newer = tmp_path / "newer"
    newer.mkdir()
    stage.swap_in(newer, target)
    stage.clean_leftovers(tmp_path)
    assert not [p for p in tmp_path.rglob("old.html")]


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
    # In English: both editions show the data through the same escaping code.
    run_briefing(root, "build", "--as-of", AS_OF, "--lang", "en")
    return root


def test_hostile_text_never_runs_in_the_browser(hostile, browser):
    site = hostile / "reports" / "site"
    # The pages that carry the hostile text in any form: every runnable piece of it calls
    # alert(, which no page of the briefing's own does.
    carrying = [p for p in sorted(site.glob("*.html")) if "alert(" in p.read_text()]
    assert {"adoption.html", "sources.html"} <= {p.name for p in carrying}
    # One browser for the session (tests/conftest.py).
    for page_path in carrying:
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
