"""Shared fixtures: a copy of the project built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_copy import SITE_URL, copy_project, run_briefing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The briefing built once into a temporary project copy, with the engine `briefing build`
    chooses: Quarto where a Quarto 1.9 or newer is on PATH, else the fallback (pandoc + typst);
    BRIEFING_ENGINE=quarto|fallback in the test's environment pins one."""
    root = copy_project(tmp_path_factory.mktemp("briefing") / "project")
    run_briefing(
        root, "build", "--as-of", "2026-11-01", "--focus", "JP", env={"BRIEFING_SITE_URL": SITE_URL}
    )
    return root


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (Debian's, at /usr/bin/chromium)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
