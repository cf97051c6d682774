"""One chart theme, one palette and one way to show a chart.

Every chart leaves the notebook as a single MIME bundle holding ``text/html`` (for the
site: a plotly div that expects plotly.js loaded once by the page) and plotly's JSON,
which the build turns into ``image/png`` for the PDF in the same bundle (see images.py),
so Quarto and the fallback renderer both find what they need.

The palette maps every category a chart shows (the codebook's strength levels, the
milestones' kinds, the self-sufficiency series, the Entity List's destinations, China's
kinds of measure and the China timeline's lane groups) to one
Okabe–Ito colour and a second cue (a marker symbol, a dash and a fill pattern), in the
order of the vocabularies that declare them, so a category looks the same in every chart
and in every edition, whatever rows the edition's cut keeps. Charts take a category's
style by its name (``style(name)``) and record the name in the trace's ``meta``; the
focus highlight has a colour no category uses, and other jurisdictions a muted grey.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from functools import cache

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from briefing.chapters import adoption, alignment
from briefing.chapters import china_measures as china
from briefing.hashing import sha256_json
from briefing.mime import PLOTLY_JSON
from briefing.vocabulary import entity_list as el
from briefing.vocabulary import self_sufficiency

RENDERER = "briefing"

# Okabe–Ito: distinguishable with the common forms of colour-blindness.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
PALETTE = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, YELLOW, BLACK]
# The focus highlight: vermillion, which no category uses, with its own marker and width.
FOCUS_COLOUR = VERMILLION
FOCUS_SYMBOL = "star-diamond"
FOCUS_WIDTH = 3
# Other jurisdictions (and what is shown but not counted): a muted grey.
MUTED_COLOUR = "#9A9A9A"
FONT = "DejaVu Sans, Arial, sans-serif"
# Category colours in the order categories take them: every Okabe–Ito colour but the focus's.
CATEGORY_COLOURS = (BLUE, SKY_BLUE, GREEN, YELLOW, PURPLE, ORANGE, BLACK)
# Series are drawn as lines, and a yellow line is hard to see on white: they skip yellow.
SERIES_COLOURS = (BLUE, ORANGE, GREEN, PURPLE, SKY_BLUE, BLACK)
# Second cues, in the same order: a marker symbol, a dash (lines) and a fill pattern (areas, bars).
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
PATTERNS = ("", "/", ".", "x", "\\", "-", "+")

# The PDF's images: drawn STATIC_WIDTH CSS pixels wide (times STATIC_SCALE for sharpness) and
# printed across the text block of the PDF's A4 page (210 mm less two 22 mm margins, see
# templates/book.typ), so one CSS pixel prints at PRINT_WIDTH_PT / STATIC_WIDTH points. No chart
# text prints smaller than PRINT_MIN_FONT_PT: build/images.py raises every font below it.
STATIC_WIDTH = 760
STATIC_HEIGHT = 480
STATIC_SCALE = 3
PRINT_WIDTH_PT = (210 - 2 * 22) / 25.4 * 72
PRINT_MIN_FONT_PT = 8.0


@dataclass(frozen=True)
class Style:
    """How one category looks: its colour and the cue that tells it apart without colour."""

    family: str
    colour: str
    symbol: str
    dash: str = "solid"
    pattern: str = ""

    def marker(self, *, size: int = 10, hollow: bool = False) -> dict:
        """A marker in this style; hollow markers keep the symbol and draw it in outline."""
        if hollow:
            return {
                "color": self.colour,
                "size": size,
                "symbol": f"{self.symbol}-open",
                "line": {"width": 2, "color": self.colour},
            }
        # A dark rim keeps the light colours (yellow, sky blue) visible on white.
        return {
            "color": self.colour,
            "size": size,
            "symbol": self.symbol,
            "line": {"width": 1, "color": "#333333"},
        }


def level_name(code: str) -> str:
    """A strength level as the charts name it: the codebook's short label."""
    return adoption.short_labels()[code]


def kind_name(code: str) -> str:
    return alignment.KIND_LABELS[code]


def china_kind_name(code: str) -> str:
    """One of China's kinds of measure as the charts name it: its codebook section's short label."""
    return china.short_kinds()[code]


def series_names() -> dict[str, str]:
    """Each self-sufficiency series, in the order the chapter declares its measures, by the
    short name of its first measure."""
    names: dict[str, str] = {}
    for measure in self_sufficiency.MEASURES.values():
        names.setdefault(measure.series, measure.short)
    return names


def series_name(series: str) -> str:
    # A series the chapter does not declare is named by itself (and drawn in OTHER_SERIES).
    return series_names().get(series, series)


LIFTING = "Lifting (not counted in lags)"
OTHERS = "Other jurisdictions"
STATED = "Stated by the rule (rules table)"
ALL_DESTINATIONS = "All destinations"
CHINA_ALL = "China (incl. Hong Kong)"
GROUP_NAMES = {
    el.MAINLAND: "China (mainland address)",
    el.HONG_KONG: "China (Hong Kong address)",
    el.REST: "Rest of world",
}
OTHER_SERIES = Style("series", BLACK, "x", "solid", "")
# The China timeline's lane groups: China's lanes are drawn by kind of measure (family
# "china_kind"); the US and allied lanes' measures are one category, in the grey of other
# jurisdictions (their kinds come from three tables' vocabularies, and every colour but the
# focus's is taken by China's kinds on the same chart); the lines joining an answer to what
# it answers are grey, dotted.
US_ALLIED = "US and allied measures"
ANSWERS = "Answers (per a source)"


@cache
def palette() -> dict[str, Style]:
    """Every category by name, each family in its vocabulary's order (see the module docstring)."""
    families = {
        "level": [level_name(code) for code in adoption.levels()],
        "kind": [kind_name(code) for code in alignment.KIND_LABELS],
        "series": list(series_names().values()),
        "china_kind": [china_kind_name(code) for code in china.kind_order()],
    }
    styles: dict[str, Style] = {}
    for family, names in families.items():
        colours = SERIES_COLOURS if family == "series" else CATEGORY_COLOURS
        for index, name in enumerate(names):
            i = index % len(colours)
            styles[name] = Style(family, colours[i], SYMBOLS[i], DASHES[i], PATTERNS[i])
    styles[LIFTING] = Style("kind", MUTED_COLOUR, "circle", "dot", "")
    destinations = {
        GROUP_NAMES[el.MAINLAND]: Style("destination", BLUE, "square", "solid", ""),
        GROUP_NAMES[el.HONG_KONG]: Style("destination", SKY_BLUE, "square", "dash", "/"),
        GROUP_NAMES[el.REST]: Style("destination", MUTED_COLOUR, "circle", "dot", "."),
        CHINA_ALL: Style("destination", BLUE, "square", "solid", ""),
        ALL_DESTINATIONS: Style("destination", BLACK, "circle", "solid", ""),
        STATED: Style("destination", GREEN, "diamond", "solid", ""),
    }
    styles |= destinations
    styles[OTHERS] = Style("other", MUTED_COLOUR, "circle", "solid", "")
    styles[US_ALLIED] = Style("lane_group", MUTED_COLOUR, "circle", "solid", "")
    styles[ANSWERS] = Style("lane_group", MUTED_COLOUR, "line-ew", "dot", "")
    return styles


def style(name: str) -> Style:
    """The style of the category called ``name``; a name the palette lacks is an error."""
    try:
        return palette()[name]
    except KeyError:
        raise KeyError(f"the chart palette has no category {name!r}") from None


def order(family: str) -> list[str]:
    """The categories of one family, in the fixed order every legend shows them."""
    return [name for name, s in palette().items() if s.family == family]


def legend_rank(name: str) -> int:
    """A category's place in every legend: its place in the palette."""
    return list(palette()).index(name) + 1


def when(day) -> str:
    """A date as a tooltip says it: "12 May 2020"."""
    return f"{day.day} {day:%B %Y}"


# Frames: the layout at desk width (and in the PDF's images), and the layout a narrow
# screen switches to. Text widths are estimated from the font size (DejaVu Sans averages
# about 0.6 em a character), so titles, legends and source lines are wrapped and given
# room in the margins before plotly draws them: nothing is clipped, nothing overlaps.
DESK_WIDTH = STATIC_WIDTH
NARROW_WIDTH = 340  # the narrowest chart a 390-px phone shows, less the page's padding
NARROW_BELOW = 700  # a chart narrower than this (in px) takes the narrow frame
CHAR_EM = 0.6
TITLE_SIZE = 16
NARROW_TITLE_SIZE = 15
SUBTITLE_SIZE = 11
LEGEND_SIZE = 12
SOURCE_SIZE = 11
LINE = 1.35  # line height, in font sizes
MIN_PLOT = 240  # the least height (px) a plot area gets

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=13, color="#222222"),
        colorway=list(CATEGORY_COLOURS),
        paper_bgcolor="white",
        plot_bgcolor="white",
        title=dict(x=0, xanchor="left", font=dict(size=TITLE_SIZE)),
        xaxis=dict(
            showgrid=False, linecolor="#444444", ticks="outside", title=dict(font=dict(size=13))
        ),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, title=dict(font=dict(size=13))),
        margin=dict(l=60, r=20, t=90, b=90),
    )
)


def finish(
    fig: go.Figure,
    *,
    title: str,
    source: str,
    alt: str,
    x_title: str,
    y_title: str,
    narrow_layout: dict | None = None,
) -> go.Figure:
    """Apply the theme, a title that states the finding, axis titles, a source line and alt text.

    The title, the legend (below the plot) and the source line are laid out for desk width,
    and the layout for a narrow screen is kept in ``meta["narrow"]`` (see ``figure_html``);
    ``narrow_layout`` (flat relayout keys) is what else a chart changes when narrow.
    """
    plot_height = _plot_height(fig)
    fig.update_layout(
        template=TEMPLATE,
        title=dict(text=title),
        xaxis_title=x_title,
        yaxis_title=y_title,
        meta={"alt": alt, "source": source},
    )
    fig.add_annotation(
        text=f"Source: {source}",
        name="source",
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=SOURCE_SIZE, color="#555555"),
    )
    desk = frame(fig, title, source, plot_height, narrow=False)
    narrow = frame(fig, title, source, plot_height, narrow=True)
    for key, value in (narrow_layout or {}).items():
        narrow["layout"][key] = value
        desk["layout"].setdefault(key, fig.layout[key])
    fig.update_layout(_nested(desk["layout"]))
    for key, value in desk["layout"].items():
        if key.startswith("annotations["):
            index, attribute = key.removeprefix("annotations[").split("].")
            fig.layout.annotations[int(index)][attribute] = value
    for index, keys in desk["traces"].items():
        fig.data[index].update(_nested(keys))
    fig.update_layout(meta={"alt": alt, "source": source, "wide": desk, "narrow": narrow})
    return fig


def frame(fig: go.Figure, title: str, source: str, plot_height: int, *, narrow: bool) -> dict:
    """What fits the title, legend and source at one width: ``layout`` as flat relayout keys,
    and ``traces``, restyle keys by trace index."""
    width = NARROW_WIDTH if narrow else DESK_WIDTH
    title_size = NARROW_TITLE_SIZE if narrow else TITLE_SIZE
    title_lines = wrap(title, width - 20, title_size)
    subtitle = fig.layout.title.subtitle.text if fig.layout.title.subtitle else None
    subtitle_size = (fig.layout.title.subtitle.font.size or SUBTITLE_SIZE) if subtitle else 0
    subtitle_lines = wrap(subtitle, width - 20, subtitle_size) if subtitle else []
    has_axes = not any(trace.type in ("choropleth", "scattergeo") for trace in fig.data)
    left, ticks = _left_margin(fig, width, narrow) if has_axes else (10, {})
    right = 20 if has_axes else 10
    # The source line starts at the chart's left edge, the legend at the plot's.
    source_lines = wrap(f"Source: {source}", width - 20, SOURCE_SIZE)
    # Legend entries wrapped to the width beside their symbols (narrow, a name per trace).
    legend_room = width - left - right - 45
    names: dict[int, str] = {}
    for index in _legend_traces(fig):
        name = fig.data[index].name
        lines = wrap(name.replace("<br>", " "), legend_room, LEGEND_SIZE) if narrow else [name]
        names[index] = "<br>".join(lines)
    entries = list(names.values())
    top = round(
        10 + len(title_lines) * title_size * LINE + len(subtitle_lines) * subtitle_size * LINE + 25
    )
    x_title = fig.layout.xaxis.title.text or ""
    x_lines = wrap(x_title, width - left - right, 13) if x_title else []
    axis = (45 + round(len(x_lines) * 13 * LINE)) if has_axes else 10
    legend_height, legend = _legend(entries, width - left - right + 40, narrow)
    scales = [
        index
        for index, trace in enumerate(fig.data)
        if trace.type == "choropleth" and trace.showscale is not False
    ]
    if narrow and scales:
        legend_height += COLOURBAR_BELOW
    source_height = round(len(source_lines) * SOURCE_SIZE * LINE + 12)
    bottom = axis + legend_height + source_height
    height = top + bottom + max(plot_height, MIN_PLOT)
    layout = {
        "height": height,
        "margin.t": top,
        "margin.b": bottom,
        "margin.l": left,
        "margin.r": right,
        "title.text": "<br>".join(title_lines),
        "title.font.size": title_size,
        "title.x": 0,
        "title.xanchor": "left",
        "title.xref": "container",
        # Plotly anchors a title of several lines by its first line: the rest hang below.
        "title.y": 1 - (6 + 0.6 * title_size) / height,
        "title.yref": "container",
        "title.yanchor": "top",
        "title.pad.l": 10,
        "title.pad.t": 4,
        "showlegend": bool(entries),
    }
    if subtitle_lines:
        layout["title.subtitle.text"] = "<br>".join(subtitle_lines)
    if x_lines:
        layout["xaxis.title.text"] = "<br>".join(x_lines)
    layout |= ticks
    layout |= {f"legend.{key}": value for key, value in legend.items()}
    if entries:
        layout["legend.y"] = (source_height + 4) / height
    for index, annotation in enumerate(fig.layout.annotations):
        if annotation.name == "source":
            layout[f"annotations[{index}].text"] = "<br>".join(source_lines)
            layout[f"annotations[{index}].yshift"] = -(axis + legend_height)
            layout[f"annotations[{index}].xshift"] = -(left - 10)
    traces: dict[int, dict] = {
        index: dict(NARROW_COLOURBAR if narrow else WIDE_COLOURBAR) for index in scales
    }
    for index, name in names.items():
        if name != fig.data[index].name or not narrow:
            traces.setdefault(index, {})["name"] = name
    return {"layout": layout, "traces": traces}


TICK_SHARE = 0.42  # the most of a narrow chart's width its y labels may take


def _left_margin(fig: go.Figure, width: int, narrow: bool) -> tuple[int, dict]:
    """The left margin that holds the y labels and title, and (narrow) the labels wrapped to fit."""
    size = fig.layout.yaxis.tickfont.size or 13
    labels = _y_labels(fig)
    plain = [_untagged(label) for label in labels]
    longest = max((len(text) for text in plain), default=6)
    room = longest * size * CHAR_EM
    ticks: dict = {}
    limit = TICK_SHARE * width
    if labels:
        shown = labels
        if narrow and room > limit:
            chars = max(8, int(limit / (size * CHAR_EM)))
            shown = [_wrap_label(label, chars) for label in labels]
            room = max(len(line) for text in shown for line in _untagged(text).split("\n")) * (
                size * CHAR_EM
            )
        ticks = {
            "yaxis.tickmode": "array",
            "yaxis.tickvals": labels,
            "yaxis.ticktext": [text.replace("\n", "<br>") for text in shown],
        }
    title = 28 if fig.layout.yaxis.title.text else 0
    if labels and title:
        # Named rows need no axis title: the names say what the rows are (and a title beside
        # long names is drawn over them).
        ticks["yaxis.title.text"] = ""
        title = 0
    return round(room + title + 16), ticks


def _y_labels(fig: go.Figure) -> list[str]:
    """The y axis's category labels (lanes or bars), or none for a numeric axis."""
    if fig.layout.yaxis.categoryarray:
        return [str(label) for label in fig.layout.yaxis.categoryarray]
    bars = [trace for trace in fig.data if trace.type == "bar" and trace.orientation == "h"]
    if bars and bars[0].y is not None:
        return list(dict.fromkeys(str(label) for label in bars[0].y if label is not None))
    return []


def _wrap_label(label: str, chars: int) -> str:
    """A label wrapped to ``chars`` a line (lines joined by a newline), inside its own tags."""
    opening, inner, closing = re.fullmatch(
        r"((?:<[^/][^>]*>)*)(.*?)((?:</[^>]+>)*)", label
    ).groups()
    return opening + "\n".join(textwrap.wrap(inner, chars) or [inner]) + closing


def _untagged(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def wrap(text: str, width_px: int, size: int) -> list[str]:
    """``text``'s lines (its own ``<br>`` breaks kept), each wrapped to fit ``width_px``."""
    chars = max(12, int(width_px / (size * CHAR_EM)))
    lines: list[str] = []
    for line in text.split("<br>"):
        lines += textwrap.wrap(
            line, width=chars, break_on_hyphens=False, break_long_words=False
        ) or [""]
    return lines


def legend_entries(fig: go.Figure) -> list[str]:
    """The names the legend shows, one per trace (or group) shown in it."""
    return [fig.data[index].name for index in _legend_traces(fig)]


def _legend_traces(fig: go.Figure) -> list[int]:
    if fig.layout.showlegend is False:
        return []
    shown = [
        index
        for index, trace in enumerate(fig.data)
        if trace.showlegend is not False and trace.type not in ("choropleth",) and trace.name
    ]
    if len(shown) < 2 and fig.layout.showlegend is not True:
        return []
    return shown


def _legend(entries: list[str], width: int, narrow: bool) -> tuple[int, dict]:
    """The legend's height and its keys: below the plot, in rows at desk width, one column narrow."""
    base = {
        "xref": "paper",
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "yanchor": "bottom",
        "font.size": LEGEND_SIZE,
        "tracegroupgap": 0,
        "itemsizing": "constant",
        "traceorder": "normal",
        "bgcolor": "rgba(255,255,255,0)",
    }
    if not entries:
        return 0, {}
    text = LEGEND_SIZE * CHAR_EM
    lines = [entry.split("<br>") for entry in entries]
    if narrow:
        height = sum(len(parts) * LEGEND_SIZE * LINE + 6 for parts in lines)
        return round(height + 10), base | {"orientation": "v"}
    # Plotly sets an entry's text in ``entrywidth`` and its symbol (about 40 px) before it.
    entry = max(max(len(part) for part in parts) * text for parts in lines) + 10
    per_row = max(1, int((width - 40) // (entry + 50)))
    rows = [lines[i : i + per_row] for i in range(0, len(lines), per_row)]
    height = sum(max(len(parts) for parts in row) * LEGEND_SIZE * LINE + 6 for row in rows)
    return round(height + 10), base | {
        "orientation": "h",
        "entrywidth": round(entry),
        "entrywidthmode": "pixels",
    }


# A vertical colour bar beside a map takes a third of a phone's width: narrow, it goes below.
COLOURBAR_BELOW = 150  # px under the map for the bar and its slanted tick labels
NARROW_COLOURBAR = {
    "colorbar.orientation": "h",
    "colorbar.x": 0.12,  # room left of the first tick for its slanted label
    "colorbar.xanchor": "left",
    "colorbar.y": -0.04,
    "colorbar.yanchor": "top",
    "colorbar.len": 0.88,
    "colorbar.thickness": 12,
    "colorbar.tickangle": -45,
    "colorbar.tickfont.size": 10,
    "colorbar.title.side": "top",
}
WIDE_COLOURBAR = {
    "colorbar.orientation": "v",
    "colorbar.x": 1.02,
    "colorbar.xanchor": "left",
    "colorbar.y": 0.5,
    "colorbar.yanchor": "middle",
    "colorbar.len": 1,
    "colorbar.thickness": 30,
    "colorbar.tickangle": 0,
    "colorbar.tickfont.size": 13,
    "colorbar.title.side": "top",
}


def _plot_height(fig: go.Figure) -> int:
    """The plot area the chart asked for: its height less its margins (template defaults)."""
    height = fig.layout.height or STATIC_HEIGHT
    margin = fig.layout.margin
    top = margin.t if margin.t is not None else 90
    bottom = margin.b if margin.b is not None else 90
    return int(height - top - bottom)


def _nested(flat: dict) -> dict:
    """Flat relayout keys ("legend.x") as the nested dict ``update_layout`` takes."""
    nested: dict = {}
    for key, value in flat.items():
        if key.startswith("annotations["):
            continue
        *parents, leaf = key.split(".")
        node = nested
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = value
    return nested


class BriefingRenderer(MimetypeRenderer):
    """Render a figure as interactive HTML plus its JSON, from which the build makes the PNG."""

    def to_mimebundle(self, fig_dict: dict) -> dict:
        fig = go.Figure(fig_dict)
        return {
            "text/html": figure_html(fig),
            PLOTLY_JSON: json.loads(pio.to_json(fig, validate=False)),
        }


# The chart's toolbar: no button that sends the chart anywhere (plotly's "Share chart..."
# uploads it to a cloud service; the plotly.js bundled has no "Edit in Chart Studio" or link).
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendChartToCloud"],
}
# After plotly draws a chart: take the narrow frame below NARROW_BELOW px, the wide one above.
FIT_SCRIPT = (
    (
        """(function (id, below, config) {
  var d = document.getElementById(id), meta = (d.layout || {}).meta || {};
  if (!meta.narrow || !meta.wide) return;
  function set(target, path, value) {
    var parts = path.replace(/\\[(\\d+)\\]/g, ".$1").split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      if (target[parts[i]] == null) target[parts[i]] = /^\\d+$/.test(parts[i + 1]) ? [] : {};
      target = target[parts[i]];
    }
    target[parts[parts.length - 1]] = value;
  }
  function apply(frame) {
    // Redrawn whole: plotly's restyle leaves the old colour bar behind when it turns.
    Object.keys(frame.layout).forEach(function (k) { set(d.layout, k, frame.layout[k]); });
    Object.keys(frame.traces).forEach(function (i) {
      Object.keys(frame.traces[i]).forEach(function (k) { set(d.data[+i], k, frame.traces[i][k]); });
    });
    // The div plotly.py wraps the chart in has the desk height: it takes this frame's.
    d.parentElement.style.height = frame.layout.height + "px";
    return Plotly.newPlot(d, d.data, d.layout, config);
  }
  function fit() {
    var narrow = d.getBoundingClientRect().width < below;
    if (narrow === d._briefingNarrow) return;
    var first = d._briefingNarrow === undefined;
    d._briefingNarrow = narrow;
    if (narrow || !first) apply(narrow ? meta.narrow : meta.wide);
  }
  fit();
  window.addEventListener("resize", fit);
})("{plot_id}", __BELOW__, __CONFIG__);"""
    )
    .replace("__BELOW__", str(NARROW_BELOW))
    .replace("__CONFIG__", json.dumps(CONFIG))
)


def figure_html(fig: go.Figure) -> str:
    """The chart's div and script; plotly.js itself is loaded once per page, not per chart.

    The wrapper is a named figure, not an image: the chart holds focusable controls (the
    toolbar, the legend), and an image role would hide them from assistive technology
    (axe-core's ``nested-interactive``).
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    alt = meta.get("alt", "")
    div = pio.to_html(
        fig,
        include_plotlyjs=False,
        full_html=False,
        div_id=_stable_id(fig),
        config=CONFIG,
        post_script=FIT_SCRIPT if "narrow" in meta else None,
    )
    return f'<div class="briefing-chart" role="figure" aria-label="{_attr(alt)}">{div}</div>'


def use_briefing_renderer() -> None:
    """Register the renderer and make it the default, explicitly, in every notebook."""
    pio.renderers[RENDERER] = BriefingRenderer()
    pio.renderers.default = RENDERER


def _stable_id(fig: go.Figure) -> str:
    # Same figure, same id: pages are byte-identical across builds.
    return "chart-" + sha256_json(fig.to_plotly_json())[:12]


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
