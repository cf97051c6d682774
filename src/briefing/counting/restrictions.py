"""The restrictions table as every chapter counts it: the rows whose status counts, and each
jurisdiction's first counted measure at some of the codebook's strength levels.

The adoption chapter counts and ranks these firsts; the alignment chapter measures the lag from
the first US one to every other's. Both read them here, below both.
"""

from __future__ import annotations

import pandas as pd

from briefing import countries
from briefing.data import codebook
from briefing.vocabulary import restrictions as vocab


def counted(events: pd.DataFrame) -> pd.DataFrame:
    """The rows whose status counts (everything but lifted, lapsed and struck-down measures)."""
    return events[events["status"].isin(codebook.load().counted_statuses())]


def first_at(events: pd.DataFrame, at: list[str]) -> pd.DataFrame:
    """One row per jurisdiction: its first counted row at one of the levels ``at``, ranked by date.

    Columns: jurisdiction, announced, level, id, rank (1 = earliest), name.
    """
    rows = counted(events)
    rows = rows[rows["level"].isin(at)]
    columns = ["jurisdiction", "announced", "level", "id"]
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "rank", "name"])
    firsts = (
        rows.sort_values(["announced", "id"])
        .groupby("jurisdiction", as_index=False)
        .first()[columns]
    )
    firsts["rank"] = firsts["announced"].rank(method="min").astype(int)
    firsts["name"] = firsts["jurisdiction"].map(countries.name)
    return firsts.sort_values(["rank", "jurisdiction"]).reset_index(drop=True)


def first_binding(events: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction: its first binding measure (any binding level), ranked by date."""
    return first_at(events, vocab.binding_levels())
