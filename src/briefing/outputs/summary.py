"""How the executive summary's own blocks leave its notebook: the bottom line and what changed
since the previous edition (``briefing.summary``), as Markdown both renderers take."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, prose
from briefing.outputs.display import _md, _md_url, safe_url, show_markdown
from briefing.summary.events import Corrections, NewMeasures, StatusChange


def show_bottom_line(sentences: list[str], focus_name: str) -> None:
    """The bottom line as one set-apart paragraph (styled on the site and in print alike)."""
    text = " ".join(_md(sentence) for sentence in sentences)
    show_markdown(
        f"::: {{.bottom-line}}\n**The bottom line for {_md(prose.the(focus_name))}.** {text}\n:::"
    )


def show_watch_list(listed: pd.DataFrame, lead: str) -> None:
    """The watch list under its lead line: the deadlines ahead one by one, then those passed,
    grouped by day and what fell due, folded on the site; each measure links to its source."""
    ahead = listed[~listed["passed"].astype(bool)]
    passed = listed[listed["passed"].astype(bool)]
    lines = [lead, ""]
    if ahead.empty:
        lines.append("- **Ahead:** none.")
    site = [
        f"- **{row['date']:%-d %B %Y}**: {_measure(row)}: {_md(row['what'])}."
        for _, row in ahead.iterrows()
    ]
    # In print, where the brief keeps to two pages, one line per day and what falls due.
    printed = [
        f"- **{day:%-d %B %Y}**: {_md(what)}: {_measures(rows)}."
        for (day, what), rows in ahead.groupby(["date", "what"], sort=True)
    ]
    lines += _site_and_print(site, printed) if site else []
    items = [
        f"- {day:%-d %B %Y}: {_md(what)}: "
        + "; ".join(_measure(row) for _, row in rows.iterrows())
        + "."
        for (day, what), rows in passed.groupby(["date", "what"], sort=True)
    ]
    if items:
        # In print one line, so that a long list of what has passed keeps the brief to two pages.
        first, last = passed["date"].min(), passed["date"].max()
        span = (
            f"on {first:%-d %B %Y}"
            if first == last
            else f"from {first:%-d %B %Y} to {last:%-d %B %Y}"
        )
        printed = [f"Due {span}; each is listed with its source in the site's summary."]
        lines += ["", *_folded(f"{_count(len(passed), 'deadline')} passed", items, printed)]
    show_markdown("\n".join(lines))


def _site_and_print(site: list[str], printed: list[str]) -> list[str]:
    """``site`` on the site only (raw typst drops it from the PDF), ``printed`` in the PDF only."""
    return [
        "```{=typst}\n#if false [\n```",
        "",
        *site,
        "",
        "```{=typst}\n]\n```",
        "",
        "::: {.print-only}",
        *printed,
        ":::",
        "",
    ]


def _folded(summary: str, lines: list[str], printed: list[str] | None = None) -> list[str]:
    """``lines`` under a heading that folds them away on the site (a details block, whose
    raw HTML the PDF drops, inside raw typst that drops the rest from the PDF); the PDF prints
    the heading and ``printed`` instead (the same lines when not given; nothing at all when
    empty), hidden on the site."""
    printed = lines if printed is None else printed
    return [
        "```{=typst}\n#if false [\n```",
        "",
        "```{=html}\n<details><summary>\n```",
        f"**{summary}**",
        "```{=html}\n</summary>\n```",
        "",
        *lines,
        "",
        "```{=html}\n</details>\n```",
        "",
        "```{=typst}\n]\n```",
        "",
        *(["::: {.print-only}", f"**{summary}**", "", *printed, ":::"] if printed else []),
    ]


def _count(n: int, noun: str) -> str:
    return prose.count_phrase(n, noun)


def _measure(row: pd.Series) -> str:
    """A measure named by its jurisdiction and title, linked to the source of its deadline."""
    name = f"{countries.name(row['jurisdiction']) or row['jurisdiction']}: {row['measure']}"
    return _link(name, row["source_url"])


def _measures(rows: pd.DataFrame) -> str:
    """Measures named by jurisdiction ("China: A; B"), each linked to its deadline's source."""
    named = []
    for code, group in rows.groupby("jurisdiction", sort=False):
        links = [_link(row["measure"], row["source_url"]) for _, row in group.iterrows()]
        named.append(f"{_md(countries.name(code) or code)}: {'; '.join(links)}")
    return "; ".join(named)


def _link(text: str, url: str) -> str:
    url = safe_url(url)
    return f"[{_md(text)}](<{_md_url(url)}>)" if url else _md(text)


def show_events(
    new: list[NewMeasures] | None,
    changed: list[StatusChange] | None,
    corrections: Corrections | None,
    previous: dt.date | None,
    as_of: dt.date,
) -> None:
    """What changed since the previous edition (all None: a first edition): new measures with
    every jurisdiction named, status changes counted by kind and corrections counted by table,
    each list folded on the site; the PDF's brief keeps to the counts and its annex lists every
    one (``show_events_in_full``)."""
    if previous is None or new is None or changed is None or corrections is None:
        show_markdown(FIRST_EDITION)
        return
    span = f"from {prose.on(previous)}, the previous edition's date, to {prose.on(as_of)}"
    lines = [f"Between the two editions, {span}:", ""]
    listed = False
    for line, folded, items in (
        _new_lines(new),
        _status_lines(changed),
        _correction_lines(corrections, previous),
    ):
        lines += [line, ""]
        if items:
            lines += _folded(folded, items, printed=[])
            listed = True
    if listed:
        lines += [
            "::: {.print-only}",
            "Each of them is listed [in the annex](#changes-in-full).",
            ":::",
        ]
    show_markdown("\n".join(lines))


def show_events_in_full(
    new: list[NewMeasures] | None,
    changed: list[StatusChange] | None,
    corrections: Corrections | None,
    previous: dt.date | None,
) -> None:
    """Every new measure, status change and correction, for the PDF's annex (on the site the
    summary lists them, folded)."""
    if previous is None or new is None or changed is None or corrections is None:
        show_markdown(FIRST_EDITION)
        return
    lines = []
    for line, _, items in (
        _new_lines(new),
        _status_lines(changed),
        _correction_lines(corrections, previous),
    ):
        lines += [line, "", *items, ""]
    show_markdown("\n".join(lines))


FIRST_EDITION = (
    "This is a first edition: there is no earlier edition to compare it with, so "
    "nothing is reported as changed."
)


def _new_lines(new: list[NewMeasures]) -> tuple[str, str, list[str]]:
    """The line that counts them, naming every jurisdiction; the heading and items of the list."""
    count = sum(len(group.measures) for group in new)
    if not count:
        return "**New measures:** none recorded.", "", []
    where = ", ".join(f"{_md(g.jurisdiction)} ({len(g.measures)})" for g in new)
    items = []
    for group in new:
        named = [f"{_md(m.title)} ({m.date:%-d %B %Y})" for m in group.measures]
        items.append(f"- **{_md(group.jurisdiction)}**: {'; '.join(named)}.")
    line = f"**New measures:** {count}, in {prose.count_phrase(len(new), 'jurisdiction')}: {where}."
    return line, "Every new measure", items


def _status_lines(changed: list[StatusChange]) -> tuple[str, str, list[str]]:
    if not changed:
        return "**Status changes:** none.", "", []
    items = [
        f"- {_md(change.jurisdiction)}: {_md(change.measure)}: was {_md(change.before)}; "
        f"now {_md(_lower(change.after))}."
        for change in changed
    ]
    kinds: dict[str, int] = {}
    for change in changed:
        now = change.after.split(" since ")[0].split(";")[0]
        kinds[now] = kinds.get(now, 0) + 1
    counted = "; ".join(f"{_md(_lower(kind))}: {n}" for kind, n in kinds.items())
    return f"**Status changes:** {len(changed)} ({counted}).", "Every status change", items


def _correction_lines(corrections: Corrections, previous: dt.date) -> tuple[str, str, list[str]]:
    if not corrections.known:
        line = (
            "**Corrections to earlier rows:** cannot be listed: this copy of the briefing "
            f"keeps no record of its data as the previous edition ({prose.on(previous)}) "
            "read it."
        )
        return line, "", []
    if not corrections.found:
        return "**Corrections to earlier rows:** none.", "", []
    tables: dict[str, list] = {}
    for correction in corrections.found:
        tables.setdefault(correction.table, []).append(correction)
    items = []
    for title, found in tables.items():
        # Rows added or removed first, then the corrections touching the most fields.
        found = sorted(found, key=lambda c: (c.what.startswith("corrected"), -len(c.what)))
        kinds = {
            "corrected": sum(c.what.startswith("corrected") for c in found),
            "added with an earlier date": sum(c.what.startswith("added") for c in found),
            "removed": sum(c.what == "removed" for c in found),
        }
        counted = ", ".join(f"{n} {kind}" for kind, n in kinds.items() if n)
        named = [f"{_md(c.row)} ({_md(c.what)})" for c in found]
        items.append(f"- **{_md(title)}**, {counted}: {'; '.join(named)}.")
    line = (
        f"**Corrections to earlier rows:** {len(corrections.found)}, in "
        f"{prose.count_phrase(len(tables), 'table')}."
    )
    return line, "Every correction", items


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
