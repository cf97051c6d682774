"""Import the Entity List rows of a Consolidated Screening List (CSL) file downloaded by hand.

The CSL is the US International Trade Administration's merge of the export screening lists of
Commerce, State and the Treasury. Its bulk CSV has the header ``CSV_COLUMNS`` (29 columns; some
copies lack the leading ``_id``); its bulk JSON holds the same fields per record, with
``addresses`` as a list of objects. Any other layout is refused with the missing and unknown
columns named, before anything is written.

Where the output goes, and why: the original file is kept unchanged in a new raw snapshot
``data/raw/csl/<YYYY-MM-DD>/`` with ``provenance.json``; the parsed entity table
(``entity_list_entities.csv``: name, ISO country code, start date, Federal Register notice) is
written into the *same* snapshot folder rather than under ``data/derived``. It is a
row-for-row extract of one particular download, so it belongs with the file it came from and
shares its provenance; ``data/derived`` holds only aggregate tables that the data package
declares and validates.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from briefing import countries
from briefing.errors import DataError
from briefing.steps import json_records, snapshots

ENTITY_LIST_SOURCE = "Entity List (EL) - Bureau of Industry and Security"
CSV_COLUMNS = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
    "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids",
)  # fmt: skip
# The documented layouts: the full header, and the same without the leading _id.
CSV_LAYOUTS = {"with _id": frozenset(CSV_COLUMNS), "without _id": frozenset(CSV_COLUMNS[1:])}
JSON_REQUIRED = ("source", "name", "addresses", "federal_register_notice", "start_date")

SNAPSHOT_SOURCE = "csl"
ENTITY_TABLE = "entity_list_entities.csv"
ENTITY_COLUMNS = ("name", "country_code", "country_codes", "start_date", "federal_register_notice")
PRODUCER = "International Trade Administration, U.S. Department of Commerce"
TITLE = "Consolidated Screening List"
DOWNLOAD_URLS = {
    "csv": "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    "json": "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json",
}
LICENCE = "Work of the US government; no copyright in the United States (17 U.S.C. 105)"


@dataclass
class CslImport:
    """What one import read and wrote."""

    source_file: Path
    file_format: str
    layout: str
    rows_read: int
    entities: list[dict]
    snapshot: Path | None = None

    @property
    def by_country(self) -> Counter:
        return Counter(e["country_code"] or "unknown" for e in self.entities)


def read_rows(path: Path) -> tuple[str, str, list[dict]]:
    """Read a CSL file as (format, layout, records); DataError for anything not documented."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except IsADirectoryError:
        raise DataError(path, "is a folder; expected a CSL file (CSV or JSON)") from None
    if not raw.strip():
        raise DataError(path, "file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            path, f"not UTF-8 text (byte {exc.start}); expected the CSL as CSV or JSON"
        ) from None
    looks_json = path.suffix.lower() == ".json" or text.lstrip()[:1] in "[{"
    return ("json", *_read_json(path, text)) if looks_json else ("csv", *_read_csv(path, text))


def _read_csv(path: Path, text: str) -> tuple[str, list[dict]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    layout = next(
        (
            name
            for name, cols in CSV_LAYOUTS.items()
            if set(header) == cols and len(header) == len(cols)
        ),
        None,
    )
    if layout is None:
        closest = CSV_LAYOUTS["with _id"] if "_id" in header else CSV_LAYOUTS["without _id"]
        missing = sorted(closest - set(header), key=CSV_COLUMNS.index)
        unknown = [h for h in header if h not in closest]
        duplicated = sorted({h for h in header if header.count(h) > 1})
        detail = "; ".join(
            part
            for part in (
                f"missing columns {missing}" if missing else "",
                f"unknown columns {unknown}" if unknown else "",
                f"duplicated columns {duplicated}" if duplicated else "",
            )
            if part
        )
        raise DataError(
            path,
            f"not a Consolidated Screening List CSV ({detail}); expected the header "
            f"{','.join(CSV_COLUMNS)} (optionally without _id)",
            row=1,
            rule="CSL CSV header",
        )
    reader.fieldnames = header
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:  # more cells than columns
            raise DataError(
                path, f"{len(header) + len(row[None])} cells for {len(header)} columns", row=number
            )
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return layout, rows


def _read_json(path: Path, text: str) -> tuple[str, list[dict]]:
    _, records = json_records.read(
        path, text, key="results", required=JSON_REQUIRED, rule="CSL JSON", bare_list=True
    )
    return "results", records


def address_countries(addresses) -> list[str]:
    """Country codes of an entry's addresses, in order, without repeats.

    CSV cells join addresses with '; ' and end each with its country ('Beijing, CN');
    JSON records give a list of objects with a 'country' field.
    """
    if isinstance(addresses, list):
        places = [a.get("country") or "" for a in addresses if isinstance(a, dict)]
    else:
        places = [part.rsplit(",", 1)[-1] for part in (addresses or "").split(";")]
    codes = [code for code in map(countries.code, places) if code]
    return list(dict.fromkeys(codes))


def entity_table(records: list[dict]) -> list[dict]:
    """The Entity List rows as entities: name, country code(s), start date, FR notice."""
    entities = []
    for record in records:
        if (record.get("source") or "").strip() != ENTITY_LIST_SOURCE:
            continue
        codes = address_countries(record.get("addresses"))
        entities.append(
            {
                "name": (record.get("name") or "").strip(),
                "country_code": codes[0] if codes else "",
                "country_codes": ";".join(codes),
                "start_date": (record.get("start_date") or "").strip(),
                "federal_register_notice": (record.get("federal_register_notice") or "").strip(),
            }
        )
    return entities


def import_file(
    path: Path, *, raw_root: Path | None = None, today: date | None = None
) -> CslImport:
    """Validate a CSL file, then store it and its Entity List table in a new raw snapshot."""
    path = Path(path)
    file_format, layout, records = read_rows(path)
    entities = entity_table(records)
    retrieved = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    folder, _ = snapshots.write_snapshot(
        SNAPSHOT_SOURCE,
        {path.name: (DOWNLOAD_URLS[file_format], path.read_bytes())},
        producer=PRODUCER,
        title=TITLE,
        url=DOWNLOAD_URLS[file_format],
        licence=LICENCE,
        date_retrieved=retrieved,
        notes=[
            (
                f"Downloaded by hand and imported with 'briefing import-csl' on {(today or date.today()).isoformat()}; "
                "the URL is the documented download location, date_retrieved is the file's modification date."
            ),
            f"Layout: {file_format} ({layout}); {len(records)} rows, {len(entities)} from the Entity List.",
        ],
        day=today,
        raw_root=raw_root,
    )
    with (folder / ENTITY_TABLE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ENTITY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(entities)
    return CslImport(path, file_format, layout, len(records), entities, folder)


def run(
    path: Path, *, console: Console, raw_root: Path | None = None, today: date | None = None
) -> CslImport:
    """The `briefing import-csl PATH` command: import, then report what was imported."""
    result = import_file(path, raw_root=raw_root, today=today)
    console.print(
        f"[bold]Imported[/] {result.source_file} ({result.file_format}, {result.layout}): "
        f"{result.rows_read} rows read, {len(result.entities)} Entity List rows",
        soft_wrap=True,  # paths stay whole, to be copied
    )
    console.print(
        f"Snapshot: {result.snapshot} (original file, provenance.json, {ENTITY_TABLE})",
        soft_wrap=True,
    )
    table = Table(title="Entity List rows by country (top 10)")
    table.add_column("Country")
    table.add_column("Entries", justify="right")
    for code, count in result.by_country.most_common(10):
        name = countries.name(code) if code != "unknown" else None
        table.add_row(f"{code} {name}" if name else code, str(count))
    console.print(table)
    return result
