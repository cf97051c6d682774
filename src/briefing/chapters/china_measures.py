"""China's response: its measures, the foreign measures they answer, and the lags between them.

China's measures are the rows of data/curated/china_measures.csv, coded by their section of
the codebook (data/codebook.json). Which rows of the other tables each answers, and the lag of
each answer pair, are the codebook's counting rules (``briefing.counting.answers``); this
module counts them by kind, year and jurisdiction and says what they show.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, translation
from briefing.chapters._china_measures_answers import (
    before_finding,
    measures_phrase,
    pairs_finding,
)

# The chapter's tables, kept beside it and offered here as part of the chapter.
from briefing.chapters._china_measures_tables import (  # noqa: F401
    download,
    measures_table,
    pairs_table,
)
from briefing.chapters.findings import Finding, KeyNumber
from briefing.counting.answers import answer_pairs, naming, touching
from briefing.counting.status import TEMPORARY, UNVERIFIED
from briefing.prose import figure, in_sentence, of, on, sentences, series, the_jurisdiction
from briefing.translation import N_, _
from briefing.vocabulary.china_measures import kinds as china_kinds
from briefing.vocabulary.china_measures import labels as china_labels
from briefing.vocabulary.lags import COUNTERPART

# The charts behind the findings and the key number.
TIMELINE = "fig-china-timeline"
COUNTS = "fig-china-counts"
COUNT_COLUMNS = ["kind", "year", "measures"]


def counts_by_kind_and_year(measures: pd.DataFrame) -> pd.DataFrame:
    """Measures by kind and year of their date: one row per kind and year with any, in codebook order."""
    if measures.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    counted = (
        measures.assign(year=measures["date"].dt.year.astype(int))
        .groupby(["kind", "year"])
        .size()
        .rename("measures")
        .reset_index()
    )
    order = {kind: place for place, kind in enumerate(list(china_kinds()))}
    counted = counted.sort_values(
        ["year", "kind"], key=lambda c: c.map(order) if c.name == "kind" else c
    )
    return counted[COUNT_COLUMNS].reset_index(drop=True)


def lead(day: dt.date) -> str:
    """The line above the chapter's findings: the date all of them hold for."""
    return _("**China's own measures** against foreign firms and governments, as of {day}:").format(
        day=on(day)
    )


def findings(
    measures: pd.DataFrame,
    foreign: pd.DataFrame,
    focus: str,
    day: dt.date,
    statuses: pd.DataFrame | None = None,
) -> list[Finding]:
    """The chapter's findings, computed from tables already cut at ``day`` (the date is said
    once, in ``lead``); with the measures' ``statuses`` on ``day`` (``counting.status``), what
    stood suspended and what suspensions had ended."""
    pairs = answer_pairs(measures, foreign)
    found = [_count_finding(measures)]
    if len(measures):
        found.append(_kinds_finding(measures))
    found.append(pairs_finding(pairs))
    if (pairs["lag_days"].dropna() < 0).any():
        found.append(before_finding(pairs))
    if statuses is not None:
        found += _status_findings(statuses)
    return found + [_focus_finding(measures, pairs, focus)]


# What the status finding says: (some suspended with no end date, some suspensions ended).
_STATUS_TEXTS = {
    (False, False): N_("China had {measures} suspended in whole or in part."),
    (True, False): N_(
        "China had {measures} suspended in whole or in part ({open_ended} with no end date in "
        "their sources)."
    ),
    (False, True): N_(
        "China had {measures} suspended in whole or in part; the suspension of {ended} more had "
        "ended by {day}, with no later change found: their status since is not verified."
    ),
    (True, True): N_(
        "China had {measures} suspended in whole or in part ({open_ended} with no end date in "
        "their sources); the suspension of {ended} more had ended by {day}, with no later "
        "change found: their status since is not verified."
    ),
}


def _status_findings(statuses: pd.DataFrame) -> list[Finding]:
    """China's measures suspended on the day, and those whose suspension ended before it with
    no later change found: never counted as suspended."""
    own = statuses[statuses["measure_table"] == "china_measures"]
    suspended = own[own["status"].isin(list(TEMPORARY))]
    ended = own[own["status"] == UNVERIFIED]
    values = {
        "suspended": sorted(suspended["measure_id"]),
        "ended": sorted(ended["measure_id"]),
    }
    if suspended.empty and ended.empty:
        return []
    open_ended = int(suspended["until"].isna().sum())
    text = _(_STATUS_TEXTS[(bool(open_ended), bool(len(ended)))]).format(
        measures=measures_phrase(len(suspended)),
        open_ended=figure(open_ended),
        ended=figure(len(ended)),
        day=on(ended["ended"].max()) if len(ended) else "",
    )
    return [Finding("china_status", text, values, TIMELINE)]


def key_numbers(
    measures: pd.DataFrame, foreign: pd.DataFrame, focus: str, day: dt.date
) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: China's measures that touch the focus.

    Of China's measures dated up to ``day``, those that name the focus jurisdiction (or its
    firms) among their targets or that a source says answer one of its measures, against all
    of them. With China itself as the focus, the count of its measures. None before the first.
    """
    if measures.empty:
        return []
    first = translation.month(measures["date"].min())
    if focus == COUNTERPART:
        return [
            KeyNumber(
                "china_measures",
                figure(len(measures)),
                _(
                    "measures China took against foreign firms and governments from {first} on"
                ).format(first=first),
                on(day),
                TIMELINE,
                len(measures),
            )
        ]
    touched = touching(measures, answer_pairs(measures, foreign), focus)
    return [
        KeyNumber(
            "china_measures_touching_focus",
            of(len(touched), len(measures)),
            _(
                "measures China took from {first} on that name {jurisdiction} or its firms as a "
                "target, or answer one of its measures"
            ).format(first=first, jurisdiction=the_jurisdiction(focus)),
            on(day),
            TIMELINE,
            len(touched),
        )
    ]


def _count_finding(measures: pd.DataFrame) -> Finding:
    by_year = {int(year): int(n) for year, n in measures["date"].dt.year.value_counts().items()}
    values = {
        "measures": len(measures),
        "by_year": by_year,
        "busiest_year": None,
        "busiest_year_measures": 0,
        "first": None,
    }
    if measures.empty:
        return Finding(
            "china_measures_count",
            _("No measure taken by China against foreign firms or governments had been recorded."),
            values,
            COUNTS,
        )
    busiest = max(sorted(by_year), key=lambda year: by_year[year])
    values.update(
        busiest_year=busiest,
        busiest_year_measures=by_year[busiest],
        first=measures["date"].min().date().isoformat(),
    )
    text = (
        _(
            "China took {measures} against foreign firms and governments from {month} on; the "
            "most, {busiest}, came in {year}."
        )
        if len(by_year) > 1
        else _("China took {measures} against foreign firms and governments from {month} on.")
    )
    said = text.format(
        measures=measures_phrase(len(measures)),
        month=translation.month(measures["date"].min()),
        busiest=figure(by_year[busiest]),
        year=busiest,  # a year is written without grouping: 2024
    )
    return Finding("china_measures_count", said, values, COUNTS)


def _kinds_finding(measures: pd.DataFrame) -> Finding:
    """China's measures by kind, in the codebook's order."""
    by_kind = {kind: int(n) for kind, n in measures["kind"].value_counts().items()}
    names = china_labels("kind", translation.current())
    kinds = series(
        [
            _("{label} {count}").format(label=in_sentence(names[kind]), count=figure(by_kind[kind]))
            for kind in list(china_kinds())
            if kind in by_kind
        ]
    )
    text = _("By kind: {kinds}.").format(kinds=kinds)
    return Finding("china_measures_by_kind", text, {"by_kind": by_kind}, COUNTS)


# What the focus finding says of the measures that concern the focus: (only one measure in all,
# all of them concern it).
_CONCERNED = {
    (True, True): N_(
        "The one measure China took concerned {jurisdiction}: {named} named it or its firms as a "
        "target and {answering} answered one of its measures."
    ),
    (False, True): N_(
        "All {whole} measures China took concerned {jurisdiction}: {named} named it or its firms "
        "as a target and {answering} answered one of its measures."
    ),
    (False, False): N_(
        "{part} of the {whole} measures China took concerned {jurisdiction}: {named} named it or "
        "its firms as a target and {answering} answered one of its measures."
    ),
}


def _focus_finding(measures: pd.DataFrame, pairs: pd.DataFrame, focus: str) -> Finding:
    values = {
        "focus": focus,
        "touching": 0,
        "naming": 0,
        "answering": 0,
        "ids": [],
    }
    if focus == COUNTERPART:
        values.update(touching=len(measures), ids=sorted(measures["id"]))
        text = _("All {measures} recorded are {name}'s own.").format(
            measures=measures_phrase(len(measures)), name=countries.shown(focus)
        )
        return Finding("china_focus", text, values, TIMELINE)
    named = naming(measures, focus)
    answering = set(pairs.loc[pairs["answered_jurisdiction"] == focus, "china_id"])
    touched = touching(measures, pairs, focus)
    values.update(
        touching=len(touched),
        naming=len(named),
        answering=len(answering),
        ids=sorted(touched["id"]),
    )
    if touched.empty:
        text = _(
            "None of the {measures} China took named {jurisdiction} or its firms as a target, "
            "and no source says one answered any of its measures."
        ).format(measures=measures_phrase(len(measures)), jurisdiction=the_jurisdiction(focus))
        return Finding("china_focus", text, values, TIMELINE)
    latest = touched.sort_values(["date", "id"]).iloc[-1]
    whole = len(measures)
    concerned = _(_CONCERNED[(whole == 1, len(touched) == whole or whole == 1)]).format(
        part=figure(len(touched)),
        whole=figure(whole),
        jurisdiction=the_jurisdiction(focus),
        named=figure(len(named)),
        answering=figure(len(answering)),
    )
    last = _("The latest, on {day}: {title}.").format(day=on(latest["date"]), title=latest["title"])
    return Finding("china_focus", sentences(concerned, last), values, TIMELINE)


def intro(measures: pd.DataFrame, focus: str, day: dt.date) -> str:
    """The opening sentence of the page: what the chapter shows for this edition's focus."""
    return _(
        "China's measures as of {day}: {measures}, each with its source. The timeline sets them "
        "beside the US and allied measures of the other tables, with {name}'s lane shaded, and a "
        "line joins each measure to the ones a source says it answers."
    ).format(day=on(day), measures=measures_phrase(len(measures)), name=countries.shown(focus))


def concerning(measures: pd.DataFrame, pairs: pd.DataFrame, focus: str) -> list[str]:
    """The ids of China's measures that concern the focus (none when the focus is China)."""
    return [] if focus == COUNTERPART else sorted(touching(measures, pairs, focus)["id"])


# The chapter's downloads, each with the words of its link.
DOWNLOADS = {
    "china_measures": N_("China's measures with their sources"),
    "china_measures_answers": N_("Answer pairs with their lags"),
}


def download_labels() -> dict[str, str]:
    """Each download's name and the words of its link, in the edition's language."""
    return {name: _(label) for name, label in DOWNLOADS.items()}
