"""The built site's charts as readers see them in Chromium: on a 390-px phone every chart is at
least about 330 px wide, its title clear of its legend, its legend below the plot and its source
line inside the chart; at desk width the same; and no chart's toolbar offers to share it."""

from __future__ import annotations

import pytest
from support import site_checks

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
MIN_PHONE_CHART = 330

# Each chart's boxes, as the page lays them out: [left, top, right, bottom] in px.
BOXES = """() => Array.from(document.querySelectorAll('div.plotly-graph-div')).map(d => {
  const box = e => { if (!e) return null; const b = e.getBoundingClientRect();
                     return [b.left, b.top, b.right, b.bottom]; };
  const source = Array.from(d.querySelectorAll('.annotation')).find(
      a => a.textContent.startsWith('Source:'));
  return {
    id: d.id,
    chart: box(d.querySelector('svg.main-svg')),
    plot: box(d.querySelector('.nsewdrag')),
    title: box(d.querySelector('.gtitle')),
    legend: box(d.querySelector('.legend')),
    xtitle: box(d.querySelector('.g-xtitle text')),
    source: box(source),
    buttons: Array.from(d.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title')),
  };
})"""


def chart_pages(built) -> list[str]:
    site = built / "reports" / "site"
    return sorted(p.name for p in site.glob("*.html") if "plotly-graph-div" in p.read_text())


@pytest.fixture(scope="module")
def measured(built, browser) -> dict[str, dict[str, list[dict]]]:
    """Per width ("phone", "desk") and chart page: its charts' boxes (one visit of each page)."""
    with site_checks.served(built / "reports" / "site") as origin:
        return {
            width: {page: boxes(browser, origin, page, viewport) for page in chart_pages(built)}
            for width, viewport in (("phone", PHONE), ("desk", DESK))
        }


def boxes(browser, origin: str, page_name: str, viewport: dict) -> list[dict]:
    page = browser.new_page(viewport=viewport)
    page.goto(f"{origin}/{page_name}", wait_until="load")
    charts = page.locator("div.plotly-graph-div")
    for index in range(charts.count()):
        charts.nth(index).locator("svg.main-svg").first.wait_for(state="attached", timeout=15_000)
    page.wait_for_timeout(500)  # the narrow frame is drawn after the first
    found = page.evaluate(BOXES)
    page.close()
    return found


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(inner, outer, slack: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def check_layout(chart: dict, where: str) -> None:
    name = f"{where} {chart['id']}"
    assert chart["title"] and inside(chart["title"], chart["chart"]), f"{name}: title outside"
    assert chart["source"], f"{name}: no source line"
    assert inside(chart["source"], chart["chart"]), f"{name}: source line clipped"
    if chart["legend"]:
        assert inside(chart["legend"], chart["chart"]), f"{name}: legend outside"
        assert not overlaps(chart["title"], chart["legend"]), f"{name}: title over legend"
        if chart["plot"]:
            assert chart["legend"][1] >= chart["plot"][3], f"{name}: legend not below the plot"
        if chart["xtitle"]:
            assert chart["legend"][1] >= chart["xtitle"][3] - 1, f"{name}: legend over axis title"
        assert chart["legend"][3] <= chart["source"][1] + 1, f"{name}: legend over source"


def test_every_chart_is_wide_enough_on_a_phone_with_its_title_clear_of_its_legend(measured):
    pages = measured["phone"]
    # Every chapter's charts, the China chapter's timeline and bars among them.
    assert {"adoption.html", "alignment.html", "china_measures.html"} <= set(pages)
    measured_charts = 0
    for page_name, charts in pages.items():
        if page_name == "china_measures.html":
            assert len(charts) == 2 and all(chart["legend"] for chart in charts)
        for chart in charts:
            width = chart["chart"][2] - chart["chart"][0]
            assert width >= MIN_PHONE_CHART, f"{page_name} {chart['id']}: {width:.0f} px wide"
            assert chart["chart"][2] <= PHONE["width"], f"{page_name}: wider than the screen"
            check_layout(chart, f"phone {page_name}")
            measured_charts += 1
    assert measured_charts >= 12


def test_desk_charts_keep_titles_legends_and_sources_apart(measured):
    for page_name, charts in measured["desk"].items():
        for chart in charts:
            check_layout(chart, f"desk {page_name}")


def test_no_chart_toolbar_offers_to_share_or_upload(measured):
    buttons = {
        button for charts in measured["desk"].values() for c in charts for button in c["buttons"]
    }
    # The toolbar is there (plotly.js offers "Share chart..." in it unless told not to).
    assert any(b.lower().startswith("download plot") for b in buttons)
    assert not [b for b in buttons if "share" in b.lower() or "cloud" in b.lower()]
