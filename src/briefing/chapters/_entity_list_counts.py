"""The Entity List chapter's counts: entries first listed per year by group, the focus
jurisdiction's entries, and what was added since the baseline year (``briefing.chapters.entity_list``
uses them; nothing else imports this module)."""

from __future__ import annotations

import pandas as pd

from briefing import countries, translation
from briefing.vocabulary.entity_list import (
    BASELINE_YEAR,
    CHINA,
    GROUPS,
    HONG_KONG,
    MAINLAND,
    REST,
    RUSSIA,
    RUSSIA_HEADING,
)


def oldest_first(rules: pd.DataFrame) -> pd.DataFrame:
    """The rules in publication order (then by citation)."""
    return rules.sort_values(["publication_date", "fr_citation"]).reset_index(drop=True)


# --- Aggregates ---------------------------------------------------------------------------------


def group(by_year: pd.DataFrame) -> pd.Series:
    """Each row's group: China with a mainland address, China with a Hong Kong address, Russia,
    or the rest."""
    china = by_year["destination"] == CHINA
    hong_kong = china & by_year["hong_kong"].fillna(False).astype(bool)
    labels = pd.Series(REST, index=by_year.index, dtype=object)
    labels[by_year["destination"] == RUSSIA_HEADING] = RUSSIA
    labels[china] = MAINLAND
    labels[hong_kong] = HONG_KONG
    return labels


YEARLY_COLUMNS = [
    "year",
    MAINLAND,
    HONG_KONG,
    "china",
    RUSSIA,
    REST,
    "total",
    "cumulative_china",
    "cumulative_russia",
    "cumulative_rest",
    "cumulative_total",
]


def yearly(by_year: pd.DataFrame) -> pd.DataFrame:
    """Entries first listed per year by group, and running totals; every year in the span, zeros included."""
    if by_year.empty:
        return pd.DataFrame(columns=YEARLY_COLUMNS)
    counts = (
        by_year.assign(group=group(by_year), entries=by_year["entries"].astype(int))
        .pivot_table(index="year", columns="group", values="entries", aggfunc="sum", fill_value=0)
        .reindex(columns=list(GROUPS), fill_value=0)
    )
    span = range(int(counts.index.min()), int(counts.index.max()) + 1)
    table = counts.reindex(span, fill_value=0).astype(int)
    table.index.name = "year"
    table = table.reset_index()
    table["china"] = table[MAINLAND] + table[HONG_KONG]
    table["total"] = table["china"] + table[RUSSIA] + table[REST]
    table["cumulative_china"] = table["china"].cumsum()
    table["cumulative_russia"] = table[RUSSIA].cumsum()
    table["cumulative_rest"] = table[REST].cumsum()
    table["cumulative_total"] = table["total"].cumsum()
    return table[YEARLY_COLUMNS]


def focus_label(focus: str) -> str:
    """The focus as the list and its rules call it: the usual English name (Russia, Burma, not
    Russian Federation, Myanmar), never an abbreviation (UAE); in another language's edition,
    the name its readers know (``countries.shown``)."""
    if translation.current() != translation.SOURCE:
        return countries.shown(focus)
    usual = [name for name in countries.names(focus) if len(name) > 3]
    return usual[0] if usual else countries.name(focus) or focus


def focus_mask(by_year: pd.DataFrame, focus: str) -> pd.Series:
    """Rows of the by-year table that belong to the focus jurisdiction.

    Hong Kong entries sit under the China heading, so HK selects them by address and CN
    takes China with Hong Kong included.
    """
    if focus == "HK":
        return (by_year["destination"] == CHINA) & by_year["hong_kong"].fillna(False).astype(bool)
    codes = by_year["destination"].map(countries.code)
    return codes == focus


def focus_by_year(by_year: pd.DataFrame, focus: str) -> pd.Series:
    """Entries under the focus jurisdiction per year, over the same span as ``yearly``."""
    years = yearly(by_year)["year"]
    rows = by_year[focus_mask(by_year, focus)]
    counts = rows.groupby("year")["entries"].sum().astype(int)
    return counts.reindex(years, fill_value=0).astype(int)


def since_baseline(by_year: pd.DataFrame) -> dict:
    """What was added from BASELINE_YEAR to the last year of the (already cut) table."""
    table = yearly(by_year)
    before = table[table["year"] < BASELINE_YEAR]
    after = table[table["year"] >= BASELINE_YEAR]
    total_before = int(before["total"].sum())
    china_before = int(before["china"].sum())
    total_after = int(after["total"].sum())
    china_after = int(after["china"].sum())
    latest_total = total_before + total_after
    latest_china = china_before + china_after
    return {
        "years": len(after),
        "first_year": int(after["year"].min()) if len(after) else None,
        "last_year": int(table["year"].max()) if len(table) else None,
        "added": total_after,
        "added_china": china_after,
        "added_hong_kong": int(after[HONG_KONG].sum()),
        "china_share": round(china_after / total_after, 4) if total_after else None,
        "total_before": total_before,
        "china_before": china_before,
        "total_latest": latest_total,
        "china_latest": latest_china,
        "multiple": round(latest_total / total_before, 2) if len(after) and total_before else None,
        "china_multiple": round(latest_china / china_before, 2)
        if len(after) and china_before
        else None,
    }
