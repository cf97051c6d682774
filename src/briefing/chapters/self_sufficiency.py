"""China's semiconductor self-sufficiency against its targets: the figures chapter 3 reports.

The table mixes several quantities that all get called "self-sufficiency"; each exact
``measure`` text is mapped to a short name and to a series (``briefing.vocabulary.self_sufficiency``),
rows of different series are never compared, and a line only ever joins rows with the same
exact measure text.

Even one measure is not one series: each IC Insights release divides by its own China IC
market total (US$155bn for 2018 in the 2019 report; US$124.6bn for 2019 in May 2020, restated
to US$131.3bn the next year). The table's ``basis`` column names the release and the total it
used, and wherever a line joins figures of different bases the series has a break
(``series_breaks``), which the chart and the findings show.

This module is the chapter: its findings, lead line and key numbers, and (listed in
``__all__``) what its notebook shows and passes to ``briefing.charts.self_sufficiency``. Those
live in the chapter's private modules: ``_self_sufficiency_series`` (vintages, lines, breaks,
targets, forecasts, and the words shared by the edition's languages), ``_self_sufficiency_findings``
(the findings after the first), ``_self_sufficiency_words`` (the sentences reading a share
against a goal), ``_self_sufficiency_figure`` (what the charts are given: the main series, and
the panel of other shares of China's own market) and ``_self_sufficiency_tables`` (tables as
readers see them, among them China's shares of the world, and the download). Every computation reads
the English measure texts; only what a reader sees is said in the edition's language.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import prose
from briefing.chapters._self_sufficiency_figure import chart_inputs, other_inputs
from briefing.chapters._self_sufficiency_findings import (
    FIGURE,
    breaks_finding,
    forecast_finding,
    producers_finding,
)
from briefing.chapters._self_sufficiency_series import (
    actual_line,
    basis_runs,
    by_gap,
    confidence,
    forecasts,
    gap_points,
    latest_actual,
    latest_by_producer,
    latest_vintages,
    line_bases,
    main_first,
    pct,
    producer_shown,
    sentences,
    series_breaks,
    superseded,
    target_for,
    with_measures,
)
from briefing.chapters._self_sufficiency_tables import (
    DOWNLOAD_LABEL,
    breaks_table,
    download_table,
    figure_table,
    producers_table,
    world_table,
)
from briefing.chapters._self_sufficiency_words import LATEST_AGAINST_GOAL
from briefing.chapters.findings import Finding, KeyNumber
from briefing.translation import _
from briefing.vocabulary.self_sufficiency import MAIN_DEFINITION, measure_of

__all__ = [
    "DOWNLOAD_LABEL",
    "actual_line",
    "basis_runs",
    "breaks_table",
    "chart_inputs",
    "download_table",
    "figure_table",
    "findings",
    "forecasts",
    "key_numbers",
    "latest_actual",
    "latest_by_producer",
    "latest_vintages",
    "lead",
    "line_bases",
    "main_first",
    "other_inputs",
    "pct",
    "producers_table",
    "series_breaks",
    "series_end",
    "superseded",
    "target_for",
    "with_measures",
    "world_table",
]


def key_numbers(figures: pd.DataFrame, day: dt.date) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: the latest actual share."""
    actual = latest_actual(figures)
    if actual is None:
        return []
    target = target_for(figures, int(actual["year"]))
    if target is None:
        definition = _(
            "of China's chip (IC) market met by output of fabs in mainland China, by value "
            "({producer})"
        ).format(producer=producer_shown(actual["producer"]))
    else:
        definition = _(
            "of China's chip (IC) market met by output of fabs in mainland China, by value "
            "({producer}); the Made in China 2025 goal as IC Insights reads it: {goal} by "
            "{goal_year}"
        ).format(
            producer=producer_shown(actual["producer"]),
            goal=pct(target["value_pct"]),
            goal_year=int(target["year"]),
        )
    return [
        KeyNumber(
            "latest_actual",
            pct(actual["value_pct"]),
            definition,
            _key_date(actual, target, day),
            FIGURE,
            float(actual["value_pct"]),
        )
    ]


def _key_date(actual: pd.Series, target: pd.Series | None, day: dt.date) -> str:
    """The year of the key number, when it was published and, once it is over on ``day``,
    that the goal's year has passed."""
    values = {
        "year": int(actual["year"]),
        "day": prose.on(actual["estimate_made"].date()),
    }
    if target is None or day.year <= int(target["year"]):
        return _("{year}, the latest year estimated (published {day})").format(**values)
    return _(
        "{year}, the latest year estimated (published {day}); the goal's year, {goal_year}, "
        "has passed"
    ).format(goal_year=int(target["year"]), **values)


def series_end(figures: pd.DataFrame, day: dt.date) -> str | None:
    """Where the main line's actual values stop, in plain words (None with no actual yet)."""
    actual = latest_actual(figures)
    if actual is None:
        return None
    year = int(actual["year"])
    later = forecasts(figures)
    later = later[later["year"] > year]
    published = prose.on(actual["estimate_made"].date())
    if not len(later):
        return _(
            "China's chip self-sufficiency: actual estimates of the main measure end in {year} "
            "(published {day})."
        ).format(year=year, day=published)
    return _(
        "China's chip self-sufficiency: actual estimates of the main measure end in {year} "
        "(published {day}); later years have forecasts and targets only (to {last_year})."
    ).format(year=year, day=published, last_year=int(later["year"].max()))


def lead(figures: pd.DataFrame, day: dt.date) -> str:
    """The line above the chapter's findings: the date, the main measure and what the goal is."""
    actual = latest_actual(figures)
    if actual is None:
        return _("**China's chip self-sufficiency**, as of {day}:").format(day=prose.on(day))
    line = _("**China's chip self-sufficiency**, as of {day}. The main measure: {definition}.")
    line = line.format(day=prose.on(day), definition=_(MAIN_DEFINITION))
    target = target_for(figures, int(actual["year"]))
    if target is None:
        return line
    goal = _(
        "The goal is Made in China 2025's as IC Insights reads it; sources disagree on what the "
        "goal itself measures ({confidence} confidence)."
    ).format(confidence=confidence(target["confidence"]))
    return sentences(line, goal)


def findings(figures: pd.DataFrame, focus: str, day: dt.date) -> list[Finding]:
    """The chapter's findings, computed from the figures already cut at ``day``.

    The date, the main measure and the reading of the goal are said once, in ``lead``; each
    finding carries them in its values: ``measure`` (the exact text), ``definition`` (the short
    name) and ``as_of``. ``focus`` is accepted like every chapter's, but this table is about
    China alone, so no finding is made for the focus jurisdiction.
    """
    actual = latest_actual(figures)
    if actual is None:
        return [_no_actual(day)]
    target = target_for(figures, int(actual["year"]))
    values = _latest_values(actual, day)
    said = {
        "share": pct(actual["value_pct"]),
        "year": values["year"],
        "producer": producer_shown(values["producer"]),
        "day": prose.on(actual["estimate_made"].date()),
    }
    if target is None:
        text = _(
            "China-based production met {share} of China's IC market in {year}, the latest year "
            "estimated ({producer}, published {day}); no target for it was on record."
        ).format(**said)
        return [
            Finding("latest_actual", text, values, FIGURE),
            producers_finding(figures, day, actual),
            breaks_finding(figures, day),
        ]
    values.update(
        target_year=int(target["year"]),
        target_pct=float(target["value_pct"]),
        gap_pp=gap_points(actual, target),
    )
    return [
        Finding("latest_actual", _against_goal(values, said, target, day), values, FIGURE),
        producers_finding(figures, day, actual),
        forecast_finding(figures, target, day, actual),
        breaks_finding(figures, day),
    ]


def _no_actual(day: dt.date) -> Finding:
    """The only finding while no actual estimate is in the table."""
    return Finding(
        "latest_actual",
        _(
            "No actual estimate of China's IC self-sufficiency had been published in the sources "
            "this briefing uses."
        ),
        {"year": None, "value_pct": None, "gap_pp": None, "as_of": day.isoformat()},
    )


def _against_goal(values: dict, said: dict, target: pd.Series, day: dt.date) -> str:
    """The latest actual against the goal for its year (``values`` carry both and the gap), in
    words."""
    text = by_gap(
        values["gap_pp"],
        *LATEST_AGAINST_GOAL,
        goal=pct(target["value_pct"]),
        goal_year=values["target_year"],
        **said,
    )
    if day.year > values["target_year"] > values["year"]:
        # The goal's year is over but no estimate for it has reached the table.
        passed = _(
            "The goal's year, {goal_year}, has passed. No actual estimate for {goal_year} had "
            "been published."
        ).format(goal_year=values["target_year"])
        text = sentences(text, passed)
    return text


def _latest_values(actual: pd.Series, day: dt.date) -> dict:
    """The latest actual's values, as the first finding carries them (no target yet)."""
    return {
        "year": int(actual["year"]),
        "value_pct": float(actual["value_pct"]),
        "producer": str(actual["producer"]),
        "published": actual["estimate_made"].date().isoformat(),
        "measure": str(actual["measure"]),
        "definition": measure_of(actual["measure"]).short,
        "basis": str(actual["basis"]),
        "as_of": day.isoformat(),
        "target_year": None,
        "target_pct": None,
        "gap_pp": None,
    }
