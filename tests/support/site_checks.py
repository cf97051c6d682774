"""Looking at a built site as a reader does: served over http, visited in Chromium, offline."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` served on localhost, as `make serve` and GitHub Pages serve it; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
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
