"""Work in a child process with a time limit (briefing.book.bounded), as the chart images
are drawn: a stuck browser is killed with the child, never left running."""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from briefing.book import bounded


def test_the_result_comes_back_from_the_child():
    assert bounded.run(lambda: {"pid": os.getpid(), "png": b"\x89PNG"}, 30)["png"] == b"\x89PNG"
    assert bounded.run(lambda: os.getpid(), 30) != os.getpid()


def test_an_error_in_the_child_is_raised_with_its_traceback():
    def fail():
        raise ValueError("no browser")

    with pytest.raises(bounded.ChildError, match="ValueError: no browser"):
        bounded.run(fail, 30)


def test_an_overrun_returns_none_and_kills_what_the_child_started(tmp_path):
    pidfile = tmp_path / "helper.pid"

    def hang():
        # A process of its own, as a browser is: it must not outlive the child.
        helper = subprocess.Popen(["sleep", "300"])
        pidfile.write_text(str(helper.pid))
        time.sleep(300)

    started = time.monotonic()
    assert bounded.run(hang, 2) is None
    assert time.monotonic() - started < 30
    helper = int(pidfile.read_text())
    deadline = time.monotonic() + 10
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(helper)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"  # a zombie is dead, not yet reaped
    except FileNotFoundError:
        return False
