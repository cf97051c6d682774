"""The sources appendix: every source an edition cites, as readers see it, and their kinds."""

from __future__ import annotations

import datetime as dt

import pandas as pd

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
