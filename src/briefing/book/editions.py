"""Editions side by side: the newest at the root of reports/site, the others under editions/.

A build for the newest edition date replaces the root and keeps the edition it replaces
under `editions/<as_of>/`; a build for an earlier date goes to its own folder and leaves the
root as it was. `editions/index.html` lists them all, in the site's own style, and every page
of an archived edition says it is archived (update_archive). Each edition's folder is a whole
site (pages, PDF, downloads, edition.json), so links inside it keep working.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing import countries, translation
from briefing.book import archive_banner, archive_page
from briefing.book.project import language_of
from briefing.params import DEFAULT_FOCUS, Parameters
from briefing.translation import gettext

ARCHIVE = "editions"
RECORD = "edition.json"
INDEX = "index.html"
TITLE = "Editions of the tech-controls briefing"


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
    record = _record(site)
    return _edition(record) if record else None


def _record(site: Path) -> dict | None:
    """The edition.json of a built site (None if there is none, or it is not a record)."""
    try:
        record = json.loads((site / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if _edition(record) else None


def _edition(record: dict) -> Edition | None:
    try:
        return Edition(str(record["as_of"]), str(record["focus"]))
    except (KeyError, TypeError):
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
    update_archive(into)


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
    update_archive(staged)


def update_archive(site: Path) -> Path:
    """Bring the archive of ``site`` up to date; returns the list of editions' page.

    - `editions/index.html` lists every edition, newest first, in the frame of the current
      edition's home page (archive_page): the site's own navigation, style and footer;
    - each archived edition gets the same list in its own `editions/index.html`, in the frame
      of its own home page, so the link its pages carry works there too;
    - every page of an archived edition carries the banner that says so (archive_banner),
      linking to the same page of the current edition, or to its home where it has none;
      the root's pages carry none (an edition may come back to the root).
    """
    current = _record(site)
    archived = sorted(
        (edition, folder.name, record)
        for folder in (site / ARCHIVE).glob("*")
        if folder.is_dir() and (record := _record(folder)) and (edition := _edition(record))
    )
    # (record, folder name) newest first; the current edition has no folder of its own.
    listed = [(current, None)] if current else []
    listed += [(record, name) for _, name, record in reversed(archived)]
    for page in _pages(site):
        _rewrite(page, archive_banner.unmark)
    index = _write(site / ARCHIVE / INDEX, _list_page(site, listed, root="../", archive=""))
    for edition, name, _ in archived:
        folder = site / ARCHIVE / name
        _write(
            folder / ARCHIVE / INDEX, _list_page(folder, listed, root="../../../", archive="../../")
        )
        _mark(folder, site, edition)
    return index


def _list_page(
    home: Path, listed: list[tuple[dict, str | None]], *, root: str, archive: str
) -> str:
    """The list of editions as the page `editions/index.html` of the edition at ``home``."""
    entries = [
        archive_page.Entry(record, root if name is None else f"{archive}{name}/", name is None)
        for record, name in listed
    ]
    frame = home / INDEX
    return archive_page.page(
        frame.read_text(encoding="utf-8") if frame.is_file() else None,
        offset="../",
        title=TITLE,
        content=archive_page.content(entries),
    )


def _mark(folder: Path, site: Path, edition: Edition) -> None:
    """The banner on every page of the archived edition in ``folder``, linking into ``site``."""
    for page in [*_pages(folder), folder / ARCHIVE / INDEX]:
        inside = page.relative_to(folder).as_posix()
        lang = language_of(inside)
        label = translation.date(dt.date.fromisoformat(edition.as_of), lang)
        if edition.focus != DEFAULT_FOCUS:
            label = gettext("{date}, focus {focus}", lang).format(
                date=label, focus=countries.shown(edition.focus, lang)
            )
        same = inside if (site / inside).is_file() else INDEX
        here = posixpath.dirname(page.relative_to(site).as_posix())
        href = posixpath.relpath(same, here)
        _rewrite(
            page,
            lambda text, href=href, label=label, lang=lang: archive_banner.mark(
                text, label, href, lang
            ),
        )


def _pages(folder: Path) -> list[Path]:
    """The HTML pages of the edition at ``folder``, not those of the archive within it."""
    return [
        page
        for page in sorted(folder.rglob("*.html"))
        if page.relative_to(folder).parts[0] != ARCHIVE
    ]


def _rewrite(page: Path, change: Callable[[str], str]) -> None:
    text = page.read_text(encoding="utf-8")
    changed = change(text)
    if changed != text:
        _write(page, changed)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path
