"""The corrections the build makes to the HTML pages Quarto 1.10 writes, and what it reads in them.

Each correction names the quarto-cli source (tag v1.10.18) whose behaviour it answers. All are
pure, text in and text out, and rewrite only the tags they change (html_source): a page
Quarto wrote the same way twice comes out the same twice, byte for byte.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import PurePath, PurePosixPath
from urllib.parse import urlsplit

from briefing.book import html_source
from briefing.book.html_source import Attributes, Tag

# A correction of one start tag: its name and attributes in, the attributes to write out.
AttributeFix = Callable[[str, Attributes], Attributes]

# --- src/core/jupyter/widgets.ts: includesForJupyterWidgetDependencies --------------------
#
# Any display_data/execute_result output with text/html or application/javascript anywhere
# in an embedded notebook makes Quarto add these three scripts to the page's <head>. The
# charts and tables load nothing through them (plotly.js, itables.js are local classic
# scripts), so they only cost three failed requests offline and "define is not defined".
WIDGET_CDN_SCRIPTS = frozenset(
    {
        # Quarto 1.10 (jsdelivr)
        "https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js",
        "https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js",
        # earlier releases of the same function (cdnjs)
        "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js",
        "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.5.1/jquery.min.js",
    }
)
# The script's text, JavaScript, not HTML: the one call Quarto writes, spaced as it may be.
_DEFINE_JQUERY = re.compile(
    r"\s*define\(\s*'jquery'\s*,\s*\[\]\s*,\s*function\s*\(\)\s*\{\s*return\s+window\.jQuery;?\s*\}\s*\);?\s*"
)


def _is_widget_script(tag: Tag) -> bool:
    if tag.get("src") in WIDGET_CDN_SCRIPTS:
        return not (tag.body or "").strip()
    has_src = any(key == "src" for key, _ in tag.attrs)
    return not has_src and bool(_DEFINE_JQUERY.fullmatch(tag.body or ""))


def strip_widget_cdn(page: str) -> str:
    """Remove exactly the require.js, jQuery and ``define('jquery')`` tags Quarto adds for widgets.

    Every other script, local or remote, is kept.
    """
    return _correct(page, drop_script=_is_widget_script)


def remote_script_sources(page: str) -> list[str]:
    """The ``src`` of every script a page loads from another host (http, https or //)."""
    sources = (tag.get("src") for tag in html_source.tags(page) if tag.name == "script")
    return [src for src in sources if src and urlsplit(src).netloc]


# --- src/core/jupyter/jupyter-embed.ts (notebookMarkdown) + format-html.ts -----------------
#
# An embed is wrapped in `:::{.quarto-embed-nb-cell notebook="..." notebook-title="..."
# notebook-cellId="..."}`; pandoc writes the attributes as data-notebook*. Only
# emplaceNotebookPreviews (format-html-notebook.ts) removes them, and format-html.ts calls it
# only when `notebook-links` is not false, which the briefing sets. The 1.10.18 render wrote
# the notebook's absolute path, so pages differed from machine to machine.


def _relative_notebook_path(root: PurePath, name: str, attrs: Attributes) -> Attributes:
    fixed = []
    for key, value in attrs:
        path = type(root)(value) if key == "data-notebook" and value else None
        if path is not None and path.is_absolute():
            try:
                value = PurePosixPath(*path.relative_to(root).parts).as_posix()
            except ValueError:
                raise ValueError(
                    f"a page embeds {path}, which is outside the project {root}"
                ) from None
        fixed.append((key, value))
    return tuple(fixed)


def relative_notebook_paths(page: str, project_root: PurePath | str) -> str:
    """Rewrite absolute ``data-notebook`` paths as paths relative to the project, with ``/``.

    Relative values are kept; an absolute path outside the project raises ValueError, since
    no page of the briefing embeds a notebook from elsewhere.
    """
    return _correct(page, [partial(_relative_notebook_path, PurePath(project_root))])


# --- src/core/jupyter/jupyter.ts (mdFromCodeCell) -------------------------------------------
#
# Every cell metadata key Quarto does not know is forwarded as an attribute of the cell's
# div; object values end up as data-quarto-private-N="{"key":...,"value":...}". The build
# removes them from the notebooks first (quarto_output.clean_cell_metadata); this is the guard.
_PRIVATE = re.compile(r"data-quarto-private-\d+")


def _without_private(name: str, attrs: Attributes) -> Attributes:
    return tuple((key, value) for key, value in attrs if not _PRIVATE.fullmatch(key))


def strip_private_attributes(page: str) -> str:
    """Remove ``data-quarto-private-N`` attributes (a guard for pages of uncleaned notebooks)."""
    return _correct(page, [_without_private])


# --- src/resources/projects/website/templates/nav-after-body-postamble.ejs ----------------
#
# The previous/next links carry `aria-label="<%- nav.nextPage.text %>"`, while what they show
# is the chapter's number and title: the spoken name then differs from the visible one
# (axe-core's label-content-name-mismatch). Without the attribute the link is named by the
# text it shows.


def _pagination_named_by_text(name: str, attrs: Attributes) -> Attributes:
    if name != "a" or "pagination-link" not in _classes(attrs):
        return attrs
    return tuple((key, value) for key, value in attrs if key != "aria-label")


def name_pagination_links_by_their_text(page: str) -> str:
    """Drop the aria-label of Quarto's previous/next links, so their visible text names them."""
    return _correct(page, [_pagination_named_by_text])


# --- src/resources/projects/website/templates/sidebar.ejs ------------------------------------
#
# On a phone the sidebar opens over the page with `div#quarto-sidebar-glass` behind it, a
# Bootstrap collapse toggle (data-bs-toggle="collapse") that closes it when tapped. Bootstrap's
# collapse sets aria-expanded on every toggle of what it opens, and a div without a role may
# not carry it (axe-core's aria-allowed-attr, critical). The glass is only a place to tap; the
# sidebar's own button is what assistive technology uses: the glass is hidden from it.


def _glass_hidden(name: str, attrs: Attributes) -> Attributes:
    if ("id", "quarto-sidebar-glass") not in attrs or ("aria-hidden", "true") in attrs:
        return attrs
    return (*attrs, ("aria-hidden", "true"))


def hide_sidebar_glass(page: str) -> str:
    """Hide the phone sidebar's backdrop (``#quarto-sidebar-glass``) from assistive technology."""
    return _correct(page, [_glass_hidden])


# --- src/resources/filters/customnodes/floatreftarget.lua + quarto-pre/parsefiguredivs.lua --
#
# A labelled cell (`#| label: fig-x`) becomes a FloatRefTarget whose attributes are the cell's
# (execution_count, tags, ...). Its constructor copies them into a plain Lua table
# (as_plain_table), and the HTML renderer writes them back out of it with pairs(), whose order
# changes from run to run: `data-execution_count` and `data-tags` swap between two renders of
# the same notebook. Those divs carry the cell's class `cell`; a figure made from an image
# (class `quarto-figure`) merges the image's attributes with pairs() too. The order written is
# pandoc's (id, then class) and then the other attributes by name.
_VARYING_ORDER = frozenset({"cell", "quarto-figure"})
_FIRST = {"id": 0, "class": 1}


def _attributes_in_order(name: str, attrs: Attributes) -> Attributes:
    if _VARYING_ORDER.isdisjoint(_classes(attrs)):
        return attrs
    return tuple(sorted(attrs, key=lambda attr: (_FIRST.get(attr[0], 2), attr[0])))


def normalise_attribute_order(page: str) -> str:
    """Write the attributes of cell and figure divs in one order, whatever order Quarto chose."""
    return _correct(page, [_attributes_in_order])


# --- all of them ------------------------------------------------------------------------------


def correct(page: str, project_root: PurePath | str) -> str:
    """Every correction above, in one reading of the page: what the build applies."""
    fixes = [
        partial(_relative_notebook_path, PurePath(project_root)),
        _without_private,
        _pagination_named_by_text,
        _glass_hidden,
        _attributes_in_order,
    ]
    return _correct(page, fixes, drop_script=_is_widget_script)


def _classes(attrs: Attributes) -> list[str]:
    return (next((value for key, value in attrs if key == "class"), None) or "").split()


def _correct(
    page: str,
    fixes: Iterable[AttributeFix] = (),
    drop_script: Callable[[Tag], bool] = lambda tag: False,
) -> str:
    fixes = list(fixes)
    edits = []
    for tag in html_source.tags(page):
        if tag.name == "script" and tag.element_end is not None and drop_script(tag):
            edits.append((*html_source.element_span(page, tag), ""))
            continue
        attrs = tag.attrs
        for fix in fixes:
            attrs = fix(tag.name, attrs)
        if attrs != tag.attrs:
            edits.append((tag.start, tag.end, html_source.start_tag(tag, attrs)))
    return html_source.splice(page, edits)


# --- the PDF download link ------------------------------------------------------------------
#
# Quarto writes the book's download link as href="./briefing.pdf", the fallback renderer as
# href="briefing.pdf": the same target, different text.


def local_link_targets(page: str) -> set[str]:
    """The page's links to files of the same site, normalised (``./x.pdf`` is ``x.pdf``)."""
    targets = set()
    for tag in html_source.tags(page):
        parts = urlsplit(tag.get("href") or "") if tag.name == "a" else None
        if parts and parts.path and not (parts.scheme or parts.netloc):
            targets.add(posixpath.normpath(parts.path))
    return targets
