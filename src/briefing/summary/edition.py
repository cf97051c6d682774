"""Everything the executive summary shows for one edition, computed in one call so that its
notebook stays a list of displays."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from briefing import prose
from briefing.chapters import entity_list, self_sufficiency
from briefing.chapters.findings import Finding, KeyNumber
from briefing.counting import watch
from briefing.data import tables
from briefing.params import Parameters
from briefing.summary import bottom_line, events, reading
from briefing.translation import _


@dataclass(frozen=True)
class Summary:
    now: reading.Reading
    before: reading.Reading | None  # the chapters read at the previous edition's date
    watch: pd.DataFrame  # the watch list (briefing.counting.watch)
    new: list[events.NewMeasures] | None  # None: a first edition
    changed: list[events.StatusChange] | None
    corrections: events.Corrections | None
    bottom_line: list[str]
    notes: dict[str, str]  # by table: where a series in it stops, for the freshness statements

    @property
    def key_numbers(self) -> list[KeyNumber]:
        return reading.key_numbers(self.now, self.before)

    @property
    def findings(self) -> list[Finding]:
        return reading.lead_findings(self.now)

    @property
    def findings_lead(self) -> str:
        return _("**One finding from each chapter**, as of {day}; each chapter gives more:").format(
            day=prose.on(self.now.day)
        )


def compute(edition: Parameters) -> Summary:
    """The summary of the edition ``edition`` describes, against its previous edition."""
    day, previous = edition.as_of, edition.previous_as_of
    now = reading.read(day, edition.focus)
    listed = watch.for_edition(day)
    if previous is None:
        before, new, changed, corrections = None, None, None, None
    else:
        before = reading.read(previous, edition.focus)
        new = events.new_measures(previous, day, edition.focus)
        changed = events.status_changes(previous, day)
        corrections = events.corrections(previous)
    return Summary(
        now=now,
        before=before,
        watch=listed,
        new=new,
        changed=changed,
        corrections=corrections,
        bottom_line=bottom_line.sentences(now, listed, new, changed, previous),
        notes=_series_ends(edition),
    )


def _series_ends(edition: Parameters) -> dict[str, str]:
    figures = self_sufficiency.with_measures(
        tables.load("semiconductor_self_sufficiency", as_of=edition.as_of)
    )
    by_year = tables.load("entity_list_by_year", as_of=edition.as_of)
    ends = {
        "semiconductor_self_sufficiency": self_sufficiency.series_end(figures, edition.as_of),
        "entity_list_by_year": entity_list.series_end(by_year, edition.as_of),
    }
    return {table: note for table, note in ends.items() if note}
