"""The commit an edition is built from."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefing import translation
from briefing.translation import N_

# What an edition records of its commit, in English (edition.json); `shown` says it in a language.
UNKNOWN = N_("unknown (not a git checkout)")
LOCAL_CHANGES = "+local changes"


def commit(root: Path) -> str:
    """Short hash of HEAD, marked when the working tree has local changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return UNKNOWN
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=False
    ).stdout
    return head + (LOCAL_CHANGES if status.strip() else "")


def shown(commit: str, lang: str) -> str:
    """The recorded ``commit`` as an edition in ``lang`` says it."""
    if lang == translation.SOURCE:
        return commit
    if commit == UNKNOWN:
        return translation.gettext(UNKNOWN, lang)
    if commit.endswith(LOCAL_CHANGES):
        head = commit.removesuffix(LOCAL_CHANGES)
        return translation.gettext("{commit} with local changes", lang).format(commit=head)
    return commit
