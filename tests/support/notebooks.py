"""Changing a project copy's notebooks for the length of a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat


@contextmanager
def failing_cell(root: Path, source: str = 'raise ValueError("boom")') -> Iterator[Path]:
    """Append a harmless cell and ``source`` (which raises) to a chapter's notebook in the copy."""
    path = root / "notebooks" / "sources.ipynb"
    original = path.read_bytes()
    nb = nbformat.read(path, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)
    try:
        yield path
    finally:
        path.write_bytes(original)
