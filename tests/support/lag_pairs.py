"""Small lag-pairs tables for the alignment tests, typed as tables.load types the real one."""

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
