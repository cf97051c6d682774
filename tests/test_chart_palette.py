"""One visual language: every chart of two editions, drawn from the real tables as the notebooks
draw them, takes each category's colour from the one palette, by name; the focus has a colour no
category uses; tooltips are in words; rows are named; lines run to the edition date; no toolbar
button sends a chart anywhere; titles follow the focus; each frame leaves room for what it holds."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache

import pandas as pd
import pytest

from briefing import countries, paths
from briefing.chapters import adoption, alignment, china_measures, entity_list, self_sufficiency
from briefing.charts import adoption as adoption_charts
from briefing.charts import alignment as alignment_charts
from briefing.charts import china_measures as china_charts
from briefing.charts import china_timeline, palette, renderer
from briefing.charts import entity_list as entity_list_charts
from briefing.charts import layout as chart_layout
from briefing.charts import self_sufficiency as self_sufficiency_chart
from briefing.charts.text import CHAR_EM
from briefing.counting import answers
from briefing.data import tables
from briefing.errors import DataError
from briefing.vocabulary import entity_list as destinations
from briefing.vocabulary import milestones as milestone_vocabulary
from briefing.vocabulary import restrictions as vocab
from briefing.vocabulary import self_sufficiency as self_sufficiency_vocabulary

EDITIONS = (dt.date(2020, 6, 30), dt.date(2026, 11, 1))
ROW_ID = re.compile(r"\b[A-Z]{2}-\d{4}-[0-9A-Za-z]")


@cache
def figures(day: dt.date, focus: str = "JP") -> dict[str, object]:
    """The briefing's thirteen charts for one edition, made as the chapter notebooks make them."""
    events = tables.load("restrictions", as_of=day)
    milestones = tables.load("milestones", as_of=day)
    by_year = tables.load("entity_list_by_year", as_of=day)
    rules = entity_list.oldest_first(tables.load("entity_list_rules", as_of=day))
    found = tables.load("entity_list_rules_from_snapshot", as_of=day)
    snapshot = entity_list.snapshot_label()
    counts = entity_list.yearly(by_year)
    growth = entity_list.since_baseline(by_year)
    focus_name = entity_list.focus_label(focus)
    focus_entries = entity_list.focus_by_year(by_year, focus)
    marks = entity_list.landmarks(found, counts["year"].tolist(), column="entries")
    data = self_sufficiency.with_measures(tables.load("semiconductor_self_sufficiency", as_of=day))
    measures = tables.load("china_measures", as_of=day)
    foreign = answers.foreign_measures(
        milestones, events, tables.load("entity_list_rules", as_of=day)
    )
    pairs = answers.answer_pairs(measures, foreign)
    curve, categories = adoption.category_curve(events), adoption.category_counts(events)
    standings = adoption.standing(events)
    return {
        "1.1": adoption_charts.category_chart(
            curve, categories, standings, focus, day, events=events
        ),
        "1.2": adoption_charts.timeline_chart(events, focus, day),
        "1.3": adoption_charts.map_chart(standings, events, focus),
        "2.1": entity_list_charts.yearly_chart(
            counts, focus_entries, marks, growth, focus_name, day, snapshot
        ),
        "2.2": entity_list_charts.cumulative_chart(
            counts, focus_entries, growth, focus_name, day, snapshot
        ),
        "2.3": entity_list_charts.rules_chart(
            entity_list.largest_found(found, rules, focus), focus_name, day, snapshot
        ),
        "3.1": self_sufficiency_chart.chart(**self_sufficiency.chart_inputs(data, day)),
        "3.2": self_sufficiency_chart.other_chart(**self_sufficiency.other_inputs(data)),
        "4.1": alignment_charts.timeline_chart(
            milestones, alignment.restrictions_only(milestones), focus, day
        ),
        "4.2": alignment_charts.lag_chart(
            alignment.pair_lags(tables.load("lag_pairs"), tables.load("milestones"), day), focus
        ),
        "4.3": alignment_charts.huawei_lag_chart(alignment.huawei_lags(events), focus, events),
        "5.1": china_timeline.timeline_chart(
            measures, foreign, pairs, china_measures.concerning(measures, pairs, focus), focus, day
        ),
        "5.2": china_charts.counts_chart(china_measures.counts_by_kind_and_year(measures), day),
    }


def trace_colour(trace: dict) -> str | None:
    """The colour a trace draws its category in: its marker's, its line's or its fill's."""
    marker = trace.get("marker", {})
    colour = marker.get("color")
    if isinstance(colour, str):
        return colour
    if isinstance(trace.get("line", {}).get("color"), str):
        return trace["line"]["color"]
    if isinstance(marker.get("line", {}).get("color"), str):
        return marker["line"]["color"]
    return trace.get("fillcolor")


def categories(fig) -> dict[str, set[str]]:
    """Each category a figure shows (by the name in its traces' meta) and the colours it uses."""
    found: dict[str, set[str]] = {}
    for trace in json.loads(fig.to_json())["data"]:
        meta = trace.get("meta")
        if isinstance(meta, dict) and "category" in meta:
            found.setdefault(meta["category"], set()).add(trace_colour(trace))
    return found


def test_the_palette_follows_the_vocabularies_in_their_order():
    codebook = json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))
    levels = next(f for f in codebook["fields"] if f["name"] == "level")["values"]
    schema = json.loads((paths.DATA / "schemas" / "milestones.json").read_text(encoding="utf-8"))
    kinds = next(f for f in schema["fields"] if f["name"] == "kind")["constraints"]["enum"]
    assert palette.order("level") == [value["short"] for value in levels]
    categories = codebook["categories"]["values"]
    assert palette.order("category") == [value["short"] for value in categories]
    assert palette.order("kind") == [milestone_vocabulary.KIND_LABELS[k] for k in kinds] + [
        palette.LIFTING
    ]
    # China's kinds of measure, in the order of their own section of the codebook.
    (china,) = [t for t in codebook["tables"] if t["table"] == "china_measures"]
    china_kinds = next(f for f in china["fields"] if f["name"] == "kind")["values"]
    assert palette.order("china_kind") == [value["short"] for value in china_kinds]
    assert palette.order("lane_group") == [palette.US_ALLIED, palette.ANSWERS]
    # Within a family no two categories share a colour or a second cue.
    for family in ("level", "category", "kind", "series", "china_kind", "lane_group"):
        styles = [palette.style(name) for name in palette.order(family)]
        if family != "lane_group":  # the US and allied measures and the answers: both grey
            assert len({s.colour for s in styles}) == len(styles), family
        assert len({(s.symbol, s.dash) for s in styles}) == len(styles), family


def test_the_focus_colour_is_no_category_colour():
    colours = {s.colour for s in palette.palette().values()}
    assert palette.FOCUS_COLOUR not in colours
    assert palette.FOCUS_SYMBOL not in {s.symbol for s in palette.palette().values()}
    # Okabe-Ito colours, and the muted grey for what is not a category of its own.
    assert colours <= set(palette.PALETTE) | {palette.MUTED_COLOUR}


def test_every_category_takes_its_colour_from_the_palette_in_every_chart_and_edition():
    seen: dict[str, set[tuple[str, str]]] = {}
    for day in EDITIONS:
        for number, fig in figures(day).items():
            for name, colours in categories(fig).items():
                assert colours == {palette.style(name).colour}, (day, number, name, colours)
                seen.setdefault(name, set()).add((number, str(day)))
    # The same category in two charts (levels: 1.2, 4.3) and in both editions; the headline
    # categories in Figure 1.1 in both editions.
    named_ban = palette.level_name("vendor_ban")
    assert {number for number, _ in seen[named_ban]} >= {"1.2", "4.3"}
    assert {day for _, day in seen[named_ban]} == {str(day) for day in EDITIONS}
    nationwide = palette.category_name(vocab.categories()[0])
    assert seen[nationwide] >= {("1.1", str(day)) for day in EDITIONS}
    # China's kinds: the same in its timeline and its bars. The edition of 30 June 2020 knows
    # no measure of China's (its one row dated before then has only a later source).
    laws = palette.china_kind_name("retaliation_law")
    assert seen[laws] == {(n, str(EDITIONS[1])) for n in ("5.1", "5.2")}
    assert len(seen) >= 15


def test_the_same_category_has_the_same_colour_in_both_editions():
    def by_name(day):
        merged: dict[str, set[str]] = {}
        for fig in figures(day).values():
            for name, colours in categories(fig).items():
                merged.setdefault(name, set()).update(colours)
        return merged

    early, late = by_name(EDITIONS[0]), by_name(EDITIONS[1])
    common = set(early) & set(late)
    assert len(common) >= 10
    assert {name: early[name] for name in common} == {name: late[name] for name in common}


def in_order(names: list[str], family: str) -> bool:
    """Whether ``names`` come in the palette's order of ``family``, none left out between."""
    return names == [name for name in palette.order(family) if name in set(names)]


def draws(trace) -> bool:
    return any(value is not None for value in (trace.x if trace.x is not None else []))


def test_legends_list_only_the_levels_and_kinds_drawn_in_a_fixed_order_whatever_the_edition():
    # Changed with issue 22: a legend lists only what its chart draws (it listed every
    # category, drawn or not), still in the palette's order.
    for day in EDITIONS:
        charts = figures(day)
        stacked = [t.name for t in charts["1.1"].data if t.stackgroup == "categories"]
        assert stacked == palette.order("category")
        for number, family in (("1.2", "level"), ("4.1", "kind")):
            named = [t for t in charts[number].data if t.meta]
            assert named and all(draws(t) for t in named), (day, number)
            assert in_order([t.meta["category"] for t in named], family), (day, number)
        levels = {
            palette.level_name(code) for code in tables.load("restrictions", as_of=day)["level"]
        }
        assert {t.meta["category"] for t in charts["1.2"].data if t.meta} == levels
        # Lag bars: an entry for each category a bar other than the focus's takes.
        for number, family in (("4.2", "kind"), ("4.3", "level")):
            bars, *entries = charts[number].data
            others = {
                colour
                for colour, width in zip(bars.marker.color, bars.marker.line.width, strict=True)
                if width == 0
            }
            named = [t.name for t in entries if t.meta]
            assert in_order(named, family), (day, number)
            assert {palette.style(name).colour for name in named} == others, (day, number)
        named = [t.meta["category"] for t in charts["5.1"].data if "category" in (t.meta or {})]
        assert named[0] == palette.US_ALLIED and named[-1] == palette.ANSWERS
        assert in_order(named[1:-1], "china_kind")
        bars = [t for t in charts["5.2"].data]
        assert all(draws(t) for t in bars)
        assert in_order([t.meta["category"] for t in bars], "china_kind")


def test_only_the_focus_is_drawn_in_the_focus_colour():
    for number, fig in figures(EDITIONS[1]).items():
        for trace in fig.data:
            meta = trace.meta if isinstance(trace.meta, dict) else {}
            if "category" in meta:
                assert palette.FOCUS_COLOUR not in json.dumps(trace.marker.to_plotly_json()) or (
                    trace.type == "bar"  # lag bars: the focus's own bars only
                ), (number, trace.name)
    bars = figures(EDITIONS[1])["4.3"].data[0]
    focus = [colour == palette.FOCUS_COLOUR for colour in bars.marker.color]
    assert focus.count(True) == 1
    assert list(bars.y)[focus.index(True)] == "Japan"
    # China's timeline: the focus colour on Japan's measures, the rings round China's measures
    # that concern Japan and the lines to Japan's measures, on nothing else.
    timeline = figures(EDITIONS[1])["5.1"]
    focused = [t for t in json.loads(timeline.to_json())["data"] if palette.FOCUS_COLOUR in str(t)]
    assert {t["name"] for t in focused} == {
        "Japan (focus)",
        "Concerning Japan (focus)",
        "Answers to Japan (focus)",
    }
    (japan,) = [t for t in focused if t["name"] == "Japan (focus)"]
    assert set(japan["y"]) == {"Japan"}
    (rings,) = [t for t in focused if t["name"] == "Concerning Japan (focus)"]
    assert rings["y"] and all(lane.startswith("China: ") for lane in rings["y"])


def hover_texts(fig) -> list[str]:
    """Every tooltip a reader can see: each template filled with its points' data, and texts."""
    texts: list[str] = []
    for trace in json.loads(fig.to_json())["data"]:
        template = trace.get("hovertemplate")
        rows = trace.get("customdata")
        if isinstance(template, str):
            if isinstance(rows, list) and rows:
                for row in rows:
                    values = row if isinstance(row, list) else [row]
                    text = re.sub(
                        r"%\{customdata\[(\d+)\]\}",
                        lambda m, values=values: str(values[int(m.group(1))]),
                        template,
                    )
                    texts.append(text.replace("%{customdata}", str(values[0])))
            else:
                texts.append(template)
        for key in ("text", "hovertext"):
            value = trace.get(key)
            if trace.get("hoverinfo") != "skip" and value is not None:
                texts += value if isinstance(value, list) else [value]
    return [str(text) for text in texts]


def test_no_tooltip_shows_a_row_id():
    checked = 0
    for day in EDITIONS:
        for number, fig in figures(day).items():
            for text in hover_texts(fig):
                assert not ROW_ID.search(text), (number, text)
                checked += 1
    assert checked > 100


def test_tooltips_name_the_jurisdiction_the_day_in_words_and_the_publisher():
    charts = figures(EDITIONS[1])
    timeline = " ".join(hover_texts(charts["1.2"]))
    # Each row's publisher, read here from the CSV files (US-2018-01; the ZTE denial order).
    restrictions = pd.read_csv(paths.CURATED / "restrictions.csv").set_index("id")
    assert f"Source: {restrictions.loc['US-2018-01', 'source_publisher']}" in timeline
    assert re.search(r"\b13 August 2018\b", timeline)
    milestones = " ".join(hover_texts(charts["4.1"]))
    rows = pd.read_csv(paths.CURATED / "milestones.csv")
    zte = rows[rows["date"] == "2018-04-16"].iloc[0]
    assert f"Source: {zte['source_publisher']}" in milestones and "16 April 2018" in milestones
    # China's timeline: the jurisdiction, the day in words, the kind, what it answers, the source.
    china = hover_texts(charts["5.1"])
    first = next(text for text in china if "Lockheed Martin" in text)
    assert first.startswith("<b>China</b>, 16 February 2023 (announced)<br>List designation: ")
    assert "Source: UPI" in first
    assert any("<br>Answers United States, " in text for text in china)
    assert any("<br>Answered by China, " in text for text in china)
    assert not [text for text in china if re.search(r"\d{4}-\d{2}-\d{2}", text)]


def test_timeline_rows_are_jurisdiction_names():
    for day in EDITIONS:
        for number in ("1.2", "4.1", "5.1"):
            lanes = list(figures(day)[number].layout.yaxis.categoryarray)
            assert "Japan" in lanes and "United States" in lanes, number
            assert not [lane for lane in lanes if re.fullmatch(r"[A-Z]{2}", lane)], number
    # The names say what the rows are: no axis title beside them.
    assert not figures(EDITIONS[1])["1.2"].layout.yaxis.title.text


def test_lines_and_time_axes_run_to_the_edition_date():
    for day in EDITIONS:
        charts = figures(day)
        for trace in charts["1.1"].data:
            if trace.stackgroup == "levels":
                assert trace.x[-1] == f"{day:%Y-%m-%d}"
        # The edition of 30 June 2020 knows no measure of China's (its one row dated before
        # then has only a later source): Figures 5.1 and 5.2 have nothing to run to.
        china = ("5.1",) if day > EDITIONS[0] else ()
        for number in ("1.2", "4.1", *china):
            end = dt.date.fromisoformat(charts[number].layout.xaxis.range[1])
            assert day <= end <= day + dt.timedelta(days=60), number
        # China's measures by year: every year up to the edition's, with or without a measure.
        years = [int(year) for year in charts["5.2"].layout.xaxis.categoryarray or []]
        if china:
            assert years[-1] == day.year and years == list(range(years[0], day.year + 1))
        else:
            assert not [trace for trace in charts["5.2"].data if len(trace.x or [])]


def test_no_chart_offers_to_send_itself_to_a_service():
    assert renderer.CONFIG["showSendToCloud"] is False
    assert "sendChartToCloud" in renderer.CONFIG["modeBarButtonsToRemove"]
    for fig in figures(EDITIONS[1]).values():
        html = renderer.figure_html(fig)
        config = json.loads(re.search(r"(\{\"displaylogo\".*?\})\s*\)", html).group(1))
        assert config == renderer.CONFIG
        assert config["responsive"] is True
        assert "plot.ly" not in html and "chart-studio" not in html.lower()


def test_with_focus_kr_no_title_names_japan():
    charts = figures(EDITIONS[1], "KR")
    for number, fig in charts.items():
        frames = [fig.layout.meta["wide"]["layout"], fig.layout.meta["narrow"]["layout"]]
        for text in [fig.layout.title.text, *(f.get("title.text", "") for f in frames)]:
            assert "Japan" not in text, number
        subtitle = fig.layout.title.subtitle.text or ""
        assert "Japan" not in subtitle, number
    assert "South Korea" in " ".join(fig.layout.title.text for fig in charts.values()).replace(
        "<br>", " "
    ) or any(countries.name("KR") in t.name for t in charts["4.3"].data if t.name)


@pytest.mark.parametrize("frame", ["wide", "narrow"])
def test_each_frame_leaves_room_for_its_title_legend_and_source(frame):
    width = chart_layout.NARROW_WIDTH if frame == "narrow" else chart_layout.DESK_WIDTH
    for number, fig in figures(EDITIONS[1]).items():
        layout = fig.layout.meta[frame]["layout"]
        title_lines = layout["title.text"].count("<br>") + 1
        subtitle_lines = layout.get("title.subtitle.text", "").count("<br>") + (
            1 if "title.subtitle.text" in layout else 0
        )
        # Every line of title and source fits the width at its font size.
        for line in layout["title.text"].split("<br>"):
            assert len(line) * layout["title.font.size"] * CHAR_EM <= width, (number, line)
        source = next(
            value for key, value in layout.items() if key.endswith("].text") and "Source" in value
        )
        for line in source.split("<br>"):
            if " " in line:  # a single long word (a path) may run over
                assert len(line) * chart_layout.SOURCE_SIZE * CHAR_EM <= width - 10, (number, line)
        # The top margin holds the title's lines; the bottom the legend and the source.
        need = title_lines * layout["title.font.size"] + subtitle_lines * chart_layout.SUBTITLE_SIZE
        assert layout["margin.t"] >= need, number
        plot = layout["height"] - layout["margin.t"] - layout["margin.b"]
        assert plot >= chart_layout.MIN_PLOT, number
        if layout.get("showlegend"):
            assert layout["legend.yref"] == "container" and layout["legend.yanchor"] == "bottom"
            # The legend sits below the plot, above the source line.
            assert 0 < layout["legend.y"] * layout["height"] < layout["margin.b"], number


def test_the_series_and_destinations_are_named_in_their_vocabularies_order():
    # Each self-sufficiency series by the short name of its first measure, in declared order.
    firsts: dict[str, str] = {}
    for measure in self_sufficiency_vocabulary.MEASURES.values():
        firsts.setdefault(measure.series, measure.short)
    assert palette.order("series") == list(firsts.values())
    names = [palette.GROUP_NAMES[group] for group in destinations.GROUPS]
    assert palette.order("destination")[: len(names)] == names


def test_a_milestone_kind_without_a_label_is_a_data_error_naming_the_schema(tmp_path):
    schema = json.loads((paths.DATA / "schemas" / "milestones.json").read_text(encoding="utf-8"))
    kind = next(f for f in schema["fields"] if f["name"] == "kind")
    kind["constraints"]["enum"].append("tariff")
    path = tmp_path / "milestones.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(DataError, match="tariff") as raised:
        milestone_vocabulary.schema_kinds(path)
    assert "milestones.json" in str(raised.value) and "kind" in str(raised.value)
