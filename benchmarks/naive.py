"""The naive pipeline the build is measured against: same notebooks, same renderer, no care.

- every notebook runs with plain papermill, one after another, none reused;
- every static image starts its own browser;
- then the fallback renderer that `briefing build` uses (pandoc for the site, pandoc +
  typst for the PDF) through the build's own staging and `render`.

Run it as a subprocess on a project copy, with BRIEFING_ROOT=<copy> and
PYTHONPATH=<copy>/src, so that `briefing.paths` points at the copy. It writes under
<copy>/reports/naive/ and prints one JSON line: the seconds of each step and what it made.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from rich.console import Console

from briefing import params, paths
from briefing.build import execute, images
from briefing.build import pipeline as build
from briefing.chapters import registry
from briefing.data import check as datacheck
from briefing.render.fallback import FallbackEngine


def run(as_of: str, focus: str) -> dict:
    edition = params.parse(as_of, focus)
    stage = paths.REPORTS / "naive"
    if stage.exists():
        shutil.rmtree(stage)
    steps: dict[str, float] = {}

    started = time.perf_counter()
    # The same checks and staged project as a build: the comparison is of how, not of what.
    datacheck.check(edition)
    project = build.stage_project(stage)
    steps["check data and stage the project"] = time.perf_counter() - started

    executed = project / "reports" / "executed"
    executed.mkdir(parents=True)
    for notebook in registry.notebooks():
        started = time.perf_counter()
        _papermill(notebook, executed / notebook.name, edition.for_papermill())
        steps[f"papermill {notebook.name}"] = time.perf_counter() - started

    started = time.perf_counter()
    made = images.add_static_images(sorted(executed.glob("*.ipynb")), fresh_browser_per_image=True)
    steps[f"static images ({made}, a browser each)"] = time.perf_counter() - started

    started = time.perf_counter()
    build.gather_downloads(project)
    build.render(edition, FallbackEngine(), project, Console(quiet=True))
    steps["render site and PDF (pandoc + typst)"] = time.perf_counter() - started

    site_dir = project / "reports" / "site"
    return {
        "steps": steps,
        "images": made,
        "pages": sorted(page.name for page in site_dir.glob("*.html")),
        "pdf_bytes": sum(f.stat().st_size for f in site_dir.glob("*.pdf")),
        "site": str(site_dir),
        "package": str(Path(params.__file__).parent),
    }


def _papermill(source: Path, output: Path, parameters: dict[str, str]) -> None:
    # The kernel inherits this process's environment: each notebook gets its own downloads folder.
    os.environ["BRIEFING_DOWNLOADS"] = str(execute.downloads_dir(output))
    execute.execute_notebook(source, output, parameters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--focus", default="JP")
    args = parser.parse_args()
    if "BRIEFING_ROOT" not in os.environ:
        parser.error(
            "set BRIEFING_ROOT to a project copy; the naive pipeline never runs in the project itself"
        )
    if paths.ROOT == Path(__file__).resolve().parents[1]:
        parser.error("BRIEFING_ROOT is the project itself; give a copy")
    print(json.dumps(run(args.as_of, args.focus), sort_keys=True))


if __name__ == "__main__":
    main()
