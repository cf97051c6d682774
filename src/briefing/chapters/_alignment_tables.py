"""The alignment chapter's tables as readers see them: the declared pairs with their lags, and
the focus jurisdiction's own steps (milestones and Huawei/ZTE restriction events), with the
sentence that introduces them."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, translation
from briefing.prose import each, figure, in_sentence, on
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.lags import date_kind
from briefing.vocabulary.milestones import kinds as milestone_kinds
from briefing.vocabulary.restrictions import level_labels

# How the prose names each kind of date a pair runs on.
DATE_KIND_PHRASES = {
    "announced": N_("announcement to announcement"),
    "published": N_("publication to publication"),
    "enacted": N_("enactment to enactment"),
    "effective": N_("entry into force to entry into force"),
}


def lag_table(lags: pd.DataFrame) -> pd.DataFrame:
    """The declared pairs as readers see them: the kind and the kind of date both sides record,
    both measures, the lag, why the pair holds and its source (the ids are in the download).

    ``pair_url`` is the hidden link target of the Source column, the pair's own source; the two
    measures' sources are in the milestones download and the Sources appendix.
    """
    kinds = milestone_kinds()
    kind = [
        _("{kind}, {dates}").format(kind=_(kinds[code]), dates=_(DATE_KIND_PHRASES[dates]))
        for code, dates in zip(lags["kind"], lags["date_kind"], strict=True)
    ]
    # Japanese sentences are not spaced apart: the note follows the justification directly.
    space = " " if translation.current() == translation.SOURCE else ""
    return pd.DataFrame(
        {
            N_("Ally"): lags["ally"].map(countries.shown),
            N_("Kind"): pd.Series(kind, index=lags.index, dtype="object"),
            N_("US measure"): each(
                N_("{date}: {title}"), date=_day(lags["us_date"]), title=lags["us_title"]
            ),
            N_("Ally's measure"): each(
                N_("{date}: {title}"), date=_day(lags["ally_date"]), title=lags["ally_title"]
            ),
            N_("Lag (days)"): lags["lag_days"],
            N_("Why they are paired"): lags["justification"]
            .str.cat(lags["negative_lag_note"], sep=space, na_rep="")
            .str.strip(),
            N_("Source"): lags["pair_source_publisher"],
            "pair_url": lags["pair_source_url"],
        }
    )


def focus_steps(milestones: pd.DataFrame, events: pd.DataFrame, focus: str) -> pd.DataFrame:
    """The focus jurisdiction's milestones and Huawei/ZTE restriction events, oldest first.

    ``url`` is the hidden link target of the Source column, the publisher (only http and
    https addresses become links).
    """
    own = milestones[milestones["jurisdiction"] == focus]
    steps = events[events["jurisdiction"] == focus]
    rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "date": own["date"],
                    "date_kind": own["date_kind"],
                    "kind": own["kind"].map(lambda code: _(milestone_kinds()[code])),
                    "step": own["title"],
                    "id": own["id"],
                    "url": own["source_url"],
                    "publisher": own["source_publisher"],
                }
            ),
            pd.DataFrame(
                {
                    "date": steps["announced"],
                    "date_kind": "announced",
                    "kind": steps["level"].map(_huawei_kind),
                    "step": steps["description"],
                    "id": steps["id"],
                    "url": steps["source_url"],
                    "publisher": steps["source_publisher"],
                }
            ),
        ],
        ignore_index=True,
    ).sort_values(["date", "id"])
    return pd.DataFrame(
        {
            N_("Date"): each(
                N_("{date} ({kind})"),
                date=_day(rows["date"]),
                kind=rows["date_kind"].map(date_kind),
            ),
            N_("Kind"): rows["kind"],
            N_("Step"): rows["step"],
            N_("Source"): rows["publisher"],
            N_("Row id"): rows["id"],
            "url": rows["url"],
        }
    ).reset_index(drop=True)


def _day(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d")


def _huawei_kind(level: str) -> str:
    """A restriction's kind in the focus's steps: "Huawei/ZTE: ban naming the vendor"."""
    return _("Huawei/ZTE: {level}").format(
        level=in_sentence(level_labels(translation.current())[level])
    )


def focus_intro(milestones: pd.DataFrame, events: pd.DataFrame, focus: str, day: dt.date) -> str:
    """One computed sentence introducing the focus jurisdiction's table (or saying it is empty)."""
    name = countries.shown(focus)
    own = int((milestones["jurisdiction"] == focus).sum())
    steps = int((events["jurisdiction"] == focus).sum())
    if own == 0 and steps == 0:
        return _(
            "{name} has no milestones and no Huawei/ZTE restriction events in the tables as of "
            "{day}."
        ).format(name=name, day=on(day))
    events_text = ngettext(
        "{n} Huawei/ZTE restriction event", "{n} Huawei/ZTE restriction events", steps
    ).format(n=figure(steps))
    if not own:
        text = _("Steps taken by {name} as of {day}: no milestones and {events}.")
        return text.format(name=name, day=on(day), events=events_text)
    milestones_text = ngettext("{n} milestone", "{n} milestones", own).format(n=figure(own))
    return _("Steps taken by {name} as of {day}: {milestones} and {events}.").format(
        name=name, day=on(day), milestones=milestones_text, events=events_text
    )
