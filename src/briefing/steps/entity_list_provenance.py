"""What the provenance records of the derived Entity List tables say: the snapshot's source as
its README states it, the rules table as an input, and each table's method, notes and counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import paths
from briefing.data import provenance

PRODUCER = "tech-controls briefing: briefing derive (briefing.steps.entity_list)"

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


def by_year_description(facts: dict) -> dict:
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


def rules_from_snapshot_description(facts: dict) -> dict:
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


CHINA_ENTRIES_METHOD = (
    "Every entry under the China heading, one row each, by its name as the list gives it. "
    "hong_kong and the earliest citation are read as for entity_list_by_year; listed_on is that "
    "citation's date (the end of its volume's year where it prints none). The entry falls in a "
    "rule of the rules table when its first citation is on that rule's day and volume, on or "
    "after its first page and before the next rule of that day (as in "
    "entity_list_rules_from_snapshot); the rule's citation and document number are then given. "
    "city is the last part of the first address, before 'China', that is neither a province "
    "(ISO 3166-2:CN), a postal code nor a district, street, building or zone; Hong Kong for "
    "entries with a Hong Kong address; empty where no part qualifies."
)


def china_entries_description(facts: dict) -> dict:
    return dict(
        title=(
            "Entity List entries under China (Hong Kong included) still listed, by name, with "
            "the city of the first address and the rule that added each"
        ),
        method=CHINA_ENTRIES_METHOD,
        notes=[
            (
                "Only entries still on the list when the snapshot was taken: an entry removed "
                "before it is absent, and the snapshot is a third party's parse of the list, so "
                "a compliance check must use the list as the Federal Register publishes it."
            ),
            (
                "Names, the first citation and the Hong Kong flag are copied from the snapshot; "
                "aliases, addresses and licence requirements are left out."
            ),
            (
                "The city is read from the address text and is empty where it cannot be read "
                f"plainly: {facts['entries_china'] - facts['entries_with_city']} entries."
            ),
            (
                "Entries whose earliest citation prints no date (listed_on is the end of the "
                f"volume's year): {facts['entries_first_cited_without_date']}; entries with no "
                f"parsable citation (no listed_on): {facts['entries_without_parsable_citation']}."
            ),
        ],
        counts=facts,
    )


def reconciliation_description(reconciled: pd.DataFrame) -> dict:
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


def rules_input(path: Path, rules: pd.DataFrame) -> dict:
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
