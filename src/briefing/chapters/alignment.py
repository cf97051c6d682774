"""Japan and its allies in step with the US: the figures chapter 4 reports.

Two comparisons, both against the United States as the baseline:

- milestones (data/curated/milestones.csv): for each ally and each kind of measure taken by
  both, the days between the first US measure of that kind and the ally's first;
- Huawei/ZTE restrictions (data/curated/restrictions.csv): the days between the first US
  binding restriction and each other jurisdiction's first binding restriction.

China is not an ally: its rows are countermeasures and are drawn apart from the others.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from briefing.chapters import adoption
from briefing.chapters.findings import Finding
from briefing.charts import theme as charts
from briefing.countries import name as jurisdiction_name

BASELINE = "US"
COUNTERPART = "CN"
YEAR_DAYS = 365
# Bars in the Huawei/ZTE lag chart: the first jurisdictions to follow the US (and the focus).
HUAWEI_BARS = 40

KIND_LABELS = {
    "telecom_vendor_restriction": "Telecom vendor restriction",
    "entity_listing": "Entity listing / denial order",
    "export_control_chips": "Chip export controls",
    "export_control_law": "Export control law",
    "investment_screening": "Investment screening",
    "economic_security_law": "Economic security law",
    "countermeasure": "Chinese countermeasure",
}
# One colour and one marker per kind; countermeasures get black crosses so China's lane
# reads as a different thing, and the focus colour is left free for the highlight.
KIND_STYLE = {
    "telecom_vendor_restriction": ("#0072B2", "circle"),
    "entity_listing": ("#E69F00", "diamond"),
    "export_control_chips": ("#009E73", "square"),
    "export_control_law": ("#CC79A7", "triangle-up"),
    "investment_screening": ("#56B4E9", "star"),
    "economic_security_law": ("#F0E442", "hexagon"),
    "countermeasure": ("#000000", "x-thin-open"),
}

# Rows of the milestones table that are not restrictions in their own right. The table has
# no column saying whether a row tightens or relaxes (a `direction` column would be better),
# so they are listed here by id, each with the reason its notes give.
NOT_RESTRICTIONS = {
    "US-2018-zte-denial-order-lifted": "lifts the April 2018 denial order against ZTE (a relaxation)",
}

MILESTONES_SOURCE = (
    "milestones table (data/curated/milestones.csv); one source per row, listed in Sources"
)
RESTRICTIONS_SOURCE = (
    "restrictions table (data/curated/restrictions.csv); one source per row, listed in Sources"
)

LAG_COLUMNS = [
    "ally",
    "kind",
    "us_id",
    "us_date",
    "us_date_kind",
    "ally_id",
    "ally_date",
    "ally_date_kind",
    "lag_days",
]
HUAWEI_LAG_COLUMNS = [
    "jurisdiction",
    "us_id",
    "us_date",
    "id",
    "announced",
    "measure_type",
    "lag_days",
]


def restrictions_only(milestones: pd.DataFrame) -> pd.DataFrame:
    """The milestones that are restrictions in their own right (liftings and the like removed)."""
    return milestones[~milestones["id"].isin(NOT_RESTRICTIONS)]


def first_by_kind(milestones: pd.DataFrame) -> pd.DataFrame:
    """One row per (jurisdiction, kind): its first restriction of that kind (ties broken by id)."""
    columns = ["jurisdiction", "kind", "id", "date", "date_kind"]
    rows = restrictions_only(milestones).sort_values(["date", "id"])
    return rows.groupby(["jurisdiction", "kind"], as_index=False).first()[columns]


def kind_lags(milestones: pd.DataFrame) -> pd.DataFrame:
    """For each ally and each kind the US also took: days from the first US measure to the ally's first.

    Negative when the ally went first. Allies are every jurisdiction but the US and China.
    """
    firsts = first_by_kind(milestones)
    us = firsts[firsts["jurisdiction"] == BASELINE]
    allies = firsts[~firsts["jurisdiction"].isin([BASELINE, COUNTERPART])]
    paired = allies.merge(us, on="kind", suffixes=("_ally", "_us"))
    lags = pd.DataFrame(
        {
            "ally": paired["jurisdiction_ally"],
            "kind": paired["kind"],
            "us_id": paired["id_us"],
            "us_date": paired["date_us"],
            "us_date_kind": paired["date_kind_us"],
            "ally_id": paired["id_ally"],
            "ally_date": paired["date_ally"],
            "ally_date_kind": paired["date_kind_ally"],
            "lag_days": (paired["date_ally"] - paired["date_us"]).dt.days.astype(int),
        },
        columns=LAG_COLUMNS,
    )
    return lags.sort_values(["ally_date", "ally", "kind"]).reset_index(drop=True)


def huawei_lags(events: pd.DataFrame) -> pd.DataFrame:
    """Days from the first US binding Huawei/ZTE restriction to each other jurisdiction's first."""
    firsts = adoption.first_binding(events)
    us = firsts[firsts["jurisdiction"] == BASELINE]
    if us.empty:
        return pd.DataFrame(columns=HUAWEI_LAG_COLUMNS)
    baseline = us.iloc[0]
    others = firsts[~firsts["jurisdiction"].isin([BASELINE, COUNTERPART])]
    lags = pd.DataFrame(
        {
            "jurisdiction": others["jurisdiction"],
            "us_id": baseline["id"],
            "us_date": baseline["announced"],
            "id": others["id"],
            "announced": others["announced"],
            "measure_type": others["measure_type"],
            "lag_days": (others["announced"] - baseline["announced"]).dt.days.astype(int),
        },
        columns=HUAWEI_LAG_COLUMNS,
    )
    return lags.sort_values(["announced", "jurisdiction"]).reset_index(drop=True)


def findings(
    milestones: pd.DataFrame, events: pd.DataFrame, focus: str, day: dt.date
) -> list[Finding]:
    """The chapter's findings, computed from milestones and events already cut at ``day``."""
    lags = kind_lags(milestones)
    binding = huawei_lags(events)
    return [
        _focus_finding(milestones, lags, binding, focus, day),
        _allies_finding(lags, binding, day),
    ]


def _focus_finding(
    milestones: pd.DataFrame, lags: pd.DataFrame, binding: pd.DataFrame, focus: str, day: dt.date
) -> Finding:
    name = jurisdiction_name(focus)
    on = f"{day:%-d %B %Y}"
    own = milestones[milestones["jurisdiction"] == focus]
    if focus in (BASELINE, COUNTERPART):
        role = (
            "the baseline the allies are measured against"
            if focus == BASELINE
            else "not an ally: its rows are countermeasures"
        )
        return Finding(
            "focus_lags",
            f"As of {on}, {name} had {len(own)} milestones in the table; it is {role}.",
            {
                "focus": focus,
                "milestones": len(own),
                "lags": {},
                "median_lag_days": None,
                "huawei_lag_days": None,
            },
        )
    mine = lags[lags["ally"] == focus]
    huawei = binding[binding["jurisdiction"] == focus]
    huawei_lag = int(huawei["lag_days"].iloc[0]) if len(huawei) else None
    huawei_text = (
        f"its first binding Huawei/ZTE restriction came {_days(huawei_lag)} the first US one"
        if huawei_lag is not None
        else "it had no binding Huawei/ZTE restriction in the restrictions table"
    )
    values = {
        "focus": focus,
        "milestones": len(own),
        "lags": {row.kind: int(row.lag_days) for row in mine.itertuples()},
        "median_lag_days": None,
        "huawei_lag_days": huawei_lag,
    }
    if own.empty:
        text = f"As of {on}, {name} had no milestones in the milestones table, and {huawei_text}."
    elif mine.empty:
        text = f"As of {on}, {name} had taken no measure of a kind the US had also taken; {huawei_text}."
    else:
        median = float(mine["lag_days"].median())
        values["median_lag_days"] = median
        each = "; ".join(
            f"{KIND_LABELS[row.kind].lower()} {_days(int(row.lag_days))} the US"
            for row in mine.sort_values(["ally_date", "kind"]).itertuples()
        )
        text = (
            f"As of {on}, {name} took its first measure of each kind it shares with the US as follows: {each} "
            f"(median lag {median:g} days over {len(mine)} kinds); {huawei_text}."
        )
    return Finding("focus_lags", text, values)


def _allies_finding(lags: pd.DataFrame, binding: pd.DataFrame, day: dt.date) -> Finding:
    within = int(lags["lag_days"].between(0, YEAR_DAYS).sum())
    before = int((lags["lag_days"] < 0).sum())
    later = int((lags["lag_days"] > YEAR_DAYS).sum())
    allies = int(lags["ally"].nunique())
    binding_within = int(binding["lag_days"].between(0, YEAR_DAYS).sum())
    values = {
        "pairs": len(lags),
        "allies": allies,
        "pairs_within_year": within,
        "pairs_later": later,
        "pairs_before_us": before,
        "binding_jurisdictions": len(binding),
        "binding_within_year": binding_within,
        "us_first_binding": binding["us_date"].iloc[0].date().isoformat() if len(binding) else None,
    }
    if lags.empty:
        first = f"As of {day:%-d %B %Y}, no ally had yet taken a measure of a kind the US had taken"
    else:
        first = (
            f"As of {day:%-d %B %Y}, {_count(allies, 'ally', 'allies')} had taken a first measure of a kind "
            f"the US had also taken ({_count(len(lags), 'ally-kind pair')}): {within} within a year "
            f"({YEAR_DAYS} days) of the first US measure of the kind, {later} later and {before} before it"
        )
    if binding.empty:
        second = (
            "no jurisdiction besides the US had a binding Huawei/ZTE restriction after a US one"
        )
    else:
        second = (
            f"{binding_within} of the {_count(len(binding), 'jurisdiction')} besides the US with a binding "
            f"Huawei/ZTE restriction adopted their first within a year of the first US one "
            f"({binding['us_date'].iloc[0]:%-d %B %Y})"
        )
    return Finding("allies_within_year", f"{first}; {second}.", values)


def timeline_chart(milestones: pd.DataFrame, focus: str) -> go.Figure:
    """One lane per jurisdiction (US on top, China at the bottom), one marker per milestone."""
    lanes = lane_order(milestones)
    fig = go.Figure()
    counted = restrictions_only(milestones)
    for kind, label in KIND_LABELS.items():
        rows = counted[counted["kind"] == kind]
        if rows.empty:
            continue
        colour, symbol = KIND_STYLE[kind]
        fig.add_trace(
            _markers(
                rows,
                label,
                {
                    "color": colour,
                    "symbol": symbol,
                    "size": 12,
                    "line": {"width": 1, "color": "#333333"},
                },
            )
        )
    lifted = milestones[milestones["id"].isin(NOT_RESTRICTIONS)]
    if len(lifted):
        fig.add_trace(
            _markers(
                lifted,
                "Lifting (not counted in lags)",
                {
                    "color": charts.MUTED_COLOUR,
                    "symbol": "circle-open",
                    "size": 12,
                    "line": {"width": 2},
                },
            )
        )
    shown = lanes[::-1]  # plotly draws the first category at the bottom
    fig.update_yaxes(categoryorder="array", categoryarray=shown, type="category")
    if COUNTERPART in shown:
        _band(fig, shown.index(COUNTERPART), "#000000", 0.06)
    if focus in shown:
        _band(fig, shown.index(focus), charts.FOCUS_COLOUR, 0.15)
    # Seven kinds make a long legend: it goes beside the plot, not between title and plot.
    fig.update_layout(
        height=max(420, 45 * len(lanes) + 220),
        margin={"r": 250},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
    )
    countermeasures = int((milestones["kind"] == "countermeasure").sum())
    allies = [lane for lane in lanes if lane not in (BASELINE, COUNTERPART)]
    return charts.finish(
        fig,
        title=(
            f"{_count(int((counted['jurisdiction'] == BASELINE).sum()), 'US measure')}, "
            f"{int(counted['jurisdiction'].isin(allies).sum())} by {len(allies)} allies, "
            f"{_count(countermeasures, 'Chinese countermeasure')}"
        ),
        source=MILESTONES_SOURCE,
        alt=(
            f"Timeline with one row per jurisdiction ({', '.join(lanes)}), one marker per milestone shaped and "
            f"coloured by kind; China's countermeasures are black crosses; the {focus} row is shaded."
        ),
        x_title="Date (the kind of date each row records)",
        y_title="Jurisdiction (ISO code)",
    )


def lane_order(milestones: pd.DataFrame) -> list[str]:
    """US first, then the allies by their first milestone, China last."""
    firsts = milestones.groupby("jurisdiction")["date"].min().sort_values(kind="stable")
    allies = [j for j in firsts.index if j not in (BASELINE, COUNTERPART)]
    return (
        [j for j in [BASELINE] if j in firsts.index]
        + allies
        + [j for j in [COUNTERPART] if j in firsts.index]
    )


def lag_chart(lags: pd.DataFrame, focus: str) -> go.Figure:
    """One bar per ally and kind: days after the first US measure of that kind."""
    ordered = lags.sort_values(["ally", "kind"], ascending=False)
    labels = [
        f"{jurisdiction_name(a)}: {KIND_LABELS[k].lower()}"
        for a, k in zip(ordered["ally"], ordered["kind"])
    ]
    fig = _lag_bars(
        ordered,
        labels,
        focus_rows=ordered["ally"] == focus,
        colour=charts.PALETTE[0],
        customdata=ordered[["us_id", "ally_id"]],
        hovertemplate="%{y}: %{x} days<br>US: %{customdata[0]}<br>Ally: %{customdata[1]}<extra></extra>",
        row_height=34,
    )
    return charts.finish(
        fig,
        title=_lag_title(
            lags["lag_days"][lags["ally"] == focus],
            focus,
            "US measure of the same kind",
            none=f"{_count(len(lags), 'ally-kind pair')} matched a first US measure of the same kind; none for {jurisdiction_name(focus)}",
        ),
        source=MILESTONES_SOURCE,
        alt=f"Horizontal bars: for {len(ordered)} ally-kind pairs, days from the first US measure of that kind to the ally's first; {focus} in the focus colour.",
        x_title="Days after the first US measure of the same kind (negative: ally first)",
        y_title="Ally: kind of measure",
    )


def huawei_lag_chart(lags: pd.DataFrame, focus: str) -> go.Figure:
    """One bar per jurisdiction: days after the first US binding Huawei/ZTE restriction.

    The chart stays legible, and the page small, however many follow: it shows the first
    HUAWEI_BARS to follow, and the focus (the lags table download has them all).
    """
    first = lags.sort_values(["lag_days", "jurisdiction"]).head(HUAWEI_BARS)
    shown = pd.concat(
        [first, lags[(lags["jurisdiction"] == focus) & ~lags.index.isin(first.index)]]
    )
    ordered = shown.sort_values(["lag_days", "jurisdiction"], ascending=False)
    names = ordered["jurisdiction"].map(jurisdiction_name)
    fig = _lag_bars(
        ordered,
        names,
        focus_rows=ordered["jurisdiction"] == focus,
        colour=charts.MUTED_COLOUR,
        customdata=ordered[["id", "announced"]].assign(
            announced=ordered["announced"].dt.strftime("%Y-%m-%d")
        ),
        hovertemplate="%{y}: %{x} days (%{customdata[0]}, %{customdata[1]})<extra></extra>",
        row_height=22,
    )
    fig.update_yaxes(tickfont={"size": 11})
    return charts.finish(
        fig,
        title=_lag_title(
            lags["lag_days"][lags["jurisdiction"] == focus],
            focus,
            "US binding Huawei/ZTE restriction",
            none=f"{_count(len(lags), 'jurisdiction')} followed the first US binding Huawei/ZTE restriction; {jurisdiction_name(focus)} had none",
        ),
        source=RESTRICTIONS_SOURCE,
        alt=f"Horizontal bars: for {len(ordered)} of {len(lags)} jurisdictions, days from the first US binding Huawei/ZTE restriction to their own first; {focus} in the focus colour.",
        x_title="Days after the first US binding restriction",
        y_title="Jurisdiction",
    )


def lag_table(lags: pd.DataFrame) -> pd.DataFrame:
    """The milestone lags as readers see them, with each side's date basis."""
    return pd.DataFrame(
        {
            "Ally": lags["ally"].map(jurisdiction_name),
            "Kind": lags["kind"].map(KIND_LABELS),
            "US first": lags["us_date"].dt.strftime("%Y-%m-%d") + " (" + lags["us_date_kind"] + ")",
            "US milestone": lags["us_id"],
            "Ally first": lags["ally_date"].dt.strftime("%Y-%m-%d")
            + " ("
            + lags["ally_date_kind"]
            + ")",
            "Ally milestone": lags["ally_id"],
            "Lag (days)": lags["lag_days"],
        }
    )


def focus_steps(milestones: pd.DataFrame, events: pd.DataFrame, focus: str) -> pd.DataFrame:
    """The focus jurisdiction's milestones and Huawei/ZTE restriction events, oldest first.

    ``url`` is the hidden link target of the Source column (seed files stay plain text).
    """
    own = milestones[milestones["jurisdiction"] == focus]
    steps = events[events["jurisdiction"] == focus]
    rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "date": own["date"],
                    "date_kind": own["date_kind"],
                    "kind": own["kind"].map(KIND_LABELS),
                    "step": own["title"],
                    "id": own["id"],
                    "url": own["source_url"],
                    "publisher": own["source_publisher"],
                }
            ),
            pd.DataFrame(
                {
                    "date": steps["announced"],
                    "date_kind": "announced",
                    "kind": "Huawei/ZTE: "
                    + steps["measure_type"].map(adoption.MEASURE_LABELS).str.lower(),
                    "step": steps["description"],
                    "id": steps["id"],
                    "url": steps["source_url"],
                    "publisher": steps["source_publisher"],
                }
            ),
        ],
        ignore_index=True,
    ).sort_values(["date", "id"])
    return pd.DataFrame(
        {
            "Date": rows["date"].dt.strftime("%Y-%m-%d") + " (" + rows["date_kind"] + ")",
            "Kind": rows["kind"],
            "Step": rows["step"],
            "Source": rows["url"].map(short_source),
            "Publisher": rows["publisher"],
            "Row id": rows["id"],
            "url": rows["url"],
        }
    ).reset_index(drop=True)


def focus_intro(milestones: pd.DataFrame, events: pd.DataFrame, focus: str, day: dt.date) -> str:
    """One computed sentence introducing the focus jurisdiction's table (or saying it is empty)."""
    name = jurisdiction_name(focus)
    own = int((milestones["jurisdiction"] == focus).sum())
    steps = int((events["jurisdiction"] == focus).sum())
    if own == 0 and steps == 0:
        return f"{name} has no milestones and no Huawei/ZTE restriction events in the tables as of {day:%-d %B %Y}."
    milestones_text = _count(own, "milestone") if own else "no milestones"
    return (
        f"Steps taken by {name} as of {day:%-d %B %Y}: {milestones_text} and "
        f"{_count(steps, 'Huawei/ZTE restriction event')}."
    )


def short_source(source: str) -> str:
    """A short label for a source: the web site's host, or the seed file's name."""
    if source.startswith(("http://", "https://")):
        host = urlparse(source).hostname or source
        return host.removeprefix("www.")
    return source


def milestones_download(milestones: pd.DataFrame) -> pd.DataFrame:
    """The cut milestones with a column saying which rows the lags count."""
    return milestones.assign(counted_as_restriction=~milestones["id"].isin(NOT_RESTRICTIONS))


def _markers(rows: pd.DataFrame, name: str, marker: dict) -> go.Scatter:
    return go.Scatter(
        x=rows["date"],
        y=rows["jurisdiction"],
        mode="markers",
        name=name,
        marker=marker,
        customdata=rows[["id", "title", "date_kind"]],
        hovertemplate="%{customdata[1]}<br>%{x|%-d %b %Y} (%{customdata[2]})<extra>%{customdata[0]}</extra>",
    )


def _band(fig: go.Figure, index: int, colour: str, opacity: float) -> None:
    fig.add_hrect(
        y0=index - 0.5,
        y1=index + 0.5,
        fillcolor=colour,
        opacity=opacity,
        line_width=0,
        layer="below",
    )


def _lag_bars(
    ordered: pd.DataFrame,
    labels,
    *,
    focus_rows: pd.Series,
    colour: str,
    customdata,
    hovertemplate: str,
    row_height: int,
) -> go.Figure:
    """Horizontal bars of lags in days, the focus in its colour, with the one-year line."""
    fig = go.Figure(
        go.Bar(
            x=ordered["lag_days"],
            y=labels,
            orientation="h",
            marker_color=[charts.FOCUS_COLOUR if mine else colour for mine in focus_rows],
            text=ordered["lag_days"],
            textposition="outside",
            customdata=customdata,
            hovertemplate=hovertemplate,
            showlegend=False,
        )
    )
    _year_line(fig)
    _fit_labels(fig, ordered["lag_days"])
    fig.update_layout(height=max(360, row_height * len(ordered) + 220))
    fig.update_yaxes(automargin=True)
    return fig


def _year_line(fig: go.Figure) -> None:
    fig.add_vline(
        x=YEAR_DAYS,
        line_dash="dot",
        line_color="#444444",
        annotation_text="1 year",
        annotation_position="top",
    )
    fig.add_vline(x=0, line_color="#444444", line_width=1)


def _lag_title(focus_lags: pd.Series, focus: str, against: str, *, none: str) -> str:
    name = jurisdiction_name(focus)
    if focus_lags.empty:
        return none
    if len(focus_lags) == 1:
        return f"{name} acted {_days(int(focus_lags.iloc[0]))} the first {against}"
    return f"{name}: median lag {float(focus_lags.median()):g} days behind the first {against}"


def _fit_labels(fig: go.Figure, lags: pd.Series) -> None:
    # Bar labels sit outside the bars; leave room for them on both sides.
    low = min([0, *lags.astype(int)])
    high = max([YEAR_DAYS, *lags.astype(int)])
    pad = 0.12 * (high - low)
    fig.update_xaxes(range=[low - (pad if low < 0 else 0), high + pad])
    fig.update_traces(cliponaxis=False)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _days(lag: int) -> str:
    if lag < 0:
        return f"{-lag} days before"
    return f"{lag} days after"
