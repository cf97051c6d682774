"""The built site as every reader gets it: accessible (WCAG 2.1 A/AA), whole on a phone, no 404.

The tests below read what the session's one visit of every page at a desk width (1366 px) and
at a 390-px phone width found (tests/conftest.py, `site_visits`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import site_checks

pytestmark = pytest.mark.e2e

PHONE = site_checks.PHONE


def every_page(site: Path) -> list[str]:
    """Each page of the site, the chapters and the list of editions."""
    pages = sorted(page.name for page in site.glob("*.html"))
    if (site / "editions" / "index.html").exists():
        pages.append("editions/index.html")
    return pages


@pytest.fixture(scope="module")
def visits(site_visits):
    """Per (width, page): axe's serious findings, the page's scroll width, its tables (their
    width, their box's width and overflow, their narrowest body cell), its icon."""
    site = site_visits.site
    pages = every_page(site)
    found = {
        (width, name): {
            "axe": seen["axe"],
            "scroll_width": seen["scroll_width"],
            "tables": seen["fit"],
            "icon": seen["icon"],
        }
        for (width, name), seen in site_visits.pages.items()
        if name in pages
    }
    return {"pages": found, "answered": site_visits.answered, "site": site}


def test_axe_finds_nothing_serious_on_any_page(visits):
    findings = [line for found in visits["pages"].values() for line in found["axe"]]
    assert findings == [], "\n".join(findings)


def test_every_page_names_its_icon_and_no_request_gets_a_404(visits):
    site = visits["site"]
    for (_, name), found in visits["pages"].items():
        assert found["icon"] and found["icon"].endswith("/assets/favicon.svg"), name
    assert (site / "assets" / "favicon.svg").read_text().lstrip().startswith("<svg")
    assert visits["answered"], "the server answered nothing"
    missing = sorted({path for status, path in visits["answered"] if status >= 400})
    assert missing == []
    assert any(path.endswith("/assets/favicon.svg") for _, path in visits["answered"])


def test_nothing_is_wider_than_a_phone(visits):
    too_wide = {
        name: found["scroll_width"]
        for (width, name), found in visits["pages"].items()
        if width == PHONE["width"] and found["scroll_width"] > PHONE["width"]
    }
    assert too_wide == {}


def test_on_a_phone_tables_fit_their_box_with_readable_values(visits):
    # Each row is a card there (test_tables_e2e.py): no table wider than its box, and no
    # value squeezed to a word a line.
    phone = [
        (name, table)
        for (width, name), found in visits["pages"].items()
        if width == PHONE["width"]
        for table in found["tables"]
    ]
    assert phone, "no interactive table on any page"
    for name, table in phone:
        assert table["width"] <= table["box"] + 1, (name, table)
        assert table["narrowest"] >= 100, (name, table)
