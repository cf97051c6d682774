"""Where a chart's legend and colour bar go, and how much room they take: below the plot, in
rows at desk width and in one column on a narrow screen (a colour bar goes below a map there).
"""

from __future__ import annotations

import plotly.graph_objects as go

from briefing.charts.text import CHAR_EM, LINE, text_width

LEGEND_SIZE = 12

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


def legend_traces(fig: go.Figure) -> list[int]:
    """The traces the legend shows: none for a single entry, unless the chart asks for it."""
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


def colour_scales(fig: go.Figure) -> list[int]:
    """The map traces that show a colour bar."""
    return [
        index
        for index, trace in enumerate(fig.data)
        if trace.type == "choropleth" and trace.showscale is not False
    ]


def legend(entries: list[str], width: int, narrow: bool) -> tuple[int, dict]:
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
    entry = max(max(text_width(part) for part in parts) * text for parts in lines) + 10
    per_row = max(1, int((width - 40) // (entry + 50)))
    rows = [lines[i : i + per_row] for i in range(0, len(lines), per_row)]
    height = sum(max(len(parts) for parts in row) * LEGEND_SIZE * LINE + 6 for row in rows)
    return round(height + 10), base | {
        "orientation": "h",
        "entrywidth": round(entry),
        "entrywidthmode": "pixels",
    }
