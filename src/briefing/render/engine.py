"""One interface for the two engines that turn a staged project into the site and the PDF.

Quarto (1.9 or newer, where it is on PATH) is what readers use; otherwise the same pages are
rendered with the engines Quarto bundles, pandoc and typst, from their Python wheels. Both
read the staged project (its pages, `_quarto.yml`, `reports/executed/`, `reports/downloads/`)
and write `reports/site/` inside it; the build then adds the edition record and swaps it in.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.console import Console

from briefing.errors import ParameterError


@dataclass(frozen=True)
class Edition:
    """What the render shows about the edition: its date and its provenance."""

    as_of: str
    focus: str
    built: str  # "Built from commit ..., as of ...": the title page's short line
    title_page: str  # the whole provenance: commit, parameters, each table's source dates
    # Where the edition is published within the site: "" at its root, else its folder in the
    # archive ("editions/2020-06-30/"). The PDF's relative links resolve there.
    site_path: str = ""


class Engine(Protocol):
    name: str

    def version(self) -> str:
        """The engine's version, part of the render's content key."""
        ...

    def render(self, project: Path, edition: Edition, console: Console) -> Path:
        """Render the book at ``project``; return the folder holding the site and the PDF."""
        ...


# Set to "quarto" or "fallback" to choose the engine (e.g. to compare the two); unset, the
# build uses Quarto where it is installed.
ENV = "BRIEFING_ENGINE"


def choose(environ: Mapping[str, str] = os.environ) -> Engine:
    """Quarto where it is installed (1.9 or newer), else pandoc + typst; or as BRIEFING_ENGINE says."""
    from briefing.render import fallback, quarto

    wanted = environ.get(ENV, "").strip().lower()
    if wanted not in ("", "quarto", "fallback"):
        raise ParameterError(f"{ENV}={wanted!r}: use quarto or fallback")
    if wanted == "fallback" or (wanted == "" and not quarto.available()):
        return fallback.FallbackEngine()
    if not quarto.available():
        raise ParameterError(f"{ENV}=quarto, but no Quarto 1.9 or newer is on PATH")
    return quarto.QuartoEngine()
