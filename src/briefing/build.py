"""`briefing build`: parameters checked, notebooks executed, book rendered, outputs published atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import execute, params, paths
from .render import book as book_module
from .render import pdf, quarto, site

# Environment variables through which Quarto's pre-render receives the parameters.
ENV_AS_OF = "BRIEFING_AS_OF"
ENV_FOCUS = "BRIEFING_FOCUS"


def run(*, as_of: str | None, focus: str, console: Console) -> None:
    edition = params.parse(as_of, focus)
    timings: list[tuple[str, float]] = []
    if quarto.available():
        started = time.perf_counter()
        console.print("Rendering with Quarto (its pre-render executes the notebooks)")
        quarto.render(paths.ROOT, {ENV_AS_OF: edition.as_of.isoformat(), ENV_FOCUS: edition.focus})
        timings.append(("quarto render", time.perf_counter() - started))
    else:
        timings += [(f"execute {e.source.name}", e.seconds) for e in execute_all(edition, console)]
        started = time.perf_counter()
        render_fallback(edition, console)
        timings.append(("render site and PDF (pandoc + typst)", time.perf_counter() - started))
    _print_summary(console, timings)


def execute_only(*, as_of: str | None, focus: str, console: Console) -> None:
    edition = params.parse(as_of, focus)
    _print_summary(console, [(f"execute {e.source.name}", e.seconds) for e in execute_all(edition, console)])


def execute_all(edition: params.Parameters, console: Console) -> list[execute.Executed]:
    """Execute every source notebook into reports/executed/, showing notebook and cell."""
    notebooks = execute.source_notebooks(paths.NOTEBOOKS)
    execute.copy_plotly_js(paths.ASSETS)
    done = []
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.fields[cell]}"),
        TimeElapsedColumn(), console=console, transient=False,
    ) as progress:
        for notebook in notebooks:
            task = progress.add_task(notebook.name, total=None, cell="starting kernel")

            def on_cell(name: str, number: int, total: int, task=task) -> None:
                progress.update(task, total=total, completed=number - 1, cell=f"cell {number}/{total}")

            done.append(
                execute.execute_notebook(notebook, paths.EXECUTED / notebook.name, edition, on_cell=on_cell)
            )
            progress.update(task, completed=progress.tasks[task].total or 1, cell="done")
    return done


def render_fallback(edition: params.Parameters, console: Console) -> None:
    """Render with pandoc and typst into a staging folder, then swap it in whole."""
    book = book_module.load(paths.ROOT)
    staging = paths.REPORTS / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    stage_site = staging / "site"
    stage_site.mkdir(parents=True)
    console.print("Rendering the site (pandoc)")
    site.render(
        book,
        stage_site,
        executed_base=paths.ROOT,
        edition=edition.as_of.isoformat(),
        plotly_js=paths.ASSETS / "plotly.min.js",
        downloads=paths.DOWNLOADS,
    )
    console.print("Rendering the PDF (pandoc + typst)")
    pdf.render(
        book,
        stage_site / book.pdf_name,
        work=staging / "pdf",
        executed_base=paths.ROOT,
        meta={
            "title": book.title,
            "subtitle": book.subtitle,
            "edition": edition.as_of.isoformat(),
            "provenance": f"Built from commit {git_commit()} with focus {edition.focus}.",
        },
    )
    _swap_in(stage_site, paths.SITE)
    shutil.rmtree(staging, ignore_errors=True)


def git_commit(root: Path = paths.ROOT) -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
        return result.stdout.strip() + ("+changes" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"


def _swap_in(new: Path, target: Path) -> None:
    # Two renames: the old site stays whole until the new one is complete.
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _print_summary(console: Console, timings: list[tuple[str, float]]) -> None:
    table = Table(title="Build summary")
    table.add_column("step")
    table.add_column("seconds", justify="right")
    for step, seconds in timings:
        table.add_row(step, f"{seconds:.1f}")
    table.add_row("[bold]total", f"[bold]{sum(s for _, s in timings):.1f}")
    console.print(table)
    if paths.SITE.exists():
        console.print(f"Site: {paths.SITE / 'index.html'}")
