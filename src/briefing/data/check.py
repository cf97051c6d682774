"""Every table validated before any notebook runs; unchanged files are not validated twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing import paths
from briefing.data import package, validated
from briefing.errors import ParameterError
from briefing.params import Parameters


def check(
    edition: Parameters, *, reports: Path = paths.REPORTS, datapackage: Path = paths.DATAPACKAGE
) -> None:
    """Validate every table (DataError on the first problem) and check as_of against the data."""
    cache = validated.read(reports)
    fresh = {}
    for table in package.tables(datapackage):
        digest = validated.digest([datapackage, *table.files])
        entry = cache.get(table.name, {})
        if entry.get("digest") != digest:
            entry = {"digest": digest, "first": _validate(table, datapackage)}
        fresh[table.name] = entry
    validated.write(fresh, reports)
    starting = package.first_events(datapackage)
    first = dt.date.fromisoformat(fresh[starting.name]["first"])
    if edition.as_of < first:
        raise ParameterError(
            f"as_of {edition.as_of.isoformat()} is before the data begins "
            f"({starting.name} starts on {first.isoformat()})"
        )


def _validate(table: package.Table, datapackage: Path) -> str | None:
    # Imported here: a build with unchanged data never pays for frictionless and pandas.
    from briefing.data import tables

    frame = tables.load(table.name, datapackage=datapackage)
    return frame[table.date_column].min().date().isoformat() if table.starts_data else None
