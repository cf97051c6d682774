"""Quarto itself, where it is installed (1.9 or newer: typst books)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from briefing.errors import RenderError

MINIMUM = (1, 9)


def available() -> bool:
    """True when a `quarto` of at least 1.9 is on PATH."""
    version = installed_version()
    return version is not None and version >= MINIMUM


def installed_version() -> tuple[int, ...] | None:
    exe = shutil.which("quarto")
    if exe is None:
        return None
    try:
        text = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return tuple(int(part) for part in text.strip().split(".")[:3])
    except ValueError:
        return None


def render(root: Path, env: dict[str, str]) -> None:
    """`quarto render` of the whole book; its pre-render runs the notebooks."""
    result = subprocess.run(["quarto", "render"], cwd=root, env={**os.environ, **env}, check=False)
    if result.returncode != 0:
        raise RenderError(f"quarto render failed with exit code {result.returncode}")
