"""Every notebook runs top to bottom with its default parameters, as in JupyterLab."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest

from briefing.cells import options as cell_options
from briefing.chapters import registry
from briefing.mime import PLOTLY_JSON

pytestmark = pytest.mark.e2e

NOTEBOOKS = registry.notebooks()


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    out = tmp_path_factory.mktemp("defaults")
    env = {**os.environ, "BRIEFING_DOWNLOADS": str(out / "downloads")}
    running = {
        nb.name: subprocess.Popen(
            [sys.executable, "-m", "papermill", str(nb), str(out / nb.name), "-k", "briefing"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for nb in NOTEBOOKS
    }
    results = {}
    for name, process in running.items():
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output.decode(errors="replace")[-3000:]
        results[name] = nbformat.read(out / name, as_version=4)
    return results


@pytest.mark.parametrize("name", [nb.name for nb in NOTEBOOKS])
def test_notebook_runs_with_its_defaults_and_shows_its_charts(executed, name):
    nb = executed[name]
    assert not [
        o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    for cell in nb.cells:
        if cell.cell_type == "code" and str(cell_options(cell).get("label", "")).startswith("fig-"):
            bundles = [o.get("data", {}) for o in cell.outputs]
            # JupyterLab draws the plotly JSON; the site and Quarto take the HTML.
            assert any(PLOTLY_JSON in b and "text/html" in b for b in bundles), cell_options(cell)[
                "label"
            ]
