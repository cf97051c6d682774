"""The `briefing derive` step: Entity List figures derived from a snapshot of the list.

The list is the newest official snapshot (the eCFR's Supplement No. 4 to Part 744 of the EAR,
else the Consolidated Screening List's Entity List rows, both under ``data/raw/``), else a
third party's parse of it kept read-only in ``shared/data/entity-list/`` (its README states the
repository, commit and extraction date recorded in the provenance); ``entity_list_sources``
chooses and says why. Aggregate figures are written into the project, and one local table of
names, so that a reader can look an entity under China up; never a copy of the list, its
aliases, addresses or licence requirements. Each table has a provenance record beside it:

- ``data/derived/entity_list_by_year.csv``: entries by year first listed, destination and Hong
  Kong address;
- ``data/derived/entity_list_rules_from_snapshot.csv``: every Federal Register rule since 2018
  that added entries still listed, found from each entry's first citation, with its entries
  (all, China, Hong Kong) and, where the curated rules table has the rule, its citation and
  document number (for the other rules, those of the newest Federal Register API snapshot,
  ``federal_register_rules``, where there is one);
- ``data/derived/entity_list_reconciliation.csv``: for each rule of the curated rules table
  (``data/curated/entity_list_rules.csv``), the entries it states it added against the
  snapshot's entries that first cite it;
- ``data/derived/entity_list_china_entries.csv``: every entry under China (Hong Kong included),
  by name, with the city of its first address, its first citation and the rule of the rules
  table it falls in.

``derive`` (the command ``briefing derive``) recomputes all eight files. The chapter reads only
these tables, so a page is the same wherever it is built, with or without the snapshot.

The step's parts: ``entity_list_sources`` (which list: ``ecfr_entity_list``,
``csl_entity_list`` or ``entity_list_snapshot`` reads it), ``entity_list_by_year``,
``entity_list_rules``, ``entity_list_reconciliation`` and ``entity_list_entries`` (the four
derivations, the last three splitting entries at the rules of ``entity_list_rule_spans``) and ``entity_list_provenance``
(what each record says).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pandas as pd
from rich.console import Console

from briefing import paths
from briefing.data import provenance, tables
from briefing.steps import entity_list_provenance as described
from briefing.steps import federal_register_rules
from briefing.steps.entity_list_by_year import by_year
from briefing.steps.entity_list_entries import china_entries, china_entries_facts
from briefing.steps.entity_list_reconciliation import reconcile_rules
from briefing.steps.entity_list_rules import (
    RULES_SINCE,
    rules_from_snapshot,
    rules_from_snapshot_facts,
)
from briefing.steps.entity_list_snapshot import entry_table
from briefing.steps.entity_list_sources import ListSnapshot, choose

RULES = paths.CURATED / "entity_list_rules.csv"
BY_YEAR_CSV = paths.DERIVED / "entity_list_by_year.csv"
RULES_FROM_SNAPSHOT_CSV = paths.DERIVED / "entity_list_rules_from_snapshot.csv"
RECONCILIATION_CSV = paths.DERIVED / "entity_list_reconciliation.csv"
CHINA_ENTRIES_CSV = paths.DERIVED / "entity_list_china_entries.csv"


def to_csv_text(table: pd.DataFrame) -> str:
    """The exact CSV text committed for a table (UTF-8, LF line ends, no index, ISO dates)."""
    buffer = io.StringIO()
    table.to_csv(
        buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, date_format="%Y-%m-%d"
    )
    return buffer.getvalue()


def derive(
    snapshot: Path | ListSnapshot | None = None,
    rules: Path = RULES,
    derived: Path = paths.DERIVED,
    *,
    derived_on: date | None = None,
    raw_root: Path | None = None,
) -> list[Path]:
    """Recompute the four derived tables from the list (``snapshot``, or the one
    ``entity_list_sources.choose`` prefers) and the rules table, and write each with its
    provenance record into ``derived``; returns the eight paths written. The rules outside
    the rules table are named by the newest Federal Register snapshot, where there is one.

    Everything is read and computed before anything is written: a missing or malformed input
    raises DataError and changes no file.
    """
    chosen = snapshot if isinstance(snapshot, ListSnapshot) else choose(snapshot, raw_root)
    entries = entry_table(chosen.read())
    curated = tables.load("entity_list_rules", path=rules)
    year_table, facts = by_year(entries)
    reconciled = reconcile_rules(curated, entries)
    snapshot_rules, register = _named_by_the_register(
        rules_from_snapshot(curated, entries), raw_root
    )
    rule_facts = rules_from_snapshot_facts(entries, snapshot_rules, RULES_SINCE)
    named = china_entries(curated, entries)
    source = chosen.describe()
    rules_input = described.rules_input(rules, curated)
    day = (derived_on or date.today()).isoformat()
    derived.mkdir(parents=True, exist_ok=True)
    return [
        *_write(
            derived / BY_YEAR_CSV.name,
            year_table,
            [source],
            day,
            described.by_year_description(facts),
        ),
        *_write(
            derived / RULES_FROM_SNAPSHOT_CSV.name,
            snapshot_rules,
            [source, rules_input, *register],
            day,
            described.rules_from_snapshot_description(rule_facts),
        ),
        *_write(
            derived / RECONCILIATION_CSV.name,
            reconciled,
            [source, rules_input],
            day,
            described.reconciliation_description(reconciled),
        ),
        *_write_china_entries(named, [source, rules_input], day, derived),
    ]


def _named_by_the_register(
    table: pd.DataFrame, raw_root: Path | None
) -> tuple[pd.DataFrame, list[dict]]:
    """The rules table from the snapshot with the rules outside the rules table named by the
    newest Federal Register snapshot, and that snapshot as an input (none without one)."""
    folder = federal_register_rules.newest(raw_root)
    if folder is None:
        return table, []
    named = federal_register_rules.name_rules(table, federal_register_rules.documents(folder))
    return named, [federal_register_rules.describe(folder)]


def make_china_entries(
    snapshot: ListSnapshot,
    rules: Path = RULES,
    derived: Path = paths.DERIVED,
    *,
    derived_on: date | None = None,
) -> list[Path]:
    """Only the local table of entries under China, with its provenance: what a build makes
    where the table is absent, leaving the committed derived tables (and their records) as
    they are. Returns the two paths written."""
    entries = entry_table(snapshot.read())
    curated = tables.load("entity_list_rules", path=rules)
    named = china_entries(curated, entries)
    inputs = [snapshot.describe(), described.rules_input(rules, curated)]
    derived.mkdir(parents=True, exist_ok=True)
    return _write_china_entries(named, inputs, (derived_on or date.today()).isoformat(), derived)


def _write_china_entries(
    named: pd.DataFrame, inputs: list[dict], day: str, derived: Path
) -> list[Path]:
    description = described.china_entries_description(china_entries_facts(named))
    return _write(derived / CHINA_ENTRIES_CSV.name, named, inputs, day, description)


def _write(
    csv_path: Path, table: pd.DataFrame, inputs: list[dict], day: str, description: dict
) -> list[Path]:
    """Write a derived table and its provenance record beside it; returns both paths."""
    content = to_csv_text(table).encode("utf-8")
    record = provenance.Provenance(
        producer=described.PRODUCER,
        licence=described.LICENCE,
        date_retrieved=day,
        files=[provenance.describe_file(csv_path.name, content)],
        inputs=inputs,
        **description,
    )
    csv_path.write_bytes(content)
    return [csv_path, provenance.write(provenance.for_table(csv_path), record)]


def run(*, console: Console, snapshot: Path | None = None) -> list[Path]:
    """The `briefing derive` command: derive from the list it chooses, then say which list
    and what was written."""
    chosen = choose(snapshot)
    written = derive(chosen)
    console.print(f"Entity List: {chosen.path} ({chosen.chosen})", soft_wrap=True)
    for csv_path, record_path in zip(written[::2], written[1::2], strict=True):
        rows = len(csv_path.read_text(encoding="utf-8").splitlines()) - 1  # less the header
        console.print(
            f"[green]wrote[/] {csv_path} ({rows} rows) and {record_path.name}", soft_wrap=True
        )
    return written
