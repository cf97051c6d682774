"""What changed since the previous edition, as events: the measures recorded since then, the
measures whose status changed between the two dates, and the corrections to rows the previous
edition already showed.

New measures (those an edition shows that the previous one did not, whatever their date) and
status changes are computed from today's data at both dates
(``briefing.counting.status``). Corrections need the data as the previous edition read it:
the curated tables as committed in git on its date (``briefing.data.history``), compared row
by row on each table's primary key; where no such record exists they cannot be listed, and
``Corrections.known`` says so.

Jurisdictions are named in the edition's language (``countries.shown``), with their codes for
matching; what happened to a corrected row is said in it too, its kind kept apart for counting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from briefing import countries, paths, prose, translation
from briefing.counting import status
from briefing.data import history, package, reads, tables
from briefing.translation import _


@dataclass(frozen=True)
class Measure:
    date: pd.Timestamp
    title: str


@dataclass(frozen=True)
class NewMeasures:
    """The measures of one jurisdiction that the previous edition did not show, newest first."""

    jurisdiction: str  # its name, in the edition's language
    measures: tuple[Measure, ...]
    code: str = ""  # its code


@dataclass(frozen=True)
class StatusChange:
    jurisdiction: str  # its name, in the edition's language
    measure: str
    before: str  # the status's label on the previous edition's date
    after: str  # its status on the edition's date, in words with its day
    now: str = ""  # the status's label on the edition's date


@dataclass(frozen=True)
class Correction:
    table: str  # the table's title
    row: str  # the row, named as the table names its rows
    what: str  # "corrected: date, source address", "removed", "added, dated 3 May 2024"
    kind: str = ""  # "corrected", "added" or "removed" (``what`` is in the edition's language)


@dataclass(frozen=True)
class Corrections:
    known: bool  # False: the previous edition's data is not on record here
    found: tuple[Correction, ...] = ()


def new_measures(previous: dt.date, day: dt.date, focus: str) -> list[NewMeasures]:
    """The measures an edition dated ``day`` shows and the one dated ``previous`` did not, by
    jurisdiction: the focus first, then the jurisdictions with the most, then by name.

    Keyed on when a row became known, not on its date: a measure dated before ``previous``
    whose first source was published after it is news to the reader of ``day``'s edition."""
    keys = ["measure_table", "measure_id"]
    measures = status.catalogue_on(day)
    known = status.catalogue_on(previous)[keys].drop_duplicates()
    seen = measures.merge(known, on=keys, how="left", indicator=True)["_merge"] == "both"
    new = measures[~seen.to_numpy()]
    titles = _titles(day)
    groups = []
    for code, rows in new.groupby("jurisdiction"):
        rows = rows.sort_values("date", ascending=False, kind="stable")
        groups.append(
            (
                code != focus,
                -len(rows),
                # Ordered by the English name, as in every edition; named in the edition's.
                countries.name(code) or code,
                code,
                tuple(
                    Measure(d, titles.get((table, str(i)), " ".join(str(t).split())))
                    for d, t, table, i in zip(
                        rows["date"], rows["measure"], rows["measure_table"], rows["measure_id"]
                    )
                ),
            )
        )
    return [
        NewMeasures(countries.shown(code), found, code)
        for _mine, _many, _name, code, found in sorted(groups)
    ]


def status_changes(previous: dt.date, day: dt.date) -> list[StatusChange]:
    """The measures the previous edition showed whose status differs on ``day``: a suspension
    begun or ended, an entry into force, a lapse; oldest change first."""
    keys = ["measure_table", "measure_id"]
    before = status.statuses(previous)[[*keys, "status", "label"]]
    after = status.statuses(day)
    both = after.merge(before, on=keys, suffixes=("", "_before"))
    changed = both[both["status"] != both["status_before"]]
    changed = changed.sort_values("since", kind="stable", na_position="first")
    titles = _titles(day) if len(changed) else {}
    return [
        StatusChange(
            countries.shown(row["jurisdiction"]),
            titles.get(
                (row["measure_table"], str(row["measure_id"])),
                " ".join(str(row["measure"]).split()),
            ),
            row["label_before"],
            row["text"],
            row["label"],
        )
        for _index, row in changed.iterrows()
    ]


def _titles(day: dt.date) -> dict[tuple[str, str], str]:
    """Each measure's title in the edition's language, by its table and id, where the data
    has one (its Japanese titles); none in English, whose titles the catalogue holds."""
    lang = translation.current()
    if lang == translation.SOURCE:
        return {}
    found = status.catalogue(
        {name: tables.load(name, as_of=day, lang=lang) for name in status.MEASURES}
    )
    return {
        (table, str(ident)): " ".join(str(title).split())
        for table, ident, title in zip(
            found["measure_table"], found["measure_id"], found["measure"]
        )
        if isinstance(title, str) and title.strip()
    }


def corrections(previous: dt.date, datapackage: Path = paths.DATAPACKAGE) -> Corrections:
    """The rows of the curated tables the previous edition showed, corrected or removed since,
    and rows dated by then but added since; unknown without the previous edition's data (the
    checkout holding ``datapackage`` as it was committed on ``previous``)."""
    root = datapackage.parent
    commit = history.commit_on(previous, root)
    if commit is None:
        return Corrections(known=False)
    names = _measure_names(datapackage)
    found = []
    for table in package.tables(datapackage):
        key = table.schema().get("primaryKey", [])
        if not key or table.provenance is not None or table.local is not None:
            continue  # a derived table is remade from its snapshot, not corrected by hand
        then = history.committed_rows(table.path, commit, root)
        if then is None or table.date_column not in then:
            continue  # the table was not in the previous edition
        reads.record(table.path)  # a rebuild depends on what it was compared with
        now = pd.read_csv(table.path, dtype=str, keep_default_na=False)
        found += [
            Correction(table.shown_title(), _name(table, row, names), what, kind)
            for row, kind, what in diff_rows(then, now, key, table.date_column, previous)
        ]
    return Corrections(known=True, found=tuple(found))


def diff_rows(
    then: pd.DataFrame, now: pd.DataFrame, key: list[str], date: str, previous: dt.date
) -> list[tuple[pd.Series, str, str]]:
    """How the rows the previous edition showed (``then``, dated up to ``previous``) differ
    from today's (``now``), compared by ``key``: each row as it reads now (as it read then,
    if removed) with the kind of change ("corrected", "added", "removed") and what happened
    to it, in words. All cells are text; a column added or dropped since is left out of the
    comparison."""
    cut = previous.isoformat()
    then = then.set_index(_key(then, key))
    now = now.set_index(_key(now, key))
    shown_then = then[(then[date] != "") & (then[date] <= cut)]
    shown_now = now[(now[date] != "") & (now[date] <= cut)]
    common = [c for c in now.columns if c in then.columns]
    found = []
    for ident, row in now.iterrows():
        if ident in shown_then.index:
            fields = [c for c in common if row[c] != shown_then.at[ident, c]]
            if fields:
                named = _(", ").join(_field(c) for c in fields)
                found.append((row, "corrected", _("corrected: {fields}").format(fields=named)))
        elif ident in shown_now.index:
            found.append((row, "added", _("added, dated {day}").format(day=_day(row[date]))))
    for ident, row in shown_then.iterrows():
        if ident not in now.index:
            found.append((row, "removed", _("removed")))
    return found


def _key(frame: pd.DataFrame, key: list[str]) -> pd.Index:
    return pd.Index(frame[key].astype(str).agg("|".join, axis=1), name="key")


def _field(column: str) -> str:
    """A column's name as a reader says it: source_url is the source's address (in English;
    another edition names the column as the data does, a code its readers look up)."""
    if translation.current() != translation.SOURCE:
        return column
    words = column.replace("_", " ")
    return words.replace(" url", " address").replace("url", "address")


def _day(text: str) -> str:
    return prose.on(pd.Timestamp(text).date()) if len(text) == 10 else text


def _measure_names(datapackage: Path) -> dict[tuple[str, str], str]:
    """Every measure's name as readers see it ("Japan: ..."), by its table and key."""
    found = status.catalogue(
        {name: tables.load(name, datapackage=datapackage) for name in status.MEASURES}
    )
    names = found["jurisdiction"].map(countries.shown)
    return {
        (t, i): f"{n}: {' '.join(str(m).split())}"
        for t, i, n, m in zip(found["measure_table"], found["measure_id"], names, found["measure"])
    }


def _name(table: package.Table, row: pd.Series, names: dict[tuple[str, str], str]) -> str:
    """A row as the summary names it: the table's own template, else the measure it is about."""
    if table.item:
        return item(table.item, row)
    if table.measures:
        which, ident = table.measures
        return names.get((row[which], row[ident]), _("a row about {id}").format(id=row[ident]))
    return _("a row dated {day}").format(day=_day(row[table.date_column]))


def item(template: str, row: pd.Series) -> str:
    """One row named by a table's ``item`` template, a jurisdiction by its name, every value
    read as the page shows it."""
    values = {}
    for column, value in row.items():
        if column == "jurisdiction" and isinstance(value, str):
            value = countries.shown(value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, pd.Timestamp):
            value = prose.on(value.date())
        missing = value is None or (not isinstance(value, str) and pd.isna(value))
        values[column] = "" if missing else " ".join(str(value).split())
    return template.format_map(values)
