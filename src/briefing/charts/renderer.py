"""One way to show a chart: a single MIME bundle for both engines, and the page script that
switches a chart between its desk and narrow frames.

Every chart leaves the notebook as a single MIME bundle holding ``text/html`` (for the
site: a plotly div that expects plotly.js loaded once by the page) and plotly's JSON,
which the build turns into ``image/png`` for the PDF in the same bundle (see images.py),
so Quarto and the fallback renderer both find what they need.
"""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from briefing.charts.layout import NARROW_BELOW
from briefing.hashing import sha256_json
from briefing.mime import PLOTLY_JSON

RENDERER = "briefing"


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
# No text is TeX: plotly reads any text with two dollar signs ("US$155bn ... US$124.6bn") as
# mathematics and warns that MathJax is not loaded (or typesets it, where a page loads MathJax).
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendChartToCloud"],
    "typesetMath": False,
}
# After plotly draws a chart: take the narrow frame below NARROW_BELOW px, the wide one above.
# The narrow frame has no toolbar: on a phone it would sit over the title.
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
  function apply(frame, narrow) {
    // Redrawn whole: plotly's restyle leaves the old colour bar behind when it turns.
    Object.keys(frame.layout).forEach(function (k) { set(d.layout, k, frame.layout[k]); });
    Object.keys(frame.traces).forEach(function (i) {
      Object.keys(frame.traces[i]).forEach(function (k) { set(d.data[+i], k, frame.traces[i][k]); });
    });
    // The div plotly.py wraps the chart in has the desk height: it takes this frame's.
    d.parentElement.style.height = frame.layout.height + "px";
    return Plotly.newPlot(d, d.data, d.layout, Object.assign({}, config, {displayModeBar: !narrow}));
  }
  function fit() {
    var narrow = d.getBoundingClientRect().width < below;
    if (narrow === d._briefingNarrow) return;
    var first = d._briefingNarrow === undefined;
    d._briefingNarrow = narrow;
    if (narrow || !first) apply(narrow ? meta.narrow : meta.wide, narrow);
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
    return f'<div class="briefing-chart" role="figure" aria-label="{html.escape(alt)}">{div}</div>'


def use_briefing_renderer() -> None:
    """Register the renderer and make it the default, explicitly, in every notebook."""
    pio.renderers[RENDERER] = BriefingRenderer()
    pio.renderers.default = RENDERER


def _stable_id(fig: go.Figure) -> str:
    # Same figure, same id: pages are byte-identical across builds.
    return "chart-" + sha256_json(fig.to_plotly_json())[:12]
