"""Which engine renders: Quarto 1.9 or newer where it is on PATH, else pandoc + typst."""

import subprocess
import sys

import pytest
from rich.console import Console

from briefing.errors import ParameterError
from briefing.render import engine, fallback, quarto
from briefing.render.engine import Edition


def fake_quarto(monkeypatch, version: str):
    calls = []

    def run(args, **kwargs):
        calls.append((args, kwargs))
        stdout = f"{version}\n" if args[-1] == "--version" else ""
        return subprocess.CompletedProcess(args, 0, stdout=stdout, stderr="")

    quarto.installed_version.cache_clear()
    monkeypatch.setattr(quarto.shutil, "which", lambda name: "/usr/bin/quarto")
    monkeypatch.setattr(quarto.subprocess, "run", run)
    return calls


def test_quarto_19_or_newer_renders_the_staged_project_standing_its_scripts_aside(
    monkeypatch, tmp_path
):
    calls = fake_quarto(monkeypatch, "1.10.18")
    chosen = engine.choose()
    assert isinstance(chosen, quarto.QuartoEngine) and chosen.version() == "1.10.18"
    monkeypatch.setattr(quarto, "write_edition_files", lambda project, edition: None)
    monkeypatch.setattr(quarto, "finish_site", lambda site, project: None)
    (tmp_path / quarto.OUTPUT_DIR).mkdir(parents=True)
    site = chosen.render(tmp_path, Edition("2020-06-30", "GB", "Built."), Console(quiet=True))
    args, kwargs = calls[-1]
    assert args == ["quarto", "render"] and kwargs["cwd"] == tmp_path
    assert kwargs["env"][quarto.IN_BUILD] == "1"
    assert kwargs["env"]["QUARTO_PYTHON"] == sys.executable
    assert site == tmp_path / "reports" / "site" and site.is_dir()
    quarto.installed_version.cache_clear()


def test_older_quarto_is_not_used(monkeypatch):
    fake_quarto(monkeypatch, "1.8.27")
    assert quarto.installed_version() == (1, 8, 27)
    assert not quarto.available()
    assert isinstance(engine.choose(), fallback.FallbackEngine)
    quarto.installed_version.cache_clear()


def test_the_engine_can_be_chosen(monkeypatch):
    fake_quarto(monkeypatch, "1.10.18")
    assert isinstance(engine.choose({"BRIEFING_ENGINE": "fallback"}), fallback.FallbackEngine)
    assert isinstance(engine.choose({"BRIEFING_ENGINE": "quarto"}), quarto.QuartoEngine)
    with pytest.raises(ParameterError, match="use quarto or fallback"):
        engine.choose({"BRIEFING_ENGINE": "latex"})
    fake_quarto(monkeypatch, "1.8.27")
    with pytest.raises(ParameterError, match="no Quarto 1.9 or newer"):
        engine.choose({"BRIEFING_ENGINE": "quarto"})
    quarto.installed_version.cache_clear()
