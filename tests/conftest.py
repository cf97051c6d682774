"""Shared fixtures: a copy of the project built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_copy import copy_project, run_briefing


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The briefing built once, with the fallback renderer, into a temporary project copy."""
    root = copy_project(tmp_path_factory.mktemp("briefing") / "project")
    run_briefing(root, "build", "--as-of", "2026-11-01", "--focus", "JP")
    return root
