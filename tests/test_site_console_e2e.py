"""No console warning or error on any page of the built site, at a desk width and on a 390-px
phone, and no chart toolbar on the phone (issue 22).

One visit of every page at each width in the session's Chromium, recording every message the
page's console gets that is not plain logging: errors, warnings, uncaught exceptions, and
plotly.js's own warnings, which it writes with ``console.trace`` ("WARN: Invalid color
specifier ...", "WARN: MathJax is not loaded ...").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import site_checks

pytestmark = pytest.mark.e2e

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# What a console says that is not plain logging ("log", "info", "debug" pass).
COMPLAINTS = {"error", "warning", "assert", "trace"}
# Once drawn, every chart with a narrow frame has taken the frame its width asks for.
FITTED = """(below) => [...document.querySelectorAll('div.plotly-graph-div')].every(d =>
  !((d.layout || {}).meta || {}).narrow
  || d._briefingNarrow === (d.getBoundingClientRect().width < below))"""
# Whether each chart has a toolbar: its buttons (plotly leaves an empty box where it has none).
TOOLBARS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(
  d => d.querySelectorAll('.modebar-btn').length > 0)"""


def every_page(site: Path) -> list[str]:
    """Every page of the site, those under ``editions/`` included."""
    return sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html"))


@pytest.fixture(scope="module")
def visits(built, browser) -> dict[tuple[str, str], dict]:
    """Per (width, page): the console's complaints and whether each chart shows its toolbar."""
    from briefing.charts.layout import NARROW_BELOW

    site = built / "reports" / "site"
    found: dict[tuple[str, str], dict] = {}
    with site_checks.served(site) as origin:
        for width, viewport in (("desk", DESK), ("phone", PHONE)):
            for name in every_page(site):
                page = browser.new_page(viewport=viewport)
                heard: list[str] = []
                page.on(
                    "console",
                    lambda m, heard=heard: (
                        heard.append(f"{m.type}: {m.text}") if m.type in COMPLAINTS else None
                    ),
                )
                page.on("pageerror", lambda e, heard=heard: heard.append(f"uncaught: {e}"))
                page.goto(f"{origin}/{name}", wait_until="load")
                site_checks.wait_until_drawn(page)
                page.wait_for_function(FITTED, arg=NARROW_BELOW, timeout=15_000)
                page.wait_for_timeout(300)  # a redrawn chart's own warnings come after it
                found[width, name] = {"console": heard, "toolbars": page.evaluate(TOOLBARS)}
                page.close()
    return found


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
