"""Chapter 4: allies' lags behind the US, by kind of measure and for Huawei/ZTE restrictions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from support import findings
from support.lag_pairs import milestone, pair

from briefing import paths
from briefing.chapters import alignment
from briefing.charts import alignment as alignment_charts
from briefing.charts.palette import FOCUS_COLOUR
from briefing.data import tables
from briefing.outputs import display


def as_of(milestones, day):
    return tables.cut(milestones, "milestones", day)


NOTEBOOK = paths.NOTEBOOKS / "alignment.ipynb"


def event(id_, jurisdiction, announced, binding=True, status="in_force", level="vendor_ban"):
    return {
        "id": id_,
        "jurisdiction": jurisdiction,
        "announced": pd.Timestamp(announced),
        "level": level,
        "binding": binding,
        "status": status,
        "description": f"{jurisdiction} measure",
        "source_url": "seeds/000_96defbd2b6c32daf.txt",
        "source_publisher": "Publisher",
        "confidence": "medium",
    }


@pytest.fixture
def small_milestones() -> pd.DataFrame:
    return pd.DataFrame(
        [
            milestone("US-2020-tel", "2020-01-01", "US", "telecom_vendor_restriction", "enacted"),
            milestone("US-2020-tel-later", "2020-06-01", "US", "telecom_vendor_restriction"),
            milestone("US-2021-chips", "2021-01-01", "US", "export_control_chips", "effective"),
            # Not a restriction: must not become the US baseline for entity listings.
            milestone(
                "US-2018-zte-denial-order-lifted",
                "2019-01-01",
                "US",
                "entity_listing",
                title="Commerce lifts the order",
            ),
            milestone("JP-2020-tel", "2020-03-01", "JP", "telecom_vendor_restriction"),
            milestone("JP-2020-chips", "2020-12-02", "JP", "export_control_chips", "effective"),
            milestone("GB-2021-tel", "2021-01-01", "GB", "telecom_vendor_restriction"),
            milestone("GB-2020-inv", "2020-05-01", "GB", "investment_screening"),
            milestone("TW-2020-el", "2020-01-01", "TW", "entity_listing"),
            milestone("CN-2020-tel", "2020-02-01", "CN", "telecom_vendor_restriction"),
            milestone("CN-2020-cm", "2020-02-01", "CN", "countermeasure"),
        ]
    )


@pytest.fixture
def small_events() -> pd.DataFrame:
    return pd.DataFrame(
        [
            event("US-2019-01", "US", "2019-06-01", binding=False, level="nonbinding"),
            event("US-2020-01", "US", "2020-01-01"),
            event("JP-2019-01", "JP", "2019-12-01", binding=False, level="nonbinding"),
            event("JP-2020-01", "JP", "2020-03-01"),
            event("DE-2020-01", "DE", "2020-02-01", status="lifted"),
            event("DE-2021-01", "DE", "2021-01-01", level="power_to_exclude"),
            event("KR-2020-01", "KR", "2020-01-05", binding=False, level="de_facto_exclusion"),
        ]
    )


@pytest.fixture
def small_lags(small_milestones) -> pd.DataFrame:
    """Three declared pairs over the small milestones, as of 30 June 2021.

    Worked out by hand (2020 is a leap year): JP telecom 2020-03-01 is 92 days before the US
    announcement of 2020-06-01 (31 + 30 + 31), JP chips 2020-12-02 is 30 days before
    2021-01-01, GB telecom 2020-06-01 -> 2021-01-01 is 214 days (30 + 31 * 4 + 30 + 30).
    """
    pairs = pd.DataFrame(
        [
            pair(
                "US-2020-tel-later",
                "JP-2020-tel",
                "telecom_vendor_restriction",
                "announced",
                "2020-03-01",
                note="Japan announced first; the US announcement was long expected.",
            ),
            pair(
                "US-2021-chips",
                "JP-2020-chips",
                "export_control_chips",
                "effective",
                "2020-12-02",
                note="Japan's rule took effect first, on the US text.",
            ),
            pair(
                "US-2020-tel-later",
                "GB-2021-tel",
                "telecom_vendor_restriction",
                "announced",
                "2021-01-01",
            ),
        ]
    )
    return alignment.pair_lags(pairs, small_milestones, dt.date(2021, 6, 30))


def test_pair_lags_are_the_hand_computed_days(small_lags):
    got = {(r.ally, r.kind, r.date_kind, r.lag_days) for r in small_lags.itertuples()}
    assert got == {
        ("JP", "telecom_vendor_restriction", "announced", -92),
        ("JP", "export_control_chips", "effective", -30),
        ("GB", "telecom_vendor_restriction", "announced", 214),
    }


def test_liftings_are_drawn_but_not_counted(small_milestones):
    assert "US-2018-zte-denial-order-lifted" not in set(
        alignment.restrictions_only(small_milestones)["id"]
    )
    download = alignment.milestones_download(small_milestones).set_index("id")[
        "counted_as_restriction"
    ]
    assert not download["US-2018-zte-denial-order-lifted"] and download["US-2020-tel"]


def test_as_of_keeps_the_day_itself_and_drops_the_day_after(small_milestones):
    cut = as_of(small_milestones, dt.date(2020, 3, 1))
    assert "JP-2020-tel" in set(cut["id"])
    assert "GB-2020-inv" not in set(cut["id"])


def test_huawei_lags_count_only_binding_unlifted_firsts(small_events):
    lags = alignment.huawei_lags(small_events)
    # US baseline 2020-01-01 (its 2019 declaration is not binding); DE's lifted ban does not count.
    assert lags[["jurisdiction", "id", "lag_days"]].values.tolist() == [
        ["JP", "JP-2020-01", 60],
        ["DE", "DE-2021-01", 366],
    ]
    assert set(lags["us_id"]) == {"US-2020-01"}
    assert lags["level"].tolist() == ["vendor_ban", "power_to_exclude"]


def test_huawei_lags_can_count_only_bans_naming_the_vendor(small_events):
    bans = alignment.huawei_lags(small_events, ["vendor_ban"])
    # DE's only named ban was lifted; its power to exclude is not a ban naming the vendor.
    assert bans[["jurisdiction", "lag_days"]].values.tolist() == [["JP", 60]]


def test_huawei_lags_are_empty_without_a_us_baseline(small_events):
    assert alignment.huawei_lags(small_events[small_events["jurisdiction"] != "US"]).empty


def test_findings_for_the_focus_and_the_allies(small_milestones, small_lags, small_events):
    # Deliberately changed: the lags are the declared pairs' (the first measure of a kind is no
    # longer paired by itself), each said with the kind of date both sides record.
    day = dt.date(2021, 6, 30)
    focus, huawei_focus, allies, huawei = alignment.findings(
        small_milestones, small_lags, small_events, "JP", day
    )
    assert [f.key for f in (focus, huawei_focus, allies, huawei)] == [
        "focus_lags",
        "focus_huawei_lag",
        "allies_within_year",
        "huawei_within_year",
    ]
    assert focus.values["lags"] == {"JP-2020-tel": -92, "JP-2020-chips": -30}
    assert focus.values["median_lag_days"] == -61  # (-92 + -30) / 2
    assert "92 days before (announcement to announcement)" in focus.text
    assert "30 days before (entry into force to entry into force)" in focus.text
    assert huawei_focus.values["huawei_lag_days"] == 60
    assert "came 60 days after the first US one" in huawei_focus.text
    assert allies.values["pairs"] == 3 and allies.values["allies"] == 2
    assert (
        allies.values["pairs_within_year"],
        allies.values["pairs_later"],
        allies.values["pairs_before_us"],
    ) == (1, 0, 2)
    assert "1 within a year, 0 later and 2 before it" in allies.text
    assert (huawei.values["binding_jurisdictions"], huawei.values["binding_within_year"]) == (2, 1)
    assert huawei.values["binding_by_level"] == {
        "vendor_ban": 1,
        "vendor_neutral_restriction": 0,
        "power_to_exclude": 1,
        "named_conditions": 0,
    }
    assert (huawei.values["named_ban_jurisdictions"], huawei.values["named_ban_within_year"]) == (
        1,
        1,
    )
    assert "of the 1 with a ban naming the vendor, 1 did" in huawei.text
    assert "30 June 2021" in alignment.lead(day)
    assert "same kind of date" in alignment.lead(day)
    assert not any("30 June 2021" in f.text for f in (focus, huawei_focus, allies, huawei))


def test_key_numbers_come_from_the_declared_pairs(small_lags):
    day = dt.date(2021, 6, 30)
    (japan,) = alignment.key_numbers(small_lags, "JP", day)
    assert (japan.key, japan.value, japan.number) == ("focus_pair_lag", "61 days", -61)
    assert "median lag of Japan's 2 measures before" in japan.definition
    (britain,) = alignment.key_numbers(small_lags, "GB", day)
    assert (britain.value, britain.number) == ("214 days", 214)
    assert not britain.definition.startswith("median")
    (baseline,) = alignment.key_numbers(small_lags, "US", day)
    assert (baseline.key, baseline.value, baseline.number) == ("pairs_within_year", "1 of 3", 1)
    assert alignment.key_numbers(small_lags.iloc[0:0], "US", day) == []


def test_findings_say_so_when_the_focus_has_no_pair(small_milestones, small_lags, small_events):
    focus, huawei, *_ = alignment.findings(
        small_milestones, small_lags, small_events, "DE", dt.date(2021, 6, 30)
    )
    assert focus.values["milestones"] == 0 and focus.values["lags"] == {}
    assert "no measure of germany's was declared" in focus.text.lower()
    assert huawei.values["huawei_lag_days"] == 366


def test_the_baseline_as_focus_is_named_as_such(small_milestones, small_lags, small_events):
    focus = alignment.findings(
        small_milestones, small_lags, small_events, "US", dt.date(2021, 6, 30)
    )[0]
    assert "baseline" in focus.text and focus.values["milestones"] == 4


def test_focus_steps_are_dated_with_their_publishers_linked(small_milestones, small_events):
    steps = alignment.focus_steps(small_milestones, small_events, "JP")
    assert steps["Date"].tolist() == [
        "2019-12-01 (announced)",
        "2020-03-01 (announced)",
        "2020-03-01 (announced)",
        "2020-12-02 (effective)",
    ]
    assert steps["Kind"].tolist()[:2] == [
        "Huawei/ZTE: non-binding declaration or proposal",
        "Huawei/ZTE: ban naming the vendor",
    ]
    milestone_row = steps[steps["Row id"] == "JP-2020-tel"].iloc[0]
    assert (milestone_row["Source"], milestone_row["url"]) == (
        "Publisher JP-2020-tel",
        "https://example.org/JP-2020-tel",
    )
    event_row = steps[steps["Row id"] == "JP-2020-01"].iloc[0]
    # A file name is never a link target: the display turns only http(s) addresses into links.
    assert event_row["url"] == "seeds/000_96defbd2b6c32daf.txt"
    assert display.safe_url(event_row["url"]) is None
    assert alignment.focus_steps(small_milestones, small_events, "FR").empty
    assert "no milestones" in alignment.focus_intro(
        small_milestones, small_events, "FR", dt.date(2021, 1, 1)
    )


def test_the_lag_table_shows_why_each_pair_holds_and_links_its_source(small_lags):
    table = alignment.lag_table(small_lags)
    first = table.iloc[0]
    assert first["Ally's measure"] == "2020-03-01: A measure"
    assert first["Kind"] == "Telecom vendor restriction, announcement to announcement"
    assert first["Why they are paired"] == (
        "JP-2020-tel follows US-2020-tel-later: the same kind of measure. "
        "Japan announced first; the US announcement was long expected."
    )
    assert (first["Source"], first["pair_url"]) == (
        "Pair source",
        "https://example.org/pair/JP-2020-tel",
    )
    assert first["US measure"] == "2020-06-01: A measure"
    britain = table[table["Ally"] == "United Kingdom"].iloc[0]
    assert britain["Why they are paired"].endswith("the same kind of measure.")


def test_timeline_lanes_put_the_us_first_china_last_and_mark_the_focus(small_milestones):
    assert alignment_charts.lane_order(small_milestones) == ["US", "TW", "JP", "GB", "CN"]
    fig = alignment_charts.timeline_chart(
        small_milestones, alignment.restrictions_only(small_milestones), "JP"
    )
    names = {trace.name: trace for trace in fig.data}
    assert names["Chinese countermeasure"].marker.color == "#000000"
    assert list(names["Lifting (not counted in lags)"].customdata[:, 0]) == [
        "US-2018-zte-denial-order-lifted"
    ]
    lanes = list(fig.layout.yaxis.categoryarray)
    focus_bands = [s for s in fig.layout.shapes if s.fillcolor == FOCUS_COLOUR]
    assert len(focus_bands) == 1 and focus_bands[0].y0 == lanes.index("Japan") - 0.5
    assert (
        fig.layout.title.text.replace("<br>", " ")
        == "3 US measures, 5 by 3 allies, 1 Chinese countermeasure"
    )


def test_lag_charts_colour_only_the_focus(small_lags, small_events):
    fig = alignment_charts.lag_chart(small_lags, "JP")
    colours = dict(zip(fig.data[0].y, fig.data[0].marker.color))
    assert {label for label, colour in colours.items() if colour == FOCUS_COLOUR} == {
        "Japan: telecom vendor restriction (2020)",
        "Japan: chip export controls (2020)",
    }
    assert "median lag -61 days" in fig.layout.title.text.replace("<br>", " ")
    britain = alignment_charts.lag_chart(small_lags, "GB").layout.title.text
    assert britain.replace("<br>", " ") == (
        "United Kingdom acted 214 days after the US measure of the same kind"
    )
    huawei = alignment_charts.huawei_lag_chart(
        alignment.huawei_lags(small_events), "DE", small_events
    )
    assert (
        huawei.layout.title.text.replace("<br>", " ")
        == "Germany acted 366 days after the first US binding Huawei/ZTE restriction"
    )
    assert [c == FOCUS_COLOUR for c in huawei.data[0].marker.color].count(True) == 1


# The explicit list of rows that are not restrictions must match the curated table.

LIFTING_WORDS = r"\b(?:lifts|lifted|suspends|revokes|rescinds|terminates|withdraws)\b"


def test_every_listed_non_restriction_is_in_the_table_and_reads_as_one():
    table = tables.load("milestones").set_index("id")
    for id_ in alignment.NOT_RESTRICTIONS:
        assert id_ in table.index, id_
        assert (
            table.loc[id_, "title"].lower().find("lift") >= 0
            or "relaxation" in table.loc[id_, "notes"].lower()
        )


def test_every_lifting_in_the_table_is_listed():
    table = tables.load("milestones")
    liftings = table[table["title"].str.contains(LIFTING_WORDS, case=False, regex=True)]
    assert set(liftings["id"]) <= set(alignment.NOT_RESTRICTIONS)


# The notebook, run for two editions, against an independent computation from the raw CSVs.


def expected_from_csv(day: str, focus: str) -> dict:
    cut_day = pd.Timestamp(day)
    raw = pd.read_csv(paths.CURATED / "milestones.csv", parse_dates=["date"]).set_index("id")
    pairs = pd.read_csv(paths.CURATED / "lag_pairs.csv")
    pairs = pairs.assign(
        ally=pairs["follower"].map(raw["jurisdiction"]),
        leader_date=pairs["leader"].map(raw["date"]),
        follower_date=pairs["follower"].map(raw["date"]),
    )
    pairs = pairs[(pairs["leader_date"] <= cut_day) & (pairs["follower_date"] <= cut_day)]
    lag = (pairs["follower_date"] - pairs["leader_date"]).dt.days
    mine = dict(zip(pairs["follower"][pairs["ally"] == focus], lag[pairs["ally"] == focus]))

    events = pd.read_csv(paths.CURATED / "restrictions.csv", parse_dates=["announced"])
    # Binding rows that count: the codebook's statuses lifted, lapsed and struck down do not.
    events = events[
        (events["announced"] <= cut_day)
        & (events["binding"] == "yes")
        & ~events["status"].isin(["lifted", "lapsed", "struck_down"])
    ]
    first_binding = events.groupby("jurisdiction")["announced"].min()
    others = (first_binding.drop("US") - first_binding["US"]).dt.days
    bans = events[events["level"] == "vendor_ban"].groupby("jurisdiction")["announced"].min()
    ban_lags = (bans.drop("US") - bans["US"]).dt.days
    return {
        "lags": {k: int(v) for k, v in mine.items()},
        # Whole days, halves away from zero, as the findings give them.
        "median": _whole(float(pd.Series(list(mine.values())).median())) if mine else None,
        "huawei": int(others[focus]) if focus in others else None,
        "pairs": len(pairs),
        "within": int(lag.between(0, 365).sum()),
        "before": int((lag < 0).sum()),
        "binding": len(others),
        "binding_within": int(others.between(0, 365).sum()),
        "bans": len(ban_lags),
        "bans_within": int(ban_lags.between(0, 365).sum()),
    }


@pytest.fixture(scope="module")
def executed(archive):
    """The notebook as two editions of the session's archive ran it, with its downloads."""
    runs = archive.chapter("alignment")
    return {
        edition: (notebook, pd.read_csv(downloads / "alignment_lags.csv"))
        for edition, (notebook, downloads) in runs.items()
    }


@pytest.mark.e2e
@pytest.mark.parametrize(("day", "focus"), [("2020-06-30", "NL"), ("2026-11-01", "JP")])
def test_notebook_findings_match_the_raw_tables(executed, day, focus):
    notebook, lags_csv = executed[(day, focus)]
    found = {f["key"]: f["values"] for f in findings.from_notebook(notebook)}
    expected = expected_from_csv(day, focus)
    assert found["focus_lags"]["lags"] == expected["lags"]
    assert found["focus_lags"]["median_lag_days"] == expected["median"]
    assert found["focus_huawei_lag"]["huawei_lag_days"] == expected["huawei"]
    allies = found["allies_within_year"] | found["huawei_within_year"]
    assert (allies["pairs"], allies["pairs_within_year"], allies["pairs_before_us"]) == (
        expected["pairs"],
        expected["within"],
        expected["before"],
    )
    assert (allies["binding_jurisdictions"], allies["binding_within_year"]) == (
        expected["binding"],
        expected["binding_within"],
    )
    assert (allies["named_ban_jurisdictions"], allies["named_ban_within_year"]) == (
        expected["bans"],
        expected["bans_within"],
    )
    assert len(lags_csv) == expected["pairs"]
    labels = {alignment_label(cell) for cell in notebook.cells if cell.get("outputs")}
    assert {
        "fig-alignment-timeline",
        "fig-alignment-lags",
        "tbl-alignment-lags",
        "tbl-alignment-focus-steps",
    } <= labels


@pytest.mark.e2e
def test_later_edition_has_more_allies_in_step(executed):
    early = {
        f["key"]: f["values"] for f in findings.from_notebook(executed[("2020-06-30", "NL")][0])
    }
    late = {
        f["key"]: f["values"] for f in findings.from_notebook(executed[("2026-11-01", "JP")][0])
    }
    # The chip export controls, the UK's investment act and Taiwan's listing came after mid-2020.
    assert late["allies_within_year"]["pairs"] > early["allies_within_year"]["pairs"]
    assert (
        late["huawei_within_year"]["binding_jurisdictions"]
        > early["huawei_within_year"]["binding_jurisdictions"]
    )
    assert early["focus_lags"]["focus"] == "NL" and late["focus_lags"]["focus"] == "JP"


def alignment_label(cell) -> str | None:
    first = cell.source.splitlines()[0] if cell.source else ""
    return first.split(":", 1)[1].strip() if first.startswith("#| label:") else None


def _whole(days: float) -> int:
    return int(abs(days) + 0.5) * (1 if days >= 0 else -1)
