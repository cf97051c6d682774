"""Build outputs are made in a staging folder and swapped in whole; one build runs at a time."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import BuildLockedError

LOCK_NAME = ".build.lock"
STAGING_PREFIX = ".staging-"
RENAME_EXCHANGE = 2  # Linux renameat2 flag: swap two paths atomically
AT_FDCWD = -100


@contextmanager
def exclusive_build(reports: Path) -> Iterator[None]:
    """Hold the build lock; a second build stops at once with a clear message."""
    reports.mkdir(parents=True, exist_ok=True)
    lock_path = reports / LOCK_NAME
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildLockedError(
                f"another build is running (process {holder}, lock {lock_path}); wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_leftovers(reports: Path) -> None:
    """Remove what a failed or killed build left behind (its staging folders)."""
    for leftover in reports.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def new_staging(reports: Path) -> Path:
    staging = reports / f"{STAGING_PREFIX}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` in one step where the system allows it.

    Readers see either the old folder or the new one, never a mix or nothing. The old
    folder ends up at ``new``'s path, for the caller to delete.
    """
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        return
    # Fallback without renameat2: two renames, the old copy kept until the new one is in place.
    aside = new.with_name(new.name + ".old")
    os.replace(target, aside)
    os.replace(new, target)
    os.replace(aside, new)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
