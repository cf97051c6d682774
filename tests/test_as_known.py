"""Editions as known then: an edition dated D cites and names nothing published after D.

The cut's own rule (a row whose only source is later is left out; a later main source gives
way to an earlier second one) is tested in test_tables.py; here, what the pages say: the
Entity List snapshot, taken after a past edition, is named without its dates; no page or
PDF of the archive's edition of 30 June 2020 names a later date (the build colophon apart), and
its edition of 22 November 2026 names later dates only where sources published by then had
scheduled them (the watch list's deadlines, the end of a suspension).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from briefing.book import edition
from briefing.chapters import entity_list, methods
from briefing.chapters import sources as appendix
from briefing.data import package, provenance, sources, tables

PAST = dt.date(2020, 6, 30)
SNAPSHOT = provenance.read(package.table("entity_list_by_year").provenance).primary_input()
TAKEN = dt.date.fromisoformat(SNAPSHOT["date"])  # the day the snapshot was extracted

MONTHS = "January February March April May June July August September October November December"
MONTH = {name: number for number, name in enumerate(MONTHS.split(), start=1)}
MONTH |= {name[:3]: number for name, number in list(MONTH.items())}  # "Oct 2025", "25 Sep 2018"
NAMES = "|".join(sorted(MONTH, key=len, reverse=True))
DATES = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}}) )?(?P<month>{NAMES})\.? (?:(?P<day2>\d{{1,2}}), )?(?P<year>\d{{4}})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b"
    # a bare year where a date is meant: "in 2021", "since 2021", "as of 2021", "extracted 2026"
    r"|\b(?:in|since|as of|until|through|extracted|retrieved|published|on) (?P<bare>(?:19|20)\d{2})\b"
)
# Not dates: the plan's name, and addresses (a URL's path may hold any number).
NOT_DATES = re.compile(r"Made in China 2025|MIC 2025|https?://\S+")
# The build colophon says when and from what commit the edition was built: exempt.
COLOPHON = re.compile(r"Built from commit \S+ with the focus on [^,]+, as of \d{4}-\d{2}-\d{2}\.")


def later_dates(text: str, day: dt.date) -> list[str]:
    """Each date ``text`` names after ``day``, with a little of its context."""
    return [context for _, context in named_later(text, day)]


def named_later(text: str, day: dt.date) -> list[tuple[dt.date, str]]:
    """Each date ``text`` names after ``day``, with a little of its context."""
    text = NOT_DATES.sub(" ", COLOPHON.sub(" ", re.sub(r"\s+", " ", text)))
    found = []
    for match in DATES.finditer(text):
        if match["iso"]:
            try:
                when = dt.date.fromisoformat(match["iso"])
            except ValueError:
                continue
        elif match["bare"]:
            when = dt.date(int(match["bare"]), 1, 1)
        else:
            number = int(match["day"] or match["day2"] or 1)
            try:
                when = dt.date(int(match["year"]), MONTH[match["month"]], number)
            except ValueError:
                continue
        if when > day:
            found.append((when, text[max(0, match.start() - 60) : match.end() + 20]))
    return found


def page_texts(folder: Path) -> dict[str, str]:
    """The visible text of every HTML page of an edition and the text of its PDF, by file."""
    texts = {}
    for page in sorted(folder.glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup(["script", "style", "noscript", "template"]):
            hidden.decompose()
        texts[page.name] = soup.get_text(" ")
    for pdf in sorted(folder.glob("*.pdf")):
        texts[pdf.name] = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return texts


# --- the scanner itself ------------------------------------------------------------------


def test_the_scanner_finds_each_way_of_writing_a_later_date_and_nothing_else():
    day = dt.date(2020, 6, 30)
    later = [
        "on 1 July 2020",
        "as of October 2025",
        "extracted 2026-07-09",
        "snapshot of Oct 2025",
        "published in 2021",
        "July 4, 2020",
    ]
    for text in later:
        assert later_dates(text, day), text
    earlier = [
        "on 30 June 2020",
        "the Made in China 2025 goal",
        "see https://example.org/2026/report",
        "a 2023 forecast",
        "Built from commit abc123 with the focus on Japan, as of 2026-12-07.",
        "2019-05-31",
    ]
    for text in earlier:
        assert not later_dates(text, day), text


# --- the snapshot taken after a past edition ---------------------------------------------


def test_a_past_edition_names_the_snapshot_without_its_dates():
    before, after = TAKEN - dt.timedelta(days=1), TAKEN
    assert entity_list.snapshot_label(day=before) == "a later snapshot"
    assert entity_list.snapshot_label(day=after) == entity_list.snapshot_label()
    assert entity_list.snapshot_label() == SNAPSHOT["list_as_of"].split(" (")[0]

    source = methods.snapshot_source()
    past = methods.snapshot_markdown(source, PAST)
    assert not later_dates(past, PAST), past
    assert source["commit"][:12] in past  # which snapshot, all the same
    assert f"rules published by {PAST:%-d %B %Y}" in past
    assert methods.list_date(source, PAST) == "a date after this edition's"
    # an edition after the snapshot was taken names its dates as before
    current = methods.snapshot_markdown(source, max(TAKEN, source_day(source)))
    assert SNAPSHOT["date"] in current and SNAPSHOT["list_as_of"] in current


def source_day(source: dict) -> dt.date:
    return dt.date.fromisoformat(source["derived_on"])


def test_the_past_key_number_counts_the_rules_published_by_its_date():
    by_year = tables.load("entity_list_by_year", as_of=PAST)
    label = entity_list.snapshot_label(day=PAST)
    numbers = entity_list.key_numbers(by_year, PAST, label)
    assert numbers  # 2018 and 2019 had ended by then
    for number in numbers:
        shown = f"{number.value} {number.definition} {number.as_of}"
        assert not later_dates(shown, PAST), shown
        assert "rules published by 30 June 2020" in shown


def test_the_appendix_cites_the_later_snapshot_undated_and_the_watch_window_by_its_length():
    cited = sources.cited(PAST)
    snapshot = cited[cited["source_url"] == SNAPSHOT["url"]]
    assert len(snapshot) == 1 and pd.isna(snapshot["source_date"].iloc[0])
    assert (cited["source_date"].dropna() <= pd.Timestamp(PAST)).all()
    lines = appendix.freshness(PAST)
    derived = [line for line in lines if line.table == "entity_list_by_year"]
    assert derived[0].note == "a later snapshot of the list" and derived[0].extracted == ""
    listed = pd.DataFrame({"passed": pd.Series([], dtype=bool)})
    lead = appendix.watch_lead(listed, PAST)
    assert "twelve months after this edition" in lead and not later_dates(lead, PAST)


def test_the_pdf_title_page_names_no_later_date():
    description = {
        "as_of": PAST.isoformat(),
        "focus": "JP",
        "commit": "abc123",
        "data": {
            "entity_list_by_year": {
                "snapshot_extracted": SNAPSHOT["date"],
                "snapshot_list_as_of": SNAPSHOT["list_as_of"],
            },
            "restrictions": {"latest_source_date": "2020-06-29"},
        },
    }
    text = edition.title_page_text(description)
    assert "from a later snapshot of the list" in text and not later_dates(text, PAST)
    description["as_of"] = "2026-11-01"
    assert f"snapshot extracted {SNAPSHOT['date']}" in edition.title_page_text(description)


# --- the archive's past edition, page by page ----------------------------------------------


@pytest.mark.e2e
def test_no_page_or_pdf_of_the_2020_edition_names_a_later_date(archive):
    # The archive's first edition (tests/conftest.py), with the focus on the Netherlands.
    folder = archive.edition(f"{PAST.isoformat()}-NL")
    texts = page_texts(folder)
    assert "index.html" in texts and any(name.endswith(".pdf") for name in texts)
    leaks = {name: later_dates(text, PAST) for name, text in texts.items()}
    assert not {name: found for name, found in leaks.items() if found}


def scheduled_by(day: dt.date) -> set[dt.date]:
    """The later dates the data known on ``day`` sets: deadlines, suspensions' ends and dates
    in a measure's own words (a phase-out "before 1 January 2027"), read from rows with a
    source published by then; not from the curators' notes, which say when they searched."""
    found = set()
    for table in package.tables():
        if table.local is not None:
            continue
        rows = tables.load(table.name, as_of=day)
        for column in rows.columns:
            if column == "notes" or "source" in column:
                continue  # the curators' remarks and the sources: neither sets a date
            cells = rows[column].dropna()
            if pd.api.types.is_datetime64_any_dtype(cells):
                found |= {when.date() for when in cells if when.date() > day}
            else:
                for cell in cells.astype(str):
                    found |= {when for when, _ in named_later(cell, day)}
    return found


@pytest.mark.e2e
def test_a_later_edition_names_later_dates_only_where_they_were_scheduled_then(archive):
    """The archive's latest edition (22 November 2026, the Netherlands) may name dates after
    its own only as its watch list does: deadlines and ends of suspensions that sources
    published by then had set. Anything else would be knowledge it could not have had."""
    day = dt.date(2026, 11, 22)
    allowed = scheduled_by(day)
    texts = page_texts(archive.site)
    named = {name: named_later(text, day) for name, text in texts.items()}
    assert any(named.values())  # the watch list names some: else this tests nothing
    unexplained = {
        name: [context for when, context in found if when not in allowed]
        for name, found in named.items()
    }
    assert not {name: found for name, found in unexplained.items() if found}


@pytest.mark.e2e
def test_the_current_edition_names_neither_the_last_search_nor_the_derive_day(built):
    """The session's edition (1 November 2026) is older than the tables' verified-through day
    and the day the snapshot was derived (6 December 2026): it names neither."""
    derived = methods.snapshot_source()["derived_on"]
    as_of = dt.date(2026, 11, 1)
    days = {dt.date.fromisoformat(derived)} | {
        t.verified_through for t in package.tables() if t.verified_through
    }
    days = {day for day in days if day > as_of}
    assert days  # else there is nothing to look for
    words = {f"{day:%-d %B %Y}" for day in days} | {day.isoformat() for day in days}
    texts = page_texts(built / "reports" / "site")
    for name, text in texts.items():
        text = COLOPHON.sub(" ", re.sub(r"\s+", " ", text))
        assert not [word for word in words if word in text], name
