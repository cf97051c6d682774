"""No console warning or error on any page of the built site, at a desk width and on a 390-px
phone, and no chart toolbar on the phone (issue 22).

The session's one visit of every page at each width (tests/conftest.py, `site_visits`) records
every message the page's console gets; the complaints are those that are not plain logging:
errors, warnings, uncaught exceptions, and plotly.js's own warnings, which it writes with
``console.trace`` ("WARN: Invalid color specifier ...", "WARN: MathJax is not loaded ...").
"""

from __future__ import annotations

import pytest
from support import site_checks

pytestmark = pytest.mark.e2e

# What a console says that is not plain logging ("log", "info", "debug" pass).
COMPLAINTS = {"error", "warning", "assert", "trace"}
WIDTHS = {site_checks.DESK["width"]: "desk", site_checks.PHONE["width"]: "phone"}


@pytest.fixture(scope="module")
def visits(site_visits) -> dict[tuple[str, str], dict]:
    """Per (width, page), every page of the site (those under ``editions/`` included): the
    console's complaints and whether each chart shows its toolbar."""
    return {
        (WIDTHS[width], name): {
            "console": [f"{kind}: {text}" for kind, text in seen["console"] if kind in COMPLAINTS]
            + [f"uncaught: {error}" for error in seen["uncaught"]],
            "toolbars": seen["toolbars"],
        }
        for (width, name), seen in site_visits.pages.items()
    }


def test_no_page_has_a_console_warning_or_error_at_either_width(visits):
    pages = {name for _, name in visits}
    # Every chapter, the summary, the appendices and the list of editions were opened.
    assert {"index.html", "adoption.html", "self_sufficiency.html", "sources.html"} <= pages
    assert "editions/index.html" in pages
    heard = [
        f"{name} at {width}: {message}"
        for (width, name), found in sorted(visits.items())
        for message in found["console"]
    ]
    assert not heard, "\n".join(heard)


def test_no_chart_shows_its_toolbar_on_a_phone_and_every_chart_does_at_a_desk(visits):
    phone = {name: found["toolbars"] for (w, name), found in visits.items() if w == "phone"}
    desk = {name: found["toolbars"] for (w, name), found in visits.items() if w == "desk"}
    assert sum(len(bars) for bars in phone.values()) >= 12  # every chart of the briefing
    assert not {name: bars for name, bars in phone.items() if any(bars)}
    assert all(all(bars) for bars in desk.values())
