"""The built site's charts as readers see them in Chromium: on a 390-px phone every chart is at
least about 330 px wide, its title clear of its legend, its legend below the plot and its source
line inside the chart; at desk width the same; and no chart's toolbar offers to share it."""

from __future__ import annotations

import pytest
from support import site_checks

pytestmark = pytest.mark.e2e

PHONE = site_checks.PHONE
MIN_PHONE_CHART = 330


def chart_pages(site) -> list[str]:
    return sorted(p.name for p in site.glob("*.html") if "plotly-graph-div" in p.read_text())


@pytest.fixture(scope="module")
def measured(site_visits) -> dict[str, dict[str, list[dict]]]:
    """Per width ("phone", "desk") and chart page: its charts' boxes (site_checks.CHARTS)."""
    pages = chart_pages(site_visits.site)
    return {
        width: {page: site_visits.pages[viewport["width"], page]["charts"] for page in pages}
        for width, viewport in (("phone", PHONE), ("desk", site_checks.DESK))
    }


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
