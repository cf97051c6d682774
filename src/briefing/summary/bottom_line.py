"""The bottom line: three to five plain sentences for the edition's focus jurisdiction.

Every number in them is taken from what the chapters computed (their findings' values), the
watch list and the events since the previous edition; each says what it counts and how far
its data reaches.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, prose
from briefing.summary.events import NewMeasures, StatusChange
from briefing.summary.reading import Reading, finding

# China, whose measures the last chapter counts: as the focus, its own measures are the point.
CHINA = "CN"


def sentences(
    reading: Reading,
    watch: pd.DataFrame,
    new: list[NewMeasures] | None,
    changed: list[StatusChange] | None,
    previous: dt.date | None,
) -> list[str]:
    """The bottom line, sentence by sentence (a first edition has no sentence on changes)."""
    found = [
        _huawei(reading),
        _china(reading),
        _chips(reading),
        _deadlines(reading, watch),
        _changes(reading, new, changed, previous),
    ]
    return [sentence for sentence in found if sentence]


def _recorded(reading: Reading, table: str, what: str) -> str:
    latest = reading.latest.get(table)
    return f"{what} recorded to {prose.on(latest)}" if latest is not None else f"no {what} recorded"


def _huawei(reading: Reading) -> str:
    name = prose.the_jurisdiction(reading.focus)
    bans = finding(reading, "adoption", "named_bans")
    rank = finding(reading, "adoption", "focus_rank")
    lag = finding(reading, "alignment", "focus_huawei_lag")
    if rank is not None and rank.values.get("date"):
        first = f"{pd.Timestamp(rank.values['date']):%-d %B %Y}"
        days = lag.values.get("huawei_lag_days") if lag is not None else None
        after = f", {prose.lag_phrase(days)} the first US one" if days else ""
        own = f"{_capital(name)} took its first binding measure on Huawei or ZTE on {first}{after}"
    else:
        own = f"{_capital(name)} had no binding measure on Huawei or ZTE"
    if bans is None or not bans.values.get("took_measure"):
        return f"{own} ({_recorded(reading, 'restrictions', 'measures')})."
    return (
        f"{own}; {bans.values['jurisdictions']} of the {bans.values['took_measure']} "
        f"jurisdictions that took a measure had a nationwide ban naming the vendors "
        f"({_recorded(reading, 'restrictions', 'measures')})."
    )


def _china(reading: Reading) -> str:
    count = finding(reading, "china_measures", "china_measures_count")
    if count is None or not count.values.get("measures"):
        return ""
    total = count.values["measures"]
    recorded = _recorded(reading, "china_measures", "China's measures")
    if reading.focus == CHINA:
        return f"China took {total} measures against foreign firms and governments ({recorded})."
    focus = finding(reading, "china_measures", "china_focus")
    name = prose.the_jurisdiction(reading.focus)
    touching = focus.values.get("touching", 0) if focus is not None else 0
    if not touching:
        return f"None of China's {total} measures named {name} or answered one of its measures ({recorded})."
    return (
        f"China aimed {touching} of its {total} measures at {name} or its firms, or in answer "
        f"to its measures ({recorded})."
    )


def _chips(reading: Reading) -> str:
    actual = finding(reading, "self_sufficiency", "latest_actual")
    if actual is None or actual.values.get("value_pct") is None:
        return ""
    values = actual.values
    goal = (
        f", against the Made in China 2025 goal of {values['target_pct']:g}% for "
        f"{values['target_year']}"
        if values.get("target_pct") is not None
        else ""
    )
    # The goal's year may be over at the edition's date (the finding carries that date).
    if goal and int(values["as_of"][:4]) > values["target_year"] > values["year"]:
        goal += ", a year now past with no estimate for it"
    return (
        f"Fabs in mainland China met {values['value_pct']:g}% of China's chip market by value in "
        f"{values['year']}, the latest year estimated{goal}."
    )


def _deadlines(reading: Reading, watch: pd.DataFrame) -> str:
    ahead = watch[~watch["passed"].astype(bool)]
    if ahead.empty:
        return "No deadline on the watch list falls in the twelve months ahead."
    mine = ahead[ahead["jurisdiction"] == reading.focus]
    nxt = (mine if len(mine) else ahead).iloc[0]
    whose = (
        f", {len(mine)} of them for {prose.the_jurisdiction(reading.focus)}" if len(mine) else ""
    )
    label = "the next of them" if len(mine) else "the next"
    verb = "falls" if len(ahead) == 1 else "fall"
    return (
        f"{prose.count_phrase(len(ahead), 'deadline')} {verb} in the twelve months from "
        f"{prose.on(reading.day)}{whose}; {label} is for "
        f"{prose.the_jurisdiction(nxt['jurisdiction'])}, on {nxt['date']:%-d %B %Y}."
    )


def _changes(
    reading: Reading,
    new: list[NewMeasures] | None,
    changed: list[StatusChange] | None,
    previous: dt.date | None,
) -> str:
    if previous is None or new is None or changed is None:
        return ""
    count = sum(len(group.measures) for group in new)
    name = countries.name(reading.focus)
    mine = sum(len(g.measures) for g in new if g.jurisdiction == name)
    where = f" in {prose.count_phrase(len(new), 'jurisdiction')}" if new else ""
    own = f" ({mine} for {prose.the(name)})" if mine else ""
    recorded = (
        f"{prose.count_phrase(count, 'new measure')} {'was' if count == 1 else 'were'} recorded"
        f"{where}{own}"
        if count
        else "no new measure was recorded"
    )
    statuses = (
        f"{prose.count_phrase(len(changed), 'measure')} changed status"
        if changed
        else "no measure changed status"
    )
    return f"Since the previous edition ({prose.on(previous)}), {recorded} and {statuses}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
