"""Which engine renders: Quarto 1.9 or newer where it is on PATH, else pandoc + typst."""

import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from briefing.errors import ParameterError
from briefing.render import engine, fallback, quarto
from briefing.render.engine import Edition


@pytest.fixture(autouse=True)
def version_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(quarto, "VERSION_CACHE", tmp_path / "reports" / ".quarto-version.json")
    quarto.installed_version.cache_clear()
    yield
    quarto.installed_version.cache_clear()


def fake_quarto(monkeypatch, version: str, folder: Path | None = None):
    calls = []

    def run(args, **kwargs):
        calls.append((args, kwargs))
        stdout = f"{version}\n" if args[-1] == "--version" else ""
        return subprocess.CompletedProcess(args, 0, stdout=stdout, stderr="")

    folder = folder or Path(quarto.VERSION_CACHE).parent.parent / f"quarto-{version}"
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "quarto"
    exe.write_text(f"# stands for Quarto {version}\n")
    quarto.installed_version.cache_clear()
    monkeypatch.setattr(quarto.shutil, "which", lambda name: str(exe))
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
    site = chosen.render(
        tmp_path, Edition("2020-06-30", "GB", "Built.", "Built. Sources."), Console(quiet=True)
    )
    args, kwargs = calls[-1]
    assert args == ["quarto", "render"] and kwargs["cwd"] == tmp_path
    assert kwargs["env"][quarto.IN_BUILD] == "1"
    assert kwargs["env"]["QUARTO_PYTHON"] == sys.executable
    assert site == tmp_path / "reports" / "site" and site.is_dir()
    quarto.installed_version.cache_clear()


def test_the_version_is_asked_once_per_quarto_executable(monkeypatch, tmp_path):
    calls = fake_quarto(monkeypatch, "1.10.18", tmp_path / "bin")
    assert quarto.installed_version() == (1, 10, 18)
    quarto.installed_version.cache_clear()  # a new build process
    assert quarto.installed_version() == (1, 10, 18)
    assert len([args for args, _ in calls if args[-1] == "--version"]) == 1
    calls = fake_quarto(monkeypatch, "1.10.19", tmp_path / "bin")  # Quarto upgraded in place
    assert quarto.installed_version() == (1, 10, 19) and len(calls) == 1


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
