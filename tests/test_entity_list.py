"""Chapter 2: cutting the Entity List tables at the edition date, the aggregates, the rules found
from the snapshot beside the rules table, charts, the table of entries under China, findings, and
the notebook with and without the shared snapshot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from project_copy import execute_notebook_editions
from support import findings as findings_module
from support.rules_frames import rules

from briefing import countries, paths, translation
from briefing.chapters import entity_list as eg
from briefing.charts import entity_list as charts
from briefing.charts import palette
from briefing.data import provenance, tables
from briefing.steps import entity_list_snapshot as parsed
from briefing.vocabulary import entity_list as vocabulary


def years_as_of(by_year, day):
    return tables.cut(by_year, "entity_list_by_year", day)


def rules_as_of(rules, day):
    return eg.oldest_first(tables.cut(rules, "entity_list_rules", day))


def found_as_of(found, day):
    return tables.cut(found, "entity_list_rules_from_snapshot", day)


MINI_SNAPSHOT = Path(__file__).parent / "fixtures" / "entity_list" / "mini_entity_list.json"
needs_shared = pytest.mark.skipif(
    not parsed.SNAPSHOT.is_file(), reason=f"shared Entity List snapshot absent: {parsed.SNAPSHOT}"
)
SNAPSHOT = "October 2025"


def by_year(*rows) -> pd.DataFrame:
    """A by-year table typed as tables.load types it: (year, destination, hong_kong, entries)."""
    frame = pd.DataFrame(rows, columns=["year", "destination", "hong_kong", "entries"])
    frame["year"] = frame["year"].astype("Int64")
    frame["destination"] = frame["destination"].astype("string")
    frame["hong_kong"] = frame["hong_kong"].astype("boolean")
    frame["entries"] = frame["entries"].astype("Int64")
    return frame


def found(*rows) -> pd.DataFrame:
    """Rules found from a snapshot, typed as tables.load types them:
    (publication_date, fr_citation, document_number, entries, entries_china, entries_hong_kong,
    entries_russia)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "publication_date",
            "fr_citation",
            "document_number",
            "entries",
            "entries_china",
            "entries_hong_kong",
            "entries_russia",
        ],
    )
    frame["publication_date"] = pd.to_datetime(frame["publication_date"])
    pages = frame["fr_citation"].str.split(" FR ", expand=True)
    frame.insert(1, "fr_volume", pages[0].astype("Int64"))
    frame.insert(2, "first_page_cited", pages[1].astype("Int64"))
    frame.insert(3, "last_page_cited", pages[1].astype("Int64"))
    for column in ("entries", "entries_china", "entries_hong_kong", "entries_russia"):
        frame[column] = frame[column].astype("Int64")
    frame["document_number"] = frame["document_number"].astype("string")
    frame["matched"] = frame["document_number"].notna().map({True: "yes", False: "no"})
    return frame


SMALL = by_year(
    (2016, "China", False, 2),
    (2017, "Iran", False, 2),
    (2018, "China", False, 2),
    (2018, "China", True, 1),
    (2019, "Russia", False, 3),
    (2020, "Japan", False, 1),
)
SMALL_RULES = rules(
    ("2018-00001", "83 FR 100", "2018-03-01", 2, 2, "Two entities under China."),
    ("2019-00001", "84 FR 200", "2019-05-21", 3, None, "Three entities under Russia and Japan."),
    ("2019-00002", "84 FR 300", "2019-06-01", 1, 0, "One entity under Russia."),
    (
        "2020-00001",
        "85 FR 400",
        "2020-12-22",
        9,
        None,
        "Nine entities, Japanese suppliers among them.",
    ),
)


# The rules found from the snapshot behind SMALL: 2018 holds 3 China entries of which 2 (one in
# Hong Kong) first cite a rule with a date, the third an undated citation; 2019's 3 Russian
# entries split over a matched and an unmatched rule; 2020's Japanese entry is unmatched.
SMALL_FOUND = found(
    ("2018-03-01", "83 FR 100", "2018-00001", 2, 2, 1, 0),
    ("2019-05-21", "84 FR 200", "2019-00001", 2, 0, 0, 2),
    ("2019-06-03", "84 FR 301", None, 1, 0, 0, 1),
    ("2020-12-22", "85 FR 402", None, 1, 0, 0, 0),
)


# --- Cutting at the edition date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year"),
    [(dt.date(2020, 6, 30), 2019), (dt.date(2020, 12, 31), 2020), (dt.date(2021, 1, 1), 2020)],
)
def test_a_year_counts_once_it_has_ended(day, year):
    assert tables.last_complete_year(day) == year


def test_years_still_under_way_are_left_out():
    assert years_as_of(SMALL, dt.date(2019, 12, 30))["year"].tolist() == [2016, 2017, 2018, 2018]
    assert years_as_of(SMALL, dt.date(2019, 12, 31))["year"].max() == 2019
    assert years_as_of(SMALL, dt.date(2015, 6, 1)).empty


def test_rules_are_cut_on_their_publication_day_inclusive():
    cut = rules_as_of(SMALL_RULES, dt.date(2019, 5, 21))
    assert cut["document_number"].tolist() == ["2018-00001", "2019-00001"]


# --- Aggregates ---------------------------------------------------------------------------------------


def test_yearly_fills_missing_years_and_runs_the_totals():
    table = eg.yearly(SMALL).set_index("year")
    assert table.index.tolist() == [2016, 2017, 2018, 2019, 2020]
    assert table[vocabulary.MAINLAND].tolist() == [2, 0, 2, 0, 0]
    assert table[vocabulary.HONG_KONG].tolist() == [0, 0, 1, 0, 0]
    # Deliberately changed: Russia is a group of its own, no longer inside the rest of the world.
    assert table[vocabulary.RUSSIA].tolist() == [0, 0, 0, 3, 0]
    assert table[vocabulary.REST].tolist() == [0, 2, 0, 0, 1]
    assert table["cumulative_china"].tolist() == [2, 2, 5, 5, 5]
    assert table["cumulative_russia"].tolist() == [0, 0, 0, 3, 3]
    assert table["cumulative_rest"].tolist() == [0, 2, 2, 2, 3]
    assert table["cumulative_total"].tolist() == [2, 4, 7, 10, 11]
    assert eg.yearly(SMALL.iloc[0:0]).empty


@pytest.mark.parametrize(
    ("heading", "code"),
    [
        ("Russia", "RU"),
        ("Burma", "MM"),
        ("Turkey", "TR"),
        ("United Kingdom", "GB"),
        ("South Korea", "KR"),
        ("Crimea Region of Ukraine", None),
        ("Atlantis", None),
    ],
)
def test_destination_headings_resolve_to_iso_codes(heading, code):
    assert countries.code(heading) == code


@pytest.mark.parametrize(
    ("focus", "per_year"),
    [
        ("JP", [0, 0, 0, 0, 1]),
        ("CN", [2, 0, 3, 0, 0]),
        ("HK", [0, 0, 1, 0, 0]),
        ("GB", [0, 0, 0, 0, 0]),
    ],
)
def test_focus_counts_per_year_with_hong_kong_under_china(focus, per_year):
    assert eg.focus_by_year(SMALL, focus).tolist() == per_year


def test_growth_since_the_baseline():
    stats = eg.since_baseline(SMALL[SMALL["year"] <= 2019])
    # Before 2018: 2 (China) + 2 (Iran) = 4; from 2018: 2 + 1 (HK) + 3 (Russia) = 6, China 3 of them.
    assert (
        stats["total_before"],
        stats["added"],
        stats["added_china"],
        stats["added_hong_kong"],
    ) == (4, 6, 3, 1)
    assert stats["china_share"] == 0.5
    assert (stats["first_year"], stats["last_year"], stats["total_latest"]) == (2018, 2019, 10)
    assert stats["multiple"] == 2.5  # 10 / 4
    assert stats["china_multiple"] == 2.5  # (2 + 3) / 2


def test_no_growth_multiple_without_a_year_since_the_baseline():
    stats = eg.since_baseline(SMALL[SMALL["year"] <= 2017])
    assert stats["multiple"] is None and stats["china_share"] is None
    assert stats["total_latest"] == 4


def test_largest_rules_and_one_landmark_per_year():
    assert eg.largest_rules(SMALL_RULES, 2)["document_number"].tolist() == [
        "2020-00001",
        "2019-00001",
    ]
    marks = eg.landmarks(SMALL_RULES, [2018, 2019], n=3)
    # 2020 is not shown; 2019 keeps only its larger rule.
    assert marks["document_number"].tolist() == ["2019-00001", "2018-00001"]


def test_the_focus_is_named_as_the_list_names_it():
    assert (eg.focus_label("RU"), eg.focus_label("GB"), eg.focus_label("MM")) == (
        "Russia",
        "United Kingdom",
        "Burma",
    )
    assert {"Russia", "Russian Federation"} <= set(countries.names("RU"))
    assert eg.focus_label("AE") == "United Arab Emirates"  # the list's heading, not "UAE"


def test_rules_naming_the_focus_match_whole_words():
    assert eg.names_focus(SMALL_RULES, "JP").tolist() == [False, True, False, False]
    assert eg.names_focus(SMALL_RULES, "RU").tolist() == [False, True, True, False]


def test_snapshot_label_comes_from_the_provenance(tmp_path):
    record = tmp_path / "p.json"
    provenance.write(
        record,
        provenance.Provenance(
            producer="a step",
            title="a table",
            inputs=[{"list_as_of": "March 2031 (last amendment cited)"}],
        ),
    )
    assert eg.snapshot_label(record) == "March 2031"


# --- Charts ----------------------------------------------------------------------------------------


def yearly_chart(by_year, found, focus, day):
    """The yearly chart of what the chapter computes from these tables, as the notebook draws it."""
    counts = eg.yearly(by_year)
    return charts.yearly_chart(
        counts,
        eg.focus_by_year(by_year, focus),
        eg.landmarks(found, counts["year"].tolist(), column="entries"),
        eg.since_baseline(by_year),
        eg.focus_label(focus),
        day,
        SNAPSHOT,
    )


def test_yearly_chart_states_the_caveat_and_marks_landmarks_and_focus():
    day = dt.date(2020, 6, 30)
    # Deliberately changed: the landmarks are the rules found from the snapshot (entries still
    # listed), no longer the rules table's stated counts.
    fig = yearly_chart(years_as_of(SMALL, day), found_as_of(SMALL_FOUND, day), "RU", day)
    assert "50%" in fig.layout.title.text.replace("<br>", " ")
    assert "removed earlier are absent" in fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "to 2019" in fig.layout.title.subtitle.text.replace("<br>", " ")
    notes = [a.text for a in fig.layout.annotations]
    assert any(
        "84 FR 200" in text and "21 May 2019" in text and "2 entries still listed" in text
        for text in notes
    )
    assert not any("84 FR 301" in text for text in notes)  # not the largest of its year
    focus = [t for t in fig.data if t.name.startswith("Russia (focus)")]
    assert focus and list(focus[0].y) == [3]


def test_rules_chart_counts_entries_still_listed_with_the_stated_counts_beside():
    # Deliberately changed: the bars are the rules found from the snapshot, split by group; the
    # rules table's stated counts are diamonds beside the rules it has.
    day = dt.date(2026, 1, 1)
    fig = charts.rules_chart(
        eg.largest_found(SMALL_FOUND, SMALL_RULES, "JP"), eg.focus_label("JP"), day, SNAPSHOT
    )
    assert "83 FR 100" in fig.layout.title.text.replace(
        "<br>", " "
    ) and "2 entries" in fig.layout.title.text.replace("<br>", " ")
    assert "removed earlier are absent" in fig.layout.title.subtitle.text.replace("<br>", " ")
    mainland, hong_kong, russia, rest = (
        next(t for t in fig.data if t.name == palette.GROUP_NAMES[key])
        for key in (vocabulary.MAINLAND, vocabulary.HONG_KONG, vocabulary.RUSSIA, vocabulary.REST)
    )
    labels = list(mainland.y)
    first = labels.index("1 Mar 2018 · 83 FR 100")
    assert (mainland.x[first], hong_kong.x[first], rest.x[first]) == (1, 1, 0)
    # Russia's entries are a bar of their own, not part of the rest of the world.
    russian = labels.index(next(label for label in labels if "84 FR 200" in label))
    assert (russia.x[russian], rest.x[russian]) == (2, 0)
    assert labels[list(rest.x).index(1)].startswith("22 Dec 2020")
    assert "22 Dec 2020 · 85 FR 402†" in labels  # unmatched: cited by its first page cited
    assert charts.UNMATCHED_NOTE in fig.layout.title.subtitle.text.replace("<br>", " ")
    stated = next(t for t in fig.data if t.name == "Stated by the rule (rules table)")
    assert dict(zip(stated.y, stated.x, strict=True)) == {
        "1 Mar 2018 · 83 FR 100": 2,
        next(label for label in labels if "84 FR 200" in label): 3,
    }
    japan = [label for label in labels if "Japan" in label]
    assert len(japan) == 1 and "84 FR 200" in japan[0]  # the rules table's notes name Japan


def test_stated_counts_join_the_rules_found_by_document_number():
    joined = eg.with_stated(SMALL_FOUND, SMALL_RULES).set_index("fr_citation")
    assert joined.loc[
        "83 FR 100", ["entries", "entries_added", "entries_added_china"]
    ].tolist() == [
        2,
        2,
        2,
    ]
    assert pd.isna(joined.loc["84 FR 200", "entries_added_china"])  # matched, China not stated
    assert pd.isna(joined.loc["84 FR 301", "entries_added"])  # not in the rules table


def test_largest_rules_table_shows_stated_counts_only_for_matched_rules():
    snapshot = ("BIS (the list)", "https://example.org/snapshot")
    shown = eg.largest_rules_table(SMALL_FOUND, SMALL_RULES, snapshot=snapshot).set_index(
        "FR citation"
    )
    assert shown.index.tolist() == ["83 FR 100", "84 FR 200", "84 FR 301", "85 FR 402"]
    assert shown.loc["83 FR 100", ["Still listed", "Hong Kong", "Stated by rule"]].tolist() == [
        2,
        1,
        "2",
    ]
    assert shown.loc["84 FR 200", "China stated"] == "not stated"
    # Deliberately changed: how the snapshot was checked against the rules table is the methods
    # appendix's; the table no longer says which rules the rules table has.
    assert shown.loc["84 FR 301", "Stated by rule"] == ""
    assert "In rules table" not in shown.columns
    # A rule of the rules table is sourced by its row; any other by the snapshot.
    assert shown.loc["83 FR 100", ["Source", "url"]].tolist() == [
        "Federal Register",
        "https://example.org/2018-00001",
    ]
    assert shown.loc["84 FR 301", ["Source", "url"]].tolist() == [
        "Entity List snapshot: BIS (the list)",
        "https://example.org/snapshot",
    ]


def test_named_share_counts_china_entries_in_named_and_in_curated_rules():
    share = eg.named_share(years_as_of(SMALL, dt.date(2020, 6, 30)), SMALL_FOUND)
    # 2018-2019: 3 China entries, 2 in a named rule (83 FR 100, in the rules table), 1 undated.
    assert (
        share["china_entries"],
        share["china_in_named_rules"],
        share["china_not_in_a_rule"],
    ) == (
        3,
        2,
        1,
    )
    assert share["named_share"] == pytest.approx(0.6667) and not share["meets_bar"]
    assert share["china_in_rules_table"] == 2 and share["rules_table_rules"] == 1
    assert (share["first_year"], share["last_year"]) == (2018, 2019)
    empty = eg.named_share(years_as_of(SMALL, dt.date(2018, 6, 30)), SMALL_FOUND)
    assert empty["named_share"] is None and not empty["meets_bar"]


# --- Tables and reconciliation -------------------------------------------------------------------------


def test_rules_table_is_newest_first_with_unstated_counts_and_short_urls():
    table = SMALL_RULES.assign(
        confidence="high",
        source_publisher="Federal Register",
        source_date=SMALL_RULES["publication_date"],
        notes=["See https://www.federalregister.gov/documents/2018/03/01/x.", None, "", ""],
    )
    shown = eg.rules_table(table)
    assert shown["FR citation"].tolist() == ["85 FR 400", "84 FR 300", "84 FR 200", "83 FR 100"]
    assert shown["Under China"].tolist() == ["not stated", "0", "not stated", "2"]
    assert shown["Notes"].iloc[-1] == "See federalregister.gov."


def test_a_japanese_rules_table_shows_the_japanese_notes_with_short_urls():
    # The chapter loads the rules in English (it matches the focus's English names in the notes).
    rules = tables.load("entity_list_rules")
    translation.use("ja")
    try:
        shown = eg.rules_table(rules).set_index("Document")["Notes"]
    finally:
        translation.use("en")
    # A URL ends where the Japanese goes on, with no space between them.
    assert shown["2023-02130"] == (
        "7団体、全てイランの項目（ロシア軍への支援）。2023年1月31日発効。"
        "引用及び6621-6624頁はgovinfoによる（govinfo.gov）。"
    )
    assert not shown.str.contains("https?://").any()
    assert (
        eg.rules_table(rules)
        .set_index("Document")["Notes"]["2023-02130"]
        .startswith("Seven entities, all under Iran")
    )


def test_by_year_download_keeps_the_committed_layout():
    assert eg.by_year_download(SMALL)["hong_kong"].tolist() == ["no", "no", "no", "yes", "no", "no"]


def test_the_committed_reconciliation_is_cut_like_the_rules():
    day = dt.date(2020, 6, 30)
    reconciled = tables.load("entity_list_reconciliation", as_of=day)
    rules_then = tables.load("entity_list_rules", as_of=day)
    assert len(reconciled) and (reconciled["publication_date"] <= pd.Timestamp(day)).all()
    assert sorted(reconciled["document_number"]) == sorted(rules_then["document_number"])


def test_the_committed_rules_name_at_least_95_percent_of_china_entries_since_2018():
    # Computed from the committed CSV files, without the chapter's functions.
    years = pd.read_csv(paths.DERIVED / "entity_list_by_year.csv")
    china = years[(years["destination"] == "China") & (years["year"] >= 2018)]["entries"].sum()
    found = pd.read_csv(paths.DERIVED / "entity_list_rules_from_snapshot.csv")
    named = found["entries_china"].sum()
    assert named / china >= eg.NAMED_SHARE_BAR == 0.95
    share = eg.named_share(
        tables.load("entity_list_by_year"), tables.load("entity_list_rules_from_snapshot")
    )
    assert share["meets_bar"] and share["china_in_named_rules"] == named


def test_the_yearly_and_cumulative_charts_draw_russia_as_its_own_series():
    day = dt.date(2020, 6, 30)
    cut = years_as_of(SMALL, day)
    russia = palette.GROUP_NAMES[vocabulary.RUSSIA]
    bars = {t.name: t for t in yearly_chart(cut, found_as_of(SMALL_FOUND, day), "JP", day).data}
    assert bars[russia].meta == {"category": russia}
    assert dict(zip(bars[russia].x, bars[russia].y, strict=True))[2019] == 3
    rest = bars[palette.GROUP_NAMES[vocabulary.REST]]
    assert dict(zip(rest.x, rest.y, strict=True))[2019] == 0
    lines = charts.cumulative_chart(
        eg.yearly(cut), eg.focus_by_year(cut, "JP"), eg.since_baseline(cut), "Japan", day, SNAPSHOT
    )
    line = next(t for t in lines.data if t.name == russia)
    assert list(line.y) == [0, 0, 0, 3]
    assert line.line.color == palette.style(russia).colour != rest.marker.color


NAMED = pd.DataFrame(
    {
        "name": ["Old Co", "New Co", "Undated Co", "HK Co"],
        "hong_kong": [False, False, False, True],
        "city": ["Beijing", None, None, "Hong Kong"],
        "listed_on": pd.to_datetime(["2019-05-21", "2020-12-22", "2020-12-31", "2018-03-01"]),
        "date_printed": ["yes", "yes", "no", "yes"],
        "fr_citation": ["84 FR 201", "85 FR 402", "85 FR 9", "83 FR 100"],
        "rule_citation": ["84 FR 200", None, None, "83 FR 100"],
        "document_number": ["2019-00001", None, None, "2018-00001"],
    }
)


def test_entries_table_is_newest_first_with_the_rule_and_what_is_new():
    shown = eg.entries_table(NAMED, SMALL_RULES, dt.date(2020, 6, 30)).set_index("Name")
    assert shown.index.tolist() == ["Undated Co", "New Co", "Old Co", "HK Co"]
    listed = shown["Listed, by rule"].str.replace("\u00a0", " ")
    assert shown.loc["Old Co", "City"] == "Beijing"
    assert listed["Old Co"] == "2019-05-21 84 FR 200"  # the rule, not the page the entry cites
    assert shown.loc["Old Co", "url"] == "https://example.org/2019-00001"
    # A rule the rules table lacks is named by the entry's citation, without a link.
    assert listed["New Co"] == "2020-12-22 85 FR 402 new"
    assert pd.isna(shown.loc["New Co", "url"])
    # An undated citation is never "new": its date is only the end of the volume's year.
    assert listed["Undated Co"] == "2020 (no date printed) 85 FR 9"
    first = eg.entries_table(NAMED, SMALL_RULES, None)
    assert not first["Listed, by rule"].str.endswith(" new").any()  # a first edition flags none
    download = eg.entries_download(NAMED, dt.date(2020, 6, 30)).set_index("name")
    assert download.loc["New Co", "new_since_previous_edition"] == "yes"
    assert download.loc["HK Co", "hong_kong"] == "yes"


@pytest.fixture(scope="module")
def entries_csv(tmp_path_factory) -> Path:
    """The table of entries by name, derived from the snapshot into a temporary folder (it is
    a local table: never committed, made on each machine)."""
    from briefing.steps import entity_list as derive_step

    derived = tmp_path_factory.mktemp("derived")
    derive_step.derive(derived=derived)
    return derived / "entity_list_china_entries.csv"


@needs_shared
def test_the_entries_table_holds_every_china_entry_of_the_snapshot(entries_csv):
    # An independent count, with pandas on the snapshot file: every entry under the China
    # heading, those whose address mentions Hong Kong among them.
    raw = pd.DataFrame(pd.read_json(parsed.SNAPSHOT, typ="series")["entities"])
    china = raw[raw["country"] == "China"]
    hong_kong = china["address"].fillna("").str.contains("hong kong", case=False)
    named = tables.load("entity_list_china_entries", path=entries_csv)
    assert len(named) == len(china) > 1000
    assert int(named["hong_kong"].sum()) == int(hong_kong.sum())
    # Each by its name; an entry that is only an address ("Address 01") with that address.
    assert sorted(named["name"].str.replace(r"^(Address \d+): .*", r"\1", regex=True)) == sorted(
        china["name"]
    )
    alone = china[china["name"].str.fullmatch(r"Address \d+")]
    assert len(alone) and set(alone["address"].str.strip()) <= {
        n.split(": ", 1)[1] for n in named["name"] if n.startswith("Address ")
    }
    # Cut at an edition, it keeps the entries first listed by then.
    then = tables.load("entity_list_china_entries", as_of=dt.date(2020, 6, 30), path=entries_csv)
    assert 0 < len(then) < len(named) and (then["listed_on"] <= "2020-06-30").all()


# --- Findings --------------------------------------------------------------------------------------


def _findings(day, focus):
    return eg.findings(
        years_as_of(SMALL, day),
        found_as_of(SMALL_FOUND, day),
        rules_as_of(SMALL_RULES, day),
        focus,
        day,
        SNAPSHOT,
    )


def test_findings_name_the_shares_the_largest_rule_and_the_focus():
    # Deliberately changed: each point is a finding of its own (the growth multiple, the share
    # in a rule the briefing records, the focus apart from the largest rule).
    day = dt.date(2020, 6, 30)
    found = {f.key: f for f in _findings(day, "RU")}
    assert list(found) == [
        "growth_since_baseline",
        "list_growth",
        "rules_named",
        "rules_recorded",
        "largest_rule",
        "focus_entries",
    ]
    growth, multiple = found["growth_since_baseline"], found["list_growth"]
    assert growth.values["added_china"] == 3 and growth.values["china_share"] == 0.5
    assert "3 (50.0%) of the 6 entries" in growth.text and "sit under China" in growth.text
    assert "2.5-fold" in multiple.text and multiple.values["multiple"] == growth.values["multiple"]
    named = found["rules_named"]
    assert named.values["china_in_named_rules"] == 2
    assert (
        "2 (66.7%) of the 3 entries under China first listed from 2018 to 2019 trace back, by "
        "each entry's first citation, to one of 1 Federal Register rules" in named.text
    )
    assert "the other 1 has an undated first citation" in named.text
    recorded = found["rules_recorded"]
    assert recorded.values["china_in_rules_table"] == 2
    assert "2 of those 3 entries (66.7%)" in recorded.text
    largest = found["largest_rule"]
    assert largest.values["largest_rule_citation"] == "83 FR 100"
    assert (largest.values["largest_rule_entries"], largest.values["largest_rule_stated"]) == (2, 2)
    assert "its text states 2 added" in largest.text
    focus = found["focus_entries"]
    assert focus.values["focus_entries"] == 3
    assert "Russia has 3 entries first listed" in focus.text and "(focus)" not in focus.text


def test_the_lead_says_once_what_the_snapshot_misses():
    # Deliberately changed: the limit is said once, above the findings, not in each of them.
    lead = eg.lead(SNAPSHOT)
    assert f"still on the list in {SNAPSHOT}" in lead and "removed before then are missing" in lead
    for day in (dt.date(2020, 6, 30), dt.date(2021, 1, 1)):
        for finding in _findings(day, "RU"):
            assert "removed before" not in finding.text and "missing" not in finding.text


def test_findings_say_when_the_largest_rule_is_not_in_the_rules_table():
    day = dt.date(2021, 1, 1)
    unmatched = SMALL_FOUND.assign(matched="no", document_number=pd.NA)
    found = eg.findings(
        years_as_of(SMALL, day), unmatched, rules_as_of(SMALL_RULES, day), "RU", day, SNAPSHOT
    )
    largest = next(f for f in found if f.key == "largest_rule")
    assert "does not record the rule's own text" in largest.text
    assert largest.values["largest_rule_stated"] is None


def test_findings_say_when_the_focus_has_no_entries():
    day = dt.date(2021, 1, 1)
    *_, focus = _findings(day, "GB")
    assert focus.values["focus_entries"] == 0
    assert "no entries under United Kingdom" in focus.text


# --- The notebook, executed for two editions ----------------------------------------------------------

EDITIONS = {"2020-06-30": "JP", "2026-11-22": "NL"}
DESTINATIONS = {"JP": "Japan", "NL": "Netherlands"}


@pytest.fixture(scope="module")
def executed(archive, tmp_path_factory):
    """The later edition as the session's archive ran it; the earlier one run here with the
    shared snapshot absent (a missing folder)."""
    out = tmp_path_factory.mktemp("entity_list")
    no_shared = out / "no-shared"  # never created
    early = ("2020-06-30", EDITIONS["2020-06-30"])
    runs = {
        **execute_notebook_editions(
            paths.NOTEBOOKS / "entity_list.ipynb",
            [early],
            out,
            env={early: {"BRIEFING_SHARED": str(no_shared)}},
        ),
        ("2026-11-22", "NL"): archive.chapter("entity_list")[("2026-11-22", "NL")],
    }
    return {as_of: notebook for (as_of, _), (notebook, _) in runs.items()}


def expected_findings(as_of: str, focus: str) -> dict:
    """The findings' numbers, computed straight from the committed CSV files."""
    day = dt.date.fromisoformat(as_of)
    last = day.year if (day.month, day.day) == (12, 31) else day.year - 1
    years = pd.read_csv(paths.DERIVED / "entity_list_by_year.csv")
    years = years[years["year"] <= last]
    since = years[years["year"] >= 2018]
    china_since = since.loc[since["destination"] == "China", "entries"].sum()
    # Deliberately changed: the largest rule is the one with the most entries still listed, from
    # the rules found from the snapshot, with the rules table's stated count beside it.
    found = pd.read_csv(
        paths.DERIVED / "entity_list_rules_from_snapshot.csv", parse_dates=["publication_date"]
    )
    found = found[found["publication_date"] <= pd.Timestamp(day)]
    top = found.sort_values(["entries", "publication_date"], ascending=[False, True]).iloc[0]
    stated = pd.read_csv(paths.CURATED / "entity_list_rules.csv").set_index("document_number")
    in_years = found[found["publication_date"].dt.year.between(2018, last)]
    named = int(in_years["entries_china"].sum())
    curated = int(in_years.loc[in_years["matched"] == "yes", "entries_china"].sum())
    return {
        "last_year": last,
        "added": int(since["entries"].sum()),
        "added_china": int(china_since),
        "added_hong_kong": int(
            since.loc[
                (since["destination"] == "China") & (since["hong_kong"] == "yes"), "entries"
            ].sum()
        ),
        "china_share": round(china_since / since["entries"].sum(), 4),
        "multiple": round(
            years["entries"].sum() / years.loc[years["year"] < 2018, "entries"].sum(), 2
        ),
        "largest_rule_citation": top["fr_citation"],
        "largest_rule_date": top["publication_date"].date().isoformat(),
        "largest_rule_entries": int(top["entries"]),
        "largest_rule_entries_china": int(top["entries_china"]),
        "largest_rule_stated": int(stated.loc[top["document_number"], "entries_added"]),
        "china_in_named_rules": named,
        "named_share": round(named / china_since, 4),
        "china_in_rules_table": curated,
        "rules_table_share": round(curated / china_since, 4),
        "focus_entries": int(
            years.loc[years["destination"] == DESTINATIONS[focus], "entries"].sum()
        ),
    }


@pytest.mark.e2e
@pytest.mark.parametrize("as_of", list(EDITIONS))
def test_notebook_findings_match_the_csv(executed, as_of):
    found = {f["key"]: f["values"] for f in findings_module.from_notebook(executed[as_of])}
    values = {
        **found["growth_since_baseline"],
        **found["list_growth"],
        **found["rules_named"],
        **found["rules_recorded"],
        **found["largest_rule"],
        **found["focus_entries"],
    }
    expected = expected_findings(as_of, EDITIONS[as_of])
    assert {key: values[key] for key in expected} == pytest.approx(expected)
    assert values["focus"] == EDITIONS[as_of]
    assert values["meets_bar"] and values["named_share"] >= 0.95


@pytest.mark.e2e
@pytest.mark.parametrize("as_of", list(EDITIONS))
def test_notebook_findings_say_what_the_snapshot_misses(executed, as_of):
    # Deliberately changed: once, in the lead line the findings cell shows above them.
    texts = [f["text"] for f in findings_module.from_notebook(executed[as_of])]
    assert len(texts) == 6
    shown = _cell_text(executed[as_of], "findings")
    # The edition of 30 June 2020 names the snapshot, taken after it, without its dates.
    assert shown.startswith(eg.lead(eg.snapshot_label(day=dt.date.fromisoformat(as_of))))
    assert shown.count("removed before then are missing") == 1


@pytest.mark.e2e
def test_notebook_findings_differ_between_editions(executed):
    early, late = (
        {f["key"]: f["values"] for f in findings_module.from_notebook(executed[day])}
        for day in EDITIONS
    )
    assert early["growth_since_baseline"]["added"] < late["growth_since_baseline"]["added"]
    assert (
        early["largest_rule"]["largest_rule_citation"]
        != late["largest_rule"]["largest_rule_citation"]
    )


def _cell_text(nb, label: str) -> str:
    cell = next(c for c in nb.cells if c.source.startswith(f"#| label: {label}"))
    assert not [o for o in cell.outputs if o.output_type == "error"]
    return "\n".join(o.get("data", {}).get("text/markdown", "") for o in cell.outputs)


@pytest.mark.e2e
@pytest.mark.parametrize("as_of", list(EDITIONS))
def test_notebook_lists_the_entries_under_china_or_says_where_to_look(executed, archive, as_of):
    # The 2020 edition ran here with the snapshot absent: the table comes from data/derived
    # alone. The later one ran in the archive, whose build made the table where it was absent.
    cell = next(
        c for c in executed[as_of].cells if "label: tbl-entity-list-china-entries" in c.source
    )
    page = "\n".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    derived = paths.DERIVED if as_of == "2020-06-30" else archive.root / "data" / "derived"
    made = derived / "entity_list_china_entries.csv"
    if not made.is_file():
        # Not made on this machine (it is never committed): the page says so, in plain words.
        text = "\n".join(o.get("data", {}).get("text/markdown", "") for o in cell.outputs)
        assert eg.LOOKUP_NOT_MADE in text
        return
    named = tables.load("entity_list_china_entries", as_of=dt.date.fromisoformat(as_of), path=made)
    assert "Huawei Technologies Co., Ltd." in page
    assert all(name.replace("&", "&amp;") in page for name in named["name"].head(50))
    assert "Showing the first" not in page  # the site shows them all, searchable
