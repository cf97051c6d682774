"""Work run in a child process with a time limit: on overrun the child is killed with every
process it started (a browser and its helpers), and the caller decides what to do next.

The chart images need it: kaleido bounds each render, but not the starting, navigating and
closing of its browser, which on a loaded machine has hung a build for many minutes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ChildError(RuntimeError):
    """The work raised in the child: its traceback, as the child printed it."""


def run(work: Callable[[], T], limit: float) -> T | None:
    """``work()``'s result, computed in a forked child (its own process group); None if it
    took longer than ``limit`` seconds. The result must be picklable."""
    reader, writer = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: never returns to the caller's code
        os.setsid()
        reader.close()
        try:
            payload = ("ok", work())
        except BaseException:  # noqa: BLE001 (handed to the parent)
            payload = ("error", traceback.format_exc())
        try:
            writer.send(payload)
        finally:
            os._exit(0)
    writer.close()
    try:
        if not reader.poll(limit):
            return None
        status, value = reader.recv()
    except EOFError:
        status, value = "error", "the child process ended without a result"
    finally:
        reader.close()
        # The child's group: what it left running (or all of it, on overrun).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if status == "error":
        raise ChildError(value)
    return value
