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

from filelock import FileLock, Timeout


class MadeElsewhereError(RuntimeError):
    """What another worker failed to make: its error, as that worker saw it."""


class Shared:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder

    def once(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()``'s result, made by the first process to ask for ``name``."""
        with FileLock(self.folder / f"{name}.lock"):
            return self._made_or_make(name, make)

    def each(self, parts: dict[str, Callable[[], Any]]) -> dict[str, Any]:
        """Every part's result, by name: this process makes the parts no other is making,
        then waits for the others' (so processes that ask at once share the work)."""
        results, busy = {}, []
        for name, make in parts.items():
            lock = FileLock(self.folder / f"{name}.lock")
            try:
                lock.acquire(timeout=0)
            except Timeout:
                busy.append(name)
                continue
            try:
                results[name] = self._made_or_make(name, make)
            finally:
                lock.release()
        results.update({name: self.once(name, parts[name]) for name in busy})
        return {name: results[name] for name in parts}

    def _made_or_make(self, name: str, make: Callable[[], Any]) -> Any:
        # Called holding the name's lock.
        made, failed = self.folder / f"{name}.pickle", self.folder / f"{name}.error"
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
