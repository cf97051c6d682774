"""The sources appendix: every source an edition cites, as readers see it, and their
kinds; and, for the summary, what each table added since the previous edition and how fresh
its sources are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from briefing import countries
from briefing.counting import watch
from briefing.data import package, provenance, tables
from briefing.data.codebook import Codebook


def appendix_table(sources: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """The appendix as readers see it: publisher, kind, title, date and the link; `url` stays
    as the link target of the Source column."""
    return pd.DataFrame(
        {
            "Publisher": sources["source_publisher"],
            "Kind": sources["source_kind"].map(_labels(book)).fillna(""),
            "Title": sources["source_title"].fillna(""),
            "Date": sources["source_date"].dt.strftime("%Y-%m-%d"),
            "Source": sources["source_url"],
            "Cited by": sources["tables"],
            "url": sources["source_url"],
        }
    )


# --- What changed since the previous edition, and how fresh each table is -------------------

# At most this many new rows of one table are named; the rest are counted.
ITEMS_SHOWN = 8


@dataclass(frozen=True)
class TableChange:
    """The rows of one table this edition shows that the previous edition did not."""

    table: str
    title: str
    rows: int
    first: str  # the earliest new row's date (or year), in words
    last: str  # the latest
    items: tuple[str, ...]  # the new rows named, newest first (empty when not declared)


def new_rows(table: package.Table, previous: dt.date, as_of: dt.date) -> pd.DataFrame:
    """The rows of ``table`` dated after ``previous`` (the previous edition's date) and up to ``as_of``.

    Those in this edition's cut and not in the previous one's: for a table dated by year,
    the years that ended after ``previous`` and by ``as_of``.
    """
    rows = tables.load(table.name, as_of=as_of)
    column = rows[table.date_column]
    if table.period == "year":
        later = column > tables.last_complete_year(previous)
    else:
        later = column > pd.Timestamp(previous)
    return rows[later.fillna(False).astype(bool)].reset_index(drop=True)


def changes(previous: dt.date | None, as_of: dt.date) -> list[TableChange] | None:
    """What each declared table added since the previous edition (None: a first edition).

    Every table of the data package takes part, in the package's order; a table declares
    how one of its rows is named (``item``), else its new rows are counted only.
    """
    if previous is None:
        return None
    found = []
    for table in package.tables():
        rows = new_rows(table, previous, as_of)
        if rows.empty:
            continue
        rows = rows.sort_values(table.date_column, ascending=False, kind="stable")
        dates = rows[table.date_column]
        items = (
            tuple(
                f"{_when(row[table.date_column], table.period)}: {_item(table.item, row)}"
                for _, row in rows.iterrows()
            )
            if table.item
            else ()
        )
        found.append(
            TableChange(
                table=table.name,
                title=table.title,
                rows=len(rows),
                first=_when(dates.min(), table.period),
                last=_when(dates.max(), table.period),
                items=items,
            )
        )
    return found


@dataclass(frozen=True)
class Freshness:
    """How recent one table's sources are in an edition."""

    table: str
    title: str
    rows: int
    latest_source: str  # the latest source date of its rows in the cut, in words ("" if none)
    note: str  # a derived table: the date its source gives for itself ("the list as it stood ...")
    extracted: str = ""  # a derived table: when the copy it was derived from was taken, in words


def freshness(as_of: dt.date) -> list[Freshness]:
    """For each declared table, the latest date of a source its rows cite in the edition."""
    found = []
    for table in package.tables():
        rows = tables.load(table.name, as_of=as_of)
        extracted = ""
        if table.provenance is not None:
            # A derived table's source is one copy of a list: the list's own date (as it
            # stood) and the day the copy was taken are two different dates, said apart.
            source = provenance.read(table.provenance).primary_input()
            stated = source.get("list_as_of")
            latest = pd.NaT
            extracted = _when(source["date"], "day") if source.get("date") else ""
            note = f"the list as it stood in {_stood(stated)}" if stated else ""
            if source.get("date", "") > as_of.isoformat():  # taken after the edition
                extracted, note = "", "a later snapshot of the list"
        else:
            latest = rows[table.source_columns["date"]].max() if len(rows) else pd.NaT
            note = ""
        found.append(
            Freshness(
                table=table.name,
                title=table.title,
                rows=len(rows),
                latest_source="" if pd.isna(latest) else _when(latest, "day"),
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


def _item(template: str, row: pd.Series) -> str:
    values = {}
    for key, value in row.items():
        if key == "jurisdiction" and isinstance(value, str):
            value = countries.name(value) or value
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, pd.Timestamp):
            value = f"{value:%-d %B %Y}"
        values[key] = (
            "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
        )
    return template.format_map(values)


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
        f"**Deadlines from {first:%-d %B %Y} to twelve months after this edition**, each with its "
        "source: "
        f"ends of suspensions, removal deadlines and the statutory ends of investigations; "
        f"{passed} of the {len(listed)} had passed on {day:%-d %B %Y}."
    )


def watch_table(listed: pd.DataFrame) -> pd.DataFrame:
    """The watch list as readers see it, oldest first (``url`` is the hidden link target of
    the Source column)."""
    return pd.DataFrame(
        {
            "Date": listed["date"].dt.strftime("%Y-%m-%d"),
            "Passed": listed["passed"].map({True: "passed", False: ""}),
            "Measure": listed["jurisdiction"].map(countries.name) + ": " + listed["measure"],
            "What falls due": listed["what"],
            "Source": listed["source_publisher"],
            "url": listed["source_url"],
        }
    )
