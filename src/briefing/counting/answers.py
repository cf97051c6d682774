"""China's measures and the US and allied rows they answer, as the codebook counts them.

A row of China's measures names in ``answers`` rows of the other tables (milestones and
restrictions by id, Entity List rules by Federal Register document number) that a source says
the measure answers; each such link is one answer pair. Its lag is the Chinese measure's date
minus the answered row's date, and only where both are announcements (the codebook's pairing
rule: like dates only); a pair with a report, an enactment, a publication or an entry into
force on either side is listed without a lag. Only rows of the edition count: a pair whose
answered row is dated after the edition is left out.
"""

from __future__ import annotations

import pandas as pd

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
                "kind": "Huawei/ZTE restriction",
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
                "kind": "Entity List rule",
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


def answer_pairs(measures: pd.DataFrame, foreign: pd.DataFrame) -> pd.DataFrame:
    """One row per (Chinese measure, answered row) link whose answered row is in ``foreign``.

    ``lag_days`` is the Chinese measure's date minus the answered row's date, in days, where both
    dates are announcements; otherwise missing (``pd.NA``).
    """
    by_id = foreign.set_index("id")
    rows = []
    for measure in measures.itertuples(index=False):
        for answered in split(measure.answers):
            if answered not in by_id.index:
                continue  # dated after the edition: not yet in its tables
            target = by_id.loc[answered]
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
                    "lag_days": int((measure.date - target["date"]).days)
                    if measure.date_kind == TIMED and target["date_kind"] == TIMED
                    else None,
                    "answers_source_url": measure.answers_source_url,
                    "answers_source_publisher": measure.answers_source_publisher,
                }
            )
    if not rows:  # typed as when there are pairs: an edition may have none to show
        dates = dict.fromkeys(["china_date", "answered_date"], "datetime64[us]")
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
