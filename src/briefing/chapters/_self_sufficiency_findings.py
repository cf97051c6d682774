"""The self-sufficiency chapter's findings after the first: the forecasts against the goal,
each producer's latest estimate, and the main line's series breaks
(``briefing.chapters.self_sufficiency`` uses them; nothing else imports this module)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import prose
from briefing.chapters._self_sufficiency_series import (
    actual_line,
    basis_shown,
    by_gap,
    forecast_for_target,
    forecasts,
    gap_points,
    items,
    latest_actual,
    latest_by_producer,
    line_bases,
    main_line_breaks,
    names_and,
    pct,
    producer_shown,
    sentences,
)
from briefing.chapters._self_sufficiency_words import FORECAST_NEAREST, FORECAST_SAME_YEAR
from briefing.chapters.findings import MAX_WORDS, Finding, words
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.self_sufficiency import ABOUT, measure_of

# The chart behind every finding of the chapter.
FIGURE = "fig-self-sufficiency"


def forecast_finding(
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
            _("No forecast of the main measure had been published."),
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
        _("{met} of the {count} forecasts of the main measure reach the goal")
        if met
        else _("None of the {count} forecasts of the main measure expects the goal to be met")
    ).format(met=len(meeting), count=len(outlook))
    same_year = int(chosen["year"]) == goal_year
    text = by_gap(
        values["forecast_gap_pp"],
        *(FORECAST_SAME_YEAR if same_year else FORECAST_NEAREST),
        verdict=verdict,
        goal_year=goal_year,
        year=values["forecast_year"],
        day=prose.on(chosen["estimate_made"].date()),
        share=pct(chosen["value_pct"]),
    )
    return Finding("forecasts", text, values, FIGURE)


def producers_finding(figures: pd.DataFrame, day: dt.date, actual: pd.Series) -> Finding:
    """Each producer's latest estimate, grouped by what it is a share of: China's own chip
    supply (with what it divides by what), then the chip-making equipment used in China, as
    many as one finding holds (the rest counted, all listed in the table of producers); and
    the producers of world shares named. A bounded value reads as its source words it."""
    latest = latest_by_producer(figures)
    chips, equipment, world = (latest[latest["about"] == about] for about in ABOUT)
    groups = [
        ([_estimate(row, measure=True) for row in chips.itertuples()], CHIP_SUPPLY),
        ([_estimate(row, measure=False) for row in equipment.itertuples()], EQUIPMENT_SUPPLY),
    ]
    names = [producer_shown(name) for name in world["producer_name"]]
    tail = (
        ngettext(
            "{names} measures China's share of the world, not self-sufficiency.",
            "{names} measure China's share of the world, not self-sufficiency.",
            len(names),
        ).format(names=names_and(names))
        if names
        else ""
    )
    shown = [len(parts) for parts, _words in groups]

    def text() -> str:
        heads = [_group_sentence(parts, said, count) for (parts, said), count in zip(groups, shown)]
        return sentences(*heads, tail)

    # Room is made by listing fewer chip estimates first, then fewer equipment estimates.
    for group in range(len(groups)):
        while shown[group] > 1 and words(text()) > MAX_WORDS:
            shown[group] -= 1
    values = {
        "producers": [str(p) for p in chips["producer_name"]],
        "producer_years": [int(y) for y in chips["year"]],
        "producer_values_pct": [float(v) for v in chips["value_pct"]],
        "producer_bounds": [_bound(row) for row in chips.itertuples()],
        "equipment_producers": [str(p) for p in equipment["producer_name"]],
        "equipment_values_pct": [float(v) for v in equipment["value_pct"]],
        "equipment_bounds": [_bound(row) for row in equipment.itertuples()],
        "world_share_producers": [str(p) for p in world["producer_name"]],
        "measure": str(actual["measure"]),
        "definition": measure_of(actual["measure"]).short,
        "as_of": day.isoformat(),
    }
    return Finding("producers", text(), values, FIGURE)


# Each group's sentence: all its estimates listed, or some with the rest counted.
CHIP_SUPPLY = (
    N_("Each producer's latest estimate of China's own chip supply: {estimates}."),
    N_(
        "Each producer's latest estimate of China's own chip supply: {estimates}; {more} more listed."
    ),
)
EQUIPMENT_SUPPLY = (
    N_("China-made share of chip-making equipment, not of chips: {estimates}."),
    N_("China-made share of chip-making equipment, not of chips: {estimates}; {more} more listed."),
)


def _group_sentence(parts: list[str], said: tuple[str, str], shown: int) -> str:
    if not parts:
        return ""
    whole, cut = said
    if shown < len(parts):
        return _(cut).format(estimates=items(parts[:shown]), more=len(parts) - shown)
    return _(whole).format(estimates=items(parts))


def _estimate(row, *, measure: bool) -> str:
    """One producer's estimate: who, the share as the source words it, the year (a forecast
    said to be one) and, where the group's sentence does not say it, what it measures."""
    values = {
        "producer": producer_shown(row.producer_name),
        "share": row.value_shown,
        "year": int(row.year),
        "measure": _(row.measure_short),
    }
    forecast = row.kind == "forecast"
    if measure:
        said = (
            _("{producer}, {share} forecast for {year}: {measure}")
            if forecast
            else _("{producer}, {share} for {year}: {measure}")
        )
    else:
        said = (
            _("{producer}, {share} forecast for {year}")
            if forecast
            else _("{producer}, {share} for {year}")
        )
    return said.format(**values)


def _bound(row) -> str | None:
    bound = getattr(row, "value_bound", None)
    return str(bound) if isinstance(bound, str) else None


def breaks_finding(figures: pd.DataFrame, day: dt.date) -> Finding:
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
    span = {"first_year": values["first_year"], "last_year": values["last_year"]}
    if not len(breaks):
        text = ngettext(
            "The main line ({first_year}–{last_year}) joins {count} actual estimate on one basis "
            "({basis}): it has no series break.",
            "The main line ({first_year}–{last_year}) joins {count} actual estimates on one "
            "basis ({basis}): it has no series break.",
            len(line),
        ).format(count=len(line), basis=basis_shown(figures, bases[0]), **span)
    else:
        text = ngettext(
            "The main line ({first_year}–{last_year}) has {breaks} series break: its {count} "
            "actual estimates come from {releases} releases, each dividing by its own China IC "
            "market total (the table of breaks names each). A step across a break mixes a "
            "change in the share with a change of basis.",
            "The main line ({first_year}–{last_year}) has {breaks} series breaks: its {count} "
            "actual estimates come from {releases} releases, each dividing by its own China IC "
            "market total (the table of breaks names each). A step across a break mixes a "
            "change in the share with a change of basis.",
            len(breaks),
        ).format(breaks=len(breaks), count=len(line), releases=len(bases), **span)
    return Finding("series_breaks", text, values, FIGURE)
