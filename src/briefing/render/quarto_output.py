"""What Quarto 1.10 writes for the briefing, and the small corrections the build applies to it.

Each function names the quarto-cli source (tag v1.10.18) whose behaviour it answers. All are
pure: text or notebook dicts in, text or notebook dicts out; no Quarto, no files.
"""

from __future__ import annotations

import copy
import html
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath
from urllib.parse import urlsplit

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
_DEFINE_JQUERY = re.compile(
    r"\s*define\(\s*'jquery'\s*,\s*\[\]\s*,\s*function\s*\(\)\s*\{\s*return\s+window\.jQuery;?\s*\}\s*\);?\s*"
)
_SCRIPT = re.compile(
    r"[ \t]*<script\b([^>]*)>(.*?)</script\s*>[ \t]*(?:\r?\n)?", re.DOTALL | re.IGNORECASE
)
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def strip_widget_cdn(page: str) -> str:
    """Remove exactly the require.js, jQuery and ``define('jquery')`` tags Quarto adds for widgets.

    Every other script, local or remote, is kept.
    """

    def replace(match: re.Match) -> str:
        attrs = _attributes(match.group(1))
        body = match.group(2)
        if attrs.get("src") in WIDGET_CDN_SCRIPTS and not body.strip():
            return ""
        if "src" not in attrs and _DEFINE_JQUERY.fullmatch(body):
            return ""
        return match.group(0)

    return _SCRIPT.sub(replace, page)


def remote_script_sources(page: str) -> list[str]:
    """The ``src`` of every script a page loads from another host (http, https or //)."""
    sources = []
    for match in _SCRIPT.finditer(page):
        src = _attributes(match.group(1)).get("src", "")
        if urlsplit(src).netloc:
            sources.append(src)
    return sources


def _attributes(text: str) -> dict[str, str]:
    found = {}
    for name, double, single, bare in _ATTR.findall(text):
        found[name.lower()] = html.unescape(double or single or bare)
    return found


# --- src/core/jupyter/jupyter-embed.ts (notebookMarkdown) + format-html.ts -----------------
#
# An embed is wrapped in `:::{.quarto-embed-nb-cell notebook="..." notebook-title="..."
# notebook-cellId="..."}`; pandoc writes the attributes as data-notebook*. Only
# emplaceNotebookPreviews (format-html-notebook.ts) removes them, and format-html.ts calls it
# only when `notebook-links` is not false, which the briefing sets. The 1.10.18 render wrote
# the notebook's absolute path, so pages differed from machine to machine.
_DATA_NOTEBOOK = re.compile(r"""(\sdata-notebook\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def relative_notebook_paths(page: str, project_root: PurePath | str) -> str:
    """Rewrite absolute ``data-notebook`` paths as paths relative to the project, with ``/``.

    Relative values are kept; an absolute path outside the project raises ValueError, since
    no page of the briefing embeds a notebook from elsewhere.
    """
    root = PurePath(project_root)

    def replace(match: re.Match) -> str:
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        value = html.unescape(raw)
        path = type(root)(value)
        if not path.is_absolute():
            return match.group(0)
        try:
            relative = PurePosixPath(*path.relative_to(root).parts)
        except ValueError:
            raise ValueError(
                f"a page embeds {value}, which is outside the project {root}"
            ) from None
        return f'{match.group(1)}"{html.escape(str(relative), quote=True)}"'

    return _DATA_NOTEBOOK.sub(replace, page)


# --- src/core/jupyter/jupyter.ts (mdFromCodeCell) -------------------------------------------
#
# Every cell metadata key Quarto does not know is forwarded as an attribute of the cell's
# div; object values end up as data-quarto-private-N="{"key":...,"value":...}". papermill's
# `metadata.papermill` and nbclient's `metadata.execution` carry run timestamps, so each run
# changed every page. Quarto itself reads only `tags` (a list) from cell metadata
# (src/core/jupyter/tags.ts), so the object-valued keys can go before Quarto renders.


def clean_cell_metadata(notebook: Mapping) -> dict:
    """A copy of ``notebook`` whose cells keep no object-valued metadata (tags, scalars stay).

    Notebook-level metadata (papermill's parameters, the kernelspec) is left as it is.
    """
    cleaned = copy.deepcopy(notebook)
    for cell in cleaned.get("cells", []):
        metadata = cell.get("metadata", {})
        for key in [key for key, value in metadata.items() if isinstance(value, Mapping)]:
            del metadata[key]
    return cleaned


_PRIVATE_ATTRIBUTE = re.compile(
    r"""\sdata-quarto-private-\d+\s*=\s*(?:"[^"]*"|'[^']*')""", re.IGNORECASE
)


def strip_private_attributes(page: str) -> str:
    """Remove ``data-quarto-private-N`` attributes (a guard for pages of uncleaned notebooks)."""
    return _PRIVATE_ATTRIBUTE.sub("", page)


# --- src/resources/formats/html/bootstrap/themes/cosmo.scss + src/core/sass.ts -------------
#
# cosmo's rules layer has `$web-font-path: "https://fonts.googleapis.com/..." !default;
# @if $web-font-path { @import url($web-font-path); }`. A theme file listed after cosmo
# (`theme: [cosmo, briefing.scss]`) has its defaults placed before cosmo's (mergeLayers,
# compileSass), so a plain assignment there wins over the `!default`.
#
# The same holds for the colours (WCAG 2.1 AA asks 4.5:1 for text): cosmo's $gray-600
# (#868e96, muted text) is 3.3:1 on white; Quarto's _bootstrap-variables.scss gives inline
# code `$code-color: #9753b8` (4.2:1 on a #e9ecef ground), the table of contents
# `$toc-color: $link-color` and the sidebar `$sidebar-fg: theme-contrast(...) !default`.
# Each is set here to a colour of at least 4.5:1 on white, on the sidebar's $light (#f8f9fa)
# and on #e9ecef (tests/test_quarto_output.py computes the ratios from these values).
# Quarto's section numbers and captions take `$body-secondary` when it is set, else the body
# colour dimmed by 25% (#6d7a86 on cosmo, 4.4:1: the body-secondary mixin,
# formats/html/bootstrap/_bootstrap-mixins.scss); Bootstrap's own muted text,
# `$body-secondary-color`, is the body colour at 75% opacity.
SCSS_COLOURS = {
    "gray-600": "#5a6169",
    "text-muted": "#5a6169",
    "body-secondary": "#5a6169",
    "body-secondary-color": "#5a6169",
    "link-color": "#175ea8",
    "toc-color": "#175ea8",
    "code-color": "#7d12ba",
    "sidebar-fg": "#373a3c",
}
# The grounds those colours are read on: the page, the sidebar ($light), code and table stripes.
SCSS_GROUNDS = ("#ffffff", "#f8f9fa", "#e9ecef")


def scss_defaults() -> str:
    """The SCSS defaults layer of briefing.scss: no web font, readable colours."""
    colours = "".join(f"${name}: {value};\n" for name, value in SCSS_COLOURS.items())
    return (
        "/*-- scss:defaults --*/\n// No Google Fonts request: the site works offline.\n"
        "$web-font-path: false;\n"
        "// Text colours of at least 4.5:1 on the page, the sidebar and code (WCAG 2.1 AA).\n"
        + colours
    )


# --- src/resources/projects/website/templates/nav-after-body-postamble.ejs ----------------
#
# The previous/next links carry `aria-label="<%- nav.nextPage.text %>"`, while what they show
# is the chapter's number and title: the spoken name then differs from the visible one
# (axe-core's label-content-name-mismatch). Without the attribute the link is named by the
# text it shows.
_PAGINATION_LINK = re.compile(r"<a\b[^>]*\bpagination-link\b[^>]*>", re.IGNORECASE)
_ARIA_LABEL = re.compile(r"""\saria-label\s*=\s*(?:"[^"]*"|'[^']*')""", re.IGNORECASE)


def name_pagination_links_by_their_text(page: str) -> str:
    """Drop the aria-label of Quarto's previous/next links, so their visible text names them."""
    return _PAGINATION_LINK.sub(lambda match: _ARIA_LABEL.sub("", match.group(0)), page)


# The summary's key numbers look the same under both engines: the same rules here (a rules
# layer, after the theme's) as in the fallback's templates/briefing.css.
SUMMARY_RULES = (
    "// The summary's key numbers: each value set apart, with what it counts, its date and figure.\n"
    ".key-number { border-left: 4px solid #0072B2; background: #f3f7fa; padding: .5rem .9rem; "
    "margin: .9rem 0; }\n"
    ".key-number p { margin: 0; }\n"
    ".key-value { font-size: 1.9rem; font-weight: 700; line-height: 1.2; color: #005a8c; }\n"
    ".key-date { color: #555; font-size: .9rem; }\n"
)


# On a phone, wide tables scroll inside their own box (itables' div.dt-layout-table > div), and
# their columns keep a readable width; the fallback's briefing.css has the same rules.
PHONE_RULES = """@media (max-width: 800px) {
  table.dataTable th, table.dataTable td { min-width: 7rem; }
  table.dataTable:has(th:nth-child(3)) { min-width: 30rem; }
  table.dataTable:has(th:nth-child(4)) { min-width: 42rem; }
  table.dataTable:has(th:nth-child(6)) { min-width: 54rem; }
  div[id$="_fallback"] { overflow-x: auto; max-width: 100%; }
}
"""


# A labelled table is a float Quarto centres (`.quarto-figure-center > figure > div`,
# formats/html/_quarto-rules.scss) and its caption (`.quarto-float-tbl figcaption.quarto-float-
# caption-top`); both read left-aligned, as in the fallback, by rules more specific than those.
TABLE_RULES = """// Tables and their captions read left-aligned, as in the fallback.
.quarto-figure > figure.quarto-float-tbl > div,
.quarto-figure > figure.quarto-float-tbl > figcaption { text-align: left; }
"""


# The edition's line is the page footer's middle part (`book.page-footer.center`), which
# Quarto gives a third of the width (`flex: 1 1 0px`, projects/website/navigation/
# quarto-nav.scss): it takes the width its line needs, one line at desk width.
FOOTER_RULES = """// The edition's line at the foot of every page: one line where the page is wide enough.
.nav-footer .nav-footer-center { flex: 1 1 auto; }
"""


def scss_rules() -> str:
    """The SCSS rules layer of briefing.scss: tables, on a phone too, the edition's line, the
    summary's key numbers."""
    return "\n/*-- scss:rules --*/\n" + TABLE_RULES + PHONE_RULES + FOOTER_RULES + SUMMARY_RULES


# --- the edition's record on the sources page (sources.qmd: format.html.include-after-body) ----


def html_edition_block(text: str) -> str:
    """The edition's whole provenance record as an HTML paragraph (``include-after-body``)."""
    return f'<p class="briefing-edition">{html.escape(text)}</p>\n'


# --- src/command/render/project.ts (renderProject, runScripts) ----------------------------
#
# Post-render scripts run only when the render had no error, with QUARTO_PROJECT_OUTPUT_DIR
# (absolute), QUARTO_PROJECT_OUTPUT_FILES (newline-separated, relative to the project dir)
# and QUARTO_PROJECT_RENDER_ALL="1" on a full render (absent otherwise, e.g. preview reloads).


@dataclass(frozen=True)
class Publication:
    """What a post-render step copies from Quarto's output dir into the published site.

    ``replace_site``: the render made the HTML pages, so the output dir is the new site.
    ``copy``: single-file outputs (the PDF) this render made, relative to the output dir.
    ``keep``: book outputs this render did not make, to carry over from the previous site.
    """

    replace_site: bool
    copy: tuple[str, ...]
    keep: tuple[str, ...]


def publication(
    output_files: str,
    *,
    project_dir: PurePath | str,
    output_dir: PurePath | str,
    render_all: bool,
    book_outputs: Iterable[str] = (),
) -> Publication | None:
    """Decide what to publish after a render; None when nothing should change (partial render).

    ``output_files`` is QUARTO_PROJECT_OUTPUT_FILES; ``book_outputs`` the single-file outputs
    the book can make (e.g. ``briefing.pdf``), relative to the output dir.
    """
    if not render_all:
        return None
    project, out = PurePath(project_dir), PurePath(output_dir)
    produced = []
    for line in output_files.splitlines():
        if not line.strip():
            continue
        path = PurePath(line.strip())
        absolute = path if path.is_absolute() else project / path
        try:
            produced.append(PurePosixPath(*absolute.relative_to(out).parts).as_posix())
        except ValueError:
            raise ValueError(
                f"Quarto reported {line.strip()}, outside its output dir {out}"
            ) from None
    if not produced:
        return None
    pages = [name for name in produced if name.endswith(".html")]
    singles = tuple(sorted(name for name in produced if not name.endswith(".html")))
    keep = tuple(sorted(name for name in book_outputs if name not in singles)) if pages else ()
    return Publication(replace_site=bool(pages), copy=singles, keep=keep)


# --- the PDF download link ------------------------------------------------------------------
#
# Quarto writes the book's download link as href="./briefing.pdf", the fallback renderer as
# href="briefing.pdf": the same target, different text.
_HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def local_link_targets(page: str) -> set[str]:
    """The page's links to files of the same site, normalised (``./x.pdf`` is ``x.pdf``)."""
    targets = set()
    for double, single in _HREF.findall(page):
        href = html.unescape(double or single)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        targets.add(posixpath.normpath(parts.path))
    return targets
