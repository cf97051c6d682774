"""The session's background builds (tests/support/background.py) run in the environment the
session started with: a test that puts a stand-in on PATH for a moment (monkeypatch.setenv)
must not change a build that a thread starts meanwhile. CI once built the archive with the
stand-in `quarto` of test_quarto_engine."""

from __future__ import annotations

import subprocess
import sys
import threading

from support.background import Builds
from support.shared import Shared

PROBE = "import os; print(os.environ.get('BRIEFING_STAND_IN', 'none'))"


def test_a_build_started_in_a_thread_keeps_the_sessions_environment(
    monkeypatch, tmp_path, tmp_path_factory
):
    changed = threading.Event()

    def probe(builds: Builds) -> str:
        changed.wait(30)  # the test changes the environment while the build is under way
        command = [sys.executable, "-c", PROBE]
        run = subprocess.run(
            command, env=builds.environ, capture_output=True, text=True, check=True
        )
        return run.stdout

    monkeypatch.delenv("BRIEFING_STAND_IN", raising=False)
    builds = Builds({"probe": probe}, Shared(tmp_path / "shared"), tmp_path_factory)
    try:
        builds.start("probe")
        monkeypatch.setenv("BRIEFING_STAND_IN", "quarto")
        changed.set()
        assert builds["probe"].strip() == "none"
    finally:
        builds.shutdown()
