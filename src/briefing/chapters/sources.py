"""The sources appendix: every source an edition cites, as readers see it, and their
kinds; and, for the summary, how recent each table is and the watch list as readers see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from briefing import prose, translation
from briefing.chapters import registry
from briefing.chapters._sources_official import official_share, official_summary, official_table
from briefing.chapters.findings import STALE_DAYS
from briefing.counting import watch
from briefing.data import package, provenance, tables
from briefing.data.codebook import Codebook
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.entity_list import stated_month

# What the notebook shows, with the share of rows citing an official source (by table).
__all__ = [
    "DOWNLOAD_LABEL",
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


# The column names of the tables below (the display layer shows them translated).
PUBLISHER = N_("Publisher")
KIND = N_("Kind")
TITLE = N_("Title")
DATE = N_("Date")
SOURCE = N_("Source")
CITED_BY = N_("Cited by")
SOURCES = N_("Sources")
ROWS_CITING = N_("Rows citing them")
CONFIDENCE_AT_MOST = N_("Confidence at most")
DEFINITION = N_("Definition")
# The download's link text.
DOWNLOAD_LABEL = N_("The list of sources")
# Why a list is dated as it is, as the provenance words it, and the date said with it.
STOOD = {
    "last Federal Register amendment cited": N_(
        "{month}, the date of the last Federal Register amendment it cites"
    )
}


def appendix_table(sources: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """The appendix as readers see it: publisher, kind, title, date, the link and the tables
    citing it by their titles (as the pages name them, a list per source); `url` and `pages`
    stay as the link targets of the Source and Cited by columns."""
    titles = {table.name: table.shown_title() for table in package.tables()}
    names = sources["tables"].str.split(", ")
    return pd.DataFrame(
        {
            PUBLISHER: sources["source_publisher"],
            KIND: sources["source_kind"].map(_labels(book)).fillna(""),
            TITLE: sources["source_title"].fillna(""),
            DATE: sources["source_date"].dt.strftime("%Y-%m-%d"),
            SOURCE: sources["source_url"],
            CITED_BY: names.map(lambda found: [titles.get(name, name) for name in found]),
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
            note = _("the list as it stood in {when}").format(when=_stood(stated)) if stated else ""
            if source.get("date", "") > as_of.isoformat():  # taken after the edition
                extracted, note = "", _("a later snapshot of the list")
        latest = rows[table.date_column].max() if len(rows) else pd.NaT
        verified = table.verified_through and min(table.verified_through, as_of)
        found.append(
            Freshness(
                table=table.name,
                title=table.shown_title(),
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
    when, _sep, why = stated.partition(" (")
    why = why.rstrip(")")
    month = stated_month(when)
    if why in STOOD:
        return _(STOOD[why]).format(month=month)
    if why.endswith(" cited"):
        return f"{month}, the date of the {why.removesuffix(' cited')} it cites"
    return f"{month} ({why})" if why else month


def _when(value, period: str) -> str:
    if period == "year":
        return str(int(value))
    return prose.on(pd.Timestamp(value).date())


def kind_counts(sources: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """How many of the edition's sources are of each kind, in the codebook's order, with the
    rows citing them and the cap each kind puts on a row's confidence."""
    kinds = book.source_kinds
    counted = sources.groupby("source_kind")["rows"].agg(["size", "sum"])
    return pd.DataFrame(
        {
            KIND: [value.label for value in kinds.values],
            SOURCES: [int(counted["size"].get(value.code, 0)) for value in kinds.values],
            ROWS_CITING: [int(counted["sum"].get(value.code, 0)) for value in kinds.values],
            CONFIDENCE_AT_MOST: [
                _(value.rules.get("confidence_at_most", "high")) for value in kinds.values
            ],
            DEFINITION: [value.definition for value in kinds.values],
        }
    )


def kind_summary(sources: pd.DataFrame, book: Codebook, day: dt.date) -> str:
    """One sentence: how many sources the edition cites and how many are primary, secondary
    copies, or state media, counted from the appendix itself."""
    counts = sources["source_kind"].value_counts()
    primary = sum(int(counts.get(code, 0)) for code in ("government", "regulator"))
    copies = int(counts.get("aggregator", 0))
    state = int(counts.get("state_media", 0))
    cited = _("As of {day}, the briefing's tables cite {count} distinct sources.").format(
        day=prose.on(day), count=len(sources)
    )
    of_them = _(
        "Of them, {primary}; {copies} of another's text, and no row citing one is of high "
        "confidence; {state} state media."
    ).format(
        primary=ngettext(
            "{n} is published by a government, an official body or a regulator",
            "{n} are published by a government, an official body or a regulator",
            primary,
        ).format(n=primary),
        copies=ngettext(
            "{n} is an aggregator or mirror", "{n} are aggregators or mirrors", copies
        ).format(n=copies),
        state=_none_or(state),
    )
    return SENTENCE_GAP.get(translation.current(), " ").join([cited, of_them])


# What sets one sentence from the next: Japanese has no spaces.
SENTENCE_GAP = {"ja": ""}


def _none_or(count: int) -> str:
    if count == 0:
        return _("none is")
    return ngettext("{n} is", "{n} are", count).format(n=count)


def _labels(book: Codebook) -> dict[str, str]:
    return book.source_kinds.labels()


def watch_lead(listed: pd.DataFrame, day: dt.date) -> str:
    """The line above the watch list: its window and how many of its deadlines had passed."""
    first, _last = watch.window(day)
    passed = int(listed["passed"].sum())
    return _(
        "**Deadlines from {first} to twelve months after this edition**, each linked to its "
        "source: ends of suspensions, removal deadlines and the statutory ends of "
        "investigations; {passed} of the {count} had passed on {day}."
    ).format(first=prose.on(first), passed=passed, count=len(listed), day=prose.on(day))
