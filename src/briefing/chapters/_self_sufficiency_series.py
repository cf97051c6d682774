"""The self-sufficiency chapter's series: the newest vintage of each figure, one measure's actual
line and its runs on one basis, the series breaks between them, the target and forecasts the
latest actual is read against, and how a share and a gap are written
(``briefing.chapters.self_sufficiency`` uses them; nothing else imports this module)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from briefing import translation
from briefing.translation import N_, _
from briefing.vocabulary.self_sufficiency import ABOUT, BOUNDS, MAIN, PRODUCERS, measure_of


def with_measures(figures: pd.DataFrame, shown: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures with the series each measures, a short name for its measure, what it is a
    share of (``about``: chips, equipment, the world) and its share as the source words it
    (``value_shown``: "more than 50%" where ``value_bound`` says so).

    Every computation reads the English texts (``measure_of`` matches them exactly); ``shown``,
    the same table loaded in the edition's language, gives ``basis_shown``, the basis as the
    edition's reader reads it (the English basis without it).
    """
    cut = figures.copy()
    cut["series"] = cut["measure"].map(lambda text: measure_of(text).series)
    cut["measure_short"] = cut["measure"].map(lambda text: measure_of(text).short)
    cut["about"] = cut["measure"].map(lambda text: measure_of(text).about)
    bounds = cut["value_bound"] if "value_bound" in cut else pd.Series(None, index=cut.index)
    cut["value_shown"] = [pct(v, b) for v, b in zip(cut["value_pct"], bounds, strict=True)]
    said = cut["basis"]
    if shown is not None:
        said = cut["id"].map(shown.drop_duplicates("id").set_index("id")["basis"]).fillna(said)
    cut["basis_shown"] = said.astype(object)
    return cut.reset_index(drop=True)


# Columns the chapter adds for its readers, not part of the table's own layout.
SHOWN_COLUMNS = ["series", "basis_shown", "about", "value_shown"]


def basis_shown(figures: pd.DataFrame, basis: str) -> str:
    """``basis`` (an English basis of ``figures``) as the edition's reader reads it."""
    if "basis_shown" not in figures:
        return basis
    found = figures.loc[figures["basis"] == basis, "basis_shown"]
    return str(found.iloc[0]) if len(found) else basis


def producer_shown(producer: str) -> str:
    """A producer as the edition's reader reads it: translated where its name is words
    (``PRODUCERS``), as written where it is a name."""
    return _(producer) if producer in PRODUCERS else producer


# What a row's confidence is called in the prose.
CONFIDENCE = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def confidence(value: str) -> str:
    """A confidence code as the edition's reader reads it (anything else as it is)."""
    return _(CONFIDENCE[value]) if value in CONFIDENCE else value


# What sets one sentence, and one item of a list, from the next: Japanese has no spaces.
SENTENCE_GAP = {"ja": ""}
LIST_SEPARATOR = {"ja": "；"}


def sentences(*parts: str) -> str:
    """Sentences already in the edition's language as running prose, empty ones left out."""
    return SENTENCE_GAP.get(translation.current(), " ").join(part for part in parts if part)


def items(parts: list[str]) -> str:
    """Items of a list in a sentence, in the edition's language: "a; b", "a；b"."""
    return LIST_SEPARATOR.get(translation.current(), "; ").join(parts)


def names_and(names: list[str]) -> str:
    """Names as a sentence lists them: "A, B and C" ("A、B及びC" in Japanese)."""
    if len(names) < 2:
        return "".join(names)
    if translation.current() == "ja":
        return "、".join(names[:-1]) + "及び" + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def short_day(day: dt.date) -> str:
    """A date where a chart has little room: "1 May 2022" in English, 2022年5月1日 in Japanese."""
    if translation.current() == translation.SOURCE:
        return f"{day:%-d %b %Y}"
    return translation.date(day)


def latest_vintages(figures: pd.DataFrame) -> pd.DataFrame:
    """For each measure, kind and year, only the most recently published figure."""
    ordered = figures.sort_values(["estimate_made", "id"])
    return ordered.groupby(["measure", "kind", "year"], as_index=False, sort=False).tail(1)


def superseded(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures that a later publication of the same measure, kind and year replaced."""
    return figures.drop(index=latest_vintages(figures).index)


def latest_actual(figures: pd.DataFrame, series: str = MAIN) -> pd.Series | None:
    """The actual estimate for the latest year of ``series`` (its newest vintage), or None."""
    actuals = latest_vintages(
        figures[(figures["series"] == series) & (figures["kind"] == "actual")]
    )
    if actuals.empty:
        return None
    return actuals.sort_values(["year", "estimate_made", "id"]).iloc[-1]


def producer_name(text: str) -> str:
    """A producer as the chapter names it: its name without a bracketed qualifier, so that
    "IC Insights (McClean Report 2021)" and "IC Insights" are one producer."""
    return re.sub(r"\s*\(.*\)\s*$", "", str(text)).strip()


def latest_by_producer(figures: pd.DataFrame) -> pd.DataFrame:
    """Each producer's latest estimate of each thing measured (``about``: chips, equipment, the
    world), targets aside: from its newest release, the actual for the latest year (the main
    series first), or its newest forecast where it published no actual. Grouped by what they
    measure, in ``ABOUT``'s order; in a group actuals first, newest year first, then forecasts;
    ``producer_name`` names the producer."""
    rows = latest_vintages(figures[figures["kind"] != "target"])
    rows = rows.assign(
        producer_name=rows["producer"].map(producer_name),
        is_actual=rows["kind"].eq("actual"),
        is_main=rows["series"].eq(MAIN),
        group=rows["about"].map(lambda about: ABOUT.index(about) if about in ABOUT else 0),
    )
    order = ["is_actual", "estimate_made", "is_main", "year", "id"]
    latest = rows.sort_values(order).groupby(["group", "producer_name"], sort=False).tail(1)
    latest = latest.sort_values(
        ["group", "is_actual", "year", "estimate_made", "id"],
        ascending=[True, False, False, False, True],
    )
    return latest.drop(columns=["is_actual", "is_main", "group"]).reset_index(drop=True)


def actual_line(figures: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The actuals a chart's line joins for one exact measure: the newest vintage of each year."""
    rows = figures[(figures["measure"] == measure) & (figures["kind"] == "actual")]
    return latest_vintages(rows).sort_values(["year", "estimate_made", "id"]).reset_index(drop=True)


def basis_runs(line: pd.DataFrame) -> list[pd.DataFrame]:
    """``line`` (one measure's actuals, by year) cut into runs of consecutive years on one basis."""
    if line.empty:
        return []
    # The first year starts a run (the shifted value is missing, and ``ne`` keeps it missing).
    starts = line["basis"].ne(line["basis"].shift()).fillna(True).astype(bool)
    run = starts.cumsum()
    return [rows.reset_index(drop=True) for _run, rows in line.groupby(run, sort=True)]


BREAK_COLUMNS = [
    "series",
    "measure",
    "year_before",
    "year_after",
    "value_before",
    "value_after",
    "basis_before",
    "basis_after",
    "source_before",
    "url_before",
    "source_after",
    "url_after",
]


def series_breaks(figures: pd.DataFrame, series: str | None = MAIN) -> pd.DataFrame:
    """Every break in the actual lines of ``series`` (all series with None).

    A break lies between two consecutive years of one measure's line whose figures have
    different bases: the share on either side divides by a different market total, so the
    step between them mixes a change in the share with a change of basis.
    """
    chosen = figures if series is None else figures[figures["series"] == series]
    found = []
    for measure in chosen.loc[chosen["kind"] == "actual", "measure"].unique():
        line = actual_line(chosen, measure)
        before, after = line.iloc[:-1].reset_index(drop=True), line.iloc[1:].reset_index(drop=True)
        changed = before["basis"].ne(after["basis"]).to_numpy()
        for left, right in zip(before[changed].itertuples(), after[changed].itertuples()):
            found.append(
                {
                    "series": left.series,
                    "measure": measure,
                    "year_before": int(left.year),
                    "year_after": int(right.year),
                    "value_before": float(left.value_pct),
                    "value_after": float(right.value_pct),
                    "basis_before": str(left.basis),
                    "basis_after": str(right.basis),
                    "source_before": str(left.source_publisher),
                    "url_before": str(left.source_url),
                    "source_after": str(right.source_publisher),
                    "url_after": str(right.source_url),
                }
            )
    return pd.DataFrame(found, columns=BREAK_COLUMNS)


def main_line_breaks(figures: pd.DataFrame) -> pd.DataFrame:
    """The breaks of the line the findings and the chart's title speak of: the main measure's."""
    actual = latest_actual(figures)
    breaks = series_breaks(figures)
    if actual is None:
        return breaks.iloc[0:0]
    return breaks[breaks["measure"] == actual["measure"]].reset_index(drop=True)


def line_bases(figures: pd.DataFrame, series: str = MAIN) -> list[str]:
    """The bases of the main measure's actual line, oldest publication first."""
    actual = latest_actual(figures, series)
    if actual is None:
        return []
    line = actual_line(figures, actual["measure"])
    first = line.sort_values(["estimate_made", "id"]).drop_duplicates("basis")
    return [str(b) for b in first["basis"]]


def target_for(figures: pd.DataFrame, year: int, series: str = MAIN) -> pd.Series | None:
    """The target of ``series`` whose year is nearest ``year`` (a tie goes to the later year)."""
    targets = latest_vintages(
        figures[(figures["series"] == series) & (figures["kind"] == "target")]
    )
    if targets.empty:
        return None
    distance = (targets["year"] - year).abs()
    targets = targets.assign(distance=distance.astype(int), later=-targets["year"].astype(int))
    return targets.sort_values(["distance", "later", "estimate_made", "id"]).iloc[0]


def gap_points(actual: pd.Series, target: pd.Series) -> float:
    """How many percentage points ``actual`` falls short of ``target`` (negative: above it)."""
    return round(float(target["value_pct"]) - float(actual["value_pct"]), 1)


def forecasts(figures: pd.DataFrame, series: str = MAIN) -> pd.DataFrame:
    """The newest forecast of ``series`` for each year."""
    rows = figures[(figures["series"] == series) & (figures["kind"] == "forecast")]
    return latest_vintages(rows).sort_values(["year", "estimate_made"])


def forecast_for_target(
    figures: pd.DataFrame, target: pd.Series, series: str = MAIN
) -> pd.Series | None:
    """The forecast that speaks to ``target``: the one for its year, else the nearest year to it."""
    found = forecasts(figures, series)
    if found.empty:
        return None
    distance = (found["year"] - int(target["year"])).abs().astype(int)
    found = found.assign(distance=distance, later=-found["year"].astype(int))
    return found.sort_values(["distance", "later"]).iloc[0]


def main_first(figures: pd.DataFrame) -> pd.DataFrame:
    """The main series first, then the others, each by measure, year and publication."""
    order = figures.assign(other=figures["series"].ne(MAIN))
    order = order.sort_values(["other", "series", "measure_short", "year", "estimate_made", "id"])
    return order.drop(columns="other")


def pct(value: float, bound: object = None) -> str:
    """A percentage as the chapter's findings and chart write it: 15.3%, 70%; with ``bound``
    (the table's ``value_bound``) as its source words it: "more than 50%"."""
    share = f"{float(value):g}%"
    return _(BOUNDS[bound]).format(value=share) if bound in BOUNDS else share


def by_gap(gap: float, short: str, above: str, level: str, **values) -> str:
    """The sentence (one of three, each whole, by whether ``gap`` falls short of the goal, above
    it or level with it) in the edition's language, with the gap's size as ``{gap}``."""
    chosen = short if gap > 0 else above if gap < 0 else level
    return _(chosen).format(gap=f"{abs(gap):g}", **values)
