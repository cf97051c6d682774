"""Each measure's status on a day, from the dated changes of data/curated/status_changes.csv.

A measure that went through more than one state has one row per state in the status changes
(its first state included); its status on a day is the state its latest change up to that day
set. A temporary state (a suspension, whole or partial) holds to its `until` day, or to the
later one an extension set; past that day with no later change recorded, the status is the end
of the temporary state, not verified since, with the day the measure's table's sources were
searched to (its `verified_through`): never the temporary state itself. A measure with a single
state has no changes; its status is the one its own table codes, dated by its own columns.
The chapters, the watch list and `briefing status` all read statuses here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from briefing import translation
from briefing.data import codebook, package, tables
from briefing.prose import on
from briefing.translation import N_, _

TEMPORARY = {"suspended": N_("Suspension"), "partly_suspended": N_("Partial suspension")}
# A change that prolongs the temporary state before it rather than entering a state of its own.
EXTENDED = "extended"
# The status of a temporary state whose end has passed with no later change recorded.
UNVERIFIED = "not_verified"
SOURCE = ["source_publisher", "source_url", "source_date"]
COLUMNS = [
    "measure_table",
    "measure_id",
    "jurisdiction",
    "measure",
    "status",
    "label",
    "since",
    "until",
    "ended",
    "next_change",
    "next_date",
    "text",
    *SOURCE,
]


@dataclass(frozen=True)
class Columns:
    """Where one table keeps what a status needs: key, date, entry into force, title, place."""

    key: str
    date: str
    effective: str | None
    title: str
    jurisdiction: str  # a column, or the jurisdiction of every row where the table has none


# The tables whose rows are measures. Only the first two code a status of their own; a
# milestone or a rule has a status where status changes record one.
MEASURES = {
    "restrictions": Columns("id", "announced", "effective", "description", "jurisdiction"),
    "china_measures": Columns("id", "date", "in_force", "title", "CN"),
    "milestones": Columns("id", "date", None, "title", "jurisdiction"),
    "entity_list_rules": Columns("document_number", "publication_date", None, "title", "US"),
}


def catalogue(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The measures of ``frames`` (table name -> its rows) in one frame: measure_table,
    measure_id, jurisdiction, measure, date, effective, coded (its own status, if it codes one)
    and its source."""
    parts = []
    for name, frame in frames.items():
        where = MEASURES[name]
        place = frame.get(where.jurisdiction, where.jurisdiction)
        parts.append(
            pd.DataFrame(
                {
                    "measure_table": name,
                    "measure_id": frame[where.key].astype(str),
                    "jurisdiction": place,
                    "measure": frame[where.title],
                    "date": frame[where.date],
                    "effective": frame[where.effective] if where.effective else pd.NaT,
                    "coded": frame.get("status", pd.NA),
                    **{column: frame[column] for column in SOURCE},
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def status_on(
    measures: pd.DataFrame,
    changes: pd.DataFrame,
    day: dt.date,
    verified_through: Mapping[str, dt.date | None],
) -> pd.DataFrame:
    """Every measure's status on ``day`` (columns ``COLUMNS``), in the catalogue's order.

    ``measures`` is a ``catalogue``; measures dated after ``day``, and changes dated after it,
    are left out. A measure is shown when its table codes a status or changes record one.
    """
    when = pd.Timestamp(day)
    changes = changes.sort_values("date", kind="stable")
    keys = ["measure_table", "measure_id"]
    by_measure = dict(list(changes[changes["date"] <= when].groupby(keys, sort=False)))
    ahead = dict(list(changes[changes["date"] > when].groupby(keys, sort=False)))
    rows = []
    for measure in measures[measures["date"] <= when].itertuples(index=False):
        key = (measure.measure_table, measure.measure_id)
        if key in by_measure:
            found = _from_changes(by_measure[key], when, verified_through.get(key[0]))
        elif key in ahead:
            found = _before_changes(measure, ahead[key].iloc[0])
        elif not pd.isna(measure.coded):
            found = _from_own_row(measure, when)
        else:
            continue
        rows.append({**measure._asdict(), **found})
    return pd.DataFrame(rows, columns=COLUMNS)


def _from_changes(own: pd.DataFrame, when: pd.Timestamp, verified: dt.date | None) -> dict:
    """The state the latest of a measure's changes (up to ``when``) left it in."""
    state = None
    for change in own.itertuples(index=False):
        if change.change == EXTENDED and state is not None:
            state.update(until=change.until, **{c: getattr(change, c) for c in SOURCE})
            continue
        state = {"status": change.change, "since": change.date, "until": change.until}
        state.update({c: getattr(change, c) for c in SOURCE})
    temporary = TEMPORARY.get(state["status"])
    if temporary and not pd.isna(state["until"]) and state["until"] < when:
        ended = state["until"]
        # an edition dated before the last search knows the sources only as far as its date
        checked = on(min(verified, when.date())) if verified else _("an unrecorded date")
        text = _(
            "{temporary} ended {day}; status since then not verified (sources checked to {checked})"
        )
        return {
            **state,
            "status": UNVERIFIED,
            "label": _("Not verified"),
            "since": ended + pd.Timedelta(days=1),
            "until": pd.NaT,
            "ended": ended,
            "next_change": "",
            "next_date": pd.NaT,
            "text": text.format(temporary=_(temporary), day=on(ended), checked=checked),
        }
    label = labels()[state["status"]]
    running = temporary and not pd.isna(state["until"])
    return {
        **state,
        "label": label,
        "ended": pd.NaT,
        "next_change": _("{temporary} ends").format(temporary=_(temporary)) if running else "",
        "next_date": state["until"] if running else pd.NaT,
        "text": _text(label, state["since"], state["until"], bool(temporary)),
    }


def _before_changes(measure, first: pd.Series) -> dict:
    """A measure whose recorded states all lie ahead: announced, until the first of them."""
    label = labels()["announced"]
    return {
        "status": "announced",
        "label": label,
        "since": measure.date,
        "until": pd.NaT,
        "ended": pd.NaT,
        "next_change": labels()[first["change"]],
        "next_date": first["date"],
        "text": _text(label, measure.date, pd.NaT, False),
    }


def _from_own_row(measure, when: pd.Timestamp) -> dict:
    """The single state a measure's own table codes, dated by its own columns: before its
    entry into force it is announced, whatever its row says it became."""
    effective = measure.effective
    pending = not pd.isna(effective) and effective > when
    status = "announced" if pending else measure.coded
    # A coded status that ended an earlier state has no day of its own unless changes record it.
    dated = status in ("announced", "in_force", "ongoing", "reported")
    since = measure.date if pending or pd.isna(effective) else effective
    label = own_labels(measure.measure_table)[status]
    return {
        "status": status,
        "label": label,
        "since": since if dated else pd.NaT,
        "until": pd.NaT,
        "ended": pd.NaT,
        "next_change": _("Takes effect") if pending else "",
        "next_date": effective if pending else pd.NaT,
        "text": _text(label, since if dated else pd.NaT, pd.NaT, False),
    }


def _text(label: str, since: object, until: object, temporary: bool) -> str:
    """'Suspended since 7 November 2025, until 10 November 2026', in one line."""
    if pd.isna(since):
        text = _("{label} (day not recorded)").format(label=label)
    else:
        text = _("{label} since {day}").format(label=label, day=on(since))
    if temporary:
        text += (
            _(", until {day}").format(day=on(until))
            if not pd.isna(until)
            else _("; end date not recorded")
        )
    return text


def labels() -> dict[str, str]:
    """The codebook's labels of the kinds of change (the states a change leaves a measure in),
    in the edition's language."""
    book = codebook.load(table="status_changes", lang=translation.current())
    return book.field("change").labels()


def own_labels(table: str) -> dict[str, str]:
    """The labels of the statuses a measure's own table codes."""
    # The restrictions table's codebook is the file's top level; the others have sections.
    book = codebook.load(
        table=None if table == "restrictions" else table, lang=translation.current()
    )
    return book.field("status").labels()


def statuses(day: dt.date, jurisdiction: str | None = None) -> pd.DataFrame:
    """Every measure's status on ``day`` from the declared tables, for one jurisdiction or all."""
    found = status_on(
        catalogue_on(day), tables.load("status_changes", as_of=day), day, verified_through()
    )
    if jurisdiction is not None:
        found = found[found["jurisdiction"] == jurisdiction].reset_index(drop=True)
    return found


def shown_status(found: pd.DataFrame, table: str) -> dict[str, str]:
    """The status a page shows for each measure of ``table`` (its key -> a short label with
    its day: "Superseded since 14 July 2020"), from statuses on the edition's date."""
    own = found[found["measure_table"] == table]
    return dict(zip(own["measure_id"], own["text"]))


def as_text(found: pd.DataFrame) -> pd.DataFrame:
    """Statuses with their dates as YYYY-MM-DD text ('' where none), for a download or a screen."""
    out = found.copy()
    for column in ("since", "until", "ended", "next_date", "source_date"):
        out[column] = pd.to_datetime(out[column]).dt.strftime("%Y-%m-%d").fillna("")
    return out.fillna("")


def catalogue_on(day: dt.date) -> pd.DataFrame:
    """The measures of the declared tables, as an edition dated ``day`` shows them (their
    titles in the edition's language)."""
    lang = edition_language()
    return catalogue({name: tables.load(name, as_of=day, lang=lang) for name in MEASURES})


def edition_language() -> str | None:
    """The language to load the tables' texts in: None for English, the data's own."""
    lang = translation.current()
    return None if lang == translation.SOURCE else lang


def verified_through() -> dict[str, dt.date | None]:
    """Each declared table's `verified_through` day (None where it declares none)."""
    return {table.name: table.verified_through for table in package.tables()}
