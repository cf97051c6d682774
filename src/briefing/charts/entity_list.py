"""Chapter 2's charts: the Entity List's growth by year, cumulatively, and its largest rules.

The figures come from ``briefing.chapters.entity_list``; this module only draws them, each
with the snapshot's limit stated inside the figure so that it travels with a copied chart.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from briefing.chapters import entity_list as el
from briefing.charts import theme

# Room for the two-line subtitle above and the source line below a plot area of useful height.
CHART_HEIGHT = 540
LABEL_SPAN_YEARS = 6  # how many years' bars a landmark label spans, left of its own year

GROUP_LABELS = {
    el.MAINLAND: "China (mainland address)",
    el.HONG_KONG: "China (Hong Kong address)",
    el.REST: "Rest of world",
}
GROUP_COLOURS = {
    el.MAINLAND: theme.PALETTE[0],
    el.HONG_KONG: theme.PALETTE[5],
    el.REST: theme.MUTED_COLOUR,
}
SPLIT_NOT_STATED_COLOUR = theme.PALETTE[2]

SOURCE_BY_YEAR = (
    "Entity List (15 CFR 744 Supp. 4), third-party parse of a snapshot; "
    "data/derived/entity_list_by_year.csv"
)
SOURCE_RULES = "rules table (data/curated/entity_list_rules.csv), sources in the appendix"


def _rule_label(rule) -> str:
    return f"{rule.publication_date:%-d %b %Y} · {rule.fr_citation}"


def yearly_chart(
    by_year: pd.DataFrame, rules: pd.DataFrame, focus: str, day: dt.date, snapshot: str
) -> go.Figure:
    """Entries first listed per year, stacked by group, with the focus and the landmark rules marked."""
    table = el.yearly(by_year)
    fig = go.Figure()
    for key in el.GROUPS:
        fig.add_trace(
            go.Bar(
                x=table["year"],
                y=table[key],
                name=GROUP_LABELS[key],
                marker_color=GROUP_COLOURS[key],
                hovertemplate=f"{GROUP_LABELS[key]}, %{{x}}: %{{y}} entries<extra></extra>",
            )
        )
    focus_name = el.focus_label(focus)
    mine = el.focus_by_year(by_year, focus)
    mine = mine[mine > 0]  # markers only where the focus has entries: a line at zero says nothing
    fig.add_trace(
        go.Scatter(
            x=mine.index,
            y=mine.to_numpy(),
            mode="markers",
            name=f"{focus_name} (focus)" + ("" if len(mine) else ": no entries"),
            marker={
                "color": theme.FOCUS_COLOUR,
                "size": 9,
                "symbol": "diamond",
                "line": {"color": "white", "width": 1},
            },
            hovertemplate=f"{focus_name}, %{{x}}: %{{y}} entries<extra></extra>",
        )
    )
    totals = table.set_index("year")["total"]
    top_label = _annotate_landmarks(fig, el.landmarks(rules, table["year"].tolist()), totals)
    if top_label is not None:
        fig.update_yaxes(range=[0, top_label * 1.08])
    fig.update_layout(barmode="stack", margin={"t": 130}, height=CHART_HEIGHT)
    stats = el.since_baseline(by_year)
    if stats["china_share"] is not None:
        title = (
            f"China (incl. Hong Kong) holds {stats['china_share']:.0%} of entries first listed "
            f"{stats['first_year']}–{stats['last_year']}"
        )
    else:
        title = "Entries first listed per year"
    alt = (
        "Stacked bar chart: Entity List entries by year first listed, split into China with a mainland "
        f"address, China with a Hong Kong address and the rest of the world; a line shows {focus_name}; "
        "the largest rules are annotated with their date and Federal Register citation."
    )
    return _finish_by_year(fig, stats, day, snapshot, title, alt, "Entries added (count)")


def _annotate_landmarks(fig: go.Figure, marks: pd.DataFrame, totals: pd.Series) -> float | None:
    """Label each landmark rule up and to the left of its year's bar, clear of the bars it passes.

    A label sits above the tallest bar in the span it covers and above the previous label
    when the two would meet; returns the highest label's height (None when there is none).
    """
    if marks.empty:
        return None
    peak = float(totals.max())
    gap = 0.1 * peak
    span = LABEL_SPAN_YEARS
    placed: list[tuple[int, float]] = []
    for rule in marks.sort_values("year").itertuples(index=False):
        covered = totals[(totals.index >= rule.year - span) & (totals.index <= rule.year)]
        height = float(covered.max()) + gap
        for year, other in placed:
            if rule.year - year <= span:
                height = max(height, other + gap)
        placed.append((rule.year, height))
        fig.add_annotation(
            x=rule.year,
            y=float(totals.loc[rule.year]),
            ax=rule.year - 0.8,
            ay=height,
            axref="x",
            ayref="y",
            xanchor="right",
            text=f"{_rule_label(rule)}<br>{int(rule.entries_added)} entries added",
            showarrow=True,
            arrowhead=2,
            align="right",
            font={"size": 10},
            bgcolor="rgba(255,255,255,0.85)",
        )
    return max(height for _, height in placed)


def cumulative_chart(by_year: pd.DataFrame, focus: str, day: dt.date, snapshot: str) -> go.Figure:
    """Running totals of the surviving entries, China (incl. Hong Kong) against the rest of the world."""
    table = el.yearly(by_year)
    fig = go.Figure()
    for column, label, colour, width in (
        ("cumulative_total", "All destinations", theme.PALETTE[7], 4),
        ("cumulative_china", "China (incl. Hong Kong)", theme.PALETTE[0], 2),
        ("cumulative_rest", "Rest of world", theme.MUTED_COLOUR, 2),
    ):
        fig.add_trace(
            go.Scatter(
                x=table["year"],
                y=table[column],
                mode="lines",
                name=label,
                line={"color": colour, "width": width},
                hovertemplate=f"{label}, end of %{{x}}: %{{y}} entries<extra></extra>",
            )
        )
    focus_name = el.focus_label(focus)
    mine = el.focus_by_year(by_year, focus).cumsum()
    fig.add_trace(
        go.Scatter(
            x=mine.index,
            y=mine.to_numpy(),
            mode="lines",
            name=f"{focus_name} (focus)" + ("" if len(mine) and mine.iloc[-1] else ": no entries"),
            line={"color": theme.FOCUS_COLOUR, "width": 3, "dash": "dot"},
            hovertemplate=f"{focus_name}, end of %{{x}}: %{{y}} entries<extra></extra>",
        )
    )
    if len(table) and el.BASELINE_YEAR - 1 >= table["year"].min():
        fig.add_vline(
            x=el.BASELINE_YEAR - 0.5, line={"color": "#444444", "width": 1, "dash": "dash"}
        )
    stats = el.since_baseline(by_year)
    if stats["multiple"] is not None:
        title = (
            f"Surviving entries grew {stats['multiple']:.1f}-fold from the end of {el.BASELINE_YEAR - 1} "
            f"to {stats['last_year']}"
        )
        if stats["china_multiple"] is not None:
            title += f"; China's {stats['china_multiple']:.1f}-fold"
    else:
        title = "Surviving entries by year first listed, cumulative"
    fig.update_layout(margin={"t": 130}, height=CHART_HEIGHT)
    alt = (
        "Line chart: cumulative Entity List entries by year first listed, all destinations, China "
        f"(including Hong Kong), the rest of the world and {focus_name}; a dashed line marks the end of "
        f"{el.BASELINE_YEAR - 1}."
    )
    y_title = "Entries still listed (cumulative count)"
    return _finish_by_year(fig, stats, day, snapshot, title, alt, y_title)


def rules_chart(rules: pd.DataFrame, focus: str, day: dt.date) -> go.Figure:
    """The largest rules as horizontal bars, split into China and other destinations where stated."""
    top = el.largest_rules(rules).iloc[::-1]  # plotly draws the first bar at the bottom
    focus_name = el.focus_label(focus)
    named = el.names_focus(top, focus) if len(top) else pd.Series(dtype=bool)
    labels = [
        f'<span style="color:{theme.FOCUS_COLOUR}"><b>{_rule_label(r)} · {focus_name}</b></span>'
        if flag
        else _rule_label(r)
        for r, flag in zip(top.itertuples(index=False), named, strict=True)
    ]
    china = top["entries_added_china"]
    stated = china.notna()
    outline = {
        "color": [theme.FOCUS_COLOUR if flag else "rgba(0,0,0,0)" for flag in named],
        "width": 3,
    }
    fig = go.Figure()
    for name, values, colour in (
        ("Under China (stated)", china.where(stated, 0), theme.PALETTE[0]),
        (
            "Other destinations (stated)",
            (top["entries_added"] - china).where(stated, 0),
            theme.MUTED_COLOUR,
        ),
        (
            "Destination split not stated",
            top["entries_added"].where(~stated, 0),
            SPLIT_NOT_STATED_COLOUR,
        ),
    ):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=values.astype(float).fillna(0),
                orientation="h",
                name=name,
                marker={"color": colour, "line": outline},
                hovertemplate=f"%{{y}}<br>{name}: %{{x}}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=top["entries_added"].astype(float),
            mode="text",
            text=[f" {int(v)}" for v in top["entries_added"]],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    if named.any():
        # A legend key for the outline, drawing nothing on the plot.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"Notes name {focus_name}",
                marker={
                    "symbol": "square-open",
                    "size": 12,
                    "color": theme.FOCUS_COLOUR,
                    "line": {"width": 3},
                },
            )
        )
    fig.update_layout(barmode="stack", height=max(420, 34 * len(top) + 220))
    fig.update_yaxes(tickfont={"size": 11}, automargin=True)
    fig.update_xaxes(range=[0, float(top["entries_added"].max()) * 1.12] if len(top) else None)
    if len(top):
        biggest = top.iloc[-1]
        title = (
            f"Largest rule by {day:%-d %B %Y}: {biggest['fr_citation']} "
            f"({biggest['publication_date']:%-d %b %Y}), {int(biggest['entries_added'])} entries"
        )
    else:
        title = f"No rule in the rules table was published by {day:%-d %B %Y}"
    return theme.finish(
        fig,
        title=title,
        source=SOURCE_RULES,
        alt=(
            f"Horizontal bar chart: the {len(top)} rules of the rules table that added the most entries, "
            "labelled with publication date and Federal Register citation, split into China and other "
            f"destinations where the sources state it; rules whose notes name {focus_name} are outlined."
        ),
        x_title="Entries added by the rule (count, as stated)",
        y_title="",
    )


def _finish_by_year(
    fig: go.Figure, stats: dict, day: dt.date, snapshot: str, title: str, alt: str, y_title: str
) -> go.Figure:
    """The by-year charts: the snapshot caveat and coverage as subtitle, the shared theme."""
    _subtitle(fig, el.caveat(snapshot) + "<br>" + el.coverage(stats["last_year"], day, snapshot))
    return theme.finish(
        fig,
        title=title,
        source=SOURCE_BY_YEAR,
        alt=alt,
        x_title="Year first listed",
        y_title=y_title,
    )


def _subtitle(fig: go.Figure, text: str) -> None:
    # Inside the figure (not only in the prose), so the limit travels with a copied chart.
    fig.update_layout(title={"subtitle": {"text": text, "font": {"size": 11, "color": "#444444"}}})
