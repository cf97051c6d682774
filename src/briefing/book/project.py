"""A project the book machinery builds: its root, its notebooks in book order, and the paths
of what it reads and writes under that root.

The machinery never reads module-global paths: every step is handed a `Project`, so a build
works the same on the briefing, on a staged copy of it, or on a miniature book in the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing import paths, translation

# What an engine reads from the project, copied into the staging folder beside the notebooks
# executed there: the staged folder is a small project of its own, rendered as the project is.
BOOK_FILES = (
    "_quarto.yml",
    "*.qmd",
    "*.scss",
    "scripts/*.py",
    # The typst partials `format.typst.template-partials` names (Quarto stops without one).
    "src/briefing/templates/*.typ",
    # The edition in Japanese: its pages; and each language's Quarto profile.
    "ja/*.qmd",
    "_quarto-*.yml",
)


def language_of(page: str) -> str:
    """The language of a page, by its path within its edition: "ja/adoption.html" is Japanese."""
    first = page.split("/", 1)[0]
    return next(
        (lang for lang in translation.LANGUAGES if lang != translation.SOURCE and lang == first),
        translation.SOURCE,
    )


def language_folder(lang: str) -> str:
    """Where the edition in ``lang`` lives, in the site and in reports/executed: "" (the root)
    for English, "ja" for Japanese."""
    return "" if translation.check(lang) == translation.SOURCE else lang


@dataclass(frozen=True)
class Project:
    root: Path
    notebooks: tuple[Path, ...]
    # The package the notebooks import: the notebooks' keys cover the modules they use.
    package: Path = paths.PACKAGE
    # Makes what the tables need but the repository does not hold (the local tables), before
    # the check: handed in by the command line, which knows the steps the machinery does not.
    prepare: Callable[[object], object] | None = None

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def executed(self) -> Path:
        return self.reports / "executed"

    @property
    def failed(self) -> Path:
        return self.reports / "failed"

    @property
    def downloads(self) -> Path:
        """The published CSV downloads (where the pages link them, see paths.DOWNLOADS_HREF)."""
        return self.root / paths.DOWNLOADS_HREF

    @property
    def site(self) -> Path:
        return self.reports / "site"

    @property
    def image_cache(self) -> Path:
        return self.reports / ".image-cache"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def datapackage(self) -> Path:
        return self.root / "data" / "datapackage.json"

    @property
    def quarto_config(self) -> Path:
        return self.root / "_quarto.yml"

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the book has: English, and each language with its Quarto profile."""
        return tuple(
            lang
            for lang in translation.LANGUAGES
            if lang == translation.SOURCE or (self.root / f"_quarto-{lang}.yml").is_file()
        )

    def book_files(self) -> list[Path]:
        """The pages, the book's configuration, its styles and its scripts."""
        return sorted(path for pattern in BOOK_FILES for path in self.root.glob(pattern))

    def shown(self, path: Path) -> str:
        """``path`` as its reader finds it: relative to the root when it lies under it."""
        return (
            path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        )

    def staged(self, stage: Path) -> Project:
        """The same project at ``stage``/project: its notebooks stay where they are."""
        return Project(stage / "project", self.notebooks, self.package)
