"""Scale a project copy's event and Entity List tables with synthetic rows, for the benchmark.

The original rows stay as they are; synthetic rows are appended until each table holds
``factor`` times its original row count. Every column of a synthetic row comes from the
table's declaration, read through ``briefing.data.package`` from the copy's
data/datapackage.json and data/schemas/: its type, enum, pattern, bounds, whether it is
required, unique or part of the primary key, which column dates the row and which hold its
source. The codebook's rules follow (data/codebook.json, the section the loader applies):
each strength level's binding, actors, vendors and coding note, and each kind of source's
cap on confidence. A column added to a schema is therefore filled without a change here.

What no schema says is added on top, per table, and checked by the same load: an event's id
names its jurisdiction and year, it takes effect after it is announced, a Federal Register
document number and citation belong to the year of publication, Hong Kong's entries are
China's; a declared translation is filled where its original is. Every synthetic row says so
in its text fields (publisher "Synthetic", source https://example.org/synthetic). Run on a
copy only, never on the project itself:

    python benchmarks/synthetic.py /tmp/copy --factor 10
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import rstr

from briefing.data import codebook, package

FIRST_DAY = dt.date(2018, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
SYNTHETIC_URL = "https://example.org/synthetic"
SYNTHETIC_PUBLISHER = "Synthetic"
SYNTHETIC_NOTE = "Synthetic row for benchmarking; not a real measure"
DATAPACKAGE = Path("data/datapackage.json")
# The tables scaled: the ones whose size the pages must survive.
TABLES = ("restrictions", "entity_list_by_year", "entity_list_rules")
# Attempts at a row whose unique columns are all new before giving up.
ATTEMPTS = 1000
# Federal Register volume of a year: volume 84 is 2019.
FR_VOLUME_OFFSET = 1935

Row = dict[str, str]


def scale_project(root: Path, factor: int, *, seed: int = 20261101) -> dict[str, dict[str, int]]:
    """Append synthetic rows to the scaled tables under ``root``; returns rows before and after."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    rng = random.Random(seed)
    counts = {}
    for name in TABLES:
        table = package.table(name, root / DATAPACKAGE)
        header, rows = _read(table.path)
        extra = (factor - 1) * len(rows)
        maker = RowMaker(table, rows, rng)
        new = [maker.row() for _ in range(extra)]
        _append(table.path, header, new)
        counts[name] = {"original_rows": len(rows), "rows": len(rows) + len(new)}
    return counts


class RowMaker:
    """Synthetic rows of one declared table, each new in its unique columns and primary key."""

    def __init__(self, table: package.Table, original: list[Row], rng: random.Random) -> None:
        self.table = table
        self.rng = rng
        self.xeger = rstr.Rstr(rng)
        self.fields = table.schema()["fields"]
        self.book = _codebook(table)
        self.refine = REFINEMENTS.get(table.name, lambda row, maker: None)
        schema = table.schema()
        key = schema.get("primaryKey", [])
        self.keys = [[key] if isinstance(key, str) else list(key)]
        self.keys += [[f["name"]] for f in self.fields if _constraints(f).get("unique")]
        self.taken = [{tuple(row[c] for c in columns) for row in original} for columns in self.keys]
        self.made = 0

    def row(self) -> Row:
        for _ in range(ATTEMPTS):
            row = {spec["name"]: self.value(spec) for spec in self.fields}
            source_date = self.table.source_columns.get("date")
            if source_date and self.table.period == "day":
                row[source_date] = row[self.table.date_column]  # sourced the day it happened
            self._follow_codebook(row)
            self.refine(row, self)
            self._translate(row)
            identities = [tuple(row[c] for c in columns) for columns in self.keys]
            if not any(i in taken for i, taken in zip(identities, self.taken)):
                for identity, taken in zip(identities, self.taken):
                    taken.add(identity)
                self.made += 1
                return row
        raise RuntimeError(
            f"{self.table.name}: no new synthetic row in {ATTEMPTS} attempts; its unique "
            f"columns {self.keys} have run out of values"
        )

    def value(self, spec: dict) -> str:
        """A cell its schema accepts; the dating and source columns as the declaration says."""
        name, limits = spec["name"], _constraints(spec)
        if name == self.table.date_column:
            return self._date_value(spec)
        if name in self.table.second_source_columns.values():
            return ""  # a second source is given whole or not at all: the synthetic rows cite none
        role = {column: role for role, column in self.table.source_columns.items()}.get(name)
        if role in SOURCE_VALUES:
            return SOURCE_VALUES[role]
        if not limits.get("required") and self.rng.random() < 0.3:
            return ""
        if "enum" in limits:
            return str(self.rng.choice(limits["enum"]))
        kind = spec.get("type", "string")
        if kind == "date":
            return self.day().isoformat()
        if kind in ("integer", "number"):
            low = limits.get("minimum", 0)
            return str(self.rng.randint(low, limits.get("maximum", low + 60)))
        if kind == "boolean":
            return self.rng.choice(
                [spec.get("trueValues", ["true"]), spec.get("falseValues", ["false"])]
            )[0]
        return self._text(name, limits)

    def _date_value(self, spec: dict) -> str:
        if self.table.period == "year":
            return str(self.rng.randint(FIRST_DAY.year, LAST_DAY.year))
        return self.day().isoformat()

    def _text(self, name: str, limits: dict) -> str:
        if "pattern" in limits:
            return self.xeger.xeger(limits["pattern"])
        text = f"Synthetic {name.replace('_', ' ')}"
        if any(name in columns for columns in self.keys):
            # Part of a key: numbered, so that rows stay distinct.
            text += f" {self.rng.randint(1, self.made // 5 + 1)}"
        return text[: limits.get("maxLength", len(text))]

    def day(self, start: dt.date = FIRST_DAY, end: dt.date = LAST_DAY) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def boolean(self, column: str, value: bool) -> str:
        spec = next(f for f in self.fields if f["name"] == column)
        return spec.get("trueValues" if value else "falseValues", [str(value).lower()])[0]

    def _translate(self, row: Row) -> None:
        """Each declared translation filled exactly where its original is, as a load checks."""
        for columns in self.table.translations.values():
            for original, translated in columns.items():
                row[translated] = f"合成データ {row[original]}" if row[original] else ""

    def _follow_codebook(self, row: Row) -> None:
        if self.book is None:
            return
        if "level" in row and "level" in {f.name for f in self.book.fields}:
            self._follow_level(row, self.book.levels.value(row["level"]))
        if codebook.SOURCE_KIND in row and codebook.CONFIDENCE in row:
            cap = self.book.confidence_cap(row[codebook.SOURCE_KIND])
            scale = self.book.field(codebook.CONFIDENCE).codes()  # highest first
            if cap is not None and scale.index(row[codebook.CONFIDENCE]) < scale.index(cap):
                row[codebook.CONFIDENCE] = cap

    def _follow_level(self, row: Row, level: codebook.Value) -> None:
        rules = level.rules
        if "binding" in row and level.binding is not None:
            row["binding"] = self.boolean("binding", level.binding)
        if "actor" in row and rules.get("actors"):
            row["actor"] = self.rng.choice(rules["actors"])
        if "vendors" in row:
            vendors = self.book.field("vendors").schema_enum()
            wanted = rules.get("vendors", "optional")
            named = wanted == "required" or (wanted == "optional" and self.rng.random() < 0.5)
            row["vendors"] = self.rng.choice(vendors) if named else ""
        if "coding_note" in row and rules.get("coding_note") == "required":
            row["coding_note"] = SYNTHETIC_NOTE


# Each row's source, by its role in the table's `briefing.sources` block: the date is the row's.
SOURCE_VALUES = {"url": SYNTHETIC_URL, "publisher": SYNTHETIC_PUBLISHER, "title": ""}


def _codebook(table: package.Table) -> codebook.Codebook | None:
    """The codebook section a load applies to the table (see briefing.data.tables.load)."""
    if table.codebook is None:
        return None
    section = table.name if table.name in codebook.tables(table.codebook) else None
    return codebook.load(table.codebook, table=section)


def _constraints(spec: dict) -> dict:
    return spec.get("constraints", {})


# --- What the schemas do not say, per table -----------------------------------------------------


def _restriction(row: Row, maker: RowMaker) -> None:
    announced = dt.date.fromisoformat(row["announced"])
    effective = maker.day(announced) if maker.rng.random() < 0.6 else None
    row["effective"] = effective.isoformat() if effective else ""
    if maker.rng.random() < 0.9:
        row["status"] = "in_force" if effective else "announced"
    row["id"] = f"{row['jurisdiction']}-{announced.year}-{maker.rng.randint(1, 99):02d}"
    row["description"] = "Synthetic event for benchmarking"
    row["notes"] = SYNTHETIC_NOTE


def _by_year(row: Row, maker: RowMaker) -> None:
    # Only China's entries have Hong Kong addresses; the synthetic destinations are not China.
    row["hong_kong"] = maker.boolean("hong_kong", False)


def _rule(row: Row, maker: RowMaker) -> None:
    published = dt.date.fromisoformat(row["publication_date"])
    row["document_number"] = f"{published.year}-{maker.rng.randint(90000, 99999)}"
    row["fr_citation"] = f"{published.year - FR_VOLUME_OFFSET} FR {maker.rng.randint(1, 99999)}"
    # Of the entries added, China's; of China's, Hong Kong's.
    added = int(row["entries_added"])
    china = row["entries_added_china"] and str(maker.rng.randint(0, added))
    row["entries_added_china"] = china
    hong_kong = china and row["entries_added_hong_kong"]
    row["entries_added_hong_kong"] = hong_kong and str(maker.rng.randint(0, int(china)))
    row["title"] = "Synthetic rule for benchmarking"
    row["notes"] = "Synthetic row for benchmarking; not a real rule"


REFINEMENTS: dict[str, Callable[[Row, RowMaker], None]] = {
    "restrictions": _restriction,
    "entity_list_by_year": _by_year,
    "entity_list_rules": _rule,
}


# --- Files ---------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[list[str], list[Row]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _append(path: Path, header: list[str], rows: list[Row]) -> None:
    if not rows:
        return
    # The files end with a newline and use \n line endings; appending keeps the originals byte for byte.
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="root of a project copy (never the project itself)")
    parser.add_argument(
        "--factor", type=int, required=True, help="rows of each table, as a multiple of today's"
    )
    args = parser.parse_args()
    if args.root.resolve() == Path(__file__).resolve().parents[1]:
        parser.error("refusing to add synthetic rows to the project itself; give a copy")
    for name, count in scale_project(args.root, args.factor).items():
        print(f"{name}: {count['original_rows']} -> {count['rows']} rows")


if __name__ == "__main__":
    main()
