"""The engines that turn a staged project into the site and the PDF, by name.

Each engine module registers itself here when imported (`register(name, engine)`, as
papermill's engines do), with its rank of preference; this module imports none of them, so
an engine may import what it needs from here without a circle. Quarto (1.9 or newer, where it
is on PATH) is what readers use; otherwise the same pages are rendered with the engines Quarto
bundles, pandoc and typst, from their Python wheels. Both read the staged project (its pages,
`_quarto.yml`, `reports/executed/`, `reports/downloads/`) and write its `reports/site/`.
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
    language: str = "en"  # the edition's language: English renders the root, others their folder


class Engine(Protocol):
    name: str

    def version(self) -> str:
        """The engine's version, part of the render's content key."""
        ...

    def render(self, project: Path, edition: Edition, console: Console) -> Path:
        """Render the book at ``project``; return the folder holding the site and the PDF."""
        ...


class EngineKind(Protocol):
    """What is registered: a class whose instances render, and that says if it can run here."""

    def __call__(self) -> Engine: ...

    @staticmethod
    def unavailable() -> str | None:
        """Why the engine cannot run on this machine (None: it can)."""
        ...


_ENGINES: dict[str, EngineKind] = {}
_RANKS: dict[str, int] = {}

# Set to an engine's registered name ("quarto", "fallback") to choose it (e.g. to compare the
# two); unset, the build uses the first registered engine that can run here.
ENV = "BRIEFING_ENGINE"


def register(name: str, engine: EngineKind, *, rank: int) -> None:
    """Make ``engine`` available as ``name``; where several can run, the lowest rank renders."""
    _ENGINES[name] = engine
    _RANKS[name] = rank


def names() -> list[str]:
    """The registered engines, the preferred first."""
    return sorted(_ENGINES, key=lambda name: (_RANKS[name], name))


def choose(environ: Mapping[str, str] = os.environ) -> Engine:
    """The engine BRIEFING_ENGINE names, else the first registered one that can run here."""
    wanted = environ.get(ENV, "").strip().lower()
    if wanted:
        if wanted not in _ENGINES:
            raise ParameterError(f"{ENV}={wanted!r}: use {' or '.join(names())}")
        reason = _ENGINES[wanted].unavailable()
        if reason is not None:
            raise ParameterError(f"{ENV}={wanted}, but {reason}")
        return _ENGINES[wanted]()
    for name in names():
        if _ENGINES[name].unavailable() is None:
            return _ENGINES[name]()
    raise ParameterError(f"no engine can render here: {', '.join(names())} are unavailable")
