"""The China chapter's charts: the action-reaction timeline and China's measures by kind and year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.chapters import china_measures as chapter
from briefing.chapters.alignment import count_phrase
from briefing.charts import kinds, theme

# Every colour this chapter uses, in one place (the palette may be replaced at merge).
COLOURS = {
    "foreign": theme.PALETTE[0],
    "china": theme.PALETTE[7],
    "link": theme.MUTED_COLOUR,
    "list_designation": theme.PALETTE[0],
    "export_control": theme.PALETTE[1],
    "security_review": theme.PALETTE[2],
    "procurement_restriction": theme.PALETTE[4],
    "investigation": theme.PALETTE[5],
    "legal_challenge": theme.PALETTE[6],
    "retaliation_law": theme.PALETTE[7],
}
SYMBOLS = {"foreign": "circle", "china": "diamond"}
SOURCE = "China's measures table and the milestones, restrictions and Entity List rules tables; each row's source in Sources"
HOVER = (
    "%{customdata[0]}<br>%{customdata[1]}, %{x|%-d %b %Y} (%{customdata[2]})"
    "<br>%{customdata[3]}<br>Source: %{customdata[4]}<extra></extra>"
)


def timeline_chart(measures: pd.DataFrame, foreign: pd.DataFrame, focus: str) -> go.Figure:
    """US and allied measures above, China's below, on one time axis; a line joins each answer
    to what it answers; the focus jurisdiction's lane shaded."""
    rows = chapter.timeline_rows(measures, foreign)
    order = chapter.lanes(rows)
    pairs = chapter.answer_pairs(measures, foreign)
    fig = kinds.lane_timeline(
        [
            kinds.Markers(
                "US and allied measures",
                rows[rows["side"] == "foreign"],
                {"color": COLOURS["foreign"], "symbol": SYMBOLS["foreign"], "size": 9},
            ),
            kinds.Markers(
                "China's measures",
                rows[rows["side"] == "china"],
                {"color": COLOURS["china"], "symbol": SYMBOLS["china"], "size": 9},
            ),
        ],
        order,
        hover_columns=["title", "jurisdiction", "date_kind", "kind", "source_publisher"],
        hovertemplate=HOVER,
        bands=[kinds.Band(countries.name(focus), opacity=0.15)],
        lane_height=34,
        padding=240,
        min_height=480,
        lane="lane",
    )
    lane_of = dict(zip(rows["id"], rows["lane"]))
    xs: list[str | None] = []
    ys: list[str | None] = []
    for pair in pairs.itertuples():
        if pair.answered_id not in lane_of or pair.china_id not in lane_of:
            continue
        xs += [f"{pair.answered_date:%Y-%m-%d}", f"{pair.china_date:%Y-%m-%d}", None]
        ys += [lane_of[pair.answered_id], lane_of[pair.china_id], None]
    if xs:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name="Answers (a source links the two)",
                line={"color": COLOURS["link"], "width": 1},
                hoverinfo="skip",
            )
        )
    fig.update_yaxes(automargin=True)
    china = int((rows["side"] == "china").sum())
    other = int((rows["side"] == "foreign").sum())
    return theme.finish(
        fig,
        title=(
            f"{count_phrase(china, 'Chinese measure')}; {count_phrase(len(pairs), 'link')} "
            "to the US or allied measures they answer"
        ),
        source=SOURCE,
        alt=(
            f"Timeline: one row per jurisdiction for {other} US and allied measures "
            f"({', '.join(lane for lane in order if not lane.startswith('China'))}), then one row "
            f"per kind for {china} Chinese measures; grey lines join {len(pairs)} Chinese "
            f"measures to the measures a source says they answer; the {countries.name(focus)} "
            "row is shaded where it has one."
        ),
        x_title="Date, as each table records it",
        y_title="",
    )


def counts_chart(measures: pd.DataFrame) -> go.Figure:
    """China's measures per year, stacked by kind."""
    counts = chapter.counts_by_kind_and_year(measures)
    names = chapter.labels("kind")
    fig = go.Figure()
    for kind in chapter.kind_order():
        mine = counts[counts["kind"] == kind]
        if mine.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=mine["year"].astype(str),
                y=mine["measures"],
                name=names[kind],
                marker_color=COLOURS[kind],
                hovertemplate=f"{names[kind]}<br>%{{x}}: %{{y}} measures<extra></extra>",
            )
        )
    years = sorted(counts["year"].astype(int).unique()) if len(counts) else []
    fig.update_layout(
        barmode="stack",
        margin={"r": 230},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years])
    if counts.empty:
        title = "No Chinese measure in the table yet"
    else:
        years = counts.groupby("year")["measures"].sum()
        top = int(years.idxmax())
        title = f"{count_phrase(int(years.sum()), 'measure')} by China; the most in {top} ({int(years[top])})"
    return theme.finish(
        fig,
        title=title,
        source="China's measures table (data/curated/china_measures.csv); each row's source in Sources",
        alt=(
            f"Stacked bars: China's measures per year from {counts['year'].min() if len(counts) else '-'}"
            f" to {counts['year'].max() if len(counts) else '-'}, coloured by kind of measure."
        ),
        x_title="Year of the measure's date",
        y_title="Measures",
    )
