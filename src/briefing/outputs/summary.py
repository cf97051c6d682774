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
    for _, row in ahead.iterrows():
        lines.append(f"- **{row['date']:%-d %B %Y}**: {_measure(row)}: {_md(row['what'])}.")
    items = [
        f"- {day:%-d %B %Y}: {_md(what)}: "
        + "; ".join(_measure(row) for _, row in rows.iterrows())
        + "."
        for (day, what), rows in passed.groupby(["date", "what"], sort=True)
    ]
    if items:
        lines += ["", *_folded(f"{_count(len(passed), 'deadline')} passed", items)]
    show_markdown("\n".join(lines))


def _folded(summary: str, lines: list[str], printed: list[str] | None = None) -> list[str]:
    """``lines`` under a heading that folds them away on the site (a details block, whose
    raw HTML the PDF drops, and raw typst that drops the lines from the PDF); the PDF prints
    ``printed`` instead (the same lines when not given), hidden on the site."""
    printed = lines if printed is None else printed
    return [
        "```{=html}\n<details><summary>\n```",
        f"**{summary}**",
        "```{=html}\n</summary>\n```",
        "",
        "```{=typst}\n#if false [\n```",
        "",
        *lines,
        "",
        "```{=typst}\n]\n```",
        "",
        "```{=html}\n</details>\n```",
        "",
        "::: {.print-only}",
        *printed,
        ":::",
    ]


# In print, where nothing folds, a list names this many items of a jurisdiction or table.
PRINTED = 3


def _count(n: int, noun: str) -> str:
    return prose.count_phrase(n, noun)


def _measure(row: pd.Series) -> str:
    """A measure named by its jurisdiction and title, linked to the source of its deadline."""
    name = f"{countries.name(row['jurisdiction']) or row['jurisdiction']}: {row['measure']}"
    url = safe_url(row["source_url"])
    return f"[{_md(name)}](<{_md_url(url)}>)" if url else _md(name)


def show_events(
    new: list[NewMeasures] | None,
    changed: list[StatusChange] | None,
    corrections: Corrections | None,
    previous: dt.date | None,
    as_of: dt.date,
) -> None:
    """What changed since the previous edition: new measures by jurisdiction, status changes
    and corrections to earlier rows (all None: a first edition)."""
    if previous is None or new is None or changed is None or corrections is None:
        show_markdown(
            "This is a first edition: there is no earlier edition to compare it with, so "
            "nothing is reported as changed."
        )
        return
    span = f"from {prose.on(previous)}, the previous edition's date, to {prose.on(as_of)}"
    lines = [f"Between the two editions, {span}:", ""]
    lines += _new_lines(new) + [""] + _status_lines(changed) + [""]
    lines += _correction_lines(corrections, previous)
    show_markdown("\n".join(lines))


def _new_lines(new: list[NewMeasures]) -> list[str]:
    count = sum(len(group.measures) for group in new)
    if not count:
        return ["**New measures:** none recorded."]
    where = ", ".join(f"{_md(g.jurisdiction)} ({len(g.measures)})" for g in new)
    items, printed = [], []
    for group in new:
        named = [f"{_md(m.title)} ({m.date:%-d %B %Y})" for m in group.measures]
        items.append(f"- **{_md(group.jurisdiction)}**: {'; '.join(named)}.")
        printed.append(f"- **{_md(group.jurisdiction)}**: {_first(named)}.")
    return [
        f"**New measures:** {count}, in {prose.count_phrase(len(new), 'jurisdiction')}: {where}.",
        "",
        *_folded("Every new measure", items, printed),
    ]


def _first(named: list[str]) -> str:
    """The first PRINTED of ``named``, with how many more the site lists."""
    more = len(named) - PRINTED
    rest = f"; and {more} more, listed on the site" if more > 0 else ""
    return "; ".join(named[:PRINTED]) + rest


def _status_lines(changed: list[StatusChange]) -> list[str]:
    if not changed:
        return ["**Status changes:** none."]
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
    return [
        f"**Status changes:** {len(changed)} ({counted}).",
        "",
        *_folded("Every status change", items),
    ]


def _correction_lines(corrections: Corrections, previous: dt.date) -> list[str]:
    if not corrections.known:
        return [
            (
                "**Corrections to earlier rows:** cannot be listed: this copy of the briefing "
                f"keeps no record of its data as the previous edition ({prose.on(previous)}) "
                "read it."
            )
        ]
    if not corrections.found:
        return ["**Corrections to earlier rows:** none."]
    tables: dict[str, list] = {}
    for correction in corrections.found:
        tables.setdefault(correction.table, []).append(correction)
    items, printed = [], []
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
        printed.append(f"- **{_md(title)}**, {counted}: {_first(named)}.")
    return [
        (
            f"**Corrections to earlier rows:** {len(corrections.found)}, in "
            f"{prose.count_phrase(len(tables), 'table')}."
        ),
        "",
        *_folded("Every correction", items, printed),
    ]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
