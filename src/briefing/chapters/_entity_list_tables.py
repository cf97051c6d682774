"""The Entity List chapter's tables as readers see them, and its downloads: the rules table,
the largest rules found from the snapshot, the reconciliation and its reasons
(``briefing.chapters.entity_list`` uses them; nothing else imports this module)."""

from __future__ import annotations

import re

import pandas as pd

from briefing.chapters._entity_list_rules import largest_rules, snapshot_source, with_stated

TOP_RULES_TABLE = 20  # rows in the table of the largest rules (the download has them all)


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
