"""Growth of the US Entity List: the figures chapter 2 reports.

Two tables feed it. ``entity_list_by_year`` counts the entries of one snapshot of the list
(October 2025) by the year of their earliest Federal Register citation, so it holds only
entries that survived to the snapshot. ``entity_list_rules`` is a curated selection of the
rules that added entries, each with its stated counts and source. The reconciliation of the
two is ``briefing.entity_list``'s job; this module only shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pycountry

from briefing.chapters.findings import Finding
from briefing.charts import theme as charts
from briefing.countries import name as jurisdiction_name
from briefing.data import provenance as provenance_record
from briefing.data import reads
from briefing.steps import entity_list

# Growth is measured from the end of 2017: everything listed since 2018 against everything before.
BASELINE_YEAR = 2018
LANDMARKS = 3  # rules annotated on the yearly chart: the largest rule of each of the top years
TOP_RULES = 10  # bars in the chart of the largest rules
# Room for the two-line subtitle above and the source line below a plot area of useful height.
CHART_HEIGHT = 540
LABEL_SPAN_YEARS = 6  # how many years' bars a landmark label spans, left of its own year

CHINA = entity_list.CHINA
MAINLAND = "china_mainland"
HONG_KONG = "hong_kong"
REST = "rest_of_world"
GROUP_LABELS = {
    MAINLAND: "China (mainland address)",
    HONG_KONG: "China (Hong Kong address)",
    REST: "Rest of world",
}
GROUP_COLOURS = {
    MAINLAND: charts.PALETTE[0],
    HONG_KONG: charts.PALETTE[5],
    REST: charts.MUTED_COLOUR,
}
SPLIT_NOT_STATED_COLOUR = charts.PALETTE[2]

# Destination headings of the list that pycountry does not resolve by name.
DESTINATION_ALIASES = {"Burma": "MM", "Russia": "RU", "Turkey": "TR"}
# Headings that are regions, not countries: they belong to no focus code.
REGION_HEADINGS = {"Crimea Region of Ukraine"}

PROVENANCE = provenance_record.for_table(entity_list.DERIVED_CSV)
SOURCE_BY_YEAR = (
    "Entity List (15 CFR 744 Supp. 4), third-party parse of a snapshot; "
    "data/derived/entity_list_by_year.csv"
)
SOURCE_RULES = "rules table (data/curated/entity_list_rules.csv), sources in the appendix"
RECONCILIATION_UNAVAILABLE = (
    "The reconciliation compares each rule with the entries of the Entity List snapshot that "
    "first cite it. It needs the snapshot file (`shared/data/entity-list/bis_entity_list.json`), "
    "which is not present where this edition was built, and no per-rule count derived from it "
    "is committed to the project; the reconciliation is therefore not shown in this edition."
)


# --- Cutting the tables at the edition date ---------------------------------------------------


def oldest_first(rules: pd.DataFrame) -> pd.DataFrame:
    """The rules in publication order (then by citation)."""
    return rules.sort_values(["publication_date", "fr_citation"]).reset_index(drop=True)


# --- Aggregates ---------------------------------------------------------------------------------


def group(by_year: pd.DataFrame) -> pd.Series:
    """Each row's group: China with a mainland address, China with a Hong Kong address, or the rest."""
    china = by_year["destination"] == CHINA
    hong_kong = china & by_year["hong_kong"].fillna(False).astype(bool)
    labels = pd.Series(REST, index=by_year.index, dtype=object)
    labels[china] = MAINLAND
    labels[hong_kong] = HONG_KONG
    return labels


YEARLY_COLUMNS = [
    "year",
    MAINLAND,
    HONG_KONG,
    "china",
    REST,
    "total",
    "cumulative_china",
    "cumulative_rest",
    "cumulative_total",
]


def yearly(by_year: pd.DataFrame) -> pd.DataFrame:
    """Entries first listed per year by group, and running totals; every year in the span, zeros included."""
    if by_year.empty:
        return pd.DataFrame(columns=YEARLY_COLUMNS)
    counts = (
        by_year.assign(group=group(by_year), entries=by_year["entries"].astype(int))
        .pivot_table(index="year", columns="group", values="entries", aggfunc="sum", fill_value=0)
        .reindex(columns=[MAINLAND, HONG_KONG, REST], fill_value=0)
    )
    span = range(int(counts.index.min()), int(counts.index.max()) + 1)
    table = counts.reindex(span, fill_value=0).astype(int)
    table.index.name = "year"
    table = table.reset_index()
    table["china"] = table[MAINLAND] + table[HONG_KONG]
    table["total"] = table["china"] + table[REST]
    table["cumulative_china"] = table["china"].cumsum()
    table["cumulative_rest"] = table[REST].cumsum()
    table["cumulative_total"] = table["total"].cumsum()
    return table[YEARLY_COLUMNS]


def destination_code(heading: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a destination heading of the list; None for regions or unknowns."""
    if heading in REGION_HEADINGS:
        return None
    if heading in DESTINATION_ALIASES:
        return DESTINATION_ALIASES[heading]
    try:
        return pycountry.countries.lookup(heading).alpha_2
    except LookupError:
        return None


def focus_label(focus: str) -> str:
    """The focus as the list and its rules call it: the list's own heading where it differs (Russia, Burma)."""
    for heading, code in DESTINATION_ALIASES.items():
        if code == focus:
            return heading
    return jurisdiction_name(focus) or focus


def focus_names(focus: str) -> list[str]:
    """Every name the rules' notes may use for the focus: the list's heading and the ISO names."""
    names = [focus_label(focus), jurisdiction_name(focus) or focus]
    country = pycountry.countries.get(alpha_2=focus) if len(focus) == 2 else None
    if country is not None:
        names += [getattr(country, key, None) for key in ("name", "common_name", "official_name")]
    return list(dict.fromkeys(name for name in names if name))


def focus_mask(by_year: pd.DataFrame, focus: str) -> pd.Series:
    """Rows of the by-year table that belong to the focus jurisdiction.

    Hong Kong entries sit under the China heading, so HK selects them by address and CN
    takes China with Hong Kong included.
    """
    if focus == "HK":
        return (by_year["destination"] == CHINA) & by_year["hong_kong"].fillna(False).astype(bool)
    codes = by_year["destination"].map(destination_code)
    return codes == focus


def focus_by_year(by_year: pd.DataFrame, focus: str) -> pd.Series:
    """Entries under the focus jurisdiction per year, over the same span as ``yearly``."""
    years = yearly(by_year)["year"]
    rows = by_year[focus_mask(by_year, focus)]
    counts = rows.groupby("year")["entries"].sum().astype(int)
    return counts.reindex(years, fill_value=0).astype(int)


def since_baseline(by_year: pd.DataFrame) -> dict:
    """What was added from BASELINE_YEAR to the last year of the (already cut) table."""
    table = yearly(by_year)
    before = table[table["year"] < BASELINE_YEAR]
    after = table[table["year"] >= BASELINE_YEAR]
    total_before = int(before["total"].sum())
    china_before = int(before["china"].sum())
    total_after = int(after["total"].sum())
    china_after = int(after["china"].sum())
    latest_total = total_before + total_after
    latest_china = china_before + china_after
    return {
        "years": len(after),
        "first_year": int(after["year"].min()) if len(after) else None,
        "last_year": int(table["year"].max()) if len(table) else None,
        "added": total_after,
        "added_china": china_after,
        "added_hong_kong": int(after[HONG_KONG].sum()),
        "china_share": round(china_after / total_after, 4) if total_after else None,
        "total_before": total_before,
        "china_before": china_before,
        "total_latest": latest_total,
        "china_latest": latest_china,
        "multiple": round(latest_total / total_before, 2) if len(after) and total_before else None,
        "china_multiple": round(latest_china / china_before, 2)
        if len(after) and china_before
        else None,
    }


def largest_rules(rules: pd.DataFrame, n: int = TOP_RULES) -> pd.DataFrame:
    """The ``n`` rules that added the most entries (rules adding none left out), largest first."""
    adding = rules[rules["entries_added"].fillna(0) > 0]
    return (
        adding.sort_values(
            ["entries_added", "publication_date"], ascending=[False, True], kind="stable"
        )
        .head(n)
        .reset_index(drop=True)
    )


def landmarks(rules: pd.DataFrame, years: list[int], n: int = LANDMARKS) -> pd.DataFrame:
    """The largest rule of each year shown, for the ``n`` years whose largest rule added most."""
    shown = rules[rules["publication_date"].dt.year.isin(years)]
    ranked = largest_rules(shown, len(shown))
    ranked = ranked.assign(year=ranked["publication_date"].dt.year)
    return ranked.drop_duplicates("year").head(n).reset_index(drop=True)


def names_focus(rules: pd.DataFrame, focus: str) -> pd.Series:
    """Rules whose title or notes name the focus jurisdiction (the rules table has no destination column)."""
    alternatives = "|".join(re.escape(name) for name in focus_names(focus))
    pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
    text = rules["title"].fillna("").astype(str) + " " + rules["notes"].fillna("").astype(str)
    return text.map(lambda t: bool(pattern.search(t))).astype(bool)


def snapshot_label(provenance: Path = PROVENANCE) -> str:
    """When the snapshot's list stood, as its provenance record states it (e.g. "October 2025")."""
    reads.record(provenance)
    stated = provenance_record.read(provenance).primary_input()["list_as_of"]
    return stated.split(" (")[0].strip()


def caveat(snapshot: str) -> str:
    """The limit every chart of the snapshot states inside the figure."""
    return f"Only entries still on the list in {snapshot} are counted: entries removed earlier are absent."


def coverage(last_year: int | None, day: dt.date, snapshot: str) -> str:
    """Which years the by-year figures cover, and why the edition's own year is left out."""
    if last_year is None:
        return f"No year had ended by {day:%-d %B %Y} in the data."
    note = f"Years that had ended by {day:%-d %B %Y}, to {last_year}"
    if str(last_year) in snapshot:
        note += f" ({last_year} only up to the snapshot)"
    return note + "."


# --- Charts -------------------------------------------------------------------------------------


def _rule_label(rule) -> str:
    return f"{rule.publication_date:%-d %b %Y} · {rule.fr_citation}"


def yearly_chart(
    by_year: pd.DataFrame, rules: pd.DataFrame, focus: str, day: dt.date, snapshot: str
) -> go.Figure:
    """Entries first listed per year, stacked by group, with the focus and the landmark rules marked."""
    table = yearly(by_year)
    fig = go.Figure()
    for key in (MAINLAND, HONG_KONG, REST):
        fig.add_trace(
            go.Bar(
                x=table["year"],
                y=table[key],
                name=GROUP_LABELS[key],
                marker_color=GROUP_COLOURS[key],
                hovertemplate=f"{GROUP_LABELS[key]}, %{{x}}: %{{y}} entries<extra></extra>",
            )
        )
    focus_name = focus_label(focus)
    mine = focus_by_year(by_year, focus)
    mine = mine[mine > 0]  # markers only where the focus has entries: a line at zero says nothing
    fig.add_trace(
        go.Scatter(
            x=mine.index,
            y=mine.to_numpy(),
            mode="markers",
            name=f"{focus_name} (focus)" + ("" if len(mine) else ": no entries"),
            marker={
                "color": charts.FOCUS_COLOUR,
                "size": 9,
                "symbol": "diamond",
                "line": {"color": "white", "width": 1},
            },
            hovertemplate=f"{focus_name}, %{{x}}: %{{y}} entries<extra></extra>",
        )
    )
    totals = table.set_index("year")["total"]
    top_label = _annotate_landmarks(fig, landmarks(rules, table["year"].tolist()), totals)
    if top_label is not None:
        fig.update_yaxes(range=[0, top_label * 1.08])
    fig.update_layout(barmode="stack", margin={"t": 130}, height=CHART_HEIGHT)
    stats = since_baseline(by_year)
    if stats["china_share"] is not None:
        title = (
            f"China (incl. Hong Kong) holds {stats['china_share']:.0%} of entries first listed "
            f"{stats['first_year']}–{stats['last_year']}"
        )
    else:
        title = "Entries first listed per year"
    return _finish_by_year(
        fig,
        stats,
        day,
        snapshot,
        title=title,
        alt=(
            "Stacked bar chart: Entity List entries by year first listed, split into China with a mainland "
            f"address, China with a Hong Kong address and the rest of the world; a line shows {focus_name}; "
            "the largest rules are annotated with their date and Federal Register citation."
        ),
        y_title="Entries added (count)",
    )


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
    table = yearly(by_year)
    fig = go.Figure()
    for column, label, colour, width in (
        ("cumulative_total", "All destinations", charts.PALETTE[7], 4),
        ("cumulative_china", "China (incl. Hong Kong)", charts.PALETTE[0], 2),
        ("cumulative_rest", "Rest of world", charts.MUTED_COLOUR, 2),
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
    focus_name = focus_label(focus)
    mine = focus_by_year(by_year, focus).cumsum()
    fig.add_trace(
        go.Scatter(
            x=mine.index,
            y=mine.to_numpy(),
            mode="lines",
            name=f"{focus_name} (focus)" + ("" if len(mine) and mine.iloc[-1] else ": no entries"),
            line={"color": charts.FOCUS_COLOUR, "width": 3, "dash": "dot"},
            hovertemplate=f"{focus_name}, end of %{{x}}: %{{y}} entries<extra></extra>",
        )
    )
    if len(table) and BASELINE_YEAR - 1 >= table["year"].min():
        fig.add_vline(x=BASELINE_YEAR - 0.5, line={"color": "#444444", "width": 1, "dash": "dash"})
    stats = since_baseline(by_year)
    if stats["multiple"] is not None:
        title = (
            f"Surviving entries grew {stats['multiple']:.1f}-fold from the end of {BASELINE_YEAR - 1} "
            f"to {stats['last_year']}"
        )
        if stats["china_multiple"] is not None:
            title += f"; China's {stats['china_multiple']:.1f}-fold"
    else:
        title = "Surviving entries by year first listed, cumulative"
    fig.update_layout(margin={"t": 130}, height=CHART_HEIGHT)
    return _finish_by_year(
        fig,
        stats,
        day,
        snapshot,
        title=title,
        alt=(
            "Line chart: cumulative Entity List entries by year first listed, all destinations, China "
            f"(including Hong Kong), the rest of the world and {focus_name}; a dashed line marks the end of "
            f"{BASELINE_YEAR - 1}."
        ),
        y_title="Entries still listed (cumulative count)",
    )


def rules_chart(rules: pd.DataFrame, focus: str, day: dt.date) -> go.Figure:
    """The largest rules as horizontal bars, split into China and other destinations where stated."""
    top = largest_rules(rules).iloc[::-1]  # plotly draws the first bar at the bottom
    focus_name = focus_label(focus)
    named = names_focus(top, focus) if len(top) else pd.Series(dtype=bool)
    labels = [
        f'<span style="color:{charts.FOCUS_COLOUR}"><b>{_rule_label(r)} · {focus_name}</b></span>'
        if flag
        else _rule_label(r)
        for r, flag in zip(top.itertuples(index=False), named, strict=True)
    ]
    china = top["entries_added_china"]
    stated = china.notna()
    outline = {
        "color": [charts.FOCUS_COLOUR if flag else "rgba(0,0,0,0)" for flag in named],
        "width": 3,
    }
    fig = go.Figure()
    for name, values, colour in (
        ("Under China (stated)", china.where(stated, 0), charts.PALETTE[0]),
        (
            "Other destinations (stated)",
            (top["entries_added"] - china).where(stated, 0),
            charts.MUTED_COLOUR,
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
                    "color": charts.FOCUS_COLOUR,
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
    return charts.finish(
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
    fig: go.Figure, stats: dict, day: dt.date, snapshot: str, *, title: str, alt: str, y_title: str
) -> go.Figure:
    """The by-year charts: the snapshot caveat and coverage as subtitle, the shared theme."""
    _subtitle(fig, caveat(snapshot) + "<br>" + coverage(stats["last_year"], day, snapshot))
    return charts.finish(
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


# --- Tables and downloads -----------------------------------------------------------------------


def _count(value) -> str:
    return "not stated" if value is None or pd.isna(value) else str(int(value))


_URL = re.compile(r"https?://(?:www\.)?([^/\s)]+)(?:/[^\s)]*[^\s).,;:])?/?")


def _short_urls(text: str) -> str:
    # Full URLs cannot wrap and push the table off the page; the host names the source, and the
    # full address is in the download and the Sources appendix.
    return _URL.sub(r"\1", text)


def rules_table(rules: pd.DataFrame) -> pd.DataFrame:
    """The rules as readers see them: newest first, counts as stated, with source and confidence."""
    table = rules.sort_values(["publication_date", "fr_citation"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Published": table["publication_date"].dt.strftime("%Y-%m-%d"),
            "FR citation": table["fr_citation"],
            "Document": table["document_number"],
            "Entries added": table["entries_added"].map(_count),
            "Under China": table["entries_added_china"].map(_count),
            "Hong Kong": table["entries_added_hong_kong"].map(_count),
            "Confidence": table["confidence"],
            "Source": table["source_publisher"]
            + " ("
            + table["source_date"].dt.strftime("%Y-%m-%d")
            + ")",
            "Notes": table["notes"].fillna("").map(_short_urls),
        }
    ).reset_index(drop=True)


def by_year_download(by_year: pd.DataFrame) -> pd.DataFrame:
    """The cut by-year table in the committed file's layout (hong_kong as yes/no)."""
    out = by_year.copy()
    out["hong_kong"] = out["hong_kong"].map({True: "yes", False: "no"})
    return out


def reconciliation(
    rules: pd.DataFrame, snapshot: Path = entity_list.SNAPSHOT
) -> pd.DataFrame | None:
    """``entity_list.reconcile_rules`` for these rules, or None when the shared snapshot is absent.

    Only aggregates of the snapshot are committed, and per-rule counts are not among them, so
    the reconciliation exists only where the snapshot does. A snapshot that is present but
    malformed still raises: that is a defect, not an absence.
    """
    if not snapshot.is_file():
        return None
    entries = entity_list.entry_table(entity_list.load_snapshot(snapshot))
    return entity_list.reconcile_rules(rules, entries)


def _signed(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{int(value):+d}" if value else "0"


def _result(difference) -> str:
    if difference is None or pd.isna(difference):
        return "no stated count"
    if difference == 0:
        return "matches"
    return "fewer in snapshot" if difference < 0 else "more in snapshot"


def reconciliation_table(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Per rule: entries stated by the rule, entries of the snapshot first citing it, and the difference."""
    table = reconciled.sort_values(["publication_date", "fr_citation"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Published": pd.to_datetime(table["publication_date"]).dt.strftime("%Y-%m-%d"),
            "FR citation": table["fr_citation"],
            "Stated by rule": table["entries_added"].map(_count),
            "First cited in snapshot": table["snapshot_first_cited"].astype(int),
            "Difference": table["difference"].map(_signed),
            "China stated": table["entries_added_china"].map(_count),
            "China in snapshot": table["snapshot_first_cited_china"].astype(int),
            "China difference": table["difference_china"].map(_signed),
            "Hong Kong in snapshot": table["snapshot_first_cited_hong_kong"].astype(int),
            "Citing it as a later change": table["cited_later"].astype(int),
            "Result": table["difference"].map(_result),
        }
    ).reset_index(drop=True)


def reconciliation_reasons(reconciled: pd.DataFrame, snapshot: str) -> str:
    """The reasons ``entity_list`` gives for each kind of result, once each, with how many rules had it."""
    lines = [
        f"The snapshot is the list as it stood in {snapshot}; a difference is snapshot minus rule.",
        "",  # a blank line, or pandoc reads the list as part of the paragraph
    ]
    results = reconciled["difference"].map(_result)
    for result, rows in reconciled.groupby(results, sort=False):
        reason = rows["explanation"].iloc[0]
        count = len(rows)
        because = f": {reason}" if reason != result else ""
        lines.append(f"- **{result}** ({count} rule{'s' if count != 1 else ''}){because}.")
    return "\n".join(lines)


# --- Findings -----------------------------------------------------------------------------------


def findings(
    by_year: pd.DataFrame, rules: pd.DataFrame, focus: str, day: dt.date, snapshot: str
) -> list[Finding]:
    """The chapter's findings, computed from the tables already cut at ``day``."""
    stats = since_baseline(by_year)
    if stats["china_share"] is not None:
        growth = (
            f"; the surviving list grew {stats['multiple']:.1f}-fold from the end of {BASELINE_YEAR - 1} "
            f"({stats['total_before']:,} entries) to {stats['last_year']} ({stats['total_latest']:,})"
            if stats["multiple"] is not None
            else ""
        )
        text = (
            f"Of the {stats['added']:,} entries first listed from {stats['first_year']} to {stats['last_year']} "
            f"that were still on the list in {snapshot}, {stats['added_china']:,} "
            f"({stats['china_share']:.1%}) sit under China, {stats['added_hong_kong']:,} of them with "
            f"Hong Kong addresses{growth}."
        )
    elif stats["last_year"] is not None:
        text = (
            f"No year from {BASELINE_YEAR} had ended by {day:%-d %B %Y}; {stats['total_latest']:,} entries "
            f"first listed by {stats['last_year']} were still on the list in {snapshot}."
        )
    else:
        text = f"No year of the Entity List data had ended by {day:%-d %B %Y}."
    result = [Finding("growth_since_baseline", text, {"baseline_year": BASELINE_YEAR, **stats})]

    focus_name = focus_label(focus)
    mine = focus_by_year(by_year, focus)
    focus_total = int(mine.sum())
    focus_since = int(mine[mine.index >= BASELINE_YEAR].sum())
    top = largest_rules(rules, 1)
    if len(top):
        rule = top.iloc[0]
        largest = (
            f"The largest rule in the rules table by {day:%-d %B %Y} was {rule['fr_citation']} of "
            f"{rule['publication_date']:%-d %B %Y}, adding {int(rule['entries_added'])} entries"
        )
        largest_values = {
            "largest_rule_citation": rule["fr_citation"],
            "largest_rule_date": rule["publication_date"].date().isoformat(),
            "largest_rule_entries": int(rule["entries_added"]),
        }
    else:
        largest = f"No rule in the rules table was published by {day:%-d %B %Y}"
        largest_values = {
            "largest_rule_citation": None,
            "largest_rule_date": None,
            "largest_rule_entries": None,
        }
    if stats["last_year"] is None:
        focus_text = f"{focus_name} (focus) has no entries in a year that had ended"
    elif focus_total:
        focus_text = (
            f"{focus_name} (focus) has {focus_total:,} entr{'y' if focus_total == 1 else 'ies'} in the snapshot "
            f"first listed by {stats['last_year']}, {focus_since:,} of them from {BASELINE_YEAR}"
        )
    else:
        focus_text = f"the snapshot has no entries under {focus_name} (focus) first listed by {stats['last_year']}"
    result.append(
        Finding(
            "largest_rule_and_focus",
            f"{largest}; {focus_text}.",
            {
                **largest_values,
                "focus": focus,
                "focus_entries": focus_total,
                "focus_entries_since_baseline": focus_since,
            },
        )
    )
    return result
