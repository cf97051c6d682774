"""`briefing publish`: the built site lands alone on gh-pages, main is left as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from briefing.book import publish
from briefing.errors import BriefingError

# A fixed identity and no user or system git config (signing, hooks), so the test does not
# depend on the machine it runs on.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Committer",
    "GIT_COMMITTER_EMAIL": "committer@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def tracked_files(repo: Path, ref: str) -> set[str]:
    return set(git(repo, "ls-tree", "-r", "--name-only", ref).splitlines())


def write_site(site: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_executed(executed: Path, name: str, as_of: str, focus: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["papermill"] = {"parameters": {"as_of": as_of, "focus": focus}}
    executed.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, executed / name)


SITE_FILES = {
    "index.html": "<html><body>Briefing</body></html>\n",
    "briefing.pdf": "%PDF-1.7 stand-in\n",
    "adoption.html": "<html><body>Adoption</body></html>\n",
    "site_libs/quarto-html/quarto.js": "// script\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A project clone with one commit on main, a built site, and a bare repository as origin."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(remote)], check=True)
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch", "main")
    (repo / "README.md").write_text("project\n", encoding="utf-8")
    (repo / ".gitignore").write_text("/reports/\n", encoding="utf-8")
    git(repo, "add", "README.md", ".gitignore")
    git(repo, "commit", "--quiet", "-m", "Initial commit")
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "--quiet", "origin", "main")

    site = repo / "reports" / "site"
    write_site(site, SITE_FILES)
    executed = repo / "reports" / "executed"
    write_executed(executed, "adoption.ipynb", "2026-05-01", "JP")
    return {"repo": repo, "remote": remote, "site": site, "executed": executed}


def run_publish(project: dict[str, Path], **options) -> None:
    publish.run(site=project["site"], repo=project["repo"], executed=project["executed"], **options)


def test_publish_pushes_exactly_the_site_plus_nojekyll(project):
    repo, remote = project["repo"], project["remote"]
    main_before = git(repo, "rev-parse", "main")

    run_publish(project, remote="origin", push=True)

    assert tracked_files(remote, "gh-pages") == set(SITE_FILES) | {".nojekyll"}
    pdf = git(remote, "show", "gh-pages:briefing.pdf")
    assert pdf == SITE_FILES["briefing.pdf"].strip()
    message = git(remote, "log", "-1", "--format=%s", "gh-pages")
    assert "2026-05-01" in message and "JP" in message
    # main, here and on the remote, is untouched, and so is the working tree.
    assert git(repo, "rev-parse", "main") == main_before
    assert git(remote, "rev-parse", "main") == main_before
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"
    assert git(repo, "status", "--porcelain") == ""
    assert tracked_files(repo, "main") == {"README.md", ".gitignore"}


def test_republishing_replaces_the_site_and_keeps_history(project):
    remote = project["remote"]
    run_publish(project, remote="origin", push=True)
    first = git(remote, "rev-parse", "gh-pages")

    (project["site"] / "adoption.html").unlink()
    write_site(project["site"], {"entity-list.html": "<html>Entity List</html>\n"})
    write_executed(project["executed"], "adoption.ipynb", "2026-06-01", "JP")
    run_publish(project, remote="origin", push=True)

    expected = (set(SITE_FILES) - {"adoption.html"}) | {"entity-list.html", ".nojekyll"}
    assert tracked_files(remote, "gh-pages") == expected
    # A fast-forward on top of the previous edition, not a rewrite.
    assert git(remote, "rev-parse", "gh-pages~1") == first
    assert "2026-06-01" in git(remote, "log", "-1", "--format=%s", "gh-pages")


def test_publish_to_a_remote_given_as_a_path(project):
    # The CLI accepts a URL as well as a remote name.
    run_publish(project, remote=str(project["remote"]), push=True)
    assert tracked_files(project["remote"], "gh-pages") == set(SITE_FILES) | {".nojekyll"}


def test_no_push_commits_locally_only(project):
    repo, remote = project["repo"], project["remote"]
    run_publish(project, remote="origin", push=False)

    assert tracked_files(repo, "gh-pages") == set(SITE_FILES) | {".nojekyll"}
    assert git(remote, "branch", "--list", "gh-pages") == ""


def test_unbuilt_site_is_a_clear_error(project):
    (project["site"] / "index.html").unlink()
    with pytest.raises(BriefingError, match="has not been built"):
        run_publish(project, remote="origin", push=True)
    assert git(project["remote"], "branch", "--list", "gh-pages") == ""


def test_missing_site_directory_is_a_clear_error(project, tmp_path):
    with pytest.raises(BriefingError, match="has not been built"):
        publish.run(site=tmp_path / "nowhere", repo=project["repo"], executed=project["executed"])


def test_unreachable_remote_is_a_clear_error(project, tmp_path):
    missing = tmp_path / "no-such-remote.git"
    with pytest.raises(BriefingError, match="unreachable"):
        run_publish(project, remote=str(missing), push=True)
    # Nothing was committed locally either.
    assert git(project["repo"], "branch", "--list", "gh-pages") == ""


def test_mixed_editions_are_refused(project):
    write_executed(project["executed"], "entity_list.ipynb", "2026-04-01", "JP")
    with pytest.raises(BriefingError, match="mix editions"):
        run_publish(project, remote="origin", push=True)


def test_the_corrected_site_is_published_even_where_quarto_is_installed(
    project, monkeypatch, tmp_path
):
    # `quarto publish` would push Quarto's own output folder, before the build corrects it.
    fake = tmp_path / "bin" / "quarto"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 99\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    run_publish(project, remote="origin", push=True)
    assert tracked_files(project["remote"], "gh-pages") == set(SITE_FILES) | {".nojekyll"}


def test_cli_reports_an_unbuilt_site_in_one_line(project):
    (project["site"] / "index.html").unlink()
    env = {**os.environ, "BRIEFING_ROOT": str(project["repo"])}
    result = subprocess.run(
        [sys.executable, "-c", "from briefing.cli import main; main()", "publish"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "has not been built" in result.stderr
    assert "Traceback" not in result.stderr


def test_publishing_keeps_the_editions_already_published(project):
    """A fresh clone has only the editions it built: those already on gh-pages stay there."""
    site = project["site"]
    write_site(
        site,
        {
            "edition.json": '{"as_of": "2026-05-01", "focus": "JP"}',
            "editions/2020-06-30/index.html": "<html>2020</html>\n",
            "editions/2020-06-30/edition.json": '{"as_of": "2020-06-30", "focus": "JP"}',
        },
    )
    run_publish(project, remote="origin", push=True)
    shutil.rmtree(site / "editions")  # as in a fresh clone that built only the current edition
    run_publish(project, remote="origin", push=True)
    published = tracked_files(project["remote"], "gh-pages")
    assert {"editions/2020-06-30/index.html", "editions/index.html"} <= published
    listing = git(project["remote"], "show", "gh-pages:editions/index.html")
    assert "30 June 2020" in listing and "1 May 2026" in listing
    assert not (site / "editions").exists()  # the local site is left as it was
