"""The archive as readers get it, on the session's editions (tests/conftest.py, `archive`): the
list of editions in the site's own style, and the banner on every page of an archived edition."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import site_checks

from briefing import countries, prose, translation
from briefing.book import archive_banner
from briefing.book import edition as edition_record
from briefing.chapters import registry

pytestmark = pytest.mark.e2e

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolves(site: Path, page: Path, href: str) -> Path:
    """The file ``href`` on ``page`` leads to (an address ending in / leads to its index)."""
    path = href.split("#")[0]
    target = (page.parent / path).resolve()
    target = target / "index.html" if href.endswith("/") or target.is_dir() else target
    assert target.is_relative_to(site.resolve()), f"{href} on {page} leaves the site"
    return target


def site_navigation(page: BeautifulSoup):
    """The site's chapters list: the navigation with the most links. The fallback's sidebar
    comes first; Quarto's page opens on its secondary nav (the phone's sidebar toggle and the
    breadcrumb, website/templates/nav-before-body.ejs) before `nav#quarto-sidebar`."""
    return max(
        page.find_all("nav"), key=lambda nav: len(nav.find_all("a", href=True)), default=None
    )


def editions_of(site: Path) -> list[Path]:
    """Every edition's folder: the current one (the root), then the archived ones."""
    return [site, *sorted(p for p in (site / "editions").iterdir() if p.is_dir())]


def in_words(record: dict) -> tuple[str, str]:
    day = prose.on(dt.date.fromisoformat(record["as_of"]))
    return day, countries.name(record["focus"])


def test_each_edition_records_the_key_numbers_its_notebooks_showed(archive):
    for name, executed in archive.executed.items():
        folder = archive.site if name == list(archive.steps)[-1] else archive.edition(name)
        record = json.loads((folder / "edition.json").read_text())
        shown = edition_record.key_numbers(executed / n.name for n in registry.notebooks())
        assert record["key_numbers"] == shown, name
        # The summary's, each once, with the chapter it comes from (in mid-2020 no measure of
        # China's was known: four chapters have a key number).
        keys = [number["key"] for number in shown]
        assert len(set(keys)) == len(keys) >= 4, name
        summary = executed / registry.SUMMARY.notebook.name
        assert edition_record.key_numbers([summary]) == shown, name
        assert {number["chapter"] for number in shown} <= {c.slug for c in registry.CHAPTERS}


def test_the_list_of_editions_is_a_page_of_the_site_listing_every_edition(archive):
    site = archive.site
    page, home = site / "editions" / "index.html", soup(site / "index.html")
    listing = soup(page)
    # The site's own style sheets and navigation, as the current edition's home has them.
    sheets = [link["href"] for link in listing.find_all("link", rel="stylesheet")]
    assert sheets and sheets == [
        f"../{link['href']}" for link in home.find_all("link", rel="stylesheet")
    ]
    nav, home_nav = site_navigation(listing), site_navigation(home)
    links = nav.find_all("a", href=True) if nav else []
    assert len(links) == len(home_nav.find_all("a", href=True)) > 5
    for link in [*listing.find_all("link", href=True), *links]:
        assert resolves(site, page, link["href"]).is_file(), link
    # Every edition, newest first, with its date, focus, PDF and key numbers.
    items = listing.select("ol.editions-list > li")
    folders = editions_of(site)
    records = [json.loads((folder / "edition.json").read_text()) for folder in folders]
    assert [item.h2.get_text() for item in items] == [
        f"Edition of {in_words(record)[0]}"
        for record in [records[0], *sorted(records[1:], key=lambda r: r["as_of"], reverse=True)]
    ]
    for item in items:
        home_page = resolves(site, page, item.h2.a["href"])
        record = json.loads((home_page.parent / "edition.json").read_text())
        day, focus = in_words(record)
        text = " ".join(item.get_text().split())
        assert f"focus: {focus}" in text and item.h2.get_text() == f"Edition of {day}"
        assert resolves(site, page, item.find("a", string="PDF")["href"]).name == "briefing.pdf"
        shown = [" ".join(li.get_text().split()) for li in item.select(".edition-key-numbers li")]
        assert len(shown) == len(record["key_numbers"]) >= 4
        for line, number in zip(shown, record["key_numbers"], strict=True):
            assert line.startswith(f"{number['value']} {' '.join(number['definition'].split())}")


def test_the_summarys_link_to_earlier_editions_leads_to_the_list_in_every_edition(archive):
    for folder in editions_of(archive.site):
        summary = folder / "index.html"
        targets = {
            resolves(archive.site, summary, a["href"])
            # Quarto's sidebar toggles are links without a target (nav-before-body.ejs).
            for a in soup(summary).find_all("a", href=True)
        }
        listing = (folder / "editions" / "index.html").resolve()
        assert listing in targets, folder
        assert len(soup(listing).select("ol.editions-list > li")) == len(editions_of(archive.site))


def japanese_label(record: dict) -> str:
    day = translation.date(dt.date.fromisoformat(record["as_of"]), "ja")
    if record["focus"] == "JP":
        return day
    return f"{day}、重点法域：{countries.shown(record['focus'], 'ja')}"


def test_every_page_of_an_archived_edition_says_so_and_links_to_the_current_one(archive):
    site = archive.site
    for folder in editions_of(site)[1:]:
        record = json.loads((folder / "edition.json").read_text())
        day, focus = in_words(record)
        label = day if record["focus"] == "JP" else f"{day}, focus {focus}"
        pages = sorted(folder.rglob("*.html"))
        assert len(pages) >= 10 and folder / "editions" / "index.html" in pages
        for page in pages:
            found = soup(page).find_all("p", class_=archive_banner.CLASS)
            # A page of the Japanese edition says it in Japanese.
            expected = f"Archived edition of {label} — see the current edition"
            if page.relative_to(folder).parts[0] == "ja":
                expected = f"{japanese_label(record)}版（過去の版） — 最新版を見る"
            assert [" ".join(p.get_text().split()) for p in found] == [expected], page
            target = resolves(site, page, found[0].a["href"])
            same = site / page.relative_to(folder)
            assert target == (same if same.is_file() else site / "index.html").resolve(), page
    # The current edition's pages and the list of editions carry none.
    for page in [*site.glob("*.html"), site / "editions" / "index.html"]:
        assert archive_banner.CLASS not in page.read_text(encoding="utf-8"), page


# What a reader sees of a page: the banner's box and link, the navigation, the width, errors.
SEEN = """() => {
  const banner = document.querySelector('p.archived-edition');
  const box = banner && banner.getBoundingClientRect();
  const nav = [...document.querySelectorAll('nav a')].filter(a => a.getClientRects().length);
  return {banner: box && {top: box.top, bottom: box.bottom, width: box.width,
                          background: getComputedStyle(banner).backgroundColor},
          navLinks: nav.length, scrollWidth: document.scrollingElement.scrollWidth,
          sheets: document.styleSheets.length, h1: document.querySelector('h1').textContent};
}"""


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1366px", "390px"])
def test_in_the_browser_the_banner_leads_to_the_current_page_and_the_list_is_styled(
    archive, browser, viewport
):
    answered: list[tuple[int, str]] = []
    with site_checks.served(archive.site, answered) as origin:
        page = browser.new_page(viewport=viewport)
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{origin}/editions/2020-06-30-NL/adoption.html", wait_until="load")
        site_checks.wait_until_drawn(page)
        seen = page.evaluate(SEEN)
        assert seen["banner"] and 0 <= seen["banner"]["top"] < viewport["height"] / 3
        assert seen["banner"]["background"] != "rgba(0, 0, 0, 0)"
        assert seen["scrollWidth"] <= viewport["width"]
        assert site_checks.axe_serious(page, "editions/2020-06-30-NL/adoption.html") == []
        page.click("p.archived-edition a")
        page.wait_for_load_state("load")
        assert page.url == f"{origin}/adoption.html"
        assert page.evaluate(SEEN)["banner"] is None
        page.goto(f"{origin}/editions/index.html", wait_until="load")
        # On a phone Quarto folds the sidebar away behind the toggle of its secondary nav
        # (website/templates/nav-before-body.ejs): a reader opens it. The fallback shows it.
        folded = page.locator('button[aria-controls="quarto-sidebar"][aria-expanded="false"]')
        if folded.is_visible():
            folded.click()
            page.wait_for_timeout(600)  # Bootstrap's collapse transition
        listing = page.evaluate(SEEN)
        assert listing["h1"].strip() == "Editions of the tech-controls briefing"
        assert listing["navLinks"] >= 5 and listing["sheets"] >= 1
        assert listing["scrollWidth"] <= viewport["width"]
        assert site_checks.axe_serious(page, "editions/index.html") == []
        page.close()
    assert errors == []
    assert [path for status, path in answered if status >= 400] == []
