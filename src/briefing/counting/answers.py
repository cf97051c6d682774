"""China's measures and the US and allied rows they answer, as the codebook counts them.

A row of China's measures names in ``answers`` rows of the other tables (milestones and
restrictions by id, Entity List rules by Federal Register document number) that a source says
the measure answers; each such link is one answer pair. Its lag is the Chinese measure's date
minus the answered measure's announcement, and only where both are announcements (the
codebook's pairing rule: like dates only). The answered measure's announcement is its row's
date where that row is dated by its announcement, else the date the Chinese row gives for it
in ``answers_announced`` (with its own source); a pair with neither, or with a report on the
Chinese side, is listed without a lag. Only rows of the edition count: a pair whose answered
row is dated after the edition is left out.
"""

from __future__ import annotations

import pandas as pd

from briefing import paths
from briefing.errors import DataError
from briefing.translation import N_
from briefing.vocabulary.lags import COUNTERPART
from briefing.vocabulary.milestones import kinds as milestone_kinds

SEPARATOR = ";"
# The one kind of date both sides of a pair must have for its lag to be counted.
TIMED = "announced"
# The US and allied rows of the other tables in one shape: each with its table, date and kind.
FOREIGN_COLUMNS = [
    "id",
    "table",
    "jurisdiction",
    "date",
    "date_kind",
    "kind",
    "title",
    "source_publisher",
    "source_date",
]
PAIR_COLUMNS = [
    "china_id",
    "china_date",
    "china_date_kind",
    "china_kind",
    "china_title",
    "answered_id",
    "answered_table",
    "answered_jurisdiction",
    "answered_date",
    "answered_date_kind",
    "answered_title",
    # The answered measure's announcement where its row records another kind of date, and the
    # source of that day (both missing where the row's own date is the announcement).
    "answered_announced",
    "answered_announced_source",
    # The announcement the lag runs from (missing where the pair has no lag).
    "lag_from",
    "lag_days",
    "answers_source_url",
    "answers_source_publisher",
]


def split(cell: object) -> list[str]:
    """The values of a list cell ('US;JP'), or none for an empty cell."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(SEPARATOR) if part.strip()]


def foreign_measures(
    milestones: pd.DataFrame, restrictions: pd.DataFrame, rules: pd.DataFrame
) -> pd.DataFrame:
    """The US and allied measures of the other tables, in one shape, oldest first.

    Every milestone not taken by China, every restriction on Huawei/ZTE not taken by China,
    and every Entity List rule (US, dated by its Federal Register publication).
    """
    own = milestones[milestones["jurisdiction"] != COUNTERPART]
    events = restrictions[restrictions["jurisdiction"] != COUNTERPART]
    frames = [
        pd.DataFrame(
            {
                "id": own["id"],
                "table": "milestones",
                "jurisdiction": own["jurisdiction"],
                "date": own["date"],
                "date_kind": own["date_kind"],
                "kind": own["kind"].map(milestone_kinds()),
                "title": own["title"],
                "source_publisher": own["source_publisher"],
                "source_date": own.get("source_date"),
            }
        ),
        pd.DataFrame(
            {
                "id": events["id"],
                "table": "restrictions",
                "jurisdiction": events["jurisdiction"],
                "date": events["announced"],
                "date_kind": "announced",
                "kind": N_("Huawei/ZTE restriction"),
                "title": events["description"],
                "source_publisher": events["source_publisher"],
                "source_date": events.get("source_date"),
            }
        ),
        pd.DataFrame(
            {
                "id": rules["document_number"],
                "table": "entity_list_rules",
                "jurisdiction": "US",
                "date": rules["publication_date"],
                "date_kind": "published",
                "kind": N_("Entity List rule"),
                "title": rules["title"],
                "source_publisher": rules["source_publisher"],
                "source_date": rules.get("source_date"),
            }
        ),
    ]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=FOREIGN_COLUMNS)
    joined = pd.concat(frames, ignore_index=True)[FOREIGN_COLUMNS]
    return joined.sort_values(["date", "id"]).reset_index(drop=True)


def announcements(measure) -> dict[str, tuple[pd.Timestamp, str]]:
    """The announcement days a row of China's measures gives for the measures it answers, by
    answered id, each with the publisher of its source (none where the entry is empty).

    The lists run in the order of ``answers``; a list of another length is refused, naming the
    file, the row's id and the field.
    """
    answered = split(measure.answers)
    cells = {
        field: getattr(measure, field, None)
        for field in ("answers_announced", "answers_announced_source_publisher")
    }
    days = _entries(cells["answers_announced"])
    if not days:
        return {}
    publishers = _entries(cells["answers_announced_source_publisher"])
    for field, entries in (
        ("answers_announced", days),
        ("answers_announced_source_publisher", publishers),
    ):
        if len(entries) != len(answered):
            raise DataError(
                paths.CURATED / "china_measures.csv",
                f"row {measure.id} gives {len(entries)} entries for the {len(answered)} "
                "measures in answers; one per answered measure, in the same order",
                field=field,
                value=cells[field],
            )
    return {
        id_: (pd.Timestamp(day), publisher)
        for id_, day, publisher in zip(answered, days, publishers, strict=True)
        if day
    }


def _entries(cell: object) -> list[str]:
    """A list cell's entries, empty ones kept in place ('2022-10-07;;2023-03-08')."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(SEPARATOR)]


def answer_pairs(measures: pd.DataFrame, foreign: pd.DataFrame) -> pd.DataFrame:
    """One row per (Chinese measure, answered row) link whose answered row is in ``foreign``.

    ``lag_days`` is the Chinese measure's date minus the answered measure's announcement, in
    days, where the Chinese measure is dated by its announcement and the answered one's
    announcement is known (its row's date, or the row of China's measures gives it); otherwise
    missing (``pd.NA``).
    """
    by_id = foreign.set_index("id")
    rows = []
    for measure in measures.itertuples(index=False):
        announced = announcements(measure)
        for answered in split(measure.answers):
            if answered not in by_id.index:
                continue  # dated after the edition: not yet in its tables
            target = by_id.loc[answered]
            # The answered measure's announcement: its row's date, or the one China's row gives.
            given = None if target["date_kind"] == TIMED else announced.get(answered)
            start = target["date"] if target["date_kind"] == TIMED else given and given[0]
            timed = measure.date_kind == TIMED and start is not None
            rows.append(
                {
                    "china_id": measure.id,
                    "china_date": measure.date,
                    "china_date_kind": measure.date_kind,
                    "china_kind": measure.kind,
                    "china_title": measure.title,
                    "answered_id": answered,
                    "answered_table": target["table"],
                    "answered_jurisdiction": target["jurisdiction"],
                    "answered_date": target["date"],
                    "answered_date_kind": target["date_kind"],
                    "answered_title": target["title"],
                    "answered_announced": given[0] if given else pd.NaT,
                    "answered_announced_source": given[1] if given else None,
                    "lag_from": start if timed else pd.NaT,
                    "lag_days": int((measure.date - start).days) if timed else None,
                    "answers_source_url": measure.answers_source_url,
                    "answers_source_publisher": measure.answers_source_publisher,
                }
            )
    if not rows:  # typed as when there are pairs: an edition may have none to show
        dates = dict.fromkeys(
            ["china_date", "answered_date", "answered_announced", "lag_from"], "datetime64[us]"
        )
        return pd.DataFrame(columns=PAIR_COLUMNS).astype({"lag_days": "Int64", **dates})
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS).astype({"lag_days": "Int64"})
    return pairs.sort_values(["china_date", "china_id", "answered_date"]).reset_index(drop=True)


def naming(measures: pd.DataFrame, jurisdiction: str) -> pd.DataFrame:
    """China's measures naming ``jurisdiction`` (or its firms) among their targets."""
    names = measures["target_countries"].map(lambda cell: jurisdiction in split(cell))
    return measures[names.astype(bool)]


def touching(measures: pd.DataFrame, pairs: pd.DataFrame, jurisdiction: str) -> pd.DataFrame:
    """China's measures that name ``jurisdiction`` as a target or answer one of its measures."""
    answering = set(pairs.loc[pairs["answered_jurisdiction"] == jurisdiction, "china_id"])
    named = set(naming(measures, jurisdiction)["id"])
    return measures[measures["id"].isin(named | answering)]
