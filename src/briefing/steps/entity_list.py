"""The `briefing derive` step: Entity List figures derived from a parse of the official list.

The source is a third party's parse of Supplement No. 4 to Part 744 of the EAR, kept read-only
in ``shared/data/entity-list/`` (its README states the repository, commit and extraction date
recorded below). Only aggregate figures are written into the project, never a copy of the list
or of its entries; each table has a provenance record beside it:

- ``data/derived/entity_list_by_year.csv``: entries by year first listed, destination and Hong
  Kong address;
- ``data/derived/entity_list_rules_from_snapshot.csv``: every Federal Register rule since 2018
  that added entries still listed, found from each entry's first citation, with its entries
  (all, China, Hong Kong) and, where the curated rules table has the rule, its citation and
  document number;
- ``data/derived/entity_list_reconciliation.csv``: for each rule of the curated rules table
  (``data/curated/entity_list_rules.csv``), the entries it states it added against the
  snapshot's entries that first cite it.

``derive`` (the command ``briefing derive``) recomputes all six files. The chapter reads only
these tables, so a page is the same wherever it is built, with or without the snapshot.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from rich.console import Console

from briefing import paths
from briefing.data import provenance, tables
from briefing.errors import DataError
from briefing.steps import json_records

SNAPSHOT = paths.SHARED / "data" / "entity-list" / "bis_entity_list.json"
RULES = paths.CURATED / "entity_list_rules.csv"
BY_YEAR_CSV = paths.DERIVED / "entity_list_by_year.csv"
RULES_FROM_SNAPSHOT_CSV = paths.DERIVED / "entity_list_rules_from_snapshot.csv"
RECONCILIATION_CSV = paths.DERIVED / "entity_list_reconciliation.csv"
PRODUCER = "tech-controls briefing: briefing derive (briefing.steps.entity_list)"
CHINA = "China"

# What the shared README states about the file; repeated in the provenance records.
SOURCE_FACTS = {
    "title": "Entity List, Supplement No. 4 to Part 744 of the Export Administration Regulations "
    "(15 CFR), as parsed into JSON by a third party",
    "publisher": "Bureau of Industry and Security, U.S. Department of Commerce (the list); "
    "phagehunter/nsfreg (the parse)",
    "url": "https://github.com/phagehunter/nsfreg/blob/f77a4b987820c683fdba8b3d2137dd0e8cf1e88f/"
    "data/bis_entity_list.json",
    "date": "2026-07-09",
    "repository": "phagehunter/nsfreg (public repository)",
    "path": "data/bis_entity_list.json",
    "commit": "f77a4b987820c683fdba8b3d2137dd0e8cf1e88f",
    "list_as_of": "October 2025 (last Federal Register amendment cited)",
    # The codebook's kind of source: a third party's copy (a parse) of the government's list.
    "kind": "aggregator",
}
LICENCE = "The list is a US government publication; no licence is stated for the parse itself."

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
    """One row per entry with its destination, Hong Kong flag and first citation (in memory only)."""
    rows = []
    for entity in snapshot["entities"]:
        citations = parse_citations(entity.get("federal_register"))
        first = first_citation(citations)
        destination = entity["country"]
        rows.append(
            {
                "destination": destination,
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


def aggregate_by_year(entries: pd.DataFrame) -> pd.DataFrame:
    """Entries by year first listed, destination and Hong Kong address (schema entity_list_by_year)."""
    dated = entries.dropna(subset=["year_first_listed"])
    table = (
        dated.assign(year=dated["year_first_listed"].astype(int))
        .groupby(["year", "destination", "hong_kong"], as_index=False)
        .size()
        .rename(columns={"size": "entries"})
        .sort_values(["year", "destination", "hong_kong"], kind="stable")
        .reset_index(drop=True)
    )
    table["hong_kong"] = table["hong_kong"].map({True: "yes", False: "no"})
    return table[["year", "destination", "hong_kong", "entries"]]


def by_year(entries: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The by-year table of the snapshot's entries and the facts its provenance reports."""
    table = aggregate_by_year(entries)
    unparsed = int(entries["year_first_listed"].isna().sum())
    undated_first = int((entries["first_date"].isna() & entries["year_first_listed"].notna()).sum())
    china = entries["destination"] == CHINA
    facts = {
        "entries_in_snapshot": len(entries),
        "entries_counted": int(table["entries"].sum()),
        "entries_without_parsable_citation": unparsed,
        "entries_whose_first_citation_has_no_date": undated_first,
        "entries_with_several_citations": int((entries["citations"] > 1).sum()),
        "entries_china": int(china.sum()),
        "entries_china_hong_kong": int((china & entries["hong_kong"]).sum()),
        "years": [int(table["year"].min()), int(table["year"].max())] if len(table) else [],
        "rows": len(table),
    }
    return table, facts


# --- Reconciliation with the curated table of Federal Register rules ---------------------------

_FR_CITATION = re.compile(r"(?P<volume>\d{2,3})\s*FR\s*(?P<page>\d+)")
# The counts of the reconciliation table (schema entity_list_reconciliation), empty where unstated.
COUNT_COLUMNS = [
    "entries_added",
    "snapshot_first_cited",
    "difference",
    "entries_added_china",
    "snapshot_first_cited_china",
    "difference_china",
    "snapshot_first_cited_hong_kong",
    "cited_later",
]
RECONCILIATION_COLUMNS = ["document_number", "fr_citation", "publication_date", *COUNT_COLUMNS]


def _rule_spans(rules: pd.DataFrame) -> list[tuple[int, int, date, object]]:
    """Each curated rule as (volume, first page, publication date, row), from its fr_citation."""
    spans = []
    for rule in rules.itertuples(index=False):
        match = _FR_CITATION.fullmatch(str(rule.fr_citation).strip())
        if not match:
            raise DataError(
                "entity_list_rules",
                "unreadable fr_citation",
                field="fr_citation",
                value=rule.fr_citation,
            )
        spans.append(
            (
                int(match["volume"]),
                int(match["page"]),
                pd.Timestamp(rule.publication_date).date(),
                rule,
            )
        )
    return spans


def _starts_by_day(spans: list[tuple[int, int, date, object]]) -> dict[tuple[int, date], list[int]]:
    """The first pages of the curated rules published on each (volume, day)."""
    starts: dict[tuple[int, date], list[int]] = {}
    for volume, page, day, _ in spans:
        starts.setdefault((volume, day), []).append(page)
    return starts


def reconcile_rules(rules: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """Compare each rule's stated additions with the entries in the snapshot that first cite it.

    A snapshot entry first cites a rule when its earliest citation is in the rule's volume, on
    the rule's publication date, and at or after the rule's first page (and before the next
    curated rule of that day). ``cited_later`` counts entries that cite the rule but were first
    listed earlier (revisions, moves, added addresses). Differences are snapshot minus rule.
    """
    spans = _rule_spans(rules)
    starts_by_day = _starts_by_day(spans)

    dated = entries.dropna(subset=["first_volume"])
    # Every citation of every entry, once: each rule then filters this table.
    citations = pd.DataFrame(
        [
            (index, c.volume, c.published, c.page)
            for index, cited in entries["cited"].items()
            for c in cited
        ],
        columns=["entry", "volume", "published", "page"],
    )
    out = []
    for volume, page, day, rule in spans:
        later_starts = [p for p in starts_by_day[(volume, day)] if p > page]
        end = min(later_starts) if later_starts else None
        in_rule = (
            (dated["first_volume"] == volume)
            & (dated["first_date"] == day)
            & (dated["first_page"] >= page)
            & ((dated["first_page"] < end) if end else True)
        )
        first_cited = dated[in_rule]
        in_span = (
            (citations["volume"] == volume)
            & (citations["published"] == day)
            & (citations["page"] >= page)
            & ((citations["page"] < end) if end else True)
        )
        cites_rule = entries.index.isin(citations.loc[in_span, "entry"])
        added = _int_or_none(rule.entries_added)
        added_china = _int_or_none(rule.entries_added_china)
        snap_total = len(first_cited)
        snap_china = int((first_cited["destination"] == CHINA).sum())
        out.append(
            {
                "document_number": rule.document_number,
                "fr_citation": rule.fr_citation,
                "publication_date": day,
                "entries_added": added,
                "snapshot_first_cited": snap_total,
                "difference": None if added is None else snap_total - added,
                "entries_added_china": added_china,
                "snapshot_first_cited_china": snap_china,
                "difference_china": None if added_china is None else snap_china - added_china,
                "snapshot_first_cited_hong_kong": int(first_cited["hong_kong"].sum()),
                "cited_later": int(
                    (
                        cites_rule & ~in_rule.reindex(entries.index, fill_value=False).to_numpy()
                    ).sum()
                ),
            }
        )
    columns = {"publication_date": "datetime64[ns]", **dict.fromkeys(COUNT_COLUMNS, "Int64")}
    table = pd.DataFrame(out, columns=RECONCILIATION_COLUMNS).astype(columns)
    ordered = table.sort_values(["publication_date", "fr_citation"], kind="stable")
    return ordered.reset_index(drop=True)


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# --- Every rule since 2018, found from the snapshot's first citations ----------------------------

# The chapter measures growth from the start of 2018, so the rule table starts there too.
RULES_SINCE = date(2018, 1, 1)
RULES_FROM_SNAPSHOT_COLUMNS = [
    "publication_date",
    "fr_volume",
    "first_page_cited",
    "last_page_cited",
    "fr_citation",
    "document_number",
    "entries",
    "entries_china",
    "entries_hong_kong",
    "matched",
]


def rules_from_snapshot(
    rules: pd.DataFrame, entries: pd.DataFrame, since: date = RULES_SINCE
) -> pd.DataFrame:
    """One row per Federal Register rule published from ``since`` that added entries still listed.

    An entry cites the page on which it was added, not its rule's first page, so entries are
    grouped by the date and volume of their first citation; within a day they are split at the
    first pages of the curated rules of that day, as ``reconcile_rules`` splits them. A row that
    starts at a curated rule takes its citation and document number (``matched`` = yes); any
    other row is cited by its first page cited, "<volume> FR <page>" (``matched`` = no).
    Entries whose first citation has no date are in no row.
    """
    spans = _rule_spans(rules)
    starts_by_day = {key: sorted(pages) for key, pages in _starts_by_day(spans).items()}
    curated = {(volume, day, page): rule for volume, page, day, rule in spans}
    dated = entries[entries["first_date"].notna()]
    dated = dated[dated["first_date"] >= since]
    groups: dict[tuple[date, int, int | None], list[int]] = {}
    for index, volume, day, page in zip(
        dated.index, dated["first_volume"], dated["first_date"], dated["first_page"], strict=True
    ):
        volume, page = int(volume), int(page)
        opened = [start for start in starts_by_day.get((volume, day), []) if start <= page]
        groups.setdefault((day, volume, opened[-1] if opened else None), []).append(index)
    out = []
    for (day, volume, start), members in groups.items():
        rows = dated.loc[members]
        pages = rows["first_page"].astype(int)
        rule = curated.get((volume, day, start)) if start is not None else None
        china = rows["destination"] == CHINA
        out.append(
            {
                "publication_date": day,
                "fr_volume": volume,
                "first_page_cited": int(pages.min()),
                "last_page_cited": int(pages.max()),
                "fr_citation": rule.fr_citation if rule else f"{volume} FR {int(pages.min())}",
                "document_number": rule.document_number if rule else None,
                "entries": len(rows),
                "entries_china": int(china.sum()),
                "entries_hong_kong": int((china & rows["hong_kong"]).sum()),
                "matched": "yes" if rule else "no",
            }
        )
    counts = ["fr_volume", "first_page_cited", "last_page_cited", *RULES_FROM_SNAPSHOT_COLUMNS[6:9]]
    table = pd.DataFrame(out, columns=RULES_FROM_SNAPSHOT_COLUMNS).astype(
        {
            "publication_date": "datetime64[ns]",
            **dict.fromkeys(counts, "Int64"),
            "document_number": "string",
        }
    )
    ordered = table.sort_values(["publication_date", "fr_volume", "first_page_cited"])
    return ordered.reset_index(drop=True)


def out_of_page_order(table: pd.DataFrame) -> list[str]:
    """Rows whose pages are not after those of every earlier day in the same volume.

    Pages run in time within a volume and each page belongs to one day's issue, so such a row
    and the earlier one most likely share a rule, one of them with a misprinted date in the list.
    """
    flagged = []
    ordered = table.sort_values(["publication_date", "first_page_cited"])
    for _, rows in ordered.groupby("fr_volume", sort=True):
        highest, highest_day = 0, None
        for row in rows.itertuples(index=False):
            if row.first_page_cited <= highest and row.publication_date != highest_day:
                flagged.append(
                    f"{row.fr_citation} ({row.publication_date:%Y-%m-%d}, pages not after "
                    f"those of {highest_day:%Y-%m-%d})"
                )
            if row.last_page_cited > highest:
                highest, highest_day = int(row.last_page_cited), row.publication_date
    return flagged


def rules_from_snapshot_facts(entries: pd.DataFrame, table: pd.DataFrame, since: date) -> dict:
    """The counts the rule table's provenance reports, undated first citations counted apart."""
    china = entries["destination"] == CHINA
    undated = (
        entries["first_date"].isna()
        & entries["year_first_listed"].notna()
        & (entries["year_first_listed"] >= since.year)
    )
    matched = table[table["matched"] == "yes"]
    return {
        "since": since.isoformat(),
        "entries_in_snapshot": len(entries),
        "rules": len(table),
        "rules_matched": len(matched),
        "entries": int(table["entries"].sum()),
        "entries_china": int(table["entries_china"].sum()),
        "entries_hong_kong": int(table["entries_hong_kong"].sum()),
        "entries_in_matched_rules": int(matched["entries"].sum()),
        "entries_china_in_matched_rules": int(matched["entries_china"].sum()),
        "entries_first_cited_without_date_since": int(undated.sum()),
        "entries_china_first_cited_without_date_since": int((undated & china).sum()),
        "entries_without_parsable_citation": int(entries["year_first_listed"].isna().sum()),
        "rows_out_of_page_order": out_of_page_order(table),
    }


def to_csv_text(table: pd.DataFrame) -> str:
    """The exact CSV text committed for a table (UTF-8, LF line ends, no index, ISO dates)."""
    buffer = io.StringIO()
    table.to_csv(
        buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, date_format="%Y-%m-%d"
    )
    return buffer.getvalue()


# --- Provenance records ---------------------------------------------------------------------------

BY_YEAR_METHOD = (
    "Each entry's federal_register text is parsed into citations (volume, page, date; "
    "two-digit years resolved with the volume's year). The earliest citation gives the "
    "year first listed (the volume's year where the citation has no date). Entries are "
    "counted by that year and by the destination heading they sit under; entries under "
    "China whose address mentions Hong Kong are counted separately (hong_kong = yes)."
)
RECONCILIATION_METHOD = (
    "Each rule's fr_citation gives its volume and first page; with its publication date it "
    "spans the pages up to the next rule of the rules table published that day. An entry of "
    "the snapshot first cites the rule when its earliest citation (as in entity_list_by_year) "
    "falls in that span: snapshot_first_cited counts those entries, and of them those under "
    "China and those under China with a Hong Kong address. cited_later counts entries that "
    "cite the rule but were first listed earlier (revisions, moves, added addresses). The "
    "stated counts are copied from the rules table; differences are snapshot minus rule."
)


def _by_year_description(facts: dict) -> dict:
    return dict(
        title="Entity List entries by year first listed, destination and Hong Kong address",
        method=BY_YEAR_METHOD,
        notes=[
            (
                "Only entries still on the list when the snapshot was taken: entries removed "
                "earlier are absent, so early years are undercounted relative to what was added then."
            ),
            (
                "The first citation is the best available evidence of when an entry was added; "
                "an entry revised or moved under another heading may first cite a later rule."
            ),
            (
                "An entry is one row of the list, not one legal entity: an entity listed under "
                "several destinations counts once per destination, and an entry may carry "
                "several addresses."
            ),
            (
                "Hong Kong is flagged from the address text of entries under China; an entry with "
                "addresses both in Hong Kong and the mainland counts as Hong Kong."
            ),
            (
                "Entries without a parsable citation are left out of the table: "
                f"{facts['entries_without_parsable_citation']}."
            ),
            (
                "Entries whose earliest citation has no date (year taken from the volume): "
                f"{facts['entries_whose_first_citation_has_no_date']}."
            ),
        ],
        counts=facts,
    )


RULES_FROM_SNAPSHOT_METHOD = (
    "Each entry's earliest citation (as in entity_list_by_year) gives the volume, page and date "
    "on which it was added. Entries first cited from the start date on are grouped by that date "
    "and volume; within a day they are split at the first pages of the rules of the rules table "
    "published that day (as in entity_list_reconciliation). A group starting at such a rule takes "
    "its fr_citation and document_number (matched = yes); any other group is cited as '<volume> "
    "FR <first page cited>' (matched = no). Each row counts its entries, those under China and "
    "those under China with a Hong Kong address."
)


def _rules_from_snapshot_description(facts: dict) -> dict:
    out_of_order = facts["rows_out_of_page_order"]
    return dict(
        title=(
            f"Federal Register rules from {facts['since']} that added Entity List entries still "
            "listed, found from each entry's first citation"
        ),
        method=RULES_FROM_SNAPSHOT_METHOD,
        notes=[
            (
                "Only entries still on the list when the snapshot was taken: a current snapshot "
                "misses entries removed before it, so a rule counts fewer entries here than it "
                "added when some were removed since, and a rule whose entries were all removed "
                "has no row."
            ),
            (
                "An entry cites the page on which it was added, not the rule's first page: the "
                "fr_citation of an unmatched row is its first page cited, on or after the rule's "
                "first page. Rows are split within a day only at rules of the rules table, so an "
                "unmatched row may hold more than one rule published that day."
            ),
            (
                "An entry is one row of the list, not one legal entity: an entity listed under "
                "several destinations counts once per destination."
            ),
            (
                "Entries whose earliest citation has no date are in no row, counted apart: "
                f"{facts['entries_first_cited_without_date_since']} whose volume is from "
                f"{facts['since'][:4]} on, {facts['entries_china_first_cited_without_date_since']} "
                "of them under China."
            ),
            (
                "Dates are as printed in the list. A row whose pages are not after those of an "
                "earlier day in the same volume most likely shares a rule with it, one of the two "
                "dates misprinted: " + (", ".join(out_of_order) if out_of_order else "none") + "."
            ),
        ],
        counts=facts,
    )


def _reconciliation_description(reconciled: pd.DataFrame) -> dict:
    difference = reconciled["difference"]
    return dict(
        title=(
            "Entity List rules reconciled: the entries each rule of the rules table states it "
            "added, against the entries of the snapshot that first cite it"
        ),
        method=RECONCILIATION_METHOD,
        notes=[
            (
                "Only entries still on the list when the snapshot was taken: a rule whose entries "
                "were removed since counts fewer entries in the snapshot than it added."
            ),
            (
                "An entity added under several destination headings is several entries of the "
                "list, so a rule can count more entries in the snapshot than entities it added."
            ),
            (
                "An empty entries_added_china (and difference_china) means the rule's sources do "
                "not state its China count."
            ),
            (
                "Rules not in the rules table are not reconciled; entity_list_rules_from_snapshot "
                "lists every rule since 2018 with entries still listed."
            ),
        ],
        counts={
            "rules": len(reconciled),
            "rules_matching": int((difference == 0).sum()),
            "rules_fewer_in_snapshot": int((difference < 0).sum()),
            "rules_more_in_snapshot": int((difference > 0).sum()),
            "entries_first_citing_a_rule": int(reconciled["snapshot_first_cited"].sum()),
        },
    )


def _rules_input(path: Path, rules: pd.DataFrame) -> dict:
    """The rules table as an input: curated in the project, each row naming its own source."""
    return {
        "title": "Federal Register rules that added entries to the Entity List (rules table)",
        "publisher": "tech-controls briefing (curated; each rule names its source)",
        "url": None,
        # A curated file has no publication date: its latest source's date stands for it.
        "date": rules["source_date"].max().date().isoformat() if len(rules) else None,
        "path": _shown(path),
        **provenance.describe_file(path.name, path.read_bytes()),
    }


def _shown(path: Path) -> str:
    # Inside the project, the path from its root: the same on every machine.
    resolved = path.resolve()
    if resolved.is_relative_to(paths.ROOT):
        return resolved.relative_to(paths.ROOT).as_posix()
    return str(path)


# --- The step -------------------------------------------------------------------------------------


def derive(
    snapshot: Path = SNAPSHOT,
    rules: Path = RULES,
    derived: Path = paths.DERIVED,
    *,
    derived_on: date | None = None,
) -> list[Path]:
    """Recompute the three derived tables from the snapshot and the rules table, and write each
    with its provenance record into ``derived``; returns the six paths written.

    Everything is read and computed before anything is written: a missing or malformed input
    raises DataError and changes no file.
    """
    entries = entry_table(load_snapshot(snapshot))
    curated = tables.load("entity_list_rules", path=rules)
    year_table, facts = by_year(entries)
    reconciled = reconcile_rules(curated, entries)
    snapshot_rules = rules_from_snapshot(curated, entries)
    rule_facts = rules_from_snapshot_facts(entries, snapshot_rules, RULES_SINCE)
    source = {**SOURCE_FACTS, **provenance.describe_file(snapshot.name, snapshot.read_bytes())}
    rules_input = _rules_input(rules, curated)
    day = (derived_on or date.today()).isoformat()
    derived.mkdir(parents=True, exist_ok=True)
    return [
        *_write(derived / BY_YEAR_CSV.name, year_table, [source], day, _by_year_description(facts)),
        *_write(
            derived / RULES_FROM_SNAPSHOT_CSV.name,
            snapshot_rules,
            [source, rules_input],
            day,
            _rules_from_snapshot_description(rule_facts),
        ),
        *_write(
            derived / RECONCILIATION_CSV.name,
            reconciled,
            [source, rules_input],
            day,
            _reconciliation_description(reconciled),
        ),
    ]


def _write(
    csv_path: Path, table: pd.DataFrame, inputs: list[dict], day: str, description: dict
) -> list[Path]:
    """Write a derived table and its provenance record beside it; returns both paths."""
    content = to_csv_text(table).encode("utf-8")
    record = provenance.Provenance(
        producer=PRODUCER,
        licence=LICENCE,
        date_retrieved=day,
        files=[provenance.describe_file(csv_path.name, content)],
        inputs=inputs,
        **description,
    )
    csv_path.write_bytes(content)
    return [csv_path, provenance.write(provenance.for_table(csv_path), record)]


def run(*, console: Console, snapshot: Path | None = None) -> list[Path]:
    """The `briefing derive` command: derive, then say what was written."""
    written = derive(snapshot or SNAPSHOT)
    for csv_path, record_path in zip(written[::2], written[1::2], strict=True):
        rows = len(csv_path.read_text(encoding="utf-8").splitlines()) - 1  # less the header
        console.print(
            f"[green]wrote[/] {csv_path} ({rows} rows) and {record_path.name}", soft_wrap=True
        )
    return written
