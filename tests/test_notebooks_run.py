"""Every notebook runs top to bottom with its default parameters, as in JupyterLab."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from briefing.cells import options as cell_options
from briefing.chapters import registry
from briefing.mime import PLOTLY_JSON

pytestmark = pytest.mark.e2e

NOTEBOOKS = registry.notebooks()


@pytest.fixture(scope="module")
def executed(defaults_run):
    # Every notebook run with its defaults, once per session (tests/conftest.py).
    return defaults_run


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


# Tables that describe the briefing's own rules (the codebook, the kinds of source) or count
# rows of a table by them: their rows are not facts from a source, and their captions name
# what they are computed from. Every other table's rows carry their sources.
OWN_RULES_TABLES = {
    "tbl-adoption-levels",
    "tbl-sources-kinds",
    "tbl-sources-official",
    # The Entity List's entries by year, counted from one snapshot of the list (its source is
    # given once, in the Methods appendix, not row by row).
    "data-entity-list-yearly",
    "data-entity-list-cumulative",
    # Every entry under China, from the same snapshot (made where the list is at hand: a
    # machine that built the briefing has it); each row links the rule that added it.
    "tbl-entity-list-china-entries",
    "tbl-codebook-scale",
    "tbl-codebook-fields",
    "tbl-codebook-actor",
    "tbl-codebook-scope",
    "tbl-codebook-vendors",
    "tbl-codebook-status",
    "tbl-codebook-binding",
    "tbl-codebook-confidence",
    "tbl-codebook-source-kind",
    *(
        f"tbl-codebook-china-{field}"
        for field in ("fields", "kind", "actor", "scope", "status", "date-kind", "binding")
    ),
    "tbl-codebook-china-confidence",
}


class _Header(HTMLParser):
    """The column names of the first table row with header cells."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self._open = False
        self._done = False

    def handle_starttag(self, tag, attrs):
        if tag == "th" and not self._done:
            self._open = True
            self.names.append("")

    def handle_data(self, data):
        if self._open:
            self.names[-1] += data

    def handle_endtag(self, tag):
        if tag == "th":
            self._open = False
        elif tag == "tr" and self.names:
            self._done = True


# itables puts every row of a table into its page as JSON: a list of rows of HTML cells.
_DATA_JSON = re.compile(r'"data_json": ("(?:[^"\\]|\\.)*")')
_HREF = re.compile(r'<a href="([^"]*)"[^>]*>')


def shown_tables(cell) -> list[tuple[list[str], list[list[str]]]]:
    """The tables a cell's HTML outputs show: their column names and every row's HTML cells."""
    found = []
    for output in cell.get("outputs", []):
        page = output.get("data", {}).get("text/html", "")
        for match in _DATA_JSON.finditer(page):
            header = _Header()
            header.feed(page)
            # The first header cell also holds itables' notice icons.
            names = [re.sub(r"^\W+", "", name.strip()) for name in header.names]
            found.append((names, json.loads(json.loads(match.group(1)))))
    return found


@pytest.mark.parametrize("name", [nb.name for nb in NOTEBOOKS])
def test_every_table_shown_has_a_source_column_linking_each_row(executed, name):
    labelled = [
        (str(cell_options(cell).get("label", "")), cell)
        for cell in executed[name].cells
        if cell.cell_type == "code"
    ]
    checked = 0
    for label, cell in labelled:
        for names, rows in shown_tables(cell):
            # A table is a labelled table cell, or the "Data and sources" block under a chart.
            assert label.startswith(("tbl-", "data-")), (name, label)
            if label in OWN_RULES_TABLES:
                continue
            columns = [i for i, text in enumerate(names) if text.startswith("Source")]
            assert columns, (name, label, names)
            assert rows, (name, label)
            for row in rows:
                assert len(row) == len(names), (name, label, row)
                for i in columns:
                    links = _HREF.findall(row[i])
                    assert links and links[0].startswith(("http://", "https://")), (
                        name,
                        label,
                        names[i],
                        row,
                    )
            checked += 1
    # Every chapter and the sources appendix show sourced tables; the codebook shows the
    # briefing's own rules, the summary lists (each item linked to its source), no table.
    if name not in ("codebook.ipynb", "summary.ipynb"):
        assert checked, name
