"""Content keys: what a build step's result depends on, as one digest (never timestamps).

A key covers the code the step runs (a notebook's code cells, or the import lines naming the
render's entry modules), the source of every package module that code imports, directly or
through each other, the files it reads, its parameters, the versions of the key dependencies
and an epoch constant. The same inputs give the same key wherever the project sits.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

from briefing import paths
from briefing.hashing import sha256_bytes, sha256_file, sha256_json

# Bump to force every step to run again (for example after a change in how they run).
EPOCH = 2
KEY_PACKAGES = [
    "pandas",
    "plotly",
    "papermill",
    "kaleido",
    "nbclient",
    "ipykernel",
    "frictionless",
    "pycountry",
    "pypandoc-binary",
    "typst",
]
PACKAGE = "briefing"


def content_key(
    *,
    code: list[str],
    parameters: dict,
    files: list[Path] = (),
    package_dir: Path = paths.PACKAGE,
) -> str:
    """One digest of the code, the package modules it imports, the files, parameters and versions."""
    modules = imported_modules(code, package_dir)
    parts = {
        "epoch": EPOCH,
        "code": list(code),
        "parameters": parameters,
        "modules": {name: sha256_file(package_dir / rel) for name, rel in sorted(modules.items())},
        # Names, not full paths: the same files key alike in a staging folder and once published.
        "files": [
            [f"{file.parent.name}/{file.name}", sha256_file(file)]
            for file in sorted(files, key=lambda f: (f.parent.name, f.name))
        ],
        "versions": {name: _version(name) for name in KEY_PACKAGES},
    }
    return sha256_json(parts)


def imported_modules(code: list[str], package_dir: Path = paths.PACKAGE) -> dict[str, str]:
    """Modules of the package that the code imports, directly or through each other.

    Maps dotted module name to its file, relative to the package directory.
    """
    known = _known_imports()
    learnt = len(known)
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
            text = file.read_text(encoding="utf-8")
            is_package = file.name == "__init__.py"
            entry = f"{name} {is_package} {sha256_bytes(text.encode())}"
            if entry not in known:
                known[entry] = sorted(_imports_of(text, name, is_package))
            pending.append(known[entry])
    if len(known) > learnt:
        _keep_imports(known)
    return found


# What each module imports, by its name, kind and the sha256 of its text, kept between builds:
# a build with nothing to do hashes the package's modules instead of parsing every one again.
IMPORTS_CACHE = paths.REPORTS / ".module-imports.json"


@cache
def _known_imports() -> dict[str, list[str]]:
    try:
        known = json.loads(IMPORTS_CACHE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def _keep_imports(known: dict[str, list[str]]) -> None:
    if not IMPORTS_CACHE.parent.is_dir():
        return  # nothing built here yet
    # Written whole, then renamed: a reader never sees half a file.
    partial = IMPORTS_CACHE.with_name(f"{IMPORTS_CACHE.name}.{os.getpid()}")
    partial.write_text(json.dumps(known, sort_keys=True), encoding="utf-8")
    os.replace(partial, IMPORTS_CACHE)


# Keyed by the text: the code cells of several notebooks share their imports.
@cache
def _imports_of(text: str, current: str, is_package: bool = False) -> frozenset[str]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return frozenset()
    base = current if is_package else current.rpartition(".")[0] or current
    names = set()
    for node in _import_statements(tree):
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
    return frozenset(names)


# The fields of a statement that hold statements (an import is a statement, never in an
# expression): walking only these finds every import, at any depth, without visiting each node.
STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")


def _import_statements(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        else:
            for name in STATEMENT_LISTS:
                pending.extend(getattr(node, name, ()))


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


@cache
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
