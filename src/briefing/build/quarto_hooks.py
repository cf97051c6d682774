"""What a bare `quarto render` runs around its own render, with the build's guarantees.

Before (pre-render): the build's checks, then the notebooks it must execute, published into
reports/executed, and the edition's files for Quarto. After (post-render): the pages Quarto
wrote into its output folder are corrected and swapped into reports/site in one step, so a
failure anywhere before leaves the last good site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rich.console import Console

from briefing import paths
from briefing.build import edition as edition_module
from briefing.build import pipeline
from briefing.build import stage as staging
from briefing.render import book as book_module
from briefing.render import editions, quarto, quarto_output


def pre_render(
    *,
    as_of: str | None,
    focus: str,
    reuse: bool,
    console: Console,
    previous_as_of: str | None = None,
) -> None:
    """Check and execute (or, for a partial render with notebooks already run, reuse them)."""
    edition = pipeline.parameters(as_of, focus, previous_as_of)
    if not (reuse and any(paths.EXECUTED.glob("*.ipynb"))):
        pipeline.execute_only(
            as_of=as_of, focus=focus, console=console, previous_as_of=previous_as_of
        )
    description = edition_module.describe(edition)
    quarto.write_edition_files(paths.ROOT, edition_module.for_render(edition, description))
    edition_module.write(description, paths.ROOT / quarto.RECORD)


def post_render(environ: dict[str, str] = os.environ) -> str:
    """Correct and publish what Quarto rendered; returns what was published, in words."""
    output_dir = Path(environ.get("QUARTO_PROJECT_OUTPUT_DIR") or paths.ROOT / quarto.OUTPUT_DIR)
    if not output_dir.is_absolute():
        output_dir = paths.ROOT / output_dir
    decision = quarto_output.publication(
        _output_files(environ),
        project_dir=paths.ROOT,
        output_dir=output_dir,
        render_all=environ.get("QUARTO_PROJECT_RENDER_ALL") == "1",
        book_outputs=[book_module.load(paths.ROOT).pdf_name],
    )
    if decision is None:
        return "nothing (a partial render)"
    quarto.finish_site(output_dir, paths.ROOT.resolve())
    with staging.exclusive_build(paths.REPORTS):
        staging.clean_leftovers(paths.REPORTS)
        if not decision.replace_site:
            for name in decision.copy:
                _replace_file(output_dir / name, paths.SITE / name)
            return ", ".join(decision.copy)
        stage = staging.new_staging(paths.REPORTS)
        site = stage / "site"
        shutil.copytree(output_dir, site)
        for name in decision.keep:
            if (paths.SITE / name).is_file():
                shutil.copy2(paths.SITE / name, site / name)
        record = paths.ROOT / quarto.RECORD
        if record.is_file():
            shutil.copy2(record, site / editions.RECORD)
        editions.carry_over(site, paths.SITE)
        staging.swap_in(site, paths.SITE)
        shutil.rmtree(stage, ignore_errors=True)
    return "the site"


def _output_files(environ: dict[str, str]) -> str:
    # A user may have Quarto write the list into a file instead (QUARTO_USE_FILE_FOR_...).
    listed = environ.get("QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES")
    if listed and Path(listed).is_file():
        return Path(listed).read_text(encoding="utf-8")
    return environ.get("QUARTO_PROJECT_OUTPUT_FILES", "")


def _replace_file(new: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".new")
    shutil.copy2(new, temporary)
    os.replace(temporary, target)
