"""The curated rules table against the snapshot: for each rule, the entries it states it added
against the snapshot's entries that first cite it (``data/derived/entity_list_reconciliation.csv``)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from briefing.steps.entity_list_rule_spans import rule_spans, starts_by_day
from briefing.vocabulary.entity_list import CHINA

# The counts of the reconciliation table (schema entity_list_reconciliation), empty where unstated.
COUNT_COLUMNS = [
    "entries_added",
    "snapshot_first_cited",
    "difference",
    "entries_added_china",
    "snapshot_first_cited_china",
    "difference_china",
    "snapshot_first_cited_hong_kong",
    "cited_later",
]
RECONCILIATION_COLUMNS = ["document_number", "fr_citation", "publication_date", *COUNT_COLUMNS]


def reconcile_rules(rules: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """Compare each rule's stated additions with the entries in the snapshot that first cite it.

    A snapshot entry first cites a rule when its earliest citation is in the rule's volume, on
    the rule's publication date, and at or after the rule's first page (and before the next
    curated rule of that day). ``cited_later`` counts entries that cite the rule but were first
    listed earlier (revisions, moves, added addresses). Differences are snapshot minus rule.
    """
    spans = rule_spans(rules)
    starts = starts_by_day(spans)
    dated = entries.dropna(subset=["first_volume"])
    citations = _every_citation(entries)
    out = []
    for volume, page, day, rule in spans:
        later_starts = [p for p in starts[(volume, day)] if p > page]
        span = (volume, day, page, min(later_starts) if later_starts else None)
        in_rule = _in_span(dated, span, "first_volume", "first_date", "first_page")
        in_span = _in_span(citations, span, "volume", "published", "page")
        cites_rule = entries.index.isin(citations.loc[in_span, "entry"])
        first_elsewhere = ~in_rule.reindex(entries.index, fill_value=False).to_numpy()
        cited_later = int((cites_rule & first_elsewhere).sum())
        out.append(_reconciled(rule, day, dated[in_rule], cited_later))
    columns = {"publication_date": "datetime64[ns]", **dict.fromkeys(COUNT_COLUMNS, "Int64")}
    table = pd.DataFrame(out, columns=RECONCILIATION_COLUMNS).astype(columns)
    ordered = table.sort_values(["publication_date", "fr_citation"], kind="stable")
    return ordered.reset_index(drop=True)


def _every_citation(entries: pd.DataFrame) -> pd.DataFrame:
    # Every citation of every entry, once: each rule then filters this table.
    return pd.DataFrame(
        [
            (index, c.volume, c.published, c.page)
            for index, cited in entries["cited"].items()
            for c in cited
        ],
        columns=["entry", "volume", "published", "page"],
    )


def _in_span(
    frame: pd.DataFrame, span: tuple[int, date, int, int | None], volume: str, day: str, page: str
) -> pd.Series:
    """Rows of ``frame`` whose citation (its ``volume``, ``day`` and ``page`` columns) falls in
    ``span``: (volume, day, first page, first page of the next rule that day or None)."""
    span_volume, span_day, first, end = span
    return (
        (frame[volume] == span_volume)
        & (frame[day] == span_day)
        & (frame[page] >= first)
        & ((frame[page] < end) if end else True)
    )


def _reconciled(rule, day: date, first_cited: pd.DataFrame, cited_later: int) -> dict:
    """One row of the reconciliation: the rule's stated counts beside the snapshot's."""
    added = _int_or_none(rule.entries_added)
    added_china = _int_or_none(rule.entries_added_china)
    snap_total = len(first_cited)
    snap_china = int((first_cited["destination"] == CHINA).sum())
    return {
        "document_number": rule.document_number,
        "fr_citation": rule.fr_citation,
        "publication_date": day,
        "entries_added": added,
        "snapshot_first_cited": snap_total,
        "difference": None if added is None else snap_total - added,
        "entries_added_china": added_china,
        "snapshot_first_cited_china": snap_china,
        "difference_china": None if added_china is None else snap_china - added_china,
        "snapshot_first_cited_hong_kong": int(first_cited["hong_kong"].sum()),
        "cited_later": cited_later,
    }


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
