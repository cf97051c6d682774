"""Content keys: what a build step's result depends on, as one digest (never timestamps).

A key covers the code the step runs (a notebook's code cells, or the import lines naming the
render's entry modules), the source of every package module that code imports, directly or
through each other (grimp's import graph), the files it reads, its parameters, the versions of the key dependencies
and an epoch constant. The same inputs give the same key wherever the project sits.
"""

from __future__ import annotations

import ast
from functools import cache
from importlib import metadata
from pathlib import Path

import grimp

from briefing import paths
from briefing.hashing import sha256_file, sha256_json

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

    Maps dotted module name to its file, relative to the package directory. The code's own
    import lines are read here; what those modules import in turn comes from grimp's graph.
    """
    graph = _graph()
    named = {name for name in _imports_of(code) if name in graph.modules}
    found = set(named)
    for name in named:
        found |= graph.find_upstream_modules(name)
    # Importing a submodule runs its parents' __init__ too, and whatever they import.
    for name in list(found):
        for parent in _parents(name):
            if parent not in found:
                found |= {parent, *graph.find_upstream_modules(parent)}
    files = {name: _module_file(name, package_dir) for name in found}
    return {
        name: file.relative_to(package_dir).as_posix()
        for name, file in sorted(files.items())
        if file is not None
    }


@cache
def _graph() -> grimp.ImportGraph:
    """The package's import graph, built once per process (no cache on disk)."""
    return grimp.build_graph(PACKAGE, cache_dir=None)


def _imports_of(code: list[str]) -> set[str]:
    """The package's modules the code names in its import lines (a module or its attribute)."""
    names = set()
    for cell in code:
        try:
            tree = ast.parse(_strip_magics(cell))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return {name for name in names if name.split(".")[0] == PACKAGE}


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


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
