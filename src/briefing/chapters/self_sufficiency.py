"""China's semiconductor self-sufficiency against its targets: the figures chapter 3 reports.

The table mixes several quantities that all get called "self-sufficiency": IC Insights'
China-based IC production share of China's IC market, the share made by China-headquartered
firms, a global sales share, an undefined Made in China 2025 "rate". Each exact ``measure``
text is mapped below to a short name and to a series; rows of different series are never
compared, and a line only ever joins rows with the same exact measure text.

Even one measure is not one series: each IC Insights release divides by its own China IC
market total (US$155bn for 2018 in the 2019 report; US$124.6bn for 2019 in May 2020, restated
to US$131.3bn the next year). The table's ``basis`` column names the release and the total it
used, and wherever a line joins figures of different bases the series has a break
(``series_breaks``), which the chart and the findings show.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

import pandas as pd

from briefing.chapters.findings import Finding, KeyNumber

# The series whose actuals, forecasts and target are compared (IC Insights' series).
MAIN = "china_based_ic"
# Its measure in words short enough for a chart's note line; the exact text is _CHINA_BASED_IC.
MAIN_DEFINITION = (
    "China-based IC production (all wafer fabs in mainland China, foreign-owned fabs included) "
    "as a share of China's IC market, by value in US dollars"
)


@dataclass(frozen=True)
class Measure:
    series: str  # rows in one series are comparable; rows in different series never are
    short: str  # the name a table or legend shows


_CHINA_BASED_IC = (
    "China-based IC production (output of all wafer fabs located in mainland China, including "
    "foreign-owned fabs such as SK Hynix, Samsung, TSMC and Intel) as a share of China's IC "
    "market, by value in US dollars"
)
MEASURES: dict[str, Measure] = {
    _CHINA_BASED_IC: Measure(MAIN, "China-based IC output ÷ China IC market"),
    # IC Insights measures the Made in China 2025 goal against its own China-based series
    # (see the row's notes), so this target is declared comparable with MAIN, and only this one.
    "China-produced ICs as a share of China's IC market (IC Insights' reading of the Made in "
    "China 2025 goal; comparable to its China-based production series)": Measure(
        MAIN, "MIC 2025 goal, as IC Insights reads it"
    ),
    "IC production by China-headquartered companies as a share of China's IC market, by value in "
    "US dollars (excludes foreign-owned fabs in China)": Measure(
        "china_hq_ic", "China-HQ firms' IC output ÷ China IC market"
    ),
    "Semiconductor sales of mainland-China-headquartered companies as a share of global "
    "semiconductor sales (a global market share, not self-sufficiency)": Measure(
        "china_hq_global_sales", "China-HQ firms' share of world chip sales (not self-sufficiency)"
    ),
    "Share of China's domestic semiconductor market supplied by Chinese semiconductor production "
    "(US$65bn output in 2016, as reported; whether foreign-owned fabs in China are included is "
    "not stated)": Measure(
        "cn_chip_supply", "Chinese chip output ÷ China chip market (method unknown)"
    ),
    "Share of China's domestic semiconductor demand met by Chinese semiconductor output (goal "
    "stated alongside a US$305bn output target for 2030)": Measure(
        "cn_chip_supply", "Chinese chip output ÷ China chip demand (as reported)"
    ),
    "Semiconductor 'self-sufficiency manufacturing rate' (the Made in China 2025 goal as worded "
    "by the source; numerator and denominator not defined)": Measure(
        "mic2025_undefined", "MIC 2025 'self-sufficiency rate' (measure undefined)"
    ),
}

KIND_LABELS = {"actual": "Actual", "forecast": "Forecast", "target": "Target"}


def measure_of(text: str) -> Measure:
    """The series and short name of a measure text; an unknown text is a series of its own."""
    if text in MEASURES:
        return MEASURES[text]
    short = textwrap.shorten(text, width=70, placeholder="…")
    return Measure(f"other: {text}", short)


def with_measures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with the series each measures and a short name for its measure."""
    cut = figures.copy()
    cut["series"] = cut["measure"].map(lambda text: measure_of(text).series)
    cut["measure_short"] = cut["measure"].map(lambda text: measure_of(text).short)
    return cut.reset_index(drop=True)


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
    return [rows.reset_index(drop=True) for _, rows in line.groupby(run, sort=True)]


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


# The chart behind every finding of the chapter.
FIGURE = "fig-self-sufficiency"


def key_numbers(figures: pd.DataFrame, day: dt.date) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: the latest actual share."""
    actual = latest_actual(figures)
    if actual is None:
        return []
    target = target_for(figures, int(actual["year"]))
    goal = (
        f"; the Made in China 2025 goal as IC Insights reads it: {pct(target['value_pct'])} by "
        f"{int(target['year'])}"
        if target is not None
        else ""
    )
    return [
        KeyNumber(
            "latest_actual",
            pct(actual["value_pct"]),
            f"of China's chip (IC) market met by output of fabs in mainland China, by value "
            f"({actual['producer']}){goal}",
            f"{int(actual['year'])}, the latest year estimated (published "
            f"{actual['estimate_made']:%-d %B %Y})",
            FIGURE,
            float(actual["value_pct"]),
        )
    ]


def series_end(figures: pd.DataFrame, day: dt.date) -> str | None:
    """Where the main line's actual values stop, in plain words (None with no actual yet)."""
    actual = latest_actual(figures)
    if actual is None:
        return None
    year = int(actual["year"])
    later = forecasts(figures)
    later = later[later["year"] > year]
    rest = (
        f"; later years have forecasts and targets only (to {int(later['year'].max())})"
        if len(later)
        else ""
    )
    return (
        f"China's chip self-sufficiency: actual estimates of the main measure end in {year} "
        f"(published {actual['estimate_made']:%-d %B %Y}){rest}."
    )


def lead(figures: pd.DataFrame, day: dt.date) -> str:
    """The line above the chapter's findings: the date, the main measure and what the goal is."""
    actual = latest_actual(figures)
    start = f"**China's chip self-sufficiency**, as of {day:%-d %B %Y}"
    if actual is None:
        return start + ":"
    line = f"{start}. The main measure: {MAIN_DEFINITION}."
    target = target_for(figures, int(actual["year"]))
    if target is None:
        return line
    return (
        f"{line} The goal is Made in China 2025's as IC Insights reads it; sources disagree on "
        f"what the goal itself measures ({target['confidence']} confidence)."
    )


def findings(figures: pd.DataFrame, focus: str, day: dt.date) -> list[Finding]:
    """The chapter's findings, computed from the figures already cut at ``day``.

    The date, the main measure and the reading of the goal are said once, in ``lead``; each
    finding carries them in its values: ``measure`` (the exact text), ``definition`` (the short
    name) and ``as_of``. ``focus`` is accepted like every chapter's, but this table is about
    China alone, so no finding is made for the focus jurisdiction.
    """
    actual = latest_actual(figures)
    if actual is None:
        return [
            Finding(
                "latest_actual",
                "No actual estimate of China's IC self-sufficiency had been published in the "
                "sources this briefing uses.",
                {"year": None, "value_pct": None, "gap_pp": None, "as_of": day.isoformat()},
            )
        ]
    target = target_for(figures, int(actual["year"]))
    definition = measure_of(actual["measure"]).short
    values = {
        "year": int(actual["year"]),
        "value_pct": float(actual["value_pct"]),
        "producer": str(actual["producer"]),
        "published": actual["estimate_made"].date().isoformat(),
        "measure": str(actual["measure"]),
        "definition": definition,
        "basis": str(actual["basis"]),
        "as_of": day.isoformat(),
        "target_year": None,
        "target_pct": None,
        "gap_pp": None,
    }
    text = (
        f"China-based production met {pct(actual['value_pct'])} of China's IC market in "
        f"{values['year']}, the latest year estimated ({values['producer']}, published "
        f"{actual['estimate_made']:%-d %B %Y})"
    )
    if target is None:
        return [
            Finding("latest_actual", text + "; no target for it was on record.", values, FIGURE),
            _breaks_finding(figures, day),
        ]
    gap = gap_points(actual, target)
    values.update(
        target_year=int(target["year"]), target_pct=float(target["value_pct"]), gap_pp=gap
    )
    text += f": {_gap_words(gap)} the {pct(target['value_pct'])} goal for {values['target_year']}."
    if day.year > values["target_year"] > values["year"]:
        # The goal's year is over but no estimate for it has reached the table.
        text += f" No actual estimate for {values['target_year']} had been published."
    return [
        Finding("latest_actual", text, values, FIGURE),
        _forecast_finding(figures, target, day, actual),
        _breaks_finding(figures, day),
    ]


def _forecast_finding(
    figures: pd.DataFrame, target: pd.Series, day: dt.date, actual: pd.Series
) -> Finding:
    outlook = forecasts(figures)
    chosen = forecast_for_target(figures, target)
    goal, goal_year = float(target["value_pct"]), int(target["year"])
    definition = measure_of(actual["measure"]).short
    common = {
        "measure": str(actual["measure"]),
        "definition": definition,
        "as_of": day.isoformat(),
    }
    if chosen is None:
        return Finding(
            "forecasts",
            "No forecast of the main measure had been published.",
            {"forecasts": 0, "expect_target_met": None} | common,
            FIGURE,
        )
    meeting = outlook[outlook["value_pct"] >= goal]
    met = bool(len(meeting))
    values = {
        "forecasts": len(outlook),
        "expect_target_met": met,
        "forecast_year": int(chosen["year"]),
        "forecast_pct": float(chosen["value_pct"]),
        "forecast_published": chosen["estimate_made"].date().isoformat(),
        "forecast_gap_pp": gap_points(chosen, target),
        "highest_forecast_pct": float(outlook["value_pct"].max()),
    } | common
    verdict = (
        f"{len(meeting)} of the {len(outlook)} forecasts of the main measure reach the goal"
        if met
        else f"None of the {len(outlook)} forecasts of the main measure expects the goal to be met"
    )
    published = f"published {chosen['estimate_made']:%-d %B %Y}"
    if int(chosen["year"]) == goal_year:
        detail = f"the one for {goal_year}, {published}, was"
    else:
        detail = f"none yet covered {goal_year}; the nearest, for {values['forecast_year']}, {published}, was"
    return Finding(
        "forecasts",
        f"{verdict}: {detail} {pct(chosen['value_pct'])}, "
        f"{_gap_words(values['forecast_gap_pp'])} the {goal_year} goal.",
        values,
        FIGURE,
    )


def _breaks_finding(figures: pd.DataFrame, day: dt.date) -> Finding:
    """How many releases the main line joins, on which bases, and so how many breaks it has."""
    actual = latest_actual(figures)
    line = actual_line(figures, actual["measure"])
    bases = line_bases(figures)
    breaks = main_line_breaks(figures)
    definition = measure_of(actual["measure"]).short
    values = {
        "actuals_on_line": len(line),
        "first_year": int(line["year"].min()),
        "last_year": int(line["year"].max()),
        "bases": bases,
        "breaks": len(breaks),
        "break_years": [
            [int(a), int(b)] for a, b in zip(breaks["year_before"], breaks["year_after"])
        ],
        "measure": str(actual["measure"]),
        "definition": definition,
        "as_of": day.isoformat(),
    }
    span = f"{values['first_year']}–{values['last_year']}"
    if not len(breaks):
        text = (
            f"The main line ({span}) joins {len(line)} actual "
            f"estimate{'s' if len(line) != 1 else ''} on one basis ({bases[0]}): it has no "
            "series break."
        )
    else:
        text = (
            f"The main line ({span}) has {len(breaks)} series break"
            f"{'s' if len(breaks) != 1 else ''}: its {len(line)} actual estimates come from "
            f"{len(bases)} releases, each dividing by its own China IC market total (the table "
            "of breaks names each). A step across a break mixes a change in the share with a "
            "change of basis."
        )
    return Finding("series_breaks", text, values, FIGURE)


def headline(figures: pd.DataFrame) -> str:
    """The gap to the target, computed, in one line: the chart's title states this finding."""
    actual = latest_actual(figures)
    if actual is None:
        return "No actual estimate of China's IC self-sufficiency had been published yet"
    target = target_for(figures, int(actual["year"]))
    if target is None:
        return f"China-based IC output was {pct(actual['value_pct'])} of China's IC market in {int(actual['year'])}"
    gap = gap_points(actual, target)
    return (
        f"China-based IC output in {int(actual['year'])}: {_gap_words(gap, unit='points')} "
        f"the {pct(target['value_pct'])} goal for {int(target['year'])}"
    )


def figure_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every figure as readers see it: by measure, then year; labels instead of codes.

    The exact measure text and the notes are long; they are in the CSV download. ``url`` is
    the hidden link target of the Source column (the publisher).
    """
    rows = main_first(figures)
    return pd.DataFrame(
        {
            "Year": rows["year"].astype(int),
            "Kind": rows["kind"].map(KIND_LABELS),
            "Value (%)": rows["value_pct"].map(lambda v: f"{v:g}"),
            "Measure": rows["measure_short"],
            "Basis": rows["basis"],
            "Producer": rows["producer"],
            "Published": rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            "Confidence": rows["confidence"],
            "Source": rows["source_publisher"],
            "url": rows["source_url"],
        }
    )


def breaks_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every series break in the actual lines, as readers see it: main series first, with the
    source of the figure on either side (``url_before`` and ``url_after`` are the hidden link
    targets of the two Source columns)."""
    breaks = series_breaks(figures, series=None)
    breaks = breaks.assign(other=breaks["series"].ne(MAIN)).sort_values(
        ["other", "series", "year_before"], kind="stable"
    )
    return pd.DataFrame(
        {
            "Measure": breaks["measure"].map(lambda text: measure_of(text).short),
            "Between": [f"{a}–{b}" for a, b in zip(breaks["year_before"], breaks["year_after"])],
            "Share (%)": [
                f"{a:g} → {b:g}" for a, b in zip(breaks["value_before"], breaks["value_after"])
            ],
            "Basis before": breaks["basis_before"],
            "Basis after": breaks["basis_after"],
            "Source before": breaks["source_before"],
            "Source after": breaks["source_after"],
            "url_before": breaks["url_before"],
            "url_after": breaks["url_after"],
        }
    ).reset_index(drop=True)


def download_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with every source column, plus the short measure name used in the chapter."""
    columns = [c for c in figures.columns if c != "series"]
    return figures.sort_values(["measure", "year", "estimate_made", "id"])[columns]


def main_first(figures: pd.DataFrame) -> pd.DataFrame:
    """The main series first, then the others, each by measure, year and publication."""
    order = figures.assign(other=figures["series"].ne(MAIN))
    order = order.sort_values(["other", "series", "measure_short", "year", "estimate_made", "id"])
    return order.drop(columns="other")


def pct(value: float) -> str:
    """A percentage as the chapter's findings and chart write it: 15.3%, 70%."""
    return f"{float(value):g}%"


def _gap_words(gap: float, unit: str = "percentage points") -> str:
    if gap > 0:
        return f"{gap:g} {unit} short of"
    if gap < 0:
        return f"{-gap:g} {unit} above"
    return "level with"
