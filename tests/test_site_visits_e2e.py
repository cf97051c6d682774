"""The page visits (tests/support/site_checks.py) run in a Chromium with a profile on disk,
where outside requests fail at the host resolver rather than through page.route (which would
turn Chromium's cache off): a page that reaches outside the site is still seen doing so."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import site_checks
from support.site_checks import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.e2e

PAGE = """<html lang="en"><head><title>Outside</title>
<script src="https://cdn.jsdelivr.net/npm/plotly.js/dist/plotly.min.js"></script></head>
<body><main><h1>Outside</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="dot">
</main></body></html>
"""


def test_a_visit_records_and_fails_what_reaches_outside_the_site(tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    with (
        site_checks.served(site) as origin,
        sync_playwright() as playwright,
        site_checks.chromium_profile(
            playwright, CHROMIUM, CHROMIUM_ARGS, tmp_path / "p"
        ) as chromium,
    ):
        found = site_checks.visit(chromium, origin, "index.html", site_checks.DESK)
    assert found["outside"] == ["https://cdn.jsdelivr.net/npm/plotly.js/dist/plotly.min.js"]
    assert ("error", "Failed to load resource: net::ERR_NAME_NOT_RESOLVED") in found["console"]
