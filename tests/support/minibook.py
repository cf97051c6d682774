"""A miniature book (tests/fixtures/minibook): one table, two notebooks, two pages.

The machinery's tests build it in-process, in seconds, with the same pipeline as the briefing:
`one.ipynb` reads the table and writes a CSV download, `two.ipynb` reads no data (and sleeps
for MINIBOOK_SLEEP seconds, so a test can stop a build while it runs). Its Quarto scripts run
the build's hooks on it (`hook`), with `tests/` on PYTHONPATH.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from rich.console import Console

from briefing import params
from briefing.book import hooks, pipeline
from briefing.book.project import Project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minibook"
TESTS = Path(__file__).resolve().parents[1]
NOTEBOOKS = ("one.ipynb", "two.ipynb")
AS_OF = "2026-11-01"


def project(root: Path) -> Project:
    return Project(root, tuple(root / "notebooks" / name for name in NOTEBOOKS))


def copy(target: Path) -> Project:
    """A fresh copy of the miniature book at ``target``."""
    shutil.copytree(FIXTURE, target)
    return project(target)


def build(book: Project, as_of: str = AS_OF, *, console: Console | None = None, **options) -> None:
    """`briefing build` of ``book`` (options: focus, previous_as_of, jobs, force)."""
    edition = params.parse(as_of, options.pop("focus", "JP"), options.pop("previous_as_of", None))
    pipeline.build_all(book, edition, console or Console(quiet=True), **options)


def execute(book: Project, as_of: str = AS_OF, **options) -> None:
    """`briefing execute` of ``book``."""
    edition = params.parse(as_of, options.pop("focus", "JP"), options.pop("previous_as_of", None))
    pipeline.execute_only(book, edition, Console(quiet=True), **options)


def hook(name: str) -> None:
    """Quarto's ``name`` hook on the miniature book in the working directory (its scripts)."""
    hooks.main(name, project(Path.cwd()), Console(stderr=True))


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its sha256: equal dicts mean byte-identical trees."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def executed_hashes(book: Project) -> dict[str, str]:
    """The executed notebooks: one that ran again is a new file (papermill records new times)."""
    return {name: value for name, value in tree_hashes(book.executed).items() if name in NOTEBOOKS}


@contextmanager
def appended_cell(book: Project, notebook: str, source: str) -> Iterator[Path]:
    """``source`` appended to a notebook of ``book`` for the length of the block."""
    path = book.root / "notebooks" / notebook
    original = path.read_bytes()
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(source))
    nbformat.write(nb, path)
    try:
        yield path
    finally:
        path.write_bytes(original)


def environment(**extra: str) -> dict[str, str]:
    """The environment of a process that runs the hooks or a build of the miniature book."""
    search = os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": search, "QUARTO_PYTHON": sys.executable, **extra}


def main() -> None:
    """A build of the miniature book in the working directory, as its own process."""
    build(project(Path.cwd()))


if __name__ == "__main__":
    main()
