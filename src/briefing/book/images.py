"""Static images of the charts, for the PDF: one Chromium session serves every figure of a build.

Notebooks show each chart as HTML plus plotly's JSON; after execution this pass adds the
PNG to the same MIME bundle (and drops the JSON), so Quarto and the fallback renderer both
find `image/png` beside `text/html`.
"""

from __future__ import annotations

import base64
import copy
import functools
import math
import multiprocessing
import os
import warnings
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import kaleido
import nbformat
import plotly.io as pio

from briefing import paths
from briefing.book import bounded, print_rules
from briefing.charts import image_size as charts
from briefing.errors import RenderError
from briefing.hashing import sha256_json
from briefing.mime import IMAGE_PNG, PLOTLY_JSON

# Images kept for reuse; the oldest beyond this number are removed.
CACHE_SIZE = 200
# Each chart output's metadata under this key: its alt text and the smallest font it was drawn
# with, in CSS pixels (the PDF's alt text and the print-size checks read them).
METADATA_KEY = print_rules.CHART_METADATA
# Plotly's font size where neither the figure nor its template sets one (layout.font.size).
PLOTLY_DEFAULT_FONT_PX = 12


def min_font_px(height: float = 0) -> int:
    """The smallest font, in CSS pixels, that prints at PRINT_MIN_FONT_PT or more, for a chart
    ``height`` CSS pixels tall: one too tall for the page at full width prints narrower."""
    points_per_px = charts.PRINT_WIDTH_PT / charts.STATIC_WIDTH
    if height:
        points_per_px = min(points_per_px, charts.PRINT_HEIGHT_PT / height)
    return math.ceil(charts.PRINT_MIN_FONT_PT / points_per_px)


def for_print(figure: dict) -> dict:
    """A copy of ``figure`` whose every font is at least ``min_font_px`` for its height.

    Every ``*font`` object (font, tickfont, textfont, the template's...) with a size below the
    floor is raised to it, and the figure's base font, which every unset size inherits, too.
    """
    floor = min_font_px(_height(figure))
    printed = copy.deepcopy(figure)
    _raise_fonts(printed, floor)
    layout = printed.setdefault("layout", {})
    font = layout.setdefault("font", {})
    base = font.get("size") or _template_font_size(layout) or PLOTLY_DEFAULT_FONT_PX
    font["size"] = max(base, floor)
    # A subtitle without a size is drawn smaller than the title by plotly: give it one.
    title = layout.get("title")
    if isinstance(title, dict) and isinstance(title.get("subtitle"), dict):
        subtitle_font = title["subtitle"].setdefault("font", {})
        subtitle_font["size"] = max(subtitle_font.get("size") or floor, floor)
    return printed


def smallest_font_px(figure: dict) -> float:
    """The smallest font size a figure sets anywhere (its base font included)."""
    sizes = list(_font_sizes(figure))
    return min(sizes) if sizes else PLOTLY_DEFAULT_FONT_PX


def _template_font_size(layout: dict) -> float | None:
    return ((layout.get("template") or {}).get("layout") or {}).get("font", {}).get("size")


def _raise_fonts(node: object, floor: int) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and "size" in value:
                size = value["size"]
                if isinstance(size, list):
                    value["size"] = [max(s, floor) if _number(s) else s for s in size]
                elif _number(size):
                    value["size"] = max(size, floor)
            _raise_fonts(value, floor)
    elif isinstance(node, list):
        for item in node:
            _raise_fonts(item, floor)


def _font_sizes(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and "size" in value:
                sizes = value["size"] if isinstance(value["size"], list) else [value["size"]]
                yield from (s for s in sizes if _number(s))
            yield from _font_sizes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _font_sizes(item)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


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
    printed = [for_print(output["data"][PLOTLY_JSON]) for output in pending]
    keys = [_key(figure) for figure in printed]
    drawn = _cached(set(keys), cache)
    to_draw = {key: figure for figure, key in zip(printed, keys, strict=True) if key not in drawn}
    if to_draw:
        drawn |= _draw_bounded(to_draw, fresh_browser_per_image)
        _store(drawn, to_draw, cache)
    for output, key, figure in zip(pending, keys, printed, strict=True):
        output["data"][IMAGE_PNG] = base64.b64encode(drawn[key]).decode("ascii")
        meta = figure.get("layout", {}).get("meta")
        output.setdefault("metadata", {})[METADATA_KEY] = {
            "alt": meta.get("alt", "") if isinstance(meta, dict) else "",
            "min_font_px": smallest_font_px(figure),
        }
        del output["data"][PLOTLY_JSON]
    for path, nb in loaded:
        nbformat.write(nb, path)
    return len(to_draw)


def add_static_images_side_by_side(groups: list[list[Path]], *, cache: Path | None = None) -> int:
    """``add_static_images`` for each group of notebooks (a language's), each group drawn by its
    own browser in its own process, side by side; returns the number of images drawn.

    A browser draws one figure at a time and leaves part of the machine idle: two draw the
    editions in two languages in less time than one draws both.
    """
    groups = [group for group in groups if group]
    if len(groups) < 2:
        return sum(add_static_images(group, cache=cache) for group in groups)
    # fork: the worker starts at once with the modules loaded (spawn would import them again).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(groups), mp_context=context) as pool:
        return sum(pool.map(functools.partial(add_static_images, cache=cache), groups))


# The time a batch of images may take: a base, and a time per figure (a few seconds each on a
# busy 2-core machine); a batch that overruns is killed with its browser and drawn again once.
DRAW_LIMIT_S = (60.0, 10.0)


def _draw_bounded(figures: dict[str, dict], fresh_browser_per_image: bool) -> dict[str, bytes]:
    limit = DRAW_LIMIT_S[0] + DRAW_LIMIT_S[1] * len(figures)
    work = functools.partial(_draw, figures, fresh_browser_per_image)
    for _ in range(2):
        try:
            drawn = bounded.run(work, limit)
        except bounded.ChildError as exc:
            raise RenderError(f"drawing the chart images failed:\n{exc}") from None
        if drawn is not None:
            return drawn
    raise RenderError(
        f"drawing {len(figures)} chart images stalled twice (over {limit:.0f} s each time); "
        "the browser that draws them (Chromium, through kaleido) may be stuck: run the build again"
    )


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
        # Written whole, then renamed: a browser drawing beside this one never reads half a file.
        partial = cache / f"{key}.png.{os.getpid()}"
        partial.write_bytes(drawn[key])
        os.replace(partial, cache / f"{key}.png")
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
