"""Which engine renders: Quarto 1.9 or newer where it is on PATH, else pandoc + typst."""

import json
import os
import shutil
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


# A stand-in `quarto` on PATH that logs how it was called: an executable, not a patch of
# shutil or subprocess, which are the whole process's (the session's builds run in its threads).
STAND_IN = """#!{python}
import json, os, sys
with open({log!r}, "a", encoding="utf-8") as log:
    called = {{"args": sys.argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}}
    log.write(json.dumps(called) + "\\n")
if sys.argv[1:] == ["--version"]:
    print({version!r})
elif sys.argv[1:2] == ["render"]:
    print("Output created: reports/_quarto-site/index.html")
"""


def fake_quarto(monkeypatch, tmp_path: Path, version: str):
    """Puts a stand-in for Quarto ``version`` first on PATH; returns what reads its calls."""
    log = tmp_path / f"quarto-{version}.log"
    exe = tmp_path / f"quarto-{version}" / "quarto"
    exe.parent.mkdir(parents=True, exist_ok=True)
    exe.write_text(STAND_IN.format(python=sys.executable, log=str(log), version=version))
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{exe.parent}{os.pathsep}{os.environ['PATH']}")
    quarto.installed_version.cache_clear()

    def calls() -> list[dict]:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return [json.loads(line) for line in lines]

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
    render = calls()[-1]
    # The English edition: its profile, rendered into _quarto.yml's output folder.
    assert render["args"] == ["render", "--profile", "en"] and render["cwd"] == str(project)
    assert render["env"][quarto.IN_BUILD] == "1"
    assert render["env"]["QUARTO_PYTHON"] == sys.executable
    assert site == project / "reports" / "site" and site.is_dir()


def test_the_version_is_asked_once_per_process(monkeypatch, tmp_path):
    calls = fake_quarto(monkeypatch, tmp_path, "1.10.18")
    assert quarto.installed_version() == (1, 10, 18)
    assert quarto.available() and quarto.installed_version() == (1, 10, 18)
    assert [call["args"] for call in calls()] == [["--version"]]
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
