"""Chapter 3: the as-of cut, series kept apart, series breaks, the gap to target, forecasts,
chart and notebook."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from support import findings as findings_module

from briefing import paths
from briefing.chapters import self_sufficiency as ss
from briefing.charts import palette
from briefing.charts import self_sufficiency as ss_chart
from briefing.data import tables
from briefing.vocabulary import self_sufficiency as measures


def as_of(figures, day):
    return ss.with_measures(tables.cut(figures, "semiconductor_self_sufficiency", day))


MAIN_TEXT = next(
    text
    for text, m in measures.MEASURES.items()
    if m.series == measures.MAIN and "China-based" in text
)
MAIN_TARGET_TEXT = next(
    text for text, m in measures.MEASURES.items() if m.series == measures.MAIN and text != MAIN_TEXT
)
HQ_TEXT = next(text for text, m in measures.MEASURES.items() if m.series == "china_hq_ic")
UNDEFINED_TEXT = next(
    text for text, m in measures.MEASURES.items() if m.series == "mic2025_undefined"
)


def row(
    id, year, value, kind, measure, made, producer="IC Insights", confidence="high", basis=None
):
    return {
        "id": id,
        "year": year,
        "value_pct": value,
        "kind": kind,
        "measure": measure,
        # By default each publication date is its own release, so its own basis.
        "basis": basis or f"release of {made}",
        "estimate_made": pd.Timestamp(made),
        "producer": producer,
        "source_url": "seeds/003_03d580ab561174f4.txt",
        "source_publisher": "Publisher",
        "source_date": pd.Timestamp(made),
        "confidence": confidence,
        "notes": "",
    }


def figures(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    frame["year"] = frame["year"].astype("Int64")
    frame["value_pct"] = frame["value_pct"].astype("Float64")
    return frame


SAMPLE = figures(
    row("a2018", 2018, 15.3, "actual", MAIN_TEXT, "2019-02-08"),
    row("a2019", 2019, 15.0, "actual", MAIN_TEXT, "2020-05-21"),
    row("hq2021", 2021, 6.6, "actual", HQ_TEXT, "2022-05-19"),  # later year, other series
    row("f2024", 2024, 20.0, "forecast", MAIN_TEXT, "2020-05-21"),
    row("f2025", 2025, 72.0, "forecast", MAIN_TEXT, "2021-01-06"),
    row("t2025", 2025, 70.0, "target", MAIN_TARGET_TEXT, "2015-05-08", "State Council", "low"),
    row("u2020", 2020, 40.0, "target", UNDEFINED_TEXT, "2015-05-08", "State Council", "low"),
)


def test_as_of_keeps_what_was_published_by_that_day_inclusive():
    day_before = as_of(SAMPLE, dt.date(2020, 5, 20))
    on_the_day = as_of(SAMPLE, dt.date(2020, 5, 21))
    assert set(day_before["id"]) == {"a2018", "t2025", "u2020"}
    assert set(on_the_day["id"]) == {"a2018", "a2019", "f2024", "t2025", "u2020"}
    assert set(on_the_day.loc[on_the_day["id"] == "t2025", "series"]) == {measures.MAIN}


def test_an_unknown_measure_is_a_series_of_its_own():
    reworded = MAIN_TEXT + " (revised definition)"
    assert measures.measure_of(reworded).series != measures.MAIN
    assert measures.measure_of(reworded).series != measures.measure_of(HQ_TEXT).series


def test_every_measure_in_the_table_is_named():
    raw = tables.load("semiconductor_self_sufficiency")
    assert set(raw["measure"]) <= set(measures.MEASURES)


def test_a_later_publication_supersedes_the_earlier_one_for_the_same_year():
    data = as_of(
        figures(
            row("old", 2023, 20.5, "forecast", MAIN_TEXT, "2019-02-08"),
            row("new", 2023, 18.0, "forecast", MAIN_TEXT, "2021-01-06"),
            row("actual", 2023, 17.0, "actual", MAIN_TEXT, "2024-01-01"),
        ),
        dt.date(2026, 1, 1),
    )
    assert set(ss.latest_vintages(data)["id"]) == {"new", "actual"}
    assert list(ss.superseded(data)["id"]) == ["old"]
    assert ss.forecasts(data)["value_pct"].tolist() == [18.0]


def test_latest_actual_is_the_main_series_latest_year_not_another_series():
    data = as_of(SAMPLE, dt.date(2026, 11, 22))
    assert ss.latest_actual(data)["id"] == "a2019"
    assert ss.latest_actual(data, "china_hq_ic")["id"] == "hq2021"
    assert ss.latest_actual(as_of(SAMPLE, dt.date(2018, 1, 1))) is None


def test_target_is_the_nearest_year_of_the_same_series_ties_going_later():
    data = as_of(
        figures(
            row("t2020", 2020, 40.0, "target", MAIN_TARGET_TEXT, "2015-05-08"),
            row("t2030", 2030, 80.0, "target", MAIN_TARGET_TEXT, "2015-05-08"),
            row("u2024", 2024, 50.0, "target", UNDEFINED_TEXT, "2015-05-08"),
        ),
        dt.date(2026, 1, 1),
    )
    assert ss.target_for(data, 2025)["id"] == "t2030"  # 5 years either side
    assert ss.target_for(data, 2021)["id"] == "t2020"
    assert ss.target_for(data, 2024)["id"] != "u2024"  # another measure is never the target


def test_findings_state_the_gap_and_whether_forecasts_reach_the_goal():
    data = as_of(SAMPLE, dt.date(2026, 11, 22))
    # Deliberately changed: the producers' latest estimates are the second finding (issue 21).
    latest, _, outlook, _ = ss.findings(data, "JP", dt.date(2026, 11, 22))
    # 70 - 15.0 = 55 points; the 2025 forecast (72) is 2 points above the goal.
    # (The measure, its short name, the basis and the edition date were added for issue 12.)
    assert latest.values == {
        "year": 2019,
        "value_pct": 15.0,
        "producer": "IC Insights",
        "published": "2020-05-21",
        "measure": MAIN_TEXT,
        "definition": measures.MEASURES[MAIN_TEXT].short,
        "basis": "release of 2020-05-21",
        "as_of": "2026-11-22",
        "target_year": 2025,
        "target_pct": 70.0,
        "gap_pp": 55.0,
    }
    assert "55 percentage points short of the 70%" in latest.text
    assert "No actual estimate for 2025 had been published" in latest.text  # 2025 is over
    assert outlook.values == {
        "forecasts": 2,
        "expect_target_met": True,
        "forecast_year": 2025,
        "forecast_pct": 72.0,
        "forecast_published": "2021-01-06",
        "forecast_gap_pp": -2.0,
        "highest_forecast_pct": 72.0,
        "measure": MAIN_TEXT,
        "definition": measures.MEASURES[MAIN_TEXT].short,
        "as_of": "2026-11-22",
    }
    assert "1 of the 2 forecasts" in outlook.text and "2 percentage points above" in outlook.text


def test_findings_before_the_target_year_is_forecast_use_the_nearest_forecast():
    day = dt.date(2020, 6, 30)
    _, _, outlook, _ = ss.findings(as_of(SAMPLE, day), "JP", day)
    # Only the 2024 forecast (20.0) exists: 50 points short, goal not expected to be met.
    assert outlook.values["forecast_year"] == 2024 and outlook.values["forecast_gap_pp"] == 50.0
    assert outlook.values["expect_target_met"] is False
    assert "none yet covered 2025" in outlook.text
    assert "No actual estimate for" not in ss.findings(as_of(SAMPLE, day), "JP", day)[0].text


def test_the_finding_and_key_number_say_when_the_goals_year_has_passed():
    for day, passed in [(dt.date(2025, 12, 31), False), (dt.date(2026, 1, 1), True)]:
        data = as_of(SAMPLE, day)
        latest = ss.findings(data, "JP", day)[0]
        (key,) = ss.key_numbers(data, day)
        said = "The goal's year, 2025, has passed." in latest.text
        assert said == passed and ("the goal's year, 2025, has passed" in key.as_of) == passed


def what_it_measures(text: str) -> str:
    """What a measure is a share of, read from the table's own wording of it."""
    if "not self-sufficiency" in text:
        return "world"
    return "equipment" if "equipment, not chips" in text else "chips"


def expected_latest_by_producer(table: pd.DataFrame) -> pd.DataFrame:
    """Each producer's latest estimate of each thing measured, with pandas alone: targets aside
    and superseded figures dropped, the producer named without its bracketed qualifier; its
    newest release's actual for the latest year (main series first), else its newest forecast."""
    rows = table[table["kind"] != "target"].sort_values(["estimate_made", "id"])
    rows = rows.drop_duplicates(["measure", "kind", "year"], keep="last")
    rows = rows.assign(
        name=rows["producer"].str.replace(r"\s*\(.*\)\s*$", "", regex=True),
        actual=rows["kind"] == "actual",
        main=rows["measure"] == MAIN_TEXT,
        group=rows["measure"].map(what_it_measures),
    )
    rows = rows.sort_values(["actual", "estimate_made", "main", "year", "id"])
    return rows.drop_duplicates(["group", "name"], keep="last").set_index(["group", "name"])


GROUPS = ["chips", "equipment", "world"]


@pytest.mark.parametrize("day", [dt.date(2020, 6, 30), dt.date(2024, 6, 30), dt.date(2026, 12, 6)])
def test_each_producers_latest_estimate_is_its_newest_release(day):
    # Deliberately changed: grouped by what each figure is a share of (chips in China's own
    # market, chip-making equipment, the world), actuals first; a bound reads as worded.
    data = as_of(tables.load("semiconductor_self_sufficiency"), day)
    expected = expected_latest_by_producer(data)
    table = ss.producers_table(data)
    groups = [what_it_measures(text) for text in ss.latest_by_producer(data)["measure"]]
    assert sorted(zip(groups, table["Producer"])) == sorted(expected.index)
    assert groups == sorted(groups, key=GROUPS.index)
    for group, row in zip(groups, table.to_dict("records"), strict=True):
        want = expected.loc[(group, row["Producer"])]
        value = f"{want['value_pct']:g}"
        if str(want["value_bound"]) == "more_than":
            value = f"more than {value}"
        assert (row["Year"], row["Value (%)"], row["Published"]) == (
            int(want["year"]),
            value,
            f"{want['estimate_made']:%Y-%m-%d}",
        )
        assert row["Indicator"] == measures.measure_of(want["measure"]).short
        assert row["Basis"] == want["basis"] and row["url"] == want["source_url"]
    for group in GROUPS:  # in a group, actuals first, newest year first
        rows = table[[g == group for g in groups]]
        actual = rows[rows["Kind"] == "Actual"]
        assert (
            rows["Kind"].tolist() == sorted(rows["Kind"]) and actual["Year"].is_monotonic_decreasing
        )
    # The finding names every producer of a world share, and gives each producer of China's
    # own supply it has room for with its figure, year and what it divides by what.
    found = next(f for f in ss.findings(data, "JP", day) if f.key == "producers")
    in_group = {g: [p for g2, p in zip(groups, table["Producer"]) if g2 == g] for g in GROUPS}
    assert found.values["world_share_producers"] == in_group["world"]
    assert found.values["producers"] == in_group["chips"]
    assert found.values["equipment_producers"] == in_group["equipment"]
    for name in found.values["world_share_producers"]:
        assert name in found.text
    shown = [p for p in found.values["producers"] if f"{p}, " in found.text]
    assert shown, found.text
    for name in shown:
        want = expected.loc[("chips", name)]
        assert (
            f"{name}, {ss.pct(want['value_pct'], want['value_bound'])} "
            f"{'forecast ' if want['kind'] == 'forecast' else ''}for {int(want['year'])}: "
            f"{measures.measure_of(want['measure']).short}" in found.text
        )
    hidden = len(found.values["producers"]) - len(shown)
    assert (f"{hidden} more listed" in found.text) == (hidden > 0)


GARTNER_TEXT = next(
    text for text in measures.MEASURES if text.startswith("Share of the semiconductors bought")
)
JIEMIAN_TEXT = next(text for text in measures.MEASURES if "Jiemian" in text)


def test_the_producers_finding_groups_figures_by_what_they_measure():
    # Gartner's "more than 50%" is a lower bound: the finding words it so, and as a forecast;
    # Jiemian's share is of equipment, not chips, so not among China's own chip supply.
    gartner = row("g2030", 2030, 50.0, "forecast", GARTNER_TEXT, "2026-06-14", "Gartner", "low")
    gartner["value_bound"] = "more_than"
    jiemian = row("j2025", 2025, 35.0, "actual", JIEMIAN_TEXT, "2026-01-09", "Jiemian News", "low")
    day = dt.date(2026, 12, 6)
    data = as_of(figures(*SAMPLE.to_dict("records"), gartner, jiemian), day)
    found = next(f for f in ss.findings(data, "JP", day) if f.key == "producers")
    chips, equipment = found.text.split("China-made share of chip-making equipment, not of chips: ")
    assert "Gartner, more than 50% forecast for 2030: " in chips and "Jiemian" not in chips
    assert equipment.startswith("Jiemian News, 35% for 2025.")
    assert found.values["producers"] == ["IC Insights", "Gartner"]
    assert found.values["producer_bounds"] == [None, "more_than"]
    assert found.values["equipment_producers"] == ["Jiemian News"]
    table = ss.producers_table(data)
    assert table.set_index("Producer").loc["Gartner", "Value (%)"] == "more than 50"
    # China's shares of the world are a table of their own, not in the panel of other measures.
    panel = ss.other_inputs(data)["current"]
    assert set(panel["measure"]) == {HQ_TEXT, UNDEFINED_TEXT, GARTNER_TEXT, JIEMIAN_TEXT}


def test_findings_without_any_actual_estimate():
    day = dt.date(2018, 1, 1)
    (only,) = ss.findings(as_of(SAMPLE, day), "JP", day)
    assert only.values["value_pct"] is None and "no actual estimate" in only.text.lower()
    assert (
        ss.lead(as_of(SAMPLE, day), day)
        == "**China's chip self-sufficiency**, as of 1 January 2018:"
    )


def test_chart_keeps_measures_apart_and_draws_each_kind_differently():
    data = as_of(
        pd.concat([SAMPLE, figures(row("hq2020", 2020, 5.9, "actual", HQ_TEXT, "2021-01-06"))]),
        dt.date(2026, 11, 22),
    )
    fig = ss_chart.chart(**ss.chart_inputs(data))
    # Issue 22: the main chart draws the main series alone, the panel the other measures.
    panel = ss_chart.other_chart(**ss.other_inputs(data))
    assert "2019: 55 points short of the 70% goal for 2025" in fig.layout.title.text.replace(
        "<br>", " "
    )
    by_name = {trace.name.replace("<br>", " "): trace for trace in fig.data}
    main = by_name[f"Actual: {measures.MEASURES[MAIN_TEXT].short}"]
    assert all(t.meta["category"] == palette.series_name(measures.MAIN) for t in fig.data)
    hq = next(t for t in panel.data if t.name == measures.MEASURES[HQ_TEXT].short)
    # Each pair comes from two releases (two bases): a gap, not a solid step (issue 12).
    assert list(main.y) == [15.3, None, 15.0] and main.line.dash is None
    assert list(hq.y) == [5.9, None, 6.6]
    forecasts = [t for t in [*fig.data, *panel.data] if t.line.dash == "dash" and t.mode != "lines"]
    assert len(forecasts) == 2 and all(t.line.dash == "dash" for t in forecasts)
    assert all(t.marker.symbol == "circle-open" for t in forecasts)
    # Each forecast line starts at the actual published with it (same day, same measure).
    assert {(tuple(t.x), tuple(t.y)) for t in forecasts} == {
        ((2019, 2024), (15.0, 20.0)),
        ((2025,), (72.0,)),
    }
    target = by_name[f"Target: {measures.MEASURES[MAIN_TARGET_TEXT].short}"]
    assert target.marker.symbol == "star" and list(target.y) == [70.0]
    note = fig.layout.annotations[-1].text.replace("<br>", " ")
    assert measures.MAIN_DEFINITION in note and "confidence low" in note


def test_table_puts_the_main_series_first_and_the_download_keeps_the_sources():
    data = as_of(SAMPLE, dt.date(2026, 11, 22))
    table = ss.figure_table(data)
    assert table["Indicator"].iloc[0] == measures.MEASURES[MAIN_TEXT].short
    assert table.loc[table["Kind"] == "Target", "Value (%)"].tolist() == ["70", "40"]
    assert table["url"].tolist() == ss.main_first(data)["source_url"].tolist()
    download = ss.download_table(data)
    assert "series" not in download and {"measure", "measure_short", "source_url", "notes"} <= set(
        download
    )
    assert len(download) == len(data)


# --- Series breaks (issue 12): where the basis of one measure's line changes ------------------

TODAY = dt.date.today()


def test_breaks_are_exactly_where_the_basis_changes_between_adjoining_years():
    data = as_of(
        figures(
            row("y2016", 2016, 10.0, "actual", MAIN_TEXT, "2018-01-01", basis="A"),
            row("y2017", 2017, 11.0, "actual", MAIN_TEXT, "2018-01-01", basis="A"),
            row("y2018", 2018, 12.0, "actual", MAIN_TEXT, "2019-01-01", basis="B"),
            # An older vintage of 2018 on a third basis is superseded: it makes no break.
            row("y2018-old", 2018, 13.0, "actual", MAIN_TEXT, "2018-06-01", basis="C"),
            row("y2019", 2019, 12.5, "actual", MAIN_TEXT, "2020-01-01", basis="B"),
            row("y2020", 2020, 14.0, "actual", MAIN_TEXT, "2021-01-01", basis="A"),
            # Forecasts and another series never break the main line.
            row("f2025", 2025, 20.0, "forecast", MAIN_TEXT, "2021-01-01", basis="Z"),
            row("hq2017", 2017, 5.0, "actual", HQ_TEXT, "2018-01-01", basis="A"),
            row("hq2018", 2018, 6.0, "actual", HQ_TEXT, "2019-01-01", basis="B"),
        ),
        dt.date(2026, 1, 1),
    )
    breaks = ss.series_breaks(data)
    assert list(zip(breaks["year_before"], breaks["year_after"])) == [(2017, 2018), (2019, 2020)]
    assert list(zip(breaks["basis_before"], breaks["basis_after"])) == [("A", "B"), ("B", "A")]
    assert list(zip(breaks["value_before"], breaks["value_after"])) == [(11.0, 12.0), (12.5, 14.0)]
    runs = ss.basis_runs(ss.actual_line(data, MAIN_TEXT))
    assert [list(run["year"]) for run in runs] == [[2016, 2017], [2018, 2019], [2020]]
    every = ss.series_breaks(data, series=None)
    assert set(every["series"]) == {measures.MAIN, "china_hq_ic"} and len(every) == 3
    assert ss.line_bases(data) == ["A", "B"]  # oldest publication first, each once


def test_one_basis_means_no_break_and_the_finding_says_so():
    day = dt.date(2026, 1, 1)
    data = as_of(
        figures(
            row("a", 2018, 15.0, "actual", MAIN_TEXT, "2019-02-08", basis="same"),
            row("b", 2019, 16.0, "actual", MAIN_TEXT, "2020-05-21", basis="same"),
            row("t", 2025, 70.0, "target", MAIN_TARGET_TEXT, "2015-05-08", "State Council", "low"),
        ),
        day,
    )
    assert ss.series_breaks(data).empty
    fig = ss_chart.chart(**ss.chart_inputs(data, day))
    main = next(
        t for t in fig.data if t.name.replace("<br>", " ").startswith("Actual: China-based")
    )
    assert list(main.y) == [15.0, 16.0]  # joined: same basis
    assert not [t for t in fig.data if t.name and "Series break" in t.name]
    breaks = ss.findings(data, "JP", day)[-1]
    assert breaks.key == "series_breaks" and breaks.values["breaks"] == 0
    assert "no series break" in breaks.text


def known_by(day) -> pd.DataFrame:
    """The committed rows an edition dated ``day`` shows, with pandas alone: estimates made by
    then whose source was published by then (a figure published later was not known)."""
    table = pd.read_csv(
        paths.CURATED / "semiconductor_self_sufficiency.csv",
        parse_dates=["estimate_made", "source_date"],
    )
    day = pd.Timestamp(day)
    return table[(table["estimate_made"] <= day) & (table["source_date"] <= day)]


def knows_the_goal(day) -> bool:
    """Whether an edition dated ``day`` has IC Insights' reading of the goal (pandas alone)."""
    table = known_by(day)
    reading = table["measure"].str.contains("IC Insights' reading", regex=False)
    return bool(((table["kind"] == "target") & reading).any())


def committed_main_line(day: dt.date) -> pd.DataFrame:
    """The main line from the committed CSV with pandas alone: newest figure for each year."""
    table = known_by(day)
    main = table[table["measure"].str.startswith("China-based IC production")]
    actual = main[main["kind"] == "actual"].sort_values(["estimate_made", "id"])
    return actual.drop_duplicates("year", keep="last").sort_values("year")


@pytest.mark.parametrize("day", [dt.date(2020, 6, 30), TODAY])
def test_breaks_in_the_committed_table_are_where_its_basis_changes(day):
    line = committed_main_line(day)
    pairs = zip(line.itertuples(), line.iloc[1:].itertuples())
    expected = [(a.year, b.year) for a, b in pairs if a.basis != b.basis]
    breaks = ss.series_breaks(as_of(tables.load("semiconductor_self_sufficiency"), day))
    assert list(zip(breaks["year_before"], breaks["year_after"])) == expected
    assert expected  # the committed line does join releases on different bases


def test_committed_table_records_the_bases_the_research_found():
    raw = tables.load("semiconductor_self_sufficiency")
    main = ss.with_measures(raw)
    main = main[(main["series"] == measures.MAIN) & (main["kind"] != "target")]
    # One release, one basis: IC Insights figures published together share their basis ...
    per_release = main.groupby("estimate_made")["basis"].nunique()
    assert (per_release == 1).all()
    # ... and no two releases share one.
    assert main.groupby("basis")["estimate_made"].nunique().max() == 1
    by_year = main[main["kind"] == "actual"].set_index("year")
    # Section D of the issue-12 research: 15.3% of US$155bn (2018); 15.7% of US$124.6bn (2019),
    # restated to US$131.3bn by the next release; 16.7% of US$186.5bn (2021), the latest actual.
    assert by_year.loc[2018, "value_pct"] == 15.3 and "US$155bn" in by_year.loc[2018, "basis"]
    assert by_year.loc[2019, "value_pct"] == 15.7 and "US$124.6bn" in by_year.loc[2019, "basis"]
    assert "US$131.3bn" in by_year.loc[2020, "basis"]
    assert by_year.loc[2019, "confidence"] != "high" and "restated" in by_year.loc[2019, "notes"]
    assert by_year.loc[2021, "value_pct"] == 16.7 and "US$186.5bn" in by_year.loc[2021, "basis"]
    assert by_year.loc[2021, "estimate_made"] == pd.Timestamp("2022-05-19")
    assert by_year.index.max() == 2021
    assert not raw["source_url"].str.startswith("seeds/").any()  # seeds cited as publications


def test_the_charts_mark_every_break_with_a_gap_and_a_bridge():
    # Changed with issue 22: no mark at the middle of each bridge (they read as error bars).
    day = TODAY
    data = as_of(tables.load("semiconductor_self_sufficiency"), day)
    fig = ss_chart.chart(**ss.chart_inputs(data, day))
    panel = ss_chart.other_chart(**ss.other_inputs(data))
    breaks = ss.series_breaks(data, series=None)
    # Changed: China's shares of the world are a table of their own, so their breaks are drawn
    # by no chart, and the table of breaks (the breaks the charts draw) leaves them out.
    world = breaks["measure"].map(lambda text: measures.measure_of(text).about == measures.WORLD)
    assert world.any() and len(ss.breaks_table(data)) == (~world).sum()
    breaks = breaks[~world]
    bridges = [
        t for t in [*fig.data, *panel.data] if t.name and t.name.startswith("Series break (dotted")
    ]
    bridged = {
        (t.x[i], t.x[i + 1]) for t in bridges for i in range(0, len(t.x), 3) if t.x[i] is not None
    }
    assert bridged == set(zip(breaks["year_before"], breaks["year_after"]))
    assert all(t.line.dash == "dot" for t in bridges)
    # The actual line itself stops at each break: a None between the two years, nowhere else.
    main = next(
        t for t in fig.data if t.name.replace("<br>", " ").startswith("Actual: China-based")
    )
    xs = list(main.x)
    on_main = breaks[breaks["measure"] == MAIN_TEXT]
    gaps = {(xs[i - 1], xs[i + 1]) for i, x in enumerate(xs) if x is None}
    assert gaps == set(zip(on_main["year_before"], on_main["year_after"])) and len(gaps) > 0
    note = fig.layout.annotations[-1].text.replace("<br>", " ")
    assert "Series breaks" in note and "US$131.3bn" in note


@pytest.mark.parametrize("day", [dt.date(2020, 6, 30), TODAY])
def test_title_and_subtitle_name_the_latest_actual_year(day):
    expected = int(committed_main_line(day)["year"].max())
    fig = ss_chart.chart(
        **ss.chart_inputs(as_of(tables.load("semiconductor_self_sufficiency"), day), day)
    )
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert f"Latest actual year in the table as of {day:%-d %b %Y}: {expected} " in subtitle
    title = fig.layout.title.text.replace("<br>", " ")
    # Against IC Insights' reading of the goal where the edition knows it; it was published in
    # January 2021, so the edition of 30 June 2020 says the share alone (changed by the rule
    # that an edition shows only rows with a source published by its date).
    if knows_the_goal(day):
        assert f"China-based IC output in {expected}:" in title
    else:
        assert f"of China's IC market in {expected}" in title
    assert knows_the_goal(day) == (day != dt.date(2020, 6, 30))
    assert expected == (2019 if day == dt.date(2020, 6, 30) else 2021)


def test_the_contested_target_is_marked_where_the_chart_is():
    fig = ss_chart.chart(**ss.chart_inputs(as_of(SAMPLE, dt.date(2026, 11, 22))))
    star = next(t for t in fig.data if t.marker.symbol == "star")
    assert all("contested" in text for text in star.text)
    assert "contested" in fig.layout.annotations[-1].text


@pytest.mark.parametrize("day", [dt.date(2020, 6, 30), TODAY])
def test_findings_carry_their_definitions_measure_year_and_date(day):
    data = as_of(tables.load("semiconductor_self_sufficiency"), day)
    found = ss.findings(data, "JP", day)
    # No forecasts against a goal the edition does not know yet (see above).
    # Deliberately changed: each producer's latest estimate is a finding of its own (issue 21).
    keys = ["latest_actual", "producers", "forecasts", "series_breaks"]
    assert [f.key for f in found] == [k for k in keys if knows_the_goal(day) or k != "forecasts"]
    short = measures.MEASURES[MAIN_TEXT].short
    for finding in found:
        assert finding.values["measure"] == MAIN_TEXT
        assert finding.values["definition"] == short
        assert finding.values["as_of"] == day.isoformat()
    # Deliberately changed: the date, the measure and the reading of the goal are said once,
    # in the lead line; the findings lead with their numbers.
    lead = ss.lead(data, day)
    assert f"as of {day:%-d %B %Y}" in lead and measures.MAIN_DEFINITION in lead
    if knows_the_goal(day):
        assert "as IC Insights reads it" in lead and "confidence" in lead
    else:
        assert "no target for it was on record" in found[0].text
    latest, *_, breaks = found
    assert (
        f"{ss.pct(latest.values['value_pct'])} of China's IC market in {latest.values['year']}"
        in (latest.text)
    )
    assert f"published {pd.Timestamp(latest.values['published']):%-d %B %Y}" in latest.text
    assert breaks.values["breaks"] == len(ss.series_breaks(data)) > 0
    assert f"from {len(breaks.values['bases'])} releases" in breaks.text
    # Every basis the finding counts is named in the table of breaks beside the chart.
    table = ss.breaks_table(data)
    shown = set(table["Basis before"]) | set(table["Basis after"])
    assert set(breaks.values["bases"]) <= shown


def test_breaks_table_lists_each_break_main_series_first():
    data = as_of(tables.load("semiconductor_self_sufficiency"), TODAY)
    table = ss.figure_table(data)
    assert "Basis" in table
    breaks = ss.breaks_table(data)
    drawn = ss.series_breaks(data, series=None)["measure"].map(
        lambda text: measures.measure_of(text).about != measures.WORLD
    )
    assert len(breaks) == drawn.sum() > 0
    main = breaks["Indicator"] == measures.MEASURES[MAIN_TEXT].short
    assert main.iloc[: main.sum()].all()  # the main series' breaks come first
    assert (breaks["Basis before"] != breaks["Basis after"]).all()
    # Each side of a break links to the source of its figure.
    publisher = dict(zip(data["source_url"], data["source_publisher"], strict=True))
    for side in ("before", "after"):
        assert breaks[f"url_{side}"].str.match(r"https?://").all()
        assert breaks[f"Source {side}"].tolist() == breaks[f"url_{side}"].map(publisher).tolist()


# --- The notebook, executed for two editions ----------------------------------------------------

EDITIONS = {"2020-06-30": "NL", "2026-11-01": "JP"}


@pytest.fixture(scope="module")
def executed(archive):
    # The notebook as two editions of the session's archive ran it (tests/conftest.py).
    runs = archive.chapter("self_sufficiency")
    return {as_of: notebook for (as_of, _), (notebook, _) in runs.items()}


def expected_findings(as_of: str) -> dict:
    """The findings' numbers straight from the committed CSV, with pandas alone."""
    table = known_by(as_of)
    main = table[table["measure"].str.startswith("China-based IC production")]
    actual = main[main["kind"] == "actual"].sort_values(["year", "estimate_made"]).iloc[-1]
    latest = {
        "year": int(actual["year"]),
        "value_pct": float(actual["value_pct"]),
        "published": actual["estimate_made"].date().isoformat(),
    }
    if not knows_the_goal(as_of):  # no gap and no forecasts against a goal not yet known
        return latest
    target = table[
        (table["kind"] == "target") & table["measure"].str.contains("IC Insights' reading")
    ].iloc[0]
    outlook = (
        main[main["kind"] == "forecast"]
        .sort_values("estimate_made")
        .drop_duplicates("year", keep="last")
    )
    nearest = (
        outlook.assign(distance=(outlook["year"] - target["year"]).abs())
        .sort_values(["distance", "year"], ascending=[True, False])
        .iloc[0]
    )
    return {
        **latest,
        "target_year": int(target["year"]),
        "gap_pp": round(target["value_pct"] - actual["value_pct"], 1),
        "forecasts": len(outlook),
        "forecast_year": int(nearest["year"]),
        "forecast_pct": float(nearest["value_pct"]),
        "expect_target_met": bool((outlook["value_pct"] >= target["value_pct"]).any()),
    }


def found(nb) -> dict:
    values = {}
    for finding in findings_module.from_notebook(nb):
        values.update(finding["values"])
    return values


@pytest.mark.e2e
@pytest.mark.parametrize("as_of", list(EDITIONS))
def test_notebook_findings_match_the_csv(executed, as_of):
    expected = expected_findings(as_of)
    values = found(executed[as_of])
    assert {key: values[key] for key in expected} == pytest.approx(expected)
    chart_html = next(
        o["data"]["text/html"]
        for c in executed[as_of].cells
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {}) and "briefing-chart" in o["data"]["text/html"]
    )
    if "gap_pp" in expected:
        assert f"{expected['gap_pp']:g} points short" in chart_html
    else:
        assert "points short" not in chart_html
    day = dt.date.fromisoformat(as_of)
    assert (
        f"Latest actual year in the table as of {day:%-d %b %Y}: {expected['year']} " in chart_html
    )


@pytest.mark.e2e
def test_notebook_findings_differ_between_editions(executed):
    early, late = (found(executed[day]) for day in EDITIONS)
    assert early["year"] < late["year"] and early["value_pct"] != late["value_pct"]
    # The goal as IC Insights reads it was published in January 2021: the edition of mid-2020
    # measures no gap and no forecast against it (changed by the rule that an edition shows
    # only rows with a source published by its date); the later edition does.
    assert early["gap_pp"] is None and "forecasts" not in early
    assert late["forecasts"] > 0 and late["target_year"] == late["forecast_year"]
