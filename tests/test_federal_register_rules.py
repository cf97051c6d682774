"""The Federal Register API's snapshot names the rules the rules table does not hold, in
`entity_list_rules_from_snapshot`; its record lists the snapshot as an input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from briefing.data import provenance, tables
from briefing.errors import DataError
from briefing.steps import entity_list as el
from briefing.steps import entity_list_sources as sources
from briefing.steps import federal_register_rules as register

FIXTURES = Path(__file__).parent / "fixtures"
RECORDED = FIXTURES / "ecfr" / "full" / "2026-12-04" / "title-15.xml"
# Hand-made, in the API's documented fields: a test document (number 0000-00001), not a real one.
TEST_DOCUMENT = {
    "document_number": "0000-00001",
    "citation": "87 FR 12226",
    "publication_date": "2022-03-03",
    "start_page": 12226,
    "end_page": 12240,
}


def _snapshot(raw: Path, results: list[dict], day: str = "2026-12-04") -> Path:
    folder = raw / register.SOURCE / day
    folder.mkdir(parents=True)
    page = json.dumps({"count": len(results), "results": results}).encode()
    (folder / "entity-list-rules-page-1.json").write_bytes(page)
    provenance.write(
        folder / provenance.FILE_NAME,
        provenance.Provenance(
            producer="Office of the Federal Register",
            title="Federal Register API: Entity List rules",
            url="https://www.federalregister.gov/api/v1/documents.json",
            date_retrieved="2026-12-04T06:00:00+00:00",
            files=[provenance.describe_file("entity-list-rules-page-1.json", page)],
        ),
    )
    return folder


def _rows(*rows: tuple[str, int, int, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "publication_date": pd.Timestamp(day),
                "fr_volume": volume,
                "first_page_cited": page,
                "fr_citation": f"{volume} FR {page}",
                "document_number": None,
                "matched": matched,
            }
            for day, volume, page, matched in rows
        ]
    )


def test_a_rule_outside_the_rules_table_takes_the_document_holding_its_first_page(tmp_path):
    served = json.loads((FIXTURES / "entity_list" / "federal_register_page.json").read_text())
    found = register.documents(_snapshot(tmp_path, [*served["results"], TEST_DOCUMENT]))
    table = _rows(
        ("2019-05-21", 84, 22963, "no"),  # within 2019-10616, which starts on page 22961
        ("2022-03-03", 87, 12241, "no"),  # past the test document's last page
        ("2022-03-04", 87, 12300, "no"),  # no document that day
        ("2022-03-03", 87, 12226, "yes"),  # a rule of the rules table: left as it is
    )
    named = register.name_rules(table, found)
    assert list(named["document_number"]) == ["2019-10616", None, None, None]
    assert list(named["fr_citation"]) == [
        "84 FR 22961",
        "87 FR 12241",
        "87 FR 12300",
        "87 FR 12226",
    ]
    assert list(named["matched"]) == list(table["matched"])


def test_a_citation_in_another_form_is_refused_with_the_page_and_field(tmp_path):
    folder = _snapshot(tmp_path, [{**TEST_DOCUMENT, "citation": "87 F.R. 12226"}])
    with pytest.raises(DataError) as caught:
        register.documents(folder)
    assert "entity-list-rules-page-1.json" in str(caught.value) and "citation" in str(caught.value)


def test_derive_names_the_rules_and_lists_the_register_as_an_input(tmp_path):
    raw = tmp_path / "raw"
    (raw / "ecfr" / "2026-12-04").mkdir(parents=True)
    shutil.copy(RECORDED, raw / "ecfr" / "2026-12-04" / sources.ECFR_FILE)
    _snapshot(raw, [TEST_DOCUMENT])
    written = {p.name: p for p in el.derive(derived=tmp_path / "d", raw_root=raw)}
    found = tables.load(
        "entity_list_rules_from_snapshot", path=written["entity_list_rules_from_snapshot.csv"]
    ).set_index("publication_date")
    # Aeroflot, first cited 87 FR 12226 on 3 March 2022: a rule outside the rules table.
    assert found.loc["2022-03-03", "document_number"] == "0000-00001"
    assert found.loc["2022-03-03", "matched"] == "no"
    record = provenance.read(written["entity_list_rules_from_snapshot.provenance.json"])
    assert len(record.inputs) == 3  # the list, the rules table, the register
    assert record.inputs[0]["kind"] == record.inputs[-1]["kind"] == "government"
    assert record.inputs[-1]["path"] == "2026-12-04/provenance.json"
    # The other tables do not read the register.
    assert len(provenance.read(written["entity_list_by_year.provenance.json"]).inputs) == 1
