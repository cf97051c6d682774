"""The methods appendix: where the Entity List snapshot comes from and how its counts were
checked against the Federal Register.

The Entity List chapter counts entries of one snapshot, a third party's parse of the list. This
appendix says whose parse it is (from the provenance record ``briefing derive`` wrote beside
the derived tables), how many of the rules found from the snapshot are rules of the curated
rules table (``entity_list_rules_from_snapshot`` against ``entity_list_rules``), and, rule by
rule, the entries each curated rule states it added against the snapshot's entries first citing
it (``entity_list_reconciliation``), with the reason for each kind of difference.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from briefing import prose, translation
from briefing.data import package, reads
from briefing.data import provenance as provenance_record
from briefing.translation import N_, _, ngettext, number, percent
from briefing.vocabulary.entity_list import BASELINE_YEAR, list_as_of, stated_month


def _percent(share: float, digits: int = 1) -> str:
    """``translation.percent`` rounding as Python's ``%`` format always did here (the float
    times 100, ties to even), so that the English reads as before: 1/29 is 3.5%, not 3.4%."""
    return percent(Decimal(share * 100) / 100, digits=digits)


# What the provenance says of the repository the parse comes from, in its own words.
REPOSITORY_NOTES = {"public repository": N_("public repository")}
# The download's link text.
DOWNLOAD_LABEL = N_("The rules table against the snapshot, rule by rule")
# What sets one sentence from the next: Japanese has no spaces.
SENTENCE_GAP = {"ja": ""}


def _sentences(*parts: str) -> str:
    return SENTENCE_GAP.get(translation.current(), " ").join(part for part in parts if part)


def _title(source: dict) -> str:
    """The snapshot's title: in English as written; in another language, a link to the file
    (a source's title stays in its own language, marked as the source it names)."""
    if translation.current() == translation.SOURCE or not source.get("url"):
        return source["title"]
    return f"[{source['title']}]({source['url']})"


def _repository(stated: str) -> str:
    """The repository as the provenance states it ("owner/name (public repository)"): as
    written in English; in another language, its name as code and the note translated."""
    if translation.current() == translation.SOURCE:
        return stated
    name, _sep, note = stated.partition(" (")
    note = note.removesuffix(")")
    said = _(REPOSITORY_NOTES[note]) if note in REPOSITORY_NOTES else note
    return _("{name} ({note})").format(name=f"`{name}`", note=said) if note else f"`{name}`"


def _day(iso: str) -> str:
    """A day the provenance records ("2025-10-31"): as recorded in English, in the edition's
    style in another language."""
    if translation.current() == translation.SOURCE:
        return iso
    return translation.date(dt.date.fromisoformat(iso))


def snapshot_source(table: str = "entity_list_by_year") -> dict:
    """What the derived tables' provenance records about the snapshot (the first input)."""
    path = package.table(table).provenance
    reads.record(path)
    record = provenance_record.read(path)
    return {**record.primary_input(), "derived_on": record.date_retrieved}


def list_date(source: dict, day: dt.date | None = None) -> str:
    """When the snapshot's list stood, in short ("October 2025"); for an edition dated ``day``
    before the snapshot was taken, no date (an edition names none after its own)."""
    if _after(source["date"], day):
        return _("a date after this edition's")
    return stated_month(source["list_as_of"].split(" (")[0].strip())


def _after(when: str, day: dt.date | None) -> bool:
    return day is not None and dt.date.fromisoformat(when) > day


def snapshot_markdown(source: dict, day: dt.date | None = None) -> str:
    """Where the snapshot comes from, in a paragraph a reader can check (for an edition dated
    ``day``, without the dates after it: the counts are those of the rules published by then)."""
    where = {
        "repository": _repository(source["repository"]),
        "path": source["path"],
        "commit": source["commit"][:12],
    }
    if _after(source["date"], day):
        parse = _(
            "The list is published by the Bureau of Industry and Security; the parse is taken "
            "unchanged from {repository} (file `{path}`, commit `{commit}`), and holds the list "
            "as it stood at a date after this edition's; the counts are of the entries the rules "
            "published by {day} added, as the later list records them."
        ).format(day=prose.on(day), **where)
    else:
        parse = _(
            "The list is published by the Bureau of Industry and Security; the parse is taken "
            "unchanged from {repository} (file `{path}`, commit `{commit}`, extracted "
            "{extracted}), and holds the list as it stood in {stood}."
        ).format(extracted=_day(source["date"]), stood=list_as_of(source["list_as_of"]), **where)
    if _after(source["derived_on"], day):
        derived = _(
            "The briefing's own step `briefing derive` read it and wrote into the project the "
            "counts and the names of the entries under China, never the file itself, each table "
            "with a provenance record naming this source and its checksum."
        )
    else:
        derived = _(
            "The briefing's own step `briefing derive` read it on {day} and wrote into the "
            "project the counts and the names of the entries under China, never the file "
            "itself, each table with a provenance record naming this source and its checksum."
        ).format(day=_day(source["derived_on"]))
    return _sentences(
        _(
            "The Entity List counts of this briefing come from one snapshot of the list: {title}."
        ).format(title=_title(source)),
        parse,
        derived,
        _(
            "The parse is not the official list: a compliance check must use the list as the "
            "Federal Register publishes it (Supplement No. 4 to Part 744 of the EAR)."
        ),
    )


def rule_matching(snapshot_rules: pd.DataFrame, rules: pd.DataFrame) -> dict:
    """How many rules found from the snapshot since BASELINE_YEAR are rules of the rules table,
    and how many rules of the rules table since then the snapshot finds."""
    matched = snapshot_rules[snapshot_rules["matched"] == "yes"]
    curated = rules[rules["publication_date"].dt.year >= BASELINE_YEAR]
    found = curated["document_number"].isin(snapshot_rules["document_number"].dropna())
    return {
        "since": BASELINE_YEAR,
        "snapshot_rules": len(snapshot_rules),
        "snapshot_rules_matched": len(matched),
        "entries": int(snapshot_rules["entries"].sum()),
        "entries_matched": int(matched["entries"].sum()),
        "curated_rules": len(curated),
        "curated_rules_found": int(found.sum()),
    }


def matching_markdown(stats: dict) -> str:
    """The rule-level check against the Federal Register, in words."""
    if not stats["snapshot_rules"]:
        return _("No rule from {since} with entries still listed falls in this edition.").format(
            since=stats["since"]
        )
    share = stats["entries_matched"] / stats["entries"] if stats["entries"] else 0
    missing = stats["curated_rules"] - stats["curated_rules_found"]
    found = _(
        "Grouping the snapshot's entries by their first citation finds {rules} Federal Register "
        "rules from {since} with entries still listed."
    ).format(rules=stats["snapshot_rules"], since=stats["since"])
    matched = _(
        "{matched} of them start at a rule of the rules table, whose citation, date and stated "
        "count were read from the Federal Register document or a report of it; they hold "
        "{entries_matched} of the {entries} entries ({share})."
    ).format(
        matched=stats["snapshot_rules_matched"],
        entries_matched=number(stats["entries_matched"]),
        entries=number(stats["entries"]),
        share=_percent(share),
    )
    curated = (
        _(
            "Of the {curated} rules of the rules table from {since}, {found} are found in the "
            "snapshot; the other {missing} added no entry that is still listed under its own "
            "citation."
        )
        if missing
        else _(
            "Of the {curated} rules of the rules table from {since}, {found} are found in the snapshot."
        )
    ).format(
        curated=stats["curated_rules"],
        since=stats["since"],
        found=stats["curated_rules_found"],
        missing=missing,
    )
    return _sentences(found, matched, curated)


def _count(value) -> str:
    return _("not stated") if value is None or pd.isna(value) else str(int(value))


def _signed(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{int(value):+d}" if value else "0"


# Why a rule's stated count and the snapshot's may differ, for the results where they do.
REASONS = {
    "no stated count": N_("no stated count to compare"),
    "fewer in snapshot": N_(
        "fewer entries survive than the rule added: later removals, entities folded into other "
        "entries as aliases or addresses, or entries whose first citation is an earlier rule"
    ),
    "more in snapshot": N_(
        "more entries than the rule's count: one entity added under several destination entries, "
        "or entries the rule revised whose earlier citation was dropped from the list"
    ),
}
# The results as the table and the reasons name them (computed in English, shown translated).
RESULTS = {
    "no stated count": N_("no stated count"),
    "matches": N_("matches"),
    "fewer in snapshot": N_("fewer in snapshot"),
    "more in snapshot": N_("more in snapshot"),
}
# The column names of the reconciliation table (the display layer shows them translated).
COLUMNS = (
    N_("Published"),
    N_("FR citation"),
    N_("Stated by rule"),
    N_("First cited in snapshot"),
    N_("Difference"),
    N_("China stated"),
    N_("China in snapshot"),
    N_("China difference"),
    N_("Hong Kong in snapshot"),
    N_("Citing it as a later change"),
    N_("Result"),
    N_("Source"),
)


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
            "Result": table["difference"].map(_result).map(lambda result: _(RESULTS[result])),
            "Source": table["source_publisher"],
            "url": table["source_url"],
        }
    ).reset_index(drop=True)


def reconciliation_reasons(reconciled: pd.DataFrame, snapshot: str) -> str:
    """The reason for each kind of result, once each, with how many rules had it."""
    lines = [
        _(
            "The snapshot is the list as it stood in {snapshot}; a difference is snapshot minus "
            "rule."
        ).format(snapshot=snapshot),
        "",  # a blank line, or pandoc reads the list as part of the paragraph
    ]
    results = reconciled["difference"].map(_result)
    for result, rows in reconciled.groupby(results, sort=False):
        count = len(rows)
        said = {"result": _(RESULTS[result]), "count": count}
        if result in REASONS:
            line = ngettext(
                "- **{result}** ({count} rule): {reason}.",
                "- **{result}** ({count} rules): {reason}.",
                count,
            ).format(reason=_(REASONS[result]), **said)
        else:
            line = ngettext(
                "- **{result}** ({count} rule).", "- **{result}** ({count} rules).", count
            ).format(**said)
        lines.append(line)
    return "\n".join(lines)
