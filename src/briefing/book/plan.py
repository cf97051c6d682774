"""Decide whether an executed notebook can be reused: content keys, not timestamps.

A notebook's key covers its code cells, the parameters, the source of the package modules
it imports (transitively), the versions of the key dependencies and an epoch constant.
Its record also lists every data file it read, relative to the project's root, with their
sha256: a copy of a built project elsewhere reuses what its changes do not touch. An unchanged key and
unchanged reads reuse the executed notebook; a missing or corrupt record means run again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from briefing import cells, paths, translation
from briefing.book import keys
from briefing.data import reads as data_reads


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
    # What the notebook is run with, and the folder of its edition's language within
    # reports/executed ("" for English, "ja" for Japanese).
    parameters: dict[str, str] = field(default_factory=dict)
    folder: str = ""

    @property
    def name(self) -> str:
        """The executed notebook's path within reports/executed: "adoption.ipynb", "ja/adoption.ipynb"."""
        return f"{self.folder}/{self.source.name}" if self.folder else self.source.name


@dataclass(frozen=True)
class Outcome:
    name: str
    ran: bool
    reason: str
    seconds: float


def plan(
    notebooks: list[Path],
    parameters: dict[str, str],
    previous: Path,
    root: Path,
    *,
    package_dir: Path = paths.PACKAGE,
    force: bool = False,
    folder: str = "",
) -> list[Planned]:
    """For each notebook: its key, and whether it must run (and why) or can be reused.

    ``previous``: the executed notebooks of the last build (of this language: ``folder``
    within reports/executed); ``root``: the project's root, which the records' reads are
    relative to; ``package_dir``: the package the notebooks import.
    """
    planned = []
    for source in notebooks:
        key = static_key(source, parameters, package_dir)
        if force:
            planned.append(Planned(source, key, True, "--force", parameters, folder))
            continue
        verdict_ = verdict(previous / source.name, key, root)
        planned.append(
            Planned(source, key, not verdict_.reuse, verdict_.reason, parameters, folder)
        )
    return planned


def record_path(executed: Path) -> Path:
    return executed.with_suffix(".key.json")


def static_key(source: Path, parameters: dict[str, str], package_dir: Path = paths.PACKAGE) -> str:
    """A notebook's key: its code cells (not papermill's injected cell) and the parameters,
    and for an edition in another language its catalog, whose words the kernel says."""
    # Read as JSON, not with nbformat: a build with nothing to do skips nbformat's import and
    # schema. A cell's source is a string or, as nbformat writes it, its lines.
    nb = json.loads(source.read_text(encoding="utf-8"))
    code = [
        "".join(cell["source"])
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        and cells.INJECTED not in cell.get("metadata", {}).get("tags", [])
    ]
    language = parameters.get("edition_language", translation.SOURCE)
    catalog = translation.catalog_path(language, package_dir / "locale")
    files = [catalog] if language != translation.SOURCE and catalog.is_file() else []
    return keys.content_key(code=code, parameters=parameters, files=files, package_dir=package_dir)


def verdict(executed: Path, key: str, root: Path) -> Verdict:
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
    for read, digest in sorted(reads.items()):
        now = data_reads.digest(str(root / read))
        file, _, table = read.partition(data_reads.PART)
        name = Path(file).name + (f" (table {table})" if table else "")
        if now is None:
            return Verdict(False, f"{name} is gone")
        if now != digest:
            return Verdict(False, f"{name} changed")
    return Verdict(True, "unchanged")


def write_record(executed: Path, key: str, reads: list[str], root: Path) -> None:
    """The key and every read (relative to ``root`` where it lies under it) with its hash."""
    root = root.resolve()
    found = {}
    for read in reads:
        digest = data_reads.digest(read)
        if digest is not None:
            found[_relative(read, root)] = digest
    record = {"key": key, "reads": found}
    record_path(executed).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def _relative(read: str, root: Path) -> str:
    path = Path(read.partition(data_reads.PART)[0])
    rest = read[len(str(path)) :]
    return (path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)) + rest
