"""The summary as a briefing: key numbers, plain findings, what changed, freshness, focus."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from briefing import cells, mime, paths, prose
from briefing.chapters import (
    adoption,
    alignment,
    china_measures,
    entity_list,
    findings,
    registry,
    self_sufficiency,
)
from briefing.chapters import sources as appendix
from briefing.counting import answers
from briefing.data import tables
from briefing.outputs import display
from briefing.outputs import summary as summary_display
from briefing.summary import events, reading

TODAY = dt.date(2026, 12, 1)
PAIRS = [(dt.date(2020, 6, 30), dt.date(2021, 6, 30)), (dt.date(2023, 12, 31), TODAY)]


def shown(monkeypatch) -> list[dict]:
    """What the display functions publish, captured instead of shown."""
    from IPython.core.interactiveshell import InteractiveShell

    published: list[dict] = []
    monkeypatch.setattr(
        InteractiveShell.instance().display_pub,
        "publish",
        lambda data, **kw: published.append(data),
    )
    return published


# --- What changed: new measures, against an independent count from the CSV files ---------------

# The tables whose rows are measures: date column, title column, jurisdiction (a column or a code).
MEASURE_TABLES = {
    "restrictions": ("announced", "description", "jurisdiction"),
    "milestones": ("date", "title", "jurisdiction"),
    "china_measures": ("date", "title", "CN"),
    "entity_list_rules": ("publication_date", "title", "US"),
}


def published_by(frame: pd.DataFrame, name: str, as_of) -> pd.Series:
    """Which rows have a source (main or second) published by ``as_of``: an edition shows no
    other. Read here from the data package's declaration of the table's source columns."""
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == name)
    columns = resource["briefing"]["sources"]
    if "date" not in columns:
        return pd.Series(True, index=frame.index)
    day = pd.Timestamp(as_of)
    known = pd.to_datetime(frame[columns["date"]]) <= day
    second = resource["briefing"].get("second_sources", {}).get("date")
    if second:
        known |= pd.to_datetime(frame[second]) <= day
    return known


def new_measures_from_csv(previous: dt.date, as_of: dt.date) -> dict[str, list[tuple[str, str]]]:
    """The measures known on ``as_of`` (dated by then, with a source published by then) and not
    on ``previous``, by jurisdiction's name, each as (date, title), read here from the CSV files."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name, (date, title, where) in MEASURE_TABLES.items():
        rows = pd.read_csv(paths.CURATED / f"{name}.csv", dtype=str)
        dates = pd.to_datetime(rows[date])
        now = (dates <= pd.Timestamp(as_of)) & published_by(rows, name, as_of)
        then = (dates <= pd.Timestamp(previous)) & published_by(rows, name, previous)
        rows = rows[now & ~then]
        for _, row in rows.iterrows():
            code = row[where] if where in rows else where
            found.setdefault(countries_name(code), []).append(
                (row[date], " ".join(row[title].split()))
            )
    return found


def countries_name(code: str) -> str:
    from briefing import countries

    return countries.name(code) or code


@pytest.mark.parametrize(("previous", "as_of"), PAIRS)
def test_new_measures_name_every_jurisdiction_and_every_measure(previous, as_of):
    expected = new_measures_from_csv(previous, as_of)
    got = events.new_measures(previous, as_of, "JP")
    assert expected and {g.jurisdiction for g in got} == set(expected)
    for group in got:
        shown = [(f"{m.date:%Y-%m-%d}", m.title) for m in group.measures]
        assert sorted(shown) == sorted(expected[group.jurisdiction])
        assert shown == sorted(shown, key=lambda m: m[0], reverse=True)  # newest first
    # The focus first (when it has any), then the jurisdictions with the most.
    counts = [len(g.measures) for g in got if g.jurisdiction != "Japan"]
    assert counts == sorted(counts, reverse=True)
    if "Japan" in expected:
        assert got[0].jurisdiction == "Japan"


@pytest.mark.parametrize(("previous", "as_of"), PAIRS)
def test_a_measure_dated_earlier_but_first_sourced_since_is_new(previous, as_of):
    late = []  # dated by the previous edition, but no source of it published by then
    for name, (date, title, _) in MEASURE_TABLES.items():
        rows = pd.read_csv(paths.CURATED / f"{name}.csv", dtype=str)
        before = pd.to_datetime(rows[date]) <= pd.Timestamp(previous)
        rows = rows[before & ~published_by(rows, name, previous) & published_by(rows, name, as_of)]
        late += [" ".join(t.split()) for t in rows[title]]
    assert late, "the data has no such row between these editions: pick another pair"
    got = {m.title for group in events.new_measures(previous, as_of, "JP") for m in group.measures}
    assert set(late) <= got


def lapsed_from_csv(previous: dt.date, as_of: dt.date) -> set[str]:
    """Measures suspended on ``previous`` whose suspension ran out before ``as_of`` with no later
    change recorded, read here from the status changes' CSV file: their status changed."""
    changes = pd.read_csv(paths.CURATED / "status_changes.csv", dtype=str)
    changes["date"] = pd.to_datetime(changes["date"])
    changes["until"] = pd.to_datetime(changes["until"])
    lapsed = set()
    for measure, rows in changes.groupby("measure_id"):
        rows = rows.sort_values("date")
        then = rows[rows["date"] <= pd.Timestamp(previous)]
        later = rows[
            (rows["date"] > pd.Timestamp(previous)) & (rows["date"] <= pd.Timestamp(as_of))
        ]
        if then.empty or len(later):
            continue
        last = then.iloc[-1]
        temporary = last["change"] in ("suspended", "partly_suspended")
        if temporary and pd.Timestamp(previous) <= last["until"] < pd.Timestamp(as_of):
            lapsed.add(measure)
    return lapsed


def test_status_changes_include_every_suspension_that_ran_out_between_the_editions():
    previous, as_of = dt.date(2026, 9, 30), dt.date(2026, 12, 6)
    lapsed = lapsed_from_csv(previous, as_of)
    assert len(lapsed) >= 3  # the rare-earth announcements, the gallium ban, the 50% rule
    changed = events.status_changes(previous, as_of)
    ended = [c for c in changed if "ended" in c.after and "not verified" in c.after]
    assert len(ended) >= len(lapsed)
    assert all(c.before in ("Suspended", "Partly suspended") for c in ended)
    # Nothing unchanged is reported: the same two dates read the same statuses.
    assert events.status_changes(as_of, as_of) == []


def test_a_first_edition_says_so(monkeypatch):
    published = shown(monkeypatch)
    summary_display.show_events(None, None, None, None, TODAY)
    assert published[0]["text/markdown"].startswith("This is a first edition")


def test_what_changed_reads_as_events_in_plain_words_with_data_text_escaped(monkeypatch):
    published = shown(monkeypatch)
    previous, as_of = PAIRS[0]
    new = events.new_measures(previous, as_of, "JP")
    corrections = events.Corrections(known=False)
    summary_display.show_events(
        new, events.status_changes(previous, as_of), corrections, previous, as_of
    )
    text = published[0]["text/markdown"]
    assert "from 30 June 2020, the previous edition's date, to 30 June 2021" in text
    count = sum(len(v) for v in new_measures_from_csv(previous, as_of).values())
    assert f"**New measures:** {count}, in {len(new)} jurisdictions: " in text
    for group in new:  # every jurisdiction named with its count, then its measures listed
        name = display._md(group.jurisdiction)
        assert f"{name} ({len(group.measures)})" in text
        assert f"- **{name}**: {display._md(group.measures[0].title)}" in text
    assert "Albania" in text and "13 June 2021" in text
    assert "**Corrections to earlier rows:** cannot be listed" in text
    assert "\\(" in text  # data text is escaped for Markdown
    assert not re.search(r"\b(GB|JP|[A-Z]{2}-\d{4}-\d{2})\b", text)
    assert "data/" not in text and "csv" not in text.lower()
    # The lists fold on the site and are left out of the printed brief, which points to the
    # annex; the annex's cell lists every one of them.
    site, printed = text.split("::: {.print-only}")
    assert "<details>" in site and "- **" not in printed
    assert "[in the annex](#changes-in-full)" in printed
    summary_display.show_events_in_full(
        new, events.status_changes(previous, as_of), corrections, previous
    )
    full = published[1]["text/markdown"]
    assert "<details>" not in full and "print-only" not in full
    for group in new:
        for measure in group.measures:
            assert display._md(measure.title) in full


# --- Corrections: the previous edition's data against today's, by row id ----------------------


def test_diff_rows_finds_corrected_added_and_removed_rows_by_id():
    then = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "date": ["2020-01-01", "2020-02-01", "2020-03-01", "2020-09-01", "2020-04-01"],
            "title": ["A", "B", "C", "D", "E"],
            "gone": ["x", "x", "x", "x", "x"],  # a column dropped since: not compared
        }
    )
    now = pd.DataFrame(
        {
            "id": ["a", "b", "d", "e", "f", "g"],
            "date": [
                "2020-01-01",
                "2020-02-01",
                "2020-09-01",
                "2020-04-02",
                "2020-05-01",
                "2021-01-01",
            ],
            "title": ["A", "B corrected", "D changed later", "E", "F", "G"],
            "added": ["y"] * 6,  # a column added since: not compared
        }
    )
    found = {
        row["id"]: what
        for row, _kind, what in events.diff_rows(then, now, ["id"], "date", dt.date(2020, 6, 30))
    }
    assert found == {
        "b": "corrected: title",
        "e": "corrected: date",
        "f": "added, dated 1 May 2020",  # dated before the previous edition, recorded since
        "c": "removed",
    }  # a unchanged; d and g dated after the previous edition: new, not corrections


def git(root: Path, *args: str, when: str | None = None) -> str:
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def two_commits(tmp_path) -> Path:
    """A git checkout of the data with two commits: the data as it is, on 1 March 2026, and
    one row of the restrictions corrected, one removed and one added, on 1 June 2026."""
    import shutil

    root = tmp_path / "project"
    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("raw"))
    git(root, "init", "-q")
    git(root, "add", "data")
    git(root, "commit", "-qm", "data", when="2026-03-01T12:00:00+00:00")
    csv_path = root / "data" / "curated" / "restrictions.csv"
    rows = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    rows.loc[0, "notes"] = "Corrected after the first edition."
    rows = rows.drop(index=1)
    rows.to_csv(csv_path, index=False)
    git(root, "commit", "-qam", "correct", when="2026-06-01T12:00:00+00:00")
    return root


def test_corrections_compare_with_the_data_committed_on_the_previous_edition(two_commits):
    from briefing.data import history

    datapackage = two_commits / "data" / "datapackage.json"
    first = git(two_commits, "rev-list", "--max-parents=0", "HEAD")
    assert history.commit_on(dt.date(2026, 3, 1), two_commits) == first
    assert history.commit_on(dt.date(2026, 5, 31), two_commits) == first
    assert history.commit_on(dt.date(2026, 2, 28), two_commits) is None  # no commit that old
    old = history.committed_rows(
        two_commits / "data" / "curated" / "restrictions.csv", first, two_commits
    )
    now = pd.read_csv(two_commits / "data" / "curated" / "restrictions.csv", dtype=str)
    assert len(old) == len(now) + 1
    found = events.corrections(dt.date(2026, 4, 1), datapackage)
    assert found.known
    whats = sorted(c.what for c in found.found)
    assert whats == ["corrected: notes", "removed"]
    assert all(c.table == "Restrictions on Huawei and ZTE by jurisdiction" for c in found.found)
    assert all(": " in c.row and not re.search(r"\b[A-Z]{2}-\d{4}", c.row) for c in found.found)
    # The latest commit is the previous edition's data: nothing differs.
    assert events.corrections(dt.date(2026, 7, 1), datapackage) == events.Corrections(True, ())
    # Before the history begins, or in a copy that is not a checkout: unknown, said plainly.
    assert not events.corrections(dt.date(2026, 1, 1), datapackage).known


def test_a_copy_that_is_not_a_checkout_has_no_previous_data(tmp_path):
    import shutil

    from briefing.data import history

    shutil.copytree(paths.DATA, tmp_path / "data", ignore=shutil.ignore_patterns("raw"))
    assert history.commit_on(TODAY, tmp_path / "data") is None
    assert not events.corrections(TODAY, tmp_path / "data" / "datapackage.json").known


# --- Freshness: one statement per table --------------------------------------------------------


def present_resources() -> list[dict]:
    """The data package's tables whose file is here (a local table may not be made)."""
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    return [r for r in package["resources"] if (paths.DATA / r["path"]).is_file()]


def test_freshness_gives_each_tables_latest_row_and_verified_through():
    rows = {f.table: f for f in appendix.freshness(TODAY)}
    resources = present_resources()
    assert list(rows) == [r["name"] for r in resources]
    restrictions = pd.read_csv(paths.CURATED / "restrictions.csv", dtype=str)
    latest = max(d for d in restrictions["announced"] if d <= TODAY.isoformat())
    assert rows["restrictions"].latest_row == f"{pd.Timestamp(latest):%-d %B %Y}"
    for resource in resources:
        declared = resource["briefing"].get("verified_through")
        if declared:
            shown = min(dt.date.fromisoformat(declared), TODAY)
            assert rows[resource["name"]].verified_through == f"{shown:%-d %B %Y}"
            assert rows[resource["name"]].stale == ((TODAY - shown).days > 90)
    assert "October 2025" in rows["entity_list_by_year"].note
    # An edition never names a later day: a search after it counts as up to its date.
    early = {f.table: f for f in appendix.freshness(PAIRS[0][1])}
    assert early["restrictions"].verified_through == "30 June 2021"


def test_one_statement_per_table_and_a_stale_table_is_flagged(monkeypatch):
    from dataclasses import replace

    published = shown(monkeypatch)
    found = appendix.freshness(TODAY)
    found[0] = replace(found[0], stale=True)
    display.show_freshness(found, {found[1].table: "Its series stops in 2025."})
    lines = published[0]["text/markdown"].splitlines()
    assert len(lines) == len(found)  # one statement per table
    assert lines[0].startswith(f"- **{display._md(found[0].title)}**: latest row dated ")
    assert "Not searched in the 90 days before this edition" in lines[0]
    assert not any("Not searched" in line for line in lines[1:])
    assert lines[1].endswith("Its series stops in 2025\\.")
    (derived,) = [line for line in lines if "Entity List entries by destination" in line]
    assert "the list as it stood in October 2025" in derived and "extracted on" in derived
    assert "data/" not in "\n".join(lines)


# --- Key numbers -----------------------------------------------------------------------------


def notebook_labels(slug: str) -> set[str]:
    nb = nbformat.read(paths.NOTEBOOKS / f"{slug}.ipynb", as_version=4)
    return {str(cells.options(c).get("label")) for c in nb.cells if c.cell_type == "code"}


def china_tables(day: dt.date):
    """China's measures and the US and allied measures they may answer, cut at ``day``."""
    return (
        tables.load("china_measures", as_of=day),
        answers.foreign_measures(
            tables.load("milestones", as_of=day),
            tables.load("restrictions", as_of=day),
            tables.load("entity_list_rules", as_of=day),
        ),
    )


def all_key_numbers(day: dt.date, focus: str) -> dict[str, list[findings.KeyNumber]]:
    events = tables.load("restrictions", as_of=day)
    by_year = tables.load("entity_list_by_year", as_of=day)
    figures = self_sufficiency.with_measures(
        tables.load("semiconductor_self_sufficiency", as_of=day)
    )
    return {
        "adoption": adoption.key_numbers(events, focus, day),
        "entity_list": entity_list.key_numbers(by_year, day, entity_list.snapshot_label(day=day)),
        "self_sufficiency": self_sufficiency.key_numbers(figures, day),
        "alignment": alignment.key_numbers(alignment_lags(day), focus, day),
        "china_measures": china_measures.key_numbers(*china_tables(day), focus, day),
    }


@pytest.mark.parametrize(("day", "focus"), [(TODAY, "JP"), (TODAY, "US"), (PAIRS[0][1], "KR")])
def test_each_key_number_has_value_definition_date_and_a_figure_of_its_chapter(day, focus):
    numbers = all_key_numbers(day, focus)
    # The summary shows the same key numbers, in the same order.
    brief = reading.key_numbers(reading.read(day, focus), None)
    assert brief == [
        replace(number, chapter=slug) for slug, found in numbers.items() for number in found
    ]
    index = (paths.ROOT / "index.qmd").read_text(encoding="utf-8")
    assert registry.SUMMARY.embed("key-numbers") in index
    assert 3 <= sum(len(n) for n in numbers.values()) <= 5
    for slug, chapter_numbers in numbers.items():
        registry.by_slug(slug)  # a registered chapter
        page = (paths.ROOT / f"{slug}.qmd").read_text(encoding="utf-8")
        for number in chapter_numbers:
            assert number.value and number.definition and number.as_of
            assert re.search(r"\d", number.value) and re.search(r"\d{4}", number.as_of)
            assert number.figure.startswith("fig-") and number.figure in notebook_labels(slug)
            assert f"#{number.figure} >}}}}" in page  # the chapter page embeds that figure


def chinas_touching_from_csv(day: dt.date, focus: str) -> tuple[int, int]:
    """China's measures up to ``day`` naming ``focus`` or answering one of its rows, and all of
    them, counted here from the CSV files."""
    cut = pd.Timestamp(day)
    rows = pd.read_csv(paths.CURATED / "china_measures.csv", dtype=str)
    rows = rows[pd.to_datetime(rows["date"]) <= cut]
    owners = {}
    for name, date, key in [
        ("milestones", "date", "id"),
        ("restrictions", "announced", "id"),
        ("entity_list_rules", "publication_date", "document_number"),
    ]:
        other = pd.read_csv(paths.CURATED / f"{name}.csv", dtype=str)
        other = other[pd.to_datetime(other[date]) <= cut]
        jurisdictions = other["jurisdiction"] if "jurisdiction" in other else ["US"] * len(other)
        owners.update(zip(other[key], jurisdictions))
    touching = 0
    for _, row in rows.iterrows():
        targets = (
            str(row["target_countries"]).split(";") if pd.notna(row["target_countries"]) else []
        )
        answered = str(row["answers"]).split(";") if pd.notna(row["answers"]) else []
        if focus in targets or any(owners.get(i) == focus for i in answered):
            touching += 1
    return touching, len(rows)


@pytest.mark.parametrize(
    ("day", "focus"), [(TODAY, "JP"), (TODAY, "NL"), (TODAY, "KR"), (PAIRS[0][1], "JP")]
)
def test_chinas_key_number_counts_its_measures_touching_the_focus(day, focus):
    (number,) = all_key_numbers(day, focus)["china_measures"]
    touching, total = chinas_touching_from_csv(day, focus)
    assert (number.value, number.number) == (f"{touching} of {total}", touching)
    assert number.figure == "fig-china-timeline" and number.as_of == f"{day:%-d %B %Y}"
    assert not CODE.search(number.definition), number.definition


def test_key_numbers_are_shown_with_their_date_and_a_cross_reference(monkeypatch):
    published = shown(monkeypatch)
    numbers = all_key_numbers(TODAY, "JP")["adoption"]
    display.show_key_numbers(numbers)
    text = published[0]["text/markdown"]
    assert f"**{numbers[0].value}**`]`{{=typst}}]{{.key-value}}" in text
    assert "As of 1 December 2026 · see @fig-adoption-curve" in text
    assert published[0][display.KEY_NUMBERS_MIME][0]["number"] == numbers[0].number
    assert "→" not in text and "previous edition" not in text  # a first edition: no delta


def test_key_numbers_show_their_value_in_the_previous_edition(monkeypatch):
    from dataclasses import replace

    published = shown(monkeypatch)
    (number,) = all_key_numbers(TODAY, "JP")["adoption"]
    changed = replace(number, value="24 of 40", previous="23 of 39", previous_as_of="30 June 2026")
    same = replace(number, previous=number.value, previous_as_of="30 June 2026")
    display.show_key_numbers([changed, same])
    text = published[0]["text/markdown"]
    assert "[23 of 39 → ]{.key-previous}**24 of 40**" in text
    assert "23 of 39 in the previous edition (30 June 2026)" in text
    assert "As of 1 December 2026; unchanged since the previous edition · see" in text
    assert published[0][display.KEY_NUMBERS_MIME][0]["previous"] == "23 of 39"


# --- Findings in plain words -------------------------------------------------------------------

CODE = re.compile(r"\b(?:[A-Z]{2}-\d{4}-\d{2}|JP|KR|GB|DE|NL|CN|RU)\b")


def alignment_lags(day: dt.date):
    """The edition's declared lag pairs (data/curated/lag_pairs.csv) with their lags."""
    return alignment.pair_lags(tables.load("lag_pairs"), tables.load("milestones"), day)


@cache  # read by three tests over the same editions and focuses, never changed
def chapter_findings(day: dt.date, focus: str) -> dict[str, tuple[str, list[findings.Finding]]]:
    """Each chapter's lead line and findings, as its notebook shows them."""
    events = tables.load("restrictions", as_of=day)
    milestones = tables.load("milestones", as_of=day)
    by_year = tables.load("entity_list_by_year", as_of=day)
    rules = entity_list.oldest_first(tables.load("entity_list_rules", as_of=day))
    snapshot_rules = tables.load("entity_list_rules_from_snapshot", as_of=day)
    figures = self_sufficiency.with_measures(
        tables.load("semiconductor_self_sufficiency", as_of=day)
    )
    snapshot = entity_list.snapshot_label(day=day)
    return {
        "adoption": (adoption.lead(day), adoption.findings(events, focus, day)),
        "entity_list": (
            entity_list.lead(snapshot),
            entity_list.findings(by_year, snapshot_rules, rules, focus, day, snapshot),
        ),
        "self_sufficiency": (
            self_sufficiency.lead(figures, day),
            self_sufficiency.findings(figures, focus, day),
        ),
        "alignment": (
            alignment.lead(day),
            alignment.findings(milestones, alignment_lags(day), events, focus, day),
        ),
        "china_measures": (
            china_measures.lead(day),
            china_measures.findings(*china_tables(day), focus, day),
        ),
    }


def all_findings(day: dt.date, focus: str) -> list[findings.Finding]:
    return [f for _, found in chapter_findings(day, focus).values() for f in found]


@pytest.mark.parametrize("focus", ["JP", "KR", "DE"])
@pytest.mark.parametrize("day", [PAIRS[0][1], TODAY])
def test_findings_carry_no_codes_or_internal_terms_and_whole_days(day, focus):
    for finding in all_findings(day, focus):
        assert not CODE.search(finding.text), finding.text
        for term in (
            "(focus)",
            "the rules table",
            "ally-kind",
            "the milestones table",
            "in the table",
            "tied by a source",
            " pairs",
        ):
            assert term not in finding.text, (term, finding.text)
        assert not re.search(r"\d+\.\d+ days", finding.text), finding.text
        assert finding.figure.startswith("fig-"), finding.key


def snapshot_taken() -> dt.date:
    """The day the Entity List snapshot was taken, as the derived table's provenance says."""
    record = json.loads((paths.DERIVED / "entity_list_by_year.provenance.json").read_text())
    return dt.date.fromisoformat(record["inputs"][0]["date"])


@pytest.mark.parametrize("focus", ["JP", "KR", "DE"])
@pytest.mark.parametrize("day", [PAIRS[0][1], TODAY])
def test_each_chapter_says_its_date_or_its_snapshot_once_in_its_lead(day, focus):
    # Deliberately changed: the date (or the Entity List snapshot's limit) is said once per
    # chapter, in the lead line above its findings, not in every finding.
    for slug, (lead, found) in chapter_findings(day, focus).items():
        block = " ".join([lead] + [finding.text for finding in found])
        # An edition dated before the snapshot was taken (9 July 2026) names none of its dates.
        snapshot = "October 2025" if day >= snapshot_taken() else "a later snapshot"
        when = snapshot if slug == "entity_list" else f"{day:%-d %B %Y}"
        assert when in lead, (slug, lead)
        assert block.count(f"as of {day:%-d %B %Y}") <= 1, (slug, block)
        if slug == "entity_list":
            assert f"still on the list in {snapshot}" in lead and "missing" in lead
        assert not CODE.search(lead), lead


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;:])\s+", text) if len(s.split()) >= 4]


@pytest.mark.parametrize("focus", ["JP", "KR", "DE", "US"])
@pytest.mark.parametrize("day", [dt.date(2019, 6, 30), PAIRS[0][1], PAIRS[1][0], TODAY])
def test_findings_are_short_and_no_two_of_a_chapter_repeat_a_caveat(day, focus):
    for slug, (_, found) in chapter_findings(day, focus).items():
        seen: dict[str, str] = {}
        for finding in found:
            assert findings.words(finding.text) <= findings.MAX_WORDS, (
                findings.words(finding.text),
                finding.text,
            )
            for sentence in sentences(finding.text):
                assert sentence not in seen, (slug, sentence, seen.get(sentence), finding.key)
                seen[sentence] = finding.key


def test_the_lead_line_sits_above_the_findings(monkeypatch):
    published = shown(monkeypatch)
    found = all_findings(TODAY, "JP")[:2]
    display.show_findings(found, adoption.lead(TODAY))
    text = published[0]["text/markdown"]
    assert text.startswith("**Bans on Huawei and ZTE**, as of 1 December 2026:\n\n- ")
    assert text.count("\n- ") == 2 and f"(@{found[0].figure})" in text
    assert [f["key"] for f in published[0][display.FINDINGS_MIME]] == [f.key for f in found]


def test_durations_are_whole_days_or_months():
    assert prose.whole_days(292.5) == 293 and prose.whole_days(-2.5) == -3
    assert prose.duration(45) == "45 days" and prose.duration(292.5) == "about 10 months"


# --- The fallback resolves cross-references as Quarto's books do --------------------------------


def test_references_become_links_to_the_figure_on_its_page():
    from briefing.book.engines.fallback import crossref

    targets = {"fig-a": crossref.Target("fig-a", "adoption.html", "Figure", "1.1")}
    text = "24 jurisdictions (@fig-a); an address a\\@fig-a stays; (@fig-b)"
    html = crossref.resolve(text, targets, target="html", page="index.html")
    assert html.startswith("24 jurisdictions ([Figure 1.1](adoption.html#fig-a))")
    assert "a\\@fig-a stays" in html and "?\\@fig-b" in html
    # In the PDF, typst's reference, which prints the figure's number as a link.
    typst_text = crossref.resolve(text, targets, target="typst", page="index.html")
    assert '(`#briefing-ref(<fig-a>, "Figure 1.1")`{=typst})' in typst_text
    assert "[Figure 1.1](#fig-a)" in crossref.resolve(
        "@fig-a", targets, target="html", page="adoption.html"
    )


# --- The built site (fallback engine) ------------------------------------------------------------


def page_ids(page: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))


@pytest.mark.e2e
def test_key_number_and_finding_links_resolve_to_figures_on_the_built_pages(built):
    site = built / "reports" / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    key_section = index.split('id="key-numbers"', 1)[1].split("<section", 1)[0]
    assert 3 <= key_section.count('class="key-number"') <= 5
    links = re.findall(r'href="([a-z_]+\.html)#(fig-[a-z0-9-]+)"', index)
    assert len(links) >= key_section.count('class="key-number"') + 4
    for page, label in links:
        assert label in page_ids(site / page), (page, label)
    assert "@fig-" not in index and "?@" not in index


@pytest.mark.e2e
def test_every_finding_in_the_built_summary_is_short_and_links_its_figure(built):
    index = (built / "reports" / "site" / "index.html").read_text(encoding="utf-8")
    part = index.split('id="findings"', 1)[1].split("<section", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", part, re.DOTALL)
    chapters = [c for c in registry.CHAPTERS if not c.appendix and c is not registry.SUMMARY]
    assert len(items) == len(chapters) <= 8  # one lead finding per chapter, at most eight
    for item in items:
        assert re.search(r'href="[a-z_]+\.html#fig-[a-z0-9-]+"', item), item
        import html as html_module

        text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", item)).split())
        text = re.sub(r"\s*\(\s*Figure\s+\d+\.\d+\s*\)\s*$", "", text)
        assert findings.words(text) <= findings.MAX_WORDS, text
    # One lead line above them says their date once.
    leads = re.findall(r"<p><strong>(.*?)</strong>(.*?)</p>", part, re.DOTALL)
    assert len(leads) == 1 and "1 November 2026" in " ".join(leads[0][1].split())


def section_text(html: str, section: str) -> str:
    """A section's text as typed: typographic quotes read as straight ones."""
    part = html.split(f'id="{section}"', 1)[1].split("<section", 1)[0]
    import html as html_module

    text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", part)).split())
    for typographic, typed in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(typographic, typed)
    return text


# The session's archive (tests/conftest.py): a first edition of 30 June 2020 and, at its
# root, the edition of 22 November 2026 built with --previous-as-of 2020-06-30, both with
# the focus on the Netherlands.
ARCHIVE_PAIR = (dt.date(2020, 6, 30), dt.date(2026, 11, 22))
THEN, NOW = "2020-06-30-NL", "root"


def page_of(archive, edition: str) -> str:
    folder = archive.site if edition == NOW else archive.edition(edition)
    return (folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.e2e
def test_the_next_edition_reports_what_changed_since_the_one_in_the_archive(archive):
    now = section_text(page_of(archive, NOW), "what-changed-since-the-previous-edition")
    first = section_text(page_of(archive, THEN), "what-changed-since-the-previous-edition")
    assert "This is a first edition" in first
    assert "from 30 June 2020, the previous edition's date, to 22 November 2026" in now
    expected = new_measures_from_csv(*ARCHIVE_PAIR)
    count = sum(len(found) for found in expected.values())
    assert f"New measures: {count}, in {len(expected)} jurisdictions:" in now
    for name, found in expected.items():  # every jurisdiction named, every measure listed
        assert f"{name} ({len(found)})" in now, name
        for date, title in found:
            assert f"{title} ({pd.Timestamp(date):%-d %B %Y})" in now, title
    # The archive is built in a copy of the project that is not a git checkout.
    assert "Corrections to earlier rows: cannot be listed" in now
    assert "data/" not in now and ".csv" not in now


def bottom_line_text(html: str) -> str:
    """The bottom line's text as a reader sees it."""
    return plain_text(html.split('class="bottom-line">', 1)[1].split("</div>", 1)[0])


def plain_text(part: str) -> str:
    import html as html_module

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", part)).split())


def key_values(html: str) -> list[str]:
    """The key numbers' values as a page shows them, in order (with "before → " where shown)."""
    part = html.split('id="key-numbers"', 1)[1].split("<section", 1)[0]
    values = re.findall(r'<span class="key-value">(.*?)</span>\s*<br', part, re.DOTALL)
    return [plain_text(value) for value in values]


def recorded_key_numbers(archive, step: str) -> list[dict]:
    """The key numbers the edition's summary notebook showed, as it recorded them (JSON)."""
    notebook = nbformat.read(archive.executed[step] / "summary.ipynb", as_version=4)
    return [
        number
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        for number in output.get("data", {}).get(mime.KEY_NUMBERS, [])
    ]


@pytest.mark.e2e
def test_the_bottom_line_and_deltas_are_computed_against_the_previous_edition(archive):
    now, then = page_of(archive, NOW), page_of(archive, THEN)
    before, after = key_values(then), key_values(now)
    assert len(before) >= 3 and len(after) >= 3
    assert not any("→" in value for value in before)  # a first edition has no deltas
    # Each number the previous edition also set apart (by its key, in the numbers the two
    # builds' summary notebooks recorded) shows the value that edition showed, before its own.
    shown_then = {n["key"]: n["value"] for n in recorded_key_numbers(archive, THEN)}
    compared = 0
    for number, shown in zip(recorded_key_numbers(archive, "2026-11-22-NL"), after, strict=True):
        old = shown_then.get(number["key"])
        assert number["previous"] == old, (number, old)
        if old is None:
            assert "→" not in shown, number
        else:
            assert shown == old or shown == f"{old} → {number['value']}", (old, shown)
            compared += 1
    assert compared >= 3
    assert any("→" in value for value in after)  # something changed in six years
    key_part = now.split('id="key-numbers"', 1)[1].split("<section", 1)[0]
    assert "previous edition (30 June 2020)" in key_part
    # The bottom line: three to five sentences for the focus, its counts from the data.
    text = bottom_line_text(now)
    assert text.startswith("The bottom line for the Netherlands.")
    sentences = [s for s in re.split(r"(?<=[.])\s+(?=[A-Z0-9])", text.split(".", 1)[1]) if s]
    assert 3 <= len(sentences) <= 5, sentences
    events_csv = pd.read_csv(paths.CURATED / "restrictions.csv", dtype=str)
    latest = max(d for d in events_csv["announced"] if d <= "2026-11-22")
    assert f"(measures recorded to {pd.Timestamp(latest):%-d %B %Y})" in text
    count = sum(len(found) for found in new_measures_from_csv(*ARCHIVE_PAIR).values())
    assert f"Since the previous edition (30 June 2020), {count} new measures were recorded" in text
    bans = after[0].split(" → ")[-1]  # the adoption key number: "X of Y"
    bans_count, took = bans.split(" of ")
    assert f"{bans_count} of the {took} jurisdictions that took a measure" in text
    assert "previous edition" not in bottom_line_text(then)


@pytest.mark.e2e
@pytest.mark.parametrize(("width", "height", "screens"), [(1366, 768, 3), (390, 844, 4)])
def test_the_bottom_line_watch_list_and_what_changed_open_the_summary(
    archive, browser, width, height, screens
):
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto((archive.site / "index.html").as_uri())
        top = page.evaluate(
            """() => Object.fromEntries(['.bottom-line', '#deadlines-to-watch',
                '#what-changed-since-the-previous-edition', '#findings'].map(
                s => [s, document.querySelector(s).getBoundingClientRect().top]))"""
        )
    finally:
        page.close()
    assert top[".bottom-line"] < height / 2  # the bottom line opens the first screen
    assert top["#deadlines-to-watch"] < top["#what-changed-since-the-previous-edition"]
    assert top["#what-changed-since-the-previous-edition"] < screens * height, top
    assert top["#what-changed-since-the-previous-edition"] < top["#findings"]


@pytest.mark.e2e
def test_another_focus_leaves_no_japan_in_titles_or_intros(archive):
    # The archive's last edition (tests/conftest.py), 2026-11-22 with the focus on the
    # Netherlands, is its root.
    site = archive.site
    assert json.loads((site / "edition.json").read_text())["focus"] == "NL"
    for page in sorted(site.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        titles = re.findall(r"<title>(.*?)</title>|<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
        assert not any("Japan" in "".join(t) for t in titles), page.name
        main = html.split("<main", 1)[1] if "<main" in html else html
        # The intro: the paragraphs before the first section or figure (tables cite sources
        # whose names may say Japan, as facts).
        intro = re.split(r"<h2|<figure", main, maxsplit=1)[0]
        paragraphs = re.findall(r"<p>(.*?)</p>", intro, re.DOTALL)
        assert paragraphs or page.name != "index.html"
        assert not any("Japan" in p for p in paragraphs), page.name
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Netherlands" in index


# --- The bottom line and the watch list as the summary shows them -------------------------------


@pytest.mark.parametrize("focus", ["JP", "US", "CN", "KR"])
def test_the_bottom_line_speaks_of_the_focus_in_three_to_five_plain_sentences(focus):
    from briefing import countries
    from briefing.counting import watch
    from briefing.summary import bottom_line

    previous, day = PAIRS[1]
    now = reading.read(day, focus)
    new = events.new_measures(previous, day, focus)
    said = bottom_line.sentences(
        now, watch.for_edition(day), new, events.status_changes(previous, day), previous
    )
    assert 3 <= len(said) <= 5
    assert countries.name(focus) in " ".join(said)
    for sentence in said:
        assert not CODE.search(sentence.replace(" US ", " ")), sentence
        assert findings.words(sentence) <= findings.MAX_WORDS, sentence
    # The counts say how recent their data is.
    assert "measures recorded to" in said[0] and "China's measures recorded to" in said[1]
    count = sum(len(found) for found in new_measures_from_csv(previous, day).values())
    assert f"Since the previous edition (31 December 2023), {count} new measures" in said[-1]


@pytest.mark.parametrize(
    ("previous", "day", "past"),
    [(dt.date(2024, 3, 31), dt.date(2024, 6, 30), False), (dt.date(2026, 9, 30), TODAY, True)],
)
def test_the_bottom_line_says_when_the_chip_goals_year_is_past(previous, day, past):
    from briefing.counting import watch
    from briefing.summary import bottom_line

    now = reading.read(day, "JP")
    said = bottom_line.sentences(
        now,
        watch.for_edition(day),
        events.new_measures(previous, day, "JP"),
        events.status_changes(previous, day),
        previous,
    )
    (chips,) = [s for s in said if "Made in China 2025 goal" in s]
    assert ("for 2025, a year now past with no estimate for it." in chips) == past


def test_the_watch_list_lists_what_lies_ahead_and_folds_what_passed(monkeypatch):
    published = shown(monkeypatch)
    listed = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-10", "2026-11-10", "2027-01-07"]),
            "passed": [True, True, False],
            "jurisdiction": ["CN", "CN", "DE"],
            "measure": ["Rare earths [A]", "Magnets", "5G core"],
            "what": ["Suspension ended", "Suspension ended", "Removal deadline"],
            "source_url": ["https://a.example/1", "javascript:alert(1)", "https://b.example/2"],
        }
    )
    summary_display.show_watch_list(listed, "**Deadlines**")
    text = published[0]["text/markdown"]
    ahead, folded = text.split("<details>", 1)
    assert (
        "- **7 January 2027**: [Germany: 5G core](<https://b.example/2>): Removal deadline."
        in ahead
    )
    assert "**2 deadlines passed**" in folded
    # One line for the day and what fell due, each measure linked to its source (http only).
    line = "- 10 November 2026: Suspension ended: [China: Rare earths \\[A\\]](<https://a.example/1>); China: Magnets."
    assert text.count(line) == 1  # folded on the site
    # In print, where the brief keeps to two pages, one line: when they fell due.
    printed = text.rsplit("::: {.print-only}", 1)[1]
    assert "**2 deadlines passed**" in printed and line not in printed
    assert (
        "Due on 10 November 2026; each is listed with its source in the site's summary." in printed
    )
    assert "javascript" not in text
