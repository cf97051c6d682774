"""Citation parsing, the by-year aggregates, their provenance and the reconciliation with the rules table."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from briefing.data import provenance, tables
from briefing.errors import DataError
from briefing.hashing import sha256_file
from briefing.steps import entity_list as el

FIXTURES = Path(__file__).parent / "fixtures" / "entity_list"
MINI = FIXTURES / "mini_entity_list.json"
needs_shared = pytest.mark.skipif(
    not el.SNAPSHOT.is_file(), reason="shared Entity List snapshot absent"
)


def test_parses_two_digit_years_and_resolves_the_century_from_the_volume():
    assert el.parse_citations("64 FR 28909, 5/28/99") == [el.Citation(64, 28909, date(1999, 5, 28))]
    assert el.parse_citations("84 FR 22963, 5/21/19") == [el.Citation(84, 22963, date(2019, 5, 21))]


def test_parses_several_citations_across_line_breaks_and_stray_words():
    text = (
        "73 FR 54508,\n9/22/08.\n77 FR 58006, 9/19/12. 81 FR 61601 preview citation details, 9/7/16"
    )
    assert el.parse_citations(text) == [
        el.Citation(73, 54508, date(2008, 9, 22)),
        el.Citation(77, 58006, date(2012, 9, 19)),
        el.Citation(81, 61601, date(2016, 9, 7)),
    ]


def test_keeps_undated_citations_and_four_digit_years():
    cites = el.parse_citations("88 FR 71992 10/19/2023.\n86 FR 67319")
    assert cites == [el.Citation(88, 71992, date(2023, 10, 19)), el.Citation(86, 67319, None)]
    assert cites[1].year == 2021  # volume 86 is 2021


def test_unparsable_text_gives_no_citation():
    assert el.parse_citations("See the rule of last spring") == []
    assert el.parse_citations(None) == []


def test_first_citation_is_the_earliest_not_the_first_written():
    cites = el.parse_citations("85 FR 83420, 12/22/2020. 64 FR 28909, 5/28/99")
    assert el.first_citation(cites) == el.Citation(64, 28909, date(1999, 5, 28))


def test_hong_kong_flag_reads_the_address():
    assert el.is_hong_kong("Flat A, Kowloon, Hong Kong; and 2 Road, Beijing, China.")
    assert not el.is_hong_kong("1 Road, Shenzhen, China.")
    assert not el.is_hong_kong(None)


def test_aggregates_of_a_small_snapshot():
    table, facts = el.derive(MINI)
    rows = {(r.year, r.destination, r.hong_kong): r.entries for r in table.itertuples()}
    assert rows == {
        (1999, "China", "no"): 1,
        (2014, "Pakistan", "no"): 1,
        (2019, "China", "no"): 1,
        (2019, "China", "yes"): 1,
        (2020, "Russia", "no"): 1,
        (2021, "China", "no"): 1,
    }
    assert facts["entries_without_parsable_citation"] == 1
    assert facts["entries_whose_first_citation_has_no_date"] == 1
    assert facts["entries_counted"] == 6


def test_write_derived_writes_a_valid_table_and_its_provenance(tmp_path):
    csv_path, provenance_path = el.write_derived(
        MINI, tmp_path / "by_year.csv", derived_on=date(2026, 1, 2)
    )
    tables.load("entity_list_by_year", path=csv_path)  # the schema accepts it
    record = provenance.read(provenance_path)
    assert record.date_retrieved == "2026-01-02"
    assert record.primary_input()["size_bytes"] == MINI.stat().st_size
    assert record.counts["entries_without_parsable_citation"] == 1
    assert any("without a parsable citation" in limit for limit in record.notes)


def test_a_snapshot_of_the_wrong_shape_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entities": {"not": "a list"}}))
    with pytest.raises(DataError, match="entities"):
        el.load_snapshot(bad)
    with pytest.raises(DataError, match="not found"):
        el.load_snapshot(tmp_path / "absent.json")


def test_committed_tables_load():
    assert len(tables.load("entity_list_by_year")) > 0
    rules = tables.load("entity_list_rules")
    assert rules["document_number"].is_unique and len(rules) > 0


@needs_shared
def test_committed_csv_is_recomputed_exactly_from_the_shared_snapshot():
    table, facts = el.derive(el.SNAPSHOT)
    assert el.to_csv_text(table) == el.DERIVED_CSV.read_text(encoding="utf-8")
    assert facts["entries_in_snapshot"] == json.loads(el.SNAPSHOT.read_text())["count"]


@needs_shared
def test_committed_provenance_describes_the_shared_file_and_the_csv():
    record = provenance.read(provenance.for_table(el.DERIVED_CSV))
    assert record.primary_input()["sha256"] == sha256_file(el.SNAPSHOT)
    assert record.files[0]["sha256"] == sha256_file(el.DERIVED_CSV)


@needs_shared
def test_first_citation_by_date_agrees_with_volume_and_page_order():
    # Volumes and pages run in time, so the earliest date must also be the lowest (volume, page).
    for entity in el.load_snapshot()["entities"]:
        cites = [c for c in el.parse_citations(entity["federal_register"]) if c.published]
        if cites:
            assert el.first_citation(cites) == min(cites, key=lambda c: (c.volume, c.page))


def _rules(*rows):
    columns = [
        "document_number",
        "fr_citation",
        "publication_date",
        "entries_added",
        "entries_added_china",
    ]
    return pd.DataFrame(rows, columns=columns)


def test_reconciliation_counts_entries_first_citing_each_rule():
    entries = el.entry_table(el.load_snapshot(MINI))
    rules = _rules(
        ("2019-10616", "84 FR 22961", "2019-05-21", 3, None),
        ("2020-18213", "85 FR 51596", "2020-08-20", 1, 0),
    )
    result = el.reconcile_rules(rules, entries).set_index("document_number")
    huawei = result.loc["2019-10616"]
    assert (huawei.snapshot_first_cited, huawei.difference) == (2, -1)
    assert huawei.snapshot_first_cited_china == 2 and huawei.snapshot_first_cited_hong_kong == 1
    assert pd.isna(huawei.difference_china)
    later = result.loc["2020-18213"]
    # Beta Works is first cited here; Alpha Tech HK cites it only as a later revision.
    assert (later.snapshot_first_cited, later.cited_later, later.difference_china) == (1, 1, 0)
    assert later.explanation == "matches"


def test_reconciliation_splits_two_rules_of_one_day_by_page():
    entries = el.entry_table(el.load_snapshot(MINI))
    rules = _rules(
        ("2019-00001", "84 FR 22900", "2019-05-21", 0, None),
        ("2019-00002", "84 FR 22962", "2019-05-21", 2, None),
    )
    result = el.reconcile_rules(rules, entries).set_index("document_number")
    assert result.loc["2019-00001", "snapshot_first_cited"] == 0
    assert result.loc["2019-00002", "snapshot_first_cited"] == 2


@needs_shared
def test_reconciliation_of_the_curated_rules_with_the_shared_snapshot():
    rules = tables.load("entity_list_rules")
    result = el.reconcile_rules(rules, el.entry_table(el.load_snapshot()))
    assert len(result) == len(rules)
    by_doc = result.set_index("document_number")
    # The October 2019 Xinjiang rule's entries are all still listed, so the figures must agree.
    xinjiang = rules.set_index("document_number").loc["2019-22210"]
    assert by_doc.loc["2019-22210", "snapshot_first_cited_china"] == xinjiang["entries_added_china"]
    # No rule can have more surviving first citations than the snapshot has entries.
    assert result["snapshot_first_cited"].sum() <= len(el.load_snapshot()["entities"])
