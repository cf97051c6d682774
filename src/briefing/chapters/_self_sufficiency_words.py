"""The self-sufficiency chapter's sentences that read a share against a goal, each whole for
each way the share can stand to it (short of the goal, above it, level with it), so that a
translator is given a sentence, never a fragment to glue (``_self_sufficiency_series.by_gap``
picks one; ``briefing.chapters.self_sufficiency`` and its figure module use them; nothing else
imports this module)."""

from __future__ import annotations

from briefing.translation import N_

# The latest actual against the goal nearest its year (the first finding).
LATEST_AGAINST_GOAL = (
    N_(
        "China-based production met {share} of China's IC market in {year}, the latest year "
        "estimated ({producer}, published {day}): {gap} percentage points short of the {goal} "
        "goal for {goal_year}."
    ),
    N_(
        "China-based production met {share} of China's IC market in {year}, the latest year "
        "estimated ({producer}, published {day}): {gap} percentage points above the {goal} "
        "goal for {goal_year}."
    ),
    N_(
        "China-based production met {share} of China's IC market in {year}, the latest year "
        "estimated ({producer}, published {day}): level with the {goal} goal for {goal_year}."
    ),
)

# The forecast for the goal's year against the goal ({verdict}: how many forecasts reach it).
FORECAST_SAME_YEAR = (
    N_(
        "{verdict}: the one for {goal_year}, published {day}, was {share}, {gap} percentage "
        "points short of the {goal_year} goal."
    ),
    N_(
        "{verdict}: the one for {goal_year}, published {day}, was {share}, {gap} percentage "
        "points above the {goal_year} goal."
    ),
    N_(
        "{verdict}: the one for {goal_year}, published {day}, was {share}, level with the "
        "{goal_year} goal."
    ),
)

# The forecast nearest the goal's year, where none covers that year yet.
FORECAST_NEAREST = (
    N_(
        "{verdict}: none yet covered {goal_year}; the nearest, for {year}, published {day}, was "
        "{share}, {gap} percentage points short of the {goal_year} goal."
    ),
    N_(
        "{verdict}: none yet covered {goal_year}; the nearest, for {year}, published {day}, was "
        "{share}, {gap} percentage points above the {goal_year} goal."
    ),
    N_(
        "{verdict}: none yet covered {goal_year}; the nearest, for {year}, published {day}, was "
        "{share}, level with the {goal_year} goal."
    ),
)

# The main chart's title: the latest actual against its goal, in points.
HEADLINE = (
    N_("China-based IC output in {year}: {gap} points short of the {goal} goal for {goal_year}"),
    N_("China-based IC output in {year}: {gap} points above the {goal} goal for {goal_year}"),
    N_("China-based IC output in {year}: level with the {goal} goal for {goal_year}"),
)
