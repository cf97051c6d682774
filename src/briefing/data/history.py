"""A table as the project's git history held it on a past day: the previous edition's data.

An edition's corrections are the rows it shows differently from the previous edition. That
edition read the tables as they were committed on its date, so they are read back from git:
the file at the last commit made by the end of that day. A copy of the project that is not a
git checkout, or a history that begins later, has no such record: then there is none (None),
and the summary says that corrections cannot be listed.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pandas as pd

from briefing import paths


def commit_on(day: dt.date, root: Path = paths.ROOT) -> str | None:
    """The last commit of the checkout at ``root`` made by the end of ``day`` (UTC); None when
    ``root`` is not a git checkout or its history begins later."""
    found = _git(root, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59 +0000", "HEAD")
    if found is None:
        return None
    return found.strip() or None


def committed_rows(path: Path, commit: str, root: Path = paths.ROOT) -> pd.DataFrame | None:
    """The CSV file at ``path`` as ``commit`` held it, every cell as text ('' where empty);
    None when the file did not exist then."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    relative = Path(path).resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    text = _git(root, "show", f"{commit}:{relative}")
    if text is None:
        return None
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _git(root: Path, *args: str) -> str | None:
    """What ``git args`` prints in ``root``; None when git fails (no checkout, no such file)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except FileNotFoundError:  # no git on this machine: no history to read
        return None
    return done.stdout if done.returncode == 0 else None
