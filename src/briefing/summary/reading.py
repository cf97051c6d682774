"""The chapters' computations for one edition date: their key numbers, their findings, and
how far the tables behind them reach.

The summary reads them twice, at the edition's date and at the previous edition's, from the
same data: the previous edition's key numbers are recomputed, never remembered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from briefing import prose
from briefing.chapters import adoption, alignment, china_measures, entity_list, self_sufficiency
from briefing.chapters.findings import Finding, KeyNumber
from briefing.counting import answers, status
from briefing.data import tables

# Each chapter's lead finding on the summary: the one that states its main point for every
# focus (the chapters keep their full lists). A chapter without it leads with its first.
LEADS = {
    "adoption": "named_bans",
    "entity_list": "growth_since_baseline",
    "self_sufficiency": "latest_actual",
    "alignment": "huawei_within_year",
    "china_measures": "china_measures_count",
}


@dataclass(frozen=True)
class Reading:
    """What the chapters computed for an edition dated ``day`` with ``focus``."""

    day: dt.date
    focus: str
    key_numbers: dict[str, list[KeyNumber]]  # by chapter, in book order
    findings: dict[str, list[Finding]]  # by chapter, in book order
    latest: dict[str, pd.Timestamp | None]  # the latest row date of each table read


def read(day: dt.date, focus: str) -> Reading:
    """Every chapter's key numbers and findings on ``day``, computed from the tables cut there."""
    events = tables.load("restrictions", as_of=day)
    milestones = tables.load("milestones", as_of=day)
    measures = tables.load("china_measures", as_of=day)
    rules = entity_list.oldest_first(tables.load("entity_list_rules", as_of=day))
    by_year = tables.load("entity_list_by_year", as_of=day)
    snapshot_rules = tables.load("entity_list_rules_from_snapshot", as_of=day)
    figures = self_sufficiency.with_measures(
        tables.load("semiconductor_self_sufficiency", as_of=day)
    )
    foreign = answers.foreign_measures(milestones, events, rules)
    lags = alignment.pair_lags(tables.load("lag_pairs"), tables.load("milestones"), day)
    snapshot = entity_list.snapshot_label(day=day)
    numbers = {
        "adoption": adoption.key_numbers(events, focus, day),
        "entity_list": entity_list.key_numbers(by_year, day, snapshot),
        "self_sufficiency": self_sufficiency.key_numbers(figures, day),
        "alignment": alignment.key_numbers(lags, focus, day),
        "china_measures": china_measures.key_numbers(measures, foreign, focus, day),
    }
    found = {
        "adoption": adoption.findings(events, focus, day),
        "entity_list": entity_list.findings(by_year, snapshot_rules, rules, focus, day, snapshot),
        "self_sufficiency": self_sufficiency.findings(figures, focus, day),
        "alignment": alignment.findings(milestones, lags, events, focus, day),
        "china_measures": china_measures.findings(
            measures, foreign, focus, day, status.statuses(day)
        ),
    }
    latest = {
        "restrictions": _latest(events["announced"]),
        "milestones": _latest(milestones["date"]),
        "china_measures": _latest(measures["date"]),
    }
    return Reading(day, focus, numbers, found, latest)


def _latest(dates: pd.Series) -> pd.Timestamp | None:
    return None if dates.dropna().empty else pd.Timestamp(dates.max())


def key_numbers(now: Reading, before: Reading | None) -> list[KeyNumber]:
    """This edition's key numbers in book order, each naming its chapter, with its value in the
    previous edition (the same number recomputed at the previous date) where that edition had
    it."""
    earlier = (
        {number.key: number for found in before.key_numbers.values() for number in found}
        if before is not None
        else {}
    )
    shown = []
    for slug, found in now.key_numbers.items():
        for number in found:
            number = replace(number, chapter=slug)
            then = earlier.get(number.key)
            if then is not None:
                number = replace(number, previous=then.value, previous_as_of=prose.on(before.day))
            shown.append(number)
    return shown


def lead_findings(reading: Reading) -> list[Finding]:
    """One finding per chapter, its main point, in book order."""
    leads = []
    for slug, found in reading.findings.items():
        chosen = [f for f in found if f.key == LEADS.get(slug)] or found[:1]
        leads += chosen
    return leads


def finding(reading: Reading, slug: str, key: str) -> Finding | None:
    """One chapter's finding by its key (None when the chapter did not find it)."""
    return next((f for f in reading.findings[slug] if f.key == key), None)
