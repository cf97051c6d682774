"""The session's full builds, started in background threads as soon as the first test runs.

Most of the suite needs no build: the builds (the session's, the archive of editions built on
it, the benchmark's smoke run) run beside the tests that need none. A fixture that needs one
waits for it; a build that failed raises in that fixture, as it would have run there. The
jobs given (tests/conftest.py) make each build once for the whole session (support/shared.py):
under pytest-xdist the workers' threads wait for the one that took it first.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class Jobs:
    """Named jobs in chains: the jobs of one chain run one after another, the chains at once."""

    def __init__(self, chains: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=chains, thread_name_prefix="briefing")
        self._futures: dict[str, Future] = {}

    def chain(self, *jobs: tuple[str, Callable[[], Any]]) -> None:
        """Start ``jobs`` (name, work) one after another in a thread of their own."""
        futures = {name: Future() for name, _ in jobs}
        self._futures.update(futures)

        def run() -> None:
            for name, work in jobs:
                future = futures[name]
                try:
                    future.set_result(work())
                except BaseException as error:  # noqa: BLE001 (handed to the fixture that waits)
                    future.set_exception(error)

        self._executor.submit(run)

    def result(self, name: str, work: Callable[[], Any]) -> Any:
        """The job's result, waiting for it; ``work`` runs here if no chain started it."""
        if name not in self._futures:
            future = Future()
            try:
                future.set_result(work())
            except BaseException as error:  # noqa: BLE001 (raised by .result() below)
                future.set_exception(error)
            self._futures[name] = future
        return self._futures[name].result()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
