"""What each table is, as `data/datapackage.json` declares it: file, schema, dating and sources.

Every resource carries a `briefing` block, read here and nowhere else:

- `as_of`: how an edition cuts the table. `{"column": C}` keeps rows dated on or before the
  edition date; `{"column": C, "period": "year"}` keeps whole years that had ended by then.
- `sources`: the columns holding each row's source (`url`, `publisher`, `date`, optionally
  `title`, and `kind`, which is always the column `source_kind`: the kind of source, from the
  codebook's vocabulary), or `{"provenance": PATH}` for a derived table whose source is its
  provenance record.
- `starts_data` (one table): its earliest date is where the data begins; earlier editions
  are refused.
- `codebook` (optional): the codebook (data/codebook.json) whose vocabulary and level rules
  the table's coded columns follow; every load checks the rules. A table with a
  `source_kind` column follows the codebook whether it names it or not (the kind of source
  caps a row's confidence), so its codebook is data/codebook.json unless it names another.
- `item` (optional): how the summary's "what changed" names one new row, a template of the
  table's columns (`"{jurisdiction}: {title}"`; a `jurisdiction` column reads as the
  jurisdiction's name). Without it, the new rows are counted, not named.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing import paths
from briefing.data import jsonfile
from briefing.errors import DataError

SOURCE_ROLES = ("url", "publisher", "date", "title", "kind")
# Every curated table names the kind of each row's source in a column of this name.
SOURCE_KIND = "source_kind"
DEFAULT_CODEBOOK = "codebook.json"
PERIODS = ("day", "year")


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    path: Path
    schema_path: Path
    date_column: str
    period: str  # "day" or "year"
    source_columns: dict[str, str]  # role -> column; empty for a derived table
    provenance: Path | None
    starts_data: bool
    codebook: Path | None = None
    item: str | None = None  # the template naming one row in "what changed"

    @property
    def files(self) -> list[Path]:
        """The files whose bytes make the table: its CSV, its schema, its codebook if it has one
        (and the package itself)."""
        return [self.path, *self.rule_files]

    @property
    def rule_files(self) -> list[Path]:
        """The files that say what the table's cells may hold: its schema and its codebook."""
        return [self.schema_path, *([self.codebook] if self.codebook else [])]

    def schema(self) -> dict:
        return json.loads(self.schema_path.read_text(encoding="utf-8"))


def tables(datapackage: Path = paths.DATAPACKAGE) -> list[Table]:
    """Every declared table, in the order of the data package."""
    return list(_declared(datapackage.resolve()).values())


def table(name: str, datapackage: Path = paths.DATAPACKAGE) -> Table:
    declared = _declared(datapackage.resolve())
    if name not in declared:
        raise DataError(
            datapackage, f"no table named {name!r}; known tables: {', '.join(declared)}"
        )
    return declared[name]


def names(datapackage: Path = paths.DATAPACKAGE) -> list[str]:
    return [t.name for t in tables(datapackage)]


def first_events(datapackage: Path = paths.DATAPACKAGE) -> Table:
    """The table whose earliest date marks the start of the data."""
    starting = [t for t in tables(datapackage) if t.starts_data]
    if len(starting) != 1:
        raise DataError(datapackage, 'exactly one table must declare "starts_data": true')
    return starting[0]


@cache
def _declared(datapackage: Path) -> dict[str, Table]:
    descriptor = jsonfile.read(datapackage)
    declared = {}
    for index, resource in enumerate(descriptor.get("resources", []), start=1):
        declared[resource.get("name", f"#{index}")] = _table(datapackage, index, resource)
    return declared


def _table(datapackage: Path, index: int, resource: dict) -> Table:
    def problem(field: str, message: str) -> DataError:
        return DataError(datapackage, message, row=index, field=field)

    for key in ("name", "path", "schema"):
        if not isinstance(resource.get(key), str):
            raise problem(key, f"resource {index} needs a {key!r}")
    name = resource["name"]
    spec = resource.get("briefing")
    if not isinstance(spec, dict):
        raise problem("briefing", f"table {name!r} does not declare how it is dated and sourced")
    base = datapackage.parent
    schema_path = base / resource["schema"]
    try:
        fields = {
            f["name"]: f for f in json.loads(schema_path.read_text(encoding="utf-8"))["fields"]
        }
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        raise problem(
            "schema", f"table {name!r}: schema {resource['schema']} is missing or unreadable"
        ) from None

    as_of = spec.get("as_of") or {}
    column = as_of.get("column")
    period = as_of.get("period", "day")
    if column not in fields:
        raise problem(
            "briefing.as_of.column", f"table {name!r}: date column {column!r} is not in its schema"
        )
    if period not in PERIODS:
        raise problem(
            "briefing.as_of.period", f"table {name!r}: period {period!r} is not one of {PERIODS}"
        )
    expected = "integer" if period == "year" else "date"
    if fields[column].get("type") != expected:
        raise problem(
            "briefing.as_of.column",
            f"table {name!r}: date column {column!r} must be of type {expected} for period {period}",
        )

    sources = spec.get("sources") or {}
    provenance = sources.get("provenance")
    columns = {role: col for role, col in sources.items() if role != "provenance"}
    if provenance is None:
        for role in ("url", "publisher", "date"):
            if role not in columns:
                raise problem("briefing.sources", f"table {name!r} does not name its {role} column")
    for role, col in columns.items():
        if role not in SOURCE_ROLES or col not in fields:
            raise problem(
                "briefing.sources",
                f"table {name!r}: source {role} column {col!r} is not in its schema",
            )
    if columns.get("kind", SOURCE_KIND) != SOURCE_KIND:
        raise problem(
            "briefing.sources",
            f"table {name!r}: the kind of source is the column {SOURCE_KIND!r}, not "
            f"{columns['kind']!r}",
        )
    if SOURCE_KIND in fields:
        columns.setdefault("kind", SOURCE_KIND)
    codebook = spec.get("codebook")
    if codebook is None and "kind" in columns:
        codebook = DEFAULT_CODEBOOK
    if codebook is not None and not (base / codebook).is_file():
        raise problem("briefing.codebook", f"table {name!r}: codebook {codebook} does not exist")
    item = spec.get("item")
    if item is not None:
        named = {f for _, f, _, _ in string.Formatter().parse(str(item)) if f}
        if not isinstance(item, str) or not named <= set(fields):
            raise problem(
                "briefing.item",
                f"table {name!r}: item template {item!r} names columns not in its schema",
            )
    return Table(
        name=name,
        title=resource.get("title", name),
        path=base / resource["path"],
        schema_path=schema_path,
        date_column=column,
        period=period,
        source_columns=columns,
        provenance=base / provenance if provenance else None,
        starts_data=bool(spec.get("starts_data", False)),
        codebook=base / codebook if codebook else None,
        item=item,
    )
