"""Which output of a MIME bundle Quarto shows, per format: a port of Quarto's
`displayDataMimeType` (src/core/jupyter/display-data.ts). The fallback renderer uses it
so that both renderers show the same thing, and the checks use it to catch outputs that
would show as plain text.
"""

from __future__ import annotations

import re

from briefing.mime import (
    APPLICATION_JAVASCRIPT,
    APPLICATION_PDF,
    IMAGE_JPEG,
    IMAGE_PNG,
    IMAGE_SVG,
    TEXT_HTML,
    TEXT_LATEX,
    TEXT_MARKDOWN,
    TEXT_PLAIN,
    WIDGET_STATE,
    WIDGET_VIEW,
)

# How Quarto classifies the book's formats (isHtmlCompatible / isLatexOutput / isMarkdownOutput).
FORMAT_OPTIONS = {
    "html": {"to_html": True},
    "typst": {},
    "pdf": {"to_latex": True},
}


def display_data_mime_type(
    output: dict, *, to_html: bool = False, to_latex: bool = False, to_markdown: bool = False
) -> str | None:
    """The MIME type Quarto renders from a display_data/execute_result output (or None)."""
    priority = [TEXT_MARKDOWN, IMAGE_SVG, IMAGE_PNG, IMAGE_JPEG]
    if to_html:
        html_formats = [WIDGET_STATE, WIDGET_VIEW, APPLICATION_JAVASCRIPT, TEXT_HTML]
        priority = html_formats + priority
    elif to_latex:
        priority += [TEXT_LATEX, APPLICATION_PDF]
    elif to_markdown:
        priority += [TEXT_HTML]
    # An HTML table is read straight into pandoc's AST, so any format can use it.
    if display_data_has_html_table(output) and TEXT_HTML not in priority:
        priority.append(TEXT_HTML)
    priority.append(TEXT_PLAIN)
    available = output.get("data", {})
    return next((mime for mime in priority if mime in available), None)


def display_data_has_html_table(output: dict) -> bool:
    html = output.get("data", {}).get(TEXT_HTML)
    if not html:
        return False
    lines = html.splitlines() if isinstance(html, str) else list(html)
    return any(re.search(r"<table", line, re.IGNORECASE) for line in lines) and any(
        re.search(r"</table", line, re.IGNORECASE) for line in lines
    )


def mime_type_for(output: dict, output_format: str) -> str | None:
    """The MIME type Quarto picks for ``output`` in ``html``, ``typst`` or ``pdf``."""
    return display_data_mime_type(output, **FORMAT_OPTIONS[output_format])
