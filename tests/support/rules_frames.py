"""Small Entity List rules tables for the chapter and methods tests, typed as tables.load
types the real one."""

from __future__ import annotations

import pandas as pd


def rules(*rows) -> pd.DataFrame:
    """A rules table typed as tables.load types it:
    (document_number, fr_citation, publication_date, entries_added, entries_added_china, notes)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "document_number",
            "fr_citation",
            "publication_date",
            "entries_added",
            "entries_added_china",
            "notes",
        ],
    )
    frame["publication_date"] = pd.to_datetime(frame["publication_date"])
    frame["entries_added"] = frame["entries_added"].astype("Int64")
    frame["entries_added_china"] = frame["entries_added_china"].astype("Int64")
    frame["title"] = "Additions to the Entity List"
    frame["entries_added_hong_kong"] = pd.array([None] * len(frame), dtype="Int64")
    frame["source_publisher"] = "Federal Register"
    frame["source_url"] = "https://example.org/" + frame["document_number"]
    return frame
