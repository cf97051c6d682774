"""Chapter 1's charts: the cumulative curve, the timeline by jurisdiction and the world map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.chapters import adoption
from briefing.charts import kinds, theme

# The charts stay legible (and the page small) however many jurisdictions act.
TIMELINE_LANES = 60
TIMELINE_MARKERS = 300
HOVER_DESCRIPTIONS = 300
CURVE_POINTS = 60
# Non-binding measures are hollow markers, binding ones filled.
HOLLOW_MEASURES = {"nonbinding_declaration"}
SOURCE = (
    "restrictions table (data/curated/restrictions.csv); one source per row, listed in the appendix"
)


def cumulative_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    curve = adoption.cumulative_by_type(events)
    fig = go.Figure()
    for measure, group in curve.groupby("measure_type", sort=False):
        label = "Any binding measure" if measure == "any" else adoption.MEASURE_LABELS[measure]
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
    firsts = adoption.first_binding(events)
    mine = firsts[firsts["jurisdiction"] == focus]
    if len(mine):
        any_curve = curve[curve["measure_type"] == "any"]
        level = any_curve[any_curve["date"] <= mine["announced"].iloc[0]]["jurisdictions"].max()
        fig.add_trace(
            go.Scatter(
                x=mine["announced"],
                y=[level],
                mode="markers+text",
                text=[countries.name(focus)],
                textposition="top left",
                marker=dict(size=12, color=theme.FOCUS_COLOUR, symbol="diamond"),
                name=f"{countries.name(focus)} (focus)",
            )
        )
    total = len(firsts)
    return theme.finish(
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
    described = len(shown) <= HOVER_DESCRIPTIONS
    fig = kinds.lane_timeline(
        [
            kinds.Markers(
                label,
                shown[shown["measure_type"] == measure],
                dict(size=10, symbol="circle-open" if measure in HOLLOW_MEASURES else "circle"),
            )
            for measure, label in adoption.MEASURE_LABELS.items()
        ],
        sorted(lanes, key=lambda code: (firsts[code], code)),
        hover_columns=["id", "description"] if described else ["id"],
        hovertemplate="%{y} %{x|%Y-%m-%d}<br>"
        + ("%{customdata[1]}" if described else "%{fullData.name}")
        + "<extra>%{customdata[0]}</extra>",
        bands=[kinds.Band(focus)],
        lane_height=18,
        padding=180,
        min_height=500,
        date="announced",
    )
    fig.update_yaxes(tickfont=dict(size=10))
    total = len(firsts)
    title = (
        f"Restrictions in {total} jurisdictions, one row each, ordered by first event"
        if len(lanes) == total
        else f"The first {TIMELINE_LANES} of {total} jurisdictions to act, one row each"
    )
    if thinned:
        title += "; the first measure of each type"
    return theme.finish(
        fig,
        title=title,
        source=SOURCE,
        alt="Timeline: one row per jurisdiction, one marker per event, coloured by measure type.",
        x_title="Date announced",
        y_title="Jurisdiction (ISO code)",
    )


def map_chart(events: pd.DataFrame, focus: str) -> go.Figure:
    firsts = adoption.first_binding(events)
    mapped = firsts[firsts["jurisdiction"] != "EU"].copy()
    mapped["iso3"] = mapped["jurisdiction"].map(countries.alpha_3)
    mapped["year"] = mapped["announced"].dt.year
    fig = go.Figure(
        go.Choropleth(
            locations=mapped["iso3"],
            z=mapped["year"],
            text=mapped["name"],
            colorscale="Viridis",
            colorbar=dict(title="Year"),
            marker_line_color="white",
            hovertemplate="%{text}: first binding measure in %{z}<extra></extra>",
        )
    )
    if focus in set(mapped["jurisdiction"]):
        fig.add_trace(
            go.Choropleth(
                locations=[countries.alpha_3(focus)],
                z=[0],
                showscale=False,
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                marker_line_color=theme.FOCUS_COLOUR,
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
    return theme.finish(
        fig,
        title=f"Where binding restrictions came first: {len(mapped)} countries by year",
        source=SOURCE + "; the EU is not shown on the map",
        alt="World map: countries coloured by the year of their first binding restriction on Huawei or ZTE.",
        x_title="",
        y_title="",
    )


def _thinned(steps: pd.DataFrame) -> pd.DataFrame:
    """A step curve with at most one point per quarter once it has more than CURVE_POINTS."""
    if len(steps) <= CURVE_POINTS:
        return steps
    quarterly = steps.set_index("date")["jurisdictions"].resample("QE").last().ffill()
    return quarterly.reset_index()
