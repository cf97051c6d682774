"""How tables and computed prose leave a notebook: MIME bundles both renderers understand."""

from __future__ import annotations

import html
import re
from dataclasses import asdict

import pandas as pd
from IPython.display import Markdown, display

from briefing import mime
from briefing.chapters.findings import STALE_DAYS, Finding, KeyNumber, markdown
from briefing.charts.palette import ACCENT
from briefing.outputs import tables_html

# A notebook's `findings` cell shows Markdown for the page and the same findings as JSON, so
# tests (and any other reader) can check the numbers without parsing prose.
FINDINGS_MIME = "application/vnd.briefing.findings+json"
# A `key-numbers` cell likewise: the blocks for the page, the numbers as JSON.
KEY_NUMBERS_MIME = mime.KEY_NUMBERS


def show_markdown(text: str) -> None:
    """Show computed prose; Quarto and the fallback renderer both take text/markdown."""
    display(Markdown(text))


def show_findings(findings: list[Finding], lead: str = "") -> None:
    """A chapter's findings under its lead line (the date or caveat all of them share)."""
    display(
        {"text/markdown": markdown(findings, lead), FINDINGS_MIME: [asdict(f) for f in findings]},
        raw=True,
    )


def show_key_numbers(numbers: list[KeyNumber]) -> None:
    """Key numbers, each set apart: value, what it counts, its date, its figure."""
    display(
        {
            "text/markdown": key_numbers_markdown(numbers),
            KEY_NUMBERS_MIME: [asdict(n) for n in numbers],
        },
        raw=True,
    )


# A key number in print: a rule down its left side in the briefing's accent, as on the site.
PRINT_OPEN = (
    "```{=typst}\n"
    f'#block(stroke: (left: 3pt + rgb("{ACCENT}")), inset: (left: 9pt, y: 3pt), below: 10pt)['
    "\n```"
)
PRINT_CLOSE = "```{=typst}\n]\n```"


def key_numbers_markdown(numbers: list[KeyNumber]) -> str:
    """Each key number as a block of its own: value (after its value in the previous edition,
    where that differs), what it counts, its date, the previous edition's, and its figure."""
    blocks = []
    for number in numbers:
        changed = number.previous is not None and number.previous != number.value
        before = f"[{_md(number.previous)} → ]{{.key-previous}}" if changed else ""
        # The site styles the classes (briefing.scss, briefing.css); the PDF gets the same
        # look from raw typst, which every other output drops.
        blocks.append(
            "::: {.key-number}\n"
            f"{PRINT_OPEN}\n"
            f"[`#text(size: 16pt)[`{{=typst}}{before}**{number.value}**`]`{{=typst}}]"
            "{.key-value}\\\n"
            f"[{number.definition}]{{.key-definition}}\\\n"
            f"[As of {number.as_of}{_previous_edition(number, changed)} · see @{number.figure}]"
            "{.key-date}\n"
            f"\n{PRINT_CLOSE}\n"
            ":::"
        )
    # One wrapper, so that the site can set the blocks side by side (briefing.scss).
    return "::::: {.key-numbers}\n\n" + "\n\n".join(blocks) + "\n\n:::::"


def _previous_edition(number: KeyNumber, changed: bool) -> str:
    if number.previous is None:
        return ""
    if changed:
        return f"; {_md(number.previous)} in the previous edition ({number.previous_as_of})"
    return "; unchanged since the previous edition"


def show_freshness(tables, notes: dict[str, str] | None = None) -> None:
    """One statement per table (``chapters.sources.freshness``): its latest row and the day its
    sources were last searched, flagged when that was long before the edition; a derived
    table's list date and copy instead; ``notes`` adds where a table's series stops."""
    notes = notes or {}
    lines = []
    for table in tables:
        if table.note:
            taken = f"; the copy used was extracted on {table.extracted}" if table.extracted else ""
            when = f"{_md(table.note)}{taken}"
        else:
            latest = f"latest row dated {table.latest_row}" if table.latest_row else "no row yet"
            searched = (
                f"sources searched for new rows to {table.verified_through}"
                if table.verified_through
                else "when its sources were last searched is not recorded"
            )
            when = f"{latest}; {searched}"
        extra = f" {_md(notes[table.table])}" if notes.get(table.table) else ""
        flag = (
            f" **Not searched in the {STALE_DAYS} days before this edition: newer rows may be "
            "missing.**"
            if table.stale
            else ""
        )
        lines.append(f"- **{_md(table.title)}**: {when}.{extra}{flag}")
    show_markdown("\n".join(lines))


# Pages summarize: a table shows at most this many rows, the CSV download has them all.
ROW_LIMIT = 100


def show_table(
    frame: pd.DataFrame,
    *,
    compact: list[str] | None = None,
    links: dict[str, str] | None = None,
    caption: str = "",
    limit: int | None = ROW_LIMIT,
    print_limit: int | None = None,
) -> None:
    """Show a table: searchable and sortable on the site, a compact Markdown table in the PDF.

    ``links`` maps a shown column to a hidden column of URLs its cells link to (http and
    https only, or a page of the site; anything else stays plain text). ``compact`` names the
    columns the PDF prints; on the site they and the columns linking out (sources) always
    show, and the others fold into each row's details where the table is too wide
    (``tables_html``). Beyond ``limit`` rows,
    the first ``limit`` are shown with a note; ``print_limit``, where given, is the PDF's own
    limit (a printed table cannot be searched, so a long one is cut shorter there).
    """
    links = links or {}
    shown = [c for c in frame.columns if c not in links.values()]
    view, note = _first_rows(frame, limit)
    printed, print_note = _first_rows(frame, limit if print_limit is None else print_limit)
    # A source link always shows; a column linking within the site ("Cited by") may fold.
    external = {
        c for c, urls in links.items() if frame[urls].astype(str).str.match("https?://").any()
    }
    essential = None if compact is None else [c for c in shown if c in compact or c in external]
    display(
        {
            "text/html": table_html(view, shown, links, caption=caption, essential=essential)
            + (f'<p class="table-note">{note}</p>' if note else ""),
            "text/markdown": table_markdown(printed, compact or shown, links)
            + (f"\n\n*{print_note}*" if print_note else ""),
        },
        raw=True,
    )


def show_data(
    frame: pd.DataFrame,
    figure: str,
    *,
    columns: dict[str, str] | None = None,
    links: dict[str, str] | None = None,
    compact: list[str] | None = None,
) -> None:
    """Under a chart: the rows it draws with their source links, in a "Data and sources"
    block the reader opens on the site. The PDF leaves it out: its tables and the sources
    appendix carry the rows.

    ``figure`` is the chart's label (the block's id is ``data-`` and it). ``columns`` picks a
    table's own columns and names them for the reader (raw name to heading); ``links`` and
    ``compact`` are as ``show_table``'s.
    """
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
    links = links or {}
    shown = [c for c in frame.columns if c not in links.values()]
    # A source link always shows; a column linking within the site ("Cited by") may fold.
    external = {
        c for c, urls in links.items() if frame[urls].astype(str).str.match("https?://").any()
    }
    essential = None if compact is None else [c for c in shown if c in compact or c in external]
    table = table_html(frame, shown, links, essential=essential, role=f"data-{figure}")
    block = tables_html.data_block(table, len(frame), f"data-{figure}")
    display({"text/html": block, "text/markdown": ""}, raw=True)


def _first_rows(frame: pd.DataFrame, limit: int | None) -> tuple[pd.DataFrame, str]:
    if limit is None or len(frame) <= limit:
        return frame, ""
    note = f"Showing the first {limit} of {len(frame)} rows; the CSV download has them all."
    return frame.head(limit), note


def table_html(
    frame: pd.DataFrame,
    columns: list[str],
    links: dict[str, str],
    *,
    caption: str = "",
    essential: list[str] | None = None,
    role: str = "table",
) -> str:
    """An interactive table (itables, offline); every cell escaped here, links only to http(s).

    ``essential`` columns always show, the others may fold (all show when it is None)."""
    cells = pd.DataFrame(
        {
            column: [_cell_html(row, column, links) for _, row in frame.iterrows()]
            for column in columns
        },
        columns=columns,
    )
    filters = tables_html.filter_columns(frame, [c for c in columns if c not in links])
    return tables_html.datatable(
        cells, caption=caption, essential=essential, filters=filters, role=role
    )


def _cell_html(row: pd.Series, column: str, links: dict[str, str]) -> str:
    if isinstance(row[column], list):
        # Several names in one cell, each linked to its own page of the site where it has one.
        hrefs = row[links[column]] if column in links else [None] * len(row[column])
        return "; ".join(
            _page_link(name, href) for name, href in zip(row[column], hrefs, strict=True)
        )
    text = html.escape(_cell(row[column]))
    url = safe_url(row[links[column]]) if column in links else None
    if not url:
        return text
    # A link that reads as its own address may break anywhere (tables.css): a long URL then
    # takes no more room than its column gives it.
    kind = ' class="url"' if safe_url(row[column]) else ""
    return f'<a href="{html.escape(url, quote=True)}"{kind}>{text}</a>'


# A page of the site, relative to the page linking it ("adoption.html"): the only links a
# table makes besides http(s) ones.
_PAGE = re.compile(r"[a-z][a-z0-9_]*\.html")


def _page_link(name: str, href: str | None) -> str:
    text = html.escape(name)
    if not href or not _PAGE.fullmatch(href):
        return text
    return f'<a href="{html.escape(href, quote=True)}">{text}</a>'


def table_markdown(frame: pd.DataFrame, columns: list[str], links: dict[str, str]) -> str:
    header = "| " + " | ".join(_md(str(c)) for c in columns) + " |"
    rule = "|" + "|".join("-" * width for width in column_weights(frame, columns)) + "|"
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column in columns:
            text = _md(_cell(row[column]))
            url = safe_url(row[links[column]]) if column in links else None
            cells.append(f"[{text}](<{_md_url(url)}>)" if url else text)
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *body])


# A column's share of the printed width follows its text (in characters). A short column (a
# date, a count, a status) gets room for its longest cell on one line, with a margin for wide
# glyphs; a long one grows with its typical cell, but slowly, so that a description gets the
# most room without squeezing the others. Every column adds a cell's padding.
SHORT, TYPICAL_BASE, SHORT_MARGIN, PADDING = 16, 20, 1.3, 3


def column_weights(frame: pd.DataFrame, columns: list[str]) -> list[int]:
    """Each column's relative width: the dashes of the pipe table's rule.

    Pandoc (and Quarto, through it) sizes the columns of a wide pipe table by the number of
    dashes under each header (its `pipe_tables` extension), whatever the cells hold.
    """
    weights = []
    for column in columns:
        lengths = [len(_cell(value)) for value in frame[column]] or [0]
        longest_word = max((len(word) for word in str(column).split()), default=0)
        longest = max(max(lengths), longest_word)
        if longest <= SHORT:
            weight = longest * SHORT_MARGIN
        else:
            typical = max(float(pd.Series(lengths).quantile(0.8)), longest_word)
            weight = min(typical, TYPICAL_BASE) + 2 * max(typical - TYPICAL_BASE, 0) ** 0.5
        weights.append(max(3, round(weight)) + PADDING)
    return weights


def safe_url(value: object) -> str | None:
    """The value if it is an http(s) URL, else None: data never supplies a javascript: link."""
    text = _cell(value).strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _md_url(url: str) -> str:
    # Percent-encode what could end a Markdown link destination early.
    return "".join(f"%{ord(ch):02X}" if ch in '<> "\\`' or ord(ch) < 32 else ch for ch in url)


def _cell(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")  # a table's own dates, as the chapters write theirs
    return (
        ""
        if value is None
        or value is pd.NaT
        or value is pd.NA
        or (isinstance(value, float) and pd.isna(value))
        else str(value)
    )


def _md(text: str) -> str:
    # Markdown and pandoc control characters are escaped so data text prints literally.
    out = []
    for ch in text.replace("\n", " "):
        out.append("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|$@~^&=\"'" else ch)
    return "".join(out)
