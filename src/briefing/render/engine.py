"""One interface for the two engines that turn a staged project into the site and the PDF.

Quarto (1.9 or newer, where it is on PATH) is what readers use; otherwise the same pages are
rendered with the engines Quarto bundles, pandoc and typst, from their Python wheels. Both
read the staged project (its pages, `_quarto.yml`, `reports/executed/`, `reports/downloads/`)
and write `reports/site/` inside it; the build then adds the edition record and swaps it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.console import Console


@dataclass(frozen=True)
class Edition:
    """What the render shows about the edition: its date and the title page's provenance line."""

    as_of: str
    focus: str
    title_page: str


class Engine(Protocol):
    name: str

    def version(self) -> str:
        """The engine's version, part of the render's content key."""
        ...

    def render(self, project: Path, edition: Edition, console: Console) -> Path:
        """Render the book at ``project``; return the folder holding the site and the PDF."""
        ...


def choose() -> Engine:
    """Quarto where it is installed (1.9 or newer), else pandoc + typst."""
    from briefing.render import fallback, quarto

    return quarto.QuartoEngine() if quarto.available() else fallback.FallbackEngine()
