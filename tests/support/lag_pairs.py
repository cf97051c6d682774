"""Small milestones and lag-pairs tables for the alignment tests, typed as tables.load types
the real ones."""

from __future__ import annotations

import pandas as pd


def pair(leader, follower, kind, date_kind, follower_date, note=None) -> dict:
    """One declared pair: ``follower`` follows ``leader``; ``note`` explains a negative lag."""
    return {
        "leader": leader,
        "follower": follower,
        "kind": kind,
        "date_kind": date_kind,
        "follower_date": pd.Timestamp(follower_date),
        "justification": f"{follower} follows {leader}: the same kind of measure.",
        "negative_lag_note": note if note is not None else pd.NA,
        "source_url": "https://example.org/pair/" + follower,
        "source_publisher": "Pair source",
        "source_title": pd.NA,
        "source_date": pd.Timestamp("2024-01-01"),
        "source_kind": "research",
        "confidence": "high",
    }


def milestone(id_, date, jurisdiction, kind, date_kind="announced", title="A measure") -> dict:
    """One milestone: a measure of ``kind`` taken by ``jurisdiction`` on ``date``."""
    return {
        "id": id_,
        "date": pd.Timestamp(date),
        "date_kind": date_kind,
        "jurisdiction": jurisdiction,
        "kind": kind,
        "title": title,
        "source_url": "https://example.org/" + id_,
        "source_publisher": "Publisher " + id_,
        "confidence": "high",
    }
