"""Scale a project copy's event and Entity List tables with synthetic rows, for the benchmark.

The original rows stay as they are; synthetic rows are appended until each table holds
``factor`` times its original row count. Every synthetic row says so in its text fields
(publisher "Synthetic", source https://example.org/synthetic) and passes the table's schema
and, for restrictions, the codebook's level rules (data/codebook.json, read from the copy):
unique ids in the schema's patterns, real ISO 3166-1 alpha-2 codes (so names resolve),
dates within 2018-01-01..2026-10-31.

Run on a copy only, never on the project itself:

    python benchmarks/synthetic.py /tmp/copy --factor 10
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from pathlib import Path

import pycountry

FIRST_DAY = dt.date(2018, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
SYNTHETIC_URL = "https://example.org/synthetic"
SYNTHETIC_PUBLISHER = "Synthetic"
SYNTHETIC_NOTE = "Synthetic row for benchmarking; not a real measure"

# The tables scaled, relative to the project root.
RESTRICTIONS = Path("data/curated/restrictions.csv")
CODEBOOK = Path("data/codebook.json")
ENTITY_LIST_BY_YEAR = Path("data/derived/entity_list_by_year.csv")
ENTITY_LIST_RULES = Path("data/curated/entity_list_rules.csv")
TABLES = {
    "restrictions": RESTRICTIONS,
    "entity_list_by_year": ENTITY_LIST_BY_YEAR,
    "entity_list_rules": ENTITY_LIST_RULES,
}

# Federal Register volume of a year: volume 84 is 2019.
FR_VOLUME_OFFSET = 1935


def scale_project(root: Path, factor: int, *, seed: int = 20261101) -> dict[str, dict[str, int]]:
    """Append synthetic rows to the three tables under ``root``; returns rows before and after."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    rng = random.Random(seed)
    counts = {}
    book = json.loads((root / CODEBOOK).read_text(encoding="utf-8"))
    for name, relative, make in (
        ("restrictions", RESTRICTIONS, lambda rows, n, r: _restriction_rows(rows, n, r, book)),
        ("entity_list_by_year", ENTITY_LIST_BY_YEAR, _by_year_rows),
        ("entity_list_rules", ENTITY_LIST_RULES, _rule_rows),
    ):
        path = root / relative
        header, rows = _read(path)
        extra = (factor - 1) * len(rows)
        new = make(rows, extra, rng) if extra else []
        _append(path, header, new)
        counts[name] = {"original_rows": len(rows), "rows": len(rows) + len(new)}
    return counts


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _append(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    # The files end with a newline and use \n line endings; appending keeps the originals byte for byte.
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writerows(rows)


def _random_day(rng: random.Random, start: dt.date = FIRST_DAY, end: dt.date = LAST_DAY) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _country_codes() -> list[str]:
    return sorted(country.alpha_2 for country in pycountry.countries)


def _restriction_rows(
    original: list[dict[str, str]], count: int, rng: random.Random, book: dict
) -> list[dict[str, str]]:
    codes = _country_codes()
    fields = {spec["name"]: spec for spec in book["fields"]}
    levels = fields["level"]["values"]
    scopes = [value["code"] for value in fields["scope"]["values"]]
    vendors = [value["code"] for value in fields["vendors"]["values"]]
    statuses = [value["code"] for value in fields["status"]["values"]]
    # Ids are CODE-YEAR-NN: the next free sequence number per jurisdiction and year.
    used: dict[tuple[str, str], int] = {}
    for row in original:
        code, year, seq = row["id"].split("-")
        used[(code, year)] = max(used.get((code, year), 0), int(seq))
    rows = []
    while len(rows) < count:
        code = rng.choice(codes)
        announced = _random_day(rng)
        key = (code, str(announced.year))
        seq = used.get(key, 0) + 1
        if seq > 99:
            continue
        used[key] = seq
        level = rng.choice(levels)
        rules = level["rules"]
        named = {
            "required": True,
            "empty": False,
            "optional": rng.random() < 0.5,
        }[rules["vendors"]]
        effective = _random_day(rng, announced) if rng.random() < 0.6 else None
        rows.append(
            {
                "id": f"{code}-{announced.year}-{seq:02d}",
                "jurisdiction": code,
                "announced": announced.isoformat(),
                "effective": effective.isoformat() if effective else "",
                "level": level["code"],
                "actor": rng.choice(rules["actors"]),
                "binding": "yes" if level["binding"] else "no",
                "scope": rng.choice(scopes),
                "scope_detail": "Synthetic scope for benchmarking",
                # Vendors in codebook order, as the schema's enum lists them.
                "vendors": ";".join(v for v in vendors if rng.random() < 0.7) or vendors[0]
                if named
                else "",
                "status": ("in_force" if effective else "announced")
                if rng.random() < 0.9
                else rng.choice(statuses),
                "description": "Synthetic event for benchmarking",
                "source_url": SYNTHETIC_URL,
                "source_publisher": SYNTHETIC_PUBLISHER,
                "source_date": announced.isoformat(),
                "confidence": "low",
                "notes": SYNTHETIC_NOTE,
                "coding_note": SYNTHETIC_NOTE,
            }
        )
    return rows


def _by_year_rows(
    original: list[dict[str, str]], count: int, rng: random.Random
) -> list[dict[str, str]]:
    # Primary key (year, destination, hong_kong): each synthetic destination gets one row per year.
    years = range(FIRST_DAY.year, LAST_DAY.year + 1)
    rows = []
    destination = 0
    while len(rows) < count:
        destination += 1
        for year in years:
            if len(rows) == count:
                break
            rows.append(
                {
                    "year": str(year),
                    "destination": f"Synthetic destination {destination}",
                    "hong_kong": "no",
                    "entries": str(rng.randint(1, 20)),
                }
            )
    return rows


def _rule_rows(
    original: list[dict[str, str]], count: int, rng: random.Random
) -> list[dict[str, str]]:
    taken = {row["document_number"] for row in original}
    rows = []
    while len(rows) < count:
        published = _random_day(rng)
        number = f"{published.year}-{rng.randint(90000, 99999)}"
        if number in taken:
            continue
        taken.add(number)
        added = rng.randint(1, 60)
        china = rng.randint(0, added) if rng.random() < 0.7 else None
        hong_kong = rng.randint(0, china) if china is not None and rng.random() < 0.5 else None
        rows.append(
            {
                "document_number": number,
                "fr_citation": f"{published.year - FR_VOLUME_OFFSET} FR {rng.randint(1, 99999)}",
                "publication_date": published.isoformat(),
                "title": "Synthetic rule for benchmarking",
                "entries_added": str(added),
                "entries_added_china": "" if china is None else str(china),
                "entries_added_hong_kong": "" if hong_kong is None else str(hong_kong),
                "source_url": SYNTHETIC_URL,
                "source_publisher": SYNTHETIC_PUBLISHER,
                "source_date": published.isoformat(),
                "confidence": "low",
                "notes": "Synthetic row for benchmarking; not a real rule",
            }
        )
    return rows


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
