"""Shared fixtures: the briefing built once per test session, the archive of editions built
once beside it, one Chromium; and the count of notebook executions the session made."""

from __future__ import annotations

import atexit
import collections
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from project_copy import (
    SESSION_AS_OF,
    SESSION_ENV,
    copy_built,
    copy_project,
    run_briefing,
)
from support import site_checks
from support.background import Builds
from support.quarto_runs import tree_hashes
from support.shared import Shared, session_folder

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM, CHROMIUM_ARGS = site_checks.CHROMIUM, site_checks.CHROMIUM_ARGS


# --- The session's full builds, in the background -------------------------------------------
# Started when the first test runs (support/background.py): the session's build, then the
# archive of editions built on it, in one thread; the benchmark's smoke run (whose naive
# pipeline runs the notebooks with their defaults) in another. Each is made only if a selected
# test needs it.
BACKGROUND_ASKER = "tests/conftest.py::background"


def asked_by(fixture: str) -> dict[str, str]:
    """The environment that names the fixture a background job's notebooks run for."""
    return {FIXTURE: fixture, "PYTEST_CURRENT_TEST": f"{BACKGROUND_ASKER} (call)"}


# The fixtures that build the briefing or run its notebooks: only end-to-end tests use them.
BUILDS = {"session_build", "archive", "bench_smoke", "defaults_run", "site_visits"}
# When each is ready: the session's build (and the visits of its pages) first, the archive
# built on it, the smoke run.
WAITS_FOR = {
    "session_build": 1,
    "site_visits": 1,
    "archive": 2,
    "bench_smoke": 3,
    "defaults_run": 3,
}


def pytest_collection_modifyitems(items):
    unmarked = [
        item.nodeid
        for item in items
        if BUILDS & set(item.fixturenames) and item.get_closest_marker("e2e") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "tests that use a build must be marked e2e (make test-fast runs no build): "
            + ", ".join(unmarked)
        )
    # The tests that build nothing first, while the builds run beside them; then the modules
    # that read the session's build, the archive, the smoke run, in the order they are made.
    # A module stays whole (`make test` hands pytest-xdist's workers whole modules).
    rank: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        needs = [WAITS_FOR.get(name, 0) for name in item.fixturenames]
        rank[module] = max([rank.get(module, 0), *needs])
    items.sort(key=lambda item: rank[item.nodeid.split("::", 1)[0]])


@pytest.fixture(scope="session")
def shared(tmp_path_factory) -> Shared:
    """What the session makes once for all its processes (pytest-xdist's workers)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return Shared(session_folder(tmp_path_factory.getbasetemp(), worker))


@pytest.fixture(scope="session", autouse=True)
def background(request, tmp_path_factory, shared):
    from briefing.book.engines import quarto

    needed = set().union(*(item.fixturenames for item in request.session.items))
    makers = {
        "session_build": make_session_build,
        "archive": make_archive,
        # Asked here, before any test puts a stand-in `quarto` on PATH or in shutil.which.
        "bench_smoke": functools.partial(make_bench_smoke, with_quarto=quarto.available()),
        "site_visits": make_site_visits,
    }
    # The site's visits are shared out between the workers in parts (make_site_visits).
    builds = Builds(makers, shared, tmp_path_factory, in_parts=frozenset({"site_visits"}))
    if needed & {"session_build", "archive", "site_visits"}:
        builds.start("session_build", *(["archive"] if "archive" in needed else []))
    if needed & {"bench_smoke", "defaults_run"}:
        builds.start("bench_smoke")
    if "site_visits" in needed:
        builds.start("site_visits")
    yield builds
    builds.shutdown()


@dataclass(frozen=True)
class Build:
    root: Path  # the built project
    output: str  # what the build printed, stdout and stderr


def make_session_build(builds: Builds) -> Build:
    root = copy_project(builds.tmp_path_factory.mktemp("briefing") / "project")
    env = {**SESSION_ENV, **asked_by("session_build")}
    result = run_briefing(
        root, "build", "--as-of", SESSION_AS_OF, "--focus", "JP", env=env, base=builds.environ
    )
    return Build(root, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def session_build(background) -> Build:
    """The briefing built once (2026-11-01, focus JP) in a project copy, with the engine
    `briefing build` chooses: Quarto where a Quarto 1.9 or newer is on PATH, else the fallback
    (pandoc + typst); BRIEFING_ENGINE=quarto|fallback in the test's environment pins one.

    Tests read it; a test that changes something builds in a copy of it (copy_built), where
    only what it changes runs again.
    """
    return background["session_build"]


@pytest.fixture(scope="session")
def built(session_build) -> Path:
    return session_build.root


# The smoke run's guard against a hung build, not a timing goal (the benchmark prints those):
# about four builds with the fallback on a busy machine; with Quarto on PATH it also makes a
# cold build through Quarto (benchmarks/run.py, quarto_builds), a full execution and a render.
BENCH_SMOKE_TIMEOUT_S = 900
BENCH_SMOKE_QUARTO_EXTRA_S = 900


def make_bench_smoke(builds: Builds, *, with_quarto: bool) -> dict:
    folder = builds.tmp_path_factory.mktemp("bench")
    output, notebooks = folder / "results.json", folder / "defaults"
    timeout = BENCH_SMOKE_TIMEOUT_S + (BENCH_SMOKE_QUARTO_EXTRA_S if with_quarto else 0)
    command = [str(ROOT / "benchmarks" / "run.py"), "--smoke", "--output", str(output)]
    result = subprocess.run(
        [sys.executable, *command, "--notebooks", str(notebooks)],
        cwd=ROOT,
        env={**builds.environ, **SESSION_ENV, **asked_by("bench_smoke")},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {**json.loads(output.read_text(encoding="utf-8")), "defaults": str(notebooks)}


@pytest.fixture(scope="session")
def bench_smoke(background) -> dict:
    """The benchmark's smoke run (benchmarks/run.py --smoke), once per session: its summary,
    and under "defaults" the folder of the notebooks its naive pipeline ran with their defaults.

    Its cold builds are the session's edition (2026-11-01, focus JP) in English, made from
    scratch in fresh copies elsewhere, so their sites' digests also check that a build is
    reproducible byte for byte.
    """
    return background["bench_smoke"]


@pytest.fixture(scope="session")
def defaults_run(bench_smoke) -> dict[str, nbformat.NotebookNode]:
    """Every notebook run with plain papermill and no parameters (its own defaults, as in
    JupyterLab), each executed notebook by file name: the smoke run's naive pipeline runs them
    so (benchmarks/naive.py --defaults), one full execution rather than two."""
    from briefing.chapters import registry

    folder = Path(bench_smoke["defaults"])
    return {nb.name: nbformat.read(folder / nb.name, as_version=4) for nb in registry.notebooks()}


# --- The archive of editions ---------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    output: str  # what the build printed
    current: dict[str, str]  # the root edition's files (not the archive) after the build


@dataclass(frozen=True)
class Archive:
    root: Path
    before: dict[str, str]  # the root edition's files before the first build here
    steps: dict[str, Step]  # by name, in the order built
    executed: dict[str, Path]  # each edition's executed notebooks, kept as its build left them

    def chapter(self, slug: str) -> dict[tuple[str, str], tuple[nbformat.NotebookNode, Path]]:
        """One chapter's executed notebook in each edition of ARCHIVED, and its CSV downloads,
        by (as_of, focus): what a chapter's tests read instead of running the notebook again."""
        found = {}
        for edition, step in ARCHIVED.items():
            folder = self.executed[step]
            notebook = nbformat.read(folder / f"{slug}.ipynb", as_version=4)
            found[edition] = (notebook, folder / f"{slug}.downloads")
        return found

    @property
    def site(self) -> Path:
        return self.root / "reports" / "site"

    def edition(self, name: str) -> Path:
        return self.site / "editions" / name


# Built in this order in one copy of the session's build (the current edition, 2026-11-01,
# focus JP), with the focus on the Netherlands: an earlier edition (a first one: nothing
# before it), the same again (nothing to do), then a later one, which becomes the root and
# compares itself with the earlier one. Two full executions: the suite's budget is six (README).
# In English only: the session's build has the Japanese edition, which these would only repeat.
ENGLISH = ["--lang", "en"]
ARCHIVE_STEPS = {
    "2020-06-30-NL": [
        "--as-of",
        "2020-06-30",
        "--focus",
        "NL",
        "--previous-as-of",
        "none",
        *ENGLISH,
    ],
    "2020-06-30-NL again": [
        "--as-of",
        "2020-06-30",
        "--focus",
        "NL",
        "--previous-as-of",
        "none",
        *ENGLISH,
    ],
    "2026-11-22-NL": [
        "--as-of",
        "2026-11-22",
        "--focus",
        "NL",
        "--previous-as-of",
        "2020-06-30",
        *ENGLISH,
    ],
}
# The editions the chapters' own tests read (Archive.chapter), by (as_of, focus): the
# archive's, and the session's own.
ARCHIVED = {
    ("2020-06-30", "NL"): "2020-06-30-NL",
    (SESSION_AS_OF, "JP"): SESSION_AS_OF,
    ("2026-11-22", "NL"): "2026-11-22-NL",
}


def root_edition(site: Path) -> dict[str, str]:
    return {k: v for k, v in tree_hashes(site).items() if not k.startswith("editions/")}


def make_archive(builds: Builds) -> Archive:
    built = builds["session_build"].root
    folder = builds.tmp_path_factory.mktemp("archive")
    root = copy_built(built, folder / "project")
    site = root / "reports" / "site"
    before = root_edition(site)
    steps, executed = {}, {SESSION_AS_OF: built / "reports" / "executed"}
    for name, args in ARCHIVE_STEPS.items():
        result = run_briefing(root, "build", *args, env=asked_by("archive"), base=builds.environ)
        steps[name] = Step(result.stdout + result.stderr, root_edition(site))
        if name not in executed and not name.endswith(" again"):
            executed[name] = shutil.copytree(
                root / "reports" / "executed", folder / "executed" / name
            )
    return Archive(root, before, steps, executed)


@pytest.fixture(scope="session")
def archive(background) -> Archive:
    """Editions side by side, built once for the edition, summary, as-of and chapter tests."""
    return background["archive"]


# --- One Chromium ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (Debian's, at /usr/bin/chromium)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# The visits in parts: a part takes a few seconds a page, so the two workers share them out.
VISIT_PARTS = 8


def make_site_visits(builds: Builds) -> site_checks.Visits:
    """The visits, shared out in parts; this process makes its parts one after another in one
    Chromium whose profile keeps the compiled scripts, with one server (one origin, which the
    cache is keyed by)."""
    from playwright.sync_api import sync_playwright

    site = builds["session_build"].root / "reports" / "site"
    visits = site_checks.every_visit(site)
    profile = builds.tmp_path_factory.mktemp("chromium-profile")
    answered: list[tuple[int, str]] = []
    with (
        site_checks.served(site, answered) as origin,
        sync_playwright() as playwright,
        site_checks.chromium_profile(playwright, CHROMIUM, CHROMIUM_ARGS, profile) as chromium,
    ):

        def part(visits: list) -> site_checks.Visits:
            start = len(answered)  # this process's parts are made one after another
            pages = site_checks.visit_pages(chromium, origin, visits)
            return site_checks.Visits(site, pages, answered[start:])

        parts = {
            f"site_visits_{k}": functools.partial(part, visits[k::VISIT_PARTS])
            for k in range(VISIT_PARTS)
        }
        return site_checks.merged(site, list(builds.shared.each(parts).values()))


@pytest.fixture(scope="session")
def site_visits(background) -> site_checks.Visits:
    """Every page of the session's build visited once at a desk width and once on a phone:
    what the site's accessibility, console, table, chart and offline tests read."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    return background["site_visits"]


# --- How many notebooks the session executed ----------------------------------------------
# Every notebook runs in an IPython kernel, started from this process or from a build it runs,
# all inheriting its environment; a build runs a notebook's editions in its languages one after
# another in one kernel, pointing it at each run's own downloads folder. IPython runs the
# startup files of the profile in IPYTHONDIR in each kernel it starts: the one here, before each
# cell, appends a line when the downloads folder is one the kernel has not yet run in (set for
# every notebook a build or a test runs; unset for the few tiny notebooks some tests make),
# naming it and who asked: the fixture being set up (FIXTURE, set below), else the test under
# way (pytest's PYTEST_CURRENT_TEST).

FIXTURE = "BRIEFING_TEST_FIXTURE"
COUNTER = """\
def _briefing_count_executions():
    import os

    seen = set()

    def count(info=None):
        downloads = os.environ.get("BRIEFING_DOWNLOADS", "")
        if downloads in seen:
            return
        seen.add(downloads)
        test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0]
        fixture = os.environ.get({fixture!r})
        asker = f"{{test.split('::', 1)[0]}}::{{fixture}} (fixture)" if fixture else test
        with open({log!r}, "a", encoding="utf-8") as out:
            out.write(f"{{downloads}}\\t{{asker}}\\n")

    get_ipython().events.register("pre_run_cell", count)


_briefing_count_executions()
del _briefing_count_executions
"""
EXECUTIONS = pytest.StashKey[tuple]()  # the profile's folder, and IPYTHONDIR as it was


# Where the counting profile is: set by the session's first process, read by pytest-xdist's
# workers (`make test-fast` runs two), whose kernels count into the same log.
COUNTER_DIR = "BRIEFING_TEST_EXECUTIONS"


def pytest_configure(config):
    config.pluginmanager.register(FixtureNamer(), "briefing-fixture-namer")
    if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get(COUNTER_DIR):
        folder = Path(os.environ[COUNTER_DIR])
        config.stash[EXECUTIONS] = (folder, os.environ.get("IPYTHONDIR"))
        os.environ["IPYTHONDIR"] = str(folder)
        return
    folder = Path(tempfile.mkdtemp(prefix="briefing-ipython-"))
    startup = folder / "profile_default" / "startup"
    startup.mkdir(parents=True)
    log = folder / "executions.log"
    (startup / "00-count-executions.py").write_text(COUNTER.format(log=str(log), fixture=FIXTURE))
    config.stash[EXECUTIONS] = (folder, os.environ.get("IPYTHONDIR"))
    os.environ["IPYTHONDIR"] = str(folder)
    os.environ[COUNTER_DIR] = str(folder)
    # Removed at exit, after the IPython shell some tests start here has saved its history
    # there (atexit runs the last registered first).
    atexit.register(shutil.rmtree, folder, ignore_errors=True)


class FixtureNamer:
    """Names the fixture being set up in FIXTURE. A plugin, not a hook of this conftest: pytest
    asks the session's hooks, which leave out tests/conftest.py, for session fixtures."""

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef):
        outer = os.environ.get(FIXTURE)
        os.environ[FIXTURE] = fixturedef.argname
        try:
            return (yield)
        finally:
            if outer is None:
                os.environ.pop(FIXTURE, None)
            else:
                os.environ[FIXTURE] = outer


def pytest_unconfigure(config):
    _, previous = config.stash[EXECUTIONS]
    if previous is None:
        os.environ.pop("IPYTHONDIR", None)
    else:
        os.environ["IPYTHONDIR"] = previous


def pytest_terminal_summary(terminalreporter, config):
    from briefing.chapters import registry

    folder, _ = config.stash[EXECUTIONS]
    log = folder / "executions.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    runs = [line.split("\t", 1) for line in lines if line.split("\t", 1)[0]]
    notebooks = len(registry.notebooks())
    # A full execution runs every notebook: count them where they ran (the folder holding the
    # notebooks' downloads folders, one per build or run), a whole set of notebooks each.
    places = collections.Counter((str(Path(downloads).parent), asker) for downloads, asker in runs)
    full = sum(count // notebooks for count in places.values())
    terminalreporter.write_sep("-", "notebook executions")
    terminalreporter.write_line(
        f"full executions of the {notebooks} notebooks: {full}; notebook executions in all: "
        f"{len(runs)} (= {len(runs) / notebooks:.1f} times {notebooks})"
    )
    # Where they ran: a fixture is named in the file of the first test that asked for it.
    for asker, count in collections.Counter(asker for _, asker in runs).most_common():
        terminalreporter.write_line(f"  {count:4d}  {asker or '(outside a test)'}")
