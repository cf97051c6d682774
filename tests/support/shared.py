"""What the test session makes once, shared by pytest-xdist's workers.

`make test` runs the suite on two pytest-xdist workers, each a process with its own session
fixtures. A full build made by each would double the suite's executions: the first worker to
ask for one makes it, holding a file lock, and leaves it in a pickle beside the lock; the
other waits on the lock and reads it. Without xdist the folder is the session's own, and the
lock is only ever taken once.
"""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock


class MadeElsewhereError(RuntimeError):
    """What another worker failed to make: its error, as that worker saw it."""


class Shared:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder

    def once(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()``'s result, made by the first process to ask for ``name``."""
        made, failed = self.folder / f"{name}.pickle", self.folder / f"{name}.error"
        with FileLock(self.folder / f"{name}.lock"):
            if made.exists():
                return pickle.loads(made.read_bytes())
            if failed.exists():
                raise MadeElsewhereError(f"{name} failed:\n{failed.read_text(encoding='utf-8')}")
            try:
                value = make()
            except BaseException:
                failed.write_text(traceback.format_exc(), encoding="utf-8")
                raise
            made.write_bytes(pickle.dumps(value))
            return value


def session_folder(basetemp: Path, worker: str | None) -> Path:
    """The folder the session's processes share: pytest-xdist gives each worker a base
    temporary folder of its own (popen-gw0, popen-gw1) inside the session's."""
    return (basetemp.parent if worker else basetemp) / "shared"
