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
    basis_shown,
    by_gap,
    confidence,
    gap_points,
    items,
    latest_actual,
    latest_vintages,
    line_bases,
    main_first,
    main_line_breaks,
    pct,
    producer_shown,
    sentences,
    series_breaks,
    short_day,
    superseded,
    target_for,
)
from briefing.chapters._self_sufficiency_words import HEADLINE
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.self_sufficiency import MAIN, MAIN_DEFINITION, WORLD

SOURCE = N_("semiconductor self-sufficiency table, one source per row (see the Sources appendix).")


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
    other than the main series that are shares of China's own market (of chips, or of the
    chip-making equipment used in China), with the panel's words. China's shares of a world
    total are not self-sufficiency: ``world_table`` lists them, not the panel."""
    current = main_first(latest_vintages(figures))
    others = current[(current["series"] != MAIN) & (current["about"] != WORLD)]
    measures = others.loc[others["kind"] == "actual", "measure"].unique()
    breaks = series_breaks(current, series=None)
    count = others["measure"].nunique()
    return {
        "current": others,
        "lines": [basis_runs(actual_line(current, measure)) for measure in measures],
        "breaks": breaks[breaks["measure"].isin(others["measure"])],
        "title": ngettext(
            "{count} other measure of China's own market, not comparable with the main line: "
            "different numerators, denominators or methods",
            "{count} other measures of China's own market, not comparable with the main line: "
            "different numerators, denominators or methods",
            count,
        ).format(count=count),
        "note": _(SOURCE),
        "alt": _(
            "Small chart of {figures} figures for {count} other measures of China's own market, "
            "of chips or of chip-making equipment, one colour per series (measures sharing a "
            "colour told apart by their marker shape): filled markers actual, open markers "
            "forecasts, rings targets."
        ).format(figures=len(others), count=count),
    }


def headline(figures: pd.DataFrame) -> str:
    """The gap to the target, computed, in one line: the chart's title states this finding."""
    actual = latest_actual(figures)
    if actual is None:
        return _("No actual estimate of China's IC self-sufficiency had been published yet")
    target = target_for(figures, int(actual["year"]))
    if target is None:
        return _("China-based IC output was {share} of China's IC market in {year}").format(
            share=pct(actual["value_pct"]), year=int(actual["year"])
        )
    return by_gap(
        gap_points(actual, target),
        *HEADLINE,
        year=int(actual["year"]),
        goal=pct(target["value_pct"]),
        goal_year=int(target["year"]),
    )


def chart_subtitle(figures: pd.DataFrame, day: dt.date | None = None) -> str:
    """The latest actual year of the main line, computed, and how many series breaks it has."""
    actual = latest_actual(figures)
    if actual is None:
        return _("No actual estimate of the main measure yet")
    breaks = main_line_breaks(figures)
    latest = {
        "year": int(actual["year"]),
        "share": pct(actual["value_pct"]),
        "producer": producer_shown(actual["producer"]),
        "published": short_day(actual["estimate_made"].date()),
    }
    if day is None:
        first = _("Latest actual year: {year} ({share}, {producer}, published {published})")
    else:
        first = _(
            "Latest actual year in the table as of {day}: {year} ({share}, {producer}, "
            "published {published})"
        )
    first = first.format(day=short_day(day) if day else "", **latest)
    if not len(breaks):
        return first
    joins = ngettext(
        "The main line joins {releases} releases with different China IC market totals: "
        "{breaks} series break, each a gap bridged by a dotted line",
        "The main line joins {releases} releases with different China IC market totals: "
        "{breaks} series breaks, each a gap bridged by a dotted line",
        len(breaks),
    ).format(releases=len(line_bases(figures)), breaks=len(breaks))
    return f"{first}<br>{joins}"


def chart_note(figures: pd.DataFrame) -> str:
    """The source line: where the figures come from and exactly what the main line measures."""
    lines = [_(SOURCE)]
    actual = latest_actual(figures)
    if actual is not None:
        lines.append(
            _("Main line: {definition} ({producer}).").format(
                definition=_(MAIN_DEFINITION), producer=producer_shown(actual["producer"])
            )
        )
        target = target_for(figures, int(actual["year"]))
        if target is not None:
            lines.append(
                _(
                    "Its target is IC Insights' reading of the Made in China 2025 goal; what the "
                    "goal itself measures is contested (sources disagree; confidence "
                    "{confidence}). Other measures, not comparable with it, are in the panel "
                    "below."
                ).format(confidence=confidence(target["confidence"]))
            )
        bases = [basis_shown(figures, basis) for basis in line_bases(figures)]
        if len(bases) > 1:
            releases = items([_without_producer(basis) for basis in bases])
            lines.append(
                _(
                    "Series breaks (dotted): each release divides by its own China IC market "
                    "total: {releases}."
                ).format(releases=releases)
            )
    return "<br>".join(lines)


def chart_alt(figures: pd.DataFrame) -> str:
    """The chart's alt text: how many figures of each kind, and the main line's latest year and breaks."""
    actual = latest_actual(figures)
    counts = figures["kind"].value_counts()
    text = _(
        "Chart of {actual} actual estimates, {forecast} forecasts and {target} targets of "
        "Chinese semiconductor self-sufficiency by year: the main series and its target (the "
        "other measures are in the panel below)."
    ).format(
        actual=counts.get("actual", 0),
        forecast=counts.get("forecast", 0),
        target=counts.get("target", 0),
    )
    if actual is None:
        return text
    latest = _(
        "The latest actual year of the main series is {year}, at {share}; its line has {breaks} "
        "series breaks where the release, and so the market total divided by, changes."
    ).format(
        year=int(actual["year"]),
        share=pct(actual["value_pct"]),
        breaks=len(main_line_breaks(figures)),
    )
    return sentences(text, latest)


def _without_producer(basis: str) -> str:
    """A release of the main line without its producer's name, which the note gives once."""
    return basis.removeprefix("IC Insights, ").removeprefix("IC Insights、")
