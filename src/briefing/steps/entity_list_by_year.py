"""Entity List entries by year first listed, destination and Hong Kong address: the table
``data/derived/entity_list_by_year.csv`` and the facts its provenance reports."""

from __future__ import annotations

import pandas as pd

from briefing.vocabulary.entity_list import CHINA


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
