"""The sources appendix lists exactly the distinct sources of the data, and no row cites a file."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re

import pytest

from briefing import paths
from briefing.data import sources, tables
from briefing.errors import DataError

DAY = dt.date(2026, 11, 1)


def independent_sources(day: dt.date) -> set[tuple[str, str, str]]:
    """(url, publisher, date) of every row dated on or before ``day``, read with the csv module."""
    package = json.loads(paths.DATAPACKAGE.read_text())
    found = set()
    for resource in package["resources"]:
        spec = resource["briefing"]
        if "provenance" in spec["sources"]:
            record = json.loads((paths.DATA / spec["sources"]["provenance"]).read_text())
            source = record["inputs"][0]
            found.add((source["url"], source["publisher"], source["date"]))
            continue
        roles, column = spec["sources"], spec["as_of"]["column"]
        with (paths.DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row[column] <= day.isoformat():
                    found.add((row[roles["url"]], row[roles["publisher"]], row[roles["date"]]))
    return found


def test_the_appendix_lists_exactly_the_distinct_sources_in_the_data():
    cited = sources.cited(DAY)
    listed = {
        (r.source_url, r.source_publisher, r.source_date.date().isoformat())
        for r in cited.itertuples()
    }
    assert listed == independent_sources(DAY)
    assert len(cited) == len(listed)  # one row per source


def test_an_earlier_edition_cites_fewer_sources():
    assert len(sources.cited(dt.date(2020, 6, 30))) < len(sources.cited(DAY))


def test_no_row_cites_a_file_of_the_repository():
    for name in (
        "restrictions",
        "milestones",
        "entity_list_rules",
        "semiconductor_self_sufficiency",
    ):
        frame = tables.load(name)
        assert frame["source_url"].str.match(r"https?://").all(), name


def test_a_seed_file_name_as_a_source_is_refused(tmp_path):
    original = paths.CURATED / "milestones.csv"
    rows = original.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    first = next(csv.reader([rows[1]]))
    first[header.index("source_url")] = "seeds/000_96defbd2b6c32daf.txt"
    broken = tmp_path / "milestones.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerow(first)
    with pytest.raises(DataError, match=re.escape("source_url")):
        tables.load("milestones", path=broken)
