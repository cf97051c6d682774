"""Which engine renders: Quarto 1.9 or newer where it is on PATH, else pandoc + typst."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from briefing import paths
from briefing.book.engines import fallback, quarto, registry
from briefing.book.engines.registry import Edition
from briefing.errors import ParameterError


@pytest.fixture(autouse=True)
def fresh_version():
    quarto.installed_version.cache_clear()
    yield
    quarto.installed_version.cache_clear()


def fake_quarto(monkeypatch, tmp_path: Path, version: str):
    calls = []

    def run(args, **kwargs):
        calls.append((args, kwargs))
        stdout = f"{version}\n" if args[-1] == "--version" else ""
        return subprocess.CompletedProcess(args, 0, stdout=stdout, stderr="")

    exe = tmp_path / f"quarto-{version}" / "quarto"
    exe.parent.mkdir(parents=True, exist_ok=True)
    exe.write_text(f"# stands for Quarto {version}\n")
    quarto.installed_version.cache_clear()
    monkeypatch.setattr(quarto.shutil, "which", lambda name: str(exe))

    class Render:
        """`quarto render` as the engine runs it: its output streamed, then its exit code."""

        def __init__(self, args, **kwargs):
            calls.append((args, kwargs))
            self.stdout = iter(["Output created: reports/_quarto-site/index.html\n"])
            self.returncode = 0

        def wait(self):
            return self.returncode

    monkeypatch.setattr(quarto.subprocess, "run", run)
    monkeypatch.setattr(quarto.subprocess, "Popen", Render)
    return calls


def test_quarto_19_or_newer_renders_the_staged_project_standing_its_scripts_aside(
    monkeypatch, tmp_path
):
    calls = fake_quarto(monkeypatch, tmp_path, "1.10.18")
    chosen = registry.choose({})
    assert isinstance(chosen, quarto.QuartoEngine) and chosen.version() == "1.10.18"
    monkeypatch.setattr(quarto, "write_edition_files", lambda project, edition: None)
    monkeypatch.setattr(quarto, "finish_site", lambda site, project, language: None)
    project = tmp_path / "project"
    project.mkdir()
    for name in ("_quarto.yml", "_quarto-en.yml", "_quarto-ja.yml"):
        shutil.copy2(paths.ROOT / name, project / name)
    (project / quarto.OUTPUT_DIR).mkdir(parents=True)
    site = chosen.render(
        project, Edition("2020-06-30", "GB", "Built.", "Built. Sources."), Console(quiet=True)
    )
    args, kwargs = calls[-1]
    # The English edition: its profile, rendered into _quarto.yml's output folder.
    assert args == ["quarto", "render", "--profile", "en"] and kwargs["cwd"] == project
    assert kwargs["env"][quarto.IN_BUILD] == "1"
    assert kwargs["env"]["QUARTO_PYTHON"] == sys.executable
    assert site == project / "reports" / "site" and site.is_dir()


def test_the_version_is_asked_once_per_process(monkeypatch, tmp_path):
    calls = fake_quarto(monkeypatch, tmp_path, "1.10.18")
    assert quarto.installed_version() == (1, 10, 18)
    assert quarto.available() and quarto.installed_version() == (1, 10, 18)
    assert len([args for args, _ in calls if args[-1] == "--version"]) == 1
    # Nothing is kept on disk: a new build process asks again.
    assert not list(tmp_path.rglob("*.json"))


def test_older_quarto_is_not_used(monkeypatch, tmp_path):
    fake_quarto(monkeypatch, tmp_path, "1.8.27")
    assert quarto.installed_version() == (1, 8, 27)
    assert not quarto.available()
    assert isinstance(registry.choose({}), fallback.FallbackEngine)


def test_the_engine_can_be_chosen(monkeypatch, tmp_path):
    fake_quarto(monkeypatch, tmp_path, "1.10.18")
    assert isinstance(registry.choose({"BRIEFING_ENGINE": "fallback"}), fallback.FallbackEngine)
    assert isinstance(registry.choose({"BRIEFING_ENGINE": "quarto"}), quarto.QuartoEngine)
    with pytest.raises(ParameterError, match="use quarto or fallback"):
        registry.choose({"BRIEFING_ENGINE": "latex"})
    fake_quarto(monkeypatch, tmp_path, "1.8.27")
    with pytest.raises(ParameterError, match="no Quarto 1.9 or newer"):
        registry.choose({"BRIEFING_ENGINE": "quarto"})


def test_engines_register_themselves_quarto_first():
    assert registry.names() == ["quarto", "fallback"]
