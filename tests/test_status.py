"""A measure's status on a day, the watch list, and `briefing status`, against answers worked
out by hand on small frames and against pandas reading the CSV files directly."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from briefing import cli, paths
from briefing.counting import status, watch
from briefing.data import tables
from briefing.errors import DataError

CHECKED = dt.date(2026, 12, 6)
SOURCE = {"source_publisher": "P", "source_url": "https://example.org/", "source_date": pd.NaT}


def measure(key: str, date: str, coded: object = pd.NA, effective: object = pd.NaT) -> dict:
    return {
        "measure_table": "china_measures",
        "measure_id": key,
        "jurisdiction": "CN",
        "measure": f"measure {key}",
        "date": pd.Timestamp(date),
        "effective": pd.Timestamp(effective) if isinstance(effective, str) else effective,
        "coded": coded,
        **SOURCE,
    }


def change(key: str, date: str, kind: str, until: str | None = None, url: str = "") -> dict:
    return {
        "measure_table": "china_measures",
        "measure_id": key,
        "date": pd.Timestamp(date),
        "change": kind,
        "until": pd.Timestamp(until) if until else pd.NaT,
        **SOURCE,
        "source_url": url or f"https://example.org/{key}/{date}",
    }


def status_of(measures: list[dict], changes: list[dict], day: str, key: str = "A") -> pd.Series:
    found = status.status_on(
        pd.DataFrame(measures),
        pd.DataFrame(changes),
        dt.date.fromisoformat(day),
        {"china_measures": CHECKED},
    )
    return found.set_index("measure_id").loc[key]


# A: in force 1 Mar 2025, suspended 10 Nov 2025 to 10 Nov 2026, nothing recorded after.
A = [measure("A", "2025-03-01", coded="suspended")]
A_CHANGES = [
    change("A", "2025-03-01", "in_force"),
    change("A", "2025-11-10", "suspended", until="2026-11-10"),
]


def test_before_a_suspension_the_measure_is_in_force():
    got = status_of(A, A_CHANGES, "2025-11-09")
    assert (got["status"], got["since"], got["next_change"]) == (
        "in_force",
        pd.Timestamp("2025-03-01"),
        "",
    )


@pytest.mark.parametrize("day", ["2025-11-10", "2026-06-01", "2026-11-10"])
def test_during_a_suspension_it_is_suspended_until_its_last_day(day):
    got = status_of(A, A_CHANGES, day)
    assert got["status"] == "suspended"
    assert (got["since"], got["until"]) == (pd.Timestamp("2025-11-10"), pd.Timestamp("2026-11-10"))
    assert (got["next_change"], got["next_date"]) == ("Suspension ends", pd.Timestamp("2026-11-10"))
    assert got["source_url"] == "https://example.org/A/2025-11-10"


def test_after_a_suspension_ends_with_nothing_recorded_it_is_never_reported_suspended():
    got = status_of(A, A_CHANGES, "2026-12-01")
    assert got["status"] == status.UNVERIFIED
    assert got["ended"] == pd.Timestamp("2026-11-10")
    assert got["since"] == pd.Timestamp("2026-11-11")
    assert pd.isna(got["until"])
    # The sources were searched to 6 December 2026 (CHECKED); an edition dated before that
    # knows them only to its own date (changed by the rule that an edition names no later day).
    assert got["text"] == (
        "Suspension ended 10 November 2026; status since then not verified "
        "(sources checked to 1 December 2026)"
    )
    assert "Suspended" not in got["label"]
    later = status_of(A, A_CHANGES, "2026-12-20")
    assert later["text"].endswith("(sources checked to 6 December 2026)")


def test_a_suspension_resumed_early_or_extended_follows_its_latest_change():
    resumed = [*A_CHANGES, change("A", "2026-03-01", "resumed")]
    got = status_of(A, resumed, "2026-12-01")
    assert (got["status"], got["since"]) == ("resumed", pd.Timestamp("2026-03-01"))
    extended = [*A_CHANGES, change("A", "2026-11-01", "extended", until="2027-11-10")]
    got = status_of(A, extended, "2026-12-01")
    # An extension keeps the suspension and its start, with the new last day.
    assert (got["status"], got["since"]) == ("suspended", pd.Timestamp("2025-11-10"))
    assert got["until"] == pd.Timestamp("2027-11-10")


def test_changes_after_the_day_are_not_known_yet():
    later = [*A_CHANGES, change("A", "2027-01-05", "lifted")]
    assert status_of(A, later, "2026-06-01")["status"] == "suspended"
    assert status_of(A, later, "2027-01-05")["status"] == "lifted"


def test_a_measure_without_changes_has_its_own_coded_status_dated_by_its_own_columns():
    rows = [
        measure("B", "2024-01-01", coded="in_force", effective="2024-03-01"),
        measure("C", "2024-01-01", coded="partly_suspended"),
        measure("D", "2024-01-01"),  # no status of its own and no changes: not a status
    ]
    before = status_of(rows, [change("Z", "2020-01-01", "in_force")], "2024-02-01", "B")
    assert (before["status"], before["next_change"], before["next_date"]) == (
        "announced",
        "Takes effect",
        pd.Timestamp("2024-03-01"),
    )
    found = status.status_on(
        pd.DataFrame(rows),
        pd.DataFrame([change("Z", "2020-01-01", "in_force")]),
        dt.date(2025, 1, 1),
        {},
    ).set_index("measure_id")
    assert list(found.index) == ["B", "C"]
    assert (found.loc["B", "status"], found.loc["B", "since"]) == (
        "in_force",
        pd.Timestamp("2024-03-01"),
    )
    # The status that ended an earlier state has no day unless a change records it.
    assert pd.isna(found.loc["C", "since"])


def test_a_measure_dated_after_the_day_is_not_shown():
    found = status.status_on(pd.DataFrame(A), pd.DataFrame(A_CHANGES), dt.date(2025, 1, 1), {})
    assert found.empty


# The watch list of an edition dated 2026-12-06 runs from 2026-06-06 to 2027-12-06.
DAY = dt.date(2026, 12, 6)


def deadline(key: str, date: str) -> dict:
    return {
        "measure_table": "restrictions",
        "measure_id": key,
        "jurisdiction": "DE",
        "measure": f"measure {key}",
        "deadline": pd.Timestamp(date),
        "what": f"due {key}",
        **SOURCE,
    }


def test_the_watch_list_runs_from_six_months_before_to_twelve_after_and_marks_passed_ones():
    due = pd.DataFrame(
        [
            deadline("too-early", "2026-06-05"),
            deadline("first-day", "2026-06-06"),
            deadline("today", "2026-12-06"),
            deadline("last-day", "2027-12-06"),
            deadline("too-late", "2027-12-07"),
        ]
    )
    statuses = status.status_on(
        pd.DataFrame([*A, measure("E", "2025-01-01")]),
        pd.DataFrame(
            [
                *A_CHANGES,
                change("E", "2025-01-01", "in_force"),
                change("E", "2025-02-01", "suspended", until="2028-01-01"),  # beyond the window
            ]
        ),
        DAY,
        {"china_measures": CHECKED},
    )
    found = watch.watch_list(statuses, due, DAY)
    assert list(found["measure_id"]) == ["first-day", "A", "today", "last-day"]
    assert list(found["passed"]) == [True, True, False, False]
    ended = found.set_index("measure_id").loc["A"]
    assert ended["date"] == pd.Timestamp("2026-11-10")
    assert "not verified" in ended["what"]


def test_a_running_suspension_is_on_the_watch_list_as_its_end():
    statuses = status.status_on(pd.DataFrame(A), pd.DataFrame(A_CHANGES), dt.date(2026, 11, 1), {})
    found = watch.watch_list(
        statuses, pd.DataFrame([deadline("x", "2020-01-01")]), dt.date(2026, 11, 1)
    )
    assert list(found["measure_id"]) == ["A"]
    assert found.loc[0, "what"].startswith("Suspension ends")
    assert not found.loc[0, "passed"]


def test_a_status_change_naming_a_missing_measure_is_refused_with_file_row_and_field(tmp_path):
    rows = (paths.DATA / "curated" / "status_changes.csv").read_text(encoding="utf-8").splitlines()
    header, first, second, *rest = rows
    bad = second.replace(second.split(",")[1], "CN-1999-no-such-measure", 1)
    broken = tmp_path / "status_changes.csv"
    broken.write_text("\n".join([header, first, bad, *rest]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        tables.load("status_changes", path=broken)
    assert caught.value.path == broken
    assert (caught.value.row, caught.value.field) == (3, "measure_id")
    assert caught.value.value == "CN-1999-no-such-measure"


def run_status(day: str) -> pd.DataFrame:
    """`briefing status --as-of day --format csv`, run in this process: its CSV."""
    result = CliRunner().invoke(cli.app, ["status", "--as-of", day, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)


# Each table's verified-through day, as data/datapackage.json declares it.
VERIFIED_THROUGH = {
    resource["name"]: resource.get("briefing", {}).get("verified_through")
    for resource in json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))["resources"]
}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.DATA / "curated" / f"{name}.csv", dtype=str, keep_default_na=False)


def known(frame: pd.DataFrame, column: str, day: str) -> pd.DataFrame:
    """The rows dated by ``day`` with a source (main or second) published by then."""
    dated = frame[frame[column] <= day]
    second = dated.get("second_source_date", pd.Series("", index=dated.index))
    return dated[(dated["source_date"] <= day) | ((second != "") & (second <= day))]


@pytest.mark.parametrize("day", ["2026-11-01", "2026-12-06"])
def test_briefing_status_as_csv_agrees_with_the_csv_files(day):
    shown = run_status(day)
    changes = known(read("status_changes"), "date", day)
    changed = set(zip(changes["measure_table"], changes["measure_id"]))
    # Every coded measure dated and published by then, and every other measure with a change
    # by then (an edition knows only the rows with a source published by its date).
    coded = {("restrictions", i) for i in known(read("restrictions"), "announced", day)["id"]}
    coded |= {("china_measures", i) for i in known(read("china_measures"), "date", day)["id"]}
    assert set(zip(shown["measure_table"], shown["measure_id"])) == coded | changed
    # The measures whose latest change was a suspension: suspended while its last day has not
    # passed, never once it has.
    latest = changes.sort_values("date").groupby(["measure_table", "measure_id"]).last()
    latest = latest[latest["change"] != "extended"]  # none in the table changes state by extending
    temporary = latest[latest["change"].isin(["suspended", "partly_suspended"])]
    running = temporary[(temporary["until"] == "") | (temporary["until"] >= day)]
    ended = temporary[(temporary["until"] != "") & (temporary["until"] < day)]
    by_key = shown.set_index(["measure_table", "measure_id"])
    for key, row in running.iterrows():
        assert by_key.loc[key, "status"] == row["change"]
        assert by_key.loc[key, "until"] == row["until"]
    for key, row in ended.iterrows():
        assert by_key.loc[key, "status"] == status.UNVERIFIED
        # checked to its table's verified-through day, or to the edition's date if earlier
        checked = f"{pd.Timestamp(min(day, VERIFIED_THROUGH[key[0]])):%-d %B %Y}"
        assert by_key.loc[key, "text"].endswith(f"(sources checked to {checked})")
    assert day < "2026-11-09" or len(ended)  # the suspensions ending in Nov 2026 are checked


def test_a_measure_whose_recorded_states_all_lie_ahead_is_announced_until_the_first():
    rows = [measure("F", "2025-04-09", coded="suspended", effective="2025-04-10")]
    changes = [change("F", "2025-04-10", "in_force"), change("F", "2025-05-14", "suspended")]
    got = status_of(rows, changes, "2025-04-09", "F")
    assert (got["status"], got["since"]) == ("announced", pd.Timestamp("2025-04-09"))
    assert (got["next_change"], got["next_date"]) == ("In force", pd.Timestamp("2025-04-10"))


@pytest.mark.parametrize("day", [dt.date(2020, 6, 30), dt.date(2026, 11, 1), CHECKED])
def test_the_chapters_never_show_a_status_its_own_dates_contradict(day):
    from briefing.chapters import adoption, china_measures
    from briefing.counting import answers

    now = status.statuses(day)
    china = tables.load("china_measures", as_of=day)
    events = tables.load("restrictions", as_of=day)
    foreign = answers.foreign_measures(
        tables.load("milestones", as_of=day), events, tables.load("entity_list_rules", as_of=day)
    )
    shown = pd.concat(
        [
            china_measures.measures_table(china, foreign, now)["Status"],
            adoption.event_table(events, now)["Status"],
        ]
    )
    for text in shown:
        since = re.search(r"since (\d{1,2} \w+ \d{4})", text)
        until = re.search(r"until (\d{1,2} \w+ \d{4})", text)
        ended = re.match(r"(?:Suspension|Partial suspension) ended (\d{1,2} \w+ \d{4})", text)
        # Every status says from when it holds (or that no source gives the day)...
        assert since or ended or "not recorded" in text, text
        # ...and no day it gives contradicts the edition's date.
        assert since is None or pd.Timestamp(since[1]) <= pd.Timestamp(day), text
        assert until is None or pd.Timestamp(until[1]) >= pd.Timestamp(day), text
        assert ended is None or pd.Timestamp(ended[1]) < pd.Timestamp(day), text
