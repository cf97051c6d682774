"""What must hold between the registry, the files of each chapter, the book and the data package.

Each check takes a project root (and the registered chapters) and returns the problems it
found, as sentences naming the file to add or fix; an empty list means the contract holds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from briefing import cells
from briefing.book import config as book_config
from briefing.book.config import chapter_entries

EMBED = re.compile(r"\{\{<\s*embed\s+reports/executed/([^#\s>]+)\.ipynb#([^\s>]+)\s*>\}\}")
# Modules of briefing/chapters that are not chapters: the package's own, and each chapter's
# private helpers, ``_<slug>_<what>.py``, which its module ``<slug>.py`` imports.
CHAPTER_SUPPORT = {"__init__", "registry", "findings"}
# Pages of the book that are no chapter's: the annex gathers the chapters' long tables for print.
NOT_CHAPTERS = {"annex"}


def chapter_problems(root: Path, chapters) -> list[str]:
    """Every registered chapter has its module, notebook, page (embedding cells of its own
    notebook alone) and book entry; nothing that looks like a chapter exists unregistered."""
    problems = []
    slugs = [c.slug for c in chapters]
    # The English edition's book: _quarto.yml with its profile (_quarto-en.yml).
    config = book_config.read(root)["book"]
    listed = {
        "chapters": [Path(e).stem for e in chapter_entries(config.get("chapters") or [])],
        "appendices": [Path(e).stem for e in chapter_entries(config.get("appendices") or [])],
    }
    for chapter in chapters:
        slug, stem = chapter.slug, _page(chapter)
        for path in (
            root / "src" / "briefing" / chapter.module,
            root / "notebooks" / f"{slug}.ipynb",
            root / f"{stem}.qmd",
        ):
            if not path.is_file():
                problems.append(f"chapter {slug!r} is registered but {_rel(path, root)} is missing")
        section = "appendices" if chapter.appendix else "chapters"
        if stem not in listed[section]:
            problems.append(f"chapter {slug!r} is not listed under book.{section} in _quarto.yml")
        labels = _labels(root / "notebooks" / f"{slug}.ipynb")
        page = root / f"{stem}.qmd"
        # The summary's page too embeds its own notebook alone: a chapter reaches the summary
        # through briefing/summary/, never by an embed of its notebook there.
        if page.is_file() and labels is not None:
            for embedded, label in _embeds(page):
                if embedded != slug:
                    problems.append(f"{stem}.qmd embeds another chapter's notebook ({embedded})")
                elif label not in labels:
                    problems.append(
                        f"{stem}.qmd embeds {label!r}, which notebooks/{slug}.ipynb lacks"
                    )
    expected = [_page(c) for c in chapters if not c.appendix]
    if listed["chapters"] != expected:
        problems.append(
            f"book.chapters in _quarto.yml ({listed['chapters']}) is not the registry's "
            f"chapters in order ({expected})"
        )
    modules = sorted((root / "src" / "briefing" / "chapters").glob("*.py"))
    pages = {_page(c): c.slug for c in chapters}
    unregistered = {
        "notebook": {p.stem: p for p in (root / "notebooks").glob("*.ipynb")},
        "page": {
            pages.get(p.stem, p.stem): p for p in root.glob("*.qmd") if p.stem not in NOT_CHAPTERS
        },
        "chapter module": {
            p.stem: p
            for p in modules
            if p.stem not in CHAPTER_SUPPORT and not p.stem.startswith("_")
        },
    }
    for kind, found in unregistered.items():
        for stem, path in sorted(found.items()):
            if stem not in slugs:
                problems.append(f"{_rel(path, root)} is a {kind} of no registered chapter")
    helpers = [p for p in modules if p.stem.startswith("_") and p.stem not in CHAPTER_SUPPORT]
    for path in helpers:
        if not any(path.stem.startswith(f"_{slug}_") for slug in slugs):
            problems.append(f"{_rel(path, root)} is a helper of no registered chapter")
    return problems


# A download's name: write_csv's last argument (its first may hold strings of its own) and
# link's first.
WRITE_CSV = re.compile(r"write_csv\(")
LINK = re.compile(r"""downloads\.link\(\s*["']([^"']+)["']""")
STRING = re.compile(r"""["']([^"']*)["']""")


def download_names(code: str) -> list[str]:
    """The names of the downloads ``code`` writes or links."""
    names = LINK.findall(code)
    for call in WRITE_CSV.finditer(code):
        depth, end = 1, call.end()
        while depth and end < len(code):
            depth += {"(": 1, ")": -1}.get(code[end], 0)
            end += 1
        strings = STRING.findall(code[call.end() : end])
        names += strings[-1:]
    return names


def download_problems(root: Path, chapters) -> list[str]:
    """Every CSV download a chapter's notebook writes or links is named after the chapter."""
    problems = []
    for chapter in chapters:
        notebook = root / "notebooks" / f"{chapter.slug}.ipynb"
        if not notebook.is_file():
            continue
        code = "\n".join(
            c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"
        )
        for name in download_names(code):
            if name != chapter.slug and not name.startswith(chapter.slug + "_"):
                problems.append(
                    f"notebooks/{chapter.slug}.ipynb names a download {name!r}; "
                    f"chapter downloads are named {chapter.slug!r} or {chapter.slug}_<what>"
                )
    return problems


def table_problems(root: Path) -> list[str]:
    """Every table file is declared in the data package, with its schema and, when derived, its
    provenance record; nothing is declared that does not exist."""
    problems = []
    data = root / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    declared = {}
    for resource in package["resources"]:
        declared[(data / resource["path"]).resolve()] = resource
        # A local table is made on each machine and never committed: only its schema must exist.
        local = "local" in resource.get("briefing", {})
        for key in ("schema",) if local else ("path", "schema"):
            if not (data / resource[key]).is_file():
                problems.append(f"table {resource['name']!r}: {resource[key]} does not exist")
        if "briefing" not in resource:
            problems.append(
                f"table {resource['name']!r} lacks its `briefing` block (dating, sources)"
            )
        elif resource["path"].startswith("derived/") and not local:
            record = resource["briefing"].get("sources", {}).get("provenance")
            if not record or not (data / record).is_file():
                problems.append(f"derived table {resource['name']!r} has no provenance record")
    for folder in ("curated", "derived"):
        for csv_file in sorted((data / folder).glob("*.csv")):
            if csv_file.resolve() not in declared:
                problems.append(
                    f"data/{folder}/{csv_file.name} is not declared in data/datapackage.json"
                )
    return problems


def _embeds(page: Path) -> set[tuple[str, str]]:
    return set(EMBED.findall(page.read_text(encoding="utf-8"))) if page.is_file() else set()


def _labels(notebook: Path) -> set[str] | None:
    if not notebook.is_file():
        return None
    nb = nbformat.read(notebook, as_version=4)
    return {
        str(cells.options(cell).get("label"))
        for cell in nb.cells
        if cell.cell_type == "code" and cells.options(cell).get("label")
    }


def _page(chapter) -> str:
    """The name of a chapter's page: its slug, or the name it declares (the summary: index)."""
    return chapter.page_name or chapter.slug


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
