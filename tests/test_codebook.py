"""The codebook (data/codebook.json) is the restrictions table's vocabulary, and the data follow it."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from briefing import paths
from briefing.chapters import codebook as appendix
from briefing.data import codebook, package, tables
from briefing.errors import DataError

SCHEMA = json.loads((paths.DATA / "schemas" / "restrictions.json").read_text(encoding="utf-8"))
FIELDS = {spec["name"]: spec for spec in SCHEMA["fields"]}
BOOK = codebook.load()


def raw_rows() -> list[dict[str, str]]:
    """The CSV as text, read without the package's loader."""
    with (paths.CURATED / "restrictions.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_codebook() -> dict:
    return json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))


# --- the codebook is the schema's vocabulary -------------------------------------------


def test_the_restrictions_table_declares_the_codebook():
    declared = package.table("restrictions")
    assert declared.codebook == paths.DATA / "codebook.json"
    assert declared.codebook in declared.files  # a codebook change re-validates the table
    assert BOOK.table == "restrictions"


@pytest.mark.parametrize("name", [f["name"] for f in raw_codebook()["fields"]])
def test_each_coded_field_has_the_codebook_values_as_its_schema_enum(name):
    codes = [
        value["code"]
        for value in next(f for f in raw_codebook()["fields"] if f["name"] == name)["values"]
    ]
    spec = FIELDS[name]
    if name == "binding":
        assert (spec["type"], spec["trueValues"], spec["falseValues"]) == (
            "boolean",
            ["yes"],
            ["no"],
        )
        assert codes == ["yes", "no"]
    elif name == "vendors":
        # A list field: any of the vendors, in codebook order, joined by ';'.
        assert spec["constraints"]["enum"] == ["Huawei", "Huawei;ZTE", "ZTE"]
        assert codes == ["Huawei", "ZTE"]
        assert BOOK.field(name).schema_enum() == spec["constraints"]["enum"]
    else:
        assert spec["constraints"]["enum"] == codes, name
        assert BOOK.field(name).schema_enum() == codes


def test_every_enumerated_column_but_the_jurisdiction_is_in_the_codebook():
    enumerated = {name for name, spec in FIELDS.items() if "enum" in spec.get("constraints", {})}
    assert enumerated - {"jurisdiction", "second_source_kind"} <= {f.name for f in BOOK.fields}
    # A second source's kind takes the kinds of source, as the main source's does.
    second = FIELDS["second_source_kind"]["constraints"]["enum"]
    assert second == FIELDS["source_kind"]["constraints"]["enum"]


def test_every_value_has_a_label_and_a_definition():
    for spec in raw_codebook()["fields"]:
        assert spec["label"] and spec["description"], spec["name"]
        codes = [value["code"] for value in spec["values"]]
        assert len(codes) == len(set(codes)), spec["name"]
        for value in spec["values"]:
            assert value["label"].strip() and len(value["definition"]) >= 20, value["code"]


def test_the_strength_scale_puts_the_binding_levels_first_and_declined_last():
    levels = raw_codebook()["fields"][0]
    assert levels["name"] == "level" and levels["ordered"] is True
    binding = [value["binding"] for value in levels["values"]]
    assert binding == sorted(binding, reverse=True)  # every binding level above every other
    assert levels["values"][0]["code"] == "vendor_ban"
    assert levels["values"][-1]["code"] == "declined"
    assert BOOK.binding_levels() == [v["code"] for v in levels["values"] if v["binding"]]
    assert BOOK.rank()["vendor_ban"] == 0


def test_the_codebooks_prose_agrees_with_its_scale():
    assert "The first four levels are binding" in BOOK.counting
    assert "the first four levels are binding" in BOOK.field("binding").description
    assert len(BOOK.binding_levels()) == 4


def test_only_lifted_lapsed_and_struck_down_rows_go_uncounted():
    assert set(BOOK.field("status").codes()) - set(BOOK.counted_statuses()) == {
        "lifted",
        "lapsed",
        "struck_down",
    }


def test_a_malformed_codebook_is_a_data_error(tmp_path):
    broken = tmp_path / "codebook.json"
    spec = raw_codebook()
    del spec["fields"][0]["values"][0]["binding"]
    broken.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(DataError, match="must say whether it is binding"):
        codebook.load(broken)
    (tmp_path / "missing.json").unlink(missing_ok=True)
    with pytest.raises(DataError, match="codebook not found"):
        codebook.load(tmp_path / "missing.json")


def test_a_kind_of_source_capping_confidence_at_an_unknown_value_is_refused(tmp_path):
    broken = tmp_path / "codebook.json"
    spec = raw_codebook()
    kinds = next(f for f in spec["fields"] if f["name"] == "source_kind")
    kinds["values"][-1]["rules"] = {"confidence_at_most": "modest"}
    broken.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(DataError, match="caps confidence at 'modest'"):
        codebook.load(broken)


def test_the_kinds_of_source_cap_confidence_as_the_codebook_says():
    assert BOOK.confidence_cap("aggregator") == "medium"
    assert BOOK.confidence_cap("state_media") == "low"
    assert [BOOK.confidence_cap(k) for k in ("government", "regulator", "news")] == [None] * 3


def test_the_appendix_shows_the_kinds_of_source_with_their_caps_and_rows():
    day = dt.date(2026, 11, 1)
    rows = appendix.sourced_rows(day)
    assert {
        "restrictions",
        "milestones",
        "entity_list_rules",
        "semiconductor_self_sufficiency",
    } <= set(rows["table"])
    shown = appendix.field_table(BOOK, "source_kind", rows).set_index("Code")
    assert shown.loc["aggregator", "Confidence at most"] == "medium"
    assert shown.loc["state_media", "Confidence at most"] == "low"
    assert shown["Rows"].sum() == len(rows)
    assert "source_kind" in appendix.fields_table(BOOK)["Column"].tolist()


# --- the data follow the codebook ------------------------------------------------------


def test_every_row_is_coded_with_codebook_values():
    allowed = {f.name: set(f.codes()) for f in BOOK.fields}
    for row in raw_rows():
        for name in ("level", "actor", "scope", "status", "binding", "confidence"):
            assert row[name] in allowed[name], (row["id"], name, row[name])
        for vendor in filter(None, row["vendors"].split(";")):
            assert vendor in allowed["vendors"], row["id"]


def test_each_levels_required_fields_are_present():
    levels = {v["code"]: v for v in raw_codebook()["fields"][0]["values"]}
    for row in raw_rows():
        level = levels[row["level"]]
        rules = level["rules"]
        assert row["binding"] == ("yes" if level["binding"] else "no"), row["id"]
        if rules["vendors"] == "required":  # a ban naming the vendor names vendors
            assert row["vendors"], row["id"]
        if rules["vendors"] == "empty":  # a vendor-neutral rule names none
            assert not row["vendors"], row["id"]
        assert row["actor"] in rules["actors"], row["id"]
        if rules.get("coding_note") == "required":
            assert row["coding_note"].strip(), row["id"]
        assert row["scope_detail"].strip(), row["id"]


def test_a_declined_row_has_no_binding_effect():
    declined = [row for row in raw_rows() if row["level"] == "declined"]
    assert declined
    assert {row["binding"] for row in declined} == {"no"}


def test_the_loader_finds_no_codebook_problem_in_the_table():
    assert codebook.problems(tables.load("restrictions"), BOOK) == []


def test_every_row_carries_a_note():
    for row in raw_rows():
        assert row["notes"].strip(), row["id"]


def test_the_codebook_catches_each_kind_of_broken_rule():
    frame = tables.load("restrictions")
    ban = frame.index[frame["level"] == "vendor_ban"][0]
    neutral = frame.index[frame["level"] == "vendor_neutral_restriction"][0]
    operator = frame.index[frame["level"] == "de_facto_exclusion"][0]
    broken = frame.copy()
    broken.loc[ban, "vendors"] = None
    broken.loc[neutral, "vendors"] = "Huawei"
    broken.loc[operator, "binding"] = True
    broken.loc[operator, "coding_note"] = None
    found = {(p.row, p.field) for p in codebook.problems(broken, BOOK)}
    assert found == {
        (ban + 2, "vendors"),
        (neutral + 2, "vendors"),
        (operator + 2, "binding"),
        (operator + 2, "coding_note"),
    }


# --- the rows the issue questioned are coded as the re-check found -----------------------

RECHECKED = {
    # id: (level, scope, binding)
    "CZ-2018-01": ("named_conditions", "critical_infrastructure", "yes"),  # a warning, not a ban
    "FR-2020-01": ("de_facto_exclusion", "5g_ran", "no"),  # informal non-renewal signals
    "US-2019-01": ("power_to_exclude", "subsidies", "yes"),  # a subsidy rule, not procurement
    "EU-2023-01": ("nonbinding", "5g_network", "no"),  # the communication itself
    "CZ-2019-01": ("nonbinding", "other", "no"),  # a chair's statement, not a Czech measure
    "AT-2021-01": ("power_to_exclude", "all_networks", "yes"),  # Austria kept Huawei
    "IE-2021-01": ("nonbinding", "critical_parts", "no"),  # a decision to legislate
    "JP-2022-01": ("power_to_exclude", "critical_infrastructure", "yes"),
    "AU-2018-01": ("vendor_neutral_restriction", "5g_network", "yes"),  # 5G only
    "NZ-2018-01": ("vendor_ban", "5g_ran", "yes"),  # one operator's RAN proposal
    "IN-2021-02": ("de_facto_exclusion", "5g_network", "no"),  # trials, no formal ban
    "PT-2023-01": ("vendor_neutral_restriction", "5g_network", "yes"),  # risk criteria
    "CA-2022-01": ("nonbinding", "all_networks", "no"),  # an announcement
    "IT-2021-01": ("named_conditions", "5g_ran", "yes"),  # a conditional approval
    "GB-2020-02": ("nonbinding", "5g_network", "no"),  # July 2020: a policy decision
    "GB-2021-01": ("power_to_exclude", "all_networks", "yes"),  # the Act: first binding
}


@pytest.mark.parametrize("id_", sorted(RECHECKED))
def test_a_rechecked_row_is_coded_as_the_recheck_found(id_):
    row = next(r for r in raw_rows() if r["id"] == id_)
    assert (row["level"], row["scope"], row["binding"]) == RECHECKED[id_]
    assert row["coding_note"].strip() or row["level"] == "nonbinding"


# The measures the issue found missing, and countries that considered and declined a ban.
ADDED = {
    "NL-2019-02": "power_to_exclude",  # the decree of 28 Nov 2019
    "NL-2021-01": "vendor_ban",  # the decisions keeping Huawei and ZTE out of critical parts
    "DK-2023-01": "vendor_ban",  # CFCS order to TDC NET (DWDM)
    "PL-2026-01": "power_to_exclude",  # KSC amendment signed 19 Feb 2026
    "VN-2019-01": "de_facto_exclusion",  # Viettel
    "US-2019-02": "power_to_exclude",  # Executive Order 13873
    "US-2020-02": "vendor_ban",  # FCC final designation of Huawei and ZTE
    "EU-2023-02": "vendor_ban",  # the Commission's own procurement
    "IE-2023-01": "power_to_exclude",  # the Act of 2 Mar 2023
    "BR-2021-01": "declined",
    "HU-2019-01": "declined",
    "AT-2023-01": "declined",
}


@pytest.mark.parametrize("id_", sorted(ADDED))
def test_an_added_measure_is_in_the_table_with_its_source(id_):
    row = next(r for r in raw_rows() if r["id"] == id_)
    assert row["level"] == ADDED[id_]
    assert row["source_url"].startswith(("http://", "https://"))
    assert row["source_publisher"] and row["source_date"]


def test_operators_own_exclusions_are_recorded_country_by_country():
    operators = {r["jurisdiction"] for r in raw_rows() if r["actor"] == "operator"}
    assert {"GB", "FR", "JP", "DE", "NO", "CA", "VN", "KR", "DK"} <= operators
    assert {r["level"] for r in raw_rows() if r["actor"] == "operator"} == {"de_facto_exclusion"}


def test_the_french_signals_are_dated_by_the_reuters_report():
    row = next(r for r in raw_rows() if r["id"] == "FR-2020-01")
    assert row["announced"] == "2020-07-22"
