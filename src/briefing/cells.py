"""Notebook cells as Quarto reads them: `#|` options (label, captions) at the top of a cell."""

from __future__ import annotations

import re
from functools import cache

import yaml

CELL_OPTION = re.compile(r"^#\|\s?(.*)$")
INJECTED = "injected-parameters"
# Markdown cells papermill adds to a failed notebook, after it counted the cells.
PAPERMILL_ERROR = "papermill-error-cell-tag"


def options(cell) -> dict:
    """The cell's `#|` options, as YAML (an empty dict when it has none)."""
    lines = []
    for line in cell.source.splitlines():
        match = CELL_OPTION.match(line)
        if not match:
            break
        lines.append(match.group(1))
    return dict(_parse("\n".join(lines))) if lines else {}


# The renderer asks for the same cells' options many times (every embed, every reference).
@cache
def _parse(text: str) -> dict:
    return yaml.safe_load(text) or {}


def describe(nb, index: int) -> str:
    """How a person finds cell ``index`` of an executed notebook in the source notebook.

    By its label when it has one, else by its position among the source notebook's code
    cells (papermill's injected-parameters cell is not in the source, so it is not counted).
    """
    executed = [c for c in nb.cells if PAPERMILL_ERROR not in c.metadata.get("tags", [])]
    cell = executed[index]
    label = options(cell).get("label")
    position = sum(
        1
        for other in executed[: index + 1]
        if other.cell_type == "code" and INJECTED not in other.metadata.get("tags", [])
    )
    where = f"code cell {position}"
    return f"the cell labelled {label!r} ({where})" if label else where
