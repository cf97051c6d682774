"""Which MIME type Quarto renders from a notebook output (port of displayDataMimeType)."""

from __future__ import annotations

import nbformat
import pytest
from support.quarto_check import check_notebook_outputs

from briefing.book.engines.fallback import mime_choice as mime
from briefing.book.engines.fallback.mime_choice import display_data_mime_type, mime_type_for
from briefing.mime import (
    IMAGE_PNG,
    IMAGE_SVG,
    PLOTLY_JSON,
    TEXT_HTML,
    TEXT_LATEX,
    TEXT_MARKDOWN,
    TEXT_PLAIN,
    WIDGET_VIEW,
)

PNG = "iVBORw0KGgo="  # the bytes' content does not matter to the choice
FIGURE_REPR = "Figure({'data': [...], 'layout': {...}})"
PLOTLY_HTML = ['<div id="fig">', "<script>Plotly.newPlot('fig', [])</script>", "</div>"]
TABLE_HTML = ["<div>", '<table class="dataframe">', "<tr><td>1</td></tr>", "</table>", "</div>"]


def bundle(data: dict) -> dict:
    """A display_data output holding one MIME bundle."""
    return {"output_type": "display_data", "metadata": {}, "data": data}


# What plotly's "notebook_connected+png" renderers put in one bundle.
PLOTLY_WITH_PNG = bundle(
    {PLOTLY_JSON: {"data": []}, TEXT_HTML: PLOTLY_HTML, IMAGE_PNG: PNG, TEXT_PLAIN: FIGURE_REPR}
)
# What the "vscode" renderer emits.
PLOTLY_JSON_ONLY = bundle({PLOTLY_JSON: {"data": []}})


def test_plotly_with_png_picks_html_for_html_and_png_for_typst():
    assert set(PLOTLY_WITH_PNG["data"]) == {PLOTLY_JSON, TEXT_HTML, IMAGE_PNG, TEXT_PLAIN}
    assert mime_type_for(PLOTLY_WITH_PNG, "html") == TEXT_HTML
    assert mime_type_for(PLOTLY_WITH_PNG, "typst") == IMAGE_PNG
    assert mime_type_for(PLOTLY_WITH_PNG, "pdf") == IMAGE_PNG


def test_plotly_json_is_never_chosen():
    assert mime_type_for(PLOTLY_JSON_ONLY, "html") is None
    assert mime_type_for(PLOTLY_JSON_ONLY, "typst") is None
    with_repr = bundle({PLOTLY_JSON: {"data": []}, TEXT_PLAIN: FIGURE_REPR})
    assert mime_type_for(with_repr, "html") == TEXT_PLAIN


def test_plotly_html_without_an_image_falls_back_to_text_in_typst():
    output = bundle({TEXT_HTML: PLOTLY_HTML, TEXT_PLAIN: FIGURE_REPR})
    assert mime_type_for(output, "html") == TEXT_HTML
    assert mime_type_for(output, "typst") == TEXT_PLAIN


def test_markdown_only():
    output = bundle({TEXT_MARKDOWN: "Seven jurisdictions"})
    assert mime_type_for(output, "html") == TEXT_MARKDOWN
    assert mime_type_for(output, "typst") == TEXT_MARKDOWN


def test_html_table_is_used_in_typst():
    output = bundle({TEXT_HTML: TABLE_HTML, TEXT_PLAIN: "   a\n0  1"})
    assert mime.display_data_has_html_table(output)
    assert mime_type_for(output, "typst") == TEXT_HTML
    assert mime_type_for(output, "html") == TEXT_HTML


def test_html_table_given_as_one_string_and_in_capitals():
    output = bundle({TEXT_HTML: "<TABLE><tr><td>1</td></tr></TABLE>", TEXT_PLAIN: "1"})
    assert mime_type_for(output, "typst") == TEXT_HTML


def test_html_needs_both_table_tags_to_count_as_a_table():
    output = bundle({TEXT_HTML: ["<table><tr><td>1</td></tr>"], TEXT_PLAIN: "1"})
    assert not mime.display_data_has_html_table(output)
    assert mime_type_for(output, "typst") == TEXT_PLAIN


def test_images_are_preferred_over_latex_for_pdf():
    # display-data.ts appends text/latex and application/pdf after the images
    output = bundle({TEXT_LATEX: "$x$", IMAGE_PNG: PNG, TEXT_PLAIN: "x"})
    assert mime_type_for(output, "pdf") == IMAGE_PNG
    assert mime_type_for(bundle({TEXT_LATEX: "$x$", TEXT_PLAIN: "x"}), "pdf") == TEXT_LATEX


def test_svg_beats_png_everywhere_but_html_wins_in_html():
    output = bundle({IMAGE_SVG: "<svg/>", IMAGE_PNG: PNG, TEXT_HTML: ["<b>x</b>"]})
    assert mime_type_for(output, "typst") == IMAGE_SVG
    assert mime_type_for(output, "html") == TEXT_HTML


def test_widgets_win_over_markdown_when_targeting_markdown_with_html():
    output = bundle({TEXT_MARKDOWN: "x", TEXT_PLAIN: "x", WIDGET_VIEW: {"model_id": "m"}})
    assert display_data_mime_type(output, to_html=True, to_markdown=True) == WIDGET_VIEW
    assert display_data_mime_type(output, to_markdown=True) == TEXT_MARKDOWN


def test_plain_markdown_target_takes_html_after_images():
    output = bundle({TEXT_HTML: ["<b>x</b>"], IMAGE_PNG: PNG})
    assert display_data_mime_type(output, to_markdown=True) == IMAGE_PNG
    assert display_data_mime_type(bundle({TEXT_HTML: ["<b>x</b>"]}), to_markdown=True) == TEXT_HTML
    assert display_data_mime_type(bundle({TEXT_HTML: ["<b>x</b>"]})) is None


# --- whole notebooks ------------------------------------------------------------------


def write_notebook(tmp_path, cells):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells
    path = tmp_path / "executed.ipynb"
    nbformat.write(notebook, path)
    return path


def code_cell(*outputs, source="x", tags=()):
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def test_good_outputs_raise_no_problem(tmp_path):
    path = write_notebook(
        tmp_path,
        [
            code_cell(PLOTLY_WITH_PNG),
            code_cell(bundle({TEXT_MARKDOWN: "Seven jurisdictions"})),
            code_cell(bundle({TEXT_HTML: TABLE_HTML, TEXT_PLAIN: "table"})),
            code_cell({"output_type": "stream", "name": "stdout", "text": "log line\n"}),
        ],
    )
    assert check_notebook_outputs(path) == []


def test_plotly_json_only_is_flagged(tmp_path):
    json_and_repr = bundle({PLOTLY_JSON: {"data": []}, TEXT_PLAIN: FIGURE_REPR})
    path = write_notebook(
        tmp_path,
        [
            code_cell(bundle({TEXT_MARKDOWN: "fine"})),
            code_cell(PLOTLY_JSON_ONLY),
            code_cell(bundle({TEXT_MARKDOWN: "fine"}), json_and_repr),
        ],
    )
    problems = check_notebook_outputs(path)
    assert [(p.cell, p.output) for p in problems] == [(1, 0), (2, 1)]
    assert all("plotly JSON only" in p.message for p in problems)
    assert problems[0].mime_types == (PLOTLY_JSON,)


def test_text_plain_figure_is_flagged_in_both_formats(tmp_path):
    path = write_notebook(tmp_path, [code_cell(bundle({TEXT_PLAIN: FIGURE_REPR}))])
    problems = check_notebook_outputs(path)
    assert [(p.cell, p.message.split(":")[0]) for p in problems] == [(0, "html"), (0, "typst")]
    assert all("text/plain" in p.message for p in problems)


def test_html_figure_without_image_is_flagged_for_typst_only(tmp_path):
    path = write_notebook(
        tmp_path, [code_cell(bundle({TEXT_HTML: PLOTLY_HTML, TEXT_PLAIN: FIGURE_REPR}))]
    )
    problems = check_notebook_outputs(path)
    assert [p.message.split(":")[0] for p in problems] == ["typst"]
    assert str(path) in str(problems[0]) and "cell 0, output 0" in str(problems[0])


def test_hidden_outputs_are_not_checked(tmp_path):
    text_only = bundle({TEXT_PLAIN: FIGURE_REPR})
    path = write_notebook(
        tmp_path,
        [
            code_cell(text_only, tags=["remove-output"]),
            code_cell(text_only, source="#| output: false\nfig"),
            code_cell(text_only, source="#| include: false\nfig"),
            code_cell(text_only, source="#| echo: false\nfig"),  # still shown
        ],
    )
    assert [p.cell for p in check_notebook_outputs(path)] == [3, 3]


@pytest.mark.e2e
def test_every_output_of_the_built_notebooks_shows_in_html_and_typst(built):
    """Every output the build left in reports/executed/ shows as html and as typst."""
    notebooks = sorted((built / "reports" / "executed").glob("*.ipynb"))
    sources = sorted((built / "notebooks").glob("*.ipynb"))
    assert [n.name for n in notebooks] == [s.name for s in sources]
    for notebook in notebooks:
        problems = check_notebook_outputs(notebook)
        assert problems == [], "\n".join(map(str, problems))
