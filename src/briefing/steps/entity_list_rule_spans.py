"""Where each rule of the curated rules table starts in the Federal Register: its volume, first
page and publication day, which the rules found from the snapshot and the reconciliation both
split the snapshot's entries by."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from briefing.errors import DataError

_FR_CITATION = re.compile(r"(?P<volume>\d{2,3})\s*FR\s*(?P<page>\d+)")


def rule_spans(rules: pd.DataFrame) -> list[tuple[int, int, date, object]]:
    """Each curated rule as (volume, first page, publication date, row), from its fr_citation."""
    spans = []
    for rule in rules.itertuples(index=False):
        match = _FR_CITATION.fullmatch(str(rule.fr_citation).strip())
        if not match:
            raise DataError(
                "entity_list_rules",
                "unreadable fr_citation",
                field="fr_citation",
                value=rule.fr_citation,
            )
        spans.append(
            (
                int(match["volume"]),
                int(match["page"]),
                pd.Timestamp(rule.publication_date).date(),
                rule,
            )
        )
    return spans


def starts_by_day(spans: list[tuple[int, int, date, object]]) -> dict[tuple[int, date], list[int]]:
    """The first pages of the curated rules published on each (volume, day)."""
    starts: dict[tuple[int, date], list[int]] = {}
    for volume, page, day, _ in spans:
        starts.setdefault((volume, day), []).append(page)
    return starts
