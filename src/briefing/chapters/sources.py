"""The sources appendix: every source an edition cites, as readers see it."""

from __future__ import annotations

import pandas as pd


def appendix_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The appendix as readers see it; `url` stays as the link target of the Source column."""
    return pd.DataFrame(
        {
            "Publisher": sources["source_publisher"],
            "Date": sources["source_date"].dt.strftime("%Y-%m-%d"),
            "Source": sources["source_url"],
            "Cited by": sources["tables"],
            "url": sources["source_url"],
        }
    )
