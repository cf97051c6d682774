"""Shared fixtures: a copy of the project built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What a build reads: everything else (the environment, build products) stays behind.
PROJECT_PARTS = ["_quarto.yml", "pyproject.toml", "notebooks", "data", "scripts", "*.qmd"]
BRIEFING = Path(sys.executable).with_name("briefing")


def copy_project(target: Path) -> Path:
    """A copy of the project's sources in ``target``, as a fresh clone would have them."""
    target.mkdir(parents=True, exist_ok=True)
    for pattern in PROJECT_PARTS:
        for source in ROOT.glob(pattern):
            if source.is_dir():
                shutil.copytree(source, target / source.name)
            else:
                shutil.copy2(source, target / source.name)
    return target


def run_briefing(root: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the `briefing` command on the project copy at ``root``."""
    full_env = {**os.environ, "BRIEFING_ROOT": str(root), **(env or {})}
    result = subprocess.run(
        [str(BRIEFING), *args], cwd=root, env=full_env, capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"briefing {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The briefing built once, with the fallback renderer, into a temporary project copy."""
    root = copy_project(tmp_path_factory.mktemp("briefing") / "project")
    run_briefing(root, "build", "--as-of", "2026-11-01", "--focus", "JP")
    return root
