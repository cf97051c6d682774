"""The Entity List read from a Consolidated Screening List snapshot (``data/raw/csl/<date>/``,
written by `briefing fetch` or `briefing import-csl`): its Entity List rows as the same records
as the eCFR's and the shared parse's, so that derive reads any of them alike.

The CSL gives each entry's addresses, its Federal Register notice and the day it was listed,
but no destination heading: the heading is read from the first address's country (Hong Kong
addresses sit under China, as in the list; an entry without an address is left out), and the
listing day is written after the notice the way the list prints its citations
("84 FR 22963, 5/21/2019").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from briefing import countries
from briefing.data import provenance
from briefing.errors import DataError
from briefing.steps import import_csl
from briefing.vocabulary.entity_list import CHINA, RUSSIA_HEADING

# The list's headings where they differ from the country's short name.
_HEADINGS = {"CN": CHINA, "HK": CHINA, "RU": RUSSIA_HEADING}


def original(folder: Path) -> Path:
    """The file the snapshot stores unchanged, as its provenance record names it."""
    record = provenance.read(folder / provenance.FILE_NAME)
    if not record.files:
        raise DataError(folder / provenance.FILE_NAME, "names no file", field="files")
    return folder / record.files[0]["file"]


def read(folder: Path) -> dict:
    """The snapshot's Entity List entries, as ``{"source_file", "count", "entities": [...]}``."""
    path = original(folder)
    _, _, records = import_csl.read_rows(path)
    listed = [
        r for r in records if (r.get("source") or "").strip() == import_csl.ENTITY_LIST_SOURCE
    ]
    # An entry without an address has no heading to sit under: it is left out, not guessed.
    entities = [e for e in map(_entity, listed) if e["country"]]
    return {"source_file": path.name, "count": len(entities), "entities": entities}


def _entity(record: dict) -> dict:
    codes = import_csl.address_countries(record.get("addresses"))
    heading = (_HEADINGS.get(codes[0]) or countries.name(codes[0]) or codes[0]) if codes else ""
    notice = (record.get("federal_register_notice") or "").strip()
    listed = (record.get("start_date") or "").strip()
    try:
        day = date.fromisoformat(listed[:10])
        notice = f"{notice}, {day.month}/{day.day}/{day.year}" if notice else notice
    except ValueError:
        pass  # no listing day: the notice's volume dates the entry, as in the list
    return {
        "name": (record.get("name") or "").strip(),
        "aliases": [],
        "country": heading,
        "address": _address(record.get("addresses")),
        "license_requirement": record.get("license_requirement"),
        "license_review_policy": record.get("license_policy"),
        "federal_register": notice,
    }


def _address(addresses) -> str | None:
    """The addresses as the list writes them, each ending with its country's name, not code."""
    if isinstance(addresses, list):  # the JSON's objects
        parts = [
            ", ".join(str(a.get(k) or "") for k in ("address", "city", "country") if a.get(k))
            for a in addresses
            if isinstance(a, dict)
        ]
    else:
        parts = [part.strip() for part in (addresses or "").split(";")]
    named = []
    for part in filter(None, parts):
        head, _, last = part.rpartition(",")
        name = countries.name(last.strip()) if len(last.strip()) == 2 else None
        named.append(f"{head}, {name}" if head and name else part)
    return "; ".join(named) or None
