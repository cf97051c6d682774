"""The sources appendix lists exactly the distinct sources of the data with their kinds, no row
cites a file, and a row's kind of source caps its confidence."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from briefing import paths
from briefing.data import sources, tables
from briefing.errors import DataError

DAY = dt.date(2026, 11, 1)


def curated_tables() -> list[dict]:
    """Every table of the data package whose rows carry their own sources (not a provenance)."""
    package = json.loads(paths.DATAPACKAGE.read_text())
    return [r for r in package["resources"] if "provenance" not in r["briefing"]["sources"]]


CURATED = [resource["name"] for resource in curated_tables()]


def codebook_json() -> dict:
    return json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))


def kinds_in_codebook(table: str | None = None) -> dict[str, dict]:
    """The codebook's kinds of source, read from its JSON: code -> the value's entry; those of
    ``table``'s own section where it defines them."""
    raw = codebook_json()
    sections = [spec for spec in raw.get("tables", []) if spec["table"] == table]
    fields = [*(sections[0]["fields"] if sections else []), *raw["fields"]]
    field = next(f for f in fields if f["name"] == "source_kind")
    return {value["code"]: value for value in field["values"]}


def independent_sources(day: dt.date) -> set[tuple[str, str, str, str]]:
    """(url, publisher, date, kind) of every source, main or second, of the rows dated on or
    before ``day``, read with the csv module."""
    package = json.loads(paths.DATAPACKAGE.read_text())
    found = set()
    for resource in package["resources"]:
        spec = resource["briefing"]
        if not (paths.DATA / resource["path"]).is_file():
            continue  # a local table not made on this machine
        if "provenance" in spec["sources"]:
            record = json.loads((paths.DATA / spec["sources"]["provenance"]).read_text())
            source = record["inputs"][0]
            found.add((source["url"], source["publisher"], source["date"], source["kind"]))
            continue
        column = spec["as_of"]["column"]
        # A row's second source, where it gives one, is cited as its main source is.
        cited = [spec["sources"], *([spec["second_sources"]] if "second_sources" in spec else [])]
        with (paths.DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row[column] > day.isoformat():
                    continue
                found.update(
                    (
                        row[roles["url"]],
                        row[roles["publisher"]],
                        row[roles["date"]],
                        row[roles["kind"]],
                    )
                    for roles in cited
                    if row[roles["url"]]
                )
    return found


def test_the_appendix_lists_exactly_the_distinct_sources_in_the_data():
    cited = sources.cited(DAY)
    listed = {
        (r.source_url, r.source_publisher, r.source_date.date().isoformat(), r.source_kind)
        for r in cited.itertuples()
    }
    assert listed == independent_sources(DAY)
    assert len(cited) == len(listed)  # one row per source: one title and one kind each
    assert set(cited["source_kind"]) <= set(kinds_in_codebook())


def test_an_earlier_edition_cites_fewer_sources():
    assert len(sources.cited(dt.date(2020, 6, 30))) < len(sources.cited(DAY))


def test_no_row_cites_a_file_of_the_repository():
    for name in CURATED:
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


# --- Kinds of source ---------------------------------------------------------------------------


def test_every_curated_table_names_its_kind_of_source_in_the_codebooks_vocabulary():
    vocabulary = list(kinds_in_codebook())
    assert vocabulary == [
        "government",
        "regulator",
        "company",
        "research",
        "news",
        "aggregator",
        "state_media",
    ]
    declared = curated_tables()
    assert {
        "restrictions",
        "milestones",
        "entity_list_rules",
        "semiconductor_self_sufficiency",
    } <= {r["name"] for r in declared}
    for resource in declared:
        assert resource["briefing"]["sources"]["kind"] == "source_kind", resource["name"]
        schema = json.loads((paths.DATA / resource["schema"]).read_text())
        field = next(f for f in schema["fields"] if f["name"] == "source_kind")
        assert field["constraints"] == {"required": True, "enum": vocabulary}, resource["name"]


def test_no_row_citing_an_aggregator_or_state_media_is_of_high_confidence():
    # Read with the csv module and the codebook's JSON, without the loader's rule.
    def caps_of(table: str | None) -> dict[str, str | None]:
        return {
            code: value.get("rules", {}).get("confidence_at_most")
            for code, value in kinds_in_codebook(table).items()
        }

    caps = caps_of(None)
    assert caps["aggregator"] == "medium" and caps["state_media"] == "low"
    assert {code for code, cap in caps.items() if cap} == {"aggregator", "state_media"}
    # China's state media announce China's own measures: evidence of the announcement.
    assert caps_of("china_measures")["state_media"] == "medium"
    scale = ["high", "medium", "low"]
    checked = 0
    for resource in curated_tables():
        name = resource["name"]
        caps = caps_of(name)
        with (paths.DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                cap = caps[row["source_kind"]]
                if cap:
                    checked += 1
                    assert scale.index(row["confidence"]) >= scale.index(cap), (name, row)
    assert checked  # the tables do cite aggregators and mirrors


def test_one_source_has_one_kind_and_one_title_across_the_tables():
    seen: dict[str, tuple[str, str]] = {}
    for resource in curated_tables():
        with (paths.DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                kind_title = (row["source_kind"], row.get("source_title", ""))
                assert seen.setdefault(row["source_url"], kind_title) == kind_title, row
                # State media only ever report their own government's measures: China's, in
                # its own table or in the status changes and deadlines of its measures.
                about = row.get("measure_table", resource["name"])
                assert row["source_kind"] != "state_media" or about == "china_measures"


def with_row_changed(tmp_path, table: str, row_id: str, **cells) -> Path:
    """A copy of a curated table with cells of one row (found by its first column) changed."""
    original = paths.CURATED / f"{table}.csv"
    with original.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    for row in rows:
        if row[header[0]] == row_id:
            row.update(cells)
    broken = tmp_path / f"{table}.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return broken


def line_of(table: str, row_id: str) -> int:
    """The row number the loader reports for a row (the header is row 1)."""
    with (paths.CURATED / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row[0] for row in csv.reader(handle)]
    return ids.index(row_id) + 1


@pytest.mark.parametrize(
    ("table", "row_id", "kind"),
    [
        ("milestones", "US-2018-fujian-jinhua-entity-list", "state_media"),
        ("entity_list_rules", "2021-13395", "aggregator"),
        (
            "semiconductor_self_sufficiency",
            "icinsights-2019-02-china-based-share-2013",
            "aggregator",
        ),
        ("restrictions", "GB-2021-01", "state_media"),
    ],
)
def test_a_high_confidence_row_citing_an_aggregator_or_state_media_is_refused(
    tmp_path, table, row_id, kind
):
    broken = with_row_changed(tmp_path, table, row_id, source_kind=kind, confidence="high")
    with pytest.raises(DataError) as caught:
        tables.load(table, path=broken)
    error = caught.value
    assert (error.path, error.row, error.field, error.value) == (
        broken,
        line_of(table, row_id),
        "confidence",
        "high",
    )
    assert kind in error.rule and "at most" in error.rule and "codebook.json" in error.rule
    assert str(broken) in str(error) and f"row {error.row}, field 'confidence'" in str(error)


def test_state_media_may_be_cited_at_low_confidence_only(tmp_path):
    medium = with_row_changed(
        tmp_path,
        "milestones",
        "US-2018-fujian-jinhua-entity-list",
        source_kind="state_media",
        confidence="medium",
    )
    with pytest.raises(DataError, match="confidence"):
        tables.load("milestones", path=medium)
    low = with_row_changed(
        tmp_path,
        "milestones",
        "US-2018-fujian-jinhua-entity-list",
        source_kind="state_media",
        confidence="low",
    )
    assert len(tables.load("milestones", path=low)) == len(tables.load("milestones"))


def test_an_unknown_kind_of_source_is_refused_by_the_schema(tmp_path):
    broken = with_row_changed(tmp_path, "milestones", "US-2018-ecra", source_kind="blog")
    with pytest.raises(DataError) as caught:
        tables.load("milestones", path=broken)
    assert caught.value.field == "source_kind" and caught.value.value == "blog"


def test_the_appendix_names_the_tables_citing_a_source_as_the_pages_do():
    """The Cited by column gives each table's title (as the pages name it), never its name,
    linked to the page that shows the table's rows."""
    from briefing.chapters import registry
    from briefing.chapters import sources as appendix
    from briefing.data import codebook
    from briefing.outputs import display

    cited = sources.cited(DAY)
    shown = appendix.appendix_table(cited, codebook.load())
    package = json.loads(paths.DATAPACKAGE.read_text())
    titles = {r["name"]: r["title"] for r in package["resources"]}
    for internal, reader, pages in zip(cited["tables"], shown["Cited by"], shown["pages"]):
        assert reader == [titles[name] for name in internal.split(", ")]
        assert pages == [registry.page_of(name) for name in internal.split(", ")]
    # Every declared table is shown on one registered page, which exists.
    for name in titles:
        claimed = [c for c in registry.CHAPTERS if name in c.tables]
        assert len(claimed) == 1, name
        assert claimed[0].page.is_file()
    row = shown[shown["Cited by"].map(len) > 1].iloc[0]
    cell = display._cell_html(row, "Cited by", {"Cited by": "pages"})
    for title, page in zip(row["Cited by"], row["pages"], strict=True):
        assert f'<a href="{page}">{display.html.escape(title)}</a>' in cell
    assert not re.search(r">[a-z]+_[a-z_]+<", cell)
    # A page link is a page of the site, never anything else.
    bad = pd.Series({"Cited by": ["A", "B"], "pages": ["javascript:alert(1)", None]})
    assert display._cell_html(bad, "Cited by", {"Cited by": "pages"}) == "A; B"
