"""Chapter 2's charts: the Entity List's growth by year, cumulatively, and its largest rules.

The figures come from ``briefing.chapters.entity_list``; this module only draws them, each
with the snapshot's limit stated inside the figure so that it travels with a copied chart.
The rule-level figures (the landmarks of the yearly chart, the chart of the largest rules)
count the entries still listed per rule, from the rules found from the snapshot, with the
counts the rules table states beside them where it has the rule.
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

GROUP_LABELS = theme.GROUP_NAMES
GROUP_COLOURS = {key: theme.style(name).colour for key, name in GROUP_LABELS.items()}
STATED_COLOUR = theme.style(theme.STATED).colour

SOURCE_BY_YEAR = (
    "Entity List (15 CFR 744 Supp. 4), third-party parse of a snapshot; "
    "counted by year first listed"
)
SOURCE_RULES = (
    "Entity List snapshot, entries grouped by the rule that added them;<br>"
    "stated counts: the rules' own texts, sources in the appendix"
)


UNMATCHED_MARK = "†"  # after the citation of a rule the rules table lacks
UNMATCHED_NOTE = (
    f"{UNMATCHED_MARK} not in the rules table: cited by the first page its entries cite."
)


def _rule_label(rule) -> str:
    label = f"{rule.publication_date:%-d %b %Y} · {rule.fr_citation}"
    return label + (UNMATCHED_MARK if getattr(rule, "matched", "yes") == "no" else "")


def yearly_chart(
    by_year: pd.DataFrame, snapshot_rules: pd.DataFrame, focus: str, day: dt.date, snapshot: str
) -> go.Figure:
    """Entries first listed per year, stacked by group, with the focus and the landmark rules marked.

    The landmarks are the rules found from the snapshot with the most entries still listed.
    """
    table = el.yearly(by_year)
    fig = go.Figure()
    for key in el.GROUPS:
        fig.add_trace(
            go.Bar(
                x=table["year"],
                y=table[key],
                name=GROUP_LABELS[key],
                meta={"category": GROUP_LABELS[key]},
                marker=_bar_marker(GROUP_LABELS[key]),
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
                "size": 11,
                "symbol": theme.FOCUS_SYMBOL,
                "line": {"color": "white", "width": 1},
            },
            hovertemplate=f"{focus_name}, %{{x}}: %{{y}} entries<extra></extra>",
        )
    )
    totals = table.set_index("year")["total"]
    marks = el.landmarks(snapshot_rules, table["year"].tolist(), column="entries")
    top_label = _annotate_landmarks(fig, marks, totals)
    if top_label is not None:
        fig.update_yaxes(range=[0, top_label * 1.08])
    fig.update_layout(barmode="stack", height=CHART_HEIGHT)
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
        "the rules with the most entries still listed are annotated with their date and Federal "
        "Register citation."
    )
    note = UNMATCHED_NOTE if "matched" in marks and (marks["matched"] == "no").any() else ""
    return _finish_by_year(fig, stats, day, snapshot, title, alt, "Entries added (count)", note)


def _annotate_landmarks(fig: go.Figure, marks: pd.DataFrame, totals: pd.Series) -> float | None:
    """Label each landmark rule up and to the left of its year's bar, clear of the bars it passes.

    A label sits above the tallest bar in the span it covers and above the previous label
    when the two would meet; returns the highest label's height (None when there is none).
    """
    if marks.empty:
        return None
    peak = float(totals.max())
    gap = 0.15 * peak  # room for a two-line label between stacked landmarks
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
            text=f"{_rule_label(rule)}<br>{int(rule.entries)} entries still listed",
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
    for column, label, width in (
        ("cumulative_total", theme.ALL_DESTINATIONS, 4),
        ("cumulative_china", theme.CHINA_ALL, 2),
        ("cumulative_rest", GROUP_LABELS[el.REST], 2),
    ):
        look = theme.style(label)
        fig.add_trace(
            go.Scatter(
                x=table["year"],
                y=table[column],
                mode="lines+markers",
                name=label,
                meta={"category": label},
                line={"color": look.colour, "width": width, "dash": look.dash},
                marker={"symbol": look.symbol, "size": 6, "color": look.colour},
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
            line={"color": theme.FOCUS_COLOUR, "width": theme.FOCUS_WIDTH, "dash": "dot"},
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
    fig.update_layout(height=CHART_HEIGHT)
    alt = (
        "Line chart: cumulative Entity List entries by year first listed, all destinations, China "
        f"(including Hong Kong), the rest of the world and {focus_name}; a dashed line marks the end of "
        f"{el.BASELINE_YEAR - 1}."
    )
    y_title = "Entries still listed (cumulative count)"
    return _finish_by_year(fig, stats, day, snapshot, title, alt, y_title)


def rules_chart(
    snapshot_rules: pd.DataFrame, rules: pd.DataFrame, focus: str, day: dt.date, snapshot: str
) -> go.Figure:
    """The rules with the most entries still listed as horizontal bars, split into China (mainland
    and Hong Kong addresses) and the rest, with each matched rule's stated count marked beside."""
    # Largest last: plotly draws the first bar at the bottom.
    top = el.largest_rules(el.with_stated(snapshot_rules, rules), column="entries").iloc[::-1]
    focus_name = el.focus_label(focus)
    matched = top["matched"] == "yes"
    named = (el.names_focus(top, focus) & matched) if len(top) else pd.Series(dtype=bool)
    labels = [
        f'<span style="color:{theme.FOCUS_COLOUR}"><b>{_rule_label(r)} · {focus_name}</b></span>'
        if flag
        else _rule_label(r)
        for r, flag in zip(top.itertuples(index=False), named, strict=True)
    ]
    outline = {
        "color": [theme.FOCUS_COLOUR if flag else "rgba(0,0,0,0)" for flag in named],
        "width": 3,
    }
    china = top["entries_china"].astype(int)
    hong_kong = top["entries_hong_kong"].astype(int)
    fig = go.Figure()
    for key, values in (
        (el.MAINLAND, china - hong_kong),
        (el.HONG_KONG, hong_kong),
        (el.REST, top["entries"].astype(int) - china),
    ):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=GROUP_LABELS[key],
                meta={"category": GROUP_LABELS[key]},
                marker=_bar_marker(GROUP_LABELS[key]) | {"line": outline},
                hovertemplate=f"%{{y}}<br>{GROUP_LABELS[key]}: %{{x}} still listed<extra></extra>",
            )
        )
    stated = top["entries_added"].where(matched)
    fig.add_trace(
        go.Scatter(
            y=labels,
            # After the bar, or after the diamond where the stated count lies beyond it.
            x=[
                max(n, s) if pd.notna(s) else n for n, s in zip(top["entries"], stated, strict=True)
            ],
            mode="text",
            text=[
                f"  {int(n)}" + (f" ({int(s)} stated)" if pd.notna(s) else "")
                for n, s in zip(top["entries"], stated, strict=True)
            ],
            textposition="middle right",
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=[label for label, value in zip(labels, stated, strict=True) if pd.notna(value)],
            x=stated.dropna().astype(float),
            mode="markers",
            name=theme.STATED,
            meta={"category": theme.STATED},
            marker={
                "symbol": "diamond",
                "size": 10,
                "color": STATED_COLOUR,
                "line": {"color": "white", "width": 1},
            },
            hovertemplate="%{y}<br>stated by the rule: %{x} added<extra></extra>",
        )
    )
    if named.any():
        # A legend key for the outline, drawing nothing on the plot.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"Rules table names {focus_name}",
                marker={
                    "symbol": "square-open",
                    "size": 12,
                    "color": theme.FOCUS_COLOUR,
                    "line": {"width": 3},
                },
            )
        )
    widest = max([*top["entries"].astype(float), *stated.dropna().astype(float)], default=None)
    # The plot area: a row per rule (theme.finish adds room for title, legend and source).
    fig.update_layout(barmode="stack", height=34 * len(top) + 180 + 90, margin={"t": 90, "b": 90})
    fig.update_yaxes(tickfont={"size": 11}, automargin=True)
    # Room right of the longest bar for its label, "140 (140 stated)".
    fig.update_xaxes(range=[0, float(widest) * 1.35] if widest is not None else None)
    # On a phone the plot is narrow: the labels right of the bars need more of it.
    narrow = {"xaxis.range": [0, float(widest) * 2.1]} if widest is not None else {}
    if len(top):
        biggest = top.iloc[-1]
        title = (
            f"Most entries still listed, of rules published {el.BASELINE_YEAR} to {day:%-d %B %Y}: "
            f"{biggest['fr_citation']} ({biggest['publication_date']:%-d %b %Y}), "
            f"{int(biggest['entries'])} entries"
        )
    else:
        title = f"No rule from {el.BASELINE_YEAR} with entries still listed was published by {day:%-d %B %Y}"
    _subtitle(
        fig,
        el.caveat(snapshot)
        + "<br>Bars: entries first citing each rule; diamonds: the count its text states. "
        + UNMATCHED_NOTE,
    )
    return theme.finish(
        fig,
        title=title,
        source=SOURCE_RULES,
        alt=(
            f"Horizontal bar chart: the {len(top)} Federal Register rules since {el.BASELINE_YEAR} with "
            f"the most Entity List entries still listed in {snapshot}, labelled with publication date "
            "and citation, split into China with a mainland address, China with a Hong Kong address "
            "and the rest of the world; a diamond marks the count the rule states where the rules "
            f"table has it; rules the rules table says name {focus_name} are outlined."
        ),
        x_title="Entries first citing the rule, still listed (count)",
        y_title="",
        narrow_layout=narrow,
    )


def _finish_by_year(
    fig: go.Figure,
    stats: dict,
    day: dt.date,
    snapshot: str,
    title: str,
    alt: str,
    y_title: str,
    note: str = "",
) -> go.Figure:
    """The by-year charts: the snapshot caveat and coverage (and ``note``) as subtitle, the theme."""
    coverage = el.coverage(stats["last_year"], day, snapshot)
    _subtitle(fig, el.caveat(snapshot) + "<br>" + " ".join(filter(None, [coverage, note])))
    return theme.finish(
        fig,
        title=title,
        source=SOURCE_BY_YEAR,
        alt=alt,
        x_title="Year first listed",
        y_title=y_title,
    )


def _bar_marker(name: str) -> dict:
    """A bar in its destination's colour, with its fill pattern as the second cue."""
    look = theme.style(name)
    return {
        "color": look.colour,
        "pattern": {
            "shape": look.pattern,
            "fgcolor": "#333333",
            "fillmode": "overlay",
            "fgopacity": 0.45,
            "solidity": 0.3,
        },
    }


def _subtitle(fig: go.Figure, text: str) -> None:
    # Inside the figure (not only in the prose), so the limit travels with a copied chart.
    fig.update_layout(title={"subtitle": {"text": text, "font": {"size": 11, "color": "#444444"}}})
