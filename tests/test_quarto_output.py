"""What the build gives Quarto and takes from it: notebooks, theme, edition lines, output."""

from __future__ import annotations

import copy
from pathlib import PurePosixPath

import pytest

from briefing import paths
from briefing.book import config as book
from briefing.book import quarto_output as qo

# --- cell metadata ---------------------------------------------------------------------------------


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
