"""The Federal Register's own record of the Entity List rules, from the newest snapshot of its
API that `briefing fetch` wrote (``data/raw/federal-register/<date>/``): it names the rules the
curated rules table does not hold.

``entity_list_rules_from_snapshot`` finds each rule from its entries' first citation; a rule
outside the rules table is known there only by the first page its entries cite. The API gives
every rule's document number, citation, publication day and pages, so such a row takes the
number and citation of the document published that day, in that volume, whose pages hold the
row's first page (``matched`` stays "no": the rules table still does not state its counts).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from briefing.data import provenance
from briefing.errors import DataError
from briefing.steps import entity_list_sources

SOURCE = "federal-register"  # data/raw/federal-register/
_CITATION = re.compile(r"^(\d+) FR (\d+)$")


def newest(raw_root: Path | None = None) -> Path | None:
    """The newest snapshot's folder, or None."""
    found = entity_list_sources.newest(SOURCE, provenance.FILE_NAME, raw_root)
    return found.parent if found else None


def documents(folder: Path) -> pd.DataFrame:
    """Every document of the snapshot's pages: number, citation, volume, day, first and last
    page (the last where the API gives it)."""
    rows = []
    for page in sorted(folder.glob("*.json")):
        if page.name == provenance.FILE_NAME:
            continue
        for number, result in enumerate(json.loads(page.read_bytes()).get("results", []), 1):
            cited = _CITATION.match(str(result.get("citation") or ""))
            if not cited:
                raise DataError(
                    page, "citation is not '<volume> FR <page>'", row=number, field="citation"
                )
            rows.append(
                {
                    "document_number": result["document_number"],
                    "citation": result["citation"],
                    "volume": int(cited[1]),
                    "day": pd.Timestamp(result["publication_date"]),
                    "start_page": int(result["start_page"]),
                    "end_page": result.get("end_page"),
                }
            )
    return pd.DataFrame(rows)


def name_rules(table: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """``table`` (the rules from the snapshot) with its unmatched rows named by the document
    holding their first page."""
    named = table.copy()
    for index, row in table[table["matched"] == "no"].iterrows():
        page = int(row["first_page_cited"])
        same_day = found[
            (found["day"] == row["publication_date"]) & (found["volume"] == row["fr_volume"])
        ]
        holding = same_day[same_day["start_page"] <= page].sort_values("start_page")
        if holding.empty:
            continue
        document = holding.iloc[-1]
        if pd.notna(document["end_page"]) and int(document["end_page"]) < page:
            continue  # the page lies beyond that document: some other rule of the day
        named.at[index, "document_number"] = document["document_number"]
        named.at[index, "fr_citation"] = document["citation"]
    return named


def describe(folder: Path) -> dict:
    """The snapshot as an input of a provenance record: its raw record pins every page."""
    record_path = folder / provenance.FILE_NAME
    record = provenance.read(record_path)
    return {
        "title": record.title,
        "publisher": record.producer,
        "url": record.url,
        "date": (record.date_retrieved or "")[:10] or None,
        "path": f"{folder.name}/{provenance.FILE_NAME}",
        "kind": "government",
        **provenance.describe_file(provenance.FILE_NAME, record_path.read_bytes()),
        "chosen": f"the newest snapshot in data/raw/{SOURCE}/: names the rules outside the "
        "rules table",
    }
