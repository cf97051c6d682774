"""Allies in step with the US: the figures chapter 4 reports.

Two comparisons, both against the United States as the baseline:

- milestones (data/curated/milestones.csv): for each ally and each kind of measure taken by
  both, the days between the first US measure of that kind and the ally's first;
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

LAG_COLUMNS = [
    "ally",
    "kind",
    "us_id",
    "us_date",
    "us_date_kind",
    "ally_id",
    "ally_date",
    "ally_date_kind",
    "lag_days",
    "us_source_publisher",
    "us_source_url",
    "ally_source_publisher",
    "ally_source_url",
]
# Columns of an ally's first measures merged with the US firsts, as the lags table names them.
PAIRED_NAMES = {
    "jurisdiction_ally": "ally",
    "id_us": "us_id",
    "date_us": "us_date",
    "date_kind_us": "us_date_kind",
    "id_ally": "ally_id",
    "date_ally": "ally_date",
    "date_kind_ally": "ally_date_kind",
    "source_publisher_us": "us_source_publisher",
    "source_url_us": "us_source_url",
    "source_publisher_ally": "ally_source_publisher",
    "source_url_ally": "ally_source_url",
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


def first_by_kind(milestones: pd.DataFrame) -> pd.DataFrame:
    """One row per (jurisdiction, kind): its first restriction of that kind (ties broken by id)."""
    columns = ["jurisdiction", "kind", "id", "date", "date_kind", "source_publisher", "source_url"]
    rows = restrictions_only(milestones).sort_values(["date", "id"])
    return rows.groupby(["jurisdiction", "kind"], as_index=False).first()[columns]


def kind_lags(milestones: pd.DataFrame) -> pd.DataFrame:
    """For each ally and each kind the US also took: days from the first US measure to the ally's first.

    Negative when the ally went first. Allies are every jurisdiction but the US and China.
    """
    firsts = first_by_kind(milestones)
    us = firsts[firsts["jurisdiction"] == BASELINE]
    allies = firsts[~firsts["jurisdiction"].isin([BASELINE, COUNTERPART])]
    paired = allies.merge(us, on="kind", suffixes=("_ally", "_us")).rename(columns=PAIRED_NAMES)
    lags = paired.assign(lag_days=(paired["ally_date"] - paired["us_date"]).dt.days.astype(int))
    return lags[LAG_COLUMNS].sort_values(["ally_date", "ally", "kind"]).reset_index(drop=True)


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
        f"**The US and its allies**, as of {on(day)}. Each lag runs from the first US measure "
        "of a kind to another jurisdiction's first of that kind."
    )


def findings(
    milestones: pd.DataFrame, events: pd.DataFrame, focus: str, day: dt.date
) -> list[Finding]:
    """The chapter's findings, computed from milestones and events already cut at ``day``
    (the date is said once, in ``lead``)."""
    lags = kind_lags(milestones)
    binding = huawei_lags(events)
    bans = huawei_lags(events, [NAMED_BAN])
    found = [_focus_finding(milestones, lags, focus)]
    if focus not in (BASELINE, COUNTERPART):
        found.append(_focus_huawei_finding(binding, focus))
    return found + [_allies_finding(lags), _huawei_finding(binding, bans)]


def key_numbers(events: pd.DataFrame, focus: str, day: dt.date) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: how long the focus took after the US.

    The days from the first US binding measure on Huawei or ZTE to the focus jurisdiction's
    own first; for the US itself, or a focus with no binding measure, how many jurisdictions
    took their first within a year of the US.
    """
    binding = huawei_lags(events)
    mine = binding[binding["jurisdiction"] == focus]
    name = countries.name(focus)
    if len(mine):
        lag = int(mine["lag_days"].iloc[0])
        return [
            KeyNumber(
                "focus_huawei_lag",
                f"{abs(lag):,} days",
                f"from the first US binding measure on Huawei or ZTE to {name}'s first "
                f"({'before' if lag < 0 else 'after'} the US)",
                on(day),
                HUAWEI_LAGS,
                lag,
            )
        ]
    if binding.empty:
        return []
    within = int(binding["lag_days"].between(0, YEAR_DAYS).sum())
    return [
        KeyNumber(
            "binding_within_year",
            f"{within} of {len(binding)}",
            "jurisdictions besides the US with a binding measure on Huawei or ZTE that took "
            "their first within a year of the first US one",
            on(day),
            HUAWEI_LAGS,
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
    values["lags"] = {row.kind: int(row.lag_days) for row in mine.itertuples()}
    if own.empty:
        text = f"No milestones of {name} had been recorded."
    elif mine.empty:
        text = f"{name} had taken no measure of a kind the US had also taken."
    else:
        median = whole_days(float(mine["lag_days"].median()))
        values["median_lag_days"] = median
        each = "; ".join(
            f"{milestone_kinds()[row.kind].lower()} {lag_phrase(int(row.lag_days))}"
            for row in mine.sort_values(["ally_date", "kind"]).itertuples()
        )
        text = (
            f"{name} took its first measure of {count_phrase(len(mine), 'kind')} the US had also "
            f"taken a median of {median} days after the US: {each}."
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
        "No ally had yet taken a measure of a kind the US had taken."
        if lags.empty
        else f"{count_phrase(allies, 'ally', 'allies')} took "
        f"{count_phrase(len(lags), 'first measure')} of kinds the US had also taken: {within} "
        f"within a year of the first US measure of the kind, {later} later and {before} before it."
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
    """The milestone lags as readers see them, with each side's date basis and source.

    ``us_url`` and ``ally_url`` are the hidden link targets of the two Source columns.
    """
    return pd.DataFrame(
        {
            "Ally": lags["ally"].map(countries.name),
            "Kind": lags["kind"].map(milestone_kinds()),
            "US first": lags["us_date"].dt.strftime("%Y-%m-%d") + " (" + lags["us_date_kind"] + ")",
            "US milestone": lags["us_id"],
            "Ally first": lags["ally_date"].dt.strftime("%Y-%m-%d")
            + " ("
            + lags["ally_date_kind"]
            + ")",
            "Ally milestone": lags["ally_id"],
            "Lag (days)": lags["lag_days"],
            "Source (US)": lags["us_source_publisher"],
            "Source (ally)": lags["ally_source_publisher"],
            "us_url": lags["us_source_url"],
            "ally_url": lags["ally_source_url"],
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
