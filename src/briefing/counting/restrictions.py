"""The restrictions table as every chapter counts it: the rows whose status counts, each
jurisdiction's first counted measure at some of the codebook's strength levels, and the
category (the codebook's ``categories``) each row and each jurisdiction falls in.

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


def category_of(events: pd.DataFrame) -> pd.Series:
    """Each row's category: the first of the codebook's categories whose conditions it meets.

    A condition names columns and the values each may take (``except``: values it may not);
    a row meeting none is an error naming it, since the categories must cover the scale.
    """
    found = pd.Series(pd.NA, index=events.index, dtype="object")
    for value in reversed(codebook.load().categories.values):
        for condition in value.rules["when"]:
            found[_meets(events, condition)] = value.code
    missing = events.loc[found.isna(), "id"].tolist()
    if missing:
        raise ValueError(f"restrictions: rows {missing} fall in no category of the codebook")
    return found


def _meets(events: pd.DataFrame, condition: dict) -> pd.Series:
    met = pd.Series(True, index=events.index)
    for column, allowed in condition.items():
        if column != "except":
            met &= events[column].isin(allowed)
    for column, barred in condition.get("except", {}).items():
        met &= ~events[column].isin(barred)
    return met


def standing(events: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction: the first category its counted rows reach, and the first row there.

    Columns: jurisdiction, category, announced, id, name; strongest categories first, then by date.
    """
    order = {code: index for index, code in enumerate(vocab.categories())}
    columns = ["jurisdiction", "category", "announced", "id", "name"]
    rows = counted(events)
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.assign(category=category_of(rows))
    rows = rows.assign(place=rows["category"].map(order))
    best = rows.sort_values(["place", "announced", "id"]).groupby("jurisdiction").head(1)
    best = best.assign(name=best["jurisdiction"].map(countries.name))
    return best.sort_values(["place", "announced", "jurisdiction"]).reset_index(drop=True)[columns]


def took_measure(standings: pd.DataFrame) -> pd.DataFrame:
    """The headline's denominator: jurisdictions that took a measure (all but those that declined)."""
    return standings[standings["category"] != vocab.DECLINED]


def first_binding(events: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction: its first binding measure (any binding level), ranked by date."""
    return first_at(events, vocab.binding_levels())
