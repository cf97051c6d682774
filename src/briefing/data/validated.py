"""The record of tables the build has validated, so nothing validates the same bytes twice.

The build validates every table before any notebook runs (datacheck) and records a digest
of each table's files; a notebook's `tables.load` skips the schema check only when the
files it is about to read still have that digest. Within one process (a chapter's
computations, `briefing status`, a test session), files whose checks passed once are not
checked again either.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing import paths
from briefing.hashing import sha256_bytes

RECORD = ".validated.json"


def digest(files: list[Path]) -> str:
    """One digest of a table's files: the data package, its CSV and its schema, in that order."""
    return sha256_bytes(b"".join(file.read_bytes() for file in files))


def read(reports: Path = paths.REPORTS) -> dict:
    try:
        return json.loads((reports / RECORD).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def write(record: dict, reports: Path = paths.REPORTS) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    (reports / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def is_validated(name: str, files: list[Path], reports: Path = paths.REPORTS) -> bool:
    entry = read(reports).get(name)
    return bool(entry) and entry.get("digest") == digest(files)


# (table, digest) whose checks passed in this process; a failure raises and is never kept.
# (csv_file keeps its schema check by the CSV's bytes alone: a copy of the data package with
# another table changed checks this table's cells once.)
_PASSED: set[tuple[str, str]] = set()


def passed_key(name: str, files: list[Path]) -> tuple[str, str] | None:
    """What marks ``name``'s files as they are now, or None where one is missing (the checks
    then say which)."""
    try:
        return name, digest(files)
    except FileNotFoundError:
        return None


def passed_here(key: tuple[str, str] | None) -> bool:
    return key in _PASSED


def remember_passed(key: tuple[str, str] | None) -> None:
    if key is not None:
        _PASSED.add(key)
