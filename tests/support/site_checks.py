"""Looking at a built site as a reader does: served over http, visited in Chromium, offline."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's Chromium, never a downloaded one; the flags of a headless browser in a container.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(SimpleHTTPRequestHandler):
    answered: list[tuple[int, str]] | None = None

    def log_message(self, format, *args):
        pass

    def log_request(self, code="-", size="-"):
        if self.answered is not None:
            self.answered.append((int(getattr(code, "value", code)), self.path))


@contextmanager
def served(site: Path, answered: list[tuple[int, str]] | None = None) -> Iterator[str]:
    """``site`` served on localhost, as `make serve` and GitHub Pages serve it; yields its origin.

    With ``answered``, every answer the server gives is appended to it as (status, path).
    """
    handler = type("Handler", (QuietHandler,), {"answered": answered})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def visit_offline(browser, origin: str, page_name: str) -> tuple[object, list[str], list[str]]:
    """Open a page with every request outside ``origin`` blocked.

    Returns the page (still open), its console errors and the addresses it tried outside.
    """
    page = browser.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    block_outside(page, origin, outside)
    page.goto(f"{origin}/{page_name}", wait_until="load")
    return page, errors, outside


def is_outside(url: str, origin: str) -> bool:
    """Whether a request for ``url`` leaves the site served at ``origin`` (data: and blob:
    addresses never leave the page)."""
    return not url.startswith((origin + "/", "data:", "blob:"))


def block_outside(page, origin: str, outside: list[str]) -> None:
    """Abort every request of ``page`` outside ``origin``, appending its address to ``outside``."""

    def guard(route, request):
        if not is_outside(request.url, origin):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page.route("**/*", guard)


# WCAG 2.1 levels A and AA, as axe-core tags its rules.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERE = ("serious", "critical")


def wait_until_drawn(page, timeout: float = 15_000) -> None:
    """Wait until every chart has drawn and every interactive table is set up."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('div.plotly-graph-div')]
                   .every(chart => chart.querySelector('svg.main-svg'))
             && document.querySelectorAll('table[id^="table-"]:not(.dataTable)').length === 0""",
        timeout=timeout,
    )


def axe_serious(page, name: str) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on ``page``, one line each:
    rule, impact, page and the element's selector."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{rule['id']} ({rule['impact']}) on {name}: {' > '.join(map(str, node['target']))}"
        for rule in results.response["violations"]
        if rule["impact"] in SEVERE
        for node in rule["nodes"]
    ]


# --- Every page of a site, visited once at each width ------------------------------------------
# The site's tests (accessibility, console, tables, charts, offline) read what one visit of each
# page at a desk width and at a phone width found, rather than loading the pages again each.

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

# Once drawn, every chart with a narrow frame has taken the frame its width asks for.
FITTED = """(below) => [...document.querySelectorAll('div.plotly-graph-div')].every(d =>
  !((d.layout || {}).meta || {}).narrow
  || d._briefingNarrow === (d.getBoundingClientRect().width < below))"""
# The page's width, its icon, whether each chart has a toolbar (plotly leaves an empty box where
# it has none), and each interactive table's width, its box's width and overflow, and its
# narrowest body cell.
SEEN = """() => ({
  scroll_width: document.scrollingElement.scrollWidth,
  icon: (link => link ? link.href : null)(document.querySelector('link[rel~="icon"]')),
  toolbars: [...document.querySelectorAll('div.plotly-graph-div')].map(
    d => d.querySelectorAll('.modebar-btn').length > 0),
  fit: [...document.querySelectorAll('table.dataTable')].map(table => {
    const box = table.parentElement;
    const cells = [...table.querySelectorAll('tbody td')].map(
      td => td.getBoundingClientRect().width);
    return {id: table.id, width: table.getBoundingClientRect().width, box: box.clientWidth,
            overflow: getComputedStyle(box).overflowX, narrowest: Math.min(...cells)};
  }),
})"""
# Each chart's boxes, as the page lays them out: [left, top, right, bottom] in px.
CHARTS = """() => Array.from(document.querySelectorAll('div.plotly-graph-div')).map(d => {
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
OPEN_BLOCKS = """() => document.querySelectorAll('details.chart-data')
  .forEach(block => { block.open = true; })"""
# Per table, once every "Data and sources" block is open: its columns in sight, the source links
# in sight in its first row (their right edge), the columns the page's static copy has links in
# (the whole table, without script) — links out of the site only: served over http, Quarto's
# quarto-nav.js makes the site's own links absolute too, and those ("Cited by") may fold — and on a phone whether its rows are cards with a title
# beside each value.
TABLES = """() => { const outside = a => /^https?:$/.test(a.protocol) && a.host !== location.host;
return [...document.querySelectorAll('table.dataTable')].map(table => {
  const box = table.parentElement.getBoundingClientRect();
  const heads = [...table.querySelectorAll('thead th')]
    .filter(th => getComputedStyle(th).display !== 'none')
    .map(th => th.querySelector('.dt-column-title').textContent.trim());
  const fallback = document.getElementById(table.id + '_fallback');
  const titles = [...fallback.querySelectorAll('thead th')].map(th => th.textContent.trim());
  const linked = new Set();
  fallback.querySelectorAll('tbody tr').forEach(tr => [...tr.children].forEach((td, i) => {
    if ([...td.querySelectorAll('a[href]')].some(outside)) linked.add(titles[i]);
  }));
  const row = table.querySelector('tbody > tr');
  const links = [...row.querySelectorAll('td a[href]')].filter(outside).map(a => ({
    column: a.closest('td').dataset.label, right: a.getBoundingClientRect().right,
    visible: a.getBoundingClientRect().width > 0}));
  const cells = [...row.querySelectorAll('td[data-label]:not(.row-control)')];
  return {id: table.id, inBlock: !!table.closest('details'), heads, linked: [...linked],
          links, boxRight: box.right, width: table.getBoundingClientRect().width,
          boxWidth: box.width, row: getComputedStyle(row).display,
          labels: cells.map(td => getComputedStyle(td, '::before').content),
          titles: cells.map(td => td.dataset.label),
          folded: !!row.querySelector('button.row-more') &&
                  getComputedStyle(row.querySelector('td.row-control')).display !== 'none'};
}); }"""


@dataclass(frozen=True)
class Visits:
    site: Path
    pages: dict[
        tuple[int, str], dict
    ]  # by (viewport width, page path in the site): what visit found
    answered: list[tuple[int, str]]  # every answer the server gave, (status, path)


def every_visit(site: Path) -> list[tuple[dict, str]]:
    """Every page of ``site`` (those under ``editions/`` included) at DESK and at PHONE, as
    (viewport, page path in the site)."""
    names = sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html"))
    return [(viewport, name) for viewport in (DESK, PHONE) for name in names]


def visit_pages(context, origin: str, visits: list[tuple[dict, str]]) -> dict:
    """What each (viewport, page) of ``visits`` showed, by (width, page), in ``context``: a
    persistent Chromium profile (`chromium_profile`) with ``origin`` serving the site."""
    return {(vp["width"], name): visit(context, origin, name, vp) for vp, name in visits}


def merged(site: Path, parts: list[Visits]) -> Visits:
    """Visits made in parts (by several processes) as one."""
    pages = {key: found for part in parts for key, found in part.pages.items()}
    return Visits(site, pages, [answer for part in parts for answer in part.answered])


# The visits' Chromium resolves no host but the server's: a page that reaches outside the site
# fails as it would offline. (Intercepting requests with page.route, as visit_offline does,
# would also turn off Chromium's cache.)
NO_OUTSIDE_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


@contextmanager
def chromium_profile(playwright, executable: Path, args: list[str], folder: Path) -> Iterator:
    """A Chromium with a profile on disk, for many visits of one site: a page's scripts
    (plotly.js, about 5 MB) are compiled from the second load on from V8's code cache, which
    Chromium keeps only in such a profile; a fresh context compiles them on every load."""
    context = playwright.chromium.launch_persistent_context(
        folder, executable_path=str(executable), args=[*args, NO_OUTSIDE_HOSTS]
    )
    try:
        yield context
    finally:
        context.close()


def visit(context, origin: str, name: str, viewport: dict) -> dict:
    """What one page shows once drawn: the console's messages (type, text) and uncaught
    exceptions, the addresses it tried outside, axe's serious findings, what SEEN and CHARTS
    measure; then, with every "Data and sources" block open, what TABLES measures."""
    from briefing.charts.layout import NARROW_BELOW

    page = context.new_page()
    page.set_viewport_size(viewport)
    console: list[tuple[str, str]] = []
    uncaught: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: uncaught.append(str(error)))
    page.on(
        "request",
        lambda request: outside.append(request.url) if is_outside(request.url, origin) else None,
    )
    page.goto(f"{origin}/{name}", wait_until="load")
    wait_until_drawn(page)
    page.wait_for_function(FITTED, arg=NARROW_BELOW, timeout=15_000)
    page.wait_for_timeout(500)  # a redrawn chart's narrow frame, and its own warnings, come after
    found = {"console": list(console), "uncaught": list(uncaught), "outside": outside}
    found |= page.evaluate(SEEN) | {"charts": page.evaluate(CHARTS)}
    found["axe"] = axe_serious(page, name)
    page.evaluate(OPEN_BLOCKS)
    page.wait_for_timeout(300)
    found["tables"] = page.evaluate(TABLES)
    page.close()
    return found
