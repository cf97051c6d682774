"""The bottom line: three to five plain sentences for the edition's focus jurisdiction.

Every number in them is taken from what the chapters computed (their findings' values), the
watch list and the events since the previous edition; each says what it counts and how far
its data reaches. Each sentence is one message of the catalog, its numbers, dates and names
put in by name, so that a translation orders them as its language does; the numbers are the
same in every edition.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, prose, translation
from briefing.summary.events import NewMeasures, StatusChange
from briefing.summary.reading import Reading, finding
from briefing.translation import _, ngettext

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


def _n(value: int) -> str:
    """A count as the sentences write it: grouped in Japanese ("1,106"); in English as the
    bottom line always wrote it ("1106")."""
    if translation.current() == translation.SOURCE:
        return str(value)
    return translation.number(value)


def _named(code: str) -> str:
    """A jurisdiction as running prose names it, in the edition's language ("the Netherlands",
    「オランダ」: Japanese takes no article)."""
    return prose.the(countries.shown(code))


def _recorded(reading: Reading, table: str) -> str:
    """How far a table's rows reach, said inside a sentence's closing parentheses."""
    latest = reading.latest.get(table)
    if table == "china_measures":
        if latest is None:
            return _("no China's measures recorded")
        return _("China's measures recorded to {day}").format(day=prose.on(latest.date()))
    if latest is None:
        return _("no measures recorded")
    return _("measures recorded to {day}").format(day=prose.on(latest.date()))


def _huawei(reading: Reading) -> str:
    name = _capital(_named(reading.focus))
    bans = finding(reading, "adoption", "named_bans")
    rank = finding(reading, "adoption", "focus_rank")
    lag = finding(reading, "alignment", "focus_huawei_lag")
    if rank is not None and rank.values.get("date"):
        first = prose.on(pd.Timestamp(rank.values["date"]).date())
        days = lag.values.get("huawei_lag_days") if lag is not None else None
        if not days:
            own = _("{jurisdiction} took its first binding measure on Huawei or ZTE on {day}")
        elif days > 0:
            own = _(
                "{jurisdiction} took its first binding measure on Huawei or ZTE on {day}, "
                "{days} days after the first US one"
            )
        else:
            own = _(
                "{jurisdiction} took its first binding measure on Huawei or ZTE on {day}, "
                "{days} days before the first US one"
            )
        own = own.format(jurisdiction=name, day=first, days=_n(abs(days or 0)))
    else:
        own = _("{jurisdiction} had no binding measure on Huawei or ZTE").format(jurisdiction=name)
    recorded = _recorded(reading, "restrictions")
    if bans is None or not bans.values.get("took_measure"):
        return _("{clause} ({recorded}).").format(clause=own, recorded=recorded)
    return _(
        "{clause}; {banned} of the {took} jurisdictions that took a measure had a nationwide "
        "ban naming the vendors ({recorded})."
    ).format(
        clause=own,
        banned=_n(bans.values["jurisdictions"]),
        took=_n(bans.values["took_measure"]),
        recorded=recorded,
    )


def _china(reading: Reading) -> str:
    found = finding(reading, "china_measures", "china_measures_count")
    if found is None or not found.values.get("measures"):
        return ""
    words = {
        "total": _n(found.values["measures"]),
        "recorded": _recorded(reading, "china_measures"),
        "jurisdiction": _named(reading.focus),
    }
    if reading.focus == CHINA:
        return _(
            "China took {total} measures against foreign firms and governments ({recorded})."
        ).format(**words)
    focus = finding(reading, "china_measures", "china_focus")
    touching = focus.values.get("touching", 0) if focus is not None else 0
    if not touching:
        return _(
            "None of China's {total} measures named {jurisdiction} or answered one of its "
            "measures ({recorded})."
        ).format(**words)
    return _(
        "China aimed {touching} of its {total} measures at {jurisdiction} or its firms, or in "
        "answer to its measures ({recorded})."
    ).format(touching=_n(touching), **words)


def _chips(reading: Reading) -> str:
    actual = finding(reading, "self_sufficiency", "latest_actual")
    if actual is None or actual.values.get("value_pct") is None:
        return ""
    values = actual.values
    # Shares as the finding gives them, to their own precision ("23.5%" in either language).
    words = {"share": f"{values['value_pct']:g}%", "year": values["year"]}
    if values.get("target_pct") is None:
        return _(
            "Fabs in mainland China met {share} of China's chip market by value in {year}, the "
            "latest year estimated."
        ).format(**words)
    words |= {"goal": f"{values['target_pct']:g}%", "goal_year": values["target_year"]}
    # The goal's year may be over at the edition's date (the finding carries that date).
    if int(values["as_of"][:4]) > values["target_year"] > values["year"]:
        return _(
            "Fabs in mainland China met {share} of China's chip market by value in {year}, the "
            "latest year estimated, against the Made in China 2025 goal of {goal} for "
            "{goal_year}, a year now past with no estimate for it."
        ).format(**words)
    return _(
        "Fabs in mainland China met {share} of China's chip market by value in {year}, the "
        "latest year estimated, against the Made in China 2025 goal of {goal} for {goal_year}."
    ).format(**words)


def _deadlines(reading: Reading, watch: pd.DataFrame) -> str:
    ahead = watch[~watch["passed"].astype(bool)]
    if ahead.empty:
        return _("No deadline on the watch list falls in the twelve months ahead.")
    mine = ahead[ahead["jurisdiction"] == reading.focus]
    nxt = (mine if len(mine) else ahead).iloc[0]
    words = {
        "count": _n(len(ahead)),
        "day": prose.on(reading.day),
        "mine": _n(len(mine)),
        "jurisdiction": _named(reading.focus),
        "next": _named(nxt["jurisdiction"]),
        "next_day": prose.on(pd.Timestamp(nxt["date"]).date()),
    }
    if len(mine):
        message = ngettext(
            "{count} deadline falls in the twelve months from {day}, {mine} of them for "
            "{jurisdiction}; the next of them is for {next}, on {next_day}.",
            "{count} deadlines fall in the twelve months from {day}, {mine} of them for "
            "{jurisdiction}; the next of them is for {next}, on {next_day}.",
            len(ahead),
        )
    else:
        message = ngettext(
            "{count} deadline falls in the twelve months from {day}; the next is for {next}, "
            "on {next_day}.",
            "{count} deadlines fall in the twelve months from {day}; the next is for {next}, "
            "on {next_day}.",
            len(ahead),
        )
    return message.format(**words)


def _changes(
    reading: Reading,
    new: list[NewMeasures] | None,
    changed: list[StatusChange] | None,
    previous: dt.date | None,
) -> str:
    if previous is None or new is None or changed is None:
        return ""
    count = sum(len(group.measures) for group in new)
    mine = sum(len(g.measures) for g in new if g.code == reading.focus)
    words = {"count": _n(count), "places": _n(len(new))}
    if not count:
        recorded = _("no new measure was recorded")
    elif count == 1:
        recorded = _("{count} new measure was recorded in {places} jurisdiction")
    elif len(new) == 1:
        recorded = _("{count} new measures were recorded in {places} jurisdiction")
    else:
        recorded = _("{count} new measures were recorded in {places} jurisdictions")
    recorded = recorded.format(**words)
    if mine:
        recorded = _("{clause} ({mine} for {jurisdiction})").format(
            clause=recorded, mine=_n(mine), jurisdiction=_named(reading.focus)
        )
    if changed:
        statuses = ngettext(
            "{count} measure changed status", "{count} measures changed status", len(changed)
        ).format(count=_n(len(changed)))
    else:
        statuses = _("no measure changed status")
    return _("Since the previous edition ({day}), {recorded} and {statuses}.").format(
        day=prose.on(previous), recorded=recorded, statuses=statuses
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
