"""The declared lag pairs: the codebook's pairing rule on the real tables and on bad pairs."""

from __future__ import annotations

import csv
import datetime as dt

import pandas as pd
import pytest
from support.lag_pairs import milestone as milestone_row
from support.lag_pairs import pair

from briefing import paths
from briefing.chapters import alignment
from briefing.charts import alignment as alignment_charts
from briefing.data import codebook, package, tables
from briefing.errors import DataError

PAIRS_CSV = paths.CURATED / "lag_pairs.csv"
TODAY = dt.date(2026, 12, 7)


def milestone(id_, date, jurisdiction, kind, date_kind):
    return milestone_row(id_, date, jurisdiction, kind, date_kind, title=f"Title of {id_}")


MILESTONES = pd.DataFrame(
    [
        milestone("US-2020-inv", "2020-01-01", "US", "investment_screening", "enacted"),
        milestone("US-2020-chips", "2020-06-01", "US", "export_control_chips", "effective"),
        milestone("JP-2020-inv", "2020-03-01", "JP", "investment_screening", "enacted"),
        milestone("NL-2020-chips", "2020-05-02", "NL", "export_control_chips", "effective"),
        milestone("GB-2021-inv", "2021-01-01", "GB", "investment_screening", "enacted"),
        milestone("GB-2020-chips", "2020-07-01", "GB", "export_control_chips", "announced"),
        milestone("CN-2020-chips", "2020-07-01", "CN", "export_control_chips", "effective"),
    ]
)
GOOD = [
    pair("US-2020-inv", "JP-2020-inv", "investment_screening", "enacted", "2020-03-01"),
    pair(
        "US-2020-chips",
        "NL-2020-chips",
        "export_control_chips",
        "effective",
        "2020-05-02",
        note="The Dutch order was drafted to the US text before it was published.",
    ),
    pair("US-2020-inv", "GB-2021-inv", "investment_screening", "enacted", "2021-01-01"),
]


def lags_of(rows, day=dt.date(2022, 1, 1)):
    return alignment.pair_lags(pd.DataFrame(rows), MILESTONES, day)


# Worked out by hand (2020 is a leap year): JP 2020-01-01 -> 2020-03-01 = 31 + 29 = 60;
# NL 2020-05-02 is 30 days before 2020-06-01; GB 2020-01-01 -> 2021-01-01 = 366.


def test_each_declared_pair_gets_the_days_between_its_two_rows():
    lags = lags_of(GOOD)
    assert lags[["ally", "us_id", "ally_id", "lag_days"]].values.tolist() == [
        ["JP", "US-2020-inv", "JP-2020-inv", 60],
        ["NL", "US-2020-chips", "NL-2020-chips", -30],
        ["GB", "US-2020-inv", "GB-2021-inv", 366],
    ]
    assert lags["date_kind"].tolist() == ["enacted", "effective", "enacted"]
    assert lags["pair_source_url"].tolist()[0] == "https://example.org/pair/JP-2020-inv"


@pytest.mark.parametrize("rows", [GOOD, []], ids=["before any pair", "no pair declared"])
def test_an_edition_without_pairs_reads_like_one_with_them(rows):
    day = dt.date(2020, 1, 15)
    lags = alignment.pair_lags(
        pd.DataFrame(rows, columns=list(pair("a", "b", "c", "d", "2020-01-01"))), MILESTONES, day
    )
    assert lags.empty and lags["us_date"].dtype.kind == "M" and lags["lag_days"].dtype.kind == "i"
    assert alignment.lag_table(lags).empty
    assert alignment.key_numbers(lags, "JP", day) == []
    title = alignment_charts.lag_chart(lags, "JP").layout.title.text.replace("<br>", " ")
    assert title.startswith("0 declared pairs") and title.endswith("none for Japan")


def test_no_pair_is_inferred_a_measure_without_one_has_no_lag():
    # GB's chip controls and China's are in the milestones; no row pairs them.
    assert set(lags_of(GOOD)["ally_id"]) == {"JP-2020-inv", "NL-2020-chips", "GB-2021-inv"}


def test_a_pair_counts_once_both_its_measures_are_in_the_edition():
    # NL acted on 2 May 2020, before the US rule of 1 June it is paired with.
    assert lags_of(GOOD, dt.date(2020, 5, 31))["ally_id"].tolist() == ["JP-2020-inv"]
    assert lags_of(GOOD, dt.date(2020, 6, 1))["ally_id"].tolist() == [
        "JP-2020-inv",
        "NL-2020-chips",
    ]
    assert lags_of(GOOD, dt.date(2020, 2, 29)).empty


BAD = {
    "an unknown leader": (
        {"leader": "US-2020-nothing"},
        "leader",
        "no milestone with this id",
    ),
    "a Chinese follower": (
        {"follower": "CN-2020-chips"},
        "follower",
        "must be an ally's measure",
    ),
    "a kind the rows do not have": (
        {"kind": "export_control_chips"},
        "kind",
        "the rows say leader investment_screening",
    ),
    "another kind of date": (
        {"follower": "GB-2020-chips", "follower_date": pd.Timestamp("2020-07-01")},
        "date_kind",
        "follower announced",
    ),
    "the follower's date mistyped": (
        {"follower_date": pd.Timestamp("2020-03-02")},
        "follower_date",
        "dated 2020-03-01",
    ),
    "a note on a positive lag": (
        {"negative_lag_note": "Not needed."},
        "negative_lag_note",
        "the lag is 60 days",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_pair_breaking_the_rule_stops_with_file_row_and_field(case):
    change, field, words = BAD[case]
    if case == "another kind of date":
        rows = [GOOD[0], {**GOOD[1], **change}]
        row = 3
    else:
        rows = [{**GOOD[0], **change}, GOOD[1]]
        row = 2
    with pytest.raises(DataError) as error:
        lags_of(rows)
    assert error.value.path == package.table("lag_pairs").path
    assert (error.value.row, error.value.field) == (row, field)
    assert words in str(error.value) and "lag_pairs.csv" in str(error.value)


def test_a_negative_lag_without_a_note_is_refused():
    unexplained = {**GOOD[1], "negative_lag_note": pd.NA}
    with pytest.raises(DataError, match="the lag is -30 days") as error:
        lags_of([GOOD[0], unexplained])
    assert (error.value.row, error.value.field) == (3, "negative_lag_note")


def write_pairs(path, change: dict) -> None:
    with PAIRS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[1].update(change)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date_kind": "in_force"}, "date_kind"),
        ({"kind": "countermeasure"}, "kind"),
        ({"justification": ""}, "justification"),
        ({"follower_date": "2023-13-01"}, "follower_date"),
        ({"leader": "JP-2019-fefta-amendment"}, "leader"),
    ],
)
def test_the_schema_refuses_a_bad_pair_naming_file_row_and_field(tmp_path, change, field):
    bad = tmp_path / "lag_pairs.csv"
    write_pairs(bad, change)
    with pytest.raises(DataError) as error:
        tables.load("lag_pairs", path=bad)
    assert (error.value.path, error.value.row, error.value.field) == (bad, 3, field)
    assert str(bad) in str(error.value) and "row 3" in str(error.value)


def test_the_codebook_states_the_pairing_rule_and_the_schema_its_kinds_of_date():
    book = codebook.load(table="lag_pairs")
    assert "same kind" in book.counting and "negative lag" in book.counting
    schema = package.table("lag_pairs").schema()
    enum = next(f for f in schema["fields"] if f["name"] == "date_kind")["constraints"]["enum"]
    assert book.field("date_kind").codes() == enum


# The real tables, against an independent computation with pandas from the two CSVs.


def raw_pairs() -> pd.DataFrame:
    pairs = pd.read_csv(PAIRS_CSV, parse_dates=["follower_date"])
    pairs = pairs.rename(columns={"follower_date": "declared_date"})
    milestones = pd.read_csv(paths.CURATED / "milestones.csv", parse_dates=["date"])
    return pairs.merge(
        milestones.add_prefix("leader_"), left_on="leader", right_on="leader_id", how="left"
    ).merge(
        milestones.add_prefix("follower_"),
        left_on="follower",
        right_on="follower_id",
        how="left",
    )


def test_every_real_pair_joins_two_rows_of_one_kind_and_one_kind_of_date():
    joined = raw_pairs()
    assert joined["leader_id"].notna().all() and joined["follower_id"].notna().all()
    assert (joined["kind"] == joined["leader_kind"]).all()
    assert (joined["kind"] == joined["follower_kind"]).all()
    assert (joined["date_kind"] == joined["leader_date_kind"]).all()
    assert (joined["date_kind"] == joined["follower_date_kind"]).all()
    assert (joined["declared_date"] == joined["follower_date"]).all()
    assert (joined["leader_jurisdiction"] == "US").all()
    assert not joined["follower_jurisdiction"].isin(["US", "CN"]).any()
    lag = (joined["follower_date"] - joined["leader_date"]).dt.days
    assert joined.loc[lag < 0, "negative_lag_note"].notna().all()
    assert joined.loc[lag >= 0, "negative_lag_note"].isna().all()


def test_the_real_lags_are_the_days_between_the_rows():
    joined = raw_pairs()
    expected = dict(
        zip(joined["follower"], (joined["follower_date"] - joined["leader_date"]).dt.days)
    )
    lags = alignment.pair_lags(tables.load("lag_pairs"), tables.load("milestones"), TODAY)
    assert dict(zip(lags["ally_id"], lags["lag_days"])) == expected


def test_the_pairs_an_expert_questioned_are_gone_or_replaced():
    joined = raw_pairs()
    pairs = set(zip(joined["leader"], joined["follower"]))
    assert ("US-2022-chips-and-science-act", "JP-2022-economic-security-promotion-act") not in pairs
    assert ("US-2018-zte-denial-order", "TW-2025-huawei-smic-entity-list") not in pairs
    assert ("US-2019-huawei-entity-list", "TW-2025-huawei-smic-entity-list") in pairs
