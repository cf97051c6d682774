"""The sources appendix's share of primary sources: for each table whose rows cite their own
sources, how many rows an edition shows cite an official source (the codebook's kinds of
source marked official: a government or official body, a regulator) as their main source,
and how many add a second source."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.data import package, tables
from briefing.data.codebook import Codebook


def official_share(day: dt.date, book: Codebook) -> pd.DataFrame:
    """One row per table with a kind of source, in the data package's order.

    Columns: table, title, rows (the rows an edition dated ``day`` shows), official (those
    whose main source is of an official kind), second (those citing a second source) and
    share (official / rows; NaN for a table with no row yet).
    """
    official = book.official_kinds()
    found = []
    for table in package.tables():
        if "kind" not in table.source_columns:
            continue  # a derived table: its source is its provenance record
        rows = tables.load(table.name, as_of=day)
        seconds = table.second_source_columns
        found.append(
            {
                "table": table.name,
                "title": table.title,
                "rows": len(rows),
                "official": int(rows[table.source_columns["kind"]].isin(official).sum()),
                "second": int(rows[seconds["url"]].notna().sum()) if seconds else 0,
            }
        )
    shares = pd.DataFrame(found)
    shares["share"] = shares["official"] / shares["rows"].where(shares["rows"] > 0)
    return shares


def official_summary(shares: pd.DataFrame, book: Codebook, day: dt.date) -> str:
    """One sentence: how many rows of the edition's tables cite an official main source, over
    all the tables, and which kinds of source count as official."""
    kinds = [value.label.lower() for value in book.source_kinds.values if value.official]
    rows, official = int(shares["rows"].sum()), int(shares["official"].sum())
    share = f" ({official / rows:.0%})" if rows else ""
    return (
        f"As of {day:%-d %B %Y}, {official} of the {rows} rows of the briefing's tables{share} "
        f"cite as their main source a primary source, published by a "
        f"{' or a '.join(kinds)} (the kinds of source the codebook marks official). Where a "
        f"news report gives the date or a detail the official text lacks, the row keeps it as "
        f"its second source. By table:"
    )


def official_table(shares: pd.DataFrame) -> pd.DataFrame:
    """The shares as readers see them, one line per table: the share first, so that a phone's
    narrow screen, which scrolls the wider columns out of view, still shows it."""
    return pd.DataFrame(
        {
            "Share": shares["share"].map(lambda s: "" if pd.isna(s) else f"{s:.0%}"),
            "Table": shares["title"],
            "Official main source": [
                f"{official} of {rows}"
                for official, rows in zip(shares["official"], shares["rows"])
            ],
            "Second source": shares["second"],
        }
    )
