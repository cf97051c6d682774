"""The sources appendix: every source an edition cites, as readers see it, and their
kinds; and, for the summary, how recent each table is and the watch list as readers see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from briefing.chapters import registry
from briefing.chapters._sources_official import official_share, official_summary, official_table
from briefing.chapters.findings import STALE_DAYS
from briefing.counting import watch
from briefing.data import package, provenance, tables
from briefing.data.codebook import Codebook

# What the notebook shows, with the share of rows citing an official source (by table).
__all__ = [
    "Freshness",
    "appendix_table",
    "freshness",
    "kind_counts",
    "kind_summary",
    "official_share",
    "official_summary",
    "official_table",
    "watch_lead",
]


def appendix_table(sources: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """The appendix as readers see it: publisher, kind, title, date, the link and the tables
    citing it by their titles (as the pages name them, a list per source); `url` and `pages`
    stay as the link targets of the Source and Cited by columns."""
    titles = {table.name: table.title for table in package.tables()}
    names = sources["tables"].str.split(", ")
    return pd.DataFrame(
        {
            "Publisher": sources["source_publisher"],
            "Kind": sources["source_kind"].map(_labels(book)).fillna(""),
            "Title": sources["source_title"].fillna(""),
            "Date": sources["source_date"].dt.strftime("%Y-%m-%d"),
            "Source": sources["source_url"],
            "Cited by": names.map(lambda found: [titles.get(name, name) for name in found]),
            "url": sources["source_url"],
            # Where each table citing it is shown: its page, which "Cited by" links.
            "pages": names.map(lambda found: [registry.page_of(name) for name in found]),
        }
    )


# --- How recent each table is --------------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """How recent one table is in an edition: its latest row, and the day its sources were
    last searched for new rows."""

    table: str
    title: str
    rows: int
    latest_row: str  # the latest row's date (or year) in the edition's cut, in words ("" if none)
    verified_through: str  # the day its sources were searched to, in words ("" if not declared)
    stale: bool  # searched more than STALE_DAYS days before the edition
    note: str  # a derived table: the date its source gives for itself ("the list as it stood ...")
    extracted: str = ""  # a derived table: when the copy it was derived from was taken, in words


def freshness(as_of: dt.date) -> list[Freshness]:
    """For each declared table, its latest row in the edition and how recently its sources were
    searched (an edition never names a later day: a search after it counts as up to its date)."""
    found = []
    for table in package.tables():
        rows = tables.load(table.name, as_of=as_of)
        extracted, note = "", ""
        if table.provenance is not None:
            # A derived table's source is one copy of a list: the list's own date (as it
            # stood) and the day the copy was taken are two different dates, said apart.
            source = provenance.read(table.provenance).primary_input()
            stated = source.get("list_as_of")
            extracted = _when(source["date"], "day") if source.get("date") else ""
            note = f"the list as it stood in {_stood(stated)}" if stated else ""
            if source.get("date", "") > as_of.isoformat():  # taken after the edition
                extracted, note = "", "a later snapshot of the list"
        latest = rows[table.date_column].max() if len(rows) else pd.NaT
        verified = table.verified_through and min(table.verified_through, as_of)
        found.append(
            Freshness(
                table=table.name,
                title=table.title,
                rows=len(rows),
                latest_row="" if pd.isna(latest) else _when(latest, table.period),
                verified_through=_when(verified, "day") if verified else "",
                stale=bool(verified) and (as_of - verified).days > STALE_DAYS,
                note=note,
                extracted=extracted,
            )
        )
    return found


def _stood(stated: str) -> str:
    """A list's own date in words: "October 2025 (last Federal Register amendment cited)"
    becomes "October 2025, the date of the last Federal Register amendment it cites"."""
    when, _, why = stated.partition(" (")
    why = why.rstrip(")")
    if why.endswith(" cited"):
        return f"{when}, the date of the {why.removesuffix(' cited')} it cites"
    return f"{when} ({why})" if why else when


def _when(value, period: str) -> str:
    if period == "year":
        return str(int(value))
    return f"{pd.Timestamp(value):%-d %B %Y}"


def kind_counts(sources: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """How many of the edition's sources are of each kind, in the codebook's order, with the
    rows citing them and the cap each kind puts on a row's confidence."""
    kinds = book.source_kinds
    counted = sources.groupby("source_kind")["rows"].agg(["size", "sum"])
    return pd.DataFrame(
        {
            "Kind": [value.label for value in kinds.values],
            "Sources": [int(counted["size"].get(value.code, 0)) for value in kinds.values],
            "Rows citing them": [int(counted["sum"].get(value.code, 0)) for value in kinds.values],
            "Confidence at most": [
                value.rules.get("confidence_at_most", "high") for value in kinds.values
            ],
            "Definition": [value.definition for value in kinds.values],
        }
    )


def kind_summary(sources: pd.DataFrame, book: Codebook, day: dt.date) -> str:
    """One sentence: how many sources the edition cites and how many are primary, secondary
    copies, or state media, counted from the appendix itself."""
    counts = sources["source_kind"].value_counts()
    primary = sum(int(counts.get(code, 0)) for code in ("government", "regulator"))
    copies = int(counts.get("aggregator", 0))
    state = int(counts.get("state_media", 0))
    return (
        f"As of {day:%-d %B %Y}, the briefing's tables cite {len(sources)} distinct sources. "
        f"Of them, {primary} {'is' if primary == 1 else 'are'} published by a government, an "
        f"official body or a regulator; {copies} {'is an aggregator or mirror' if copies == 1 else 'are aggregators or mirrors'} "
        f"of another's text, and no row citing one is of high confidence; "
        f"{_none_or(state)} state media."
    )


def _none_or(count: int) -> str:
    return "none is" if count == 0 else ("1 is" if count == 1 else f"{count} are")


def _labels(book: Codebook) -> dict[str, str]:
    return book.source_kinds.labels()


def watch_lead(listed: pd.DataFrame, day: dt.date) -> str:
    """The line above the watch list: its window and how many of its deadlines had passed."""
    first, _ = watch.window(day)
    passed = int(listed["passed"].sum())
    return (
        f"**Deadlines from {first:%-d %B %Y} to twelve months after this edition**, each linked "
        "to its source: "
        f"ends of suspensions, removal deadlines and the statutory ends of investigations; "
        f"{passed} of the {len(listed)} had passed on {day:%-d %B %Y}."
    )
