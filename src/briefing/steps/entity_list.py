"""Entity List figures derived from a parse of the official list, and their reconciliation.

The source is a third party's parse of Supplement No. 4 to Part 744 of the EAR, kept read-only
in ``shared/data/entity-list/`` (its README states the repository, commit and extraction date
recorded below). Only aggregate figures are written into the project: the table
``data/derived/entity_list_by_year.csv`` (entries by year first listed, destination and Hong
Kong address) and a provenance record beside it. Never a copy of the list or of its entries.

Run ``python -m briefing.entity_list`` to recompute both files from the shared snapshot.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from briefing import paths
from briefing.data import provenance, reads
from briefing.errors import DataError

SNAPSHOT = paths.SHARED / "data" / "entity-list" / "bis_entity_list.json"
DERIVED_CSV = paths.DERIVED / "entity_list_by_year.csv"
CHINA = "China"

# What the shared README states about the file; repeated in the provenance record.
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
    reads.record(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            path, "Entity List snapshot not found; it is read from shared/data/entity-list/"
        ) from None
    try:
        snapshot = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataError(path, f"not valid JSON: {exc.msg}", row=exc.lineno) from None
    entities = snapshot.get("entities") if isinstance(snapshot, dict) else None
    if not isinstance(entities, list):
        raise DataError(path, "expected an object with an 'entities' list", rule="shape")
    for number, entity in enumerate(entities, start=1):
        for key in ("name", "country", "federal_register"):
            if key not in entity:
                raise DataError(path, "entity lacks a required key", row=number, field=key)
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


def to_csv_text(table: pd.DataFrame) -> str:
    """The exact CSV text committed for a table (UTF-8, LF line ends, no index)."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def derive(source: Path = SNAPSHOT) -> tuple[pd.DataFrame, dict]:
    """Recompute the by-year table and the facts its provenance reports, from the snapshot."""
    snapshot = load_snapshot(source)
    entries = entry_table(snapshot)
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


def write_derived(
    source: Path = SNAPSHOT, out_csv: Path = DERIVED_CSV, *, derived_on: date | None = None
) -> tuple[Path, Path]:
    """Write the by-year CSV and its provenance record beside it; returns both paths."""
    table, facts = derive(source)
    csv_bytes = to_csv_text(table).encode("utf-8")
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    out_csv.write_bytes(csv_bytes)
    record = provenance.Provenance(
        producer="tech-controls briefing: briefing derive (briefing.steps.entity_list)",
        title="Entity List entries by year first listed, destination and Hong Kong address",
        licence=LICENCE,
        date_retrieved=(derived_on or date.today()).isoformat(),
        files=[provenance.describe_file(out_csv.name, csv_bytes)],
        inputs=[{**SOURCE_FACTS, **provenance.describe_file(source.name, source.read_bytes())}],
        method=(
            "Each entry's federal_register text is parsed into citations (volume, page, date; "
            "two-digit years resolved with the volume's year). The earliest citation gives the "
            "year first listed (the volume's year where the citation has no date). Entries are "
            "counted by that year and by the destination heading they sit under; entries under "
            "China whose address mentions Hong Kong are counted separately (hong_kong = yes)."
        ),
        notes=[
            (
                "Only entries still on the list when the snapshot was taken: entries removed earlier are absent, "
                "so early years are undercounted relative to what was added then."
            ),
            (
                "The first citation is the best available evidence of when an entry was added; an entry "
                "revised or moved under another heading may first cite a later rule."
            ),
            (
                "An entry is one row of the list, not one legal entity: an entity listed under several "
                "destinations counts once per destination, and an entry may carry several addresses."
            ),
            (
                "Hong Kong is flagged from the address text of entries under China; an entry with addresses "
                "both in Hong Kong and the mainland counts as Hong Kong."
            ),
            f"Entries without a parsable citation are left out of the table: {facts['entries_without_parsable_citation']}.",
            (
                f"Entries whose earliest citation has no date (year taken from the volume): "
                f"{facts['entries_whose_first_citation_has_no_date']}."
            ),
        ],
        counts=facts,
    )
    provenance_path = provenance.write(provenance.for_table(out_csv), record)
    return out_csv, provenance_path


# --- Reconciliation with the curated table of Federal Register rules ---------------------------

_FR_CITATION = re.compile(r"(?P<volume>\d{2,3})\s*FR\s*(?P<page>\d+)")


def reconcile_rules(rules: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """Compare each rule's stated additions with the entries in the snapshot that first cite it.

    A snapshot entry first cites a rule when its earliest citation is in the rule's volume, on
    the rule's publication date, and at or after the rule's first page (and before the next
    curated rule of that day). ``cited_later`` counts entries that cite the rule but were first
    listed earlier (revisions, moves, added addresses). Differences are snapshot minus rule.
    """
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
    starts_by_day: dict[tuple[int, date], list[int]] = {}
    for volume, page, day, _ in spans:
        starts_by_day.setdefault((volume, day), []).append(page)

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
                "explanation": _explain(added, snap_total),
            }
        )
    return pd.DataFrame(out)


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _explain(added: int | None, in_snapshot: int) -> str:
    if added is None:
        return "no stated count to compare"
    if in_snapshot == added:
        return "matches"
    if in_snapshot < added:
        return (
            "fewer entries survive than the rule added: later removals, entities folded into other "
            "entries as aliases or addresses, or entries whose first citation is an earlier rule"
        )
    return (
        "more entries than the rule's count: one entity added under several destination entries, "
        "or entries the rule revised whose earlier citation was dropped from the list"
    )


def main(argv: list[str] | None = None) -> int:
    """Recompute ``data/derived/entity_list_by_year.csv`` and its provenance from the snapshot."""
    source = Path(argv[0]) if argv else SNAPSHOT
    csv_path, provenance_path = write_derived(source)
    counts = json.loads(provenance_path.read_text(encoding="utf-8"))["counts"]
    print(
        f"wrote {csv_path} ({counts['rows']} rows, {counts['entries_counted']} entries) and {provenance_path.name}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
