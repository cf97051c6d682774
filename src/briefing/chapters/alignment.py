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

from briefing import countries
from briefing.chapters import _alignment_pairs
from briefing.chapters.findings import Finding, KeyNumber
from briefing.counting.restrictions import first_at
from briefing.prose import count_phrase, indefinite, lag_phrase, on, whole_days
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
# How the prose names each kind of date a pair runs on.
DATE_KIND_PHRASES = {
    "announced": "announcement to announcement",
    "published": "publication to publication",
    "enacted": "enactment to enactment",
    "effective": "entry into force to entry into force",
}
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
    return (
        f"**The US and its allies**, as of {on(day)}. Each lag runs from a US measure to an "
        "ally's measure declared to follow it: the same kind of measure, dated by the same kind "
        "of date (the codebook's pairing rule)."
    )


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


def key_numbers(lags: pd.DataFrame, focus: str, day: dt.date) -> list[KeyNumber]:
    """The chapter's number for the top of the summary, from the declared pairs only.

    The median lag of the focus's measures behind the US measures they follow; for the US, China,
    or a focus with no pair, how many of the pairs ran within a year.
    """
    mine = lags[lags["ally"] == focus]
    name = countries.name(focus)
    if len(mine):
        median = whole_days(float(mine["lag_days"].median()))
        return [
            KeyNumber(
                "focus_pair_lag",
                f"{abs(median):,} days",
                f"{'median ' if len(mine) > 1 else ''}lag of {name}'s "
                f"{count_phrase(len(mine), 'measure')} {'before' if median < 0 else 'after'} "
                "the US measure of the same kind each follows, on the same kind of date",
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
            f"{within} of {len(lags)}",
            "allies' measures that followed the US measure of the same kind within a year "
            "(declared pairs, the same kind of date on both sides)",
            on(day),
            LAGS,
            within,
        )
    ]


def _focus_finding(milestones: pd.DataFrame, lags: pd.DataFrame, focus: str) -> Finding:
    name = countries.name(focus)
    own = milestones[milestones["jurisdiction"] == focus]
    values = {"focus": focus, "milestones": len(own), "lags": {}, "median_lag_days": None}
    if focus in (BASELINE, COUNTERPART):
        role = (
            "the baseline the allies are measured against"
            if focus == BASELINE
            else "not an ally: its rows are countermeasures"
        )
        return Finding(
            "focus_lags",
            f"{count_phrase(len(own), 'milestone')} of {name}'s had been recorded; it is {role}.",
            values,
            TIMELINE,
        )
    mine = lags[lags["ally"] == focus]
    values["lags"] = {row.ally_id: int(row.lag_days) for row in mine.itertuples()}
    if mine.empty:
        text = f"No measure of {name}'s was declared as following a US measure of its kind."
    else:
        values["median_lag_days"] = whole_days(float(mine["lag_days"].median()))
        each = "; ".join(
            f"{milestone_kinds()[row.kind].lower()} {lag_phrase(int(row.lag_days))} "
            f"({DATE_KIND_PHRASES[row.date_kind]})"
            for row in mine.itertuples()
        )
        text = (
            f"{count_phrase(len(mine), 'measure')} of {name}'s followed a US measure of the "
            f"same kind: {each}."
        )
    return Finding("focus_lags", text, values, LAGS)


def _focus_huawei_finding(binding: pd.DataFrame, focus: str) -> Finding:
    """How long after the first US binding measure on Huawei or ZTE the focus took its own."""
    name = countries.name(focus)
    huawei = binding[binding["jurisdiction"] == focus]
    lag = int(huawei["lag_days"].iloc[0]) if len(huawei) else None
    text = (
        f"{name}'s first binding measure on Huawei or ZTE, "
        f"{indefinite(level_labels()[huawei['level'].iloc[0]].lower())}, came "
        f"{lag_phrase(lag)} the first US one."
        if lag is not None
        else f"{name} had no binding measure on Huawei or ZTE."
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
    text = (
        "No ally's measure was yet declared as following a US measure of its kind."
        if lags.empty
        else f"{count_phrase(len(lags), 'measure')} of {count_phrase(allies, 'ally', 'allies')} "
        f"followed a US measure of the same kind, dated alike: {within} within a year, "
        f"{later} later and {before or 'none'} before it."
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
        text = (
            "No jurisdiction besides the US had a binding measure on Huawei or ZTE after a US one."
        )
    else:
        text = (
            f"{binding_within} of the {count_phrase(len(binding), 'jurisdiction')} besides the US "
            f"with a binding measure on Huawei or ZTE took their first within a year of the first "
            f"US one ({binding['us_date'].iloc[0]:%-d %B %Y}); of the {len(bans)} with a ban naming "
            f"the vendor, {bans_within} did."
        )
    return Finding("huawei_within_year", text, values, HUAWEI_LAGS)


def lag_table(lags: pd.DataFrame) -> pd.DataFrame:
    """The declared pairs as readers see them: the kind and the kind of date both sides record,
    both measures, the lag, why the pair holds and its source (the ids are in the download).

    ``pair_url`` is the hidden link target of the Source column, the pair's own source; the two
    measures' sources are in the milestones download and the Sources appendix.
    """
    return pd.DataFrame(
        {
            "Ally": lags["ally"].map(countries.name),
            "Kind": lags["kind"].map(milestone_kinds())
            + ", "
            + lags["date_kind"].map(DATE_KIND_PHRASES),
            "US measure": lags["us_date"].dt.strftime("%Y-%m-%d") + ": " + lags["us_title"],
            "Ally's measure": lags["ally_date"].dt.strftime("%Y-%m-%d") + ": " + lags["ally_title"],
            "Lag (days)": lags["lag_days"],
            "Why they are paired": lags["justification"]
            .str.cat(lags["negative_lag_note"], sep=" ", na_rep="")
            .str.strip(),
            "Source": lags["pair_source_publisher"],
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
                    "kind": own["kind"].map(milestone_kinds()),
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
                    "kind": "Huawei/ZTE: " + steps["level"].map(level_labels()).str.lower(),
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
            "Date": rows["date"].dt.strftime("%Y-%m-%d") + " (" + rows["date_kind"] + ")",
            "Kind": rows["kind"],
            "Step": rows["step"],
            "Source": rows["publisher"],
            "Row id": rows["id"],
            "url": rows["url"],
        }
    ).reset_index(drop=True)


def focus_intro(milestones: pd.DataFrame, events: pd.DataFrame, focus: str, day: dt.date) -> str:
    """One computed sentence introducing the focus jurisdiction's table (or saying it is empty)."""
    name = countries.name(focus)
    own = int((milestones["jurisdiction"] == focus).sum())
    steps = int((events["jurisdiction"] == focus).sum())
    if own == 0 and steps == 0:
        return f"{name} has no milestones and no Huawei/ZTE restriction events in the tables as of {day:%-d %B %Y}."
    milestones_text = count_phrase(own, "milestone") if own else "no milestones"
    return (
        f"Steps taken by {name} as of {day:%-d %B %Y}: {milestones_text} and "
        f"{count_phrase(steps, 'Huawei/ZTE restriction event')}."
    )


def milestones_download(milestones: pd.DataFrame) -> pd.DataFrame:
    """The cut milestones with a column saying which rows the lags count."""
    return milestones.assign(counted_as_restriction=~milestones["id"].isin(NOT_RESTRICTIONS))
