"""The site's tables as the notebooks hand them over: which columns may fold, which get a filter,
the "Data and sources" block under a chart, and the script and styles the site ships for them."""

import json
import re

import pandas as pd
from test_display import table_cells

from briefing.outputs import display, tables_html


def dt_args(html: str) -> dict:
    """The options a table hands DataTables (itables' dt_args), as JSON."""
    match = re.search(r"let dt_args = (\{.*?\n\s*\});", html, re.DOTALL)
    return json.loads(match.group(1))


def shown(monkeypatch, call) -> dict:
    from IPython.core.interactiveshell import InteractiveShell

    published = []
    monkeypatch.setattr(
        InteractiveShell.instance().display_pub,
        "publish",
        lambda data, **kw: published.append(data),
    )
    call()
    return published[0]


MEASURES = pd.DataFrame(
    {
        "Date": ["2020-01-01", "2021-02-03", "2022-03-04", "2023-04-05"],
        "Jurisdiction": ["Japan", "Japan", "France", "Japan"],
        "Why coded so": ["a long note", "another", "a third", "a fourth"],
        "Source": ["https://a.org/x", "Gazette", "Gazette", "Gazette"],
        "url": ["https://a.org/x", "https://b.org", "https://c.org", "javascript:x"],
    }
)


def test_columns_outside_the_print_list_may_fold_and_links_never_do(monkeypatch):
    out = shown(
        monkeypatch,
        lambda: display.show_table(
            MEASURES, compact=["Date", "Jurisdiction"], links={"Source": "url"}
        ),
    )
    args = dt_args(out["text/html"])
    cells = table_cells(out["text/html"])
    # A first column of buttons opening each row's details, then the table's own columns.
    assert [row[0] for row in cells] == [tables_html.control_button()] * 4
    assert cells[0][1:3] == ["2020-01-01", "Japan"]
    defs = {d["className"]: d for d in args["columnDefs"] if "className" in d}
    assert defs["fold"]["targets"] == [3]  # "Why coded so"; "Source" is linked, so it stays
    assert defs["row-control"] == {
        "className": "row-control",
        "orderable": False,
        "searchable": False,
        "targets": [0],
    }
    # The whole header sorts, and the script that folds columns is called at each draw.
    assert "text_in_header_can_be_selected" not in args
    assert args["keys_to_be_evaluated"] == [["drawCallback"]]
    # A link that reads as its own address may wrap anywhere; a javascript: one is no link.
    assert cells[0][4] == '<a href="https://a.org/x" class="url">https://a.org/x</a>'
    assert cells[3][4] == "Gazette"
    # The PDF's table is the compact one, as before.
    assert out["text/markdown"].splitlines()[0] == r"| Date | Jurisdiction |"


def test_the_pdf_may_print_fewer_columns_than_a_narrow_screen_keeps(monkeypatch):
    out = shown(
        monkeypatch,
        lambda: display.show_table(
            MEASURES,
            compact=["Date", "Jurisdiction"],
            links={"Source": "url"},
            print_columns=["Date"],
        ),
    )
    defs = {d["className"]: d for d in dt_args(out["text/html"])["columnDefs"] if "className" in d}
    assert defs["fold"]["targets"] == [3]  # "Jurisdiction" stays on a narrow screen
    assert out["text/markdown"].splitlines()[0] == r"| Date |"


def test_a_table_without_a_print_list_shows_every_column_and_no_buttons(monkeypatch):
    out = shown(monkeypatch, lambda: display.show_table(MEASURES, links={"Source": "url"}))
    args = dt_args(out["text/html"])
    assert table_cells(out["text/html"])[0][:2] == ["2020-01-01", "Japan"]
    assert not [d for d in args["columnDefs"] if d.get("className") in ("fold", "row-control")]


def test_a_column_of_a_few_repeated_values_gets_a_list_filter():
    frame = pd.DataFrame(
        {
            "Jurisdiction": ["Japan", "Japan", "France", "Japan", "France", "Italy"],
            "What": [f"measure {n}" for n in range(6)],  # every value its own: no filter
            "Status": ["in force"] * 6,  # one value: nothing to choose
            "Note": ["x" * 41, "x" * 41, "y", "y", "y", "y"],  # a value too long for a list
            "Rows": ["1", "2", "1", "2", "1", "2"],  # numbers sort, they do not filter
        }
    )
    assert tables_html.filter_columns(frame, list(frame.columns)) == ["Jurisdiction"]
    html = display.table_html(frame, list(frame.columns), {})
    filtered = [d for d in dt_args(html)["columnDefs"] if "columnControl" in d]
    assert filtered == [{"columnControl": [["searchList"]], "targets": [0]}]


def test_a_chart_s_data_opens_under_it_on_the_site_and_is_left_out_of_the_pdf(monkeypatch):
    raw = pd.DataFrame(
        {
            "announced": pd.to_datetime(["2020-03-12", "2021-01-02"]),
            "jurisdiction": ["US", "SE"],
            "source_publisher": ["Federal Register", "PTS"],
            "source_url": ["https://fr.gov/x", "https://pts.se/y"],
            "notes": ["not shown", "not shown"],
        }
    )
    out = shown(
        monkeypatch,
        lambda: display.show_data(
            raw,
            "fig-x",
            columns={
                "announced": "Date",
                "jurisdiction": "Jurisdiction",
                "source_publisher": "Source",
                "source_url": "url",
            },
            links={"Source": "url"},
        ),
    )
    html = out["text/html"]
    assert out["text/markdown"] == ""
    assert html.splitlines()[1] == '<details class="chart-data" id="data-fig-x">'
    assert "<summary>Data and sources: the 2 rows behind the figure</summary>" in html
    assert '<a href="sources.html">Sources</a>' in html
    assert table_cells(html) == [
        ["2020-03-12", "US", '<a href="https://fr.gov/x">Federal Register</a>'],
        ["2021-01-02", "SE", '<a href="https://pts.se/y">PTS</a>'],
    ]
    # The same rows as a table on the same page get a table of their own.
    table = display.table_html(
        raw.rename(columns={"source_publisher": "Source"}), ["Source"], {"Source": "source_url"}
    )
    other = display.table_html(
        raw.rename(columns={"source_publisher": "Source"}),
        ["Source"],
        {"Source": "source_url"},
        role="data-fig-x",
    )
    assert re.search(r'id="(table-\w+)"', table)[1] != re.search(r'id="(table-\w+)"', other)[1]


def test_the_site_s_itables_script_carries_the_briefing_s_table_script_and_styles(tmp_path):
    from briefing.book import assets

    script = (assets.write_assets(tmp_path) / assets.ITABLES_JS).read_text(encoding="utf-8")
    assert "window._itables_2_9_1" in script  # itables' own offline set-up, first
    assert script.index("window._itables_2_9_1") < script.index("window.briefingTable =")
    assert "td[data-label]::before" in script and "details.chart-data" in script
