"""Growth of the US Entity List: the figures chapter 2 reports.

Four tables feed it, the fourth for a reader to look an entry up. ``entity_list_by_year`` counts
the entries of one snapshot of the list (October 2025) by the year of their earliest Federal Register citation, so it holds only
entries that survived to the snapshot. ``entity_list_rules_from_snapshot`` groups the same
entries by the rule their first citation points to: every rule since 2018 that added entries
still listed. ``entity_list_rules`` is a curated selection of the largest rules, each with the
counts its text states and its source. ``entity_list_china_entries`` names every entry under
China (Hong Kong included) with the rule that added it. How the snapshot was checked against the
rules (``entity_list_reconciliation``) is the methods appendix's (``briefing.chapters.methods``).
The step ``briefing derive`` (``briefing.steps.entity_list``) derives the snapshot tables, so
this chapter reads tables only and the page is the same wherever it is built.

This module is the chapter: its findings, lead line and key numbers, and (listed in
``__all__``) the computations its notebook passes to the charts of ``briefing.charts.entity_list``
and the tables it shows. Those live in the chapter's private modules: ``_entity_list_counts``
(entries per year and group, the focus, growth since the baseline), ``_entity_list_rules`` (the
largest rules, the share of China's entries they name, the snapshot's provenance) and
``_entity_list_tables`` (tables as readers see them, the entries under China, downloads).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.chapters._entity_list_counts import (
    focus_by_year,
    focus_label,
    oldest_first,
    since_baseline,
    yearly,
)
from briefing.chapters._entity_list_rules import (
    LATER_SNAPSHOT,
    NAMED_SHARE_BAR,
    landmarks,
    largest_found,
    largest_rules,
    named_share,
    names_focus,
    snapshot_label,
    with_stated,
)
from briefing.chapters._entity_list_tables import (
    by_year_download,
    entries_download,
    entries_table,
    largest_rules_table,
    rules_table,
)
from briefing.chapters.findings import Finding, KeyNumber
from briefing.vocabulary.entity_list import BASELINE_YEAR

__all__ = [
    "LOOKUP_NOT_MADE",
    "NAMED_SHARE_BAR",
    "by_year_download",
    "entries_download",
    "entries_table",
    "findings",
    "focus_by_year",
    "focus_label",
    "key_numbers",
    "landmarks",
    "largest_found",
    "largest_rules",
    "largest_rules_table",
    "lead",
    "named_share",
    "names_focus",
    "oldest_first",
    "rules_table",
    "series_end",
    "since_baseline",
    "snapshot_label",
    "with_stated",
    "yearly",
]

# Where the table of entries by name was not made on this machine (it is never committed: the
# snapshot's terms keep a per-entity copy out of the project).
LOOKUP_NOT_MADE = (
    "The table of entries by name is made from a snapshot of the Entity List where the briefing "
    "is built, and this build had none at hand. Look an "
    "entity up in the Entity List itself (Supplement No. 4 to Part 744 of the Export "
    "Administration Regulations) or the US government's Consolidated Screening List."
)

# The charts behind the findings.
YEARLY = "fig-entity-list-yearly"
RULES = "fig-entity-list-rules"


def lead(snapshot: str) -> str:
    """The line above the chapter's findings: the limit all of them share, said once (the
    summary shows it too)."""
    return (
        f"**The US Entity List**, counting only entries still on the list in {snapshot}: entries "
        "removed before then are missing, so earlier years read low."
    )


def findings(
    by_year: pd.DataFrame,
    snapshot_rules: pd.DataFrame,
    rules: pd.DataFrame,
    focus: str,
    day: dt.date,
    snapshot: str,
) -> list[Finding]:
    """The chapter's findings, computed from the tables already cut at ``day``.

    Every finding counts entries of the snapshot; what the snapshot misses is said once, in
    ``lead``.
    """
    stats = since_baseline(by_year)
    values = {"baseline_year": BASELINE_YEAR, **stats}
    if stats["china_share"] is not None:
        text = (
            f"{stats['added_china']:,} ({stats['china_share']:.1%}) of the {stats['added']:,} "
            f"entries first listed from {stats['first_year']} to {stats['last_year']} sit under "
            f"China, {stats['added_hong_kong']:,} of them with Hong Kong addresses."
        )
    elif stats["last_year"] is not None:
        text = (
            f"No year from {BASELINE_YEAR} had ended by {day:%-d %B %Y}; {stats['total_latest']:,} "
            f"entries were first listed by {stats['last_year']}."
        )
    else:
        text = f"No year of the Entity List data had ended by {day:%-d %B %Y}."
    result = [Finding("growth_since_baseline", text, values, YEARLY)]
    if stats["china_share"] is not None and stats["multiple"] is not None:
        result.append(_growth_finding(stats))
    result += _named_share_findings(by_year, snapshot_rules)
    result.append(_largest_rule_finding(snapshot_rules, rules, day))
    result.append(_focus_finding(by_year, focus, stats["last_year"]))
    return result


def _growth_finding(stats: dict) -> Finding:
    """How many times over the entries still listed grew from the end of the baseline."""
    return Finding(
        "list_growth",
        f"Counting entries still listed, the list grew {stats['multiple']:.1f}-fold from the end "
        f"of {BASELINE_YEAR - 1} ({stats['total_before']:,} entries) to the end of "
        f"{stats['last_year']} ({stats['total_latest']:,}).",
        {key: stats[key] for key in ("multiple", "total_before", "total_latest", "last_year")}
        | {"baseline_year": BASELINE_YEAR},
        YEARLY,
    )


def _largest_rule_finding(
    snapshot_rules: pd.DataFrame, rules: pd.DataFrame, day: dt.date
) -> Finding:
    """The rule since BASELINE_YEAR with the most entries still listed, and what its text says."""
    top = largest_rules(with_stated(snapshot_rules, rules), 1, "entries")
    if not len(top):
        return Finding(
            "largest_rule",
            f"No rule from {BASELINE_YEAR} with entries still listed was published by "
            f"{day:%-d %B %Y}.",
            dict.fromkeys(
                [
                    "largest_rule_citation",
                    "largest_rule_date",
                    "largest_rule_entries",
                    "largest_rule_entries_china",
                    "largest_rule_stated",
                ]
            ),
            RULES,
        )
    rule = top.iloc[0]
    stated = rule["entries_added"]
    if rule["matched"] != "yes":
        said = "this briefing does not record the rule's own text, so no stated count is given"
    elif pd.isna(stated):
        said = "the rule's text states no count"
    else:
        said = f"its text states {int(stated)} added"
    return Finding(
        "largest_rule",
        f"The rule since {BASELINE_YEAR} with the most entries still listed is "
        f"{rule['fr_citation']} of {rule['publication_date']:%-d %B %Y}: "
        f"{int(rule['entries'])} entries, {int(rule['entries_china'])} of them under China; "
        f"{said}.",
        {
            "largest_rule_citation": rule["fr_citation"],
            "largest_rule_date": rule["publication_date"].date().isoformat(),
            "largest_rule_entries": int(rule["entries"]),
            "largest_rule_entries_china": int(rule["entries_china"]),
            "largest_rule_stated": None if pd.isna(stated) else int(stated),
        },
        RULES,
    )


def _focus_finding(by_year: pd.DataFrame, focus: str, last_year: int | None) -> Finding:
    """The focus jurisdiction's entries still listed, in all and since BASELINE_YEAR."""
    focus_name = focus_label(focus)
    mine = focus_by_year(by_year, focus)
    total = int(mine.sum())
    since = int(mine[mine.index >= BASELINE_YEAR].sum())
    if last_year is None:
        text = f"{focus_name} has no entries in a year that had ended."
    elif total:
        text = (
            f"{focus_name} has {total:,} entr{'y' if total == 1 else 'ies'} first listed by "
            f"{last_year}, {since:,} of them from {BASELINE_YEAR} on."
        )
    else:
        text = f"The list has no entries under {focus_name} first listed by {last_year}."
    values = {"focus": focus, "focus_entries": total, "focus_entries_since_baseline": since}
    return Finding("focus_entries", text, values, YEARLY)


def _named_share_findings(by_year: pd.DataFrame, snapshot_rules: pd.DataFrame) -> list[Finding]:
    """The share of China's entries since BASELINE_YEAR that fall in a rule named by citation,
    and the share in a rule whose text the briefing records."""
    share = named_share(by_year, snapshot_rules)
    if share["named_share"] is None:
        text = (
            f"No entry under China first listed from {BASELINE_YEAR} in a year that had ended "
            "is on the list."
        )
        return [Finding("rules_named", text, share, RULES)]
    left = share["china_not_in_a_rule"]
    named_keys = (
        "china_entries",
        "china_in_named_rules",
        "named_share",
        "named_rules",
        "china_not_in_a_rule",
        "first_year",
        "last_year",
    )
    named = Finding(
        "rules_named",
        f"{share['china_in_named_rules']:,} ({share['named_share']:.1%}) of the "
        f"{share['china_entries']:,} entries under China first listed from {share['first_year']} "
        f"to {share['last_year']} trace back, by each entry's first citation, to one of "
        f"{share['named_rules']} Federal Register rules"
        + (
            f"; the other {left:,} {'has' if left == 1 else 'have'} an undated first citation."
            if left
            else "."
        ),
        {key: share[key] for key in named_keys},
        RULES,
    )
    recorded = Finding(
        "rules_recorded",
        f"{share['china_in_rules_table']:,} of those {share['china_entries']:,} entries "
        f"({share['rules_table_share']:.1%}) trace back to one of the "
        f"{share['rules_table_rules']} rules whose texts and stated counts this briefing records.",
        {key: value for key, value in share.items() if key not in named_keys[1:5]},
        RULES,
    )
    return [named, recorded]


def key_numbers(by_year: pd.DataFrame, day: dt.date, snapshot: str) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: entries under China since BASELINE_YEAR."""
    stats = since_baseline(by_year)
    if stats["first_year"] is None:
        return []
    return [
        KeyNumber(
            "china_entries_since_baseline",
            f"{stats['added_china']:,}",
            f"US Entity List entries under China (Hong Kong included) first listed from "
            f"{stats['first_year']} to {stats['last_year']}, {stats['china_share']:.0%} of all "
            f"entries listed in those years; only entries still listed are counted",
            f"the rules published by {day:%-d %B %Y}, as {snapshot} of the list records them"
            if snapshot == LATER_SNAPSHOT
            else f"{snapshot} (the list as it then stood)",
            YEARLY,
            int(stats["added_china"]),
        )
    ]


def series_end(by_year: pd.DataFrame, day: dt.date) -> str | None:
    """Where the yearly counts stop, in plain words (None when no year had ended)."""
    if by_year.empty:
        return None
    last = int(by_year["year"].max())
    return (
        f"Entity List entries by year first listed: the counts end with {last}, the last year "
        f"that had ended by {day:%-d %B %Y} in the data, and count only entries still listed in "
        f"{snapshot_label(day=day)}."
    )
