"""The adoption chapter's tables as readers see them: every measure, one jurisdiction's rows,
and how a jurisdiction's measures are dated and coded (codebook labels instead of codes)."""

from __future__ import annotations

import pandas as pd

from briefing import countries, prose, translation
from briefing.counting.restrictions import first_at, first_binding
from briefing.counting.status import shown_status
from briefing.translation import N_, _
from briefing.vocabulary.restrictions import (
    NAMED_BAN,
    OPERATOR,
    binding_levels,
    labels,
    level_labels,
)


def dating_note(events: pd.DataFrame, jurisdiction: str) -> str:
    """How one jurisdiction's measures are dated and coded, in the words of the rows' coding notes.

    Names its first binding measure, its first ban naming the vendor, and the earlier
    non-binding rows that name a vendor (the announcements readers may remember).
    """
    name = countries.shown(jurisdiction)
    rows = events[events["jurisdiction"] == jurisdiction].sort_values(["announced", "id"])
    if rows.empty:
        return _("{name} has no rows in the table for this edition.").format(name=name)
    labels_ = level_labels(translation.current())
    firsts = first_binding(rows)
    bans = first_at(rows, [NAMED_BAN])
    first_day = firsts["announced"].iloc[0] if len(firsts) else None
    earlier = rows[
        ~rows["level"].isin(binding_levels())
        & rows["vendors"].notna()
        & (rows["actor"] != OPERATOR)
        & ((rows["announced"] < first_day) if first_day is not None else True)
    ]
    # How the table dates a measure is said once, above this note (the chapter's text).
    parts = []
    for row in earlier.itertuples():
        parts.append(
            _("The decision of {day} ({id}) is coded {level}: {note}").format(
                day=prose.on(row.announced),
                id=row.id,
                level=prose.in_sentence(labels_[row.level]),
                note=prose.full_stop(_text(row.coding_note) or _text(row.notes)),
            )
        )
    if len(firsts):
        first = rows[rows["id"] == firsts["id"].iloc[0]].iloc[0]
        parts.append(
            _("The first binding measure in the table is {id} of {day}, {level}: {what}").format(
                id=first["id"],
                day=prose.on(first["announced"]),
                level=prose.in_sentence(labels_[first["level"]]),
                what=prose.full_stop(first["description"]),
            )
        )
    else:
        parts.append(_("There is no binding measure in this edition."))
    if len(bans):
        ban = rows[rows["id"] == bans["id"].iloc[0]].iloc[0]
        parts.append(
            _("The first ban naming the vendor is {id} of {day}: {what}").format(
                id=ban["id"],
                day=prose.on(ban["announced"]),
                what=prose.full_stop(ban["description"]),
            )
        )
    return prose.sentences(*parts)


def jurisdiction_rows(
    events: pd.DataFrame, jurisdiction: str, statuses: pd.DataFrame
) -> pd.DataFrame:
    """One jurisdiction's rows as readers see them, oldest first, with their coding notes and
    sources (``url`` is the hidden link target of the Source column); the Status column is
    each row's status on the edition's date (``statuses``, from ``counting.status``)."""
    rows = events[events["jurisdiction"] == jurisdiction].sort_values(["announced", "id"])
    return pd.DataFrame(
        {
            N_("Date"): rows["announced"].dt.strftime("%Y-%m-%d"),
            N_("Row"): rows["id"],
            N_("Strength"): rows["level"].map(level_labels(translation.current())),
            N_("Status"): _status(rows, statuses),
            N_("What"): rows["description"],
            N_("Why coded so"): rows["coding_note"].fillna(""),
            N_("Source"): _source_label(rows),
            "url": rows["source_url"],
        }
    ).reset_index(drop=True)


def event_table(events: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """The events as readers see them: newest first, codebook labels instead of codes.

    ``url`` is the hidden link target of the Source column; the Status column is each row's
    status on the edition's date (``statuses``, from ``counting.status``): never the status
    as first coded, which a later change may have overtaken.
    """
    table = events.sort_values(["announced", "id"], ascending=[False, True])
    return pd.DataFrame(
        {
            N_("Date"): table["announced"].dt.strftime("%Y-%m-%d"),
            N_("Jurisdiction"): table["jurisdiction"].map(countries.shown),
            N_("Strength"): table["level"].map(level_labels(translation.current())),
            N_("Scope"): table["scope"].map(labels("scope", translation.current())),
            N_("Vendors named"): table["vendors"].fillna("").str.replace(";", ", "),
            N_("By"): table["actor"].map(labels("actor", translation.current())),
            N_("Binding"): table["binding"].map({True: _("yes"), False: _("no")}),
            N_("Status"): _status(table, statuses),
            N_("What"): table["description"],
            N_("Why coded so"): table["coding_note"].fillna(""),
            N_("Source"): _source_label(table),
            "url": table["source_url"],
        }
    )


def _status(rows: pd.DataFrame, statuses: pd.DataFrame) -> pd.Series:
    """Each row's status on the edition's date."""
    return rows["id"].map(shown_status(statuses, "restrictions"))


def _source_label(rows: pd.DataFrame) -> pd.Series:
    """Each row's source as a table shows it: publisher and date (the link is its URL)."""
    day = rows["source_date"].dt.strftime("%Y-%m-%d")
    return prose.each(N_("{publisher} ({date})"), publisher=rows["source_publisher"], date=day)


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or pd.isna(value) else str(value)
