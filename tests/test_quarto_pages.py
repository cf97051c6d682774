"""The corrections to the pages Quarto writes, on inputs shaped like what Quarto 1.10 writes."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from briefing.book import quarto_pages as qp

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
    after = qp.strip_widget_cdn(before)
    assert after == page(f'<meta charset="utf-8">\n{QUARTO_JS}{OURS}')
    assert qp.remote_script_sources(after) == []


def test_the_older_cdnjs_variant_and_attribute_order_are_recognised():
    head = (
        '<script crossorigin="anonymous" '
        'src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js"></script>\n'
        "<script type='application/javascript' data-relocate-top='true'>"
        "define('jquery', [], function() { return window.jQuery; })</script>\n" + OURS
    )
    assert qp.strip_widget_cdn(page(head)) == page(OURS)


def test_a_page_without_the_widget_tags_is_unchanged():
    plain = page(
        OURS + QUARTO_JS, '<div class="briefing-chart"><script>Plotly.newPlot()</script></div>'
    )
    assert qp.strip_widget_cdn(plain) == plain


def test_other_remote_scripts_and_other_define_calls_are_kept():
    keep = (
        '<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.7/require.min.js"></script>\n'
        '<script src="https://cdn.plot.ly/plotly-2.35.2.min.js"></script>\n'
        "<script>define('plotly', [], function() { return window.Plotly; })</script>\n"
        # the right URL, but with inline code: not the tag Quarto writes
        '<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js">x()</script>\n'
    )
    assert qp.strip_widget_cdn(page(keep)) == page(keep)
    assert qp.remote_script_sources(page(keep)) == [
        "https://cdn.jsdelivr.net/npm/requirejs@2.3.7/require.min.js",
        "https://cdn.plot.ly/plotly-2.35.2.min.js",
        "https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js",
    ]


def test_only_a_closed_script_element_is_removed_whatever_its_case():
    cdn = "https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js"
    assert qp.strip_widget_cdn(f'<SCRIPT SRC="{cdn}"></Script >\n<p>x</p>') == "<p>x</p>"
    for kept in (f'<script src="{cdn}"/>\n<p>x</p>', f'<p>x</p><script src="{cdn}">'):
        assert qp.strip_widget_cdn(kept) == kept


def test_remote_script_sources_sees_protocol_relative_urls_and_skips_local_ones():
    head = '<script src="//example.org/x.js"></script>\n' + OURS + QUARTO_JS
    assert qp.remote_script_sources(page(head)) == ["//example.org/x.js"]


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
    after = qp.relative_notebook_paths(before, ROOT)
    assert after == page("", embed("reports/executed/adoption.ipynb"))
    assert "/home/ci" not in after


def test_the_same_page_from_two_checkouts_becomes_identical():
    one = page("", embed("/home/a/briefing/reports/executed/x.ipynb"))
    two = page("", embed("/srv/b/briefing/reports/executed/x.ipynb"))
    assert qp.relative_notebook_paths(one, "/home/a/briefing") == qp.relative_notebook_paths(
        two, "/srv/b/briefing"
    )


def test_relative_paths_and_other_data_notebook_attributes_are_kept():
    kept = page("", embed("reports/executed/adoption.ipynb"))
    assert qp.relative_notebook_paths(kept, ROOT) == kept
    other = page("", '<div data-notebook-title="/home/ci/work/briefing/x"></div>')
    assert qp.relative_notebook_paths(other, ROOT) == other


def test_escaped_characters_in_the_path_are_handled():
    before = page("", embed("/home/ci/work/briefing/reports/R&amp;D/a b.ipynb"))
    assert 'data-notebook="reports/R&amp;D/a b.ipynb"' in qp.relative_notebook_paths(before, ROOT)


def test_a_notebook_outside_the_project_is_an_error():
    with pytest.raises(ValueError, match="outside the project"):
        qp.relative_notebook_paths(page("", embed("/tmp/elsewhere/x.ipynb")), ROOT)


# --- private attributes, pagination links -------------------------------------------------------


def test_private_attributes_are_stripped_and_other_data_attributes_kept():
    private = (
        ' data-quarto-private-1="{&quot;key&quot;:&quot;papermill&quot;,&quot;value&quot;:'
        '{&quot;duration&quot;:0.41}}" data-quarto-private-2="{&quot;key&quot;:&quot;execution'
        '&quot;,&quot;value&quot;:{}}"'
    )
    cell = (
        '<div id="fig-a" class="cell"{p} data-tags="[&quot;figure&quot;]" data-execution_count="4">'
    )
    assert qp.strip_private_attributes(cell.format(p=private)) == cell.format(p="")
    untouched = '<div class="cell" data-quarto-privacy="yes" data-private-1="x"></div>'
    assert qp.strip_private_attributes(untouched) == untouched


def test_pagination_links_are_named_by_what_they_show():
    page = (
        '<a href="entity_list.html" class="pagination-link" aria-label="Growth of the Entity'
        ' List"><span class="nav-page-text"><span class="chapter-number">2</span>&nbsp;'
        ' <span class="chapter-title">Growth of the Entity List</span></span></a>'
        '<a href="x.html" class="nav-link" aria-label="Kept">x</a>'
    )
    fixed = qp.name_pagination_links_by_their_text(page)
    assert '<a href="entity_list.html" class="pagination-link">' in fixed
    assert 'aria-label="Kept"' in fixed
    assert fixed.count("aria-label") == 1


GLASS = (
    '<div id="quarto-sidebar-glass" class="quarto-sidebar-collapse-item" data-bs-toggle="collapse"'
    ' data-bs-target=".quarto-sidebar-collapse-item" ></div>'
)


def test_the_phone_sidebars_backdrop_is_hidden_from_assistive_technology():
    fixed = qp.hide_sidebar_glass(GLASS + '<div id="quarto-sidebar" class="sidebar"></div>')
    assert fixed == (
        '<div id="quarto-sidebar-glass" class="quarto-sidebar-collapse-item" data-bs-toggle='
        '"collapse" data-bs-target=".quarto-sidebar-collapse-item" aria-hidden="true"></div>'
        '<div id="quarto-sidebar" class="sidebar"></div>'
    )
    assert qp.hide_sidebar_glass(fixed) == fixed


# --- attribute order ---------------------------------------------------------------------------


def embedded_figure(cell_attributes: str) -> str:
    # An embedded cell labelled fig-…: the cell's div, then the float's div that
    # floatreftarget.lua writes with the cell's attributes in the order of a Lua table.
    return (
        '<div class="cell" data-execution_count="4" data-tags="[&quot;figure&quot;]">\n'
        f'<div id="fig-adoption-curve" class="cell quarto-figure quarto-figure-center" '
        f"{cell_attributes}>\n"
        '<figure class="quarto-float quarto-float-fig figure">\n'
        '<div aria-describedby="fig-adoption-curve-caption" data-b="2" data-a="1">chart</div>\n'
        "</figure>\n</div>\n</div>"
    )


EXECUTION_FIRST = 'data-execution_count="4" data-tags="[&quot;figure&quot;]"'
TAGS_FIRST = 'data-tags="[&quot;figure&quot;]" data-execution_count="4"'


def test_two_renders_that_differ_only_in_attribute_order_become_identical():
    one, two = page("", embedded_figure(EXECUTION_FIRST)), page("", embedded_figure(TAGS_FIRST))
    assert one != two
    assert qp.normalise_attribute_order(one) == qp.normalise_attribute_order(two)
    assert qp.correct(one, ROOT) == qp.correct(two, ROOT)
    # The order written is id, class, then the others by name; the page is otherwise as it was.
    assert qp.normalise_attribute_order(two) == one


def test_attribute_order_is_kept_where_quarto_writes_one_order():
    # The div inside the figure is not a cell nor a figure: its order is pandoc's, kept.
    fixed = qp.normalise_attribute_order(page("", embedded_figure(TAGS_FIRST)))
    assert 'data-b="2" data-a="1"' in fixed
    swapped = '<div id="x" data-tags="[]" class="cell" data-execution_count="1"></div>'
    assert qp.normalise_attribute_order(swapped) == (
        '<div id="x" class="cell" data-execution_count="1" data-tags="[]"></div>'
    )


# --- every correction in one reading ---------------------------------------------------------


# Markup a tree-building parser would write anew: single quotes, bare and upper-case names,
# character references, a void tag, a comment, CRLF line ends, a script holding '<' and a tag.
UNTOUCHED = (
    "<!DOCTYPE html>\r\n<HTML lang=en><head>\r\n<meta charset='utf-8'>\r\n"
    '<!-- <script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js"></script> -->\r\n'
    "<script>if (a < b) { el.innerHTML = '<p>x</p>'; }</script>\r\n"
    '</head><body><a href=./briefing.pdf download class="x">PDF</a>&nbsp;&#39;é&amp;<br>'
    "<p title='a > b'>text</p></body></HTML>\r\n"
)


def test_a_page_with_nothing_to_correct_comes_back_byte_for_byte():
    assert qp.correct(UNTOUCHED, ROOT) == UNTOUCHED


def test_only_the_corrected_tags_change():
    link = '<a class="pagination-link" title="a > b" aria-label="Next">Next</a>'
    before = UNTOUCHED.replace("<br>", f"<br>{link}\r\n{REQUIRE}\r\n")
    after = qp.correct(before, ROOT)
    assert after == UNTOUCHED.replace(
        "<br>", '<br><a class="pagination-link" title="a &gt; b">Next</a>\r\n'
    )


def test_correct_is_every_correction_in_turn():
    before = page(
        f"{JQUERY}\n{OURS}",
        embed("/home/ci/work/briefing/reports/executed/adoption.ipynb")
        + embedded_figure(TAGS_FIRST).replace(
            ' class="cell"', ' data-quarto-private-1="{}" class="cell"', 1
        )
        + '<a href="x.html" class="pagination-link" aria-label="Next">Next</a>'
        + GLASS,
    )
    in_turn = qp.hide_sidebar_glass(
        qp.name_pagination_links_by_their_text(
            qp.strip_private_attributes(
                qp.normalise_attribute_order(
                    qp.relative_notebook_paths(qp.strip_widget_cdn(before), ROOT)
                )
            )
        )
    )
    assert qp.correct(before, ROOT) == in_turn
    assert qp.correct(in_turn, ROOT) == in_turn
    assert "private" not in in_turn and "aria-label" not in in_turn and "/home/ci" not in in_turn
    assert 'aria-hidden="true"' in in_turn


# --- links --------------------------------------------------------------------------------------------


def test_local_link_targets_normalise_quartos_download_link():
    quarto = '<a href="./briefing.pdf" class="quarto-navigation-tool">PDF</a><a href="#top">top</a>'
    fallback = '<a href="briefing.pdf" download>Download the briefing (PDF)</a>'
    remote = '<a href="https://example.org/x.pdf">x</a><a href="mailto:a@b.c">mail</a>'
    assert qp.local_link_targets(quarto + remote) == {"briefing.pdf"}
    assert qp.local_link_targets(fallback) == {"briefing.pdf"}
    assert qp.local_link_targets('<a href="reports/downloads/./a.csv?x=1#y">a</a>') == {
        "reports/downloads/a.csv"
    }
