"""The entries under China (Hong Kong included) still on the list, one row each: name, city of
the first address, first citation and the curated rule it falls in
(``data/derived/entity_list_china_entries.csv``), with the facts its provenance reports.

A compliance reader looks an entity up by name; the other derived tables only count entries.
The city is read from the entry's first address: the last part before "China" that is neither
a province, a postal code nor a district, street or zone; where no part qualifies it is left
empty rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pandas as pd
import pycountry

from briefing.steps.entity_list_rule_spans import rule_spans, starts_by_day
from briefing.steps.entity_list_snapshot import is_hong_kong
from briefing.vocabulary.entity_list import CHINA

CHINA_ENTRIES_COLUMNS = [
    "name",
    "hong_kong",
    "city",
    "listed_on",
    "date_printed",
    "fr_citation",
    "rule_citation",
    "document_number",
]
# Parts of an address that name a place smaller than a city, or a building: never the city.
_NOT_A_CITY = re.compile(
    r"\d|district|road|street|\bst\b|\brd\b|avenue|zone|park|building|floor|room|town|county|"
    r"village|area|center|centre|block|lane|tower|plaza|campus|highway|\bnew\b|free trade",
    re.IGNORECASE,
)
# Parts that name a place larger than a city: passed over on the way to the city.
_ABOVE_CITY = re.compile(r"prefecture|\bstate\b|region|autonomous|\bxuar\b|province", re.IGNORECASE)
_SUFFIX = re.compile(r"\s+(city|province|municipality|shi|sheng)$", re.IGNORECASE)
_POSTAL = re.compile(r"\s*\d{6}$")
_TRAILING_CHINA = re.compile(r"[\s.]+china$", re.IGNORECASE)
# The usual English names of regions whose ISO 3166-2 names are in Chinese (Nei Mongol Zizhiqu).
_REGIONS = {"inner mongolia", "tibet", "xinjiang", "guangxi", "ningxia"}


@cache
def _provinces() -> set[str]:
    """China's provinces and regions by their usual English names ("Guangdong", "Xinjiang")."""
    names = set()
    for division in pycountry.subdivisions.get(country_code="CN"):
        if division.type != "Municipality":  # Beijing, Shanghai ... are cities as well
            names.add(_SUFFIX.sub("", division.name.split(" (")[0]).split(" Uygur")[0].lower())
    return names | _REGIONS


def city(address: object) -> str | None:
    """The city of an entry's first address, where one part of it plainly names one.

    Only the first address counts: an entry flagged for a Hong Kong address among several
    (Huawei Technologies' last) is placed where its first address is."""
    if not isinstance(address, str):  # the parse has entries without an address
        return None
    first = re.split(r";|\(", address)[0]
    if is_hong_kong(first):
        return "Hong Kong"
    parts = [p.strip(" .") for p in first.split(",")]
    provinces = _provinces()
    for part in reversed([p for p in parts if p]):
        name = _SUFFIX.sub("", _TRAILING_CHINA.sub("", _POSTAL.sub("", part))).strip()
        if name.lower() in {"", "china", "prc", "p.r", "p.r. china", "people's republic of china"}:
            continue  # the country, however written
        if name.lower() in provinces or _ABOVE_CITY.search(part):
            continue
        if _NOT_A_CITY.search(name) or len(name.split()) > 2:
            return None
        return name
    return None


# Since June 2024 the list also holds addresses as entries of their own ("Address 01" ...
# under China, 89 FR 51652): their name alone finds nothing a reader could look for.
_ADDRESS_ONLY = re.compile(r"Address \d+")


def named(name: str, address: object) -> str:
    """The name a reader looks an entry up by: an address-only entry with its address."""
    if _ADDRESS_ONLY.fullmatch(name.strip()) and isinstance(address, str) and address.strip():
        return f"{name.strip()}: {address.strip()}"
    return name


def china_entries(rules: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """One row per entry under China, by name, with its first citation and, where the entry falls
    in a rule of the rules table (split as ``rules_from_snapshot`` splits), that rule.

    ``listed_on`` is the date printed with the first citation, or the last day of its volume's
    year where the citation has none (``date_printed`` = no), as the by-year table counts it;
    an entry with no parsable citation has none.
    """
    spans = rule_spans(rules)
    starts = {key: sorted(pages) for key, pages in starts_by_day(spans).items()}
    curated = {(volume, day, page): rule for volume, page, day, rule in spans}
    rows = []
    for entry in entries[entries["destination"] == CHINA].itertuples(index=False):
        cited = pd.notna(entry.first_volume)
        volume, page = (int(entry.first_volume), int(entry.first_page)) if cited else (None, None)
        day = entry.first_date if cited and pd.notna(entry.first_date) else None
        opened = [s for s in starts.get((volume, day), []) if s <= page] if day else []
        rule = curated.get((volume, day, opened[-1])) if opened else None
        rows.append(
            {
                "name": named(entry.name, entry.address),
                "hong_kong": "yes" if entry.hong_kong else "no",
                "city": city(entry.address),
                "listed_on": day or (date(int(entry.year_first_listed), 12, 31) if cited else None),
                "date_printed": None if not cited else ("yes" if day else "no"),
                "fr_citation": f"{volume} FR {page}" if cited else None,
                "rule_citation": rule.fr_citation if rule else None,
                "document_number": rule.document_number if rule else None,
            }
        )
    table = pd.DataFrame(rows, columns=CHINA_ENTRIES_COLUMNS)
    table["listed_on"] = pd.to_datetime(table["listed_on"])
    return table.sort_values(["name", "listed_on"], kind="stable").reset_index(drop=True)


def china_entries_facts(table: pd.DataFrame) -> dict:
    """The counts the table's provenance reports."""
    return {
        "entries_china": len(table),
        "entries_hong_kong": int((table["hong_kong"] == "yes").sum()),
        "entries_with_city": int(table["city"].notna().sum()),
        "entries_in_a_rule_of_the_rules_table": int(table["document_number"].notna().sum()),
        "entries_first_cited_without_date": int((table["date_printed"] == "no").sum()),
        "entries_without_parsable_citation": int(table["fr_citation"].isna().sum()),
    }
