"""The adoption chapter's tables as readers see them: every measure, one jurisdiction's rows,
and how a jurisdiction's measures are dated and coded (codebook labels instead of codes)."""

from __future__ import annotations

import pandas as pd

from briefing import countries
from briefing.counting.restrictions import first_at, first_binding
from briefing.counting.status import shown_status
from briefing.vocabulary.restrictions import (
    NAMED_BAN,
    OPERATOR,
    binding_levels,
    labels,
    level_labels,
)


def dating_note(events: pd.DataFrame, jurisdiction: str) -> str:
    """How one jurisdiction's measures are dated and coded, in the words of the rows' coding notes.

    Names its first binding measure, its first ban naming the vendor, and the earlier
    non-binding rows that name a vendor (the announcements readers may remember).
    """
    name = countries.name(jurisdiction)
    rows = events[events["jurisdiction"] == jurisdiction].sort_values(["announced", "id"])
    if rows.empty:
        return f"{name} has no rows in the table for this edition."
    labels_ = level_labels()
    firsts = first_binding(rows)
    bans = first_at(rows, [NAMED_BAN])
    first_day = firsts["announced"].iloc[0] if len(firsts) else None
    earlier = rows[
        ~rows["level"].isin(binding_levels())
        & rows["vendors"].notna()
        & (rows["actor"] != OPERATOR)
        & ((rows["announced"] < first_day) if first_day is not None else True)
    ]
    parts = [
        (
            f"{name}: each measure is dated by the day it was adopted or made public, whether or "
            "not it had yet taken effect."
        )
    ]
    for row in earlier.itertuples():
        parts.append(
            f"The decision of {row.announced:%-d %B %Y} ({row.id}) is coded "
            f"{labels_[row.level].lower()}: {_sentence(_text(row.coding_note) or _text(row.notes))}"
        )
    if len(firsts):
        first = rows[rows["id"] == firsts["id"].iloc[0]].iloc[0]
        parts.append(
            f"The first binding measure in the table is {first['id']} of "
            f"{first['announced']:%-d %B %Y}, {labels_[first['level']].lower()}: "
            f"{_sentence(first['description'])}"
        )
    else:
        parts.append("There is no binding measure in this edition.")
    if len(bans):
        ban = rows[rows["id"] == bans["id"].iloc[0]].iloc[0]
        parts.append(
            f"The first ban naming the vendor is {ban['id']} of {ban['announced']:%-d %B %Y}: "
            f"{_sentence(ban['description'])}"
        )
    return " ".join(parts)


def jurisdiction_rows(
    events: pd.DataFrame, jurisdiction: str, statuses: pd.DataFrame
) -> pd.DataFrame:
    """One jurisdiction's rows as readers see them, oldest first, with their coding notes and
    sources (``url`` is the hidden link target of the Source column); the Status column is
    each row's status on the edition's date (``statuses``, from ``counting.status``)."""
    rows = events[events["jurisdiction"] == jurisdiction].sort_values(["announced", "id"])
    return pd.DataFrame(
        {
            "Date": rows["announced"].dt.strftime("%Y-%m-%d"),
            "Row": rows["id"],
            "Strength": rows["level"].map(level_labels()),
            "Status": _status(rows, statuses),
            "What": rows["description"],
            "Why coded so": rows["coding_note"].fillna(""),
            "Source": _source_label(rows),
            "url": rows["source_url"],
        }
    ).reset_index(drop=True)


def event_table(events: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """The events as readers see them: newest first, codebook labels instead of codes.

    ``url`` is the hidden link target of the Source column; the Status column is each row's
    status on the edition's date (``statuses``, from ``counting.status``): never the status
    as first coded, which a later change may have overtaken.
    """
    table = events.sort_values(["announced", "id"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Date": table["announced"].dt.strftime("%Y-%m-%d"),
            "Jurisdiction": table["jurisdiction"].map(countries.name),
            "Strength": table["level"].map(level_labels()),
            "Scope": table["scope"].map(labels("scope")),
            "Vendors named": table["vendors"].fillna("").str.replace(";", ", "),
            "By": table["actor"].map(labels("actor")),
            "Binding": table["binding"].map({True: "yes", False: "no"}),
            "Status": _status(table, statuses),
            "What": table["description"],
            "Why coded so": table["coding_note"].fillna(""),
            "Source": _source_label(table),
            "url": table["source_url"],
        }
    )


def _status(rows: pd.DataFrame, statuses: pd.DataFrame) -> pd.Series:
    """Each row's status on the edition's date."""
    return rows["id"].map(shown_status(statuses, "restrictions"))


def _source_label(rows: pd.DataFrame) -> pd.Series:
    """Each row's source as a table shows it: publisher and date (the link is its URL)."""
    return rows["source_publisher"] + " (" + rows["source_date"].dt.strftime("%Y-%m-%d") + ")"


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or pd.isna(value) else str(value)


def _sentence(text: str) -> str:
    text = str(text).strip()
    return text if text.endswith(".") else text + "."
