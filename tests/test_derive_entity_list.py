"""The `briefing derive` step: citation parsing, the by-year aggregates, the rules found from the
snapshot, the reconciliation with the rules table, the three derived tables with their
provenance (checked against an independent count of the shared snapshot), and the command line."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from project_copy import copy_project, run_briefing

from briefing.data import provenance, tables
from briefing.errors import DataError
from briefing.hashing import sha256_file
from briefing.steps import entity_list as el
from briefing.steps import entity_list_by_year as counted
from briefing.steps import entity_list_entries as entries
from briefing.steps import entity_list_reconciliation as reconciliation
from briefing.steps import entity_list_rules as found_rules
from briefing.steps import entity_list_snapshot as parsed
from briefing.steps import entity_list_sources as sources
from briefing.steps import federal_register_rules

FIXTURES = Path(__file__).parent / "fixtures" / "entity_list"
MINI = FIXTURES / "mini_entity_list.json"
needs_shared = pytest.mark.skipif(
    not parsed.SNAPSHOT.is_file(), reason=f"shared Entity List snapshot absent: {parsed.SNAPSHOT}"
)


def test_parses_two_digit_years_and_resolves_the_century_from_the_volume():
    assert parsed.parse_citations("64 FR 28909, 5/28/99") == [
        parsed.Citation(64, 28909, date(1999, 5, 28))
    ]
    assert parsed.parse_citations("84 FR 22963, 5/21/19") == [
        parsed.Citation(84, 22963, date(2019, 5, 21))
    ]


def test_parses_several_citations_across_line_breaks_and_stray_words():
    text = (
        "73 FR 54508,\n9/22/08.\n77 FR 58006, 9/19/12. 81 FR 61601 preview citation details, 9/7/16"
    )
    assert parsed.parse_citations(text) == [
        parsed.Citation(73, 54508, date(2008, 9, 22)),
        parsed.Citation(77, 58006, date(2012, 9, 19)),
        parsed.Citation(81, 61601, date(2016, 9, 7)),
    ]


def test_keeps_undated_citations_and_four_digit_years():
    cites = parsed.parse_citations("88 FR 71992 10/19/2023.\n86 FR 67319")
    assert cites == [
        parsed.Citation(88, 71992, date(2023, 10, 19)),
        parsed.Citation(86, 67319, None),
    ]
    assert cites[1].year == 2021  # volume 86 is 2021


def test_unparsable_text_gives_no_citation():
    assert parsed.parse_citations("See the rule of last spring") == []
    assert parsed.parse_citations(None) == []


def test_first_citation_is_the_earliest_not_the_first_written():
    cites = parsed.parse_citations("85 FR 83420, 12/22/2020. 64 FR 28909, 5/28/99")
    assert parsed.first_citation(cites) == parsed.Citation(64, 28909, date(1999, 5, 28))


def test_hong_kong_flag_reads_the_address():
    assert parsed.is_hong_kong("Flat A, Kowloon, Hong Kong; and 2 Road, Beijing, China.")
    assert not parsed.is_hong_kong("1 Road, Shenzhen, China.")
    assert not parsed.is_hong_kong(None)


def test_aggregates_of_a_small_snapshot():
    table, facts = counted.by_year(parsed.entry_table(parsed.load_snapshot(MINI)))
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


def test_derive_writes_the_four_valid_tables_and_their_provenance(tmp_path):
    # Deliberately changed: derive now writes the entries under China by name too (eight paths).
    written = el.derive(MINI, el.RULES, tmp_path, derived_on=date(2026, 1, 2))
    by_year_csv, by_year_record, rules_csv, rules_record, reconciliation_csv = written[:5]
    assert [p.name for p in written] == [
        "entity_list_by_year.csv",
        "entity_list_by_year.provenance.json",
        "entity_list_rules_from_snapshot.csv",
        "entity_list_rules_from_snapshot.provenance.json",
        "entity_list_reconciliation.csv",
        "entity_list_reconciliation.provenance.json",
        "entity_list_china_entries.csv",
        "entity_list_china_entries.provenance.json",
    ]
    tables.load("entity_list_by_year", path=by_year_csv)  # the schemas accept all four
    found = tables.load("entity_list_rules_from_snapshot", path=rules_csv)
    assert found["fr_citation"].tolist() == ["84 FR 22961", "85 FR 51596"]
    rule_record = provenance.read(rules_record)
    assert [i["file"] for i in rule_record.inputs] == [MINI.name, el.RULES.name]
    assert rule_record.counts["entries_first_cited_without_date_since"] == 1
    assert any("misses entries removed before it" in note for note in rule_record.notes)
    reconciled = tables.load("entity_list_reconciliation", path=reconciliation_csv)
    # One row per rule, oldest first.
    assert sorted(reconciled["document_number"]) == sorted(
        tables.load("entity_list_rules")["document_number"]
    )
    assert reconciled["publication_date"].is_monotonic_increasing
    record = provenance.read(by_year_record)
    assert record.date_retrieved == "2026-01-02"
    assert record.primary_input()["size_bytes"] == MINI.stat().st_size
    assert record.counts["entries_without_parsable_citation"] == 1
    assert any("without a parsable citation" in limit for limit in record.notes)


def test_derive_writes_the_entries_under_china_with_their_rule_and_provenance(tmp_path):
    written = {p.name: p for p in el.derive(MINI, el.RULES, tmp_path, derived_on=date(2026, 1, 2))}
    named = tables.load(
        "entity_list_china_entries", path=written["entity_list_china_entries.csv"]
    ).set_index("name")
    # The mini snapshot's four entries under China; Russia's and Pakistan's are not listed.
    assert sorted(named.index) == ["Alpha Tech", "Alpha Tech HK", "Epsilon Undated", "Gamma Lab"]
    assert named.loc["Alpha Tech", ["city", "fr_citation", "rule_citation"]].tolist() == [
        "Shenzhen",
        "84 FR 22963",
        "84 FR 22961",  # the rule of the rules table whose pages hold the entry's first citation
    ]
    assert named.loc["Alpha Tech", "listed_on"] == pd.Timestamp("2019-05-21")
    assert named.loc["Alpha Tech HK", ["hong_kong", "city"]].tolist() == [True, "Hong Kong"]
    assert named.loc["Gamma Lab", "listed_on"] == pd.Timestamp("1999-05-28")
    assert pd.isna(named.loc["Gamma Lab", "city"])  # no address: no city guessed
    record = provenance.read(written["entity_list_china_entries.provenance.json"])
    assert [i["file"] for i in record.inputs] == [MINI.name, el.RULES.name]
    assert record.files[0]["sha256"] == sha256_file(written["entity_list_china_entries.csv"])
    assert record.counts["entries_china"] == 4 and record.counts["entries_hong_kong"] == 1


@pytest.mark.parametrize(
    ("address", "hong_kong", "city"),
    [
        (
            "Building 1, No. 66 Qinghe Middle Street, Haidian District, Beijing, China.",
            False,
            "Beijing",
        ),
        ("237 Chuangye Road Zhongduan, Mianyang, Sichuan, China.", False, "Mianyang"),
        ("No. 8, Tonga Road, Suzhou City, Jiangsu Province.", False, "Suzhou"),
        ("1 South Dahongmen Road, Fengtai District, Beijing 100076", False, "Beijing"),
        ("No. 12 Oasis South Road, Changji City, Changji State, Xinjiang", False, "Changji"),
        (
            "Wangzhuang Road, Haidian District, Beijing. China; and 2 Road, Wuhan, China.",
            False,
            "Beijing",
        ),
        ("Room 5, Kwun Tong, Kowloon, Hong Kong.", True, "Hong Kong"),
        # Flagged for a Hong Kong address, but the first is in Shenzhen.
        (
            "Bantian, Longgang District, Shenzhen, 518129, China; and 1 Queen's Road, Hong Kong",
            True,
            "Shenzhen",
        ),
        ("China (Sichuan) Free Trade Zone, No. 22-31", False, None),
        ("Tianfu Software Park, Chengdu High-tech Zone, China.", False, None),
        (None, False, None),
    ],
)
def test_the_city_is_read_from_the_first_address_or_left_empty(address, hong_kong, city):
    assert parsed.is_hong_kong(address) == hong_kong  # the flag the by-year table counts
    assert entries.city(address) == city


@pytest.mark.parametrize(
    ("name", "address", "shown"),
    [
        (
            "Address 01",
            "Unit D, 18 Luard Rd, Wan Chai, Hong Kong.",
            "Address 01: Unit D, 18 Luard Rd, Wan Chai, Hong Kong.",
        ),
        ("Address 02", None, "Address 02"),
        (
            "Huawei Technologies Co., Ltd.",
            "Bantian, Shenzhen, China",
            "Huawei Technologies Co., Ltd.",
        ),
        ("Address Technology Ltd.", "Beijing, China", "Address Technology Ltd."),
    ],
)
def test_an_address_only_entry_is_looked_up_by_its_address(name, address, shown):
    assert entries.named(name, address) == shown


def test_the_reconciliation_record_names_both_inputs_with_their_checksums(tmp_path):
    reconciliation_csv, record_path = el.derive(MINI, el.RULES, tmp_path)[4:6]
    record = provenance.read(record_path)
    snapshot, rules = record.inputs
    assert (snapshot["file"], snapshot["sha256"]) == (MINI.name, sha256_file(MINI))
    assert (rules["file"], rules["sha256"]) == (el.RULES.name, sha256_file(el.RULES))
    assert rules["path"] == "data/curated/entity_list_rules.csv"
    assert record.files == [
        provenance.describe_file(reconciliation_csv.name, reconciliation_csv.read_bytes())
    ]
    assert record.counts["rules"] == len(tables.load("entity_list_rules"))


def test_a_snapshot_of_the_wrong_shape_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entities": {"not": "a list"}}))
    with pytest.raises(DataError, match="entities"):
        parsed.load_snapshot(bad)
    with pytest.raises(DataError, match="not found"):
        parsed.load_snapshot(tmp_path / "absent.json")
    keyless = tmp_path / "keyless.json"
    keyless.write_text(json.dumps({"entities": [{"name": "x", "country": "China"}]}))
    with pytest.raises(DataError, match="lacks the fields \\['federal_register'\\]"):
        parsed.load_snapshot(keyless)


def test_rules_from_snapshot_group_entries_by_first_citation_and_split_at_curated_rules():
    entries = parsed.entry_table(parsed.load_snapshot(MINI))
    rules = _rules(
        ("2019-00001", "84 FR 22900", "2019-05-21", 0, None),
        ("2020-18213", "85 FR 51596", "2020-08-20", 1, 0),
    )
    found = found_rules.rules_from_snapshot(rules, entries).set_index("fr_citation")
    # The 1999 entry is before 2018; the undated 2021 entry and the unparsable one are in no row.
    assert found.index.tolist() == ["84 FR 22900", "85 FR 51596"]
    huawei = found.loc["84 FR 22900"]
    assert (huawei.entries, huawei.entries_china, huawei.entries_hong_kong) == (2, 2, 1)
    assert (huawei.first_page_cited, huawei.last_page_cited, huawei.matched) == (
        22963,
        22963,
        "yes",
    )
    assert found.loc["85 FR 51596", "document_number"] == "2020-18213"
    # Without a curated rule that day, a row is cited by its first page cited and unmatched.
    alone = found_rules.rules_from_snapshot(_rules(), entries)
    assert alone["fr_citation"].tolist() == ["84 FR 22963", "85 FR 51603"]
    assert alone["matched"].tolist() == ["no", "no"] and alone["document_number"].isna().all()
    # A curated rule starting after the entries' pages leaves them in an unmatched row before it.
    later = found_rules.rules_from_snapshot(
        _rules(("2019-00002", "84 FR 22964", "2019-05-21", 1, None)), entries
    )
    assert later.loc[0, ["fr_citation", "matched", "entries"]].tolist() == ["84 FR 22963", "no", 2]


def test_rules_from_snapshot_facts_count_undated_first_citations_apart():
    entries = parsed.entry_table(parsed.load_snapshot(MINI))
    table = found_rules.rules_from_snapshot(tables.load("entity_list_rules"), entries)
    facts = found_rules.rules_from_snapshot_facts(entries, table, found_rules.RULES_SINCE)
    assert (facts["entries"], facts["entries_china"], facts["entries_hong_kong"]) == (3, 2, 1)
    assert facts["entries_first_cited_without_date_since"] == 1  # Epsilon, 86 FR 67319
    assert facts["entries_china_first_cited_without_date_since"] == 1
    assert facts["entries_without_parsable_citation"] == 1
    assert facts["rules_matched"] == 2 and facts["entries_in_matched_rules"] == 3


def test_rows_sharing_pages_across_days_are_flagged():
    table = pd.DataFrame(
        {
            "publication_date": pd.to_datetime(["2023-06-12", "2023-06-14", "2023-06-21"]),
            "fr_volume": [88, 88, 88],
            "first_page_cited": [38741, 38741, 40085],
            "last_page_cited": [38741, 38741, 40085],
            "fr_citation": ["88 FR 38741", "88 FR 38741", "88 FR 40085"],
        }
    )
    assert found_rules.out_of_page_order(table) == [
        "88 FR 38741 (2023-06-14, pages not after those of 2023-06-12)"
    ]


def test_committed_tables_load():
    assert len(tables.load("entity_list_by_year")) > 0
    rules = tables.load("entity_list_rules")
    assert rules["document_number"].is_unique and len(rules) > 0
    reconciled = tables.load("entity_list_reconciliation")
    assert sorted(reconciled["document_number"]) == sorted(rules["document_number"])


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, Path]:
    """Both derived tables and their records, derived afresh from the shared snapshot."""
    written = el.derive(None, el.RULES, tmp_path_factory.mktemp("derived"))
    return {path.name: path for path in written}


def _chosen_sha256() -> str:
    """The list the committed tables are derived from: the newest official snapshot, else the
    shared parse (``entity_list_sources.choose``)."""
    return sources.choose().describe()["sha256"]


def _committed_equals_fresh(fresh: dict[str, Path], csv_path: Path) -> None:
    assert fresh[csv_path.name].read_bytes() == csv_path.read_bytes()
    # The records agree too, but for the day each was derived.
    committed = asdict(provenance.read(provenance.for_table(csv_path)))
    again = asdict(provenance.read(fresh[provenance.for_table(csv_path).name]))
    assert {**again, "date_retrieved": committed["date_retrieved"]} == committed


@needs_shared
def test_committed_csv_is_recomputed_exactly_from_the_shared_snapshot(fresh):
    _committed_equals_fresh(fresh, el.BY_YEAR_CSV)
    facts = provenance.read(fresh["entity_list_by_year.provenance.json"]).counts
    assert facts["entries_in_snapshot"] == len(sources.choose().read()["entities"])


@needs_shared
def test_committed_reconciliation_is_recomputed_exactly_from_the_shared_snapshot(fresh):
    _committed_equals_fresh(fresh, el.RECONCILIATION_CSV)


@needs_shared
def test_committed_rules_from_snapshot_are_recomputed_exactly_from_the_shared_snapshot(fresh):
    _committed_equals_fresh(fresh, el.RULES_FROM_SNAPSHOT_CSV)
    record = provenance.read(provenance.for_table(el.RULES_FROM_SNAPSHOT_CSV))
    # The newest Federal Register snapshot, where one was fetched, names the other rules.
    register = federal_register_rules.newest()
    assert [i["sha256"] for i in record.inputs] == [
        _chosen_sha256(),
        sha256_file(el.RULES),
        *([sha256_file(register / provenance.FILE_NAME)] if register else []),
    ]
    assert record.files[0]["sha256"] == sha256_file(el.RULES_FROM_SNAPSHOT_CSV)


# An independent reading of the shared snapshot, written for these tests without the step's
# functions: every "<volume> FR <page>" citation with the date printed after it, if any.
_CITED = re.compile(
    r"(\d{2,3})\s*F\.?\s*R\.?\s+([\d,]+)(?:[^\d/]{0,40}?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?!\d))?"
)


def _independent_first_citations() -> list[dict]:
    """Each entry's earliest citation (an undated one standing for the end of its volume's year)."""
    entries = []
    for entity in json.loads(parsed.SNAPSHOT.read_text(encoding="utf-8"))["entities"]:
        cited = []
        for volume, page, month, day, year in _CITED.findall(entity["federal_register"] or ""):
            volume_year = int(volume) + 1935  # volume 1 is 1936
            when = None
            if year:
                full = int(year) if len(year) == 4 else 2000 + int(year)
                full = full if abs(full - volume_year) <= 1 else full - 100
                try:
                    when = date(full, int(month), int(day))
                except ValueError:
                    when = None
            key = when or date(volume_year, 12, 31)
            cited.append((key, int(volume), int(page.replace(",", "")), when))
        first = min(cited) if cited else None
        china = entity["country"] == "China"
        entries.append(
            {
                "date": first[3] if first else None,
                "volume_year": first[0].year if first else None,
                "china": china,
                "hong_kong": china and "hong kong" in (entity.get("address") or "").lower(),
            }
        )
    return entries


@needs_shared
def test_rule_table_totals_equal_an_independent_count_of_the_snapshot():
    since = date(2018, 1, 1)
    entries = _independent_first_citations()
    dated = [e for e in entries if e["date"] and e["date"] >= since]
    table = pd.read_csv(el.RULES_FROM_SNAPSHOT_CSV, parse_dates=["publication_date"])
    totals = table[["entries", "entries_china", "entries_hong_kong"]].sum().tolist()
    assert totals == [
        len(dated),
        sum(e["china"] for e in dated),
        sum(e["hong_kong"] for e in dated),
    ]
    # Day by day too: every publication date holds exactly the entries first cited that day.
    by_day = table.groupby(table["publication_date"].dt.date)["entries"].sum().to_dict()
    assert by_day == dict(Counter(e["date"] for e in dated))
    # The undated first citations since 2018, counted apart in the provenance record.
    undated = [e for e in entries if e["date"] is None and (e["volume_year"] or 0) >= 2018]
    counts = provenance.read(provenance.for_table(el.RULES_FROM_SNAPSHOT_CSV)).counts
    assert counts["entries_first_cited_without_date_since"] == len(undated)
    assert counts["entries_china_first_cited_without_date_since"] == sum(
        e["china"] for e in undated
    )


@needs_shared
def test_rules_are_named_for_at_least_95_percent_of_china_entries_since_2018():
    entries = [e for e in _independent_first_citations() if e["china"]]
    since_2018 = [e for e in entries if (e["volume_year"] or 0) >= 2018]
    table = pd.read_csv(el.RULES_FROM_SNAPSHOT_CSV)
    named = int(table["entries_china"].sum())
    assert named == sum(1 for e in since_2018 if e["date"] is not None)
    assert named / len(since_2018) >= 0.95


@needs_shared
def test_matched_rows_agree_with_the_reconciliation():
    found = tables.load("entity_list_rules_from_snapshot")
    reconciled = tables.load("entity_list_reconciliation").set_index("document_number")
    matched = found[found["matched"] == "yes"].set_index("document_number")
    assert matched.index.is_unique and len(matched)
    for document, row in matched.iterrows():
        assert row["entries"] == reconciled.loc[document, "snapshot_first_cited"]
        assert row["entries_china"] == reconciled.loc[document, "snapshot_first_cited_china"]
        assert row["fr_citation"] == reconciled.loc[document, "fr_citation"]


@needs_shared
def test_committed_provenance_describes_the_shared_file_and_the_csv():
    record = provenance.read(provenance.for_table(el.BY_YEAR_CSV))
    assert record.primary_input()["sha256"] == _chosen_sha256()
    assert record.files[0]["sha256"] == sha256_file(el.BY_YEAR_CSV)
    record = provenance.read(provenance.for_table(el.RECONCILIATION_CSV))
    assert [i["sha256"] for i in record.inputs] == [
        _chosen_sha256(),
        sha256_file(el.RULES),
    ]
    assert record.files[0]["sha256"] == sha256_file(el.RECONCILIATION_CSV)


@needs_shared
def test_first_citation_by_date_agrees_with_volume_and_page_order():
    # Volumes and pages run in time, so the earliest date must also be the lowest (volume, page).
    for entity in parsed.load_snapshot()["entities"]:
        cites = [c for c in parsed.parse_citations(entity["federal_register"]) if c.published]
        if cites:
            assert parsed.first_citation(cites) == min(cites, key=lambda c: (c.volume, c.page))


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
    entries = parsed.entry_table(parsed.load_snapshot(MINI))
    rules = _rules(
        ("2019-10616", "84 FR 22961", "2019-05-21", 3, None),
        ("2020-18213", "85 FR 51596", "2020-08-20", 1, 0),
    )
    result = reconciliation.reconcile_rules(rules, entries).set_index("document_number")
    huawei = result.loc["2019-10616"]
    assert (huawei.snapshot_first_cited, huawei.difference) == (2, -1)
    assert huawei.snapshot_first_cited_china == 2 and huawei.snapshot_first_cited_hong_kong == 1
    assert pd.isna(huawei.difference_china)
    later = result.loc["2020-18213"]
    # Beta Works is first cited here; Alpha Tech HK cites it only as a later revision.
    assert (later.snapshot_first_cited, later.cited_later, later.difference_china) == (1, 1, 0)
    assert later.difference == 0  # the chapter calls this result "matches"


def test_reconciliation_splits_two_rules_of_one_day_by_page():
    entries = parsed.entry_table(parsed.load_snapshot(MINI))
    rules = _rules(
        ("2019-00001", "84 FR 22900", "2019-05-21", 0, None),
        ("2019-00002", "84 FR 22962", "2019-05-21", 2, None),
    )
    result = reconciliation.reconcile_rules(rules, entries).set_index("document_number")
    assert result.loc["2019-00001", "snapshot_first_cited"] == 0
    assert result.loc["2019-00002", "snapshot_first_cited"] == 2


@needs_shared
def test_reconciliation_of_the_curated_rules_with_the_shared_snapshot():
    rules = tables.load("entity_list_rules")
    result = reconciliation.reconcile_rules(rules, parsed.entry_table(parsed.load_snapshot()))
    assert len(result) == len(rules)
    by_doc = result.set_index("document_number")
    # The October 2019 Xinjiang rule's entries are all still listed, so the figures must agree.
    xinjiang = rules.set_index("document_number").loc["2019-22210"]
    assert by_doc.loc["2019-22210", "snapshot_first_cited_china"] == xinjiang["entries_added_china"]
    # No rule can have more surviving first citations than the snapshot has entries.
    assert result["snapshot_first_cited"].sum() <= len(parsed.load_snapshot()["entities"])


# --- The command line ------------------------------------------------------------------------------


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("derive") / "project")


def test_derive_without_the_snapshot_says_what_to_do_and_changes_no_file(project, tmp_path):
    missing = tmp_path / "no-shared"
    before = _tree_digest(project / "data")
    result = run_briefing(project, "derive", check=False, env={"BRIEFING_SHARED": str(missing)})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    expected = missing / "data" / "entity-list" / "bis_entity_list.json"
    assert str(expected) in lines[0] and "not found" in lines[0] and "--snapshot" in lines[0]
    assert "Traceback" not in result.stderr
    assert _tree_digest(project / "data") == before


def test_derive_from_a_given_snapshot_writes_and_reports_the_four_tables(project):
    result = run_briefing(project, "derive", "--snapshot", str(MINI))
    derived = project / "data" / "derived"
    rules = len(tables.load("entity_list_rules"))
    for name, rows in (
        ("entity_list_by_year", 6),
        ("entity_list_rules_from_snapshot", 2),
        ("entity_list_reconciliation", rules),
        ("entity_list_china_entries", 4),
    ):
        assert f"{derived / name}.csv ({rows} rows) and {name}.provenance.json" in result.stderr
        record = provenance.read(derived / f"{name}.provenance.json")
        assert record.primary_input()["sha256"] == sha256_file(MINI)
