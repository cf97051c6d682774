"""The site's interactive tables (DataTables through itables, offline) and the "Data and sources"
block under a chart.

A table keeps its essential columns in sight: those the notebook prints (its ``compact``
list) and every column of links. The others may fold: ``templates/tables.js`` (shipped in
the site's itables.js, ``book/assets.py``) folds them, rightmost first, into a row's details
while the table is wider than its box or its rows too tall, and on a phone shows each row as a card of its
essential fields with a button for the rest. A header click sorts; a column of a few repeated
values (a jurisdiction, a strength level, a status) gets DataTables' ColumnControl list filter.

The headers and DataTables' own words (search, pages, filters) are in the edition's language;
the columns are chosen by their English names before the headers are translated.
"""

from __future__ import annotations

import html

import itables
import pandas as pd
from itables import JavascriptFunction

from briefing import translation
from briefing.hashing import sha256_bytes
from briefing.outputs.markdown import count
from briefing.translation import N_, _

# The first column of a table with columns that may fold: a button opening the row's details.
CONTROL = N_("Details")


def control_button() -> str:
    """The button opening a row's details. templates/tables.js switches its word between
    "More" and "Less"; in another language the button carries its own two words for that."""
    more, less = html.escape(_("More"), quote=True), html.escape(_("Less"), quote=True)
    words = (
        ""
        if translation.current() == translation.SOURCE
        else f' data-more="{more}" data-less="{less}"'
    )
    return (
        f'<button type="button" class="row-more" aria-expanded="false"{words}>'
        f'<span class="row-more-text">{more}</span></button>'
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
        cells.insert(0, CONTROL, control_button())
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
    # The headers in the edition's language, now that the columns are placed by their names.
    cells = cells.set_axis([_(str(c)) for c in columns], axis="columns")
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
        **_language(),
    )


def _language() -> dict:
    """DataTables' own words in the edition's language (none in English: its defaults)."""
    if translation.current() == translation.SOURCE:
        return {}
    return {
        "language": {
            "search": _("Search:"),
            "lengthMenu": _("{menu} rows per page").format(menu="_MENU_"),
            "info": _("Showing {start} to {end} of {total} rows").format(
                start="_START_", end="_END_", total="_TOTAL_"
            ),
            "infoEmpty": _("No rows to show"),
            "infoFiltered": _("(filtered from {total} rows)").format(total="_MAX_"),
            "zeroRecords": _("No matching rows"),
            "emptyTable": _("This table has no rows"),
            "loadingRecords": _("Loading…"),
            "aria": {
                "orderable": _(": activate to sort"),
                "orderableReverse": _(": activate to sort in reverse"),
                "orderableRemove": _(": activate to remove the sorting"),
                "paginate": {
                    "first": _("First page"),
                    "last": _("Last page"),
                    "next": _("Next page"),
                    "previous": _("Previous page"),
                },
            },
            "columnControl": {
                "list": {
                    "all": _("Select all"),
                    "none": _("Deselect"),
                    "search": _("Search…"),
                    "empty": _("No options"),
                },
                "buttons": {"searchClear": _("Clear search")},
            },
        }
    }


def data_block(table: str, rows: int, block_id: str) -> str:
    """A chart's rows and their sources (``table``), in a block the reader opens under it."""
    summary = translation.ngettext(
        "Data and sources: the {rows} row behind the figure",
        "Data and sources: the {rows} rows behind the figure",
        rows,
    ).format(rows=count(rows))
    # The page of sources is beside the page linking it, in each edition's folder.
    page = html.escape(_("Sources"))
    sources = f'<a href="sources.html">{page}</a>'
    note = _("Each row links its source; every source of the briefing is listed in {sources}.")
    return (
        # As itables marks its own tables: Quarto leaves the table inside as it is.
        f"{QUARTO_AS_IS}\n"
        f'<details class="chart-data" id="{html.escape(block_id, quote=True)}">\n'
        f"<summary>{html.escape(summary)}</summary>\n"
        f"{table}\n"
        f'<p class="chart-data-note">{note.format(sources=sources)}</p>\n'
        "</details>"
    )
