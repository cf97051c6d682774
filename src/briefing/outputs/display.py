"""How tables and computed prose leave a notebook: MIME bundles both renderers understand.

Everything shown is in the edition's language (``briefing.translation``): the words this module
writes itself, and a table's headers, which the chapters name in English (their notebooks refer
to columns by those names, in ``compact`` and ``links``) and which are translated only here,
where the table is shown.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict

import pandas as pd
from IPython.display import Markdown, display

from briefing import mime, translation
from briefing.chapters.findings import STALE_DAYS, Finding, KeyNumber, markdown
from briefing.charts.palette import ACCENT
from briefing.outputs import tables_html
from briefing.outputs.markdown import _cell, _md, count, safe_url, table_markdown
from briefing.translation import _

# A notebook's `findings` cell shows Markdown for the page and the same findings as JSON, so
# tests (and any other reader) can check the numbers without parsing prose.
FINDINGS_MIME = "application/vnd.briefing.findings+json"
# A `key-numbers` cell likewise: the blocks for the page, the numbers as JSON.
KEY_NUMBERS_MIME = mime.KEY_NUMBERS


# What sets one sentence from the next: a space in English, nothing in Japanese.
SENTENCE_GAP = {"ja": ""}


def sentences(*parts: str) -> str:
    """Sentences (already in the edition's language) as running prose; empty ones left out."""
    return SENTENCE_GAP.get(translation.current(), " ").join(part for part in parts if part)


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
            f"[{_key_date(number, changed)}]{{.key-date}}\n"
            f"\n{PRINT_CLOSE}\n"
            ":::"
        )
    # One wrapper, so that the site can set the blocks side by side (briefing.scss).
    return "::::: {.key-numbers}\n\n" + "\n\n".join(blocks) + "\n\n:::::"


def _key_date(number: KeyNumber, changed: bool) -> str:
    """The line under a key number: its date, its value in the previous edition, its figure."""
    words = {"day": number.as_of, "figure": number.figure}
    if number.previous is None:
        return _("As of {day} · see @{figure}").format(**words)
    if changed:
        return _(
            "As of {day}; {previous} in the previous edition ({previous_day}) · see @{figure}"
        ).format(previous=_md(number.previous), previous_day=number.previous_as_of, **words)
    return _("As of {day}; unchanged since the previous edition · see @{figure}").format(**words)


def show_freshness(tables, notes: dict[str, str] | None = None) -> None:
    """One statement per table (``chapters.sources.freshness``): its latest row and the day its
    sources were last searched, flagged when that was long before the edition; a derived
    table's list date and copy instead; ``notes`` adds where a table's series stops."""
    notes = notes or {}
    lines = []
    for table in tables:
        flag = (
            "**"
            + _(
                "Not searched in the {days} days before this edition: newer rows may be missing."
            ).format(days=translation.number(STALE_DAYS))
            + "**"
            if table.stale
            else ""
        )
        extra = _md(notes.get(table.table) or "")
        lines.append("- " + sentences(_fresh(table), extra, flag))
    show_markdown("\n".join(lines))


def _fresh(table) -> str:
    """How recent one table is, in a sentence naming it."""
    title = f"**{_md(table.title)}**"
    if table.note:
        note = _md(table.note)
        if table.extracted:
            return _("{title}: {note}; the copy used was extracted on {day}.").format(
                title=title, note=note, day=table.extracted
            )
        return _("{title}: {note}.").format(title=title, note=note)
    latest, searched = table.latest_row, table.verified_through
    if latest and searched:
        message = _(
            "{title}: latest row dated {latest}; sources searched for new rows to {searched}."
        )
    elif latest:
        message = _(
            "{title}: latest row dated {latest}; when its sources were last searched is not "
            "recorded."
        )
    elif searched:
        message = _("{title}: no row yet; sources searched for new rows to {searched}.")
    else:
        message = _("{title}: no row yet; when its sources were last searched is not recorded.")
    return message.format(title=title, latest=latest, searched=searched)


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
    print_columns: list[str] | None = None,
) -> None:
    """Show a table: searchable and sortable on the site, a compact Markdown table in the PDF.

    ``links`` maps a shown column to a hidden column of URLs its cells link to (http and
    https only, or a page of the site; anything else stays plain text). ``compact`` names the
    columns the PDF prints; on the site they and the columns linking out (sources) always
    show, and the others fold into each row's details where the table is too wide
    (``tables_html``). Beyond ``limit`` rows,
    the first ``limit`` are shown with a note; ``print_limit``, where given, is the PDF's own
    limit (a printed table cannot be searched, so a long one is cut shorter there), and
    ``print_columns``, where given, the PDF's own columns (fewer than ``compact``: a narrow
    screen still shows every column of ``compact``).
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
            "text/markdown": table_markdown(printed, print_columns or compact or shown, links)
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
    note = _("Showing the first {limit} of {total} rows; the CSV download has them all.").format(
        limit=count(limit), total=count(len(frame))
    )
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
            column: [_cell_html(row, column, links) for _index, row in frame.iterrows()]
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
