"""The methods appendix: where the Entity List snapshot comes from and how its counts were
checked against the Federal Register.

The Entity List chapter counts entries of one snapshot, a third party's parse of the list. This
appendix says whose parse it is (from the provenance record ``briefing derive`` wrote beside
the derived tables), how many of the rules found from the snapshot are rules of the curated
rules table (``entity_list_rules_from_snapshot`` against ``entity_list_rules``), and, rule by
rule, the entries each curated rule states it added against the snapshot's entries first citing
it (``entity_list_reconciliation``), with the reason for each kind of difference.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.data import package, reads
from briefing.data import provenance as provenance_record
from briefing.vocabulary.entity_list import BASELINE_YEAR


def snapshot_source(table: str = "entity_list_by_year") -> dict:
    """What the derived tables' provenance records about the snapshot (the first input)."""
    path = package.table(table).provenance
    reads.record(path)
    record = provenance_record.read(path)
    return {**record.primary_input(), "derived_on": record.date_retrieved}


def list_date(source: dict, day: dt.date | None = None) -> str:
    """When the snapshot's list stood, in short ("October 2025"); for an edition dated ``day``
    before the snapshot was taken, no date (an edition names none after its own)."""
    if _after(source["date"], day):
        return "a date after this edition's"
    return source["list_as_of"].split(" (")[0].strip()


def _after(when: str, day: dt.date | None) -> bool:
    return day is not None and dt.date.fromisoformat(when) > day


def snapshot_markdown(source: dict, day: dt.date | None = None) -> str:
    """Where the snapshot comes from, in a paragraph a reader can check (for an edition dated
    ``day``, without the dates after it: the counts are those of the rules published by then)."""
    later = _after(source["date"], day)
    extracted = "" if later else f", extracted {source['date']}"
    stood = (
        f"at a date after this edition's; the counts are of the entries the rules published "
        f"by {day:%-d %B %Y} added, as the later list records them"
        if later
        else f"in {source['list_as_of']}"
    )
    read = "" if _after(source["derived_on"], day) else f" on {source['derived_on']}"
    return (
        f"The Entity List counts of this briefing come from one snapshot of the list: "
        f"{source['title']}. The list is published by the Bureau of Industry and Security; the "
        f"parse is taken unchanged from {source['repository']} (file `{source['path']}`, "
        f"commit `{source['commit'][:12]}`{extracted}), and holds the list as "
        f"it stood {stood}. The briefing's own step `briefing derive` read it"
        f"{read} and wrote into the project the counts and the names of the "
        "entries under China, never the file itself, each table with a provenance record naming "
        "this source and its checksum. The parse is not the official list: a compliance check must use the list as "
        "the Federal Register publishes it (Supplement No. 4 to Part 744 of the EAR)."
    )


def rule_matching(snapshot_rules: pd.DataFrame, rules: pd.DataFrame) -> dict:
    """How many rules found from the snapshot since BASELINE_YEAR are rules of the rules table,
    and how many rules of the rules table since then the snapshot finds."""
    matched = snapshot_rules[snapshot_rules["matched"] == "yes"]
    curated = rules[rules["publication_date"].dt.year >= BASELINE_YEAR]
    found = curated["document_number"].isin(snapshot_rules["document_number"].dropna())
    return {
        "since": BASELINE_YEAR,
        "snapshot_rules": len(snapshot_rules),
        "snapshot_rules_matched": len(matched),
        "entries": int(snapshot_rules["entries"].sum()),
        "entries_matched": int(matched["entries"].sum()),
        "curated_rules": len(curated),
        "curated_rules_found": int(found.sum()),
    }


def matching_markdown(stats: dict) -> str:
    """The rule-level check against the Federal Register, in words."""
    if not stats["snapshot_rules"]:
        return f"No rule from {stats['since']} with entries still listed falls in this edition."
    share = stats["entries_matched"] / stats["entries"] if stats["entries"] else 0
    missing = stats["curated_rules"] - stats["curated_rules_found"]
    return (
        f"Grouping the snapshot's entries by their first citation finds "
        f"{stats['snapshot_rules']} Federal Register rules from {stats['since']} with entries "
        f"still listed. {stats['snapshot_rules_matched']} of them start at a rule of the rules "
        f"table, whose citation, date and stated count were read from the Federal Register "
        f"document or a report of it; they hold {stats['entries_matched']:,} of the "
        f"{stats['entries']:,} entries ({share:.1%}). Of the {stats['curated_rules']} rules of the "
        f"rules table from {stats['since']}, {stats['curated_rules_found']} are found in the "
        "snapshot"
        + (
            f"; the other {missing} added no entry that is still listed under its own citation."
            if missing
            else "."
        )
    )


def _count(value) -> str:
    return "not stated" if value is None or pd.isna(value) else str(int(value))


def _signed(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{int(value):+d}" if value else "0"


# Why a rule's stated count and the snapshot's may differ, for the results where they do.
REASONS = {
    "no stated count": "no stated count to compare",
    "fewer in snapshot": (
        "fewer entries survive than the rule added: later removals, entities folded into other "
        "entries as aliases or addresses, or entries whose first citation is an earlier rule"
    ),
    "more in snapshot": (
        "more entries than the rule's count: one entity added under several destination entries, "
        "or entries the rule revised whose earlier citation was dropped from the list"
    ),
}


def _result(difference) -> str:
    if difference is None or pd.isna(difference):
        return "no stated count"
    if difference == 0:
        return "matches"
    return "fewer in snapshot" if difference < 0 else "more in snapshot"


def reconciliation_table(reconciled: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Per rule: entries stated by the rule, entries of the snapshot first citing it, and the
    difference, with the source of the rule's stated counts (its row of the rules table;
    ``url`` is the hidden link target of the Source column)."""
    sources = rules.drop_duplicates("document_number").set_index("document_number")
    table = reconciled.sort_values(["publication_date", "fr_citation"], ascending=[False, True])
    table = table.join(sources[["source_publisher", "source_url"]], on="document_number")
    return pd.DataFrame(
        {
            "Published": pd.to_datetime(table["publication_date"]).dt.strftime("%Y-%m-%d"),
            "FR citation": table["fr_citation"],
            "Stated by rule": table["entries_added"].map(_count),
            "First cited in snapshot": table["snapshot_first_cited"].astype(int),
            "Difference": table["difference"].map(_signed),
            "China stated": table["entries_added_china"].map(_count),
            "China in snapshot": table["snapshot_first_cited_china"].astype(int),
            "China difference": table["difference_china"].map(_signed),
            "Hong Kong in snapshot": table["snapshot_first_cited_hong_kong"].astype(int),
            "Citing it as a later change": table["cited_later"].astype(int),
            "Result": table["difference"].map(_result),
            "Source": table["source_publisher"],
            "url": table["source_url"],
        }
    ).reset_index(drop=True)


def reconciliation_reasons(reconciled: pd.DataFrame, snapshot: str) -> str:
    """The reason for each kind of result, once each, with how many rules had it."""
    lines = [
        f"The snapshot is the list as it stood in {snapshot}; a difference is snapshot minus rule.",
        "",  # a blank line, or pandoc reads the list as part of the paragraph
    ]
    results = reconciled["difference"].map(_result)
    for result, rows in reconciled.groupby(results, sort=False):
        count = len(rows)
        because = f": {REASONS[result]}" if result in REASONS else ""
        lines.append(f"- **{result}** ({count} rule{'s' if count != 1 else ''}){because}.")
    return "\n".join(lines)
