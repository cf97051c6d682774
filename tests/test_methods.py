"""The methods appendix: where the Entity List snapshot comes from, how many of the rules found
from it are rules of the rules table, and the reconciliation of the two, rule by rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from project_copy import execute_notebook_editions
from support.rules_frames import rules

from briefing import paths
from briefing.book import config as book_config
from briefing.chapters import methods, registry
from briefing.data import tables
from briefing.steps import entity_list as step
from briefing.steps import entity_list_reconciliation as reconciliation
from briefing.steps import entity_list_snapshot as parsed

MINI_SNAPSHOT = Path(__file__).parent / "fixtures" / "entity_list" / "mini_entity_list.json"
SNAPSHOT = "October 2025"


def test_the_methods_appendix_is_registered_and_in_the_book():
    chapter = registry.by_slug("methods")
    assert chapter.appendix
    assert chapter.notebook.is_file() and chapter.page.is_file()
    appendices = book_config.read(paths.ROOT)["book"]["appendices"]
    assert "methods.qmd" in appendices
    # The chapter no longer shows the reconciliation: the appendix does.
    assert "reconciliation" not in (paths.ROOT / "entity_list.qmd").read_text(encoding="utf-8")
    assert "#tbl-methods-reconciliation" in chapter.page.read_text(encoding="utf-8")


def test_rule_matching_counts_rules_found_that_the_rules_table_has():
    found = pd.DataFrame(
        {
            "document_number": ["2018-00001", None, "2019-00001", None],
            "entries": [2, 5, 3, 1],
            "matched": ["yes", "no", "yes", "no"],
        }
    )
    curated = rules(
        ("2017-00001", "82 FR 1", "2017-03-01", 1, 1, ""),
        ("2018-00001", "83 FR 100", "2018-03-01", 2, 2, ""),
        ("2019-00001", "84 FR 200", "2019-05-21", 3, None, ""),
        ("2019-00002", "84 FR 300", "2019-06-01", 1, 0, ""),
    )
    stats = methods.rule_matching(found, curated)
    assert (stats["snapshot_rules"], stats["snapshot_rules_matched"]) == (4, 2)
    assert (stats["entries"], stats["entries_matched"]) == (11, 5)
    # 2017's rule is before the rules found from the snapshot begin; 2019-00002 is not found.
    assert (stats["curated_rules"], stats["curated_rules_found"]) == (3, 2)
    text = methods.matching_markdown(stats)
    assert "finds 4 Federal Register rules" in text and "2 of them" in text
    assert "(45.5%)" in text and "the other 1 added no entry" in text


def test_the_committed_tables_match_most_rules_found_since_2018():
    # Computed from the committed CSV files, independently of the chapter's functions.
    found = pd.read_csv(paths.DERIVED / "entity_list_rules_from_snapshot.csv")
    curated = pd.read_csv(paths.CURATED / "entity_list_rules.csv")
    stats = methods.rule_matching(
        tables.load("entity_list_rules_from_snapshot"), tables.load("entity_list_rules")
    )
    assert stats["snapshot_rules"] == len(found)
    assert stats["snapshot_rules_matched"] == int(
        found["document_number"].isin(curated["document_number"]).sum()
    )
    assert stats["entries_matched"] == int(found.loc[found["matched"] == "yes", "entries"].sum())


def test_the_snapshot_is_described_from_its_provenance():
    source = methods.snapshot_source()
    text = methods.snapshot_markdown(source)
    assert source["commit"][:12] in text and source["repository"] in text
    assert methods.list_date(source) == SNAPSHOT and "not the official list" in text


def reconciled_from_mini(table: pd.DataFrame, tmp_path: Path) -> pd.DataFrame:
    """The reconciliation of ``table`` with the mini snapshot, as the derived table is written and loaded."""
    entries = parsed.entry_table(parsed.load_snapshot(MINI_SNAPSHOT))
    path = tmp_path / "entity_list_reconciliation.csv"
    path.write_text(
        step.to_csv_text(reconciliation.reconcile_rules(table, entries)), encoding="utf-8"
    )
    return tables.load("entity_list_reconciliation", path=path)


def test_reconciliation_of_a_small_snapshot_labels_each_result(tmp_path):
    table = rules(
        ("2019-10616", "84 FR 22961", "2019-05-21", 3, None, ""),
        ("2020-18213", "85 FR 51596", "2020-08-20", 1, 0, ""),
    )
    reconciled = reconciled_from_mini(table, tmp_path)
    shown = methods.reconciliation_table(reconciled, table).set_index("FR citation")
    # The mini snapshot holds two entries first citing the first rule (3 stated) and one the second.
    assert shown.loc[
        "84 FR 22961", ["First cited in snapshot", "Difference", "Result"]
    ].tolist() == [2, "-1", "fewer in snapshot"]
    assert shown.loc["85 FR 51596", ["Difference", "China difference", "Result"]].tolist() == [
        "0",
        "0",
        "matches",
    ]
    assert shown.loc["84 FR 22961", "China stated"] == "not stated"
    assert shown.loc["85 FR 51596", "url"] == "https://example.org/2020-18213"
    reasons = methods.reconciliation_reasons(reconciled, SNAPSHOT)
    assert reasons.count("**fewer in snapshot** (1 rule)") == 1 and "later removals" in reasons
    assert "**matches** (1 rule)." in reasons


@pytest.mark.e2e
def test_notebook_shows_the_reconciliation_without_the_snapshot(tmp_path):
    # Run with the shared snapshot absent: everything comes from data/derived alone.
    as_of = "2026-11-01"
    runs = execute_notebook_editions(
        paths.NOTEBOOKS / "methods.ipynb",
        [(as_of, "JP")],
        tmp_path,
        env={(as_of, "JP"): {"BRIEFING_SHARED": str(tmp_path / "no-shared")}},
    )
    ((notebook, _),) = runs.values()
    text = {
        c.source.splitlines()[0]: "\n".join(
            o.get("data", {}).get("text/markdown", "") for o in c.outputs
        )
        for c in notebook.cells
        if c.cell_type == "code" and c.source.startswith("#| label:")
    }
    shown = text["#| label: tbl-methods-reconciliation"]
    assert "First cited in snapshot" in shown
    for rule in tables.load("entity_list_reconciliation", as_of=dt.date(2026, 11, 1)).itertuples():
        assert rule.fr_citation in shown
    assert "phagehunter/nsfreg" in text["#| label: methods-snapshot"]
    assert "start at a rule of the rules table" in text["#| label: methods-rule-matching"]
