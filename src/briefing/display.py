"""How tables and computed prose leave a notebook: MIME bundles both renderers understand."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown, display


def show_markdown(text: str) -> None:
    """Show computed prose; Quarto and the fallback renderer both take text/markdown."""
    display(Markdown(text))


def show_table(
    frame: pd.DataFrame,
    *,
    compact: list[str] | None = None,
    links: dict[str, str] | None = None,
    caption: str = "",
) -> None:
    """Show a table: full HTML for the site, a compact Markdown table for the PDF.

    ``links`` maps a shown column to a hidden column of URLs its cells link to (http and
    https only; anything else stays plain text).
    """
    links = links or {}
    shown = [c for c in frame.columns if c not in links.values()]
    display(
        {
            "text/html": table_html(frame, shown, links, caption=caption),
            "text/markdown": table_markdown(frame, compact or shown, links),
        },
        raw=True,
    )


def table_html(frame: pd.DataFrame, columns: list[str], links: dict[str, str], *, caption: str = "") -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for column in columns:
            text = html.escape(_cell(row[column]))
            url = safe_url(row[links[column]]) if column in links else None
            cells.append(f'<td><a href="{html.escape(url, quote=True)}">{text}</a></td>' if url else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="briefing-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def table_markdown(frame: pd.DataFrame, columns: list[str], links: dict[str, str]) -> str:
    header = "| " + " | ".join(_md(str(c)) for c in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column in columns:
            text = _md(_cell(row[column]))
            url = safe_url(row[links[column]]) if column in links else None
            cells.append(f"[{text}](<{_md_url(url)}>)" if url else text)
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *body])


def safe_url(value: object) -> str | None:
    """The value if it is an http(s) URL, else None: data never supplies a javascript: link."""
    text = _cell(value).strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _md_url(url: str) -> str:
    # Percent-encode what could end a Markdown link destination early.
    return "".join(f"%{ord(ch):02X}" if ch in "<> \"\\`" or ord(ch) < 32 else ch for ch in url)


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value)


def _md(text: str) -> str:
    # Markdown and pandoc control characters are escaped so data text prints literally.
    out = []
    for ch in text.replace("\n", " "):
        out.append("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|$@~^&=\"'" else ch)
    return "".join(out)
