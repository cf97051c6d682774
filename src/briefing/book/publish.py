"""Publish the built site (pages and briefing.pdf) to the repository's gh-pages branch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from rich.console import Console

from briefing.book import editions
from briefing.errors import PublishError

BRANCH = "gh-pages"
# ls-remote and push talk to the network; a dead host must not hang the command.
REMOTE_TIMEOUT_SECONDS = 60
# Used only when the user's git has no identity configured (a fresh CI runner).
FALLBACK_IDENTITY = {
    "GIT_COMMITTER_NAME": "briefing publish",
    "GIT_COMMITTER_EMAIL": "briefing@localhost",
}


def run(
    *,
    site: Path,
    repo: Path,
    executed: Path,
    remote: str = "origin",
    push: bool = True,
    console: Console | None = None,
) -> None:
    """Commit `site` to the gh-pages branch of `repo` (with .nojekyll) and push it to `remote`."""
    console = console or Console(stderr=True)
    site, repo = Path(site), Path(repo)
    require_built(site)
    require_git_repository(repo)
    remote_has_branch = check_remote(repo, remote) if push else False
    message = commit_message(edition(executed))

    with tempfile.TemporaryDirectory(prefix="briefing-publish-") as scratch:
        if push and remote_has_branch:
            # Continue the published history, so the push is a fast-forward.
            run_checked(
                ["git", "fetch", "--quiet", remote, BRANCH],
                repo,
                f"fetching {BRANCH} from {remote}",
            )
            run_checked(
                ["git", "update-ref", f"refs/heads/{BRANCH}", "FETCH_HEAD"], repo, "git update-ref"
            )
            site = with_published_editions(site, repo, Path(scratch))
        _import(site, repo, remote, push, message, console)


def with_published_editions(site: Path, repo: Path, scratch: Path) -> Path:
    """The site plus every edition already published that it lacks (a fresh clone has none).

    Returns ``site`` itself when nothing is missing, else a copy in ``scratch``.
    """
    listed = git(
        repo, "ls-tree", "-d", "--name-only", f"refs/heads/{BRANCH}", f"{editions.ARCHIVE}/"
    )
    missing = [name for name in listed.stdout.split() if name and not (site / name).exists()]
    if not missing:
        return site
    merged = scratch / "site"
    shutil.copytree(site, merged)
    # git writes the published folders into the copy itself (it refuses paths outside it),
    # through an index of its own, so the repository's index and working tree stay as they were.
    checkout = subprocess.run(
        ["git", "--work-tree", str(merged), "checkout", f"refs/heads/{BRANCH}", "--", *missing],
        cwd=repo,
        env={**os.environ, "GIT_INDEX_FILE": str(scratch / "index")},
        capture_output=True,
        text=True,
        check=False,
    )
    if checkout.returncode != 0:
        raise PublishError(f"could not read the published editions: {checkout.stderr.strip()}")
    editions.update_archive(merged)
    return merged


def _import(
    site: Path, repo: Path, remote: str, push: bool, message: str, console: Console
) -> None:
    before = branch_tip(repo)
    command = [
        sys.executable,
        "-m",
        "ghp_import",
        "--no-jekyll",
        "--branch",
        BRANCH,
        "--remote",
        remote,
    ]
    command += ["--message", message]
    if push:
        command.append("--push")
    command.append(str(site.resolve()))
    run_checked(command, repo, "ghp-import", env=with_git_identity(repo))
    # ghp-import reports a failed commit on stdout but still exits 0.
    if branch_tip(repo) in (None, before):
        raise PublishError(f"ghp-import did not commit {site} to the {BRANCH} branch of {repo}")
    where = f"and pushed it to {remote}" if push else "(not pushed: run `git push` yourself)"
    console.print(f"Committed the site to {BRANCH} {where}: {message}", soft_wrap=True)


def require_built(site: Path) -> None:
    if not (site / "index.html").is_file():
        raise PublishError(
            f"the site has not been built ({site / 'index.html'} is missing): run `briefing build` first"
        )


def require_git_repository(repo: Path) -> None:
    result = git(repo, "rev-parse", "--git-dir")
    if result.returncode != 0:
        raise PublishError(f"{repo} is not a git repository: {result.stderr.strip()}")


def check_remote(repo: Path, remote: str) -> bool:
    """Fail clearly if `remote` cannot be reached; tell whether it already has a gh-pages branch."""
    try:
        result = git(repo, "ls-remote", "--heads", remote, BRANCH, timeout=REMOTE_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise PublishError(
            f"remote {remote!r} did not answer within {REMOTE_TIMEOUT_SECONDS} s"
        ) from None
    if result.returncode != 0:
        reason = result.stderr.strip().splitlines()
        raise PublishError(
            f"remote {remote!r} is unreachable: {reason[-1] if reason else 'git ls-remote failed'}"
        )
    return bool(result.stdout.strip())


def edition(executed: Path) -> str | None:
    """The edition the executed notebooks were run for, from the parameters papermill recorded."""
    editions = set()
    for notebook in sorted(Path(executed).glob("*.ipynb")):
        recorded = (
            nbformat.read(notebook, as_version=4)
            .metadata.get("papermill", {})
            .get("parameters", {})
        )
        if "as_of" in recorded:
            editions.add((str(recorded["as_of"]), str(recorded.get("focus", ""))))
    if len(editions) > 1:
        found = ", ".join(f"{as_of} {focus}".strip() for as_of, focus in sorted(editions))
        raise PublishError(
            f"the executed notebooks in {executed} mix editions ({found}): rebuild before publishing"
        )
    if not editions:
        return None
    as_of, focus = editions.pop()
    return f"{as_of} (focus {focus})" if focus else as_of


def commit_message(edition_name: str | None) -> str:
    return f"Publish the tech-controls briefing, edition {edition_name or 'unknown'}"


def branch_tip(repo: Path) -> str | None:
    result = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{BRANCH}")
    return result.stdout.strip() or None


def with_git_identity(repo: Path) -> dict[str, str]:
    env = dict(os.environ)
    if not git(repo, "config", "user.name").stdout.strip():
        for key, value in FALLBACK_IDENTITY.items():
            env.setdefault(key, value)
    return env


def git(repo: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], check=False, cwd=repo, capture_output=True, text=True, timeout=timeout
    )


def run_checked(
    command: list[str], cwd: Path, what: str, env: dict[str, str] | None = None
) -> None:
    result = subprocess.run(command, check=False, cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise PublishError(f"{what} failed (exit {result.returncode}): {detail}")
