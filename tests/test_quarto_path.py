"""Where Quarto 1.9 or newer is installed, `briefing build` hands the whole render to it."""

import subprocess
import sys

from rich.console import Console

from briefing.build import pipeline as build
from briefing.render import quarto


def fake_quarto(monkeypatch, version: str):
    calls = []

    def run(args, **kwargs):
        calls.append((args, kwargs))
        stdout = f"{version}\n" if args[-1] == "--version" else ""
        return subprocess.CompletedProcess(args, 0, stdout=stdout, stderr="")

    monkeypatch.setattr(quarto.shutil, "which", lambda name: "/usr/bin/quarto")
    monkeypatch.setattr(quarto.subprocess, "run", run)
    return calls


def test_quarto_19_or_newer_renders_the_book_with_the_parameters(monkeypatch):
    calls = fake_quarto(monkeypatch, "1.10.18")
    build.run(as_of="2020-06-30", focus="gb", console=Console(quiet=True))
    args, kwargs = calls[-1]
    assert args == ["quarto", "render"]
    assert kwargs["env"][build.ENV_AS_OF] == "2020-06-30"
    assert kwargs["env"][build.ENV_FOCUS] == "GB"
    assert kwargs["env"]["QUARTO_PYTHON"] == sys.executable


def test_older_quarto_is_not_used(monkeypatch):
    fake_quarto(monkeypatch, "1.8.27")
    assert quarto.installed_version() == (1, 8, 27)
    assert not quarto.available()
