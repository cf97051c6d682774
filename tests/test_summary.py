"""The summary as a briefing: key numbers, plain findings, what changed, freshness, focus."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from briefing import cells, paths, prose
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
from briefing.vocabulary import self_sufficiency as self_sufficiency_vocabulary

TODAY = dt.date(2026, 12, 1)
PAIRS = [(dt.date(2020, 6, 30), dt.date(2021, 6, 30)), (dt.date(2023, 12, 31), TODAY)]


# --- What changed, against an independent computation from the CSV files ------------------------


def last_ended_year(day: dt.date) -> int:
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1


def present_resources() -> list[dict]:
    """The data package's tables whose file is here (a local table may not be made)."""
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    return [r for r in package["resources"] if (paths.DATA / r["path"]).is_file()]


def published_by(frame: pd.DataFrame, resource: dict, as_of) -> pd.Series:
    """Which rows have a source (main or second) published by ``as_of``: an edition shows no
    other (a derived table's rows are dated by what they count)."""
    columns = resource["briefing"]["sources"]
    if "date" not in columns:
        return pd.Series(True, index=frame.index)
    day = pd.Timestamp(as_of)
    known = pd.to_datetime(frame[columns["date"]]) <= day
    second = resource["briefing"].get("second_sources", {}).get("date")
    if second:
        known |= pd.to_datetime(frame[second]) <= day
    return known


def china_measures_known(as_of) -> pd.DataFrame:
    rows = pd.read_csv(paths.CURATED / "china_measures.csv", dtype=str)
    resource = next(r for r in present_resources() if r["name"] == "china_measures")
    return rows[published_by(rows, resource, as_of)]


def expected_changes(previous: dt.date, as_of: dt.date) -> dict[str, list[str]]:
    """Per table of the data package, the dates of its rows after ``previous`` up to ``as_of``."""
    found = {}
    for resource in present_resources():
        frame = pd.read_csv(paths.DATAPACKAGE.parent / resource["path"])
        spec = resource["briefing"]["as_of"]
        column = frame[spec["column"]]
        if spec.get("period") == "year":
            keep = (column > last_ended_year(previous)) & (column <= last_ended_year(as_of))
            shown = column[keep].astype(int).astype(str)
        else:
            dates = pd.to_datetime(column)
            keep = (dates > pd.Timestamp(previous)) & (dates <= pd.Timestamp(as_of))
            keep &= published_by(frame, resource, as_of)
            shown = dates[keep].map(lambda d: f"{d:%-d %B %Y}")
        if keep.any():
            found[resource["name"]] = list(shown)
    return found


@pytest.mark.parametrize(("previous", "as_of"), PAIRS)
def test_what_changed_equals_the_rows_dated_between_the_editions(previous, as_of):
    expected = expected_changes(previous, as_of)
    got = appendix.changes(previous, as_of)
    assert expected and [c.table for c in got] == list(expected)
    package = {t["name"]: t for t in json.loads(paths.DATAPACKAGE.read_text())["resources"]}
    for change in got:
        dates = expected[change.table]
        assert change.rows == len(dates)
        assert {change.first, change.last} <= set(dates)
        if "item" in package[change.table]["briefing"]:
            # Every new row is named, dated, newest first.
            assert len(change.items) == change.rows
            assert sorted(i.split(": ", 1)[0] for i in change.items) == sorted(dates)
            assert change.items[0].startswith(change.last)
        else:
            assert change.items == ()


def test_a_table_added_to_the_package_is_included_without_code(tmp_path, monkeypatch):
    from briefing.data import package

    declared = package.tables()
    extra = declared[1]
    monkeypatch.setattr(package, "tables", lambda *a, **k: [*declared, extra])
    got = appendix.changes(*PAIRS[0])
    assert [c.table for c in got].count(extra.name) == 2


def shown(monkeypatch) -> list[dict]:
    from IPython.core.interactiveshell import InteractiveShell

    published: list[dict] = []
    monkeypatch.setattr(
        InteractiveShell.instance().display_pub,
        "publish",
        lambda data, **kw: published.append(data),
    )
    return published


def test_a_first_edition_says_so(monkeypatch):
    published = shown(monkeypatch)
    assert appendix.changes(None, TODAY) is None
    display.show_changes(None, None, TODAY)
    assert published[0]["text/markdown"].startswith("First edition")


def test_what_changed_reads_in_plain_words_with_data_text_escaped(monkeypatch):
    published = shown(monkeypatch)
    previous, as_of = PAIRS[0]
    display.show_changes(appendix.changes(previous, as_of), previous, as_of)
    text = published[0]["text/markdown"]
    assert "after the previous edition (30 June 2020) and up to 30 June 2021" in text
    new_rows = len(expected_changes(previous, as_of)["restrictions"])
    assert f"**Restrictions on Huawei and ZTE by jurisdiction**: {new_rows} new rows" in text
    assert "13 June 2021: Albania: PM Rama" in text  # names, not codes; newest first
    # The newest rows are named, the rest counted.
    assert f"and {new_rows - appendix.ITEMS_SHOWN} more (see its chapter)" in text
    assert "McClean Report 2021\\)" in text  # data text is escaped for Markdown
    assert not re.search(r"\b(GB|JP|[A-Z]{2}-\d{4}-\d{2})\b", text)


def test_freshness_gives_each_tables_latest_source_and_where_series_stop():
    rows = {f.table: f for f in appendix.freshness(TODAY)}
    assert list(rows) == [t["name"] for t in present_resources()]
    restrictions = tables.load("restrictions", as_of=TODAY)
    assert rows["restrictions"].latest_source == f"{restrictions['source_date'].max():%-d %B %Y}"
    assert "October 2025" in rows["entity_list_by_year"].note
    # A derived table's line says the list's own date and, apart, when the copy was taken.
    record = json.loads(
        (paths.DATAPACKAGE.parent / "derived" / "entity_list_by_year.provenance.json").read_text()
    )
    taken = pd.Timestamp(record["inputs"][0]["date"])
    assert rows["entity_list_by_year"].extracted == f"{taken:%-d %B %Y}"
    assert rows["entity_list_by_year"].latest_source == ""
    figures = self_sufficiency.with_measures(
        tables.load("semiconductor_self_sufficiency", as_of=TODAY)
    )
    actual = figures[
        (figures["series"] == self_sufficiency_vocabulary.MAIN) & (figures["kind"] == "actual")
    ]
    note = self_sufficiency.series_end(figures, TODAY)
    assert f"end in {int(actual['year'].max())}" in note and "end in 2021" in note


def test_freshness_lines_say_what_each_date_is(monkeypatch):
    published = shown(monkeypatch)
    display.show_freshness(appendix.freshness(TODAY), [])
    lines = published[0]["text/markdown"].splitlines()
    (derived,) = [line for line in lines if line.startswith("- Entity List entries by destination")]
    record = json.loads(
        (paths.DATAPACKAGE.parent / "derived" / "entity_list_by_year.provenance.json").read_text()
    )
    taken = f"{pd.Timestamp(record['inputs'][0]['date']):%-d %B %Y}"
    assert derived.endswith(
        ": the list as it stood in October 2025, the date of the last Federal Register amendment "
        f"it cites; the copy used was extracted on {taken}."
    ), derived
    assert "latest source dated" not in derived
    restrictions = tables.load("restrictions", as_of=TODAY)
    assert (
        f"- Restrictions on Huawei and ZTE by jurisdiction: latest source dated "
        f"{restrictions['source_date'].max():%-d %B %Y}." in lines
    )


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


def alignment_lags(day: dt.date):
    """The declared lag pairs of the edition dated ``day``."""
    return alignment.pair_lags(tables.load("lag_pairs"), tables.load("milestones"), day)


def all_key_numbers(day: dt.date, focus: str) -> dict[str, list[findings.KeyNumber]]:
    events = tables.load("restrictions", as_of=day)
    by_year = tables.load("entity_list_by_year", as_of=day)
    figures = self_sufficiency.with_measures(
        tables.load("semiconductor_self_sufficiency", as_of=day)
    )
    return {
        "adoption": adoption.key_numbers(events, focus, day),
        "entity_list": entity_list.key_numbers(by_year, day, entity_list.snapshot_label()),
        "self_sufficiency": self_sufficiency.key_numbers(figures, day),
        "alignment": alignment.key_numbers(alignment_lags(day), focus, day),
        "china_measures": china_measures.key_numbers(*china_tables(day), focus, day),
    }


@pytest.mark.parametrize(("day", "focus"), [(TODAY, "JP"), (TODAY, "US"), (PAIRS[0][1], "KR")])
def test_each_key_number_has_value_definition_date_and_a_figure_of_its_chapter(day, focus):
    numbers = all_key_numbers(day, focus)
    assert 3 <= sum(len(n) for n in numbers.values()) <= 5
    for slug, chapter_numbers in numbers.items():
        assert "key-numbers" in registry.by_slug(slug).summary
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


@pytest.mark.parametrize(("previous", "as_of"), PAIRS)
def test_what_changed_names_each_of_chinas_new_measures(previous, as_of):
    rows = china_measures_known(as_of)  # the rows with a source published by then
    dates = pd.to_datetime(rows["date"])
    new = rows[(dates > pd.Timestamp(previous)) & (dates <= pd.Timestamp(as_of))]
    expected = sorted(
        (f"{pd.Timestamp(d):%-d %B %Y}: China: {t}" for d, t in zip(new["date"], new["title"])),
        key=lambda item: dt.datetime.strptime(item.split(": ", 1)[0], "%d %B %Y"),
        reverse=True,
    )
    (change,) = [c for c in appendix.changes(previous, as_of) if c.table == "china_measures"]
    assert change.rows == len(new) > 0
    assert sorted(change.items) == sorted(expected)
    assert [i.split(": ", 1)[0] for i in change.items] == [e.split(": ", 1)[0] for e in expected]
    assert change.title.startswith("China's measures")


def test_key_numbers_are_shown_with_their_date_and_a_cross_reference(monkeypatch):
    published = shown(monkeypatch)
    numbers = all_key_numbers(TODAY, "JP")["adoption"]
    display.show_key_numbers(numbers)
    text = published[0]["text/markdown"]
    assert f"**{numbers[0].value}**`]`{{=typst}}]{{.key-value}}" in text
    assert "As of 1 December 2026 · see @fig-adoption-curve" in text
    assert published[0][display.KEY_NUMBERS_MIME][0]["number"] == numbers[0].number


# --- Findings in plain words -------------------------------------------------------------------

CODE = re.compile(r"\b(?:[A-Z]{2}-\d{4}-\d{2}|JP|KR|GB|DE|NL|CN|RU)\b")


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
    snapshot = entity_list.snapshot_label()
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


@pytest.mark.parametrize("focus", ["JP", "KR", "DE"])
@pytest.mark.parametrize("day", [PAIRS[0][1], TODAY])
def test_each_chapter_says_its_date_or_its_snapshot_once_in_its_lead(day, focus):
    # Deliberately changed: the date (or the Entity List snapshot's limit) is said once per
    # chapter, in the lead line above its findings, not in every finding.
    for slug, (lead, found) in chapter_findings(day, focus).items():
        block = " ".join([lead] + [finding.text for finding in found])
        when = "October 2025" if slug == "entity_list" else f"{day:%-d %B %Y}"
        assert when in lead, (slug, lead)
        assert block.count(f"as of {day:%-d %B %Y}") <= 1, (slug, block)
        if slug == "entity_list":
            assert "still on the list in October 2025" in lead and "missing" in lead
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
    assert "(Figure 1.1)" in crossref.resolve(text, targets, target="typst", page="index.html")
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
    chapters = [chapter for chapter in registry.CHAPTERS if not chapter.appendix]
    assert len(items) >= len(chapters)  # at least one finding per chapter
    for item in items:
        assert re.search(r'href="[a-z_]+\.html#fig-[a-z0-9-]+"', item), item
        import html as html_module

        text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", item)).split())
        text = re.sub(r"\s*\(\s*Figure\s+\d+\.\d+\s*\)\s*$", "", text)
        assert findings.words(text) <= findings.MAX_WORDS, text
    # Each chapter's lead line sits above its findings and says its date once.
    leads = re.findall(r"<p><strong>(.*?)</strong>(.*?)</p>", part, re.DOTALL)
    assert len(leads) == len(chapters)
    assert part.count("entries removed before then are missing") == 1


def section_text(html: str, section: str) -> str:
    part = html.split(f'id="{section}"', 1)[1].split("<section", 1)[0]
    import html as html_module

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", part)).split())


@pytest.mark.e2e
def test_the_next_edition_reports_what_changed_since_the_one_in_the_archive(archive):
    # The session's archive (tests/conftest.py) holds 2020-06-30, a first edition, and the
    # session's edition, 2026-11-01; its root, 2026-11-22, was built with
    # --previous-as-of 2026-11-01.
    assert json.loads((archive.edition("2020-06-30") / "edition.json").read_text())["as_of"] == (
        "2020-06-30"
    )
    now = section_text(
        (archive.site / "index.html").read_text(), "what-changed-since-the-previous-edition"
    )
    first = section_text(
        (archive.edition("2020-06-30") / "index.html").read_text(),
        "what-changed-since-the-previous-edition",
    )
    assert "First edition" in first
    previous, as_of = dt.date(2026, 11, 1), dt.date(2026, 11, 22)
    assert "after the previous edition (1 November 2026) and up to 22 November 2026" in now
    for table in appendix.changes(previous, as_of):
        expected = len(expected_changes(previous, as_of)[table.table])
        assert f"{table.title} : {expected} new row" in now
    # China's new measures, each named with its date (counted here from the CSV file).
    rows = china_measures_known(as_of)  # the rows with a source published by then
    dates = pd.to_datetime(rows["date"])
    new = rows[(dates > pd.Timestamp(previous)) & (dates <= pd.Timestamp(as_of))]
    assert len(new) <= appendix.ITEMS_SHOWN
    for date, title in zip(pd.to_datetime(new["date"]), new["title"]):
        assert f"{date:%-d %B %Y}: China: {' '.join(title.split())}" in now, title


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
