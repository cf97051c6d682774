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
targets, forecasts), ``_self_sufficiency_figure`` (what the chart is given) and
``_self_sufficiency_tables`` (tables as readers see them, the download).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.chapters._self_sufficiency_figure import chart_inputs, other_inputs
from briefing.chapters._self_sufficiency_series import (
    actual_line,
    basis_runs,
    forecast_for_target,
    forecasts,
    gap_points,
    gap_words,
    latest_actual,
    latest_by_producer,
    latest_vintages,
    line_bases,
    main_first,
    main_line_breaks,
    pct,
    series_breaks,
    superseded,
    target_for,
    with_measures,
)
from briefing.chapters._self_sufficiency_tables import (
    breaks_table,
    download_table,
    figure_table,
    producers_table,
)
from briefing.chapters.findings import MAX_WORDS, Finding, KeyNumber, words
from briefing.vocabulary.self_sufficiency import MAIN_DEFINITION, measure_of

__all__ = [
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
]

# The chart behind every finding of the chapter.
FIGURE = "fig-self-sufficiency"


def key_numbers(figures: pd.DataFrame, day: dt.date) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: the latest actual share."""
    actual = latest_actual(figures)
    if actual is None:
        return []
    target = target_for(figures, int(actual["year"]))
    goal = (
        f"; the Made in China 2025 goal as IC Insights reads it: {pct(target['value_pct'])} by "
        f"{int(target['year'])}"
        if target is not None
        else ""
    )
    return [
        KeyNumber(
            "latest_actual",
            pct(actual["value_pct"]),
            f"of China's chip (IC) market met by output of fabs in mainland China, by value "
            f"({actual['producer']}){goal}",
            f"{int(actual['year'])}, the latest year estimated (published "
            f"{actual['estimate_made']:%-d %B %Y}){_goal_passed(target, day)}",
            FIGURE,
            float(actual["value_pct"]),
        )
    ]


def _goal_passed(target: pd.Series | None, day: dt.date) -> str:
    """Words saying the goal's year is over on ``day``, or nothing while it is not."""
    if target is None or day.year <= int(target["year"]):
        return ""
    return f"; the goal's year, {int(target['year'])}, has passed"


def series_end(figures: pd.DataFrame, day: dt.date) -> str | None:
    """Where the main line's actual values stop, in plain words (None with no actual yet)."""
    actual = latest_actual(figures)
    if actual is None:
        return None
    year = int(actual["year"])
    later = forecasts(figures)
    later = later[later["year"] > year]
    rest = (
        f"; later years have forecasts and targets only (to {int(later['year'].max())})"
        if len(later)
        else ""
    )
    return (
        f"China's chip self-sufficiency: actual estimates of the main measure end in {year} "
        f"(published {actual['estimate_made']:%-d %B %Y}){rest}."
    )


def lead(figures: pd.DataFrame, day: dt.date) -> str:
    """The line above the chapter's findings: the date, the main measure and what the goal is."""
    actual = latest_actual(figures)
    start = f"**China's chip self-sufficiency**, as of {day:%-d %B %Y}"
    if actual is None:
        return start + ":"
    line = f"{start}. The main measure: {MAIN_DEFINITION}."
    target = target_for(figures, int(actual["year"]))
    if target is None:
        return line
    return (
        f"{line} The goal is Made in China 2025's as IC Insights reads it; sources disagree on "
        f"what the goal itself measures ({target['confidence']} confidence)."
    )


def findings(figures: pd.DataFrame, focus: str, day: dt.date) -> list[Finding]:
    """The chapter's findings, computed from the figures already cut at ``day``.

    The date, the main measure and the reading of the goal are said once, in ``lead``; each
    finding carries them in its values: ``measure`` (the exact text), ``definition`` (the short
    name) and ``as_of``. ``focus`` is accepted like every chapter's, but this table is about
    China alone, so no finding is made for the focus jurisdiction.
    """
    actual = latest_actual(figures)
    if actual is None:
        return [
            Finding(
                "latest_actual",
                "No actual estimate of China's IC self-sufficiency had been published in the "
                "sources this briefing uses.",
                {"year": None, "value_pct": None, "gap_pp": None, "as_of": day.isoformat()},
            )
        ]
    target = target_for(figures, int(actual["year"]))
    values = _latest_values(actual, day)
    text = (
        f"China-based production met {pct(actual['value_pct'])} of China's IC market in "
        f"{values['year']}, the latest year estimated ({values['producer']}, published "
        f"{actual['estimate_made']:%-d %B %Y})"
    )
    if target is None:
        return [
            Finding("latest_actual", text + "; no target for it was on record.", values, FIGURE),
            _producers_finding(figures, day, actual),
            _breaks_finding(figures, day),
        ]
    gap = gap_points(actual, target)
    values.update(
        target_year=int(target["year"]), target_pct=float(target["value_pct"]), gap_pp=gap
    )
    text += f": {gap_words(gap)} the {pct(target['value_pct'])} goal for {values['target_year']}."
    if day.year > values["target_year"] > values["year"]:
        # The goal's year is over but no estimate for it has reached the table.
        text += (
            f" The goal's year, {values['target_year']}, has passed. No actual estimate for "
            f"{values['target_year']} had been published."
        )
    return [
        Finding("latest_actual", text, values, FIGURE),
        _producers_finding(figures, day, actual),
        _forecast_finding(figures, target, day, actual),
        _breaks_finding(figures, day),
    ]


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


def _forecast_finding(
    figures: pd.DataFrame, target: pd.Series, day: dt.date, actual: pd.Series
) -> Finding:
    outlook = forecasts(figures)
    chosen = forecast_for_target(figures, target)
    goal, goal_year = float(target["value_pct"]), int(target["year"])
    definition = measure_of(actual["measure"]).short
    common = {
        "measure": str(actual["measure"]),
        "definition": definition,
        "as_of": day.isoformat(),
    }
    if chosen is None:
        return Finding(
            "forecasts",
            "No forecast of the main measure had been published.",
            {"forecasts": 0, "expect_target_met": None} | common,
            FIGURE,
        )
    meeting = outlook[outlook["value_pct"] >= goal]
    met = bool(len(meeting))
    values = {
        "forecasts": len(outlook),
        "expect_target_met": met,
        "forecast_year": int(chosen["year"]),
        "forecast_pct": float(chosen["value_pct"]),
        "forecast_published": chosen["estimate_made"].date().isoformat(),
        "forecast_gap_pp": gap_points(chosen, target),
        "highest_forecast_pct": float(outlook["value_pct"].max()),
    } | common
    verdict = (
        f"{len(meeting)} of the {len(outlook)} forecasts of the main measure reach the goal"
        if met
        else f"None of the {len(outlook)} forecasts of the main measure expects the goal to be met"
    )
    published = f"published {chosen['estimate_made']:%-d %B %Y}"
    if int(chosen["year"]) == goal_year:
        detail = f"the one for {goal_year}, {published}, was"
    else:
        detail = f"none yet covered {goal_year}; the nearest, for {values['forecast_year']}, {published}, was"
    return Finding(
        "forecasts",
        f"{verdict}: {detail} {pct(chosen['value_pct'])}, "
        f"{gap_words(values['forecast_gap_pp'])} the {goal_year} goal.",
        values,
        FIGURE,
    )


# Measures of China's share of the world (capacity, sales) say so in their text; they are not
# estimates of how much of China's own demand its output meets.
NOT_SELF_SUFFICIENCY = "not self-sufficiency"


def _producers_finding(figures: pd.DataFrame, day: dt.date, actual: pd.Series) -> Finding:
    """Each producer's latest estimate of China's own chip supply, newest year first, with what
    it divides by what, as many as one finding holds (the rest counted, all listed in the
    table of producers); and the producers of world shares named."""
    latest = latest_by_producer(figures)
    world = latest["measure"].str.contains(NOT_SELF_SUFFICIENCY, regex=False)
    own, others = latest[~world], latest[world]
    parts = [
        f"{row.producer_name}, {pct(row.value_pct)} for {int(row.year)}: {row.measure_short}"
        for row in own.itertuples()
    ]
    head = "Each producer's latest estimate of China's own chip supply: "
    names = list(others["producer_name"])
    tail = (
        f". {', '.join(names[:-1]) + ' and ' if len(names) > 1 else ''}{names[-1]} "
        f"measure{'' if len(names) > 1 else 's'} China's share of the world, not "
        "self-sufficiency."
        if names
        else "."
    )

    def text(shown: int) -> str:
        rest = f"; {len(parts) - shown} more listed" if shown < len(parts) else ""
        return head + "; ".join(parts[:shown]) + rest + tail

    shown = len(parts)
    while shown > 1 and words(text(shown)) > MAX_WORDS:
        shown -= 1
    values = {
        "producers": [str(p) for p in own["producer_name"]],
        "producer_years": [int(y) for y in own["year"]],
        "producer_values_pct": [float(v) for v in own["value_pct"]],
        "world_share_producers": [str(p) for p in others["producer_name"]],
        "measure": str(actual["measure"]),
        "definition": measure_of(actual["measure"]).short,
        "as_of": day.isoformat(),
    }
    return Finding("producers", text(shown), values, FIGURE)


def _breaks_finding(figures: pd.DataFrame, day: dt.date) -> Finding:
    """How many releases the main line joins, on which bases, and so how many breaks it has."""
    actual = latest_actual(figures)
    line = actual_line(figures, actual["measure"])
    bases = line_bases(figures)
    breaks = main_line_breaks(figures)
    definition = measure_of(actual["measure"]).short
    values = {
        "actuals_on_line": len(line),
        "first_year": int(line["year"].min()),
        "last_year": int(line["year"].max()),
        "bases": bases,
        "breaks": len(breaks),
        "break_years": [
            [int(a), int(b)] for a, b in zip(breaks["year_before"], breaks["year_after"])
        ],
        "measure": str(actual["measure"]),
        "definition": definition,
        "as_of": day.isoformat(),
    }
    span = f"{values['first_year']}–{values['last_year']}"
    if not len(breaks):
        text = (
            f"The main line ({span}) joins {len(line)} actual "
            f"estimate{'s' if len(line) != 1 else ''} on one basis ({bases[0]}): it has no "
            "series break."
        )
    else:
        text = (
            f"The main line ({span}) has {len(breaks)} series break"
            f"{'s' if len(breaks) != 1 else ''}: its {len(line)} actual estimates come from "
            f"{len(bases)} releases, each dividing by its own China IC market total (the table "
            "of breaks names each). A step across a break mixes a change in the share with a "
            "change of basis."
        )
    return Finding("series_breaks", text, values, FIGURE)
