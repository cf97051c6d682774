"""The book as `_quarto.yml` declares it: title, chapters and their front matter."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.book import conditional
from briefing.errors import RenderError

# Files Quarto renders as book pages.
INPUT_SUFFIXES = (".qmd", ".ipynb", ".md", ".Rmd")
# Front matter as Quarto finds it: a `---` line first, closed by `---` or `...`; may be empty.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Chapter:
    source: Path
    title: str
    number: (
        str | None
    )  # "1", "2"... for chapters, "A", "B"... for appendices, None for the opening page
    body: str
    appendix: bool = False

    @property
    def href(self) -> str:
        return self.source.with_suffix(".html").name


@dataclass(frozen=True)
class Book:
    title: str
    subtitle: str
    author: str
    output_file: str
    chapters: list[Chapter]
    description: str = ""  # the one-line scope on the PDF's cover
    site_url: str = ""  # where the site is published: the PDF's relative links resolve there
    language: str = "en"  # the book's `lang`: its interface words, its fonts, its line breaking

    @property
    def pdf_name(self) -> str:
        return f"{self.output_file}.pdf"


def load(root: Path, language: str = "en") -> Book:
    """The book of the edition in ``language``: `_quarto.yml` with that language's profile."""
    config = read(root, language)
    book = config["book"]
    chapters = []
    numbered = 0
    for entry in chapter_entries(book.get("chapters") or []):
        title, body, is_numbered = read_chapter(root / entry, config, language)
        number = None
        if is_numbered:
            numbered += 1
            number = str(numbered)
        chapters.append(Chapter(root / entry, title, number, body))
    for index, entry in enumerate(chapter_entries(book.get("appendices") or [])):
        title, body, _ = read_chapter(root / entry, config, language)
        letter = chr(ord("A") + index)
        chapters.append(Chapter(root / entry, title, letter, body, appendix=True))
    return Book(
        title=book["title"],
        subtitle=book.get("subtitle", ""),
        author=book.get("author", ""),
        output_file=book.get("output-file", "book"),
        chapters=chapters,
        description=book.get("description", ""),
        site_url=site_url(config, root),
        language=str(config.get("lang") or language),
    )


# Each language's Quarto profile (`quarto render --profile ja`): its chapters, title and `lang`.
PROFILE = "_quarto-{}.yml"


def read(root: Path, profile: str = "en") -> dict:
    """`_quarto.yml` with `_quarto-<profile>.yml` merged in, as Quarto merges an active profile."""
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    path = root / PROFILE.format(profile)
    if path.is_file():
        config = merge(config, yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    config.pop("profile", None)  # which profiles exist: read by Quarto, not part of the book
    return config


def merge(base: object, over: object) -> object:
    """Quarto's merge of configurations (mergeConfigs, src/core/config.ts at v1.10.18): maps
    merge key by key, lists are concatenated without repeats, anything else is replaced."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) or isinstance(over, list):
        if base is None or over is None:
            return over if base is None else base
        combined = (base if isinstance(base, list) else [base]) + (
            over if isinstance(over, list) else [over]
        )
        return [value for i, value in enumerate(combined) if value not in combined[:i]]
    return over


SITE_URL_VARIABLE = "BRIEFING_SITE_URL"
# https://github.com/OWNER/REPO(.git) or git@github.com:OWNER/REPO(.git)
_GITHUB_REMOTE = re.compile(r"github\.com[:/]([^/\s]+)/([^/\s]+?)(?:\.git)?/?$")


def site_url(config: dict, root: Path) -> str:
    """Where the site is published, ending in one slash; empty where nothing says.

    In order: the environment's BRIEFING_SITE_URL (the publish workflow sets it from the
    repository it deploys), `book.site-url` in `_quarto.yml`, then the GitHub Pages address
    of the checkout's `origin` remote.
    """
    url = (
        os.environ.get(SITE_URL_VARIABLE, "").strip()
        or str((config.get("book") or {}).get("site-url") or "").strip()
        or github_pages_url(_origin(root))
    )
    return url.rstrip("/") + "/" if url else ""


def github_pages_url(remote: str) -> str:
    """The GitHub Pages address of a project site, from its GitHub remote ('' for others)."""
    match = _GITHUB_REMOTE.search(remote.strip())
    if not match:
        return ""
    owner, repository = match.groups()
    if repository.lower() == f"{owner.lower()}.github.io":
        return f"https://{repository.lower()}/"
    return f"https://{owner.lower()}.github.io/{repository}/"


def _origin(root: Path) -> str:
    try:
        return subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        return ""


# A title heading with attributes, as Quarto's parsePandocTitle (core/pandoc/markdown.ts) reads
# it: `# Executive summary {.unnumbered}`.
TITLE_HEADING = re.compile(r"^#{1,}\s(?:(.*)\s)?\{(.*)\}$")
HEADING = re.compile(r"^#{1,}\s+(.*?)\s*$")


def read_chapter(
    source: Path, config: dict | None = None, profile: str = "en"
) -> tuple[str, str, bool]:
    """A chapter's title, its body without the title, and whether Quarto numbers it, as the
    edition of ``profile`` reads it (``page_text``).

    As Quarto's books do (isNumberedChapter, project/types/book/book-shared.ts): the title is
    the front matter's `title`, else the first heading; the chapter is unnumbered only when
    that title carries the class `.unnumbered`, which a front-matter title never does (its
    parser wants a leading `#`), so an unnumbered chapter starts with `# Title {.unnumbered}`.
    """
    if not source.is_file():
        raise RenderError(f"_quarto.yml names chapter {source.name}, which does not exist")
    return parse_chapter(page_text(source, config or {}, profile), default_title=source.stem)


# Quarto's `{{< include file >}}` and `{{< meta key >}}` shortcodes.
INCLUDE = re.compile(r"\{\{<\s*include\s+(\S+?)\s*>\}\}")
META = re.compile(r"\{\{<\s*meta\s+(\S+?)\s*>\}\}")


def page_text(source: Path, config: dict, profile: str) -> str:
    """A page as Quarto reads it under ``profile``: its includes expanded (a path relative to
    the page; an embed in an included file is then read from the including page, as Quarto
    does), the other profiles' text dropped, its `meta` shortcodes replaced by ``config``'s
    values (a dotted key: `i18n.adoption`)."""

    def include(match: re.Match) -> str:
        path = source.parent / match.group(1)
        if not path.is_file():
            raise RenderError(f"{source.name} includes {match.group(1)}, which does not exist")
        return path.read_text(encoding="utf-8")

    def meta(match: re.Match) -> str:
        value: object = config
        for key in match.group(1).split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            raise RenderError(f"{source.name}: no {match.group(1)!r} in the book's configuration")
        return str(value)

    text = INCLUDE.sub(include, source.read_text(encoding="utf-8"))
    return META.sub(meta, conditional.for_profile(text, profile, page=source.name))


def parse_chapter(text: str, *, default_title: str = "") -> tuple[str, str, bool]:
    """``read_chapter`` for a chapter's text."""
    meta, body = split_front_matter(text)
    if isinstance(meta.get("title"), str):
        return meta["title"], body, True
    lines = body.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if not line.startswith("#"):
            continue
        match = TITLE_HEADING.match(line.strip())
        if match:
            title, classes = match.group(1) or "", match.group(2).split()
        else:
            title, classes = HEADING.match(line.strip()).group(1), []
        rest = "".join(lines[:index] + lines[index + 1 :])
        return title, rest, ".unnumbered" not in classes
    return default_title, body, True


def split_front_matter(text: str) -> tuple[dict, str]:
    """The parsed front matter of a page (empty if it has none) and the body after it."""
    raw, body = split_front_matter_text(text)
    if raw is None:
        return {}, text
    return yaml.safe_load(raw) or {}, body


def split_front_matter_text(text: str) -> tuple[str | None, str]:
    """The front matter's YAML text (None if the page has none) and the body after it.

    The one place that finds front matter; callers parse the YAML with the rules they need.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group(1) or "", text[match.end() :]


def chapter_entries(items: list) -> list[str]:
    """The files a `book.chapters` (or `appendices`) list names, `part:` entries included."""
    files = []
    for item in items:
        if isinstance(item, str):
            files.append(item)
        elif isinstance(item, dict):
            part = item.get("part")
            if isinstance(part, str) and part.endswith(INPUT_SUFFIXES):
                files.append(part)  # a part may be a file rather than a title
            for key in ("href", "file"):
                if isinstance(item.get(key), str):
                    files.append(item[key])
            files += chapter_entries(item.get("chapters") or [])
    return files
