"""Build outputs are made in a staging folder and swapped in whole; one build runs at a time.

Each published folder (reports/site, reports/executed, reports/downloads) is a symbolic link
to a version of it beside it (reports/.site@<id>). A new version is renamed into place and the
link replaced by a new one in one rename (os.replace), so a reader finds the old version or
the new one, never a mix or nothing; the old version is then removed.
"""

from __future__ import annotations

import os
import shutil
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
    """Remove what a failed or killed build left behind: staging folders, unlinked versions."""
    for leftover in reports.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for entry in reports.glob(f".*{VERSION_MARK}*"):
        published = reports / entry.name[1:].split(VERSION_MARK)[0]
        if not (published.is_symlink() and published.resolve() == entry.resolve()):
            _remove(entry)


def new_staging(reports: Path) -> Path:
    staging = reports / f"{STAGING_PREFIX}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def swap_in(new: Path, target: Path) -> None:
    """Publish the folder ``new`` at ``target`` in one step; ``new`` is gone afterwards.

    ``new`` must be on the same file system as ``target`` (the staging folder is beside it).
    """
    version = target.with_name(f".{target.name}{VERSION_MARK}{uuid.uuid4().hex[:12]}")
    os.replace(new, version)
    link = version.with_name(version.name + ".link")
    link.symlink_to(version.name)
    old = target.resolve() if target.is_symlink() else None
    if target.exists() and not target.is_symlink():
        # A folder published before versions were links: moved aside once, then replaced.
        old = target.with_name(f".{target.name}{VERSION_MARK}old")
        _remove(old)
        os.replace(target, old)
    os.replace(link, target)
    if old is not None and old != version:
        _remove(old)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
