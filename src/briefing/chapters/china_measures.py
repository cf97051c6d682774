"""China's response: its measures, the foreign measures they answer, and the lags between them.

China's measures are the rows of data/curated/china_measures.csv, coded by their section of
the codebook (data/codebook.json). Which rows of the other tables each answers, and the lag of
each answer pair, are the codebook's counting rules (``briefing.counting.answers``); this
module counts them by kind, year and jurisdiction and says what they show.
"""

from __future__ import annotations

import datetime as dt
import statistics

import pandas as pd

from briefing import countries
from briefing.chapters.findings import Finding, KeyNumber
from briefing.counting.answers import answer_pairs, naming, split, touching
from briefing.counting.status import TEMPORARY, UNVERIFIED, shown_status
from briefing.prose import count_phrase, duration, on, the_jurisdiction
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
    return f"**China's own measures** against foreign firms and governments, as of {on(day)}:"


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
    found.append(_pairs_finding(pairs))
    if (pairs["lag_days"].dropna() < 0).any():
        found.append(_before_finding(pairs))
    if statuses is not None:
        found += _status_findings(statuses)
    return found + [_focus_finding(measures, pairs, focus)]


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
    parts = [
        f"China had {count_phrase(len(suspended), 'measure')} suspended in whole or in part"
        + (f" ({open_ended} with no end date in their sources)" if open_ended else "")
    ]
    if len(ended):
        last = ended["ended"].max()
        parts.append(
            f"the suspension of {len(ended)} more had ended by {last:%-d %B %Y}, with no later "
            "change found: their status since is not verified"
        )
    return [Finding("china_status", "; ".join(parts) + ".", values, TIMELINE)]


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
    first = f"{measures['date'].min():%B %Y}"
    if focus == COUNTERPART:
        return [
            KeyNumber(
                "china_measures",
                f"{len(measures)}",
                f"measures China took against foreign firms and governments from {first} on",
                on(day),
                TIMELINE,
                len(measures),
            )
        ]
    touched = touching(measures, answer_pairs(measures, foreign), focus)
    return [
        KeyNumber(
            "china_measures_touching_focus",
            f"{len(touched)} of {len(measures)}",
            f"measures China took from {first} on that name {the_jurisdiction(focus)} or its firms as a "
            f"target, or answer one of its measures",
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
            "No measure taken by China against foreign firms or governments had been recorded.",
            values,
            COUNTS,
        )
    busiest = max(sorted(by_year), key=lambda year: by_year[year])
    values.update(
        busiest_year=busiest,
        busiest_year_measures=by_year[busiest],
        first=measures["date"].min().date().isoformat(),
    )
    busiest_text = f"; the most, {by_year[busiest]}, came in {busiest}" if len(by_year) > 1 else ""
    return Finding(
        "china_measures_count",
        f"China took {count_phrase(len(measures), 'measure')} against foreign firms and "
        f"governments from {measures['date'].min():%B %Y} on{busiest_text}.",
        values,
        COUNTS,
    )


def _kinds_finding(measures: pd.DataFrame) -> Finding:
    """China's measures by kind, in the codebook's order."""
    by_kind = {kind: int(n) for kind, n in measures["kind"].value_counts().items()}
    names = china_labels("kind")
    kinds = "; ".join(
        f"{names[kind].lower()} {by_kind[kind]}" for kind in list(china_kinds()) if kind in by_kind
    )
    return Finding("china_measures_by_kind", f"By kind: {kinds}.", {"by_kind": by_kind}, COUNTS)


def _pairs_finding(pairs: pd.DataFrame) -> Finding:
    """How many measures answered foreign ones, and how long the answers took where both dates
    are announcements (the only pairs with a lag)."""
    answering = int(pairs["china_id"].nunique()) if len(pairs) else 0
    timed = pairs.dropna(subset=["lag_days"])
    values = {
        "pairs": len(pairs),
        "answering_measures": answering,
        "timed_pairs": len(timed),
        "lags": {
            f"{row.china_id}>{row.answered_id}": int(row.lag_days) for row in timed.itertuples()
        },
        "median_lag_days": None,
        "after_answered": int((timed["lag_days"] >= 0).sum()),
    }
    if pairs.empty:
        return Finding(
            "china_answer_lags",
            "No measure of China's had a source saying it answers a US or allied measure "
            "recorded in this briefing.",
            values,
            TIMELINE,
        )
    more_text = f", {len(pairs)} answers in all" if len(pairs) > answering else ""
    text = f"{answering} of China's measures answered US or allied measures by their sources' account{more_text}; "
    if timed.empty:
        text += "no answer can be timed from announcement to announcement."
        return Finding("china_answer_lags", text, values, TIMELINE)
    middle = statistics.median_low(sorted(int(lag) for lag in timed["lag_days"]))
    values["median_lag_days"] = middle
    came = f"came {_span(middle) if middle < 0 else _after(middle)} the measure it answers."
    text += (
        f"the one timed from announcement to announcement {came}"
        if len(timed) == 1
        else f"of the {len(timed)} timed from announcement to announcement, the median {came}"
    )
    quickest = timed[timed["lag_days"] >= 0].sort_values(["lag_days", "china_date"]).head(1)
    if len(quickest) and len(timed) > 1:
        row = quickest.iloc[0]
        text += (
            f" The quickest came {_after(int(row['lag_days']))} a measure of "
            f"{the_jurisdiction(row['answered_jurisdiction'])} announced {row['lag_from']:%-d %B %Y}."
        )
    return Finding("china_answer_lags", text, values, TIMELINE)


def _before_finding(pairs: pd.DataFrame) -> Finding:
    """The answers announced before the measure they answer was (both dates announcements)."""
    before = pairs[pairs["lag_days"].fillna(0) < 0]
    return Finding(
        "china_answer_before",
        f"In {count_phrase(len(before), 'case')} China announced its measure before the "
        "measure it answers was announced.",
        {"before_answered": len(before), "date_kinds": sorted(set(before["answered_date_kind"]))},
        TIMELINE,
    )


def _focus_finding(measures: pd.DataFrame, pairs: pd.DataFrame, focus: str) -> Finding:
    name = countries.name(focus)
    values = {
        "focus": focus,
        "touching": 0,
        "naming": 0,
        "answering": 0,
        "ids": [],
    }
    if focus == COUNTERPART:
        values.update(touching=len(measures), ids=sorted(measures["id"]))
        return Finding(
            "china_focus",
            f"All {count_phrase(len(measures), 'measure')} recorded are {name}'s own.",
            values,
            TIMELINE,
        )
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
        return Finding(
            "china_focus",
            f"None of the {count_phrase(len(measures), 'measure')} China took named {the_jurisdiction(focus)} "
            "or its firms as a target, and no source says one answered any of its measures.",
            values,
            TIMELINE,
        )
    latest = touched.sort_values(["date", "id"]).iloc[-1]
    return Finding(
        "china_focus",
        f"{_capital(_of(len(touched), len(measures)))} China took concerned {the_jurisdiction(focus)}: {len(named)} "
        f"named it or its firms as a target and {len(answering)} answered one of its measures. "
        f"The latest, on {latest['date']:%-d %B %Y}: {latest['title']}.",
        values,
        TIMELINE,
    )


def _span(days: int) -> str:
    """A lag in plain words: whole days under two months, else whole months; 'before' if < 0."""
    return f"{duration(days)} before" if days < 0 else duration(days)


def _of(part: int, whole: int) -> str:
    """'4 of the 42 measures', 'all 3 measures', 'the one measure'."""
    if whole == 1:
        return "the one measure"
    if part == whole:
        return f"all {whole} measures"
    return f"{part} of the {whole} measures"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _after(days: int) -> str:
    return "the same day as" if days == 0 else f"{duration(days)} after"


def intro(measures: pd.DataFrame, focus: str, day: dt.date) -> str:
    """The opening sentence of the page: what the chapter shows for this edition's focus."""
    name = countries.name(focus)
    return (
        f"China's measures as of {on(day)}: {count_phrase(len(measures), 'measure')}, each with its "
        f"source. The timeline sets them beside the US and allied measures of the other tables, "
        f"with {name}'s lane shaded, and a line joins each measure to the ones a source says it "
        "answers."
    )


def measures_table(
    measures: pd.DataFrame, foreign: pd.DataFrame, statuses: pd.DataFrame
) -> pd.DataFrame:
    """China's measures as readers see them, newest first: labels, not codes.

    The Status column is each measure's status on the edition's date (``statuses``, from
    ``counting.status``), with its dates, never a suspension past its end. ``url`` is the
    hidden link target of the Source column.
    """
    titles = dict(zip(foreign["id"], foreign["title"]))
    juris = dict(zip(foreign["id"], foreign["jurisdiction"]))
    kinds = china_labels("kind")
    now = shown_status(statuses, "china_measures")
    rows = measures.sort_values(["date", "id"], ascending=False)

    def answered(cell: object) -> str:
        named = [f"{countries.name(juris[i])}: {titles[i]}" for i in split(cell) if i in titles]
        return "; ".join(named)

    def in_force(value: object) -> str:
        return "" if pd.isna(value) else f"{value:%Y-%m-%d}"

    return pd.DataFrame(
        {
            "Date": rows["date"].dt.strftime("%Y-%m-%d"),
            "Kind": rows["kind"].map(kinds),
            "Measure": rows["title"],
            "Targets": rows["targets"].fillna(""),
            "In force": rows["in_force"].map(in_force),
            "Status": rows["id"].map(now),
            "Answers": rows["answers"].map(answered),
            "Source": rows["source_publisher"],
            "Confidence": rows["confidence"],
            "url": rows["source_url"],
        }
    ).reset_index(drop=True)


def pairs_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The answer pairs as readers see them, oldest first, with the lag (where both dates are
    announcements) and the link's source."""
    return pd.DataFrame(
        {
            "China's measure": pairs["china_title"],
            "Date": pairs["china_date"].dt.strftime("%Y-%m-%d")
            + " ("
            + pairs["china_date_kind"]
            + ")",
            "Answers": pairs["answered_jurisdiction"].map(countries.name)
            + ": "
            + pairs["answered_title"],
            "Its date": pairs["answered_date"].dt.strftime("%Y-%m-%d")
            + " ("
            + pairs["answered_date_kind"]
            + ")"
            + _announced(pairs),
            # A lag only from announcement to announcement: other pairs have none to show.
            "Lag (days)": pairs["lag_days"].astype("string").fillna("–"),
            "Source of the link": pairs["answers_source_publisher"].fillna(""),
            "url": pairs["answers_source_url"].fillna(""),
        }
    )


def _announced(pairs: pd.DataFrame) -> pd.Series:
    """Where the answered row is dated otherwise, the announcement the lag runs from, and whose."""
    day = pairs["answered_announced"].dt.strftime("%Y-%m-%d")
    words = "; announced " + day + " (" + pairs["answered_announced_source"].astype("string") + ")"
    return words.fillna("")


def download(measures: pd.DataFrame) -> pd.DataFrame:
    """The edition's rows of the table, every column, with dates as text."""
    out = measures.copy()
    for column in out.select_dtypes("datetime").columns:
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    out["binding"] = out["binding"].map({True: "yes", False: "no"})
    return out


def concerning(measures: pd.DataFrame, pairs: pd.DataFrame, focus: str) -> list[str]:
    """The ids of China's measures that concern the focus (none when the focus is China)."""
    return [] if focus == COUNTERPART else sorted(touching(measures, pairs, focus)["id"])
