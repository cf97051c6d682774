"""Running `quarto` on a copy of the project, with the environment a reader's shell has."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path


def environment(root: Path, path_prefix: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for `quarto` (or `briefing`) on the copy at ``root``."""
    search = (
        os.environ["PATH"]
        if path_prefix is None
        else f"{path_prefix}{os.pathsep}{os.environ['PATH']}"
    )
    return {
        **os.environ,
        "PATH": search,
        "BRIEFING_ROOT": str(root),
        "PYTHONPATH": str(root / "src"),
        "FAKE_QUARTO_LOG": str(root / "quarto-calls.log"),
        "QUARTO_PYTHON": sys.executable,
        **extra,
    }


def quarto(root: Path, *args: str, path_prefix: Path | None = None, **extra: str):
    return subprocess.run(
        ["quarto", *args],
        cwd=root,
        env=environment(root, path_prefix, **extra),
        capture_output=True,
        text=True,
        check=False,
    )


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its sha256: equal dicts mean byte-identical trees."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
