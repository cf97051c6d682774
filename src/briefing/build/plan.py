"""Decide whether an executed notebook can be reused: content keys, not timestamps.

A notebook's key covers its code cells, the parameters, the source of the package modules
it imports (transitively), the versions of the key dependencies and an epoch constant.
Its record also lists every data file it read, with their sha256. An unchanged key and
unchanged reads reuse the executed notebook; a missing or corrupt record means run again.
"""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import nbformat

from briefing import paths

# Bump to force every notebook to run again (for example after a change in how they run).
EPOCH = 1
KEY_PACKAGES = [
    "pandas",
    "plotly",
    "papermill",
    "kaleido",
    "nbclient",
    "ipykernel",
    "frictionless",
    "pycountry",
]
PACKAGE = "briefing"


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


def render_key(files: list[Path], extra: dict) -> str:
    """Key of everything a render reads: executed notebooks, pages, config, templates, code."""
    digest = hashlib.sha256(json.dumps({"epoch": EPOCH, **extra}, sort_keys=True).encode())
    # Names, not full paths: the same notebooks key alike in staging and once published.
    for file in sorted(files, key=lambda f: (f.parent.name, f.name)):
        digest.update(f"{file.parent.name}/{file.name}".encode())
        digest.update(file_sha256(file).encode())
    return digest.hexdigest()


def record_path(executed: Path) -> Path:
    return executed.with_suffix(".key.json")


def static_key(source: Path, parameters: dict[str, str], package_dir: Path = paths.PACKAGE) -> str:
    nb = nbformat.read(source, as_version=4)
    code = [
        cell.source
        for cell in nb.cells
        if cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get("tags", [])
    ]
    modules = imported_modules(code, package_dir)
    parts = {
        "epoch": EPOCH,
        "code": code,
        "parameters": parameters,
        "modules": {name: file_sha256(package_dir / rel) for name, rel in sorted(modules.items())},
        "versions": {name: _version(name) for name in KEY_PACKAGES},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def imported_modules(code: list[str], package_dir: Path = paths.PACKAGE) -> dict[str, str]:
    """Modules of the package that the code imports, directly or through each other.

    Maps dotted module name to its file, relative to the package directory.
    """
    found: dict[str, str] = {}
    pending = [_imports_of("\n".join(_strip_magics(c) for c in code), PACKAGE)]
    while pending:
        for name in pending.pop():
            if name in found:
                continue
            file = _module_file(name, package_dir)
            if file is None:
                continue
            found[name] = file.relative_to(package_dir).as_posix()
            pending.append(
                _imports_of(
                    file.read_text(encoding="utf-8"), name, is_package=file.name == "__init__.py"
                )
            )
    return found


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
        path = Path(file)
        if not path.exists():
            return Verdict(False, f"{path.name} is gone")
        if file_sha256(path) != digest:
            return Verdict(False, f"{path.name} changed")
    return Verdict(True, "unchanged")


def write_record(executed: Path, key: str, reads: list[Path]) -> None:
    record = {"key": key, "reads": {str(p): file_sha256(p) for p in reads if p.exists()}}
    record_path(executed).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def _imports_of(text: str, current: str, is_package: bool = False) -> set[str]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    base = current if is_package else current.rpartition(".")[0] or current
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.split(".")[0] == PACKAGE}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base
                for _ in range(node.level - 1):
                    parent = parent.rpartition(".")[0]
                module = f"{parent}.{node.module}" if node.module else parent
            else:
                module = node.module or ""
            if module.split(".")[0] != PACKAGE:
                continue
            names.add(module)
            names |= {f"{module}.{a.name}" for a in node.names}
    # A submodule import runs its parents' __init__ too.
    for name in list(names):
        parts = name.split(".")
        names |= {".".join(parts[:i]) for i in range(1, len(parts))}
    return names


def _module_file(name: str, package_dir: Path) -> Path | None:
    parts = name.split(".")[1:]
    candidate = package_dir.joinpath(*parts)
    if (candidate / "__init__.py").is_file():
        return candidate / "__init__.py"
    if candidate.with_suffix(".py").is_file():
        return candidate.with_suffix(".py")
    return None


def _strip_magics(cell: str) -> str:
    return "\n".join(line for line in cell.splitlines() if not line.lstrip().startswith(("%", "!")))


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
