"""The watch list: the dated deadlines around an edition, from six months before its date to
twelve months after, each with its source.

Two kinds of deadline: the end of a temporary state (a suspension's `until` day, from the
statuses of ``briefing.counting.status``) and the deadlines of data/curated/deadlines.csv
(removals, statutory ends of investigations, entries into force). A deadline already passed on
the edition's date is marked so; a suspension that ended with no later change recorded says
that its course since is not verified.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.counting import status
from briefing.counting.status import SOURCE, TEMPORARY, UNVERIFIED
from briefing.data import tables
from briefing.prose import in_sentence, on
from briefing.translation import _

BEFORE = pd.DateOffset(months=6)
AFTER = pd.DateOffset(months=12)
COLUMNS = [
    "date",
    "passed",
    "measure_table",
    "measure_id",
    "jurisdiction",
    "measure",
    "what",
    *SOURCE,
]


def window(day: dt.date) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day the watch list of an edition dated ``day`` covers."""
    when = pd.Timestamp(day)
    return when - BEFORE, when + AFTER


def watch_list(statuses: pd.DataFrame, deadlines: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The deadlines in the window of ``day``, oldest first (columns ``COLUMNS``).

    ``statuses`` are the statuses on ``day`` (``status.status_on``); ``deadlines`` the rows of
    the deadlines table known on ``day``, with the measure's jurisdiction and title joined
    from ``statuses`` where it has a status, or given in their own columns.
    """
    first, last = window(day)
    when = pd.Timestamp(day)
    # A running temporary state (its end is ahead), or one whose end passed unverified: told
    # by codes, never by the words of the edition's language.
    running = statuses["status"].isin(list(TEMPORARY)) & statuses["next_date"].notna()
    ends = statuses[running | (statuses["status"] == UNVERIFIED)]
    ends = ends.assign(
        date=ends["next_date"].fillna(ends["ended"]),
        what=[_end_text(row) for _, row in ends.iterrows()],
    )
    due = deadlines.rename(columns={"deadline": "date"})
    found = pd.concat([ends, due], ignore_index=True)
    found = found[(found["date"] >= first) & (found["date"] <= last)]
    found = found.assign(passed=found["date"] < when)
    return found.sort_values(["date", "measure_table", "measure_id"])[COLUMNS].reset_index(
        drop=True
    )


def _end_text(row: pd.Series) -> str:
    if row["status"] == UNVERIFIED:
        return row["text"]
    return _("{change} ({status} since {day})").format(
        change=row["next_change"], status=in_sentence(row["label"]), day=on(row["since"])
    )


def named(deadlines: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """The deadlines with their measure's jurisdiction and title, from a status catalogue."""
    keys = ["measure_table", "measure_id"]
    return deadlines.merge(measures[[*keys, "jurisdiction", "measure"]], on=keys, how="left")


def for_edition(day: dt.date) -> pd.DataFrame:
    """The watch list of an edition dated ``day``, from the declared tables."""
    measures = status.catalogue_on(day)
    now = status.status_on(
        measures, tables.load("status_changes", as_of=day), day, status.verified_through()
    )
    deadlines = tables.load("deadlines", as_of=day, lang=status.edition_language())
    return watch_list(now, named(deadlines, measures), day)
