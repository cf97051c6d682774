"""The session's full builds, started in background threads as soon as the first test runs.

Most of the suite needs no build: the builds (the session's, the archive of editions built on
it, the benchmark's smoke run, the visits of the built site's pages) run beside the tests that
need none. A fixture that needs one waits for it; a build that failed raises in that fixture,
as it would have run there. Each is made once for the whole session (support/shared.py): under
pytest-xdist the workers' threads wait for the one that took it first, or, for work made in
parts, take the parts no other has taken.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from support.shared import Shared


class Builds:
    """The session's builds by name, each made by its maker (given this object, to reach the
    builds it stands on); named chains of them run in background threads, one after another
    within a chain, the chains at once."""

    def __init__(
        self,
        makers: dict[str, Callable[[Builds], Any]],
        shared: Shared,
        tmp_path_factory,
        *,
        in_parts: frozenset[str] = frozenset(),
    ) -> None:
        self.shared = shared
        self.tmp_path_factory = tmp_path_factory
        # The environment the builds' commands run in: the session's as it starts, before any
        # test changes it. A test in this process may put a stand-in `quarto` on PATH for a
        # moment (monkeypatch.setenv); a build started then in a thread must not see it.
        self.environ = dict(os.environ)
        self._makers = makers
        self._in_parts = in_parts  # made in parts that the maker shares out itself
        self._executor = ThreadPoolExecutor(max_workers=3, thread_name_prefix="briefing")
        self._futures: dict[str, Future] = {}

    def start(self, *names: str) -> None:
        """Make ``names`` one after another in a thread of their own."""
        futures = {name: Future() for name in names}
        self._futures.update(futures)

        def run() -> None:
            for name, future in futures.items():
                try:
                    future.set_result(self._once(name)())
                except BaseException as error:  # noqa: BLE001 (handed to the fixture that waits)
                    future.set_exception(error)

        self._executor.submit(run)

    def __getitem__(self, name: str) -> Any:
        """The build, waiting for it; made here if no chain started it."""
        if name not in self._futures:
            future = Future()
            try:
                future.set_result(self._once(name)())
            except BaseException as error:  # noqa: BLE001 (raised by .result() below)
                future.set_exception(error)
            self._futures[name] = future
        return self._futures[name].result()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _once(self, name: str) -> Callable[[], Any]:
        make = functools.partial(self._makers[name], self)
        return make if name in self._in_parts else functools.partial(self.shared.once, name, make)
