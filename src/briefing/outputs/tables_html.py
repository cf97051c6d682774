"""The site's interactive tables (DataTables through itables, offline) and the "Data and sources"
block under a chart.

A table keeps its essential columns in sight: those the notebook prints (its ``compact``
list) and every column of links. The others may fold: ``templates/tables.js`` (shipped in
the site's itables.js, ``book/assets.py``) folds them, rightmost first, into a row's details
while the table is wider than its box or its rows too tall, and on a phone shows each row as a card of its
essential fields with a button for the rest. A header click sorts; a column of a few repeated
values (a jurisdiction, a strength level, a status) gets DataTables' ColumnControl list filter.
"""

from __future__ import annotations

import html

import itables
import pandas as pd
from itables import JavascriptFunction

from briefing.hashing import sha256_bytes

# The first column of a table with columns that may fold: a button opening the row's details.
CONTROL = "Details"
CONTROL_BUTTON = (
    '<button type="button" class="row-more" aria-expanded="false">'
    '<span class="row-more-text">More</span></button>'
)
# A column gets a list filter when it repeats a few short words: at most this many distinct
# values, each at most this long, and fewer distinct values than half its rows.
FILTER_VALUES, FILTER_LENGTH = 60, 40
QUARTO_AS_IS = "<!--| quarto-html-table-processing: none -->"
# Set up by templates/tables.js where the site's script is loaded (a notebook without it still
# gets a plain sortable table), at every draw: a new page of rows may need other columns
# folded. Not initComplete, which itables keeps for itself.
SET_UP = JavascriptFunction(
    "function () { if (window.briefingTable) { window.briefingTable(this.api()); } }"
)


def filter_columns(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """The columns worth a list filter: a few short values, each repeated."""
    chosen = []
    for column in columns:
        values = frame[column].dropna().astype(str)
        distinct = values.unique()
        numbers = pd.to_numeric(pd.Series(distinct), errors="coerce").notna().all()
        if (
            not numbers  # counts and years sort; a list of them filters nothing useful
            and 1 < len(distinct) <= FILTER_VALUES
            and len(distinct) * 2 <= len(values)
            and max(len(value) for value in distinct) <= FILTER_LENGTH
        ):
            chosen.append(column)
    return chosen


def datatable(
    cells: pd.DataFrame,
    *,
    caption: str = "",
    essential: list[str] | None = None,
    filters: list[str] | None = None,
    role: str = "table",
) -> str:
    """``cells`` (HTML, escaped already) as an interactive table.

    ``essential`` columns always show; the others may fold into a row's details (all columns
    are essential when it is None). ``filters`` name the columns that get a list filter.
    ``role`` tells apart the same rows shown twice on a page (a table, a chart's data).
    """
    columns = list(cells.columns)
    folding = [c for c in columns if essential is not None and c not in essential]
    if folding:
        cells = cells.copy()
        cells.insert(0, CONTROL, CONTROL_BUTTON)
        columns = list(cells.columns)
    # Same table, same id: pages are byte-identical across builds.
    table_id = "table-" + sha256_bytes((cells.to_json() + caption + role).encode())[:12]
    column_defs = [{"targets": [columns.index(c) for c in folding], "className": "fold"}]
    if folding:
        column_defs.append(
            {"targets": [0], "className": "row-control", "orderable": False, "searchable": False}
        )
    listed = [columns.index(c) for c in filters or [] if c in columns]
    if listed:
        column_defs.append({"targets": listed, "columnControl": [["searchList"]]})
    return itables.to_html_datatable(
        cells,
        caption=html.escape(caption) or None,
        table_id=table_id,
        connected=False,
        allow_html=True,
        display_logo_when_loading=False,
        classes="display compact briefing-dt",
        lengthMenu=[10, 25, 50, 100],
        pageLength=10,
        autoWidth=False,
        # The whole header sorts, not only its arrow (itables' default keeps the text selectable).
        text_in_header_can_be_selected=False,
        columnDefs=[d for d in column_defs if d["targets"]],
        drawCallback=SET_UP,
    )


def data_block(table: str, rows: int, block_id: str) -> str:
    """A chart's rows and their sources (``table``), in a block the reader opens under it."""
    noun = "row" if rows == 1 else "rows"
    return (
        # As itables marks its own tables: Quarto leaves the table inside as it is.
        f"{QUARTO_AS_IS}\n"
        f'<details class="chart-data" id="{html.escape(block_id, quote=True)}">\n'
        f"<summary>Data and sources: the {rows} {noun} behind the figure</summary>\n"
        f"{table}\n"
        '<p class="chart-data-note">Each row links its source; every source of the briefing '
        'is listed in <a href="sources.html">Sources</a>.</p>\n'
        "</details>"
    )
