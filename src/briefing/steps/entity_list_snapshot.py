"""The Entity List snapshot read and parsed: each entry's Federal Register citations, its first
citation and its Hong Kong address, as one in-memory table (never written into the project).

The snapshot is a third party's JSON parse of Supplement No. 4 to Part 744 of the EAR, kept
read-only in ``shared/data/entity-list/``; ``briefing.steps.entity_list_provenance`` records
what its README states about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from briefing import paths
from briefing.errors import DataError
from briefing.steps import json_records
from briefing.vocabulary.entity_list import CHINA

SNAPSHOT = paths.SHARED / "data" / "entity-list" / "bis_entity_list.json"

# "84 FR 22963, 5/21/19", "81 FR 61601 preview citation details, 9/7/16", "86 FR 67319".
# The date is optional: a few citations in the parse carry none.
_CITATION = re.compile(
    r"(?P<volume>\d{1,3})\s*F\.?\s*R\.?\s+(?P<page>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:[^\d/]{0,40}?(?P<month>\d{1,2})\s*/\s*(?P<day>\d{1,2})\s*/\s*(?P<year>\d{4}|\d{2})(?!\d))?"
)
_HONG_KONG = re.compile(r"hong\s*kong", re.IGNORECASE)
# The Federal Register's volume 1 is 1936; volume N covers year N + 1935.
_FR_VOLUME_OFFSET = 1935


@dataclass(frozen=True, order=True)
class Citation:
    """One Federal Register citation: volume, first page cited, and the date printed with it."""

    volume: int
    page: int
    published: date | None = None

    @property
    def year(self) -> int:
        """Year of the citation: its date's, or the volume's year when the date is missing."""
        return self.published.year if self.published else self.volume + _FR_VOLUME_OFFSET


def _four_digit_year(text: str, volume: int) -> int:
    """Resolve a two-digit year (5/28/99, 5/21/19) with the century that fits the volume's year."""
    if len(text) == 4:
        return int(text)
    volume_year = volume + _FR_VOLUME_OFFSET
    return min((1900 + int(text), 2000 + int(text)), key=lambda y: abs(y - volume_year))


def parse_citations(text: str | None) -> list[Citation]:
    """Every Federal Register citation in a free-text ``federal_register`` cell, in text order.

    Handles two- and four-digit years, several citations per cell, stray words between the
    page and the date, and line breaks. Returns an empty list when nothing parses.
    """
    if not text:
        return []
    found = []
    for match in _CITATION.finditer(text):
        volume = int(match["volume"])
        page = int(match["page"].replace(",", ""))
        published = None
        if match["year"]:
            try:
                published = date(
                    _four_digit_year(match["year"], volume), int(match["month"]), int(match["day"])
                )
            except ValueError:
                published = None  # an impossible date: keep the volume and page only
        found.append(Citation(volume, page, published))
    return found


def first_citation(citations: list[Citation]) -> Citation | None:
    """The earliest citation by date; an undated one counts as the end of its volume's year."""
    if not citations:
        return None
    return min(citations, key=lambda c: (c.published or date(c.year, 12, 31), c.volume, c.page))


def is_hong_kong(address: str | None) -> bool:
    """True when an entry's address text mentions Hong Kong."""
    return bool(address and _HONG_KONG.search(address))


def load_snapshot(path: Path = SNAPSHOT) -> dict:
    """Read the shared JSON parse of the Entity List, checking the shape its README describes."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            path,
            "Entity List snapshot not found; put the shared folder beside the project "
            "(../shared), set BRIEFING_SHARED to the folder holding data/entity-list/, "
            "or run `briefing derive --snapshot PATH`",
        ) from None
    snapshot, entities = json_records.read(
        path, raw, key="entities", required=("name", "country", "federal_register"), rule="shape"
    )
    if "count" in snapshot and snapshot["count"] != len(entities):
        raise DataError(
            path, f"'count' says {snapshot['count']} but {len(entities)} entities are listed"
        )
    return snapshot


def entry_table(snapshot: dict) -> pd.DataFrame:
    """One row per entry with its name, destination, address, Hong Kong flag and first citation
    (in memory only)."""
    rows = []
    for entity in snapshot["entities"]:
        citations = parse_citations(entity.get("federal_register"))
        first = first_citation(citations)
        destination = entity["country"]
        rows.append(
            {
                "name": entity["name"],
                "destination": destination,
                "address": entity.get("address"),
                "hong_kong": destination == CHINA and is_hong_kong(entity.get("address")),
                "citations": len(citations),
                "first_volume": first.volume if first else None,
                "first_page": first.page if first else None,
                "first_date": first.published if first else None,
                "year_first_listed": first.year if first else None,
                "cited": citations,
            }
        )
    return pd.DataFrame(rows)
