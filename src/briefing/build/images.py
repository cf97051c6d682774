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
from importlib import metadata
from pathlib import Path

import kaleido
import nbformat
import plotly.io as pio

from briefing import paths
from briefing.charts import theme as charts
from briefing.hashing import sha256_json
from briefing.mime import IMAGE_PNG, PLOTLY_JSON

# Images kept for reuse; the oldest beyond this number are removed.
CACHE_SIZE = 200


def add_static_images(
    notebooks: list[Path],
    *,
    cache: Path | None = None,
    fresh_browser_per_image: bool = False,
) -> int:
    """Add a PNG to every chart output that lacks one; returns the number of images drawn.

    With ``cache``, an image already drawn for the same figure is reused, and the browser
    starts only if some image is missing. ``fresh_browser_per_image`` starts a browser for
    each figure, as a naive pipeline would (kept for the benchmark).
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
    keys = [_key(output["data"][PLOTLY_JSON]) for output in pending]
    drawn = _cached(set(keys), cache)
    to_draw = {
        key: output["data"][PLOTLY_JSON]
        for output, key in zip(pending, keys, strict=True)
        if key not in drawn
    }
    if to_draw:
        drawn |= _draw(to_draw, fresh_browser_per_image)
        _store(drawn, to_draw, cache)
    for output, key in zip(pending, keys, strict=True):
        output["data"][IMAGE_PNG] = base64.b64encode(drawn[key]).decode("ascii")
        del output["data"][PLOTLY_JSON]
    for path, nb in loaded:
        nbformat.write(nb, path)
    return len(to_draw)


def _draw(figures: dict[str, dict], fresh_browser_per_image: bool) -> dict[str, bytes]:
    # Map outlines come from the project's raw snapshot, never from the internet.
    pio.defaults.topojson = paths.TOPOJSON_DIR.resolve().as_uri() + "/"
    drawn = {}
    with _browser(enabled=not fresh_browser_per_image):
        for key, figure in figures.items():
            with warnings.catch_warnings():
                # plotly warns that per-call browser options are ignored under a shared server.
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                drawn[key] = pio.to_image(
                    figure,
                    format="png",
                    width=charts.STATIC_WIDTH,
                    height=_height(figure),
                    scale=charts.STATIC_SCALE,
                )
    return drawn


def _cached(keys: set[str], cache: Path | None) -> dict[str, bytes]:
    if cache is None:
        return {}
    return {
        key: (cache / f"{key}.png").read_bytes() for key in keys if (cache / f"{key}.png").exists()
    }


def _store(drawn: dict[str, bytes], new: dict, cache: Path | None) -> None:
    if cache is None:
        return
    cache.mkdir(parents=True, exist_ok=True)
    for key in new:
        (cache / f"{key}.png").write_bytes(drawn[key])
    images = sorted(cache.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in images[CACHE_SIZE:]:
        old.unlink(missing_ok=True)


def _key(figure: dict) -> str:
    """Same figure, same size, same drawing software: same image."""
    recipe = {
        "figure": figure,
        "size": [charts.STATIC_WIDTH, _height(figure), charts.STATIC_SCALE],
        "versions": [metadata.version("plotly"), metadata.version("kaleido")],
    }
    return sha256_json(recipe)


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
