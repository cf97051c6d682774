"""Quarto itself, where it is installed (1.9 or newer: typst books)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import yaml
from rich.console import Console

from briefing.book import config as book_module
from briefing.book import print_rules, quarto_output, quarto_pages
from briefing.book.engines import cover, registry
from briefing.book.engines.registry import Edition
from briefing.book.project import language_folder
from briefing.errors import RenderError

MINIMUM = (1, 9)


def available() -> bool:
    """True when a `quarto` of at least 1.9 is on PATH."""
    version = installed_version()
    return version is not None and version >= MINIMUM


# `quarto --version` starts Quarto's runtime (about half a second): asked once per process.
@cache
def installed_version() -> tuple[int, ...] | None:
    exe = shutil.which("quarto")
    if exe is None:
        return None
    try:
        text = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        return tuple(int(part) for part in text.strip().split(".")[:3])
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


# Files each edition writes for Quarto (see `metadata-files`, the typst partial typst-show.typ
# and the `include-*-body` files of _quarto.yml and sources.qmd).
EDITION_DIR = Path("reports") / "edition"
METADATA_FILE = EDITION_DIR / "quarto-metadata.yml"
COVER_FILE = EDITION_DIR / "meta.typ"
TYPST_BLOCK = EDITION_DIR / "edition.typ"
HTML_BLOCK = EDITION_DIR / "edition.html"
RECORD = EDITION_DIR / "edition.json"
# Where _quarto.yml sends Quarto's output; the post-render (or the build) publishes it.
OUTPUT_DIR = Path("reports") / "_quarto-site"
# Set by `briefing build` for the Quarto it runs: its pre- and post-render scripts stand aside.
IN_BUILD = "BRIEFING_IN_BUILD"


class QuartoEngine:
    name = "Quarto"
    # Quarto resolves a page's embeds before it drops the other language's text
    # (content-hidden.lua runs last): each edition's render reads every language's notebooks.
    embeds_every_language = True

    @staticmethod
    def unavailable() -> str | None:
        return None if available() else "no Quarto 1.9 or newer is on PATH"

    def version(self) -> str:
        return ".".join(map(str, installed_version() or ()))

    def render(self, project: Path, edition: Edition, console: Console) -> Path:
        """`quarto render --profile <language>` of the staged ``project``; its pages corrected,
        in reports/site (English) or its language's folder there (reports/site/ja)."""
        write_edition_files(project, edition)
        console.print(f"Rendering the site and the PDF (Quarto {self.version()})")
        process = subprocess.Popen(
            ["quarto", "render", "--profile", edition.language],
            cwd=project,
            env={**os.environ, IN_BUILD: "1", "QUARTO_PYTHON": sys.executable},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        log = []
        for line in process.stdout:
            console.file.write(line)
            log.append(line)
        if process.wait() != 0:
            raise RenderError(f"quarto render failed with exit code {process.returncode}")
        if problems := log_problems("".join(log)):
            raise RenderError("quarto render reported an error: " + "; ".join(problems))
        out = project / output_dir(project, edition.language)
        finish_site(out, project.resolve(), edition.language)
        site = project / "reports" / "site" / language_folder(edition.language)
        site.parent.mkdir(parents=True, exist_ok=True)
        out.rename(site)
        return site


def output_dir(project: Path, language: str) -> Path:
    """Where the profile of ``language`` sends Quarto's output, relative to ``project``."""
    return Path(book_module.read(project, language)["project"]["output-dir"])


def write_edition_files(project: Path, edition: Edition) -> None:
    """What Quarto reads of the edition, written into ``project``/reports/edition/.

    - the cover's fields (typst, imported by templates/typst-show.typ), the fallback's;
    - the PDF's rules for this edition (`include-before-body`): absolute links, each figure's
      alt text (print_rules.edition_rules);
    - the site's one line of provenance, at the foot of every page (`book.page-footer`
      through `metadata-files`), and the whole record, at the end of the sources page.
    """
    book = book_module.load(project, edition.language)
    folder = project / EDITION_DIR
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {"book": {"page-footer": {"center": edition.built}}}
    (project / METADATA_FILE).write_text(
        yaml.safe_dump(metadata, allow_unicode=True, sort_keys=True, width=10**6), encoding="utf-8"
    )
    import nbformat  # here, not above: a build with nothing to render never needs it

    (project / COVER_FILE).write_text(cover.meta_block(cover.cover(book, edition)) + "\n", "utf-8")
    alts = print_rules.figure_alts(
        nbformat.read(path, as_version=4)
        for path in sorted(
            (project / "reports" / "executed" / language_folder(edition.language)).glob("*.ipynb")
        )
    )
    (project / TYPST_BLOCK).write_text(
        print_rules.edition_rules(print_rules.link_base(book.site_url, edition.site_path), alts),
        encoding="utf-8",
    )
    (project / HTML_BLOCK).write_text(
        quarto_output.html_edition_block(edition.title_page), encoding="utf-8"
    )


# How Quarto 1.10.18 reports a Lua filter's failure (src/resources/filters/common/log.lua:
# "FATAL (<file>:<line>) <message>", in red). Some are caught and the render goes on with exit
# code 0: a missing `include-in-header` file only logs "unable to open file <path>"
# (quarto-init/includes.lua, inside a pcall), and the PDF silently lacks what it held.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PROBLEM = re.compile(r"^(?:FATAL \(.*|.*unable to open file .*)$", re.MULTILINE)


def log_problems(log: str) -> list[str]:
    """The lines of Quarto's output that say a filter failed or an included file is missing."""
    return [match.group(0).strip() for match in _PROBLEM.finditer(_ANSI.sub("", log))]


def finish_site(site: Path, project: Path, language: str = "en") -> None:
    """Correct the pages Quarto wrote for the edition in ``language``: no scripts from a CDN,
    no absolute paths, no run data, links named by what they show, attributes in one order;
    (its links to the other languages are added once the site is whole: languages.link_site)."""
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        fixed = quarto_pages.correct(text, project)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


registry.register("quarto", QuartoEngine, rank=0)
