"""Static images of the charts, for the PDF: one Chromium session serves every figure of a build.

Notebooks show each chart as HTML plus plotly's JSON; after execution this pass adds the
PNG to the same MIME bundle (and drops the JSON), so Quarto and the fallback renderer both
find `image/png` beside `text/html`.
"""

from __future__ import annotations

import base64
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import kaleido
import nbformat
import plotly.io as pio

from . import charts, paths
from .mime import IMAGE_PNG, PLOTLY_JSON


def add_static_images(notebooks: list[Path], *, fresh_browser_per_image: bool = False) -> int:
    """Add a PNG to every chart output that lacks one; returns the number of images made.

    ``fresh_browser_per_image`` starts a browser for each figure, as a naive pipeline would
    (kept for the benchmark).
    """
    loaded = [(path, nbformat.read(path, as_version=4)) for path in notebooks]
    pending = [
        output
        for _, nb in loaded
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if PLOTLY_JSON in output.get("data", {}) and IMAGE_PNG not in output["data"]
    ]
    if not pending:
        return 0
    # Map outlines come from the project's raw snapshot, never from the internet.
    pio.defaults.topojson = paths.TOPOJSON_DIR.resolve().as_uri() + "/"
    with _browser(enabled=not fresh_browser_per_image):
        for output in pending:
            figure = output["data"][PLOTLY_JSON]
            with warnings.catch_warnings():
                # plotly warns that per-call browser options are ignored under a shared server.
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                png = pio.to_image(
                    figure,
                    format="png",
                    width=charts.STATIC_WIDTH,
                    height=_height(figure),
                    scale=charts.STATIC_SCALE,
                )
            output["data"][IMAGE_PNG] = base64.b64encode(png).decode("ascii")
            del output["data"][PLOTLY_JSON]
    for path, nb in loaded:
        nbformat.write(nb, path)
    return len(pending)


@contextmanager
def _browser(*, enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def _height(figure: dict) -> int:
    # Tall charts (one row per jurisdiction) keep their height; others use the page default.
    return int(figure.get("layout", {}).get("height") or charts.STATIC_HEIGHT)
