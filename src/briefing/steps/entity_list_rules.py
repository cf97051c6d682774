"""Every Federal Register rule since 2018 that added entries still listed, found from each
entry's first citation (``data/derived/entity_list_rules_from_snapshot.csv``), with the facts
its provenance reports."""

from __future__ import annotations

from datetime import date

import pandas as pd

from briefing.steps.entity_list_rule_spans import rule_spans, starts_by_day
from briefing.vocabulary.entity_list import BASELINE_YEAR, CHINA, RUSSIA_HEADING

# The chapter measures growth from the start of its baseline year; the rule table starts there too.
RULES_SINCE = date(BASELINE_YEAR, 1, 1)
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
    "entries_russia",
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
    spans = rule_spans(rules)
    starts = {key: sorted(pages) for key, pages in starts_by_day(spans).items()}
    curated = {(volume, day, page): rule for volume, page, day, rule in spans}
    dated = entries[entries["first_date"].notna()]
    dated = dated[dated["first_date"] >= since]
    groups: dict[tuple[date, int, int | None], list[int]] = {}
    for index, volume, day, page in zip(
        dated.index, dated["first_volume"], dated["first_date"], dated["first_page"], strict=True
    ):
        volume, page = int(volume), int(page)
        opened = [start for start in starts.get((volume, day), []) if start <= page]
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
                "entries_russia": int((rows["destination"] == RUSSIA_HEADING).sum()),
                "matched": "yes" if rule else "no",
            }
        )
    counts = [
        "fr_volume",
        "first_page_cited",
        "last_page_cited",
        *RULES_FROM_SNAPSHOT_COLUMNS[6:10],
    ]
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
        "entries_russia": int(table["entries_russia"].sum()),
        "entries_in_matched_rules": int(matched["entries"].sum()),
        "entries_china_in_matched_rules": int(matched["entries_china"].sum()),
        "entries_first_cited_without_date_since": int(undated.sum()),
        "entries_china_first_cited_without_date_since": int((undated & china).sum()),
        "entries_without_parsable_citation": int(entries["year_first_listed"].isna().sum()),
        "rows_out_of_page_order": out_of_page_order(table),
    }
