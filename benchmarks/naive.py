"""The naive pipeline the build is measured against: same notebooks, same renderer, no care.

- every notebook runs with plain papermill, one after another, none reused;
- every static image starts its own browser;
- then the fallback renderer that `briefing build` uses (pandoc for the site, pandoc +
  typst for the PDF) through the build's own staging and `render`.

Run it as a subprocess on a project copy, with BRIEFING_ROOT=<copy> and
PYTHONPATH=<copy>/src, so that `briefing.paths` points at the copy. It writes under
<copy>/reports/naive/ and prints one JSON line: the seconds of each step and what it made.

With ``--defaults`` (the smoke run's) every notebook runs with no parameter at all, as a reader
runs it in JupyterLab: today's edition. ``--keep-notebooks DIR`` keeps the executed notebooks
there as papermill wrote them (before the images replace their charts' JSON): the test suite
reads them for its check that every notebook runs with its own defaults, rather than running
them once more. ``--one-browser`` (the smoke run's too) draws the images in one browser: the
smoke run checks that the pipeline completes, and a browser per image costs the test suite
half a minute of both its cores (tests/test_images.py draws with a browser per image).
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
from briefing.book import execute, images, pipeline
from briefing.book.engines.fallback import FallbackEngine
from briefing.book.project import Project
from briefing.chapters import registry
from briefing.data import check as datacheck


def run(
    as_of: str | None,
    focus: str,
    *,
    defaults: bool = False,
    keep_notebooks: Path | None = None,
    one_browser: bool = False,
) -> dict:
    # With the notebooks' defaults, the edition they compute is today's: the checks and the
    # render take that one.
    edition = params.parse(None, params.DEFAULT_FOCUS) if defaults else params.parse(as_of, focus)
    parameters = {} if defaults else edition.for_papermill()
    project = Project(paths.ROOT, tuple(registry.notebooks()))
    stage = project.reports / "naive"
    if stage.exists():
        shutil.rmtree(stage)
    steps: dict[str, float] = {}

    started = time.perf_counter()
    # The same checks and staged project as a build: the comparison is of how, not of what.
    datacheck.check(edition, reports=project.reports, datapackage=project.datapackage)
    staged = pipeline.stage_project(project, stage)
    steps["check data and stage the project"] = time.perf_counter() - started

    staged.executed.mkdir(parents=True)
    for notebook in project.notebooks:
        started = time.perf_counter()
        _papermill(notebook, staged.executed / notebook.name, parameters, project)
        steps[f"papermill {notebook.name}"] = time.perf_counter() - started

    if keep_notebooks is not None:
        shutil.copytree(staged.executed, keep_notebooks, dirs_exist_ok=True)

    started = time.perf_counter()
    made = images.add_static_images(
        sorted(staged.executed.glob("*.ipynb")), fresh_browser_per_image=not one_browser
    )
    browsers = "one browser" if one_browser else "a browser each"
    steps[f"static images ({made}, {browsers})"] = time.perf_counter() - started

    started = time.perf_counter()
    pipeline.gather_downloads(staged)
    naive = pipeline.Build(
        project, edition, Console(quiet=True), engine=FallbackEngine(), staging=stage
    )
    naive.destination = project.site
    pipeline.render(naive)
    steps["render site and PDF (pandoc + typst)"] = time.perf_counter() - started

    return {
        "steps": steps,
        "images": made,
        "pages": sorted(page.name for page in staged.site.glob("*.html")),
        "pdf_bytes": sum(f.stat().st_size for f in staged.site.glob("*.pdf")),
        "site": str(staged.site),
        "package": str(Path(params.__file__).parent),
    }


def _papermill(source: Path, output: Path, parameters: dict[str, str], project: Project) -> None:
    # The kernel inherits this process's environment: each notebook gets its own downloads folder.
    os.environ[paths.DOWNLOADS_ENV] = str(execute.downloads_dir(output))
    execute.execute_notebook(source, output, parameters, cwd=project.root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--focus", default="JP")
    parser.add_argument(
        "--defaults",
        action="store_true",
        help="run the notebooks with no parameter (today's edition)",
    )
    parser.add_argument(
        "--keep-notebooks", type=Path, help="keep the executed notebooks, as run, in this folder"
    )
    parser.add_argument(
        "--one-browser", action="store_true", help="draw the images in one browser (smoke run)"
    )
    args = parser.parse_args()
    if "BRIEFING_ROOT" not in os.environ:
        parser.error(
            "set BRIEFING_ROOT to a project copy; the naive pipeline never runs in the project itself"
        )
    if paths.ROOT == Path(__file__).resolve().parents[1]:
        parser.error("BRIEFING_ROOT is the project itself; give a copy")
    print(
        json.dumps(
            run(
                args.as_of,
                args.focus,
                defaults=args.defaults,
                keep_notebooks=args.keep_notebooks,
                one_browser=args.one_browser,
            ),
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
