"""What the self-sufficiency chapter's charts are given: the newest figures (main series first),
each measure's actual line in runs on one basis, the series breaks, the superseded figures, and
the charts' words (title, subtitle, source note and alt text) computed from them
(``briefing.chapters.self_sufficiency`` offers them as ``chart_inputs`` for the main chart and
``other_inputs`` for the panel of other measures; nothing else imports this module)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.chapters._self_sufficiency_series import (
    actual_line,
    basis_runs,
    gap_points,
    gap_words,
    latest_actual,
    latest_vintages,
    line_bases,
    main_first,
    main_line_breaks,
    pct,
    series_breaks,
    superseded,
    target_for,
)
from briefing.vocabulary.self_sufficiency import MAIN, MAIN_DEFINITION

SOURCE = "semiconductor self-sufficiency table, one source per row (see the Sources appendix)"


def chart_inputs(figures: pd.DataFrame, day: dt.date | None = None) -> dict:
    """The keyword arguments of ``briefing.charts.chart`` for ``figures`` (cut
    at ``day``, which the subtitle names when given)."""
    current = main_first(latest_vintages(figures))
    measures = current.loc[current["kind"] == "actual", "measure"].unique()
    return {
        "current": current,
        "lines": [basis_runs(actual_line(current, measure)) for measure in measures],
        "breaks": series_breaks(current, series=None),
        "superseded": superseded(figures),
        "title": headline(figures),
        "subtitle": chart_subtitle(figures, day),
        "note": chart_note(figures),
        "alt": chart_alt(figures),
    }


def other_inputs(figures: pd.DataFrame) -> dict:
    """The keyword arguments of ``briefing.charts.self_sufficiency.other_chart``: the measures
    other than the main series, with the panel's words."""
    current = main_first(latest_vintages(figures))
    others = current[current["series"] != MAIN]
    measures = others.loc[others["kind"] == "actual", "measure"].unique()
    count = others["measure"].nunique()
    return {
        "current": current,
        "lines": [basis_runs(actual_line(current, measure)) for measure in measures],
        "breaks": series_breaks(current, series=None),
        "title": f"{count} other measure{'s' if count != 1 else ''}, not comparable with the "
        "main line: different numerators, denominators or methods",
        "note": SOURCE + ".",
        "alt": (
            f"Small chart of {len(others)} figures for {count} other measures of Chinese chip "
            "output or share, one colour per series (China's shares of world capacity share "
            "one, each measure with its own marker shape): filled markers actual, open "
            "markers forecasts, rings targets."
        ),
    }


def headline(figures: pd.DataFrame) -> str:
    """The gap to the target, computed, in one line: the chart's title states this finding."""
    actual = latest_actual(figures)
    if actual is None:
        return "No actual estimate of China's IC self-sufficiency had been published yet"
    target = target_for(figures, int(actual["year"]))
    if target is None:
        return f"China-based IC output was {pct(actual['value_pct'])} of China's IC market in {int(actual['year'])}"
    gap = gap_points(actual, target)
    return (
        f"China-based IC output in {int(actual['year'])}: {gap_words(gap, unit='points')} "
        f"the {pct(target['value_pct'])} goal for {int(target['year'])}"
    )


def chart_subtitle(figures: pd.DataFrame, day: dt.date | None = None) -> str:
    """The latest actual year of the main line, computed, and how many series breaks it has."""
    actual = latest_actual(figures)
    if actual is None:
        return "No actual estimate of the main measure yet"
    cut = f" in the table as of {day:%-d %b %Y}" if day is not None else ""
    breaks = main_line_breaks(figures)
    first = (
        f"Latest actual year{cut}: {int(actual['year'])} "
        f"({pct(actual['value_pct'])}, {actual['producer']}, published "
        f"{actual['estimate_made']:%-d %b %Y})"
    )
    if not len(breaks):
        return first
    releases = len(line_bases(figures))
    return (
        f"{first}<br>The main line joins {releases} releases with different China IC market "
        f"totals: {len(breaks)} series break{'s' if len(breaks) != 1 else ''}, each a gap "
        "bridged by a dotted line"
    )


def chart_note(figures: pd.DataFrame) -> str:
    """The source line: where the figures come from and exactly what the main line measures."""
    lines = [SOURCE + "."]
    actual = latest_actual(figures)
    if actual is not None:
        lines.append(f"Main line: {MAIN_DEFINITION} ({actual['producer']}).")
        target = target_for(figures, int(actual["year"]))
        if target is not None:
            lines.append(
                f"Its target is IC Insights' reading of the Made in China 2025 goal; what the goal itself "
                f"measures is contested (sources disagree; confidence {target['confidence']}). "
                "Other measures, not comparable with it, are in the panel below."
            )
        bases = line_bases(figures)
        if len(bases) > 1:
            lines.append(
                "Series breaks (dotted): each release divides by its own China IC market total: "
                + "; ".join(b.removeprefix("IC Insights, ") for b in bases)
                + "."
            )
    return "<br>".join(lines)


def chart_alt(figures: pd.DataFrame) -> str:
    """The chart's alt text: how many figures of each kind, and the main line's latest year and breaks."""
    actual = latest_actual(figures)
    counts = figures["kind"].value_counts()
    text = (
        f"Chart of {counts.get('actual', 0)} actual estimates, {counts.get('forecast', 0)} forecasts and "
        f"{counts.get('target', 0)} targets of Chinese semiconductor self-sufficiency by year: the main "
        "series and its target (the other measures are in the panel below)."
    )
    if actual is not None:
        breaks = main_line_breaks(figures)
        text += (
            f" The latest actual year of the main series is {int(actual['year'])}, at "
            f"{pct(actual['value_pct'])}; its line has {len(breaks)} series "
            "breaks where the release, and so the market total divided by, changes."
        )
    return text
