"""The self-sufficiency chapter's tables as readers see them, and its download
(``briefing.chapters.self_sufficiency`` uses them; nothing else imports this module)."""

from __future__ import annotations

import pandas as pd

from briefing.chapters._self_sufficiency_series import latest_by_producer, main_first, series_breaks
from briefing.vocabulary.self_sufficiency import KIND_LABELS, MAIN, measure_of


def figure_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every figure as readers see it: by measure, then year; labels instead of codes.

    The exact measure text and the notes are long; they are in the CSV download. ``url`` is
    the hidden link target of the Source column (the publisher).
    """
    rows = main_first(figures)
    return pd.DataFrame(
        {
            "Year": rows["year"].astype(int),
            "Kind": rows["kind"].map(KIND_LABELS),
            "Value (%)": rows["value_pct"].map(lambda v: f"{v:g}"),
            "Measure": rows["measure_short"],
            "Basis": rows["basis"],
            "Producer": rows["producer"],
            "Published": rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            "Confidence": rows["confidence"],
            "Source": rows["source_publisher"],
            "url": rows["source_url"],
        }
    )


def breaks_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every series break in the actual lines, as readers see it: main series first, with the
    source of the figure on either side (``url_before`` and ``url_after`` are the hidden link
    targets of the two Source columns)."""
    breaks = series_breaks(figures, series=None)
    breaks = breaks.assign(other=breaks["series"].ne(MAIN)).sort_values(
        ["other", "series", "year_before"], kind="stable"
    )
    return pd.DataFrame(
        {
            "Measure": breaks["measure"].map(lambda text: measure_of(text).short),
            "Between": [f"{a}–{b}" for a, b in zip(breaks["year_before"], breaks["year_after"])],
            "Share (%)": [
                f"{a:g} → {b:g}" for a, b in zip(breaks["value_before"], breaks["value_after"])
            ],
            "Basis before": breaks["basis_before"],
            "Basis after": breaks["basis_after"],
            "Source before": breaks["source_before"],
            "Source after": breaks["source_after"],
            "url_before": breaks["url_before"],
            "url_after": breaks["url_after"],
        }
    ).reset_index(drop=True)


def download_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with every source column, plus the short measure name used in the chapter."""
    columns = [c for c in figures.columns if c != "series"]
    return figures.sort_values(["measure", "year", "estimate_made", "id"])[columns]


def producers_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Each producer's latest estimate as readers see it, newest year first: what it divides by
    what (the measure), the year it refers to, the release it comes from and when it was made.
    ``url`` is the hidden link target of the Source column."""
    rows = latest_by_producer(figures)
    return pd.DataFrame(
        {
            "Producer": rows["producer_name"],
            "Value (%)": rows["value_pct"].map(lambda v: f"{v:g}"),
            "Year": rows["year"].astype(int),
            "Kind": rows["kind"].map(KIND_LABELS),
            "Measure": rows["measure_short"],
            "Basis": rows["basis"],
            "Published": rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            "Confidence": rows["confidence"],
            "Source": rows["source_publisher"],
            "url": rows["source_url"],
        }
    )
