"""Allies in step with the US: the figures chapter 4 reports.

Two comparisons, both against the United States as the baseline:

- declared pairs (data/curated/lag_pairs.csv): an ally's milestone and the US milestone of
  the same kind it follows, both dated by the same kind of date (the codebook's pairing rule,
  checked by ``_alignment_pairs``); the lag is the days between the two. No pair is inferred;
- Huawei/ZTE restrictions (data/curated/restrictions.csv): the days between the first US
  binding measure and each other jurisdiction's first binding measure, where binding means
  one of the codebook's binding strength levels (data/codebook.json); each lag carries the
  level of the measure it ends on, and the bans naming the vendor are counted apart.

China is not an ally: its rows are countermeasures and are drawn apart from the others.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, translation
from briefing.chapters import _alignment_pairs

# The chapter's tables, kept beside it and offered here as part of the chapter.
from briefing.chapters._alignment_tables import (  # noqa: F401
    DATE_KIND_PHRASES,
    focus_intro,
    focus_steps,
    lag_table,
)
from briefing.chapters.findings import Finding, KeyNumber
from briefing.counting.restrictions import first_at
from briefing.prose import (
    figure,
    in_sentence,
    indefinite,
    lag_phrase,
    of,
    on,
    series,
    whole_days,
)
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.lags import BASELINE, COUNTERPART, YEAR_DAYS
from briefing.vocabulary.milestones import kinds as milestone_kinds
from briefing.vocabulary.restrictions import NAMED_BAN, binding_levels, level_labels

# The charts behind the findings.
TIMELINE = "fig-alignment-timeline"
LAGS = "fig-alignment-lags"
HUAWEI_LAGS = "fig-alignment-huawei-lags"

# Rows of the milestones table that are not restrictions in their own right. The table has
# no column saying whether a row tightens or relaxes (a `direction` column would be better),
# so they are listed here by id, each with the reason its notes give.
NOT_RESTRICTIONS = {
    "US-2018-zte-denial-order-lifted": "lifts the April 2018 denial order against ZTE (a relaxation)",
    "US-2025-ai-diffusion-rule-rescinded": "withdraws the January 2025 AI Diffusion Rule (a relaxation)",
    "US-2025-h20-licences-granted": "grants the licences required since April 2025 (a relaxation)",
    "US-2025-affiliates-rule-suspended": "suspends the Affiliates Rule for a year (a relaxation)",
    "US-2026-h200-licence-review-case-by-case": "eases licence review for H200-class chips (a relaxation)",
}

# The lags table's columns, from the declared pairs joined to their two milestones.
PAIR_NAMES = {
    "follower_jurisdiction": "ally",
    "kind": "kind",
    "date_kind": "date_kind",
    "leader_id": "us_id",
    "leader_date": "us_date",
    "leader_title": "us_title",
    "follower_id": "ally_id",
    "follower_date": "ally_date",
    "follower_title": "ally_title",
    "lag_days": "lag_days",
    "justification": "justification",
    "negative_lag_note": "negative_lag_note",
    "leader_source_publisher": "us_source_publisher",
    "leader_source_url": "us_source_url",
    "follower_source_publisher": "ally_source_publisher",
    "follower_source_url": "ally_source_url",
    "source_publisher": "pair_source_publisher",
    "source_url": "pair_source_url",
    "confidence": "pair_confidence",
}
LAG_COLUMNS = list(PAIR_NAMES.values())
HUAWEI_LAG_COLUMNS = [
    "jurisdiction",
    "us_id",
    "us_date",
    "id",
    "announced",
    "level",
    "lag_days",
]


def restrictions_only(milestones: pd.DataFrame) -> pd.DataFrame:
    """The milestones that are restrictions in their own right (liftings and the like removed)."""
    return milestones[~milestones["id"].isin(NOT_RESTRICTIONS)]


def pair_lags(pairs: pd.DataFrame, milestones: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The declared pairs of the edition dated ``day``: each ally's measure against the US
    measure of the same kind it follows, on the same kind of date, with the days between.

    ``pairs`` and ``milestones`` are the whole tables; a pair counts once both its measures are
    dated on or before ``day``. Negative when the ally went first (its note says why).
    """
    joined = _alignment_pairs.lags(pairs, milestones, day)
    lags = joined.rename(columns=PAIR_NAMES)[LAG_COLUMNS]
    return lags.sort_values(["ally_date", "ally", "us_id"]).reset_index(drop=True)


def huawei_lags(events: pd.DataFrame, levels: list[str] | None = None) -> pd.DataFrame:
    """Days from the first US binding Huawei/ZTE measure to each other jurisdiction's first.

    ``levels`` narrows "binding" to some of the codebook's binding levels (default: all of
    them); the US baseline and each jurisdiction's first are taken at those levels alike.
    """
    firsts = first_at(events, levels or binding_levels())
    us = firsts[firsts["jurisdiction"] == BASELINE]
    if us.empty:
        return pd.DataFrame(columns=HUAWEI_LAG_COLUMNS)
    baseline = us.iloc[0]
    others = firsts[~firsts["jurisdiction"].isin([BASELINE, COUNTERPART])]
    lags = others.assign(
        us_id=baseline["id"],
        us_date=baseline["announced"],
        lag_days=(others["announced"] - baseline["announced"]).dt.days.astype(int),
    )[HUAWEI_LAG_COLUMNS]
    return lags.sort_values(["announced", "jurisdiction"]).reset_index(drop=True)


def lead(day: dt.date) -> str:
    """The line above the chapter's findings: the date and how every lag is measured."""
    return _(
        "**The US and its allies**, as of {day}. Each lag runs from a US measure to an ally's "
        "measure declared to follow it: the same kind of measure, dated by the same kind of "
        "date (the codebook's pairing rule)."
    ).format(day=on(day))


def findings(
    milestones: pd.DataFrame,
    lags: pd.DataFrame,
    events: pd.DataFrame,
    focus: str,
    day: dt.date,
) -> list[Finding]:
    """The chapter's findings, from milestones and events already cut at ``day`` and the
    edition's declared pairs (``pair_lags``); the date is said once, in ``lead``."""
    binding = huawei_lags(events)
    bans = huawei_lags(events, [NAMED_BAN])
    found = [_focus_finding(milestones, lags, focus)]
    if focus not in (BASELINE, COUNTERPART):
        found.append(_focus_huawei_finding(binding, focus))
    return found + [_allies_finding(lags), _huawei_finding(binding, bans)]


# What a focus's key number says of its lags: (more than one measure, measured before the US).
_LAG_DEFINITIONS = {
    (True, False): N_(
        "median lag of {name}'s {measures} after the US measure of the same kind each follows, "
        "on the same kind of date"
    ),
    (True, True): N_(
        "median lag of {name}'s {measures} before the US measure of the same kind each follows, "
        "on the same kind of date"
    ),
    (False, False): N_(
        "lag of {name}'s {measures} after the US measure of the same kind each follows, on the "
        "same kind of date"
    ),
    (False, True): N_(
        "lag of {name}'s {measures} before the US measure of the same kind each follows, on the "
        "same kind of date"
    ),
}


def key_numbers(lags: pd.DataFrame, focus: str, day: dt.date) -> list[KeyNumber]:
    """The chapter's number for the top of the summary, from the declared pairs only.

    The median lag of the focus's measures behind the US measures they follow; for the US, China,
    or a focus with no pair, how many of the pairs ran within a year.
    """
    mine = lags[lags["ally"] == focus]
    if len(mine):
        median = whole_days(float(mine["lag_days"].median()))
        definition = _(_LAG_DEFINITIONS[(len(mine) > 1, median < 0)])
        return [
            KeyNumber(
                "focus_pair_lag",
                _("{n} days").format(n=translation.number(abs(median))),
                definition.format(name=countries.shown(focus), measures=_measures(len(mine))),
                on(day),
                LAGS,
                median,
            )
        ]
    if lags.empty:
        return []
    within = int(lags["lag_days"].between(0, YEAR_DAYS).sum())
    return [
        KeyNumber(
            "pairs_within_year",
            of(within, len(lags)),
            _(
                "allies' measures that followed the US measure of the same kind within a year "
                "(declared pairs, the same kind of date on both sides)"
            ),
            on(day),
            LAGS,
            within,
        )
    ]


def _measures(n: int) -> str:
    return ngettext("{n} measure", "{n} measures", n).format(n=figure(n))


def _focus_finding(milestones: pd.DataFrame, lags: pd.DataFrame, focus: str) -> Finding:
    name = countries.shown(focus)
    own = milestones[milestones["jurisdiction"] == focus]
    values = {"focus": focus, "milestones": len(own), "lags": {}, "median_lag_days": None}
    if focus in (BASELINE, COUNTERPART):
        text = (
            _(
                "{milestones} of {name}'s had been recorded; it is the baseline the allies are "
                "measured against."
            )
            if focus == BASELINE
            else _(
                "{milestones} of {name}'s had been recorded; it is not an ally: its rows are "
                "countermeasures."
            )
        )
        recorded = ngettext("{n} milestone", "{n} milestones", len(own)).format(n=figure(len(own)))
        return Finding("focus_lags", text.format(milestones=recorded, name=name), values, TIMELINE)
    mine = lags[lags["ally"] == focus]
    values["lags"] = {row.ally_id: int(row.lag_days) for row in mine.itertuples()}
    if mine.empty:
        text = _("No measure of {name}'s was declared as following a US measure of its kind.")
        return Finding("focus_lags", text.format(name=name), values, LAGS)
    values["median_lag_days"] = whole_days(float(mine["lag_days"].median()))
    each = series(
        [
            _("{kind} {lag} ({dates})").format(
                kind=in_sentence(_(milestone_kinds()[row.kind])),
                lag=lag_phrase(int(row.lag_days)),
                dates=_(DATE_KIND_PHRASES[row.date_kind]),
            )
            for row in mine.itertuples()
        ]
    )
    text = _("{measures} of {name}'s followed a US measure of the same kind: {each}.").format(
        measures=_measures(len(mine)), name=name, each=each
    )
    return Finding("focus_lags", text, values, LAGS)


def _focus_huawei_finding(binding: pd.DataFrame, focus: str) -> Finding:
    """How long after the first US binding measure on Huawei or ZTE the focus took its own."""
    name = countries.shown(focus)
    huawei = binding[binding["jurisdiction"] == focus]
    lag = int(huawei["lag_days"].iloc[0]) if len(huawei) else None
    text = (
        _(
            "{name}'s first binding measure on Huawei or ZTE, {level}, came {lag} the first US one."
        ).format(
            name=name,
            level=indefinite(
                in_sentence(level_labels(translation.current())[huawei["level"].iloc[0]])
            ),
            lag=lag_phrase(lag),
        )
        if lag is not None
        else _("{name} had no binding measure on Huawei or ZTE.").format(name=name)
    )
    return Finding("focus_huawei_lag", text, {"focus": focus, "huawei_lag_days": lag}, HUAWEI_LAGS)


def _allies_finding(lags: pd.DataFrame) -> Finding:
    within = int(lags["lag_days"].between(0, YEAR_DAYS).sum())
    before = int((lags["lag_days"] < 0).sum())
    later = int((lags["lag_days"] > YEAR_DAYS).sum())
    allies = int(lags["ally"].nunique())
    values = {
        "pairs": len(lags),
        "allies": allies,
        "pairs_within_year": within,
        "pairs_later": later,
        "pairs_before_us": before,
    }
    if lags.empty:
        text = _("No ally's measure was yet declared as following a US measure of its kind.")
    else:
        text = (
            _(
                "{measures} of {allies} followed a US measure of the same kind, dated alike: "
                "{within} within a year, {later} later and {before} before it."
            )
            if before
            else _(
                "{measures} of {allies} followed a US measure of the same kind, dated alike: "
                "{within} within a year, {later} later and none before it."
            )
        ).format(
            measures=_measures(len(lags)),
            allies=ngettext("{n} ally", "{n} allies", allies).format(n=figure(allies)),
            within=figure(within),
            later=figure(later),
            before=figure(before),
        )
    return Finding("allies_within_year", text, values, LAGS)


def _huawei_finding(binding: pd.DataFrame, bans: pd.DataFrame) -> Finding:
    """How many jurisdictions took their first binding measure on Huawei or ZTE within a year."""
    binding_within = int(binding["lag_days"].between(0, YEAR_DAYS).sum())
    bans_within = int(bans["lag_days"].between(0, YEAR_DAYS).sum())
    values = {
        "binding_jurisdictions": len(binding),
        "binding_within_year": binding_within,
        "us_first_binding": binding["us_date"].iloc[0].date().isoformat() if len(binding) else None,
        "binding_levels": binding_levels(),
        "binding_by_level": {
            level: int((binding["level"] == level).sum()) for level in binding_levels()
        },
        "named_ban_jurisdictions": len(bans),
        "named_ban_within_year": bans_within,
    }
    if binding.empty:
        text = _(
            "No jurisdiction besides the US had a binding measure on Huawei or ZTE after a US one."
        )
    else:
        jurisdictions = ngettext("{n} jurisdiction", "{n} jurisdictions", len(binding))
        text = _(
            "{within} of the {jurisdictions} besides the US with a binding measure on Huawei or "
            "ZTE took their first within a year of the first US one ({day}); of the {bans} with "
            "a ban naming the vendor, {bans_within} did."
        ).format(
            within=figure(binding_within),
            jurisdictions=jurisdictions.format(n=figure(len(binding))),
            day=on(binding["us_date"].iloc[0]),
            bans=figure(len(bans)),
            bans_within=figure(bans_within),
        )
    return Finding("huawei_within_year", text, values, HUAWEI_LAGS)


def milestones_download(milestones: pd.DataFrame) -> pd.DataFrame:
    """The cut milestones with a column saying which rows the lags count."""
    return milestones.assign(counted_as_restriction=~milestones["id"].isin(NOT_RESTRICTIONS))


# The columns of the data behind the timeline and the Huawei/ZTE lags, as their tables name them.
TIMELINE_DATA_COLUMNS = {
    "date": N_("Date"),
    "jurisdiction": N_("Jurisdiction"),
    "kind": N_("Kind"),
    "title": N_("Milestone"),
    "source_publisher": N_("Source"),
    "source_url": "url",
}
HUAWEI_DATA_COLUMNS = {
    "announced": N_("Date"),
    "jurisdiction": N_("Jurisdiction"),
    "level": N_("Level"),
    "description": N_("What"),
    "source_publisher": N_("Source"),
    "source_url": "url",
}
# The chapter's downloads, each with the words of its link.
DOWNLOADS = {
    "alignment_lags": N_("The declared pairs with their lags and sources"),
    "alignment_huawei_zte_lags": N_("Lags behind the first US binding Huawei/ZTE restriction"),
    "alignment_milestones": N_("All milestones with their sources"),
}


def download_labels() -> dict[str, str]:
    """Each download's name and the words of its link, in the edition's language."""
    return {name: _(label) for name, label in DOWNLOADS.items()}
