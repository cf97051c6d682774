"""Every table validated before any notebook runs; unchanged files are not validated twice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from . import paths, validated
from .errors import ParameterError
from .params import Parameters

# The table whose first event marks the start of the data, and its date column.
FIRST_EVENTS = ("restrictions", "announced")


def check(
    edition: Parameters, *, reports: Path = paths.REPORTS, datapackage: Path = paths.DATAPACKAGE
) -> None:
    """Validate every table (DataError on the first problem) and check as_of against the data."""
    cache = validated.read(reports)
    package = json.loads(datapackage.read_text(encoding="utf-8"))
    fresh = {}
    for resource in package["resources"]:
        name = resource["name"]
        files = [
            datapackage,
            datapackage.parent / resource["path"],
            datapackage.parent / resource["schema"],
        ]
        digest = validated.digest(files)
        entry = cache.get(name, {})
        if entry.get("digest") != digest:
            entry = {"digest": digest, "first": _validate(name, datapackage)}
        fresh[name] = entry
    validated.write(fresh, reports)
    name, _ = FIRST_EVENTS
    first = dt.date.fromisoformat(fresh[name]["first"])
    if edition.as_of < first:
        raise ParameterError(
            f"as_of {edition.as_of.isoformat()} is before the data begins ({name} starts on {first.isoformat()})"
        )


def _validate(name: str, datapackage: Path) -> str | None:
    # Imported here: a build with unchanged data never pays for frictionless and pandas.
    from . import tables

    frame = tables.load(name, datapackage=datapackage)
    table, column = FIRST_EVENTS
    return frame[column].min().date().isoformat() if name == table else None
