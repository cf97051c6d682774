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
from decimal import Decimal

import pandas as pd

from briefing import prose
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
    BY_YEAR_COLUMNS,
    DOWNLOAD_LABELS,
    by_year_download,
    entries_download,
    entries_table,
    largest_rules_table,
    rules_table,
)
from briefing.chapters.findings import Finding, KeyNumber
from briefing.translation import N_, _, ngettext, number, percent
from briefing.vocabulary.entity_list import BASELINE_YEAR

__all__ = [
    "BY_YEAR_COLUMNS",
    "DOWNLOAD_LABELS",
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
LOOKUP_NOT_MADE = N_(
    "The table of entries by name is made from a snapshot of the Entity List where the briefing "
    "is built, and this build had none at hand. Look an "
    "entity up in the Entity List itself (Supplement No. 4 to Part 744 of the Export "
    "Administration Regulations) or the US government's Consolidated Screening List."
)


def _percent(share: float, digits: int = 1) -> str:
    """``translation.percent`` rounding as Python's ``%`` format always did here (the float
    times 100, ties to even), so that the English reads as before: 1/29 is 3.5%, not 3.4%."""
    return percent(Decimal(share * 100) / 100, digits=digits)


# The charts behind the findings.
YEARLY = "fig-entity-list-yearly"
RULES = "fig-entity-list-rules"


def lead(snapshot: str) -> str:
    """The line above the chapter's findings: the limit all of them share, said once (the
    summary shows it too)."""
    return _(
        "**The US Entity List**, counting only entries still on the list in {snapshot}: entries "
        "removed before then are missing, so earlier years read low."
    ).format(snapshot=snapshot)


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
        text = _(
            "{china} ({share}) of the {added} entries first listed from {first_year} to "
            "{last_year} sit under China, {hong_kong} of them with Hong Kong addresses."
        ).format(
            china=number(stats["added_china"]),
            share=_percent(stats["china_share"]),
            added=number(stats["added"]),
            first_year=stats["first_year"],
            last_year=stats["last_year"],
            hong_kong=number(stats["added_hong_kong"]),
        )
    elif stats["last_year"] is not None:
        text = _(
            "No year from {baseline_year} had ended by {day}; {total} entries were first listed "
            "by {last_year}."
        ).format(
            baseline_year=BASELINE_YEAR,
            day=prose.on(day),
            total=number(stats["total_latest"]),
            last_year=stats["last_year"],
        )
    else:
        text = _("No year of the Entity List data had ended by {day}.").format(day=prose.on(day))
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
        _(
            "Counting entries still listed, the list grew {multiple}-fold from the end of "
            "{year_before} ({before} entries) to the end of {last_year} ({latest})."
        ).format(
            multiple=f"{stats['multiple']:.1f}",
            year_before=BASELINE_YEAR - 1,
            before=number(stats["total_before"]),
            last_year=stats["last_year"],
            latest=number(stats["total_latest"]),
        ),
        {key: stats[key] for key in ("multiple", "total_before", "total_latest", "last_year")}
        | {"baseline_year": BASELINE_YEAR},
        YEARLY,
    )


# The largest rule, by what the briefing knows of its own text: one whole sentence for each case.
UNRECORDED_RULE = N_(
    "The rule since {baseline_year} with the most entries still listed is {citation} of {day}: "
    "{entries} entries, {china} of them under China; this briefing does not record the rule's "
    "own text, so no stated count is given."
)
UNSTATED_RULE = N_(
    "The rule since {baseline_year} with the most entries still listed is {citation} of {day}: "
    "{entries} entries, {china} of them under China; the rule's text states no count."
)
STATED_RULE = N_(
    "The rule since {baseline_year} with the most entries still listed is {citation} of {day}: "
    "{entries} entries, {china} of them under China; its text states {stated} added."
)


def _largest_rule_finding(
    snapshot_rules: pd.DataFrame, rules: pd.DataFrame, day: dt.date
) -> Finding:
    """The rule since BASELINE_YEAR with the most entries still listed, and what its text says."""
    top = largest_rules(with_stated(snapshot_rules, rules), 1, "entries")
    if not len(top):
        return Finding(
            "largest_rule",
            _(
                "No rule from {baseline_year} with entries still listed was published by {day}."
            ).format(baseline_year=BASELINE_YEAR, day=prose.on(day)),
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
        text = UNRECORDED_RULE
    elif pd.isna(stated):
        text = UNSTATED_RULE
    else:
        text = STATED_RULE
    return Finding(
        "largest_rule",
        _(text).format(
            baseline_year=BASELINE_YEAR,
            citation=rule["fr_citation"],
            day=prose.on(rule["publication_date"].date()),
            entries=int(rule["entries"]),
            china=int(rule["entries_china"]),
            stated=None if pd.isna(stated) else int(stated),
        ),
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
        text = _("{focus} has no entries in a year that had ended.").format(focus=focus_name)
    elif total:
        text = ngettext(
            "{focus} has {total} entry first listed by {last_year}, {since} of them from "
            "{baseline_year} on.",
            "{focus} has {total} entries first listed by {last_year}, {since} of them from "
            "{baseline_year} on.",
            total,
        ).format(
            focus=focus_name,
            total=number(total),
            last_year=last_year,
            since=number(since),
            baseline_year=BASELINE_YEAR,
        )
    else:
        text = _("The list has no entries under {focus} first listed by {last_year}.").format(
            focus=focus_name, last_year=last_year
        )
    values = {"focus": focus, "focus_entries": total, "focus_entries_since_baseline": since}
    return Finding("focus_entries", text, values, YEARLY)


# The values of the finding on rules named by citation: its own, and the count and the years,
# which the finding on recorded rules shares.
NAMED_ONLY = ("china_in_named_rules", "named_share", "named_rules", "china_not_in_a_rule")
NAMED_KEYS = ("china_entries", *NAMED_ONLY, "first_year", "last_year")


def _named_share_findings(by_year: pd.DataFrame, snapshot_rules: pd.DataFrame) -> list[Finding]:
    """The share of China's entries since BASELINE_YEAR that fall in a rule named by citation,
    and the share in a rule whose text the briefing records."""
    share = named_share(by_year, snapshot_rules)
    if share["named_share"] is None:
        text = _(
            "No entry under China first listed from {baseline_year} in a year that had ended "
            "is on the list."
        ).format(baseline_year=BASELINE_YEAR)
        return [Finding("rules_named", text, share, RULES)]
    return [
        _named_finding(share),
        Finding(
            "rules_recorded",
            _(
                "{recorded} of those {china} entries ({share}) trace back to one of the {rules} "
                "rules whose texts and stated counts this briefing records."
            ).format(
                recorded=number(share["china_in_rules_table"]),
                china=number(share["china_entries"]),
                share=_percent(share["rules_table_share"]),
                rules=share["rules_table_rules"],
            ),
            {key: value for key, value in share.items() if key not in NAMED_ONLY},
            RULES,
        ),
    ]


def _named_finding(share: dict) -> Finding:
    """The share of China's entries since BASELINE_YEAR in a rule named by citation."""
    left = share["china_not_in_a_rule"]
    if left:
        said = ngettext(
            "{named} ({share}) of the {china} entries under China first listed from {first_year} "
            "to {last_year} trace back, by each entry's first citation, to one of {rules} Federal "
            "Register rules; the other {left} has an undated first citation.",
            "{named} ({share}) of the {china} entries under China first listed from {first_year} "
            "to {last_year} trace back, by each entry's first citation, to one of {rules} Federal "
            "Register rules; the other {left} have an undated first citation.",
            left,
        )
    else:
        said = _(
            "{named} ({share}) of the {china} entries under China first listed from {first_year} "
            "to {last_year} trace back, by each entry's first citation, to one of {rules} Federal "
            "Register rules."
        )
    return Finding(
        "rules_named",
        said.format(
            named=number(share["china_in_named_rules"]),
            share=_percent(share["named_share"]),
            china=number(share["china_entries"]),
            first_year=share["first_year"],
            last_year=share["last_year"],
            rules=share["named_rules"],
            left=number(left),
        ),
        {key: share[key] for key in NAMED_KEYS},
        RULES,
    )


def key_numbers(by_year: pd.DataFrame, day: dt.date, snapshot: str) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: entries under China since BASELINE_YEAR."""
    stats = since_baseline(by_year)
    if stats["first_year"] is None:
        return []
    return [
        KeyNumber(
            "china_entries_since_baseline",
            number(stats["added_china"]),
            _(
                "US Entity List entries under China (Hong Kong included) first listed from "
                "{first_year} to {last_year}, {share} of all entries listed in those years; only "
                "entries still listed are counted"
            ).format(
                first_year=stats["first_year"],
                last_year=stats["last_year"],
                share=_percent(stats["china_share"], digits=0),
            ),
            _("the rules published by {day}, as {snapshot} of the list records them").format(
                day=prose.on(day), snapshot=snapshot
            )
            if snapshot in (LATER_SNAPSHOT, _(LATER_SNAPSHOT))
            else _("{snapshot} (the list as it then stood)").format(snapshot=snapshot),
            YEARLY,
            int(stats["added_china"]),
        )
    ]


def series_end(by_year: pd.DataFrame, day: dt.date) -> str | None:
    """Where the yearly counts stop, in plain words (None when no year had ended)."""
    if by_year.empty:
        return None
    last = int(by_year["year"].max())
    return _(
        "Entity List entries by year first listed: the counts end with {last_year}, the last "
        "year that had ended by {day} in the data, and count only entries still listed in "
        "{snapshot}."
    ).format(last_year=last, day=prose.on(day), snapshot=snapshot_label(day=day))
