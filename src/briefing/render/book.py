"""The book as `_quarto.yml` declares it: title, chapters and their front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import RenderError

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)


@dataclass(frozen=True)
class Chapter:
    source: Path
    title: str
    number: int | None  # None for the unnumbered opening page
    body: str

    @property
    def href(self) -> str:
        return self.source.with_suffix(".html").name


@dataclass(frozen=True)
class Book:
    title: str
    subtitle: str
    output_file: str
    chapters: list[Chapter]

    @property
    def pdf_name(self) -> str:
        return f"{self.output_file}.pdf"


def load(root: Path) -> Book:
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    book = config["book"]
    chapters = []
    number = 0
    for entry in _chapter_entries(book):
        source = root / entry
        if not source.is_file():
            raise RenderError(f"_quarto.yml names chapter {entry}, which does not exist")
        meta, body = split_front_matter(source.read_text(encoding="utf-8"))
        unnumbered = source.name == "index.qmd" or "unnumbered" in meta.get("classes", "")
        if not unnumbered:
            number += 1
        chapters.append(Chapter(source, meta.get("title", source.stem), None if unnumbered else number, body))
    return Book(book["title"], book.get("subtitle", ""), book.get("output-file", "book"), chapters)


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end() :]


def _chapter_entries(book: dict) -> list[str]:
    entries = []
    for item in [*book.get("chapters", []), *book.get("appendices", [])]:
        if isinstance(item, dict):
            entries.extend(item.get("chapters", []))
        else:
            entries.append(item)
    return entries
