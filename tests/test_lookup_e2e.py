"""A reader looks an entry under China up by name on the Entity List page of the session's build,
which, like a fresh clone's `make briefing`, was made with no local table in the copy: the build
made the table from the snapshot it had at hand (tests/project_copy.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from support import site_checks

from briefing.steps import entity_list_snapshot as parsed

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not parsed.SNAPSHOT.is_file(),
        reason=f"shared Entity List snapshot absent: {parsed.SNAPSHOT}",
    ),
]

NAME = "Huawei Technologies Co., Ltd."
# The table's id is on a <figure> in the fallback, on a <div> in Quarto's float.
LOOKUP = "#tbl-entity-list-china-entries"
DESK = {"width": 1366, "height": 900}


def snapshot_china_names() -> list[str]:
    """An independent count, with pandas on the snapshot file: every entry under China."""
    raw = pd.DataFrame(pd.read_json(parsed.SNAPSHOT, typ="series")["entities"])
    return raw.loc[raw["country"] == "China", "name"].tolist()


@pytest.fixture(scope="module")
def looked_up(built, browser) -> dict:
    """The lookup table before and after typing a name in its search box, as a reader sees it."""
    site = built / "reports" / "site"
    with site_checks.served(site) as origin:
        page = browser.new_page(viewport=DESK)
        page.goto(f"{origin}/entity_list.html", wait_until="load")
        site_checks.wait_until_drawn(page)
        lookup = page.locator(LOOKUP)
        before = lookup.locator(".dt-info").inner_text()
        lookup.locator("input.dt-input[type=search]").fill(NAME)
        page.wait_for_timeout(300)
        found = {
            "before": before,
            "after": lookup.locator(".dt-info").inner_text(),
            "rows": lookup.locator("table.dataTable tbody tr").all_inner_texts(),
        }
        page.close()
    return found


def _total(info: str) -> int:
    # DataTables' line: "Showing 1 to 10 of 1,106 entries", with "(filtered from ...)" after a search.
    match = re.search(r"of ([\d,]+) entries", info)
    assert match, info
    return int(match[1].replace(",", ""))


def test_the_build_made_the_lookup_and_said_so(session_build):
    assert "Made the local table data/derived/entity_list_china_entries.csv" in session_build.output


def test_every_china_entry_of_the_snapshot_is_in_the_lookup(looked_up):
    count = len(snapshot_china_names())
    assert count > 1000
    assert _total(looked_up["before"]) == count


def test_a_reader_finds_an_entry_by_name(looked_up):
    assert _total(looked_up["after"]) < 10 and "filtered from" in looked_up["after"]
    assert any(row.split("\t")[0].strip() == NAME for row in looked_up["rows"]), looked_up["rows"]
    # DataTables matches each word of the search: every row found names Huawei.
    assert all("Huawei" in row for row in looked_up["rows"])


def test_the_csv_download_holds_every_china_entry(built):
    download = (
        built / "reports" / "site" / "reports" / "downloads" / "entity_list_china_entries.csv"
    )
    table = pd.read_csv(download)
    # Each by its name; an address-only entry ("Address 01") with its address after the name.
    assert sorted(table["name"].str.replace(r"^(Address \d+): .*", r"\1", regex=True)) == sorted(
        snapshot_china_names()
    )
    assert (table["name"] == NAME).sum() == 1
