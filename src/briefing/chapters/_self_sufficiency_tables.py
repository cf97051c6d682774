"""The self-sufficiency chapter's tables as readers see them, and its download
(``briefing.chapters.self_sufficiency`` uses them; nothing else imports this module)."""

from __future__ import annotations

import pandas as pd

from briefing.chapters._self_sufficiency_series import (
    SHOWN_COLUMNS,
    confidence,
    latest_by_producer,
    latest_vintages,
    main_first,
    producer_shown,
    series_breaks,
)
from briefing.translation import N_, _
from briefing.vocabulary.self_sufficiency import BOUNDS, KIND_LABELS, MAIN, WORLD, measure_of

# The column names the tables below give (the notebook names them too; the display layer shows
# them in the edition's language).
YEAR = N_("Year")
KIND = N_("Kind")
VALUE = N_("Value (%)")
MEASURE = N_("Indicator")  # not "Measure": the briefing's measures are governments'
BASIS = N_("Basis")
PRODUCER = N_("Producer")
PUBLISHED = N_("Published")
CONFIDENCE = N_("Confidence")
SOURCE = N_("Source")
BETWEEN = N_("Between")
SHARE = N_("Share (%)")
BASIS_BEFORE = N_("Basis before")
BASIS_AFTER = N_("Basis after")
SOURCE_BEFORE = N_("Source before")
SOURCE_AFTER = N_("Source after")
# The download's link text.
DOWNLOAD_LABEL = N_("All figures with their measures and sources")


def _kinds(kinds: pd.Series) -> pd.Series:
    """Kinds of figure as the edition's reader reads them (Actual, Forecast, Target)."""
    return kinds.map(lambda kind: _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind)


def _shorts(shorts: pd.Series) -> pd.Series:
    """Short names of measures (English, as the vocabulary writes them) in the edition's language."""
    return shorts.map(_)


def _values(rows: pd.DataFrame) -> pd.Series:
    """The values as their sources word them: 50, "more than 50" (the table's ``value_bound``)."""
    bounds = rows["value_bound"] if "value_bound" in rows else pd.Series(None, index=rows.index)
    return pd.Series(
        [
            _(BOUNDS[b]).format(value=f"{v:g}") if b in BOUNDS else f"{v:g}"
            for v, b in zip(rows["value_pct"], bounds, strict=True)
        ],
        index=rows.index,
    )


def _bases(rows: pd.DataFrame) -> pd.Series:
    """The bases as the edition's reader reads them (``with_measures`` gives them)."""
    return rows["basis_shown"] if "basis_shown" in rows else rows["basis"]


def figure_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every figure as readers see it: by measure, then year; labels instead of codes.

    The exact measure text and the notes are long; they are in the CSV download. ``url`` is
    the hidden link target of the Source column (the publisher).
    """
    rows = main_first(figures)
    return pd.DataFrame(
        {
            YEAR: rows["year"].astype(int),
            KIND: _kinds(rows["kind"]),
            VALUE: _values(rows),
            MEASURE: _shorts(rows["measure_short"]),
            BASIS: _bases(rows),
            PRODUCER: rows["producer"].map(producer_shown),
            PUBLISHED: rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            CONFIDENCE: rows["confidence"].map(confidence),
            SOURCE: rows["source_publisher"],
            "url": rows["source_url"],
        }
    )


def breaks_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every series break in the actual lines the charts draw, as readers see it: main series
    first, with the source of the figure on either side (``url_before`` and ``url_after`` are
    the hidden link targets of the two Source columns). China's shares of the world are not
    drawn: their own table lists each figure with its producer."""
    breaks = series_breaks(figures, series=None)
    breaks = breaks[breaks["measure"].map(lambda text: measure_of(text).about) != WORLD]
    said = dict(zip(figures["basis"], _bases(figures)))

    def shown(basis: str) -> str:
        return said.get(basis, basis)

    breaks = breaks.assign(other=breaks["series"].ne(MAIN)).sort_values(
        ["other", "series", "year_before"], kind="stable"
    )
    return pd.DataFrame(
        {
            MEASURE: _shorts(breaks["measure"].map(lambda text: measure_of(text).short)),
            BETWEEN: [f"{a}–{b}" for a, b in zip(breaks["year_before"], breaks["year_after"])],
            SHARE: [
                f"{a:g} → {b:g}" for a, b in zip(breaks["value_before"], breaks["value_after"])
            ],
            BASIS_BEFORE: breaks["basis_before"].map(shown),
            BASIS_AFTER: breaks["basis_after"].map(shown),
            SOURCE_BEFORE: breaks["source_before"],
            SOURCE_AFTER: breaks["source_after"],
            "url_before": breaks["url_before"],
            "url_after": breaks["url_after"],
        }
    ).reset_index(drop=True)


def download_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with every source column, plus the short measure name used in the chapter."""
    columns = [c for c in figures.columns if c not in SHOWN_COLUMNS]
    return figures.sort_values(["measure", "year", "estimate_made", "id"])[columns]


def producers_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Each producer's latest estimate as readers see it, newest year first: what it divides by
    what (the measure), the year it refers to, the release it comes from and when it was made.
    ``url`` is the hidden link target of the Source column."""
    rows = latest_by_producer(figures)
    return pd.DataFrame(
        {
            PRODUCER: rows["producer_name"].map(producer_shown),
            VALUE: _values(rows),
            YEAR: rows["year"].astype(int),
            KIND: _kinds(rows["kind"]),
            MEASURE: _shorts(rows["measure_short"]),
            BASIS: _bases(rows),
            PUBLISHED: rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            CONFIDENCE: rows["confidence"].map(confidence),
            SOURCE: rows["source_publisher"],
            "url": rows["source_url"],
        }
    )


def world_table(figures: pd.DataFrame) -> pd.DataFrame:
    """China's shares of a world total (capacity, sales), which are not self-sufficiency, as
    readers see them: the newest figure of each measure, kind and year, by measure and year,
    with each figure's producer and source (``url``, the hidden link target of Source)."""
    rows = latest_vintages(figures[figures["about"] == WORLD])
    rows = rows.sort_values(["measure_short", "year", "estimate_made", "id"])
    return pd.DataFrame(
        {
            MEASURE: _shorts(rows["measure_short"]),
            YEAR: rows["year"].astype(int),
            KIND: _kinds(rows["kind"]),
            VALUE: _values(rows),
            PRODUCER: rows["producer"].map(producer_shown),
            PUBLISHED: rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            SOURCE: rows["source_publisher"],
            "url": rows["source_url"],
        }
    ).reset_index(drop=True)
