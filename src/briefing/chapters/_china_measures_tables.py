"""The China chapter's tables as readers see them: China's measures (labels, not codes), the
answer pairs with their lags, and the rows as downloaded."""

from __future__ import annotations

import pandas as pd

from briefing import countries, translation
from briefing.counting.answers import split
from briefing.counting.status import shown_status
from briefing.prose import each, series
from briefing.translation import N_, _
from briefing.vocabulary.china_measures import labels as china_labels
from briefing.vocabulary.lags import date_kind

# The confidence a row's sources give it, as a table shows it.
CONFIDENCE = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def confidence(code: object) -> object:
    """A row's confidence in the edition's language (an unknown or empty cell as it is)."""
    return _(CONFIDENCE[code]) if code in CONFIDENCE else code


def measures_table(
    measures: pd.DataFrame, foreign: pd.DataFrame, statuses: pd.DataFrame
) -> pd.DataFrame:
    """China's measures as readers see them, newest first: labels, not codes.

    The Status column is each measure's status on the edition's date (``statuses``, from
    ``counting.status``), with its dates, never a suspension past its end. ``url`` is the
    hidden link target of the Source column.
    """
    titles = dict(zip(foreign["id"], foreign["title"]))
    juris = dict(zip(foreign["id"], foreign["jurisdiction"]))
    kinds = china_labels("kind", translation.current())
    now = shown_status(statuses, "china_measures")
    rows = measures.sort_values(["date", "id"], ascending=False)

    def answered(cell: object) -> str:
        said = _("{jurisdiction}: {title}")
        named = [
            said.format(jurisdiction=countries.shown(juris[i]), title=titles[i])
            for i in split(cell)
            if i in titles
        ]
        return series(named)

    def in_force(value: object) -> str:
        return "" if pd.isna(value) else f"{value:%Y-%m-%d}"

    return pd.DataFrame(
        {
            N_("Date"): rows["date"].dt.strftime("%Y-%m-%d"),
            N_("Kind"): rows["kind"].map(kinds),
            N_("Measure"): rows["title"],
            N_("Targets"): rows["targets"].fillna(""),
            N_("In force"): rows["in_force"].map(in_force),
            N_("Status"): rows["id"].map(now),
            N_("Answers"): rows["answers"].map(answered),
            N_("Source"): rows["source_publisher"],
            N_("Confidence"): rows["confidence"].map(confidence),
            "url": rows["source_url"],
        }
    ).reset_index(drop=True)


def pairs_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The answer pairs as readers see them, oldest first, with the lag (where both dates are
    announcements) and the link's source."""
    return pd.DataFrame(
        {
            N_("China's measure"): pairs["china_title"],
            N_("Date"): each(
                N_("{date} ({kind})"),
                date=_day(pairs["china_date"]),
                kind=pairs["china_date_kind"].map(date_kind),
            ),
            N_("Answers"): each(
                N_("{jurisdiction}: {title}"),
                jurisdiction=pairs["answered_jurisdiction"].map(countries.shown),
                title=pairs["answered_title"],
            ),
            N_("Its date"): each(
                N_("{date} ({kind})"),
                date=_day(pairs["answered_date"]),
                kind=pairs["answered_date_kind"].map(date_kind),
            )
            + _announced(pairs),
            # A lag only from announcement to announcement: other pairs have none to show.
            N_("Lag (days)"): pairs["lag_days"].astype("string").fillna("–"),
            N_("Source of the link"): pairs["answers_source_publisher"].fillna(""),
            "url": pairs["answers_source_url"].fillna(""),
        }
    )


def _day(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d")


def _announced(pairs: pd.DataFrame) -> pd.Series:
    """Where the answered row is dated otherwise, the announcement the lag runs from, and whose."""
    said = _("; announced {day} ({source})")
    return pd.Series(
        [
            ""
            if pd.isna(day) or pd.isna(source)
            else said.format(day=f"{day:%Y-%m-%d}", source=source)
            for day, source in zip(
                pairs["answered_announced"], pairs["answered_announced_source"], strict=True
            )
        ],
        index=pairs.index,
        dtype="object",
    )


def download(measures: pd.DataFrame) -> pd.DataFrame:
    """The edition's rows of the table, every column, with dates as text."""
    out = measures.copy()
    for column in out.select_dtypes("datetime").columns:
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    out["binding"] = out["binding"].map({True: "yes", False: "no"})
    return out
