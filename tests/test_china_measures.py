"""Chapter 6, China's response: the table of China's measures, its codebook, and the chapter's numbers."""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics

import nbformat
import pandas as pd
import pytest
from support import findings

from briefing import paths
from briefing.chapters import china_measures as chapter
from briefing.chapters import registry
from briefing.charts import china_measures as china_charts
from briefing.charts import china_timeline
from briefing.charts.palette import FOCUS_COLOUR
from briefing.counting import answers
from briefing.data import codebook, package, tables
from briefing.errors import DataError
from briefing.outputs.display import KEY_NUMBERS_MIME
from briefing.vocabulary import china_measures as vocab

NOTEBOOK = paths.NOTEBOOKS / "china_measures.ipynb"
SCHEMA = json.loads((paths.DATA / "schemas" / "china_measures.json").read_text(encoding="utf-8"))
FIELDS = {spec["name"]: spec for spec in SCHEMA["fields"]}
# The vocabulary of source kinds every curated table shares, read from the codebook's JSON
# (tests/test_sources.py pins the list itself).
SOURCE_KINDS = [
    value["code"]
    for field in json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))["fields"]
    if field["name"] == "source_kind"
    for value in field["values"]
]
CODED = ["kind", "actor", "scope", "status", "date_kind", "binding", "confidence"]


def raw_rows(name: str = "china_measures") -> list[dict[str, str]]:
    """A curated CSV as text, read without the package's loader."""
    with (paths.CURATED / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_section() -> dict:
    raw = json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))
    return next(spec for spec in raw["tables"] if spec["table"] == "china_measures")


# --- the table, its schema and its codebook -------------------------------------------------


def test_the_table_is_declared_with_its_date_sources_and_codebook():
    declared = package.table("china_measures")
    assert declared.date_column == "date"
    assert declared.source_columns == {
        "kind": "source_kind",
        "url": "source_url",
        "publisher": "source_publisher",
        "date": "source_date",
        "title": "source_title",
    }
    assert declared.codebook == paths.DATA / "codebook.json"
    assert codebook.load(table="china_measures").table == "china_measures"
    assert "china_measures" in codebook.tables()


@pytest.mark.parametrize("name", CODED)
def test_each_coded_field_has_the_codebook_values_as_its_schema_enum(name):
    codes = [
        v["code"] for v in next(f for f in raw_section()["fields"] if f["name"] == name)["values"]
    ]
    spec = FIELDS[name]
    if name == "binding":
        assert (spec["type"], spec["trueValues"], spec["falseValues"]) == (
            "boolean",
            ["yes"],
            ["no"],
        )
        assert codes == ["yes", "no"]
    else:
        assert spec["constraints"]["enum"] == codes, name
        assert codebook.load(table="china_measures").field(name).schema_enum() == codes


def test_every_enumerated_column_is_in_the_codebook_or_the_shared_source_kinds():
    enumerated = {name for name, spec in FIELDS.items() if "enum" in spec.get("constraints", {})}
    assert enumerated - {"source_kind", "second_source_kind"} <= {
        f["name"] for f in raw_section()["fields"]
    }
    assert FIELDS["source_kind"]["constraints"]["enum"] == SOURCE_KINDS
    assert FIELDS["second_source_kind"]["constraints"]["enum"] == SOURCE_KINDS


def test_every_value_has_a_label_and_a_definition_and_kinds_a_short_label():
    for spec in raw_section()["fields"]:
        codes = [value["code"] for value in spec["values"]]
        assert len(codes) == len(set(codes)), spec["name"]
        for value in spec["values"]:
            assert value["label"].strip() and len(value["definition"]) >= 20, value["code"]
    assert all(vocab.kinds().values())


def test_a_codebook_without_the_tables_section_is_a_data_error(tmp_path):
    from briefing.errors import DataError

    raw = json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))
    del raw["tables"]
    broken = tmp_path / "codebook.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError, match="no section for table 'china_measures'"):
        codebook.load(broken, table="china_measures")


def test_the_loader_reads_every_row_typed():
    frame = tables.load("china_measures")
    assert len(frame) == len(raw_rows())
    assert frame["binding"].dtype == "boolean"
    assert str(frame["date"].dtype).startswith("datetime64")


def test_every_row_is_sourced():
    for row in raw_rows():
        assert row["source_url"].startswith(("http://", "https://")), row["id"]
        assert row["source_publisher"].strip() and row["source_date"], row["id"]
        assert row["source_kind"] in SOURCE_KINDS, row["id"]
        assert "seeds/" not in row["source_url"] and ".txt" not in row["source_url"], row["id"]
        if row["answers"]:
            # A link to an answered measure carries its own source.
            assert row["answers_source_url"].startswith(("http://", "https://")), row["id"]
            assert row["answers_source_publisher"].strip(), row["id"]
        else:
            assert not row["answers_source_url"], row["id"]


def test_a_row_resting_on_state_media_or_an_aggregator_alone_is_not_high_confidence():
    for row in raw_rows():
        if row["source_kind"] in ("state_media", "aggregator"):
            assert row["confidence"] != "high", row["id"]


def test_every_answers_id_is_a_row_of_another_table_and_not_chinese():
    known = {row["id"]: row["jurisdiction"] for row in raw_rows("milestones")}
    known |= {row["id"]: row["jurisdiction"] for row in raw_rows("restrictions")}
    known |= {row["document_number"]: "US" for row in raw_rows("entity_list_rules")}
    linked = 0
    for row in raw_rows():
        for answered in filter(None, row["answers"].split(";")):
            assert answered in known, (row["id"], answered)
            assert known[answered] != "CN", (row["id"], answered)
            linked += 1
    assert linked >= 10


def test_the_rows_dates_agree_with_their_entry_into_force():
    for row in raw_rows():
        if row["in_force"]:
            assert row["in_force"] >= row["date"], row["id"]
        # A source reports a measure on or after its date (ISO dates compare as text).
        assert row["source_date"] >= row["date"], row["id"]


# --- the computation, on small frames ---------------------------------------------------------


def measure(id_, date, kind="export_control", answers=None, targets=None):
    return {
        "id": id_,
        "date": pd.Timestamp(date),
        "date_kind": "announced",
        "kind": kind,
        "title": f"Measure {id_}",
        "answers": answers,
        "answers_source_url": "https://example.org/link" if answers else None,
        "answers_source_publisher": "Publisher" if answers else None,
        "target_countries": targets,
        "source_publisher": "Publisher",
    }


def foreign(id_, date, jurisdiction="US", table="milestones", date_kind="announced"):
    return {
        "id": id_,
        "table": table,
        "jurisdiction": jurisdiction,
        "date": pd.Timestamp(date),
        "date_kind": date_kind,
        "kind": "Chip export controls",
        "title": f"Foreign {id_}",
        "source_publisher": "Publisher",
    }


@pytest.fixture
def small():
    measures = pd.DataFrame(
        [
            measure("CN-2023-a", "2023-07-03", answers="US-1;JP-1"),
            measure(
                "CN-2023-b", "2023-10-20", kind="list_designation", answers="US-2", targets="US"
            ),
            measure("CN-2024-c", "2024-01-05", kind="investigation", targets="JP;US"),
        ]
    )
    others = pd.DataFrame(
        [
            foreign("US-1", "2022-10-07"),
            foreign("JP-1", "2023-07-23", jurisdiction="JP"),
            # Every date an announcement, so that each pair has a lag.
            foreign("US-2", "2023-10-17"),
        ]
    )
    return measures, others


def test_answer_pairs_count_days_only_from_announcement_to_announcement(small):
    measures, others = small
    pairs = answers.answer_pairs(measures, others)
    assert list(zip(pairs["china_id"], pairs["answered_id"], pairs["lag_days"])) == [
        ("CN-2023-a", "US-1", 269),
        ("CN-2023-a", "JP-1", -20),
        ("CN-2023-b", "US-2", 3),
    ]
    # Deliberately changed (issue 21): an entry into force, a publication or a report is not
    # paired with an announcement, so those pairs are listed without a lag.
    in_force = others.assign(date_kind=["effective", "announced", "published"])
    lags = answers.answer_pairs(measures, in_force)["lag_days"]
    assert lags.isna().tolist() == [True, False, True] and lags.iloc[1] == -20
    reported = measures.assign(date_kind="reported")
    assert answers.answer_pairs(reported, others)["lag_days"].isna().all()


def test_an_announcement_the_row_gives_times_a_pair_whose_answered_row_is_dated_otherwise(small):
    measures, others = small
    in_force = others.assign(date_kind=["effective", "effective", "announced"])
    # CN-2023-a gives the announcement of US-1 only; JP-1 keeps its entry into force, untimed.
    given = measures.assign(
        answers_announced=["2022-10-07;", None, None],
        answers_announced_source_publisher=["BIS;", None, None],
    )
    pairs = answers.answer_pairs(given, in_force)
    assert pairs["lag_days"].iloc[0] == 269 and pd.isna(pairs["lag_days"].iloc[1])
    assert pairs["answered_announced_source"].iloc[0] == "BIS"
    assert pairs["lag_from"].iloc[0] == pd.Timestamp("2022-10-07")
    # An announcement given for a row already dated by its announcement changes nothing.
    same = measures.assign(answers_announced=[None, "2020-01-01", None])
    same = same.assign(answers_announced_source_publisher=[None, "X", None])
    assert answers.answer_pairs(same, others)["lag_days"].tolist() == [269, -20, 3]
    # Lists of another length than answers are refused, naming the field.
    short = measures.assign(
        answers_announced=["2022-10-07", None, None],
        answers_announced_source_publisher=["BIS", None, None],
    )
    with pytest.raises(DataError) as caught:
        answers.answer_pairs(short, in_force)
    assert caught.value.field == "answers_announced" and "CN-2023-a" in str(caught.value)


def test_every_timed_pair_in_the_table_runs_from_announcement_to_announcement():
    measures = tables.load("china_measures")
    foreign = answers.foreign_measures(
        tables.load("milestones"), tables.load("restrictions"), tables.load("entity_list_rules")
    )
    pairs = answers.answer_pairs(measures, foreign)
    timed = pairs.dropna(subset=["lag_days"])
    # Each lag runs from the answered row's announcement or from one a source gives for it.
    own = timed["answered_date_kind"] == "announced"
    assert (timed.loc[own, "lag_from"] == timed.loc[own, "answered_date"]).all()
    assert timed.loc[~own, "answered_announced"].notna().all()
    assert (timed["china_date"] - timed["lag_from"]).dt.days.tolist() == timed["lag_days"].tolist()
    # No answer is timed before what it answers: a negative lag is left untimed, with a reason.
    assert (timed["lag_days"] >= 0).all()
    untimed = pairs[pairs["lag_days"].isna()]
    notes = dict(zip(measures["id"], measures["notes"]))
    for china_id in untimed["china_id"]:
        assert "Not timed" in notes[china_id], china_id


def test_an_answered_row_after_the_edition_makes_no_pair(small):
    measures, others = small
    pairs = answers.answer_pairs(measures, others[others["id"] != "JP-1"])
    assert list(pairs["answered_id"]) == ["US-1", "US-2"]


def test_counts_by_kind_and_year(small):
    measures, _ = small
    counts = chapter.counts_by_kind_and_year(measures)
    assert counts.to_dict("records") == [
        {"kind": "list_designation", "year": 2023, "measures": 1},
        {"kind": "export_control", "year": 2023, "measures": 1},
        {"kind": "investigation", "year": 2024, "measures": 1},
    ]


@pytest.mark.parametrize(
    ("day", "last_tick"),
    [(dt.date(2024, 6, 30), "2024<br>to 30 Jun"), (dt.date(2024, 12, 31), "2024")],
)
def test_the_edition_s_unfinished_year_says_where_its_count_stops(small, day, last_tick):
    counts = chapter.counts_by_kind_and_year(small[0])
    axis = china_charts.counts_chart(counts, day).layout.xaxis
    assert list(axis.tickvals) == ["2023", "2024"]
    assert list(axis.ticktext) == ["2023", last_tick]


def test_what_touches_the_focus_names_it_or_answers_it(small):
    measures, others = small
    pairs = answers.answer_pairs(measures, others)
    assert list(answers.touching(measures, pairs, "JP")["id"]) == ["CN-2023-a", "CN-2024-c"]
    assert list(answers.touching(measures, pairs, "KR")["id"]) == []


def test_findings_say_plainly_when_nothing_touches_the_focus(small):
    measures, others = small
    found = {f.key: f for f in chapter.findings(measures, others, "KR", dt.date(2024, 6, 30))}
    assert "None of the 3 measures China took named South Korea" in found["china_focus"].text
    assert found["china_focus"].values["touching"] == 0
    assert found["china_answer_lags"].values["pairs"] == 3
    assert found["china_answer_lags"].values["median_lag_days"] == 3
    lags = found["china_answer_lags"].text
    assert "2 of China's measures answered US or allied measures" in lags
    assert ", 3 answers in all;" in lags
    assert "of the 3 timed from announcement to announcement, the median came 3 days after" in lags
    # Deliberately changed: the answers dated before the measure answered are a finding of
    # their own, and the date is said once, in the lead line.
    before = found["china_answer_before"]
    assert before.values["before_answered"] == 1
    assert "In 1 case China announced its measure before the measure it answers" in before.text
    timed_none = chapter.findings(
        measures, others.assign(date_kind="effective"), "KR", dt.date(2024, 6, 30)
    )
    untimed = {f.key: f for f in timed_none}
    assert "no answer can be timed from announcement to announcement" in (
        untimed["china_answer_lags"].text
    )
    assert untimed["china_answer_lags"].values["median_lag_days"] is None
    assert "china_answer_before" not in untimed
    assert found["china_measures_count"].values["by_year"] == {2023: 2, 2024: 1}
    assert "the most, 2, came in 2023" in found["china_measures_count"].text
    assert sum(found["china_measures_by_kind"].values["by_kind"].values()) == 3
    assert "30 June 2024" in chapter.lead(dt.date(2024, 6, 30))
    for finding in found.values():
        assert "30 June 2024" not in finding.text
        assert "KR" not in finding.text and "CN-20" not in finding.text
        for term in ("the table", "pair", "tied by", "reads negative"):
            assert term not in finding.text, (term, finding.text)


def test_each_finding_links_to_a_figure_the_page_shows(small):
    measures, others = small
    page = (paths.ROOT / "china_measures.qmd").read_text(encoding="utf-8")
    labels = {label(cell) for cell in nbformat.read(NOTEBOOK, as_version=4).cells}
    found = {
        f.key: f.figure for f in chapter.findings(measures, others, "JP", dt.date(2024, 6, 30))
    }
    assert found == {
        "china_measures_count": "fig-china-counts",
        "china_measures_by_kind": "fig-china-counts",
        "china_answer_lags": "fig-china-timeline",
        "china_answer_before": "fig-china-timeline",
        "china_focus": "fig-china-timeline",
    }
    for figure in found.values():
        assert figure in labels and f"china_measures.ipynb#{figure} >}}}}" in page


def test_the_key_number_counts_what_touches_the_focus(small):
    measures, others = small
    day = dt.date(2024, 6, 30)
    (japan,) = chapter.key_numbers(measures, others, "JP", day)
    # CN-2023-a answers a Japanese row; CN-2024-c names Japan among its targets.
    assert (japan.value, japan.number, japan.figure) == ("2 of 3", 2, "fig-china-timeline")
    assert japan.as_of == "30 June 2024"
    assert "name Japan or its firms as a target, or answer one of its measures" in japan.definition
    assert "from July 2023 on" in japan.definition
    (korea,) = chapter.key_numbers(measures, others, "KR", day)
    assert (korea.value, korea.number) == ("0 of 3", 0)
    (china,) = chapter.key_numbers(measures, others, "CN", day)
    assert (china.value, china.number) == ("3", 3)
    assert chapter.key_numbers(measures.iloc[0:0], others, "JP", day) == []


def test_findings_without_any_measure_say_so():
    empty = tables.load("china_measures").iloc[0:0]
    found = chapter.findings(
        empty, pd.DataFrame(columns=answers.FOREIGN_COLUMNS), "JP", dt.date(2019, 1, 1)
    )
    assert [f.key for f in found] == ["china_measures_count", "china_answer_lags", "china_focus"]
    assert "No measure taken by China against foreign firms or governments" in found[0].text
    assert "No measure of China's had a source saying it answers" in found[1].text


def test_the_timeline_puts_foreign_lanes_above_chinas_and_joins_each_pair(small):
    measures, others = small
    pairs = answers.answer_pairs(measures, others)
    concerning = chapter.concerning(measures, pairs, "JP")
    fig = china_timeline.timeline_chart(measures, others, pairs, concerning, "JP")
    lanes = list(fig.layout.yaxis.categoryarray)[::-1]  # top to bottom
    assert lanes[:2] == ["United States", "Japan"]
    assert all(lane.startswith("China: ") for lane in lanes[2:])
    links = [trace for trace in fig.data if trace.mode == "lines"]
    assert sum(list(trace.x).count(None) for trace in links) == 3
    # The link to Japan's measure is drawn in the focus colour, the others in grey.
    (focused,) = [trace for trace in links if trace.line.color == FOCUS_COLOUR]
    assert list(focused.x).count(None) == 1
    names = {trace.name for trace in fig.data}
    # China's measures by kind, the US and allied ones as one category, Japan's as the focus.
    assert {"US and allied measures", "Export controls", "List designations"} <= names
    assert {"Japan (focus)", "Concerning Japan (focus)"} <= names
    (ring,) = [trace for trace in fig.data if trace.name == "Concerning Japan (focus)"]
    assert sorted(ring.x) == ["2023-07-03", "2024-01-05"]  # CN-2023-a and CN-2024-c
    assert all("JP" not in str(trace.y) for trace in fig.data)  # names, not codes
    assert "Japan" in fig.layout.title.text.replace("<br>", " ")
    concerning = chapter.concerning(measures, pairs, "KR")
    korea = china_timeline.timeline_chart(measures, others, pairs, concerning, "KR")
    assert "Japan" not in korea.layout.title.text
    assert not [t for t in korea.data if t.line.color == FOCUS_COLOUR or "focus" in t.name]


# --- the notebook, for two editions, against an independent computation -----------------------


def published_by(frame: pd.DataFrame, day: str) -> pd.Series:
    """Rows whose main or second source (ISO dates as text) was published by ``day``."""
    main = frame["source_date"].astype(str) <= day
    second = frame["second_source_date"].astype("string").fillna("")
    return main | ((second != "") & (second <= day))


def expected_from_csv(day: str, focus: str) -> dict:
    """The chapter's numbers computed here from the raw CSVs, without the package."""
    cut = pd.Timestamp(day)
    rows = pd.read_csv(paths.CURATED / "china_measures.csv", parse_dates=["date"], dtype=str)
    rows["date"] = pd.to_datetime(rows["date"])
    # Only rows with a source (main or second) published by then; a link whose own source is
    # later is not known yet.
    rows = rows[(rows["date"] <= cut) & published_by(rows, day)].copy()
    rows.loc[rows["answers_source_date"].fillna("") > day, "answers"] = None
    # The answered measures' announcements a row gives are known from their own source's date.
    rows.loc[rows["answers_announced_source_date"].fillna("") > day, "answers_announced"] = None
    milestones = pd.read_csv(paths.CURATED / "milestones.csv", parse_dates=["date"])
    milestones = milestones[
        (milestones["date"] <= cut)
        & (milestones["jurisdiction"] != "CN")
        & published_by(milestones, day)
    ]
    events = pd.read_csv(paths.CURATED / "restrictions.csv", parse_dates=["announced"])
    events = events[
        (events["announced"] <= cut) & (events["jurisdiction"] != "CN") & published_by(events, day)
    ]
    rules = pd.read_csv(
        paths.CURATED / "entity_list_rules.csv",
        parse_dates=["publication_date"],
        dtype={"document_number": str},
    )
    rules = rules[(rules["publication_date"] <= cut) & published_by(rules, day)]
    # (date, jurisdiction, whether the date is an announcement) of every row China may answer:
    # restrictions are dated by their announcement, rules by their publication.
    dates = {
        **{
            id_: (date, where, kind == "announced")
            for id_, date, where, kind in zip(
                milestones["id"],
                milestones["date"],
                milestones["jurisdiction"],
                milestones["date_kind"],
            )
        },
        **{
            i: (d, j, True)
            for i, d, j in zip(events["id"], events["announced"], events["jurisdiction"])
        },
        **{
            i: (d, "US", False) for i, d in zip(rules["document_number"], rules["publication_date"])
        },
    }
    lags, pairs = {}, 0
    answering_focus = set()
    for _, row in rows.iterrows():
        ids = str(row["answers"]).split(";") if isinstance(row["answers"], str) else []
        given = (
            str(row["answers_announced"]).split(";")
            if isinstance(row["answers_announced"], str)
            else [""] * len(ids)
        )
        for answered, announcement in zip(ids, given, strict=True):
            if answered in dates:
                pairs += 1
                date, where, announced = dates[answered]
                # A lag only from announcement to announcement (the codebook's pairing rule):
                # the answered row's own date where it is one, else the announcement given.
                if not announced and announcement:
                    date, announced = pd.Timestamp(announcement), True
                if announced and row["date_kind"] == "announced":
                    lags[f"{row['id']}>{answered}"] = int((row["date"] - date).days)
                if where == focus:
                    answering_focus.add(row["id"])
    named = {
        row["id"]
        for _, row in rows.iterrows()
        if isinstance(row["target_countries"], str) and focus in row["target_countries"].split(";")
    }
    return {
        "measures": len(rows),
        "by_kind": rows["kind"].value_counts().to_dict(),
        "by_year": {int(y): int(n) for y, n in rows["date"].dt.year.value_counts().items()},
        "pairs": pairs,
        "lags": lags,
        "median": statistics.median_low(lags.values()) if lags else None,
        "touching": sorted(named | answering_focus),
        "naming": len(named),
    }


@pytest.fixture(scope="module")
def executed(archive):
    # The notebook as two editions of the session's archive ran it (tests/conftest.py).
    runs = archive.chapter("china_measures")
    summaries = archive.chapter("summary")
    return {
        edition: (
            notebook,
            pd.read_csv(downloads / "china_measures.csv"),
            pd.read_csv(downloads / "china_measures_answers.csv"),
            summaries[edition][0],
        )
        for edition, (notebook, downloads) in runs.items()
    }


def label(cell) -> str | None:
    first = cell.source.splitlines()[0] if cell.source else ""
    return first.split(":", 1)[1].strip() if first.startswith("#| label:") else None


@pytest.mark.e2e
@pytest.mark.parametrize(("day", "focus"), [("2020-06-30", "NL"), ("2026-11-01", "JP")])
def test_notebook_findings_match_the_raw_tables(executed, day, focus):
    notebook, measures_csv, pairs_csv, summary = executed[(day, focus)]
    found = {f["key"]: f["values"] for f in findings.from_notebook(notebook)}
    expected = expected_from_csv(day, focus)
    count = found["china_measures_count"]
    assert count["measures"] == expected["measures"] == len(measures_csv)
    if expected["measures"]:
        assert found["china_measures_by_kind"]["by_kind"] == expected["by_kind"]
    else:
        # The edition of 30 June 2020 knows no measure of China's: the one dated before it (the
        # Unreliable Entity List, announced May 2019) has only a source published in October
        # 2020 (changed by the rule that an edition shows only rows with a source published by
        # its date), so there is nothing to count by kind.
        assert "china_measures_by_kind" not in found and day == "2020-06-30"
    assert {int(k): v for k, v in count["by_year"].items()} == expected["by_year"]
    answers = found["china_answer_lags"]
    assert answers["lags"] == expected["lags"]
    assert answers["pairs"] == expected["pairs"] == len(pairs_csv)
    assert answers["timed_pairs"] == len(expected["lags"])
    assert answers["median_lag_days"] == expected["median"]
    focus_found = found["china_focus"]
    assert focus_found["ids"] == expected["touching"]
    assert focus_found["naming"] == expected["naming"]
    labels = {label(cell) for cell in notebook.cells if cell.get("outputs")}
    # The chapter's key number is shown by the summary alone, which computes it.
    assert key_numbers_of(notebook) == [] and "key-numbers" not in labels
    if expected["measures"]:
        (number,) = key_numbers_of(summary, "china_measures")
        assert number["number"] == len(expected["touching"])
        assert number["value"] == f"{len(expected['touching'])} of {expected['measures']}"
        assert number["as_of"] == f"{pd.Timestamp(day):%-d %B %Y}"
        assert number["figure"] == "fig-china-timeline"
    else:
        assert key_numbers_of(summary, "china_measures") == []  # no "0 of 0" set apart
    assert {
        "findings",
        "fig-china-timeline",
        "fig-china-counts",
        "tbl-china-measures",
        "tbl-china-pairs",
        "china-downloads",
    } <= labels


def key_numbers_of(notebook, chapter: str | None = None) -> list[dict]:
    """The key numbers a notebook shows (of one ``chapter``'s, when given)."""
    return [
        number
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        for number in output.get("data", {}).get(KEY_NUMBERS_MIME, [])
        if chapter is None or number["chapter"] == chapter
    ]


@pytest.mark.e2e
def test_the_later_edition_has_more_measures_and_answers(executed):
    early = {
        f["key"]: f["values"] for f in findings.from_notebook(executed[("2020-06-30", "NL")][0])
    }
    late = {
        f["key"]: f["values"] for f in findings.from_notebook(executed[("2026-11-01", "JP")][0])
    }
    assert early["china_measures_count"]["measures"] < late["china_measures_count"]["measures"]
    assert early["china_answer_lags"]["pairs"] < late["china_answer_lags"]["pairs"]
    assert early["china_focus"]["touching"] == 0  # nothing touched the Netherlands by mid-2020
    assert late["china_focus"]["touching"] >= 1  # MOFCOM's 2026 listings of Japanese entities


def test_the_chapter_is_registered_after_alignment_and_before_the_appendices():
    slugs = [chapter.slug for chapter in registry.CHAPTERS]
    assert slugs.index("china_measures") == slugs.index("alignment") + 1
    assert not registry.by_slug("china_measures").appendix
    assert slugs.index("china_measures") < slugs.index("codebook")


def test_the_codebook_appendix_shows_chinas_vocabulary():
    import nbformat

    from briefing.chapters import codebook as appendix

    nb = nbformat.read(paths.NOTEBOOKS / "codebook.ipynb", as_version=4)
    labels = {label(cell) for cell in nb.cells}
    page = (paths.ROOT / "codebook.qmd").read_text(encoding="utf-8")
    for field in CODED:
        cell = f"tbl-codebook-china-{field.replace('_', '-')}"
        assert cell in labels and f"codebook.ipynb#{cell}" in page, field
    rows = tables.load("china_measures")
    kinds = appendix.field_table(codebook.load(table="china_measures"), "kind", rows)
    assert list(kinds["Code"]) == list(vocab.kinds())
    assert dict(zip(kinds["Code"], kinds["Rows"])) == {
        kind: int((rows["kind"] == kind).sum()) for kind in vocab.kinds()
    }


@pytest.mark.e2e
def test_the_built_page_and_pdf_carry_the_chapter(built):
    from pypdf import PdfReader

    site = built / "reports" / "site"
    page = (site / "china_measures.html").read_text(encoding="utf-8")
    assert page.count("plotly-graph-div") >= 2  # the timeline and the counts
    for name in ("china_measures.csv", "china_measures_answers.csv"):
        assert f"reports/downloads/{name}" in page
        assert (site / "reports" / "downloads" / name).stat().st_size > 100
    shown = pd.read_csv(site / "reports" / "downloads" / "china_measures.csv")
    assert len(shown) == len(tables.load("china_measures", as_of=dt.date(2026, 11, 1)))
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "measures China took" in index  # its findings in the summary
    # Its key number, set apart with the others, links to the timeline on its page.
    key_section = index.split('id="key-numbers"', 1)[1].split("<section", 1)[0]
    assert "name Japan or its firms as a target" in key_section
    assert 'href="china_measures.html#fig-china-timeline"' in key_section
    assert 'href="china_measures.html#fig-china-counts"' in index  # a finding's figure
    assert 'id="fig-china-timeline"' in page and 'id="fig-china-counts"' in page
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(site / "briefing.pdf").pages).split()
    )
    assert "China’s response" in text or "China's response" in text
    assert "Action and reaction" in text
