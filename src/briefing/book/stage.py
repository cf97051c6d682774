"""Build outputs are made in a staging folder and swapped in whole; one build runs at a time.

Each published folder (reports/site, reports/executed, reports/downloads) is a symbolic link
to a version of it beside it (reports/.site@<time>-<id>). A new version is renamed into place
and the link replaced by a new one in one rename (os.replace), so every file a reader opens
comes whole from the old version or from the new one, never nothing. The version it replaces
is kept until the next swap, for readers that opened it just before; older ones are removed.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.errors import BuildLockedError

LOCK_NAME = ".build.lock"
STAGING_PREFIX = ".staging-"
# A version of a published folder `name` is `.name@<id>`, its link while it is made `.name@<id>.link`.
VERSION_MARK = "@"


@contextmanager
def exclusive_build(reports: Path) -> Iterator[None]:
    """Hold the build lock; a second build stops at once with a clear message."""
    reports.mkdir(parents=True, exist_ok=True)
    lock_path = reports / LOCK_NAME
    lock = FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BuildLockedError(
            f"another build is running (lock {lock_path}); wait for it to finish"
        ) from None
    try:
        yield
    finally:
        lock.release()


def clean_leftovers(reports: Path) -> None:
    """Remove what a failed or killed build left behind: staging folders, unpublished versions."""
    for leftover in reports.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for link in reports.glob(f".*{VERSION_MARK}*.link"):
        link.unlink(missing_ok=True)
    for name in {entry.name[1:].split(VERSION_MARK)[0] for entry in _all_versions(reports)}:
        _prune(reports / name)


def new_staging(reports: Path) -> Path:
    staging = reports / f"{STAGING_PREFIX}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def swap_in(new: Path, target: Path) -> None:
    """Publish the folder ``new`` at ``target`` in one step; ``new`` is gone afterwards.

    ``new`` must be on the same file system as ``target`` (the staging folder is beside it).
    """
    stamp = f"{time.time_ns():020d}-{uuid.uuid4().hex[:6]}"
    version = target.with_name(f".{target.name}{VERSION_MARK}{stamp}")
    os.replace(new, version)
    link = version.with_name(version.name + ".link")
    link.symlink_to(version.name)
    if target.exists() and not target.is_symlink():
        # A folder published before versions were links: moved aside once, then replaced.
        aside = target.with_name(f".{target.name}{VERSION_MARK}0-before-links")
        _remove(aside)
        os.replace(target, aside)
    os.replace(link, target)
    _prune(target)


def _all_versions(reports: Path) -> list[Path]:
    return [p for p in reports.glob(f".*{VERSION_MARK}*") if not p.name.endswith(".link")]


def _prune(target: Path) -> None:
    """Keep the version ``target`` links to and the one before it; remove the others."""
    versions = sorted(target.parent.glob(f".{target.name}{VERSION_MARK}*"))
    versions = [v for v in versions if not v.name.endswith(".link")]
    current = target.resolve() if target.is_symlink() else None
    older = [v for v in versions if current is not None and v.name < current.name]
    keep = {current, *older[-1:]}
    for version in versions:
        if version not in keep:
            _remove(version)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
