import base64
from pathlib import Path

import nbformat
import plotly.graph_objects as go
import pytest

from briefing.book import images
from briefing.charts import layout, renderer
from briefing.mime import IMAGE_PNG

pytestmark = [
    pytest.mark.e2e,  # draws in Chromium
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium"),
]


def chart_notebook(path, count):
    nb = nbformat.v4.new_notebook()
    briefing_renderer = renderer.BriefingRenderer()
    for i in range(count):
        fig = layout.finish(
            go.Figure(go.Bar(x=["a", "b"], y=[i, 1])),
            title=f"T{i}",
            source="S",
            alt="A",
            x_title="X",
            y_title="Y",
        )
        cell = nbformat.v4.new_code_cell("fig.show()")
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data", data=briefing_renderer.to_mimebundle(fig.to_plotly_json())
            )
        ]
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


def test_every_chart_gets_a_png_beside_its_html_and_loses_its_json(tmp_path):
    paths = [chart_notebook(tmp_path / "a.ipynb", 2), chart_notebook(tmp_path / "b.ipynb", 1)]
    # Three charts, two distinct figures (both notebooks start with "T0"): two drawn.
    assert images.add_static_images(paths) == 2
    for path in paths:
        for cell in nbformat.read(path, as_version=4).cells:
            data = cell.outputs[0]["data"]
            assert set(data) == {"text/html", IMAGE_PNG}
            assert base64.b64decode(data[IMAGE_PNG]).startswith(b"\x89PNG")
    # A second pass finds nothing left to do.
    assert images.add_static_images(paths) == 0


def test_cached_images_are_reused_without_a_browser(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = chart_notebook(tmp_path / "first.ipynb", 2)
    assert images.add_static_images([first], cache=cache) == 2
    assert len(list(cache.glob("*.png"))) == 2

    def no_browser(**kwargs):
        raise AssertionError("the browser started although every image was cached")

    monkeypatch.setattr(images, "_browser", no_browser)
    again = chart_notebook(tmp_path / "again.ipynb", 2)
    assert images.add_static_images([again], cache=cache) == 0
    png = [c.outputs[0]["data"][IMAGE_PNG] for c in nbformat.read(first, as_version=4).cells]
    assert png == [
        c.outputs[0]["data"][IMAGE_PNG] for c in nbformat.read(again, as_version=4).cells
    ]


def test_a_browser_per_image_draws_the_same_images(tmp_path):
    # The naive pipeline's way (benchmarks/naive.py), which the benchmark's smoke run leaves out.
    shared = chart_notebook(tmp_path / "shared.ipynb", 2)
    fresh = chart_notebook(tmp_path / "fresh.ipynb", 2)
    assert images.add_static_images([shared]) == 2
    assert images.add_static_images([fresh], fresh_browser_per_image=True) == 2

    def drawn(path):
        return [c.outputs[0]["data"][IMAGE_PNG] for c in nbformat.read(path, as_version=4).cells]

    assert drawn(fresh) == drawn(shared)
