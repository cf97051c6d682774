"""Growth of the US Entity List: the figures chapter 2 reports.

Three tables feed it. ``entity_list_by_year`` counts the entries of one snapshot of the list
(October 2025) by the year of their earliest Federal Register citation, so it holds only
entries that survived to the snapshot. ``entity_list_rules`` is a curated selection of the
rules that added entries, each with its stated counts and source. ``entity_list_reconciliation``
compares the two rule by rule; the step ``briefing derive`` (``briefing.steps.entity_list``)
derives it and the by-year table from the snapshot, so this module reads tables only and the
page is the same wherever it is built. Its charts are drawn by ``briefing.charts.entity_list``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.chapters.findings import Finding
from briefing.data import package, reads
from briefing.data import provenance as provenance_record

# Growth is measured from the end of 2017: everything listed since 2018 against everything before.
BASELINE_YEAR = 2018
LANDMARKS = 3  # rules annotated on the yearly chart: the largest rule of each of the top years
TOP_RULES = 10  # bars in the chart of the largest rules

CHINA = "China"  # the list's destination heading; Hong Kong entries sit under it
MAINLAND = "china_mainland"
HONG_KONG = "hong_kong"
REST = "rest_of_world"
GROUPS = (MAINLAND, HONG_KONG, REST)


# --- Cutting the tables at the edition date ---------------------------------------------------


def oldest_first(rules: pd.DataFrame) -> pd.DataFrame:
    """The rules in publication order (then by citation)."""
    return rules.sort_values(["publication_date", "fr_citation"]).reset_index(drop=True)


# --- Aggregates ---------------------------------------------------------------------------------


def group(by_year: pd.DataFrame) -> pd.Series:
    """Each row's group: China with a mainland address, China with a Hong Kong address, or the rest."""
    china = by_year["destination"] == CHINA
    hong_kong = china & by_year["hong_kong"].fillna(False).astype(bool)
    labels = pd.Series(REST, index=by_year.index, dtype=object)
    labels[china] = MAINLAND
    labels[hong_kong] = HONG_KONG
    return labels


YEARLY_COLUMNS = [
    "year",
    MAINLAND,
    HONG_KONG,
    "china",
    REST,
    "total",
    "cumulative_china",
    "cumulative_rest",
    "cumulative_total",
]


def yearly(by_year: pd.DataFrame) -> pd.DataFrame:
    """Entries first listed per year by group, and running totals; every year in the span, zeros included."""
    if by_year.empty:
        return pd.DataFrame(columns=YEARLY_COLUMNS)
    counts = (
        by_year.assign(group=group(by_year), entries=by_year["entries"].astype(int))
        .pivot_table(index="year", columns="group", values="entries", aggfunc="sum", fill_value=0)
        .reindex(columns=list(GROUPS), fill_value=0)
    )
    span = range(int(counts.index.min()), int(counts.index.max()) + 1)
    table = counts.reindex(span, fill_value=0).astype(int)
    table.index.name = "year"
    table = table.reset_index()
    table["china"] = table[MAINLAND] + table[HONG_KONG]
    table["total"] = table["china"] + table[REST]
    table["cumulative_china"] = table["china"].cumsum()
    table["cumulative_rest"] = table[REST].cumsum()
    table["cumulative_total"] = table["total"].cumsum()
    return table[YEARLY_COLUMNS]


def focus_label(focus: str) -> str:
    """The focus as the list and its rules call it: the usual English name (Russia, Burma, not
    Russian Federation, Myanmar), never an abbreviation (UAE)."""
    usual = [name for name in countries.names(focus) if len(name) > 3]
    return usual[0] if usual else countries.name(focus) or focus


def focus_mask(by_year: pd.DataFrame, focus: str) -> pd.Series:
    """Rows of the by-year table that belong to the focus jurisdiction.

    Hong Kong entries sit under the China heading, so HK selects them by address and CN
    takes China with Hong Kong included.
    """
    if focus == "HK":
        return (by_year["destination"] == CHINA) & by_year["hong_kong"].fillna(False).astype(bool)
    codes = by_year["destination"].map(countries.code)
    return codes == focus


def focus_by_year(by_year: pd.DataFrame, focus: str) -> pd.Series:
    """Entries under the focus jurisdiction per year, over the same span as ``yearly``."""
    years = yearly(by_year)["year"]
    rows = by_year[focus_mask(by_year, focus)]
    counts = rows.groupby("year")["entries"].sum().astype(int)
    return counts.reindex(years, fill_value=0).astype(int)


def since_baseline(by_year: pd.DataFrame) -> dict:
    """What was added from BASELINE_YEAR to the last year of the (already cut) table."""
    table = yearly(by_year)
    before = table[table["year"] < BASELINE_YEAR]
    after = table[table["year"] >= BASELINE_YEAR]
    total_before = int(before["total"].sum())
    china_before = int(before["china"].sum())
    total_after = int(after["total"].sum())
    china_after = int(after["china"].sum())
    latest_total = total_before + total_after
    latest_china = china_before + china_after
    return {
        "years": len(after),
        "first_year": int(after["year"].min()) if len(after) else None,
        "last_year": int(table["year"].max()) if len(table) else None,
        "added": total_after,
        "added_china": china_after,
        "added_hong_kong": int(after[HONG_KONG].sum()),
        "china_share": round(china_after / total_after, 4) if total_after else None,
        "total_before": total_before,
        "china_before": china_before,
        "total_latest": latest_total,
        "china_latest": latest_china,
        "multiple": round(latest_total / total_before, 2) if len(after) and total_before else None,
        "china_multiple": round(latest_china / china_before, 2)
        if len(after) and china_before
        else None,
    }


def largest_rules(rules: pd.DataFrame, n: int = TOP_RULES) -> pd.DataFrame:
    """The ``n`` rules that added the most entries (rules adding none left out), largest first."""
    adding = rules[rules["entries_added"].fillna(0) > 0]
    return (
        adding.sort_values(
            ["entries_added", "publication_date"], ascending=[False, True], kind="stable"
        )
        .head(n)
        .reset_index(drop=True)
    )


def landmarks(rules: pd.DataFrame, years: list[int], n: int = LANDMARKS) -> pd.DataFrame:
    """The largest rule of each year shown, for the ``n`` years whose largest rule added most."""
    shown = rules[rules["publication_date"].dt.year.isin(years)]
    ranked = largest_rules(shown, len(shown))
    ranked = ranked.assign(year=ranked["publication_date"].dt.year)
    return ranked.drop_duplicates("year").head(n).reset_index(drop=True)


def names_focus(rules: pd.DataFrame, focus: str) -> pd.Series:
    """Rules whose title or notes name the focus jurisdiction (the rules table has no destination column)."""
    alternatives = "|".join(re.escape(name) for name in countries.names(focus))
    pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
    text = rules["title"].fillna("").astype(str) + " " + rules["notes"].fillna("").astype(str)
    return text.map(lambda t: bool(pattern.search(t))).astype(bool)


def snapshot_label(provenance: Path | None = None) -> str:
    """When the snapshot's list stood, as the by-year table's provenance states it ("October 2025")."""
    provenance = provenance or package.table("entity_list_by_year").provenance
    reads.record(provenance)
    stated = provenance_record.read(provenance).primary_input()["list_as_of"]
    return stated.split(" (")[0].strip()


def caveat(snapshot: str) -> str:
    """The limit every chart of the snapshot states inside the figure."""
    return f"Only entries still on the list in {snapshot} are counted: entries removed earlier are absent."


def coverage(last_year: int | None, day: dt.date, snapshot: str) -> str:
    """Which years the by-year figures cover, and why the edition's own year is left out."""
    if last_year is None:
        return f"No year had ended by {day:%-d %B %Y} in the data."
    note = f"Years that had ended by {day:%-d %B %Y}, to {last_year}"
    if str(last_year) in snapshot:
        note += f" ({last_year} only up to the snapshot)"
    return note + "."


# --- Tables and downloads -----------------------------------------------------------------------


def _count(value) -> str:
    return "not stated" if value is None or pd.isna(value) else str(int(value))


_URL = re.compile(r"https?://(?:www\.)?([^/\s)]+)(?:/[^\s)]*[^\s).,;:])?/?")


def _short_urls(text: str) -> str:
    # Full URLs cannot wrap and push the table off the page; the host names the source, and the
    # full address is in the download and the Sources appendix.
    return _URL.sub(r"\1", text)


def rules_table(rules: pd.DataFrame) -> pd.DataFrame:
    """The rules as readers see them: newest first, counts as stated, with source and confidence."""
    table = rules.sort_values(["publication_date", "fr_citation"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Published": table["publication_date"].dt.strftime("%Y-%m-%d"),
            "FR citation": table["fr_citation"],
            "Document": table["document_number"],
            "Entries added": table["entries_added"].map(_count),
            "Under China": table["entries_added_china"].map(_count),
            "Hong Kong": table["entries_added_hong_kong"].map(_count),
            "Confidence": table["confidence"],
            "Source": table["source_publisher"]
            + " ("
            + table["source_date"].dt.strftime("%Y-%m-%d")
            + ")",
            "Notes": table["notes"].fillna("").map(_short_urls),
        }
    ).reset_index(drop=True)


def by_year_download(by_year: pd.DataFrame) -> pd.DataFrame:
    """The cut by-year table in the committed file's layout (hong_kong as yes/no)."""
    out = by_year.copy()
    out["hong_kong"] = out["hong_kong"].map({True: "yes", False: "no"})
    return out


def _signed(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{int(value):+d}" if value else "0"


# Why a rule's stated count and the snapshot's may differ, for the results where they do.
REASONS = {
    "no stated count": "no stated count to compare",
    "fewer in snapshot": (
        "fewer entries survive than the rule added: later removals, entities folded into other "
        "entries as aliases or addresses, or entries whose first citation is an earlier rule"
    ),
    "more in snapshot": (
        "more entries than the rule's count: one entity added under several destination entries, "
        "or entries the rule revised whose earlier citation was dropped from the list"
    ),
}


def _result(difference) -> str:
    if difference is None or pd.isna(difference):
        return "no stated count"
    if difference == 0:
        return "matches"
    return "fewer in snapshot" if difference < 0 else "more in snapshot"


def reconciliation_table(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Per rule: entries stated by the rule, entries of the snapshot first citing it, and the difference."""
    table = reconciled.sort_values(["publication_date", "fr_citation"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Published": pd.to_datetime(table["publication_date"]).dt.strftime("%Y-%m-%d"),
            "FR citation": table["fr_citation"],
            "Stated by rule": table["entries_added"].map(_count),
            "First cited in snapshot": table["snapshot_first_cited"].astype(int),
            "Difference": table["difference"].map(_signed),
            "China stated": table["entries_added_china"].map(_count),
            "China in snapshot": table["snapshot_first_cited_china"].astype(int),
            "China difference": table["difference_china"].map(_signed),
            "Hong Kong in snapshot": table["snapshot_first_cited_hong_kong"].astype(int),
            "Citing it as a later change": table["cited_later"].astype(int),
            "Result": table["difference"].map(_result),
        }
    ).reset_index(drop=True)


def reconciliation_reasons(reconciled: pd.DataFrame, snapshot: str) -> str:
    """The reason for each kind of result, once each, with how many rules had it."""
    lines = [
        f"The snapshot is the list as it stood in {snapshot}; a difference is snapshot minus rule.",
        "",  # a blank line, or pandoc reads the list as part of the paragraph
    ]
    results = reconciled["difference"].map(_result)
    for result, rows in reconciled.groupby(results, sort=False):
        count = len(rows)
        because = f": {REASONS[result]}" if result in REASONS else ""
        lines.append(f"- **{result}** ({count} rule{'s' if count != 1 else ''}){because}.")
    return "\n".join(lines)


# --- Findings -----------------------------------------------------------------------------------


def findings(
    by_year: pd.DataFrame, rules: pd.DataFrame, focus: str, day: dt.date, snapshot: str
) -> list[Finding]:
    """The chapter's findings, computed from the tables already cut at ``day``."""
    stats = since_baseline(by_year)
    if stats["china_share"] is not None:
        growth = (
            f"; the surviving list grew {stats['multiple']:.1f}-fold from the end of {BASELINE_YEAR - 1} "
            f"({stats['total_before']:,} entries) to {stats['last_year']} ({stats['total_latest']:,})"
            if stats["multiple"] is not None
            else ""
        )
        text = (
            f"Of the {stats['added']:,} entries first listed from {stats['first_year']} to {stats['last_year']} "
            f"that were still on the list in {snapshot}, {stats['added_china']:,} "
            f"({stats['china_share']:.1%}) sit under China, {stats['added_hong_kong']:,} of them with "
            f"Hong Kong addresses{growth}."
        )
    elif stats["last_year"] is not None:
        text = (
            f"No year from {BASELINE_YEAR} had ended by {day:%-d %B %Y}; {stats['total_latest']:,} entries "
            f"first listed by {stats['last_year']} were still on the list in {snapshot}."
        )
    else:
        text = f"No year of the Entity List data had ended by {day:%-d %B %Y}."
    result = [Finding("growth_since_baseline", text, {"baseline_year": BASELINE_YEAR, **stats})]

    focus_name = focus_label(focus)
    mine = focus_by_year(by_year, focus)
    focus_total = int(mine.sum())
    focus_since = int(mine[mine.index >= BASELINE_YEAR].sum())
    top = largest_rules(rules, 1)
    if len(top):
        rule = top.iloc[0]
        largest = (
            f"The largest rule in the rules table by {day:%-d %B %Y} was {rule['fr_citation']} of "
            f"{rule['publication_date']:%-d %B %Y}, adding {int(rule['entries_added'])} entries"
        )
        largest_values = {
            "largest_rule_citation": rule["fr_citation"],
            "largest_rule_date": rule["publication_date"].date().isoformat(),
            "largest_rule_entries": int(rule["entries_added"]),
        }
    else:
        largest = f"No rule in the rules table was published by {day:%-d %B %Y}"
        largest_values = {
            "largest_rule_citation": None,
            "largest_rule_date": None,
            "largest_rule_entries": None,
        }
    if stats["last_year"] is None:
        focus_text = f"{focus_name} (focus) has no entries in a year that had ended"
    elif focus_total:
        focus_text = (
            f"{focus_name} (focus) has {focus_total:,} entr{'y' if focus_total == 1 else 'ies'} in the snapshot "
            f"first listed by {stats['last_year']}, {focus_since:,} of them from {BASELINE_YEAR}"
        )
    else:
        focus_text = f"the snapshot has no entries under {focus_name} (focus) first listed by {stats['last_year']}"
    result.append(
        Finding(
            "largest_rule_and_focus",
            f"{largest}; {focus_text}.",
            {
                **largest_values,
                "focus": focus,
                "focus_entries": focus_total,
                "focus_entries_since_baseline": focus_since,
            },
        )
    )
    return result
