"""Adoption of Huawei/ZTE restrictions by jurisdiction: the figures chapter 1 reports."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries
from briefing.chapters.findings import Finding

MEASURE_LABELS = {
    "procurement_ban": "Procurement ban",
    "5g_core_exclusion": "5G core exclusion",
    "network_ban": "Full network ban / rip-and-replace",
    "operator_exclusion": "De facto exclusion by operators",
    "enabling_legislation": "Enabling legislation",
    "nonbinding_declaration": "Non-binding declaration",
}


def binding(events: pd.DataFrame) -> pd.DataFrame:
    """Binding measures that were not rescinded."""
    mask = events["binding"].fillna(False).astype(bool) & (events["status"] != "rescinded")
    return events[mask]


def first_binding(events: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction: its first binding measure, ranked by date (1 = earliest)."""
    firsts = (
        binding(events)
        .sort_values(["announced", "id"])
        .groupby("jurisdiction", as_index=False)
        .first()[["jurisdiction", "announced", "measure_type", "id"]]
    )
    firsts["rank"] = firsts["announced"].rank(method="min").astype(int)
    firsts["name"] = firsts["jurisdiction"].map(countries.name)
    return firsts.sort_values(["rank", "jurisdiction"]).reset_index(drop=True)


def cumulative_by_type(events: pd.DataFrame) -> pd.DataFrame:
    """For each measure type, how many jurisdictions had a binding measure of that type, by date.

    Columns: date, measure_type, jurisdictions. A jurisdiction counts once per type, from
    its first binding measure of that type; ``measure_type == "any"`` is the union.
    """
    frames = []
    kinds = binding(events)
    per_type = (
        kinds.sort_values("announced")
        .groupby(["measure_type", "jurisdiction"], as_index=False)
        .first()
    )
    for measure, group in per_type.groupby("measure_type"):
        frames.append(_cumulative(group["announced"], measure))
    frames.append(_cumulative(first_binding(events)["announced"], "any"))
    if not frames:
        return pd.DataFrame(columns=["date", "measure_type", "jurisdictions"])
    return pd.concat(frames, ignore_index=True)


def findings(events: pd.DataFrame, focus: str, day: dt.date) -> list[Finding]:
    """The chapter's findings, computed from the events already cut at ``day``."""
    firsts = first_binding(events)
    total = len(firsts)
    if total == 0:
        return [
            Finding(
                "binding_jurisdictions",
                f"As of {day:%-d %B %Y}, no jurisdiction in the table had a binding restriction on Huawei or ZTE.",
                {"binding_jurisdictions": 0},
            )
        ]
    first = firsts.iloc[0]
    result = [
        Finding(
            "binding_jurisdictions",
            f"As of {day:%-d %B %Y}, {total} jurisdictions had a binding restriction on Huawei or ZTE "
            f"(of {events['jurisdiction'].nunique()} with any recorded measure); the first was "
            f"{first['name']}, on {first['announced']:%-d %B %Y}.",
            {
                "binding_jurisdictions": total,
                "jurisdictions": int(events["jurisdiction"].nunique()),
                "first_jurisdiction": first["jurisdiction"],
                "first_date": first["announced"].date().isoformat(),
            },
        )
    ]
    mine = firsts[firsts["jurisdiction"] == focus]
    name = countries.name(focus)
    if len(mine):
        row = mine.iloc[0]
        result.append(
            Finding(
                "focus_rank",
                f"{name} adopted its first binding restriction on {row['announced']:%-d %B %Y} "
                f"({MEASURE_LABELS[row['measure_type']].lower()}), {_ordinal(int(row['rank']))} of the {total}.",
                {
                    "focus": focus,
                    "rank": int(row["rank"]),
                    "date": row["announced"].date().isoformat(),
                },
            )
        )
    else:
        result.append(
            Finding(
                "focus_rank",
                f"{name} had no binding restriction on Huawei or ZTE.",
                {"focus": focus, "rank": None},
            )
        )
    return result


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events as readers see them: newest first, labels instead of codes."""
    table = events.sort_values(["announced", "id"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Date": table["announced"].dt.strftime("%Y-%m-%d"),
            "Jurisdiction": table["jurisdiction"].map(countries.name),
            "Measure": table["measure_type"].map(MEASURE_LABELS),
            "By": table["actor"],
            "Binding": table["binding"].map({True: "yes", False: "no"}),
            "Status": table["status"].str.replace("_", " "),
            "What": table["description"],
        }
    )


def _cumulative(dates: pd.Series, measure: str) -> pd.DataFrame:
    counts = dates.sort_values().value_counts(sort=False).sort_index().cumsum()
    return pd.DataFrame(
        {"date": counts.index, "measure_type": measure, "jurisdictions": counts.to_numpy()}
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
