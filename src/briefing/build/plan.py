"""Decide whether an executed notebook can be reused: content keys, not timestamps.

A notebook's key covers its code cells, the parameters, the source of the package modules
it imports (transitively), the versions of the key dependencies and an epoch constant.
Its record also lists every data file it read, with their sha256. An unchanged key and
unchanged reads reuse the executed notebook; a missing or corrupt record means run again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from briefing import cells, paths
from briefing.build import keys
from briefing.hashing import sha256_file


@dataclass(frozen=True)
class Verdict:
    reuse: bool
    reason: str


@dataclass(frozen=True)
class Planned:
    source: Path
    key: str
    run: bool
    reason: str


@dataclass(frozen=True)
class Outcome:
    name: str
    ran: bool
    reason: str
    seconds: float


def plan(
    notebooks: list[Path], parameters: dict[str, str], previous: Path, *, force: bool = False
) -> list[Planned]:
    """For each notebook: its key, and whether it must run (and why) or can be reused."""
    planned = []
    for source in notebooks:
        key = static_key(source, parameters)
        if force:
            planned.append(Planned(source, key, True, "--force"))
            continue
        verdict_ = verdict(source, previous / source.name, key)
        planned.append(Planned(source, key, not verdict_.reuse, verdict_.reason))
    return planned


def record_path(executed: Path) -> Path:
    return executed.with_suffix(".key.json")


def static_key(source: Path, parameters: dict[str, str], package_dir: Path = paths.PACKAGE) -> str:
    """A notebook's key: its code cells (not papermill's injected cell) and the parameters."""
    nb = nbformat.read(source, as_version=4)
    code = [
        cell.source
        for cell in nb.cells
        if cell.cell_type == "code" and cells.INJECTED not in cell.metadata.get("tags", [])
    ]
    return keys.content_key(code=code, parameters=parameters, package_dir=package_dir)


def verdict(source: Path, executed: Path, key: str) -> Verdict:
    record = record_path(executed)
    if not executed.exists():
        return Verdict(False, "no executed notebook yet")
    try:
        saved = json.loads(record.read_text(encoding="utf-8"))
        saved_key, reads = saved["key"], saved["reads"]
    except FileNotFoundError:
        return Verdict(False, "no record of the last run")
    except (ValueError, KeyError, TypeError):
        return Verdict(False, "record of the last run is corrupt")
    if saved_key != key:
        return Verdict(False, "code, parameters, package modules or dependencies changed")
    for file, digest in sorted(reads.items()):
        path = paths.ROOT / file  # relative to the project: a copied project reuses its runs
        if not path.exists():
            return Verdict(False, f"{path.name} is gone")
        if sha256_file(path) != digest:
            return Verdict(False, f"{path.name} changed")
    return Verdict(True, "unchanged")


def write_record(executed: Path, key: str, reads: list[Path]) -> None:
    record = {"key": key, "reads": {_relative(p): sha256_file(p) for p in reads if p.exists()}}
    record_path(executed).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def _relative(path: Path) -> str:
    """A read's path from the project root (as given when it lies outside the project)."""
    return path.relative_to(paths.ROOT).as_posix() if path.is_relative_to(paths.ROOT) else str(path)
