"""The chart theme and its layout: a title that states the finding, axis titles, a legend below
the plot, a source line and alt text, laid out for desk width and for a narrow screen.

``finish`` applies them to every chart. Each width has a frame: the layout at desk width (and
in the PDF's images), and the layout a narrow screen switches to (``briefing.charts.renderer``
switches between them in the page). Titles, legends and source lines are wrapped and given
room in the margins before plotly draws them (``briefing.charts.text``).
"""

from __future__ import annotations

import functools
import re

import plotly.graph_objects as go

from briefing import translation
from briefing.charts import legend
from briefing.charts.image_size import PRINT_MIN_FONT_PX, STATIC_HEIGHT, STATIC_WIDTH
from briefing.charts.palette import CATEGORY_COLOURS
from briefing.charts.text import CHAR_EM, LINE, text_width, untagged, wrap, wrap_label
from briefing.translation import _

FONT = "DejaVu Sans, Arial, sans-serif"
# The font a language's text needs first, before the fallbacks: DejaVu has no kana or kanji,
# and a browser or kaleido left to find one draws boxes where none is installed. Noto Sans CJK
# JP is Debian's (fonts-noto-cjk), which the set-up installs.
FIRST_FONTS = {"ja": "Noto Sans CJK JP"}
# A Japanese date axis: plotly's own ticks name months in English ("Jan 2020"); these say
# 2020年, 2020年1月 or 2020年1月6日, by the spacing plotly picks (plotly takes the first stop
# whose range holds the spacing, and the ranges' ends overlap: years first, then months).
JAPANESE_DATE_TICKS = [
    {"dtickrange": ["M12", None], "value": "%Y年"},
    {"dtickrange": ["M1", "M11"], "value": "%Y年%-m月"},
    {"dtickrange": [None, "M1"], "value": "%Y年%-m月%-d日"},
]
JAPANESE_DATE_HOVER = "%Y年%-m月%-d日"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DESK_WIDTH = STATIC_WIDTH
NARROW_WIDTH = 340  # the narrowest chart a 390-px phone shows, less the page's padding
NARROW_BELOW = 700  # a chart narrower than this (in px) takes the narrow frame
TITLE_SIZE = 16
NARROW_TITLE_SIZE = 15
SUBTITLE_SIZE = 11
SOURCE_SIZE = 11
AXIS_TITLE_SIZE = 13
MIN_PLOT = 240  # the least height (px) a plot area gets
TICK_SHARE = 0.42  # the most of a narrow chart's width its y labels may take


def font(lang: str | None = None) -> str:
    """The charts' font family in ``lang`` (the current language): its own font first, if it
    needs one, then the fallbacks every edition has."""
    first = FIRST_FONTS.get(translation.check(lang or translation.current()))
    return f"{first}, {FONT}" if first else FONT


@functools.cache
def template(lang: str) -> go.layout.Template:
    """The chart theme in ``lang``: the same in every language but for its font."""
    theme = go.layout.Template(TEMPLATE)  # a copy: the English theme stays as it is
    theme.layout.font.family = font(lang)
    return theme


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
    narrow_plot: int | None = None,
) -> go.Figure:
    """Apply the theme, a title that states the finding, axis titles, a source line and alt text.

    The title, the legend (below the plot) and the source line are laid out for desk width,
    and the layout for a narrow screen is kept in ``meta["narrow"]`` (see ``figure_html``);
    ``narrow_layout`` (flat relayout keys) is what else a chart changes when narrow, and
    ``narrow_plot`` the height of its plot area there, if not the desk's (a map keeps its
    aspect: narrow, it is less tall).
    """
    plot_height = _plot_height(fig)
    lang = translation.current()
    fig.update_layout(
        template=TEMPLATE if lang == translation.SOURCE else template(lang),
        title=dict(text=title),
        xaxis_title=x_title,
        yaxis_title=y_title,
        meta={"alt": alt, "source": source},
    )
    _date_ticks(fig, lang)
    fig.add_annotation(
        text=_source_line(source),
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
    narrow = frame(fig, title, source, narrow_plot or plot_height, narrow=True)
    for key, value in (narrow_layout or {}).items():
        narrow["layout"][key] = value
        desk["layout"].setdefault(key, fig.layout[key])
    _apply(fig, desk)
    fig.update_layout(meta={"alt": alt, "source": source, "wide": desk, "narrow": narrow})
    return fig


def _source_line(source: str) -> str:
    return _("Source: {source}").format(source=source)


def _date_ticks(fig: go.Figure, lang: str) -> None:
    """A time axis's ticks and hover dates in Japanese style (English keeps plotly's own)."""
    if lang != "ja":
        return
    dated = any(
        getattr(trace, "x", None) is not None
        and any(isinstance(x, str) and _DAY.fullmatch(x) for x in list(trace.x)[:3])
        for trace in fig.data
    )
    if dated or fig.layout.xaxis.type == "date":
        fig.update_xaxes(tickformatstops=JAPANESE_DATE_TICKS, hoverformat=JAPANESE_DATE_HOVER)


def _apply(fig: go.Figure, desk: dict) -> None:
    """Lay the figure out in its desk frame (the frame the page and the PDF start from)."""
    fig.update_layout(_nested(desk["layout"]))
    for key, value in desk["layout"].items():
        if key.startswith("annotations["):
            index, attribute = key.removeprefix("annotations[").split("].")
            fig.layout.annotations[int(index)][attribute] = value
    for index, keys in desk["traces"].items():
        fig.data[index].update(_nested(keys))


def frame(fig: go.Figure, title: str, source: str, plot_height: int, *, narrow: bool) -> dict:
    """What fits the title, legend and source at one width: ``layout`` as flat relayout keys,
    and ``traces``, restyle keys by trace index."""
    width = NARROW_WIDTH if narrow else DESK_WIDTH
    has_axes = not any(trace.type in ("choropleth", "scattergeo") for trace in fig.data)
    left, ticks = _left_margin(fig, width, narrow) if has_axes else (10, {})
    right = 20 if has_axes else 10
    top, head = _head(fig, title, width, narrow)
    # Legend entries wrapped to the width beside their symbols (narrow, a name per trace).
    names = _legend_names(fig, width - left - right - 45, narrow)
    x_title = fig.layout.xaxis.title.text or ""
    x_lines = wrap(x_title, width - left - right, AXIS_TITLE_SIZE) if x_title else []
    axis = (45 + round(len(x_lines) * AXIS_TITLE_SIZE * LINE)) if has_axes else 10
    legend_height, legend_keys = legend.legend(
        list(names.values()), width - left - right + 40, narrow
    )
    scales = legend.colour_scales(fig)
    if narrow and scales:
        legend_height += legend.COLOURBAR_BELOW
    # The source line starts at the chart's left edge, the legend at the plot's. At desk width
    # it is wrapped, and given room, for the larger font the PDF's image prints it in.
    source_size = SOURCE_SIZE if narrow else max(SOURCE_SIZE, PRINT_MIN_FONT_PX)
    source_lines = wrap(_source_line(source), width - 20, source_size)
    source_height = round(len(source_lines) * source_size * LINE + 12)
    bottom = axis + legend_height + source_height
    height = top + bottom + max(plot_height, MIN_PLOT)
    layout = {"height": height, "margin.t": top, "margin.b": bottom, "margin.l": left}
    layout |= {"margin.r": right} | _title_keys(head, height) | {"showlegend": bool(names)}
    layout |= {key: value for key, value in head.items() if key == "title.subtitle.text"}
    if x_lines:
        layout["xaxis.title.text"] = "<br>".join(x_lines)
    layout |= ticks
    layout |= {f"legend.{key}": value for key, value in legend_keys.items()}
    if names:
        layout["legend.y"] = (source_height + 4) / height
    for index, annotation in enumerate(fig.layout.annotations):
        if annotation.name == "source":
            layout[f"annotations[{index}].text"] = "<br>".join(source_lines)
            layout[f"annotations[{index}].yshift"] = -(axis + legend_height)
            layout[f"annotations[{index}].xshift"] = -(left - 10)
    colourbar = legend.NARROW_COLOURBAR if narrow else legend.WIDE_COLOURBAR
    traces: dict[int, dict] = {index: dict(colourbar) for index in scales}
    for index, name in names.items():
        if name != fig.data[index].name or not narrow:
            traces.setdefault(index, {})["name"] = name
    return {"layout": layout, "traces": traces}


def _head(fig: go.Figure, title: str, width: int, narrow: bool) -> tuple[int, dict]:
    """The room above the plot, and the title's (and any subtitle's) wrapped text and size."""
    title_size = NARROW_TITLE_SIZE if narrow else TITLE_SIZE
    title_lines = wrap(title, width - 20, title_size)
    subtitle = fig.layout.title.subtitle.text if fig.layout.title.subtitle else None
    subtitle_size = (fig.layout.title.subtitle.font.size or SUBTITLE_SIZE) if subtitle else 0
    subtitle_lines = wrap(subtitle, width - 20, subtitle_size) if subtitle else []
    top = round(
        10 + len(title_lines) * title_size * LINE + len(subtitle_lines) * subtitle_size * LINE + 25
    )
    head = {"title.text": "<br>".join(title_lines), "title.font.size": title_size}
    if subtitle_lines:
        head["title.subtitle.text"] = "<br>".join(subtitle_lines)
    return top, head


def _title_keys(head: dict, height: int) -> dict:
    """The title's place: top left of the chart, whatever its height."""
    size = head["title.font.size"]
    return {
        "title.text": head["title.text"],
        "title.font.size": size,
        "title.x": 0,
        "title.xanchor": "left",
        "title.xref": "container",
        # Plotly anchors a title of several lines by its first line: the rest hang below.
        "title.y": 1 - (6 + 0.6 * size) / height,
        "title.yref": "container",
        "title.yanchor": "top",
        "title.pad.l": 10,
        "title.pad.t": 4,
    }


def _legend_names(fig: go.Figure, room: int, narrow: bool) -> dict[int, str]:
    """Each legend entry's name by trace index: wrapped to ``room`` px when narrow."""
    names: dict[int, str] = {}
    for index in legend.legend_traces(fig):
        name = fig.data[index].name
        lines = wrap(name.replace("<br>", " "), room, legend.LEGEND_SIZE) if narrow else [name]
        names[index] = "<br>".join(lines)
    return names


def _left_margin(fig: go.Figure, width: int, narrow: bool) -> tuple[int, dict]:
    """The left margin that holds the y labels and title, and (narrow) the labels wrapped to fit."""
    size = fig.layout.yaxis.tickfont.size or 13
    labels = _y_labels(fig)
    plain = [untagged(label) for label in labels]
    longest = max((text_width(text) for text in plain), default=6)
    room = longest * size * CHAR_EM
    ticks: dict = {}
    limit = TICK_SHARE * width
    if labels:
        shown = labels
        if narrow and room > limit:
            chars = max(8, int(limit / (size * CHAR_EM)))
            shown = [wrap_label(label, chars) for label in labels]
            room = max(
                text_width(line) for text in shown for line in untagged(text).split("\n")
            ) * (size * CHAR_EM)
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
