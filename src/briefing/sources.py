"""The sources appendix: every source cited by the rows in an edition, with URL and date."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import tables

# Each table, and the column that dates its rows for an edition cut at as_of.
DATED_TABLES = {
    "restrictions": "announced",
    "milestones": "date",
    "entity_list_rules": "publication_date",
    "semiconductor_self_sufficiency": "estimate_made",
}
SOURCE_COLUMNS = ["source_url", "source_publisher", "source_date"]


def cited(day: dt.date) -> pd.DataFrame:
    """One row per distinct source cited by rows dated on or before ``day``, with the tables citing it."""
    frames = []
    for name, date_column in DATED_TABLES.items():
        table = tables.load(name)
        rows = table[table[date_column] <= pd.Timestamp(day)]
        frames.append(rows[SOURCE_COLUMNS].assign(table=name))
    every = pd.concat(frames, ignore_index=True)
    grouped = (
        every.groupby(SOURCE_COLUMNS, as_index=False, dropna=False)
        .agg(rows=("table", "size"), tables=("table", lambda t: ", ".join(sorted(set(t)))))
        .sort_values(["source_publisher", "source_date", "source_url"])
        .reset_index(drop=True)
    )
    return grouped


def appendix_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The appendix as readers see it; `url` stays as the link target of the Source column."""
    return pd.DataFrame(
        {
            "Publisher": sources["source_publisher"],
            "Date": sources["source_date"].dt.strftime("%Y-%m-%d"),
            "Source": sources["source_url"],
            "Cited by": sources["tables"],
            "url": sources["source_url"],
        }
    )
