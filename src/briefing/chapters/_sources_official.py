"""The sources appendix's share of primary sources: for each table whose rows cite their own
sources, how many rows an edition shows cite an official source (the codebook's kinds of
source marked official: a government or official body, a regulator) as their main source,
and how many add a second source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from briefing import prose, translation
from briefing.data import package, tables
from briefing.data.codebook import Codebook
from briefing.translation import N_, _, percent


def _percent(share: float, digits: int = 1) -> str:
    """``translation.percent`` rounding as Python's ``%`` format always did here (the float
    times 100, ties to even), so that the English reads as before: 1/29 is 3.5%, not 3.4%."""
    return percent(Decimal(share * 100) / 100, digits=digits)


# The column names of the table of shares (the display layer shows them translated).
SHARE = N_("Share")
TABLE = N_("Table")
OFFICIAL = N_("Official main source")
SECOND = N_("Second source")
# How the official kinds of source are listed: "a government or a regulator", 政府または規制当局.
KINDS_SEPARATOR = {"ja": "または"}


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
                "title": table.shown_title(),
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
    english = translation.current() == translation.SOURCE
    kinds = [
        value.label.lower() if english else value.label
        for value in book.source_kinds.values
        if value.official
    ]
    rows, official = int(shares["rows"].sum()), int(shares["official"].sum())
    said = {
        "day": prose.on(day),
        "official": official,
        "rows": rows,
        "kinds": KINDS_SEPARATOR.get(translation.current(), " or a ").join(kinds),
    }
    if rows:
        text = _(
            "As of {day}, {official} of the {rows} rows of the briefing's tables ({share}) cite "
            "as their main source a primary source, published by a {kinds} (the kinds of source "
            "the codebook marks official). Where a news report gives the date or a detail the "
            "official text lacks, the row keeps it as its second source. By table:"
        )
        return text.format(share=_percent(official / rows, digits=0), **said)
    return _(
        "As of {day}, {official} of the {rows} rows of the briefing's tables cite as their main "
        "source a primary source, published by a {kinds} (the kinds of source the codebook "
        "marks official). Where a news report gives the date or a detail the official text "
        "lacks, the row keeps it as its second source. By table:"
    ).format(**said)


def official_table(shares: pd.DataFrame) -> pd.DataFrame:
    """The shares as readers see them, one line per table: the share first, so that a phone's
    narrow screen, which scrolls the wider columns out of view, still shows it."""
    return pd.DataFrame(
        {
            SHARE: shares["share"].map(lambda s: "" if pd.isna(s) else _percent(s, digits=0)),
            TABLE: shares["title"],
            OFFICIAL: [
                _("{official} of {rows}").format(official=official, rows=rows)
                for official, rows in zip(shares["official"], shares["rows"])
            ],
            SECOND: shares["second"],
        }
    )
