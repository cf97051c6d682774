"""A copy of the project's sources, and the `briefing` command run on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a build reads: everything else (the environment, build products) stays behind.
# The package is copied too and put first on PYTHONPATH, so a test may change a module
# of the copy without touching the project.
PROJECT_PARTS = [
    "_quarto.yml",
    "_quarto-*.yml",
    "babel.cfg",
    "ja",
    "pyproject.toml",
    "notebooks",
    "data",
    "scripts",
    "src",
    "*.qmd",
    "*.scss",
]
BRIEFING = Path(sys.executable).with_name("briefing")
# The local tables (git-ignored, made on each machine): a fresh clone has none, so no copy has.
LOCAL_TABLES = ("data/derived/entity_list_china_entries.*",)


def _ignored(folder: str, names: list[str]) -> set[str]:
    ignored = set(shutil.ignore_patterns("__pycache__", "*.egg-info")(folder, names))
    here = Path(folder)
    return ignored | {n for n in names for p in LOCAL_TABLES if (here / n).match(p)}


def copy_project(target: Path) -> Path:
    """A copy of the project's sources in ``target``, as a fresh clone would have them."""
    target.mkdir(parents=True, exist_ok=True)
    for pattern in PROJECT_PARTS:
        for source in ROOT.glob(pattern):
            if source.is_dir():
                shutil.copytree(
                    source,
                    target / source.name,
                    ignore=_ignored,
                )
            else:
                shutil.copy2(source, target / source.name)
    return target


def copy_built(built: Path, target: Path) -> Path:
    """A copy of a built project, its reports/ included (executed notebooks, their records, the
    site, the image cache): a build in the copy runs again only what the test changes."""
    shutil.copytree(
        built,
        target,
        symlinks=True,
        ignore=shutil.ignore_patterns("__pycache__", ".staging-*", ".build.lock"),
    )
    return target


# Where test builds say the site is published (BRIEFING_SITE_URL): the PDF's links resolve there.
SITE_URL = "https://example.org/briefing/"
# The session's build (tests/conftest.py): its edition, and its environment, which fixes the
# build's date so that another build of the same inputs is byte for byte the same.
SESSION_AS_OF = "2026-11-01"
# The shared material sits beside the project, not beside the copy: pointed at, as a fresh
# clone with ../shared beside it has it, so the build makes the local tables from it.
SESSION_ENV = {
    "BRIEFING_SITE_URL": SITE_URL,
    "SOURCE_DATE_EPOCH": "1767225600",
    "BRIEFING_SHARED": os.environ.get("BRIEFING_SHARED", str(ROOT.parent / "shared")),
}


# papermill's command line with the build's engine registered: its kernels listen on private
# Unix sockets, so notebooks run in parallel never race for a TCP port.
PAPERMILL = [
    sys.executable,
    "-c",
    "import briefing.book.execute, papermill.cli; papermill.cli.papermill()",
]


def run_briefing(
    root: Path,
    *args: str,
    check: bool = True,
    env: dict | None = None,
    base: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run the `briefing` command on the project copy at ``root``, in ``base`` (else this
    process's environment) with ``env`` added."""
    full_env = {
        **(os.environ if base is None else base),
        "BRIEFING_ROOT": str(root),
        "PYTHONPATH": str(root / "src"),
        **(env or {}),
    }
    result = subprocess.run(
        [str(BRIEFING), *args], cwd=root, env=full_env, capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"briefing {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def execute_notebook_editions(
    notebook: Path, editions: list[tuple[str, str]], out: Path, env: dict | None = None
) -> dict[tuple[str, str], tuple[object, Path]]:
    """Run ``notebook`` with papermill once per (as_of, focus), in parallel processes.

    Each run writes its CSV downloads into its own folder under ``out`` (never the
    project's reports/). Returns, per edition, the executed notebook and that folder.
    ``env`` maps an edition to extra environment variables, or applies to all.
    """
    import nbformat

    running = {}
    for as_of, focus in editions:
        downloads = out / f"downloads-{as_of}-{focus}"
        target = out / f"{notebook.stem}-{as_of}-{focus}.ipynb"
        extra = (env or {}).get((as_of, focus), {})
        command = [
            *PAPERMILL,
            str(notebook),
            str(target),
            "-p",
            "as_of",
            as_of,
            "-p",
            "focus",
            focus,
            "-k",
            "briefing",
            "--engine",
            "briefing",
        ]
        process_env = {**os.environ, "BRIEFING_DOWNLOADS": str(downloads), **extra}
        running[(as_of, focus)] = (
            target,
            downloads,
            subprocess.Popen(
                command, env=process_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            ),
        )
    results = {}
    for edition, (target, downloads, process) in running.items():
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output.decode(errors="replace")[-3000:]
        results[edition] = (nbformat.read(target, as_version=4), downloads)
    return results
