"""The Entity List from the eCFR (Supplement No. 4 to Part 744): parsed from a recorded answer
(hand-made in the documented form, tests/fixtures/ecfr/README.md), refused with what changed
when its form changes, preferred by `briefing derive` over the shared parse, and named in the
records of what it derives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from defusedxml import ElementTree
from project_copy import copy_project, run_briefing

from briefing.data import provenance, tables
from briefing.errors import DataError
from briefing.hashing import sha256_file
from briefing.steps import ecfr_entity_list as ecfr
from briefing.steps import entity_list as el
from briefing.steps import entity_list_snapshot as parsed
from briefing.steps import entity_list_sources as sources

RECORDED = Path(__file__).parent / "fixtures" / "ecfr" / "full" / "2026-12-04" / "title-15.xml"


def test_the_supplement_s_rows_become_entries_with_their_country_carried_down():
    found = ecfr.read(RECORDED)
    entries = found["entities"]
    # An independent count: every ROW of the appendix's tables.
    rows = ElementTree.fromstring(RECORDED.read_bytes()).findall(".//DIV9//GPOTABLE/ROW")
    assert found["count"] == len(entries) == len(rows) == 5
    assert [e["country"] for e in entries] == ["China"] * 4 + ["Russia"]
    huawei = next(e for e in entries if e["name"] == "Huawei Technologies Co., Ltd.")
    assert huawei["aliases"] == ["Huawei Technologies Company Limited", "Huawei Tech"]
    assert huawei["address"].startswith("Bantian Huawei Base") and "Shenzhen" in huawei["address"]
    assert huawei["license_review_policy"] == "Presumption of denial."
    assert parsed.parse_citations(huawei["federal_register"])[0] == parsed.Citation(
        84, 22963, parsed.date(2019, 5, 21)
    )
    smee = entries[3]  # the second table's first row: its country cell is empty
    assert smee["name"] == "Shanghai Micro Electronics Equipment (Group) Co., Ltd."
    assert smee["address"] == "1525 Zhangdong Road, Shanghai, China."


def _changed(tmp_path: Path, old: str, new: str) -> Path:
    text = RECORDED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "title-15-part-744.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('TYPE="APPENDIX"', 'TYPE="SUPPLEMENT"', "DIV9/HEAD"),
        ('<CHED H="1">Entity</CHED>', '<CHED H="1">Name</CHED>', "BOXHD/CHED"),
        ("<ENT>Presumption of denial.</ENT>", "", "ROW/ENT"),
        ("</DIV9>", "", "not well-formed XML"),
    ],
)
def test_a_change_in_the_ecfr_s_form_stops_with_the_file_and_what_changed(
    tmp_path, old, new, named
):
    path = _changed(tmp_path, old, new)
    with pytest.raises(DataError) as caught:
        ecfr.read(path)
    assert str(path) in str(caught.value) and named in str(caught.value)


def _raw_with(tmp_path: Path, *folders: str) -> Path:
    raw = tmp_path / "raw"
    for folder in folders:
        target = raw / "ecfr" / folder
        target.mkdir(parents=True)
        shutil.copy(RECORDED, target / sources.ECFR_FILE)
    return raw


def test_derive_prefers_the_newest_official_snapshot(tmp_path):
    raw = _raw_with(tmp_path, "2026-11-30", "2026-12-04", "2026-12-04-2", "2026-12-04-10")
    chosen = sources.choose(raw_root=raw)
    assert chosen.official and chosen.path.parent.name == "2026-12-04-10"
    assert "newest official snapshot" in chosen.chosen


def test_without_an_official_snapshot_derive_falls_back_to_the_shared_parse(tmp_path):
    chosen = sources.choose(raw_root=tmp_path / "raw")
    assert not chosen.official and chosen.path == parsed.SNAPSHOT
    assert "no official snapshot" in chosen.chosen and "third party" in chosen.chosen


def test_tables_derived_from_the_ecfr_say_so_in_their_records(tmp_path):
    raw = _raw_with(tmp_path, "2026-12-04")
    record_path = raw / "ecfr" / "2026-12-04" / provenance.FILE_NAME
    url = "https://www.ecfr.gov/api/versioner/v1/full/2026-12-04/title-15.xml?part=744"
    provenance.write(
        record_path,
        provenance.Provenance(
            producer="eCFR", title="Part 744", url=url, date_published="2026-12-04"
        ),
    )
    written = {p.name: p for p in el.derive(sources.choose(raw_root=raw), derived=tmp_path / "d")}
    named = tables.load("entity_list_china_entries", path=written["entity_list_china_entries.csv"])
    assert sorted(named["name"]) == sorted(
        e["name"] for e in ecfr.read(RECORDED)["entities"] if e["country"] == "China"
    )
    assert int(named["hong_kong"].sum()) == 1  # 3-K Electronics, Kowloon
    for name in ("entity_list_by_year", "entity_list_china_entries"):
        source = provenance.read(written[f"{name}.provenance.json"]).primary_input()
        assert source["kind"] == "government" and source["url"] == url
        assert source["date"] == "2026-12-04" and source["sha256"] == sha256_file(RECORDED)
        assert "newest official snapshot" in source["chosen"]


def test_the_command_derives_from_a_fetched_ecfr_snapshot_and_names_it(tmp_path):
    root = copy_project(tmp_path / "project")
    snapshot = root / "data" / "raw" / "ecfr" / "2026-12-04"
    snapshot.mkdir(parents=True)
    shutil.copy(RECORDED, snapshot / sources.ECFR_FILE)
    done = run_briefing(root, "derive", env={"BRIEFING_SHARED": str(tmp_path / "no-shared")})
    assert f"Entity List: {snapshot / sources.ECFR_FILE} (the newest official snapshot" in (
        done.stderr.replace("\n", "")
    )
    by_year = root / "data" / "derived" / "entity_list_by_year.provenance.json"
    assert provenance.read(by_year).primary_input()["kind"] == "government"
    assert provenance.read(by_year).counts["entries_in_snapshot"] == 5
