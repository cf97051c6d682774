"""The declared lag pairs (data/curated/lag_pairs.csv), checked against the milestones they join.

A pair names a US milestone (the leader) and an ally's milestone (the follower) of the same
kind, dated by the same kind of date; the codebook's section for the table states the rule.
What a schema cannot check (that both rows exist, agree with the pair's kind, kind of date and
follower's date, and that a negative lag is explained) is checked here, on every use, and the
first mismatch stops with the file, row and field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from briefing.data import package
from briefing.errors import DataError
from briefing.vocabulary.lags import BASELINE, COUNTERPART

TABLE = "lag_pairs"
# The columns of a milestone each side of a pair carries, with the side's prefix.
SIDE_COLUMNS = ["id", "date", "date_kind", "jurisdiction", "kind", "title"]
SIDE_SOURCE = ["source_publisher", "source_url"]


def lags(pairs: pd.DataFrame, milestones: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Every declared pair whose two milestones are dated on or before ``day``, with its lag.

    ``pairs`` and ``milestones`` are the whole tables (not cut at ``day``), so that a pair naming
    a row that does not exist is told from one whose row comes later, and an error's row is the
    file's. One row per pair: both sides' columns (``leader_*``, ``follower_*``), the pair's
    kind, kind of date, justification, note and source, and ``lag_days``.
    """
    path = package.table(TABLE).path
    by_id = milestones.set_index("id", drop=False)
    joined = [_checked(pair, row, by_id, path) for row, pair in enumerate(_records(pairs), 2)]
    frame = pd.DataFrame(joined, columns=_columns(pairs, milestones))
    # Typed even when no pair is declared, so that an empty edition reads like a full one.
    for column in ("leader_date", "follower_date"):
        frame[column] = pd.to_datetime(frame[column])
    frame["lag_days"] = frame["lag_days"].astype("int64")
    shown = (frame["leader_date"] <= pd.Timestamp(day)) & (
        frame["follower_date"] <= pd.Timestamp(day)
    )
    return frame[shown].reset_index(drop=True)


def _records(pairs: pd.DataFrame) -> list[dict]:
    return pairs.rename(columns={"follower_date": "declared_date"}).to_dict("records")


def _columns(pairs: pd.DataFrame, milestones: pd.DataFrame) -> list[str]:
    sides = [f"{side}_{c}" for side in ("leader", "follower") for c in SIDE_COLUMNS + SIDE_SOURCE]
    own = [c for c in pairs.columns if c not in ("leader", "follower", "follower_date", "kind")]
    return ["kind", *sides, *own, "lag_days"]


def _checked(pair: dict, row: int, by_id: pd.DataFrame, path: Path) -> dict:
    """One pair joined to its two milestones, once every rule of the codebook is checked."""

    def problem(field: str, message: str, value: object) -> DataError:
        return DataError(path, message, row=row, field=field, value=value, rule=_RULES[field])

    sides = {}
    for side in ("leader", "follower"):
        if pair[side] not in by_id.index:
            raise problem(side, "no milestone with this id", pair[side])
        sides[side] = by_id.loc[pair[side]]
    leader, follower = sides["leader"], sides["follower"]
    if follower["jurisdiction"] in (BASELINE, COUNTERPART):
        raise problem("follower", "the follower must be an ally's measure", pair["follower"])
    for field in ("kind", "date_kind"):
        if not pair[field] == leader[field] == follower[field]:
            found = f"leader {leader[field]}, follower {follower[field]}"
            raise problem(field, f"the pair says {pair[field]}; the rows say {found}", pair[field])
    if pair["declared_date"] != follower["date"]:
        raise problem(
            "follower_date",
            f"the follower's row is dated {follower['date']:%Y-%m-%d}",
            f"{pair['declared_date']:%Y-%m-%d}",
        )
    lag = int((follower["date"] - leader["date"]).days)
    noted = isinstance(pair["negative_lag_note"], str) and bool(pair["negative_lag_note"].strip())
    if noted != (lag < 0):
        raise problem("negative_lag_note", f"the lag is {lag} days", pair["negative_lag_note"])
    joined = {f"{side}_{c}": sides[side][c] for side in sides for c in SIDE_COLUMNS + SIDE_SOURCE}
    own = {k: v for k, v in pair.items() if k not in ("leader", "follower", "declared_date")}
    return {**own, **joined, "lag_days": lag}


_RULES = {
    "leader": "the id of a row of milestones",
    "follower": "the id of a row of milestones taken by an ally (neither the US nor China)",
    "kind": "the same kind of measure on both rows and in the pair",
    "date_kind": "the same kind of date on both rows and in the pair",
    "follower_date": "the follower's date as its row records it",
    "negative_lag_note": "a note where the follower came first, and only there",
}
