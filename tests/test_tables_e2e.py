"""The session's built site, every page with a table, at a desk (1366 px) and on a phone (390 px):
every table's source links in sight or one click away, a card per row on the phone, a header
click that sorts, and a "Data and sources" block under the charts that opens on their rows."""

from __future__ import annotations

import pytest
from support import site_checks

pytestmark = pytest.mark.e2e

DESK = site_checks.DESK
PHONE = site_checks.PHONE


def pages_with_tables(site) -> list[str]:
    return sorted(p.name for p in site.glob("*.html") if 'id="table-' in p.read_text())


@pytest.fixture(scope="module")
def tables(site_visits):
    """Per (width, page): what site_checks.TABLES finds once every "Data and sources" block is
    open."""
    names = pages_with_tables(site_visits.site)
    return {key: seen["tables"] for key, seen in site_visits.pages.items() if key[1] in names}


def test_every_table_s_source_links_are_in_sight_at_a_desk_and_on_a_phone(tables):
    checked = 0
    for (width, name), found in tables.items():
        for table in found:
            # A column of links in the table is a column in sight, never one folded away.
            for column in table["linked"]:
                assert column in table["heads"], (width, name, table["id"], column)
                checked += 1
            for link in table["links"]:
                assert link["visible"] and link["right"] <= table["boxRight"] + 1, (
                    width,
                    name,
                    table["id"],
                    link,
                )
            assert table["width"] <= table["boxWidth"] + 1, (width, name, table["id"])
    # The measures, the sources, the rules and the charts' data at both widths at least.
    assert checked >= 2 * 20


def test_at_a_desk_the_wide_tables_fold_columns_and_the_others_show_all(tables):
    desk = {(name, t["id"]): t for (w, name), found in tables.items() if w == 1366 for t in found}
    folded = [key for key, table in desk.items() if table["folded"]]
    assert folded, "no table folded a column at 1366 px: the measures table has 11"
    # The list of sources keeps in sight what identifies a source, its link included; what
    # cites it is in sight or a click away (it stood 2437 px from the left).
    sources = [t["heads"] for (name, _), t in desk.items() if name == "sources.html"]
    assert any({"Publisher", "Title", "Date", "Source"} <= set(heads) for heads in sources)


def test_on_a_phone_every_row_is_a_card_with_each_value_under_its_title(tables):
    for (width, name), found in tables.items():
        if width != PHONE["width"]:
            continue
        for table in found:
            assert table["row"] == "flex", (name, table["id"])
            assert table["titles"] and all(table["titles"]), (name, table["id"])
            assert table["labels"] == [f'"{t}"' for t in table["titles"]], (name, table["id"])


def test_a_folded_row_opens_on_its_other_fields_and_a_header_click_sorts(built, browser):
    site = built / "reports" / "site"
    with site_checks.served(site) as origin:
        for viewport in (DESK, PHONE):
            page = browser.new_page(viewport=viewport)
            page.goto(f"{origin}/adoption.html", wait_until="load")
            site_checks.wait_until_drawn(page)
            table = page.locator("table.dataTable:not(details table)").last
            button = table.locator("button.row-more").first
            button.click()
            details = table.locator("tr.row-details").first
            assert button.get_attribute("aria-expanded") == "true"
            assert "Why coded so" in details.locator(".row-label").all_inner_texts()
            button.click()
            assert table.locator("tr.row-details").count() == 0

            dates = "els => els.map(td => td.textContent.trim())"
            header = table.locator("thead th", has_text="Date").first
            # DataTables sorts just after the click, then marks the header.
            marked = "([th, way]) => th.classList.contains('dt-ordering-' + way)"
            header.click()
            page.wait_for_function(marked, arg=[header.element_handle(), "asc"])
            ascending = table.locator("tbody td[data-label='Date']").evaluate_all(dates)
            assert ascending == sorted(ascending) and len(ascending) > 2
            header.click()
            page.wait_for_function(marked, arg=[header.element_handle(), "desc"])
            descending = table.locator("tbody td[data-label='Date']").evaluate_all(dates)
            assert descending == sorted(descending, reverse=True) != ascending
            page.close()


def test_under_each_chart_a_block_opens_on_its_rows_with_their_sources(built, browser):
    site = built / "reports" / "site"
    with site_checks.served(site) as origin:
        page = browser.new_page(viewport=DESK)
        page.goto(f"{origin}/adoption.html", wait_until="load")
        site_checks.wait_until_drawn(page)
        for label in ("fig-adoption-curve", "fig-adoption-timeline", "fig-adoption-map"):
            block = page.locator(f"details#data-{label}")
            assert block.count() == 1
            # It follows its figure.
            assert page.evaluate(
                "([f, b]) => !!(document.getElementById(f).compareDocumentPosition("
                "document.getElementById(b)) & Node.DOCUMENT_POSITION_FOLLOWING)",
                [label, f"data-{label}"],
            )
            assert not block.locator("table.dataTable").is_visible()
            block.locator("summary").click()
            rows = block.locator("table.dataTable tbody tr")
            assert rows.count() >= 10
            assert rows.first.locator('a[href^="http"]').first.is_visible()
            # Its link to the sources page, found by where it leads: once the page is served,
            # Quarto's website/navigation/quarto-nav.js rewrites every link's href absolute.
            sources = block.get_by_role("link", name="Sources", exact=True)
            assert sources.is_visible()
            assert sources.evaluate("a => a.href") == f"{origin}/sources.html"
        page.close()


def test_every_key_number_reaches_its_figure_s_rows_in_two_clicks(built, browser):
    """Click one: a key number's (or a finding's) figure link; click two: the block under that
    figure."""
    site = built / "reports" / "site"
    with site_checks.served(site) as origin:
        page = browser.new_page(viewport=DESK)
        page.goto(f"{origin}/index.html", wait_until="load")
        targets = page.eval_on_selector_all("a[href*='#fig-']", "links => links.map(a => a.href)")
        numbers = page.locator(".key-number a[href*='#fig-']").count()
        assert numbers and len(dict.fromkeys(targets)) >= numbers
        linked = 0
        for target in dict.fromkeys(targets):
            page.goto(target, wait_until="load")
            site_checks.wait_until_drawn(page)
            figure = target.split("#", 1)[1]
            block = page.locator(f"details#data-{figure}")
            block.locator("summary").click()
            rows = block.locator("table.dataTable tbody tr")
            assert rows.count() >= 1, figure
            linked += rows.first.locator('a[href^="http"]').count() > 0
        # Every figure's rows carry their own source but the Entity List's yearly counts,
        # which come from one snapshot (the Methods appendix).
        assert linked >= len(dict.fromkeys(targets)) - 1
        page.close()
