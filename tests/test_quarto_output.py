"""The corrections to Quarto's output, on inputs shaped like what Quarto 1.10 writes."""

from __future__ import annotations

import copy
from pathlib import PurePosixPath

import pytest

from briefing import paths
from briefing.render import book
from briefing.render import quarto_output as qo

REQUIRE = (
    '<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js" '
    'integrity="sha384-AAAA sha384-BBBB" crossorigin="anonymous"></script>'
)
JQUERY = (
    '<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js" '
    'integrity="sha384-CCCC" crossorigin="anonymous" data-relocate-top="true"></script>'
)
DEFINE = (
    "<script type=\"application/javascript\">define('jquery', [],function() "
    "{return window.jQuery;})</script>"
)
OURS = (
    '<script src="assets/plotly-geo-assets.js"></script>\n'
    '<script src="assets/plotly.min.js"></script>\n'
    '<script src="assets/itables.js"></script>\n'
)
QUARTO_JS = '<script src="site_libs/quarto-html/quarto.js" type="module"></script>\n'


def page(head: str, body: str = "<p>Body</p>") -> str:
    return f"<!DOCTYPE html>\n<html><head>\n{head}</head><body>\n{body}\n</body></html>\n"


# --- widget CDN scripts ------------------------------------------------------------------------


def test_the_three_widget_tags_go_and_everything_else_stays():
    # jQuery is relocated to the top of <head>, the other two stay where the include put them.
    before = page(f'{JQUERY}\n<meta charset="utf-8">\n{QUARTO_JS}{REQUIRE}\n{DEFINE}\n{OURS}')
    after = qo.strip_widget_cdn(before)
    assert after == page(f'<meta charset="utf-8">\n{QUARTO_JS}{OURS}')
    assert qo.remote_script_sources(after) == []


def test_the_older_cdnjs_variant_and_attribute_order_are_recognised():
    head = (
        '<script crossorigin="anonymous" '
        'src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js"></script>\n'
        "<script type='application/javascript' data-relocate-top='true'>"
        "define('jquery', [], function() { return window.jQuery; })</script>\n" + OURS
    )
    assert qo.strip_widget_cdn(page(head)) == page(OURS)


def test_a_page_without_the_widget_tags_is_unchanged():
    plain = page(
        OURS + QUARTO_JS, '<div class="briefing-chart"><script>Plotly.newPlot()</script></div>'
    )
    assert qo.strip_widget_cdn(plain) == plain


def test_other_remote_scripts_and_other_define_calls_are_kept():
    keep = (
        '<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.7/require.min.js"></script>\n'
        '<script src="https://cdn.plot.ly/plotly-2.35.2.min.js"></script>\n'
        "<script>define('plotly', [], function() { return window.Plotly; })</script>\n"
        # the right URL, but with inline code: not the tag Quarto writes
        '<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js">x()</script>\n'
    )
    assert qo.strip_widget_cdn(page(keep)) == page(keep)
    assert qo.remote_script_sources(page(keep)) == [
        "https://cdn.jsdelivr.net/npm/requirejs@2.3.7/require.min.js",
        "https://cdn.plot.ly/plotly-2.35.2.min.js",
        "https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js",
    ]


def test_remote_script_sources_sees_protocol_relative_urls_and_skips_local_ones():
    head = '<script src="//example.org/x.js"></script>\n' + OURS + QUARTO_JS
    assert qo.remote_script_sources(page(head)) == ["//example.org/x.js"]


# --- data-notebook paths ------------------------------------------------------------------------

ROOT = PurePosixPath("/home/ci/work/briefing")


def embed(notebook: str) -> str:
    # pandoc's data- prefix on the embed div's attributes; deno-dom lower-cases the names.
    return (
        f'<div class="quarto-embed-nb-cell" data-notebook="{notebook}" '
        'data-notebook-title="Adoption" data-notebook-cellid="fig-adoption-curve">\n'
        '<div class="cell" data-execution_count="4"></div>\n</div>'
    )


def test_absolute_notebook_paths_become_project_relative():
    before = page("", embed("/home/ci/work/briefing/reports/executed/adoption.ipynb"))
    after = qo.relative_notebook_paths(before, ROOT)
    assert after == page("", embed("reports/executed/adoption.ipynb"))
    assert "/home/ci" not in after


def test_the_same_page_from_two_checkouts_becomes_identical():
    one = page("", embed("/home/a/briefing/reports/executed/x.ipynb"))
    two = page("", embed("/srv/b/briefing/reports/executed/x.ipynb"))
    assert qo.relative_notebook_paths(one, "/home/a/briefing") == qo.relative_notebook_paths(
        two, "/srv/b/briefing"
    )


def test_relative_paths_and_other_data_notebook_attributes_are_kept():
    kept = page("", embed("reports/executed/adoption.ipynb"))
    assert qo.relative_notebook_paths(kept, ROOT) == kept
    other = page("", '<div data-notebook-title="/home/ci/work/briefing/x"></div>')
    assert qo.relative_notebook_paths(other, ROOT) == other


def test_escaped_characters_in_the_path_are_handled():
    before = page("", embed("/home/ci/work/briefing/reports/R&amp;D/a b.ipynb"))
    assert 'data-notebook="reports/R&amp;D/a b.ipynb"' in qo.relative_notebook_paths(before, ROOT)


def test_a_notebook_outside_the_project_is_an_error():
    with pytest.raises(ValueError, match="outside the project"):
        qo.relative_notebook_paths(page("", embed("/tmp/elsewhere/x.ipynb")), ROOT)


# --- cell metadata and private attributes ---------------------------------------------------------


def executed_notebook() -> dict:
    # What papermill (through nbclient) leaves in an executed notebook's cells.
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"},
            "papermill": {"parameters": {"as_of": "2026-11-30", "focus": "JP"}, "duration": 9.1},
        },
        "cells": [
            {
                "cell_type": "code",
                "id": "fig-adoption-curve",
                "execution_count": 4,
                "source": "#| label: fig-adoption-curve\nshow(fig)",
                "outputs": [{"output_type": "display_data", "data": {"text/html": "<div></div>"}}],
                "metadata": {
                    "tags": ["figure"],
                    "collapsed": False,
                    "papermill": {
                        "duration": 0.41,
                        "end_time": "2026-12-01T09:00:01.5",
                        "exception": False,
                        "start_time": "2026-12-01T09:00:01.1",
                        "status": "completed",
                    },
                    "execution": {"iopub.status.busy": "2026-12-01T09:00:01.1"},
                },
            },
            {"cell_type": "markdown", "id": "intro", "source": "# Adoption", "metadata": {}},
        ],
    }


def test_object_valued_cell_metadata_is_removed_and_the_rest_kept():
    nb = executed_notebook()
    untouched = copy.deepcopy(nb)
    cleaned = qo.clean_cell_metadata(nb)
    assert cleaned["cells"][0]["metadata"] == {"tags": ["figure"], "collapsed": False}
    assert cleaned["cells"][1] == untouched["cells"][1]
    # Notebook metadata (the edition's parameters) and outputs are not cell metadata.
    assert cleaned["metadata"] == untouched["metadata"]
    assert cleaned["cells"][0]["outputs"] == untouched["cells"][0]["outputs"]
    assert nb == untouched, "the input notebook is not modified"


def test_cleaning_works_on_nbformat_nodes():
    nbformat = pytest.importorskip("nbformat")
    node = nbformat.from_dict(executed_notebook())
    cleaned = qo.clean_cell_metadata(node)
    assert set(cleaned.cells[0].metadata) == {"tags", "collapsed"}
    assert "papermill" in node.cells[0].metadata


def test_private_attributes_are_stripped_and_other_data_attributes_kept():
    private = (
        ' data-quarto-private-1="{&quot;key&quot;:&quot;papermill&quot;,&quot;value&quot;:'
        '{&quot;duration&quot;:0.41}}" data-quarto-private-2="{&quot;key&quot;:&quot;execution'
        '&quot;,&quot;value&quot;:{}}"'
    )
    cell = (
        '<div id="fig-a" class="cell"{p} data-tags="[&quot;figure&quot;]" data-execution_count="4">'
    )
    assert qo.strip_private_attributes(cell.format(p=private)) == cell.format(p="")
    untouched = '<div class="cell" data-quarto-privacy="yes" data-private-1="x"></div>'
    assert qo.strip_private_attributes(untouched) == untouched


# --- theme, typst ------------------------------------------------------------------------------------


def test_scss_defaults_switch_off_the_web_font():
    text = qo.scss_defaults()
    assert text.startswith("/*-- scss:defaults --*/\n")
    assert "$web-font-path: false;" in text
    assert "!default" not in text and "googleapis" not in text


def _luminance(colour: str) -> float:
    # WCAG 2.1 relative luminance of an sRGB colour written #rrggbb.
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratio_is_computed_as_wcag_defines_it():
    assert round(_contrast("#000000", "#ffffff"), 1) == 21.0
    assert _contrast("#777777", "#ffffff") < 4.5 < _contrast("#767676", "#ffffff")


def test_the_theme_colours_read_at_4_5_to_1_on_every_ground():
    import re

    text = (paths.ROOT / "briefing.scss").read_text(encoding="utf-8")
    colours = dict(re.findall(r"^\$([\w-]+):\s*(#[0-9a-fA-F]{6});", text, re.MULTILINE))
    # cosmo's muted grey, Quarto's link, contents, code and sidebar text: all set here.
    assert set(colours) >= {"gray-600", "text-muted", "link-color", "toc-color", "code-color"}
    assert "sidebar-fg" in colours
    assert _contrast("#868e96", "#ffffff") < 4.5  # cosmo's own $gray-600 would fail
    for name, colour in colours.items():
        for ground in qo.SCSS_GROUNDS:
            assert _contrast(colour, ground) >= 4.5, (name, colour, ground)


def test_pagination_links_are_named_by_what_they_show():
    page = (
        '<a href="entity_list.html" class="pagination-link" aria-label="Growth of the Entity'
        ' List"><span class="nav-page-text"><span class="chapter-number">2</span>&nbsp;'
        ' <span class="chapter-title">Growth of the Entity List</span></span></a>'
        '<a href="x.html" class="nav-link" aria-label="Kept">x</a>'
    )
    fixed = qo.name_pagination_links_by_their_text(page)
    assert '<a href="entity_list.html" class="pagination-link">' in fixed
    assert 'aria-label="Kept"' in fixed
    assert fixed.count("aria-label") == 1


def test_the_edition_block_never_turns_data_into_markup():
    text = 'Built from commit abc1234 for JP as of 2026-11-30. "Quoted" #hash $x$ \\ <b>'
    assert qo.html_edition_block(text) == (
        '<p class="briefing-edition">Built from commit abc1234 for JP as of 2026-11-30. '
        "&quot;Quoted&quot; #hash $x$ \\ &lt;b&gt;</p>\n"
    )


# --- chapter numbering ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "numbered"),
    [
        ('---\ntitle: "Adoption"\n---\n\nText.\n', True),
        ("# Executive summary {.unnumbered}\n\nText.\n", False),
        (
            "---\nexecute: {echo: false}\n---\n\n# Executive summary {.unnumbered .unlisted}\n",
            False,
        ),
        # parsePandocTitle needs a leading '#': a front-matter title with the class stays numbered
        ('---\ntitle: "Executive summary {.unnumbered}"\n---\n\nText.\n', True),
        # the front-matter title wins over a heading
        ('---\ntitle: "Summary"\n---\n\n# Summary {.unnumbered}\n', True),
        ("# Sources {#sec-sources}\n", True),
        ("No heading at all.\n", True),
    ],
)
def test_chapters_are_numbered_as_quarto_numbers_them(source, numbered):
    assert book.parse_chapter(source)[2] is numbered


def test_an_unnumbered_title_heading_becomes_the_title_and_leaves_the_body():
    title, body, numbered = book.parse_chapter("# Executive summary {.unnumbered}\n\nText.\n")
    assert (title, body.strip(), numbered) == ("Executive summary", "Text.", False)


# --- what a post-render step publishes ---------------------------------------------------------------

PROJECT = PurePosixPath("/home/ci/work/briefing")
STAGE = PROJECT / "reports" / ".quarto-site"


def decide(files: list[str], render_all: bool = True):
    return qo.publication(
        "\n".join(files) + "\n",
        project_dir=PROJECT,
        output_dir=STAGE,
        render_all=render_all,
        book_outputs=["briefing.pdf"],
    )


def test_a_full_render_replaces_the_site():
    got = decide(
        [
            "reports/.quarto-site/index.html",
            "reports/.quarto-site/adoption.html",
            "reports/.quarto-site/briefing.pdf",
        ]
    )
    assert got == qo.Publication(replace_site=True, copy=("briefing.pdf",), keep=())


def test_to_html_replaces_the_pages_and_keeps_the_last_pdf():
    got = decide(["reports/.quarto-site/index.html", "reports/.quarto-site/sources.html"])
    assert got == qo.Publication(replace_site=True, copy=(), keep=("briefing.pdf",))


def test_to_typst_only_copies_the_pdf_into_the_existing_site():
    got = decide(["reports/.quarto-site/briefing.pdf"])
    assert got == qo.Publication(replace_site=False, copy=("briefing.pdf",), keep=())


def test_partial_renders_and_empty_lists_publish_nothing():
    assert decide(["reports/.quarto-site/index.html"], render_all=False) is None
    assert decide([]) is None


def test_absolute_paths_are_accepted_and_outside_paths_refused():
    got = decide([str(STAGE / "index.html")])
    assert got.replace_site
    with pytest.raises(ValueError, match="outside its output dir"):
        decide(["reports/site/index.html"])


# --- links --------------------------------------------------------------------------------------------


def test_local_link_targets_normalise_quartos_download_link():
    quarto = '<a href="./briefing.pdf" class="quarto-navigation-tool">PDF</a><a href="#top">top</a>'
    fallback = '<a href="briefing.pdf" download>Download the briefing (PDF)</a>'
    remote = '<a href="https://example.org/x.pdf">x</a><a href="mailto:a@b.c">mail</a>'
    assert qo.local_link_targets(quarto + remote) == {"briefing.pdf"}
    assert qo.local_link_targets(fallback) == {"briefing.pdf"}
    assert qo.local_link_targets('<a href="reports/downloads/./a.csv?x=1#y">a</a>') == {
        "reports/downloads/a.csv"
    }
