"""One chart theme and one way to show a chart.

Every chart leaves the notebook as a single MIME bundle holding ``text/html`` (for the
site: a plotly div that expects plotly.js loaded once by the page) and plotly's JSON,
which the build turns into ``image/png`` for the PDF in the same bundle (see images.py),
so Quarto and the fallback renderer both find what they need.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from briefing.hashing import sha256_json
from briefing.mime import PLOTLY_JSON

RENDERER = "briefing"

# Okabe–Ito: distinguishable with the common forms of colour-blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
FOCUS_COLOUR = "#D55E00"
MUTED_COLOUR = "#9A9A9A"
FONT = "DejaVu Sans, Arial, sans-serif"

# The PDF's images: drawn STATIC_WIDTH CSS pixels wide (times STATIC_SCALE for sharpness) and
# printed across the text block of the PDF's A4 page (210 mm less two 22 mm margins, see
# templates/book.typ), so one CSS pixel prints at PRINT_WIDTH_PT / STATIC_WIDTH points. No chart
# text prints smaller than PRINT_MIN_FONT_PT: build/images.py raises every font below it.
STATIC_WIDTH = 760
STATIC_HEIGHT = 480
STATIC_SCALE = 3
PRINT_WIDTH_PT = (210 - 2 * 22) / 25.4 * 72
PRINT_MIN_FONT_PT = 8.0

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=13, color="#222222"),
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        title=dict(x=0, xanchor="left", font=dict(size=16)),
        xaxis=dict(showgrid=False, linecolor="#444444", ticks="outside"),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, xanchor="left"),
        margin=dict(l=60, r=20, t=90, b=90),
    )
)


def finish(
    fig: go.Figure, *, title: str, source: str, alt: str, x_title: str, y_title: str
) -> go.Figure:
    """Apply the theme, a title that states the finding, axis titles, a source line and alt text."""
    fig.update_layout(
        template=TEMPLATE,
        title=dict(text=title),
        xaxis_title=x_title,
        yaxis_title=y_title,
        meta={"alt": alt, "source": source},
    )
    fig.add_annotation(
        text=f"Source: {source}",
        xref="paper",
        yref="paper",
        x=0,
        y=-0.2,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=11, color="#555555"),
    )
    return fig


class BriefingRenderer(MimetypeRenderer):
    """Render a figure as interactive HTML plus its JSON, from which the build makes the PNG."""

    def to_mimebundle(self, fig_dict: dict) -> dict:
        fig = go.Figure(fig_dict)
        return {
            "text/html": figure_html(fig),
            PLOTLY_JSON: json.loads(pio.to_json(fig, validate=False)),
        }


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
        config={"displaylogo": False, "responsive": True},
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
