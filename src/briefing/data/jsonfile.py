"""Reading the project's own JSON files: a missing or malformed one is a DataError naming it."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.errors import DataError


def read(path: Path, what: str = "file") -> object:
    """The parsed JSON at ``path``; DataError when it is missing or not JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, f"{what} not found") from None
    except ValueError as exc:
        raise DataError(path, f"not valid JSON: {exc}") from None
