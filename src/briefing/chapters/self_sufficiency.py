"""China's semiconductor self-sufficiency against its targets: the figures chapter 3 reports.

The table mixes several quantities that all get called "self-sufficiency": IC Insights'
China-based IC production share of China's IC market, the share made by China-headquartered
firms, a global sales share, an undefined Made in China 2025 "rate". Each exact ``measure``
text is mapped below to a short name and to a series; rows of different series are never
compared, and a line only ever joins rows with the same exact measure text.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from briefing.chapters.findings import Finding
from briefing.charts import theme as charts

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

SERIES_COLOURS = {
    MAIN: charts.PALETTE[0],
    "china_hq_ic": charts.PALETTE[1],
    "china_hq_global_sales": charts.PALETTE[2],
    "cn_chip_supply": charts.PALETTE[4],
    "mic2025_undefined": charts.MUTED_COLOUR,
}
KIND_LABELS = {"actual": "Actual", "forecast": "Forecast", "target": "Target"}
SOURCE = (
    "semiconductor self-sufficiency table (data/curated/semiconductor_self_sufficiency.csv), "
    "one source per row (see Sources)"
)


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


def findings(figures: pd.DataFrame, focus: str, day: dt.date) -> list[Finding]:
    """The chapter's findings, computed from the figures already cut at ``day``.

    ``focus`` is accepted like every chapter's, but this table is about China alone, so no
    finding is made for the focus jurisdiction.
    """
    actual = latest_actual(figures)
    if actual is None:
        return [
            Finding(
                "latest_actual",
                f"As of {day:%-d %B %Y}, no actual estimate of China's IC self-sufficiency had been "
                "published in the sources this briefing uses.",
                {"year": None, "value_pct": None, "gap_pp": None},
            )
        ]
    target = target_for(figures, int(actual["year"]))
    measure = measure_of(actual["measure"]).short
    values = {
        "year": int(actual["year"]),
        "value_pct": float(actual["value_pct"]),
        "producer": str(actual["producer"]),
        "published": actual["estimate_made"].date().isoformat(),
        "measure": str(actual["measure"]),
        "target_year": None,
        "target_pct": None,
        "gap_pp": None,
    }
    text = (
        f"As of {day:%-d %B %Y}, the latest actual estimate was {_pct(actual['value_pct'])} for "
        f"{values['year']} ({values['producer']}, published {actual['estimate_made']:%-d %B %Y}; "
        f"measure: {measure})"
    )
    if target is None:
        return [
            Finding("latest_actual", text + "; no target for this measure was on record.", values)
        ]
    gap = gap_points(actual, target)
    values.update(
        target_year=int(target["year"]), target_pct=float(target["value_pct"]), gap_pp=gap
    )
    text += (
        f", {_gap_words(gap)} the {_pct(target['value_pct'])} Made in China 2025 goal for "
        f"{values['target_year']} as IC Insights reads it; the sources disagree on what the goal "
        f"itself measures (confidence: {target['confidence']})."
    )
    if day.year > values["target_year"] > values["year"]:
        # The goal's year is over but no estimate for it has reached the table.
        text += f" No actual estimate for {values['target_year']} is in the table yet."
    return [Finding("latest_actual", text, values), _forecast_finding(figures, target, day)]


def _forecast_finding(figures: pd.DataFrame, target: pd.Series, day: dt.date) -> Finding:
    outlook = forecasts(figures)
    chosen = forecast_for_target(figures, target)
    goal, goal_year = float(target["value_pct"]), int(target["year"])
    if chosen is None:
        return Finding(
            "forecasts",
            f"No forecast of this measure had been published by {day:%-d %B %Y}.",
            {"forecasts": 0, "expect_target_met": None},
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
    }
    verdict = (
        f"{len(meeting)} of the {len(outlook)} forecasts of this measure published by then reach the goal"
        if met
        else f"None of the {len(outlook)} forecasts of this measure published by then expects the goal to be met"
    )
    published = f"published {chosen['estimate_made']:%-d %B %Y}"
    if int(chosen["year"]) == goal_year:
        detail = f"the forecast for {goal_year} ({published}) was"
    else:
        detail = f"none yet covered {goal_year}; the nearest, for {values['forecast_year']} ({published}), was"
    return Finding(
        "forecasts",
        f"{verdict}: {detail} {_pct(chosen['value_pct'])}, "
        f"{_gap_words(values['forecast_gap_pp'])} the {goal_year} goal.",
        values,
    )


def chart(figures: pd.DataFrame) -> go.Figure:
    """Targets against estimates: actuals solid, forecasts dashed with open markers, targets as stars."""
    fig = go.Figure()
    current = _main_first(latest_vintages(figures))
    for _, rows in current.groupby("measure", sort=False):
        _add_actuals(fig, rows[rows["kind"] == "actual"])
    _add_forecasts(fig, current)
    _add_targets(fig, current[current["kind"] == "target"])
    _add_superseded(fig, superseded(figures))
    fig.update_xaxes(tickformat="d", dtick=5)
    fig.update_yaxes(range=[0, 100], dtick=20, ticksuffix="%")
    fig.update_layout(
        height=560,
        legend=dict(
            orientation="v",
            x=1.02,
            xanchor="left",
            y=1,
            yanchor="top",
            itemsizing="constant",
            font=dict(size=10),
            tracegroupgap=4,
        ),
        margin=dict(l=60, r=20, t=75, b=135),
    )
    finished = charts.finish(
        fig,
        title=chart_title(figures),
        source=chart_note(figures),
        alt=chart_alt(figures),
        x_title="Year the figure refers to",
        y_title="Share (%)",
    )
    # The note runs to several lines: pin it a fixed distance under the axis, left-aligned.
    finished.layout.annotations[-1].update(y=0, yshift=-62, align="left")
    finished.update_layout(
        title=dict(
            y=0.97,
            yref="container",
            yanchor="top",
            subtitle=dict(text=chart_subtitle(figures), font=dict(size=12)),
        )
    )
    return finished


def chart_title(figures: pd.DataFrame) -> str:
    """The gap to the target, computed: the chart's finding."""
    actual = latest_actual(figures)
    if actual is None:
        return "No actual estimate of China's IC self-sufficiency had been published yet"
    target = target_for(figures, int(actual["year"]))
    if target is None:
        return f"China-based IC output was {_pct(actual['value_pct'])} of China's IC market in {int(actual['year'])}"
    gap = gap_points(actual, target)
    return (
        f"China-based IC output in {int(actual['year'])}: {_gap_words(gap, unit='points')} "
        f"the {_pct(target['value_pct'])} goal for {int(target['year'])}"
    )


def chart_subtitle(figures: pd.DataFrame) -> str:
    actual = latest_actual(figures)
    if actual is None:
        return ""
    return (
        f"{_pct(actual['value_pct'])} of China's IC market, the latest actual estimate "
        f"({actual['producer']}, published {actual['estimate_made']:%b %Y})"
    )


def chart_note(figures: pd.DataFrame) -> str:
    """The source line: where the figures come from and exactly what the main line measures."""
    lines = [SOURCE + "."]
    actual = latest_actual(figures)
    if actual is not None:
        lines.append(f"Main line: {MAIN_DEFINITION} ({actual['producer']}).")
        target = target_for(figures, int(actual["year"]))
        if target is not None:
            lines.append(
                f"Its target is IC Insights' reading of the Made in China 2025 goal; what the goal itself "
                f"measures is uncertain (sources disagree; confidence {target['confidence']}). "
                "Other colours are different measures, not comparable with it."
            )
    return "<br>".join("<br>".join(textwrap.wrap(line, width=150)) for line in lines)


def chart_alt(figures: pd.DataFrame) -> str:
    actual = latest_actual(figures)
    counts = figures["kind"].value_counts()
    text = (
        f"Chart of {counts.get('actual', 0)} actual estimates, {counts.get('forecast', 0)} forecasts and "
        f"{counts.get('target', 0)} targets of Chinese semiconductor self-sufficiency by year, one colour per measure."
    )
    if actual is not None:
        text += f" The latest actual of the main series is {_pct(actual['value_pct'])} for {int(actual['year'])}."
    return text


def figure_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every figure as readers see it: by measure, then year; labels instead of codes.

    The exact measure text and the notes are long; they are in the CSV download.
    """
    rows = _main_first(figures)
    return pd.DataFrame(
        {
            "Year": rows["year"].astype(int),
            "Kind": rows["kind"].map(KIND_LABELS),
            "Value (%)": rows["value_pct"].map(lambda v: f"{v:g}"),
            "Measure": rows["measure_short"],
            "Producer": rows["producer"],
            "Published": rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            "Confidence": rows["confidence"],
            "Reported by": rows["source_publisher"],
            "Source": rows["source_url"],
        }
    )


def download_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with every source column, plus the short measure name used in the chapter."""
    columns = [c for c in figures.columns if c != "series"]
    return figures.sort_values(["measure", "year", "estimate_made", "id"])[columns]


def _add_actuals(fig: go.Figure, rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    rows = rows.sort_values("year")
    first = rows.iloc[0]
    fig.add_trace(
        go.Scatter(
            x=rows["year"],
            y=rows["value_pct"],
            mode="lines+markers",
            name=_legend("Actual", first["measure_short"]),
            legendrank=_legend_rank(first["series"], "actual"),
            legendgroup=first["series"],
            line=dict(color=_colour(first["series"]), width=3 if first["series"] == MAIN else 2),
            marker=dict(size=8, symbol="circle"),
            customdata=rows[["producer", "estimate_made"]].assign(
                estimate_made=rows["estimate_made"].dt.strftime("%Y-%m-%d")
            ),
            hovertemplate="%{x}: %{y}%<br>%{customdata[0]}, published %{customdata[1]}<extra>actual</extra>",
        )
    )


def _add_forecasts(fig: go.Figure, current: pd.DataFrame) -> None:
    """Each forecast as an open marker, joined by a dashed line to the actual it was made from."""
    shown: set[str] = set()
    for row in current[current["kind"] == "forecast"].sort_values("year").itertuples():
        base = current[
            (current["measure"] == row.measure)
            & (current["kind"] == "actual")
            & (current["estimate_made"] == row.estimate_made)
            & (current["year"] < row.year)
        ]
        xs, ys = [row.year], [row.value_pct]
        if len(base):
            start = base.sort_values("year").iloc[-1]
            xs, ys = [start["year"], row.year], [start["value_pct"], row.value_pct]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers+text",
                name=_legend("Forecast (year made)", row.measure_short),
                legendrank=_legend_rank(row.series, "forecast"),
                legendgroup=f"{row.series}-forecast",
                showlegend=row.measure not in shown,
                line=dict(color=_colour(row.series), dash="dash", width=1.5),
                marker=dict(
                    size=[0] * (len(xs) - 1) + [10], symbol="circle-open", line=dict(width=2)
                ),
                text=[""] * (len(xs) - 1) + [f"{row.estimate_made:%Y}"],
                textposition="top center",
                textfont=dict(size=9, color=_colour(row.series)),
                hovertemplate=f"forecast for %{{x}}: %{{y}}%<br>{row.producer}, made {row.estimate_made:%Y-%m-%d}<extra></extra>",
            )
        )
        shown.add(row.measure)


def _add_targets(fig: go.Figure, targets: pd.DataFrame) -> None:
    for measure, rows in targets.groupby("measure", sort=False):
        first = rows.iloc[0]
        comparable = first["series"] == MAIN
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value_pct"],
                mode="markers+text" if comparable else "markers",
                name=_legend("Target", first["measure_short"]),
                legendrank=_legend_rank(first["series"], "target"),
                legendgroup=f"{first['series']}-target-{measure}",
                marker=dict(
                    color=_colour(first["series"]),
                    size=16 if comparable else 22,
                    symbol="star" if comparable else "circle-open",
                    line=dict(width=2),
                ),
                text=[f"{v:g}% goal" for v in rows["value_pct"]],
                textposition="middle left",
                textfont=dict(size=10, color=_colour(first["series"])),
                hovertemplate="target for %{x}: %{y}%<br>"
                + str(first["producer"])
                + "<extra></extra>",
            )
        )


def _add_superseded(fig: go.Figure, rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=rows["year"],
            y=rows["value_pct"],
            mode="markers",
            name="Earlier figure for the same year (superseded)",
            marker=dict(
                color=[_colour(s) for s in rows["series"]], size=7, symbol="circle", opacity=0.3
            ),
            customdata=rows["estimate_made"].dt.strftime("%Y-%m-%d"),
            hovertemplate="%{x}: %{y}%, published %{customdata}<extra>superseded</extra>",
        )
    )


def _legend(kind: str, measure: str) -> str:
    # Legend entries wrap so the legend stays a narrow column beside the plot.
    return "<br>".join(textwrap.wrap(f"{kind}: {measure}", width=34))


def _legend_rank(series: str, kind: str) -> int:
    # The main series' actual, forecasts and target head the legend, in that order.
    return (0 if series == MAIN else 10) + list(KIND_LABELS).index(kind)


def _main_first(figures: pd.DataFrame) -> pd.DataFrame:
    """The main series first, then the others, each by measure, year and publication."""
    order = figures.assign(other=figures["series"].ne(MAIN))
    order = order.sort_values(["other", "series", "measure_short", "year", "estimate_made", "id"])
    return order.drop(columns="other")


def _colour(series: str) -> str:
    return SERIES_COLOURS.get(series, charts.PALETTE[7])


def _pct(value: float) -> str:
    return f"{float(value):g}%"


def _gap_words(gap: float, unit: str = "percentage points") -> str:
    if gap > 0:
        return f"{gap:g} {unit} short of"
    if gap < 0:
        return f"{-gap:g} {unit} above"
    return "level with"
