"""Editions side by side: the newest at the root of reports/site, the others under editions/.

A build for the newest edition date replaces the root and keeps the edition it replaces
under `editions/<as_of>/`; a build for an earlier date goes to its own folder and leaves the
root as it was. `editions/index.html` lists them all. Each edition's folder is a whole site
(pages, PDF, downloads, edition.json), so links inside it keep working.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from briefing.params import DEFAULT_FOCUS, Parameters

ARCHIVE = "editions"
RECORD = "edition.json"
INDEX = "index.html"


@dataclass(frozen=True, order=True)
class Edition:
    as_of: str  # ISO date: editions sort by it
    focus: str

    @property
    def name(self) -> str:
        """The edition's folder: its date, and its focus when that is not the default."""
        return self.as_of if self.focus == DEFAULT_FOCUS else f"{self.as_of}-{self.focus}"

    @classmethod
    def of(cls, parameters: Parameters) -> Edition:
        return cls(parameters.as_of.isoformat(), parameters.focus)


def recorded(site: Path) -> Edition | None:
    """The edition a built site holds, from its edition.json (None if there is none)."""
    try:
        data = json.loads((site / RECORD).read_text(encoding="utf-8"))
        return Edition(str(data["as_of"]), str(data["focus"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_root(new: Edition, site: Path) -> bool:
    """Whether ``new`` belongs at the root: no site yet, the same edition, or a later date."""
    current = recorded(site)
    return current is None or current.name == new.name or new.as_of > current.as_of


def target(new: Edition, site: Path) -> Path:
    """Where the edition ``new`` is published within ``site``."""
    return site if is_root(new, site) else site / ARCHIVE / new.name


def site_path(destination: Path, site: Path) -> str:
    """The edition's folder within the published site: "" at its root, "editions/<name>/" else."""
    relative = destination.relative_to(site).as_posix()
    return "" if relative == "." else relative + "/"


def file_under_archive(staged: Path, site: Path, name: str, into: Path) -> None:
    """Make ``into`` the whole site with the earlier edition ``staged`` filed as ``name``.

    ``into`` is a copy of the current ``site`` (the root edition stays as it was) with
    ``staged`` under `editions/<name>/` (replacing an earlier build of the same edition) and
    the list of editions brought up to date.
    """
    shutil.copytree(site, into, symlinks=True)
    filed = into / ARCHIVE / name
    shutil.rmtree(filed, ignore_errors=True)
    filed.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, filed)
    write_index(into)


def carry_over(staged: Path, site: Path) -> None:
    """Give a new root site ``staged`` the archive of the old root ``site``, and the old root.

    The old root goes into the archive unless ``staged`` is the same edition again.
    """
    old = site / ARCHIVE
    if old.is_dir():
        shutil.copytree(old, staged / ARCHIVE, dirs_exist_ok=True)
    current, new = recorded(site), recorded(staged)
    if current is not None and (new is None or current.name != new.name):
        shutil.copytree(
            site,
            staged / ARCHIVE / current.name,
            ignore=shutil.ignore_patterns(ARCHIVE),
            dirs_exist_ok=True,
        )
    write_index(staged)


def write_index(site: Path) -> Path:
    """`editions/index.html`: every edition of ``site``, newest first (written atomically).

    Each archived edition gets the same list in its own `editions/index.html`, so the link
    its pages carry works there too.
    """
    current = recorded(site)
    archived = sorted(
        (edition, folder.name)
        for folder in (site / ARCHIVE).glob("*")
        if folder.is_dir() and (edition := recorded(folder)) is not None
    )
    listed = [*([(current, None)] if current else []), *reversed(archived)]
    index = _write(site / ARCHIVE / INDEX, _page(listed, root="..", archive=""))
    for _, name in archived:
        _write(
            site / ARCHIVE / name / ARCHIVE / INDEX,
            _page(listed, root="../../..", archive="../../"),
        )
    return index


def _page(listed: list[tuple[Edition, str | None]], *, root: str, archive: str) -> str:
    rows = []
    for edition, name in listed:
        href = root if name is None else f"{archive}{name}"
        day = dt.date.fromisoformat(edition.as_of)
        label = f"{day:%-d %B %Y}" + (
            "" if edition.focus == DEFAULT_FOCUS else f", focus {edition.focus}"
        )
        note = " (current)" if name is None else ""
        rows.append(
            f'<li><a href="{html.escape(href)}/index.html">Edition of {html.escape(label)}</a>{note}'
            f' · <a href="{html.escape(href)}/briefing.pdf">PDF</a></li>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="{html.escape(root)}/assets/favicon.svg" type="image/svg+xml">'
        "<title>Editions of the tech-controls briefing</title></head>\n<body>\n"
        "<main><h1>Editions of the tech-controls briefing</h1>\n<ul>\n"
        + "\n".join(rows)
        + "\n</ul></main>\n</body></html>\n"
    )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path
