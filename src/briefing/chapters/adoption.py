"""Adoption of Huawei/ZTE restrictions by jurisdiction: the figures chapter 1 reports."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pycountry

from briefing.chapters.findings import Finding
from briefing.charts import theme as charts
from briefing.countries import name as jurisdiction_name

MEASURE_LABELS = {
    "procurement_ban": "Procurement ban",
    "5g_core_exclusion": "5G core exclusion",
    "network_ban": "Full network ban / rip-and-replace",
    "operator_exclusion": "De facto exclusion by operators",
    "enabling_legislation": "Enabling legislation",
    "nonbinding_declaration": "Non-binding declaration",
}
# The timeline stays legible (and the page small) however many jurisdictions act.
TIMELINE_LANES = 60
TIMELINE_MARKERS = 300
HOVER_DESCRIPTIONS = 300
CURVE_POINTS = 60
SOURCE = (
    "restrictions table (data/curated/restrictions.csv); one source per row, listed in the appendix"
)


def binding(events: pd.DataFrame) -> pd.DataFrame:
    """Binding measures that were not rescinded."""
    mask = events["binding"].fillna(False).astype(bool) & (events["status"] != "rescinded")
    return events[mask]


def first_binding(events: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction: its first binding measure, ranked by date (1 = earliest)."""
    firsts = (
        binding(events)
        .sort_values(["announced", "id"])
        .groupby("jurisdiction", as_index=False)
        .first()[["jurisdiction", "announced", "measure_type", "id"]]
    )
    firsts["rank"] = firsts["announced"].rank(method="min").astype(int)
    firsts["name"] = firsts["jurisdiction"].map(jurisdiction_name)
    return firsts.sort_values(["rank", "jurisdiction"]).reset_index(drop=True)


def cumulative_by_type(events: pd.DataFrame) -> pd.DataFrame:
    """For each measure type, how many jurisdictions had a binding measure of that type, by date.

    Columns: date, measure_type, jurisdictions. A jurisdiction counts once per type, from
    its first binding measure of that type; ``measure_type == "any"`` is the union.
    """
    frames = []
    kinds = binding(events)
    per_type = (
        kinds.sort_values("announced")
        .groupby(["measure_type", "jurisdiction"], as_index=False)
        .first()
    )
    for measure, group in per_type.groupby("measure_type"):
        frames.append(_cumulative(group["announced"], measure))
    frames.append(_cumulative(first_binding(events)["announced"], "any"))
    if not frames:
        return pd.DataFrame(columns=["date", "measure_type", "jurisdictions"])
    return pd.concat(frames, ignore_index=True)


def findings(events: pd.DataFrame, focus: str, day: dt.date) -> list[Finding]:
    """The chapter's findings, computed from the events already cut at ``day``."""
    firsts = first_binding(events)
    total = len(firsts)
    if total == 0:
        return [
            Finding(
                "binding_jurisdictions",
                f"As of {day:%-d %B %Y}, no jurisdiction in the table had a binding restriction on Huawei or ZTE.",
                {"binding_jurisdictions": 0},
            )
        ]
    first = firsts.iloc[0]
    result = [
        Finding(
            "binding_jurisdictions",
            f"As of {day:%-d %B %Y}, {total} jurisdictions had a binding restriction on Huawei or ZTE "
            f"(of {events['jurisdiction'].nunique()} with any recorded measure); the first was "
            f"{first['name']}, on {first['announced']:%-d %B %Y}.",
            {
                "binding_jurisdictions": total,
                "jurisdictions": int(events["jurisdiction"].nunique()),
                "first_jurisdiction": first["jurisdiction"],
                "first_date": first["announced"].date().isoformat(),
            },
        )
    ]
    mine = firsts[firsts["jurisdiction"] == focus]
    name = jurisdiction_name(focus)
    if len(mine):
        row = mine.iloc[0]
        result.append(
            Finding(
                "focus_rank",
                f"{name} adopted its first binding restriction on {row['announced']:%-d %B %Y} "
                f"({MEASURE_LABELS[row['measure_type']].lower()}), {_ordinal(int(row['rank']))} of the {total}.",
                {
                    "focus": focus,
                    "rank": int(row["rank"]),
                    "date": row["announced"].date().isoformat(),
                },
            )
        )
    else:
        result.append(
            Finding(
                "focus_rank",
                f"{name} had no binding restriction on Huawei or ZTE.",
                {"focus": focus, "rank": None},
            )
        )
    return result


def cumulative_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    curve = cumulative_by_type(events)
    fig = go.Figure()
    for measure, group in curve.groupby("measure_type", sort=False):
        label = "Any binding measure" if measure == "any" else MEASURE_LABELS[measure]
        steps = _thinned(group)
        fig.add_trace(
            go.Scatter(
                x=steps["date"].dt.strftime("%Y-%m-%d"),
                y=steps["jurisdictions"],
                mode="lines",
                line_shape="hv",
                name=label,
                line=dict(width=4 if measure == "any" else 2),
            )
        )
    firsts = first_binding(events)
    mine = firsts[firsts["jurisdiction"] == focus]
    if len(mine):
        any_curve = curve[curve["measure_type"] == "any"]
        level = any_curve[any_curve["date"] <= mine["announced"].iloc[0]]["jurisdictions"].max()
        fig.add_trace(
            go.Scatter(
                x=mine["announced"],
                y=[level],
                mode="markers+text",
                text=[jurisdiction_name(focus)],
                textposition="top left",
                marker=dict(size=12, color=charts.FOCUS_COLOUR, symbol="diamond"),
                name=f"{jurisdiction_name(focus)} (focus)",
            )
        )
    total = len(firsts)
    return charts.finish(
        fig,
        title=f"{total} jurisdictions had a binding restriction on Huawei or ZTE",
        source=SOURCE,
        alt=f"Step chart: cumulative number of jurisdictions with a binding restriction, by measure type; {total} in all.",
        x_title="Date announced",
        y_title="Jurisdictions (count)",
    )


def timeline_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    """One lane per jurisdiction (the first TIMELINE_LANES to act, and the focus), a marker per event."""
    firsts = events.groupby("jurisdiction")["announced"].min().sort_values(kind="stable")
    lanes = firsts.index[:TIMELINE_LANES].tolist()
    if focus in firsts.index and focus not in lanes:
        lanes.append(focus)
    shown = events[events["jurisdiction"].isin(lanes)]
    thinned = len(shown) > TIMELINE_MARKERS
    if thinned:
        # Past this many markers, each lane shows the first measure of each type.
        shown = (
            shown.sort_values(["announced", "id"]).groupby(["jurisdiction", "measure_type"]).head(1)
        )
    # Hover text carries the description only while the page stays small.
    hover = ["id", "description"] if len(shown) <= HOVER_DESCRIPTIONS else ["id"]
    fig = go.Figure()
    for measure, label in MEASURE_LABELS.items():
        rows = shown[shown["measure_type"] == measure]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["announced"].dt.strftime("%Y-%m-%d"),
                y=rows["jurisdiction"],
                mode="markers",
                name=label,
                marker=dict(
                    size=10,
                    symbol="circle" if measure != "nonbinding_declaration" else "circle-open",
                ),
                customdata=rows[hover],
                hovertemplate="%{y} %{x|%Y-%m-%d}<br>"
                + ("%{customdata[1]}" if len(hover) > 1 else label)
                + "<extra>%{customdata[0]}</extra>",
            )
        )
    order = sorted(lanes, key=lambda code: (firsts[code], code), reverse=True)
    fig.update_yaxes(categoryorder="array", categoryarray=order, tickfont=dict(size=10))
    if focus in order:
        fig.add_hrect(
            y0=order.index(focus) - 0.5,
            y1=order.index(focus) + 0.5,
            fillcolor=charts.FOCUS_COLOUR,
            opacity=0.12,
            line_width=0,
        )
    fig.update_layout(height=max(500, 18 * len(order) + 180))
    total = len(firsts)
    title = (
        f"Restrictions in {total} jurisdictions, one row each, ordered by first event"
        if len(lanes) == total
        else f"The first {TIMELINE_LANES} of {total} jurisdictions to act, one row each"
    )
    if thinned:
        title += "; the first measure of each type"
    return charts.finish(
        fig,
        title=title,
        source=SOURCE,
        alt="Timeline: one row per jurisdiction, one marker per event, coloured by measure type.",
        x_title="Date announced",
        y_title="Jurisdiction (ISO code)",
    )


def map_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    firsts = first_binding(events)
    countries = firsts[firsts["jurisdiction"] != "EU"].copy()
    countries["iso3"] = countries["jurisdiction"].map(
        lambda c: pycountry.countries.get(alpha_2=c).alpha_3
    )
    countries["year"] = countries["announced"].dt.year
    fig = go.Figure(
        go.Choropleth(
            locations=countries["iso3"],
            z=countries["year"],
            text=countries["name"],
            colorscale="Viridis",
            colorbar=dict(title="Year"),
            marker_line_color="white",
            hovertemplate="%{text}: first binding measure in %{z}<extra></extra>",
        )
    )
    if focus in set(countries["jurisdiction"]):
        iso3 = pycountry.countries.get(alpha_2=focus).alpha_3
        fig.add_trace(
            go.Choropleth(
                locations=[iso3],
                z=[0],
                showscale=False,
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                marker_line_color=charts.FOCUS_COLOUR,
                marker_line_width=3,
                hoverinfo="skip",
            )
        )
    fig.update_geos(
        showframe=False,
        showcoastlines=False,
        showland=True,
        landcolor="#EEEEEE",
        showcountries=True,
        countrycolor="white",
        projection_type="natural earth",
    )
    return charts.finish(
        fig,
        title=f"Where binding restrictions came first: {len(countries)} countries by year",
        source=SOURCE + "; the EU is not shown on the map",
        alt="World map: countries coloured by the year of their first binding restriction on Huawei or ZTE.",
        x_title="",
        y_title="",
    )


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events as readers see them: newest first, labels instead of codes."""
    table = events.sort_values(["announced", "id"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Date": table["announced"].dt.strftime("%Y-%m-%d"),
            "Jurisdiction": table["jurisdiction"].map(jurisdiction_name),
            "Measure": table["measure_type"].map(MEASURE_LABELS),
            "By": table["actor"],
            "Binding": table["binding"].map({True: "yes", False: "no"}),
            "Status": table["status"].str.replace("_", " "),
            "What": table["description"],
        }
    )


def _thinned(steps: pd.DataFrame) -> pd.DataFrame:
    """A step curve with at most one point per quarter once it has more than CURVE_POINTS."""
    if len(steps) <= CURVE_POINTS:
        return steps
    quarterly = steps.set_index("date")["jurisdictions"].resample("QE").last().ffill()
    return quarterly.reset_index()


def _cumulative(dates: pd.Series, measure: str) -> pd.DataFrame:
    counts = dates.sort_values().value_counts(sort=False).sort_index().cumsum()
    return pd.DataFrame(
        {"date": counts.index, "measure_type": measure, "jurisdictions": counts.to_numpy()}
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
