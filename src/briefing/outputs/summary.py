"""How the executive summary's own blocks leave its notebook: the bottom line and what changed
since the previous edition (``briefing.summary``), as Markdown both renderers take, in the
edition's language: each line a whole message, its dates and counts put in by name."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, prose, translation
from briefing.outputs.display import sentences, show_markdown
from briefing.outputs.markdown import _md, _md_url, count, safe_url
from briefing.summary.events import Corrections, NewMeasures, StatusChange
from briefing.translation import N_, _, ngettext

# How a list of a few items runs in prose: "Japan (3), China (2)"; 「日本（3）、中国（2）」.
LIST_GAP = {"ja": "、"}


def _series(items) -> str:
    return LIST_GAP.get(translation.current(), ", ").join(items)


def show_bottom_line(said: list[str], focus_name: str) -> None:
    """The bottom line as one set-apart paragraph (styled on the site and in print alike);
    ``focus_name`` is the focus jurisdiction's name in the edition's language."""
    heading = _("The bottom line for {jurisdiction}.").format(
        jurisdiction=_md(prose.the(focus_name))
    )
    text = sentences(f"**{heading}**", *(_md(sentence) for sentence in said))
    show_markdown(f"::: {{.bottom-line}}\n{text}\n:::")


def show_watch_list(listed: pd.DataFrame, lead: str) -> None:
    """The watch list under its lead line: the deadlines ahead one by one, then those passed,
    grouped by day and what fell due, folded on the site; each measure links to its source."""
    ahead = listed[~listed["passed"].astype(bool)]
    passed = listed[listed["passed"].astype(bool)]
    lines = [lead, ""]
    if ahead.empty:
        lines.append("- " + _("**Ahead:** none."))
    lines += _ahead_lines(ahead)
    lines += _passed_lines(passed)
    show_markdown("\n".join(lines))


def _ahead_lines(ahead: pd.DataFrame) -> list[str]:
    """The deadlines ahead, one by one on the site (the first SITE_SHOWN, then the others
    folded), one line per day and what falls due in print; nothing when none is ahead."""
    site = [
        "- "
        + _("**{day}**: {measure}: {what}.").format(
            day=_on(row["date"]), measure=_measure(row), what=_md(row["what"])
        )
        for _index, row in ahead.iterrows()
    ]
    # In print, where the brief keeps to two pages, one line per day and what falls due, and at
    # most PRINTED_MEASURES of a jurisdiction's measures named there (the site names them all).
    printed = [
        "- "
        + _("**{day}**: {what}: {measures}.").format(
            day=_on(day), what=_md(what), measures=_measures(rows, PRINTED_MEASURES)
        )
        for (day, what), rows in ahead.groupby(["date", "what"], sort=True)
    ]
    if len(site) > SITE_SHOWN:
        # On a phone what changed must not drift screens down: the next three deadlines, then
        # the others folded.
        more = len(site) - SITE_SHOWN
        summary = ngettext("{count} more deadline", "{count} more deadlines", more)
        site = [
            *site[:SITE_SHOWN],
            "",
            "```{=html}\n<details><summary>\n```",
            f"**{summary.format(count=count(more))}**",
            "```{=html}\n</summary>\n```",
            "",
            *site[SITE_SHOWN:],
            "",
            "```{=html}\n</details>\n```",
        ]
    return _site_and_print(site, printed) if site else []


def _passed_lines(passed: pd.DataFrame) -> list[str]:
    """The deadlines passed, grouped by day and what fell due, folded on the site under a
    heading that counts them; nothing when none has passed."""
    items = [
        "- "
        + _("{day}: {what}: {measures}.").format(
            day=_on(day),
            what=_md(what),
            measures="; ".join(_measure(row) for _index, row in rows.iterrows()),
        )
        for (day, what), rows in passed.groupby(["date", "what"], sort=True)
    ]
    if not items:
        return []
    # In print one line, so that a long list of what has passed keeps the brief to two pages.
    first, last = passed["date"].min(), passed["date"].max()
    if first == last:
        due = _("Due on {day}; each is listed with its source in the site's summary.")
    else:
        due = _("Due from {first} to {last}; each is listed with its source in the site's summary.")
    printed = [due.format(day=_on(first), first=_on(first), last=_on(last))]
    n = len(passed)
    heading = ngettext("{count} deadline passed", "{count} deadlines passed", n)
    return ["", *_folded(heading.format(count=count(n)), items, printed)]


def _on(day) -> str:
    """A day of the watch list (a timestamp) as prose writes it."""
    return prose.on(pd.Timestamp(day).date())


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


def _measure(row: pd.Series) -> str:
    """A measure named by its jurisdiction and title, linked to the source of its deadline."""
    name = f"{countries.shown(row['jurisdiction'])}: {row['measure']}"
    return _link(name, row["source_url"])


PRINTED_MEASURES = 2
# The deadlines ahead the site shows before folding the others (a phone reads a screen of them).
SITE_SHOWN = 3


def _measures(rows: pd.DataFrame, at_most: int | None = None) -> str:
    """Measures named by jurisdiction ("China: A; B"), each linked to its deadline's source;
    with ``at_most``, that many of a jurisdiction's and how many more there are."""
    named = []
    for code, group in rows.groupby("jurisdiction", sort=False):
        links = [_link(row["measure"], row["source_url"]) for _index, row in group.iterrows()]
        more = len(links) - at_most if at_most is not None and len(links) > at_most else 0
        if more:
            links = links[:at_most] + [
                ngettext(
                    "{count} more, listed in the site's summary",
                    "{count} more, listed in the site's summary",
                    more,
                ).format(count=count(more))
            ]
        named.append(f"{_md(countries.shown(code))}: {'; '.join(links)}")
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
        show_markdown(_(FIRST_EDITION))
        return
    lead = _("Between the two editions, from {previous}, the previous edition's date, to {day}:")
    lines = [lead.format(previous=prose.on(previous), day=prose.on(as_of)), ""]
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
            _("Each of them is listed [in the annex](#changes-in-full)."),
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
        show_markdown(_(FIRST_EDITION))
        return
    lines = []
    for line, _heading, items in (
        _new_lines(new),
        _status_lines(changed),
        _correction_lines(corrections, previous),
    ):
        lines += [line, "", *items, ""]
    show_markdown("\n".join(lines))


FIRST_EDITION = N_(
    "This is a first edition: there is no earlier edition to compare it with, so "
    "nothing is reported as changed."
)


def _new_lines(new: list[NewMeasures]) -> tuple[str, str, list[str]]:
    """The line that counts them, naming every jurisdiction; the heading and items of the list."""
    total = sum(len(group.measures) for group in new)
    if not total:
        return _("**New measures:** none recorded."), "", []
    where = _series(
        _("{jurisdiction} ({count})").format(
            jurisdiction=_md(g.jurisdiction), count=count(len(g.measures))
        )
        for g in new
    )
    items = []
    for group in new:
        named = [
            _("{title} ({day})").format(title=_md(m.title), day=prose.on(m.date.date()))
            for m in group.measures
        ]
        items.append(
            "- "
            + _("**{jurisdiction}**: {measures}.").format(
                jurisdiction=_md(group.jurisdiction), measures="; ".join(named)
            )
        )
    line = ngettext(
        "**New measures:** {count}, in {places} jurisdiction: {where}.",
        "**New measures:** {count}, in {places} jurisdictions: {where}.",
        len(new),
    ).format(count=count(total), places=count(len(new)), where=where)
    return line, _("Every new measure"), items


def _status_lines(changed: list[StatusChange]) -> tuple[str, str, list[str]]:
    if not changed:
        return _("**Status changes:** none."), "", []
    items = [
        "- "
        + _("{jurisdiction}: {measure}: was {before}; now {after}.").format(
            jurisdiction=_md(change.jurisdiction),
            measure=_md(change.measure),
            before=_md(change.before),
            after=_md(_lower(change.after)),
        )
        for change in changed
    ]
    kinds: dict[str, int] = {}
    for change in changed:
        kinds[_kind(change)] = kinds.get(_kind(change), 0) + 1
    counted = "; ".join(
        _("{kind}: {count}").format(kind=_md(_lower(kind)), count=count(n))
        for kind, n in kinds.items()
    )
    line = _("**Status changes:** {count} ({kinds}).").format(
        count=count(len(changed)), kinds=counted
    )
    return line, _("Every status change"), items


def _kind(change: StatusChange) -> str:
    """What a measure became: its status's label; in English, as the status's words begin
    ("Suspended since ..."), as the summary has always counted them."""
    if translation.current() != translation.SOURCE and change.now:
        return change.now
    return change.after.split(" since ")[0].split(";")[0]


# How many rows of a table changed, by kind of change.
CORRECTION_KINDS = {
    "corrected": N_("{count} corrected"),
    "added": N_("{count} added with an earlier date"),
    "removed": N_("{count} removed"),
}


def _correction_lines(corrections: Corrections, previous: dt.date) -> tuple[str, str, list[str]]:
    if not corrections.known:
        line = _(
            "**Corrections to earlier rows:** cannot be listed: this copy of the briefing "
            "keeps no record of its data as the previous edition ({day}) read it."
        ).format(day=prose.on(previous))
        return line, "", []
    if not corrections.found:
        return _("**Corrections to earlier rows:** none."), "", []
    tables: dict[str, list] = {}
    for correction in corrections.found:
        tables.setdefault(correction.table, []).append(correction)
    items = []
    for title, found in tables.items():
        # Rows added or removed first, then the corrections touching the most fields.
        found = sorted(found, key=lambda c: (c.kind == "corrected", -len(c.what)))
        counted = _series(
            _(message).format(count=count(n))
            for kind, message in CORRECTION_KINDS.items()
            if (n := sum(c.kind == kind for c in found))
        )
        named = [_("{row} ({what})").format(row=_md(c.row), what=_md(c.what)) for c in found]
        items.append(
            "- "
            + _("**{table}**, {counted}: {rows}.").format(
                table=_md(title), counted=counted, rows="; ".join(named)
            )
        )
    line = ngettext(
        "**Corrections to earlier rows:** {count}, in {tables} table.",
        "**Corrections to earlier rows:** {count}, in {tables} tables.",
        len(tables),
    ).format(count=count(len(corrections.found)), tables=count(len(tables)))
    return line, _("Every correction"), items


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
