"""What the China chapter says of its answer pairs: how many of China's measures answered US or
allied ones, how long the answers took where both dates are announcements, and the answers
announced first. Kept beside the chapter, which lists them among its findings."""

from __future__ import annotations

import statistics

import pandas as pd

from briefing.chapters.findings import Finding
from briefing.prose import duration, figure, on, sentences, the_jurisdiction
from briefing.translation import N_, _, ngettext

TIMELINE = "fig-china-timeline"

# How long the answers took, by how many were timed (one, more) and whether the answer came
# after the measure it answers, before it or on the same day.
_TIMED = {
    ("one", "after"): N_(
        "the one timed from announcement to announcement came {span} after the measure it answers."
    ),
    ("one", "before"): N_(
        "the one timed from announcement to announcement came {span} before the measure it answers."
    ),
    ("one", "same"): N_(
        "the one timed from announcement to announcement came the same day as the measure it "
        "answers."
    ),
    ("more", "after"): N_(
        "of the {timed} timed from announcement to announcement, the median came {span} after "
        "the measure it answers."
    ),
    ("more", "before"): N_(
        "of the {timed} timed from announcement to announcement, the median came {span} before "
        "the measure it answers."
    ),
    ("more", "same"): N_(
        "of the {timed} timed from announcement to announcement, the median came the same day "
        "as the measure it answers."
    ),
}


def measures_phrase(n: int) -> str:
    """'1 measure', '42 measures', '42件の措置'."""
    return ngettext("{n} measure", "{n} measures", n).format(n=figure(n))


def pairs_finding(pairs: pd.DataFrame) -> Finding:
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
        text = _(
            "No measure of China's had a source saying it answers a US or allied measure "
            "recorded in this briefing."
        )
        return Finding("china_answer_lags", text, values, TIMELINE)
    answered = (
        _(
            "{answering} of China's measures answered US or allied measures by their sources' "
            "account, {pairs} answers in all;"
        )
        if len(pairs) > answering
        else _(
            "{answering} of China's measures answered US or allied measures by their sources' account;"
        )
    ).format(answering=figure(answering), pairs=figure(len(pairs)))
    if timed.empty:
        text = _("no answer can be timed from announcement to announcement.")
        return Finding("china_answer_lags", sentences(answered, text), values, TIMELINE)
    middle = statistics.median_low(sorted(int(lag) for lag in timed["lag_days"]))
    values["median_lag_days"] = middle
    when = "same" if middle == 0 else "before" if middle < 0 else "after"
    took = _(_TIMED[("one" if len(timed) == 1 else "more", when)]).format(
        span=duration(middle), timed=figure(len(timed))
    )
    return Finding(
        "china_answer_lags", sentences(answered, took, _quickest(timed)), values, TIMELINE
    )


def _quickest(timed: pd.DataFrame) -> str:
    """The quickest answer, where more than one is timed ('' otherwise)."""
    quickest = timed[timed["lag_days"] >= 0].sort_values(["lag_days", "china_date"]).head(1)
    if not len(quickest) or len(timed) < 2:
        return ""
    row = quickest.iloc[0]
    text = (
        _("The quickest came the same day as a measure of {jurisdiction} announced {day}.")
        if int(row["lag_days"]) == 0
        else _("The quickest came {span} after a measure of {jurisdiction} announced {day}.")
    )
    return text.format(
        span=duration(int(row["lag_days"])),
        jurisdiction=the_jurisdiction(row["answered_jurisdiction"]),
        day=on(row["lag_from"]),
    )


def before_finding(pairs: pd.DataFrame) -> Finding:
    """The answers announced before the measure they answer was (both dates announcements)."""
    before = pairs[pairs["lag_days"].fillna(0) < 0]
    cases = ngettext("{n} case", "{n} cases", len(before)).format(n=figure(len(before)))
    return Finding(
        "china_answer_before",
        _(
            "In {cases} China announced its measure before the measure it answers was announced."
        ).format(cases=cases),
        {"before_answered": len(before), "date_kinds": sorted(set(before["answered_date_kind"]))},
        TIMELINE,
    )
