"""The data's "what changed", in Markdown: the body of the refresh workflow's pull request.

One computation, the summary's (``briefing.summary.events``): the measures known on the day
and not on ``since``, the measures whose status differs between the two days, and the
corrections to curated rows against the data committed on ``since``. A refresh remakes the
derived tables, which the summary never corrects by hand, so their rows are compared the same
way (``events.diff_rows``) against the last commit: what the pull request would change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from briefing import paths
from briefing.data import history, package
from briefing.summary import events


def markdown(since: dt.date, day: dt.date, focus: str, root: Path = paths.ROOT) -> str:
    """Every section, each saying plainly when it has nothing to list."""
    datapackage = root / "data" / "datapackage.json"
    lines = [f"# What changed in the data, {since:%-d %B %Y} to {day:%-d %B %Y}", ""]
    lines += _section("New measures", _new(events.new_measures(since, day, focus)))
    lines += _section("Status changes", _status(events.status_changes(since, day)))
    lines += _section("Corrections to curated rows", _corrections(since, datapackage))
    lines += _section("Derived tables remade (against the last commit)", _derived(datapackage))
    return "\n".join(lines).rstrip() + "\n"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", "", *(items or ["None."]), ""]


def _new(groups: list[events.NewMeasures]) -> list[str]:
    return [
        f"- {group.jurisdiction}: {measure.title} ({measure.date:%-d %B %Y})"
        for group in groups
        for measure in group.measures
    ]


def _status(changes: list[events.StatusChange]) -> list[str]:
    return [f"- {c.jurisdiction}: {c.measure}: {c.before} → {c.after}" for c in changes]


def _corrections(since: dt.date, datapackage: Path) -> list[str]:
    found = events.corrections(since, datapackage)
    if not found.known:
        return [f"Not known: no commit of the data on {since:%-d %B %Y} in this checkout."]
    return [f"- {c.table}: {c.row}: {c.what}" for c in found.found]


def _derived(datapackage: Path) -> list[str]:
    """Each committed derived table's rows added, changed or removed since the last commit."""
    root = datapackage.parent.parent
    items = []
    for table in package.tables(datapackage):
        if table.provenance is None or table.local is not None:
            continue  # a curated table (above), or one never committed
        key = table.schema().get("primaryKey", [])
        then = history.committed_rows(table.path, "HEAD", root)
        if then is None or not key:
            continue
        now = pd.read_csv(table.path, dtype=str, keep_default_na=False)
        # Every row counts, whatever its date: the day cuts nothing.
        for row, _kind, what in events.diff_rows(then, now, key, table.date_column, dt.date.max):
            named = ", ".join(f"{column} {row[column]}" for column in key)
            items.append(f"- {table.title}: {named}: {what}")
    return items
