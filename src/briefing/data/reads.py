"""Record which data files a notebook read, so a rebuild knows exactly what it depends on.

The build sets BRIEFING_READS_LOG for each notebook's kernel; every loader calls `record`.
Outside a build (tests, JupyterLab) nothing is recorded.

A read is a whole file, or one table's entry in a data package ("datapackage.json#name"):
a notebook that loads one table depends on that table's declaration, not on every other
table's, so declaring a new table re-runs only the notebooks that list every table.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from briefing.hashing import sha256_file, sha256_json

ENV = "BRIEFING_READS_LOG"
PART = "#"


def record(*files: Path) -> None:
    _write(str(Path(file).resolve()) for file in files)


def record_table(datapackage: Path, name: str) -> None:
    """A read of one table's entry in ``datapackage`` (and the package's own fields)."""
    _write([f"{Path(datapackage).resolve()}{PART}{name}"])


def _write(entries) -> None:
    log = os.environ.get(ENV)
    if not log:
        return
    with open(log, "a", encoding="utf-8") as out:
        out.writelines(f"{entry}\n" for entry in entries)


def recorded(log: Path) -> list[str]:
    """The reads a log holds: paths, some with a table's name after PART."""
    if not log.exists():
        return []
    return sorted({line for line in log.read_text(encoding="utf-8").splitlines() if line})


def digest(read: str) -> str | None:
    """The sha256 of what a read names (None if its file is gone)."""
    path, _, name = read.partition(PART)
    file = Path(path)
    if not file.is_file():
        return None
    if not name:
        return sha256_file(file)
    descriptor = json.loads(file.read_text(encoding="utf-8"))
    entries = [r for r in descriptor.get("resources", []) if r.get("name") == name]
    package = {key: value for key, value in descriptor.items() if key != "resources"}
    return sha256_json({"package": package, "table": entries})
