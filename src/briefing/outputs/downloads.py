"""CSV downloads of each chapter's tables, safe to open in a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import paths
from briefing.translation import _

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Make a text cell inert in a spreadsheet by prefixing a quote to formula-like text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, name: str, directory: Path | None = None) -> Path:
    """Write ``frame`` as ``<directory>/<name>.csv`` (by default ``paths.downloads()``) with
    formulas neutralized and a stable layout."""
    directory = paths.downloads() if directory is None else directory
    directory.mkdir(parents=True, exist_ok=True)
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize)
    target = directory / f"{name}.csv"
    safe.to_csv(target, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return target


def link(name: str, label: str) -> str:
    """Markdown link to a download, relative to the book's pages; ``label`` is said by the
    caller in the edition's language.

    Relative, so that it holds in every edition's folder: the Japanese pages (in the site's
    ``ja/``) link the copy of the downloads beside them, ``ja/reports/downloads/``."""
    text = _("{label} (CSV)").format(label=label)
    return f"[{text}]({paths.DOWNLOADS_HREF}/{name}.csv)"
