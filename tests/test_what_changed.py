"""`briefing changes`: the data's "what changed" in Markdown, the refresh pull request's body."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from project_copy import copy_project, run_briefing

from briefing import paths
from briefing.steps import what_changed

SINCE, DAY = dt.date(2026, 9, 30), dt.date(2026, 12, 6)


def _section(text: str, title: str) -> list[str]:
    body = text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in body.strip().splitlines() if line]


def _git(root: Path, *args: str) -> None:
    # Committed on 1 December 2026, whatever today is: the day the comparisons read it back.
    day = {"GIT_AUTHOR_DATE": "2026-12-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-12-01T12:00:00Z"}
    env = {**os.environ, **day}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def checkout(tmp_path) -> Path:
    """The data folder, committed in a git checkout of its own."""
    root = tmp_path / "project"
    shutil.copytree(paths.DATA, root / "data")
    _git(root, "init", "-q")
    _git(root, "add", "data")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "data")
    return root


def expected_status_changes(since: dt.date, day: dt.date) -> int:
    """An independent count, from the status changes table: the measures whose state on ``day``
    differs from their state on ``since`` (a suspension ending in between counts)."""
    rows = pd.read_csv(paths.CURATED / "status_changes.csv", parse_dates=["date", "until"])
    start, end, found = pd.Timestamp(since), pd.Timestamp(day), 0
    for _, measure in rows.groupby(["measure_table", "measure_id"]):
        measure = measure[measure["date"] <= end].sort_values("date")
        if measure.empty:
            continue
        last, before = measure.iloc[-1], measure[measure["date"] <= start]
        # A suspension (or its extension) whose end falls between the two days.
        temporary = last["change"].endswith("suspended") or last["change"] == "extended"
        ended = temporary and start < last["until"] <= end
        found += ended or (not before.empty and before.iloc[-1]["change"] != last["change"])
    return found


def test_the_status_changes_are_those_of_the_status_table(checkout):
    text = what_changed.markdown(SINCE, DAY, "JP", checkout)
    changed = _section(text, "Status changes")
    assert len(changed) == expected_status_changes(SINCE, DAY) > 0
    assert all(line.startswith("- ") and " → " in line for line in changed)


def test_a_remade_derived_table_s_changed_and_removed_rows_are_listed(checkout):
    by_year = checkout / "data" / "derived" / "entity_list_by_year.csv"
    table = pd.read_csv(by_year, dtype=str, keep_default_na=False)
    first = table.iloc[0]
    table.loc[0, "entries"] = str(int(first["entries"]) + 1)
    removed = table.iloc[-1]
    table.iloc[:-1].to_csv(by_year, index=False, lineterminator="\n")
    text = what_changed.markdown(DAY - dt.timedelta(days=1), DAY, "JP", checkout)
    derived = _section(text, "Derived tables remade (against the last commit)")
    key = ", ".join(f"{c} {first[c]}" for c in ("year", "destination", "hong_kong"))
    gone = ", ".join(f"{c} {removed[c]}" for c in ("year", "destination", "hong_kong"))
    assert any(key in line and line.endswith("corrected: entries") for line in derived), derived
    assert any(gone in line and line.endswith("removed") for line in derived), derived
    assert len(derived) == 2
    # The data committed on 1 December: the curated rows are compared, none differ.
    assert _section(text, "Corrections to curated rows") == ["None."]


def test_without_a_commit_on_the_day_corrections_are_not_known(checkout):
    text = what_changed.markdown(dt.date(2020, 1, 1), DAY, "JP", checkout)
    assert _section(text, "Corrections to curated rows")[0].startswith("Not known")
    assert _section(text, "Derived tables remade (against the last commit)") == ["None."]


def test_the_command_prints_markdown_and_refuses_a_since_after_as_of(tmp_path):
    root = copy_project(tmp_path / "project")
    done = run_briefing(root, "changes", "--since", "2026-09-30", "--as-of", "2026-12-06")
    assert done.stdout.startswith("# What changed in the data, 30 September 2026 to 6 December")
    refused = run_briefing(
        root, "changes", "--since", "2026-12-07", "--as-of", "2026-12-06", check=False
    )
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "2026-12-07" in refused.stderr and not refused.stdout
