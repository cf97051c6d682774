"""Past editions sit beside the current one: the newest at the root, the others archived."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.book import archive_banner, editions


def site_of(folder: Path, as_of: str, focus: str = "JP", page: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.json").write_text(json.dumps({"as_of": as_of, "focus": focus}))
    (folder / "index.html").write_text(page or f"<p>{as_of} {focus}</p>")
    (folder / "briefing.pdf").write_bytes(b"%PDF " + as_of.encode())
    return folder


def banners(page: str) -> list[tuple[str, str]]:
    """Each archived-edition banner of ``page``: its text and its link."""
    soup = BeautifulSoup(page, "html.parser")
    return [
        (" ".join(p.get_text().split()), p.a["href"])
        for p in soup.find_all("p", class_=archive_banner.CLASS)
    ]


def test_the_newest_edition_goes_to_the_root_and_earlier_ones_to_the_archive(tmp_path):
    site = site_of(tmp_path / "site", "2026-11-01")
    assert editions.target(editions.Edition("2026-12-01", "JP"), site) == site
    assert editions.target(editions.Edition("2026-11-01", "JP"), site) == site  # the same again
    assert (
        editions.target(editions.Edition("2020-06-30", "JP"), site)
        == site / "editions" / "2020-06-30"
    )
    assert (
        editions.target(editions.Edition("2026-11-01", "KR"), site)
        == site / "editions" / "2026-11-01-KR"
    )
    assert (
        editions.target(editions.Edition("2020-06-30", "JP"), tmp_path / "none")
        == tmp_path / "none"
    )


def test_a_new_root_keeps_the_archive_and_archives_the_edition_it_replaces(tmp_path):
    site = site_of(tmp_path / "site", "2026-11-01")
    site_of(site / "editions" / "2020-06-30", "2020-06-30")
    staged = site_of(tmp_path / "staged", "2026-12-01")
    editions.carry_over(staged, site)
    kept = (staged / "editions" / "2020-06-30" / "index.html").read_text()
    assert archive_banner.unmark(kept) == "<p>2020-06-30 JP</p>"  # as it was, but for its banner
    assert banners(kept) == [
        ("Archived edition of 30 June 2020 — see the current edition", "../../index.html")
    ]
    archived = staged / "editions" / "2026-11-01"
    assert (archived / "briefing.pdf").read_bytes() == b"%PDF 2026-11-01"
    # The old root's archive is not nested in it: only the list of editions is.
    assert sorted(p.name for p in (archived / "editions").iterdir()) == ["index.html"]
    listing = (staged / "editions" / "index.html").read_text()
    assert (
        listing.index("1 December 2026")
        < listing.index("1 November 2026")
        < listing.index("30 June 2020")
    )
    assert '<a href="../index.html">Edition of 1 December 2026</a>' in listing
    assert "The current edition · focus: Japan" in BeautifulSoup(listing, "html.parser").get_text()
    assert 'href="2020-06-30/briefing.pdf"' in listing
    # An archived edition's own link to the list works from where it sits.
    inner = (archived / "editions" / "index.html").read_text()
    assert 'href="../../../index.html"' in inner and 'href="../../2020-06-30/index.html"' in inner


def test_rebuilding_the_same_edition_archives_nothing(tmp_path):
    site = site_of(tmp_path / "site", "2026-11-01")
    staged = site_of(tmp_path / "staged", "2026-11-01", page="<p>rebuilt</p>")
    editions.carry_over(staged, site)
    assert sorted(p.name for p in (staged / "editions").iterdir()) == ["index.html"]
    assert "2026-11-01" not in {p.name for p in (staged / "editions").iterdir()}


@pytest.mark.e2e
def test_building_a_past_edition_keeps_the_current_one(archive):
    # The session's archive (tests/conftest.py): a copy of the current edition, 2026-11-01,
    # then 2020-06-30 and 2026-11-22, both with the focus on the Netherlands.
    site = archive.site
    before = archive.before
    result = archive.steps["2020-06-30-NL"]
    assert "reports/site/editions/2020-06-30-NL" in " ".join(result.output.split())
    assert result.current == before
    past = site / "editions" / "2020-06-30-NL"
    assert json.loads((past / "edition.json").read_text())["as_of"] == "2020-06-30"
    assert (past / "briefing.pdf").is_file() and (past / "adoption.html").is_file()
    assert "Nothing changed" in archive.steps["2020-06-30-NL again"].output
    # A later edition becomes the root and keeps the one it replaces in the archive.
    assert json.loads((site / "edition.json").read_text())["as_of"] == "2026-11-22"
    assert sorted(p.name for p in (site / "editions").iterdir()) == [
        "2020-06-30-NL",
        "2026-11-01",
        "index.html",
    ]
    # Filed as it was built, but for the banner that says it is archived.
    filed = (site / "editions" / "2026-11-01" / "index.html").read_text(encoding="utf-8")
    assert banners(filed) == [
        ("Archived edition of 1 November 2026 — see the current edition", "../../index.html")
    ]
    unmarked = archive_banner.unmark(filed).encode("utf-8")
    assert hashlib.sha256(unmarked).hexdigest() == before["index.html"]


def test_the_title_page_names_the_focus_and_the_tables_in_words_within_the_cut():
    import datetime as dt

    from briefing.book import edition as edition_record
    from briefing.data import package, tables
    from briefing.params import parse

    early = parse("2020-06-30", "KR", today=dt.date(2026, 12, 1))
    description = edition_record.describe(early)
    text = edition_record.title_page_text(description)
    assert "with the focus on South Korea" in text
    assert " KR " not in text and "for KR" not in text
    for table in package.tables():
        assert f"{table.name}:" not in text  # named by title, not by the file's name
        latest = description["data"][table.name].get("latest_source_date")
        if latest:
            assert table.title in text
            # the latest source of the rows the edition shows, not of the whole file
            rows = tables.load(table.name, as_of=early.as_of)
            assert latest == rows[table.source_columns["date"]].max().date().isoformat()
            assert (
                latest
                < tables.load(table.name)[table.source_columns["date"]].max().date().isoformat()
            )


@pytest.mark.parametrize(
    ("commit", "said"),
    [("unknown (not a git checkout)", "不明"), ("0123abcd4567+local changes", "0123abcd4567（")],
)
def test_the_japanese_title_page_says_the_commit_and_the_lists_date_in_japanese(commit, said):
    import datetime as dt

    from briefing.book import edition as edition_record
    from briefing.params import parse

    description = edition_record.describe(parse("2026-11-01", "JP", today=dt.date(2026, 12, 1)))
    description["commit"] = commit
    text = edition_record.title_page_text(description, lang="ja")
    # The record (edition.json) stays in English; the page says it in the edition's language.
    assert said in text
    assert "git checkout" not in text and "local changes" not in text
    assert "Federal Register amendment cited" not in text
    english = edition_record.title_page_text(description)
    assert commit in english
