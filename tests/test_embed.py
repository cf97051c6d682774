"""The fallback renderer's embed shortcode picks the cells and MIME types Quarto would."""

import nbformat
import pytest

from briefing.book.engines.fallback import embed, pandoc
from briefing.errors import RenderError


def notebook(tmp_path, outputs_by_label):
    nb = nbformat.v4.new_notebook()
    for label, (options, outputs) in outputs_by_label.items():
        cell = nbformat.v4.new_code_cell(f"#| label: {label}\n{options}x = 1")
        cell.outputs = [nbformat.from_dict(o) for o in outputs]
        nb.cells.append(cell)
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return path


CHART = {
    "output_type": "display_data",
    "metadata": {},
    "data": {"text/html": "<div>chart</div>", "image/png": "iVBORw0KGgo="},
}
MARKDOWN = {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": "- a finding"}}


def expand(tmp_path, text, target):
    images = {}

    def sink(name, data):
        images[name] = data
        return f"figures/{name}"

    out = embed.expand(
        text, base=tmp_path, target=target, images=sink, numbering=embed.FigureNumbers("2")
    )
    return out, images


def test_chart_is_html_on_the_site_and_an_image_in_the_pdf(tmp_path):
    notebook(tmp_path, {"fig-a": ('#| fig-cap: "A caption"\n', [CHART])})
    html, images = expand(tmp_path, "{{< embed nb.ipynb#fig-a >}}", "html")
    assert "<div>chart</div>" in html and "Figure 2.1: A caption" in html and not images
    typst, images = expand(tmp_path, "{{< embed nb.ipynb#fig-a >}}", "typst")
    assert len(images) == 1 and "<div>" not in typst
    assert typst.strip().startswith("![A caption](figures/fig-a-0-")


def test_markdown_output_is_kept_for_both_targets(tmp_path):
    notebook(tmp_path, {"findings": ("", [MARKDOWN])})
    for target in ("html", "typst"):
        assert (
            expand(tmp_path, "Before\n\n{{< embed nb.ipynb#findings >}}", target)[0]
            == "Before\n\n- a finding"
        )


def test_unknown_label_and_missing_notebook_are_clear_errors(tmp_path):
    notebook(tmp_path, {"fig-a": ("", [CHART])})
    with pytest.raises(RenderError, match="no cell labelled 'fig-b'"):
        expand(tmp_path, "{{< embed nb.ipynb#fig-b >}}", "html")
    with pytest.raises(RenderError, match="does not exist"):
        expand(tmp_path, "{{< embed other.ipynb#fig-a >}}", "html")


def test_error_outputs_stop_the_render(tmp_path):
    error = {"output_type": "error", "ename": "ValueError", "evalue": "bad", "traceback": []}
    notebook(tmp_path, {"fig-a": ("", [error])})
    with pytest.raises(RenderError, match="ValueError: bad"):
        expand(tmp_path, "{{< embed nb.ipynb#fig-a >}}", "html")


# A caption is Markdown, as Quarto reads a cell's fig-cap (src/core/jupyter/jupyter.ts puts it
# in the figure's Markdown): a link and a cross-reference to the sources appendix are links.
CAPTION = "Source: *a* table (see [the list](https://example.org/x); see @tbl-b)"


@pytest.mark.parametrize(("label", "output"), [("fig-a", CHART), ("tbl-a", MARKDOWN)])
def test_a_caption_is_markdown_with_its_links_on_the_site_and_in_the_pdf(tmp_path, label, output):
    from briefing.book.engines.fallback import crossref

    kind = label.split("-")[0]
    notebook(tmp_path, {label: (f"#| {kind}-cap: '{CAPTION}'\n", [output])})
    sources = {"tbl-b": crossref.Target("tbl-b", "sources.html", "Table", "D.3")}
    for target in ("html", "typst"):
        expanded, _ = expand(tmp_path, f"{{{{< embed nb.ipynb#{label} >}}}}", target)
        resolved = crossref.resolve(expanded, sources, target=target, page="adoption.html")
        if target == "html":
            page = pandoc.run(["--from", pandoc.MARKDOWN, "--to", "html", "--wrap=none"], resolved)
            caption = page.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]
            assert "<em>a</em>" in caption
            assert '<a href="https://example.org/x">the list</a>' in caption
            assert '<a href="sources.html#tbl-b">Table D.3</a>' in caption
        else:
            assert "#briefing-ref(<tbl-b>" in resolved
            text = pandoc.run(["--from", pandoc.MARKDOWN, "--to", "plain", "--wrap=none"], resolved)
            assert "Source: a table (see the list;" in text and "](" not in text
