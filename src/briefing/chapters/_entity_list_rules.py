"""The Entity List chapter's rules: the largest, the landmarks of the yearly chart, the rules
found from the snapshot with the counts the rules table states, the share of China's entries
they name, and what the snapshot's provenance says of it (``briefing.chapters.entity_list``
uses them; nothing else imports this module)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from briefing import countries, translation
from briefing.chapters._entity_list_counts import since_baseline
from briefing.data import package, reads
from briefing.data import provenance as provenance_record
from briefing.translation import N_, _
from briefing.vocabulary.entity_list import BASELINE_YEAR

LANDMARKS = 3  # rules annotated on the yearly chart: the largest rule of each of the top years
TOP_RULES = 10  # bars in the chart of the largest rules
# The share of China's entries since BASELINE_YEAR that must fall in a rule the chapter names:
# below it, the rule-level figures would leave too much of the growth unexplained.
NAMED_SHARE_BAR = 0.95


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


def largest_found(
    snapshot_rules: pd.DataFrame, rules: pd.DataFrame, focus: str, n: int = TOP_RULES
) -> pd.DataFrame:
    """The ``n`` rules found from the snapshot with the most entries still listed, largest first,
    with the counts the rules table states beside them (``with_stated``) and ``names_focus``:
    whether the rules table has the rule and its title or notes name the focus jurisdiction."""
    top = largest_rules(with_stated(snapshot_rules, rules), n, "entries")
    return top.assign(names_focus=names_focus(top, focus) & (top["matched"] == "yes"))


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


# What an edition dated before the snapshot was taken calls it: it names no later date.
LATER_SNAPSHOT = N_("a later snapshot")


def snapshot_label(provenance: Path | None = None, day: dt.date | None = None) -> str:
    """When the snapshot's list stood, as the by-year table's provenance states it ("October 2025");
    for an edition dated ``day`` before the snapshot was taken, LATER_SNAPSHOT; both in the
    edition's language ("2025年10月")."""
    provenance = provenance or package.table("entity_list_by_year").provenance
    reads.record(provenance)
    source = provenance_record.read(provenance).primary_input()
    if day is not None and dt.date.fromisoformat(source["date"]) > day:
        return _(LATER_SNAPSHOT)
    return _month(source["list_as_of"].split(" (")[0].strip())


def _month(stated: str) -> str:
    """A month the provenance states in English ("October 2025") as the edition writes it; as
    stated when it is not a month and a year."""
    if translation.current() == translation.SOURCE:
        return stated
    try:
        return translation.month(dt.datetime.strptime(stated, "%B %Y").date())
    except ValueError:
        return stated


def snapshot_source(provenance: Path | None = None) -> tuple[str, str]:
    """The snapshot's publisher and address, as the by-year table's provenance states them."""
    provenance = provenance or package.table("entity_list_by_year").provenance
    reads.record(provenance)
    source = provenance_record.read(provenance).primary_input()
    return source["publisher"], source["url"]
