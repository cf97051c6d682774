"""Looking at a built site as a reader does: served over http, visited in Chromium, offline."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


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

    def guard(route, request):
        if request.url.startswith(origin + "/"):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(f"{origin}/{page_name}", wait_until="load")
    return page, errors, outside


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
