"""How tables and computed prose leave a notebook: MIME bundles both renderers understand."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown, display


def show_markdown(text: str) -> None:
    """Show computed prose; Quarto and the fallback renderer both take text/markdown."""
    display(Markdown(text))


def show_table(frame: pd.DataFrame, *, compact: list[str] | None = None, caption: str = "") -> None:
    """Show a table: full HTML for the site, a compact Markdown table for the PDF."""
    display(
        {"text/html": table_html(frame, caption=caption), "text/markdown": table_markdown(frame[compact or list(frame.columns)])},
        raw=True,
    )


def table_html(frame: pd.DataFrame, *, caption: str = "") -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="briefing-table">{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def table_markdown(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(_md(str(c)) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(_md(_cell(v)) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value)


def _md(text: str) -> str:
    # Markdown and pandoc control characters are escaped so data text prints literally.
    out = []
    for ch in text.replace("\n", " "):
        out.append("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|$@~^&=\"'" else ch)
    return "".join(out)
