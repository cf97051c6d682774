"""Growth of the US Entity List: the figures chapter 2 reports.

Four tables feed it. ``entity_list_by_year`` counts the entries of one snapshot of the list
(October 2025) by the year of their earliest Federal Register citation, so it holds only
entries that survived to the snapshot. ``entity_list_rules_from_snapshot`` groups the same
entries by the rule their first citation points to: every rule since 2018 that added entries
still listed. ``entity_list_rules`` is a curated selection of the largest rules, each with the
counts its text states and its source. ``entity_list_reconciliation`` compares the curated
rules with the snapshot rule by rule. The step ``briefing derive`` (``briefing.steps.entity_list``)
derives the three snapshot tables, so this module reads tables only and the page is the same
wherever it is built. Its charts are drawn by ``briefing.charts.entity_list``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.chapters.findings import Finding, KeyNumber
from briefing.data import package, reads
from briefing.data import provenance as provenance_record

# Growth is measured from the end of 2017: everything listed since 2018 against everything before.
BASELINE_YEAR = 2018
LANDMARKS = 3  # rules annotated on the yearly chart: the largest rule of each of the top years
TOP_RULES = 10  # bars in the chart of the largest rules
TOP_RULES_TABLE = 20  # rows in the table of the largest rules (the download has them all)
# The share of China's entries since BASELINE_YEAR that must fall in a rule the chapter names:
# below it, the rule-level figures would leave too much of the growth unexplained.
NAMED_SHARE_BAR = 0.95

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


def largest_rules(
    rules: pd.DataFrame, n: int = TOP_RULES, column: str = "entries_added"
) -> pd.DataFrame:
    """The ``n`` rules with the most entries in ``column`` (rules with none left out), largest first.

    ``column`` is ``entries_added`` for the rules table (as stated) and ``entries`` for the
    rules found from the snapshot (still listed).
    """
    adding = rules[rules[column].fillna(0) > 0]
    return (
        adding.sort_values([column, "publication_date"], ascending=[False, True], kind="stable")
        .head(n)
        .reset_index(drop=True)
    )


def landmarks(
    rules: pd.DataFrame, years: list[int], n: int = LANDMARKS, column: str = "entries_added"
) -> pd.DataFrame:
    """The largest rule of each year shown, for the ``n`` years whose largest rule counts most."""
    shown = rules[rules["publication_date"].dt.year.isin(years)]
    ranked = largest_rules(shown, len(shown), column)
    ranked = ranked.assign(year=ranked["publication_date"].dt.year)
    return ranked.drop_duplicates("year").head(n).reset_index(drop=True)


# --- Rules found from the snapshot, beside the rules table ----------------------------------------

STATED_COLUMNS = [
    "entries_added",
    "entries_added_china",
    "title",
    "notes",
    "source_publisher",
    "source_url",
]


def with_stated(snapshot_rules: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """The rules found from the snapshot, with the counts the rules table states where it has them.

    A matched row carries the rules table's document number; ``entries_added`` and
    ``entries_added_china`` are then the rule's stated counts (empty where unstated), and empty
    for rules the rules table does not have.
    """
    stated = rules.drop_duplicates("document_number").set_index("document_number")
    stated = stated.reindex(columns=STATED_COLUMNS)
    joined = snapshot_rules.join(stated, on="document_number")
    for column in ("entries_added", "entries_added_china"):
        joined[column] = joined[column].astype("Int64")
    return joined


def named_share(by_year: pd.DataFrame, snapshot_rules: pd.DataFrame) -> dict:
    """How many of China's entries first listed since BASELINE_YEAR fall in a named rule.

    The entries are those of the by-year table under China (Hong Kong included) from
    BASELINE_YEAR to its last year; a named rule is a row of the rule table found from the
    snapshot published in those years, named by its publication date and citation. The
    difference is the entries whose first citation has no date. The share in the rules table
    counts the rows matched to one of its rules (its stated counts and sources).
    """
    stats = since_baseline(by_year)
    last = stats["last_year"]
    years = snapshot_rules["publication_date"].dt.year
    shown = snapshot_rules[(years >= BASELINE_YEAR) & (years <= (last or BASELINE_YEAR - 1))]
    matched = shown[shown["matched"] == "yes"]
    china = int(stats["added_china"]) if stats["first_year"] is not None else 0
    named = int(shown["entries_china"].sum())
    curated = int(matched["entries_china"].sum())
    return {
        "first_year": BASELINE_YEAR if china else None,
        "last_year": last if china else None,
        "china_entries": china,
        "china_in_named_rules": named,
        "china_not_in_a_rule": china - named,
        "named_share": round(named / china, 4) if china else None,
        "named_rules": int((shown["entries_china"] > 0).sum()),
        "china_in_rules_table": curated,
        "rules_table_share": round(curated / china, 4) if china else None,
        "rules_table_rules": int((matched["entries_china"] > 0).sum()),
        "bar": NAMED_SHARE_BAR,
        "meets_bar": bool(china and named / china >= NAMED_SHARE_BAR),
    }


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


def snapshot_source(provenance: Path | None = None) -> tuple[str, str]:
    """The snapshot's publisher and address, as the by-year table's provenance states them."""
    provenance = provenance or package.table("entity_list_by_year").provenance
    reads.record(provenance)
    source = provenance_record.read(provenance).primary_input()
    return source["publisher"], source["url"]


def caveat(snapshot: str) -> str:
    """The limit every chart of the snapshot states inside the figure."""
    return f"Only entries still on the list in {snapshot} are counted: entries removed earlier are absent."


def lead(snapshot: str) -> str:
    """The line above the chapter's findings: the limit all of them share, said once (the
    summary shows it too)."""
    return (
        f"**The US Entity List**, counting only entries still on the list in {snapshot}: entries "
        "removed before then are missing, so earlier years read low."
    )


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
    """The rules as readers see them: newest first, counts as stated, with source and confidence
    (``url`` is the hidden link target of the Source column)."""
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
            "url": table["source_url"],
        }
    ).reset_index(drop=True)


def largest_rules_table(
    snapshot_rules: pd.DataFrame,
    rules: pd.DataFrame,
    n: int = TOP_RULES_TABLE,
    snapshot: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """The rules with the most entries still listed, largest first, with the counts stated beside.

    The Source of a rule in the rules table is that row's source; of another, the snapshot
    (``snapshot``: its publisher and address, by default from its provenance). ``url`` is the
    hidden link target of the Source column.
    """
    top = largest_rules(with_stated(snapshot_rules, rules), n, "entries")
    matched = top["matched"] == "yes"
    snapshot_publisher, snapshot_url = snapshot or snapshot_source()
    return pd.DataFrame(
        {
            "Published": top["publication_date"].dt.strftime("%Y-%m-%d"),
            "FR citation": top["fr_citation"],
            "Document": top["document_number"].fillna(""),
            "Still listed": top["entries"].astype(int),
            "Under China": top["entries_china"].astype(int),
            "Hong Kong": top["entries_hong_kong"].astype(int),
            "Stated by rule": top["entries_added"].map(_count).where(matched, ""),
            "China stated": top["entries_added_china"].map(_count).where(matched, ""),
            "In rules table": matched.map({True: "yes", False: "no (citation: first page cited)"}),
            "Source": top["source_publisher"].where(
                matched, "Entity List snapshot: " + snapshot_publisher
            ),
            "url": top["source_url"].where(matched, snapshot_url),
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


def reconciliation_table(reconciled: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Per rule: entries stated by the rule, entries of the snapshot first citing it, and the
    difference, with the source of the rule's stated counts (its row of the rules table;
    ``url`` is the hidden link target of the Source column)."""
    sources = rules.drop_duplicates("document_number").set_index("document_number")
    table = reconciled.sort_values(["publication_date", "fr_citation"], ascending=[False, True])
    table = table.join(sources[["source_publisher", "source_url"]], on="document_number")
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
            "Source": table["source_publisher"],
            "url": table["source_url"],
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

# The charts behind the findings.
YEARLY = "fig-entity-list-yearly"
RULES = "fig-entity-list-rules"


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
            f"{snapshot} (the list as it then stood)",
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
        f"{snapshot_label()}."
    )
