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


# Every character that opens pandoc markup, and entities, sub- and superscript among them.
LITERAL = r"H~2~O, 10^6^ & &lt;b&gt; *a* _b_ `c` [d](e) @f $g$ #h |i| {j} \k <l>"


@pytest.mark.parametrize(("label", "output"), [("fig-a", CHART), ("tbl-a", MARKDOWN)])
def test_a_caption_prints_literally_in_the_pdf(tmp_path, label, output):
    kind = label.split("-")[0]
    notebook(tmp_path, {label: (f"#| {kind}-cap: '{LITERAL}'\n", [output])})
    typst, _ = expand(tmp_path, f"{{{{< embed nb.ipynb#{label} >}}}}", "typst")
    text = pandoc.run(["--from", pandoc.MARKDOWN, "--to", "plain", "--wrap=none"], typst)
    assert LITERAL in text
