"""What the build gives Quarto 1.10 and takes from it: notebooks, theme, edition lines, output.

Each function names the quarto-cli source (tag v1.10.18) whose behaviour it answers. All are
pure: text or notebook dicts in, text or notebook dicts out; no Quarto, no files. The
corrections to the HTML pages Quarto writes are in quarto_pages.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

# --- src/core/jupyter/jupyter.ts (mdFromCodeCell) -------------------------------------------
#
# Every cell metadata key Quarto does not know is forwarded as an attribute of the cell's
# div; object values end up as data-quarto-private-N="{"key":...,"value":...}". papermill's
# `metadata.papermill` and nbclient's `metadata.execution` carry run timestamps, so each run
# changed every page. Quarto itself reads only `tags` (a list) from cell metadata
# (src/core/jupyter/tags.ts), so the object-valued keys can go before Quarto renders
# (quarto_pages.strip_private_attributes removes what a page would still carry).


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


# The summary's key numbers look the same under both engines: these rules are briefing.scss's
# (a rules layer, after the theme's) and end the fallback's briefing.css (fallback/site.py), so
# they are plain CSS. Each key number's value is set apart, with what it counts, its date and
# its figure.
# The Japanese pages (`lang: ja`) name a local Japanese font (Debian's fonts-noto-cjk, the
# system's own elsewhere): no web font is requested. Both engines' pages link their counterpart.
LANGUAGE_RULES = (
    ':lang(ja) { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", '
    "sans-serif; line-height: 1.7; }\n"
    ".language-switch { margin: .25rem 0 .5rem; }\n"
)
SUMMARY_RULES = (
    ".key-number { border-left: 4px solid #0072B2; background: #f3f7fa; padding: .5rem .9rem; "
    "margin: .9rem 0; }\n"
    ".key-number p { margin: 0; }\n"
    ".key-value { font-size: 1.9rem; font-weight: 700; line-height: 1.2; color: #005a8c; }\n"
    ".key-date { color: #555; font-size: .9rem; }\n"
    # The bottom line set apart; the key numbers side by side where there is room, each with
    # its value in the previous edition greyed before it; the lists the summary folds.
    ".bottom-line { border: 1px solid #c9d9e6; border-left: 4px solid #0072B2; "
    "background: #f3f7fa; padding: .6rem .9rem; margin: .6rem 0 1rem; }\n"
    ".bottom-line p { margin: 0; }\n"
    ".key-numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); "
    "gap: .6rem; margin: .6rem 0; }\n"
    ".key-numbers .key-number { margin: 0; }\n"
    ".key-previous { color: #666; font-weight: 400; font-size: 1.3rem; }\n"
    ".bottom-line + p, .key-numbers + p { margin-top: .8rem; }\n"
    "details > summary { cursor: pointer; margin: .3rem 0; }\n"
    "details > summary p { display: inline; }\n"
    ".print-only { display: none; }\n"
    "@media (max-width: 600px) {\n"
    "  .key-value { font-size: 1.5rem; }\n"
    "  .key-number { padding: .35rem .7rem; }\n"
    "  .key-date { font-size: .85rem; }\n"
    "}\n"
)


# Without JavaScript a table's static copy scrolls inside its own box on a phone; with it, the
# table reads as cards there (templates/tables.css, shipped in the site's itables.js). The
# fallback's briefing.css has the same rule.
PHONE_RULES = """@media (max-width: 800px) {
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


# The home page's title block (formats/html/templates/title-block.html, title-metadata.html)
# holds the book's title, subtitle, description and author: on a phone about 300 px, which
# pushed the summary's bottom line below the first half-screen. There it keeps the title and
# subtitle, as the fallback's header does; the description and author stay at desk width.
TITLE_RULES = """// On a phone the title block is the title and subtitle: the summary opens the first screen.
@media (max-width: 600px) {
  #title-block-header .description, #title-block-header .quarto-title-meta { display: none; }
}
"""


def scss_rules() -> str:
    """The SCSS rules layer of briefing.scss: tables, on a phone too, the edition's line, the
    home page's title block on a phone, the summary's key numbers."""
    return (
        "\n/*-- scss:rules --*/\n"
        + TABLE_RULES
        + PHONE_RULES
        + FOOTER_RULES
        + TITLE_RULES
        + LANGUAGE_RULES
        + SUMMARY_RULES
    )


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
