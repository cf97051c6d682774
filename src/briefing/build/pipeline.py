"""`briefing build` and `briefing execute`: checks first, then notebooks, images, the book.

Everything is made in a staging folder under reports/ and swapped in only when every
step succeeded, so a failed or killed build leaves the last good briefing as it was.
Heavy modules are imported only by the steps that need them: a build with nothing to do
returns at once.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from briefing import params, paths
from briefing.build import gitinfo, keys
from briefing.build import plan as freshness
from briefing.build import stage as staging
from briefing.chapters import registry
from briefing.data import check as datacheck
from briefing.render import book, editions

RENDER_KEY = ".render-key"


def parameters(
    as_of: str | None, focus: str, previous_as_of: str | None = None
) -> params.Parameters:
    """The checked parameters; without ``previous_as_of``, the latest edition built before
    this one (same focus) in reports/site, so what changed runs from the edition readers had."""
    edition = params.parse(as_of, focus, previous_as_of)
    if previous_as_of is None:
        found = editions.previous(paths.SITE, edition.as_of.isoformat(), edition.focus)
        edition = params.parse(edition.as_of, edition.focus, found)
    return edition


def run(
    *,
    as_of: str | None,
    focus: str,
    console: Console,
    jobs: int = 2,
    force: bool = False,
    previous_as_of: str | None = None,
) -> None:
    """Execute what changed and render the whole briefing with the engine at hand."""
    from briefing.render import engine as engines

    edition = parameters(as_of, focus, previous_as_of)
    engine = engines.choose()
    with staging.exclusive_build(paths.REPORTS):
        staging.clean_leftovers(paths.REPORTS)
        datacheck.check(edition)
        destination = editions.target(editions.Edition.of(edition), paths.SITE)
        plan = freshness.plan(
            registry.notebooks(), edition.for_papermill(), paths.EXECUTED, force=force
        )
        if not any(item.run for item in plan) and _render_is_current(
            edition, engine, paths.EXECUTED, destination
        ):
            _print_summary(console, [], [_reused(item) for item in plan], destination)
            console.print(f"Nothing changed: {_shown(destination)} is up to date.", soft_wrap=True)
            return
        stage = staging.new_staging(paths.REPORTS)
        project = stage_project(stage)
        timings, outcomes = _execute(edition, plan, project, console, jobs=jobs)
        started = time.perf_counter()
        render(edition, engine, project, console, site_path=_site_path(destination))
        timings.append((f"render site and PDF ({engine.name})", time.perf_counter() - started))
        _publish(project, destination)
        shutil.rmtree(stage, ignore_errors=True)
    _print_summary(console, timings, outcomes, destination)


def execute_only(
    *,
    as_of: str | None,
    focus: str,
    console: Console,
    jobs: int = 2,
    force: bool = False,
    previous_as_of: str | None = None,
) -> None:
    """Execute the notebooks and publish reports/executed and reports/downloads (Quarto's pre-render)."""
    edition = parameters(as_of, focus, previous_as_of)
    with staging.exclusive_build(paths.REPORTS):
        staging.clean_leftovers(paths.REPORTS)
        datacheck.check(edition)
        plan = freshness.plan(
            registry.notebooks(), edition.for_papermill(), paths.EXECUTED, force=force
        )
        stage = staging.new_staging(paths.REPORTS)
        project = stage_project(stage)
        timings, outcomes = _execute(edition, plan, project, console, jobs=jobs)
        _publish(project, None)
        shutil.rmtree(stage, ignore_errors=True)
    _print_summary(console, timings, outcomes)


# What an engine reads from the project, copied into the staging folder beside the notebooks
# it executes there: the staged folder is a small project of its own, so both engines render
# it exactly as they would the project, and nothing is published until all of it succeeded.
PROJECT_FILES = [
    "_quarto.yml",
    "*.qmd",
    "*.scss",
    "scripts/*.py",
    # The typst partials `format.typst.template-partials` names (Quarto stops without one).
    "src/briefing/templates/*.typ",
]


def stage_project(stage: Path) -> Path:
    """A small copy of the project in ``stage``: its book files, its assets, an empty reports/."""
    from briefing.render import assets

    project = stage / "project"
    for pattern in PROJECT_FILES:
        for source in sorted(paths.ROOT.glob(pattern)):
            target = project / source.relative_to(paths.ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assets.write_assets(paths.ASSETS)
    shutil.copytree(paths.ASSETS, project / "assets")
    (project / "reports").mkdir(parents=True)
    return project


def _execute(
    edition: params.Parameters,
    plan: list[freshness.Planned],
    project: Path,
    console: Console,
    *,
    jobs: int,
):
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from briefing.build import execute, images

    timings: list[tuple[str, float]] = []
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[state]}"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        tasks = {
            item.source.name: progress.add_task(item.source.name, total=None, state="waiting")
            for item in plan
        }

        def on_cell(name: str, number: int, total: int) -> None:
            progress.update(
                tasks[name], total=total, completed=number - 1, state=f"cell {number}/{total}"
            )

        def on_outcome(outcome: freshness.Outcome) -> None:
            state = f"ran ({outcome.reason})" if outcome.ran else f"reused ({outcome.reason})"
            progress.update(tasks[outcome.name], total=1, completed=1, state=state)

        started = time.perf_counter()
        outcomes = execute.execute_all(
            plan,
            project / "reports" / "executed",
            edition.for_papermill(),
            jobs=jobs,
            on_cell=on_cell,
            on_outcome=on_outcome,
        )
        timings.append(("execute notebooks", time.perf_counter() - started))
    ran = [project / "reports" / "executed" / o.name for o in outcomes if o.ran]
    started = time.perf_counter()
    made = images.add_static_images(ran, cache=paths.IMAGE_CACHE)
    timings.append((f"static images ({made} drawn, one browser)", time.perf_counter() - started))
    gather_downloads(project)
    return timings, outcomes


def gather_downloads(project: Path) -> None:
    """Collect every staged notebook's CSV downloads into the staged reports/downloads/."""
    from briefing.build.execute import downloads_dir

    downloads = project / "reports" / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for executed in sorted((project / "reports" / "executed").glob("*.ipynb")):
        for csv in sorted(downloads_dir(executed).glob("*.csv")):
            shutil.copy2(csv, downloads / csv.name)


def render(
    edition: params.Parameters, engine, project: Path, console: Console, *, site_path: str = ""
) -> None:
    """Render the staged ``project`` into its reports/site, with the edition record and render key.

    ``site_path``: where the edition is published within the site ("" for its root).
    """
    from briefing.build import edition as edition_module

    description = edition_module.describe(edition)
    rendered = edition_module.for_render(edition, description, site_path=site_path)
    site = engine.render(project, rendered, console)
    edition_module.write(description, site / editions.RECORD)
    executed = project / "reports" / "executed"
    (executed / RENDER_KEY).write_text(_render_key(edition, engine, executed), encoding="utf-8")


def _site_path(destination: Path) -> str:
    """The edition's folder within the published site: "" at its root, "editions/<name>/" else."""
    relative = destination.resolve().relative_to(paths.SITE.resolve()).as_posix()
    return "" if relative == "." else relative + "/"


# The render's entry modules: the key covers them and every package module they import.
RENDER_CODE = [
    "from briefing.render import engine, fallback, quarto",
    "from briefing.build import edition",
]


def _render_key(edition: params.Parameters, engine, executed: Path) -> str:
    """Key of everything the render reads: pages, config, templates, executed notebooks, its code."""
    files = [
        *executed.glob("*.ipynb"),
        *paths.ROOT.glob("*.qmd"),
        *paths.ROOT.glob("*.scss"),
        paths.QUARTO_CONFIG,
        *(paths.PACKAGE / "templates").iterdir(),
    ]
    return keys.content_key(
        code=RENDER_CODE,
        files=files,
        parameters={
            **edition.for_papermill(),
            "commit": gitinfo.commit(paths.ROOT),
            "engine": f"{engine.name} {engine.version()}",
            "site_url": book.load(paths.ROOT).site_url,
        },
    )


def _render_is_current(
    edition: params.Parameters, engine, executed: Path, destination: Path
) -> bool:
    key_file = executed / RENDER_KEY
    built = editions.recorded(destination)
    if built is None or built != editions.Edition.of(edition) or not key_file.exists():
        return False
    return key_file.read_text(encoding="utf-8") == _render_key(edition, engine, executed)


def _publish(project: Path, destination: Path | None) -> None:
    """Swap the staged outputs in: the executed notebooks and downloads, then the site.

    A new root site takes over the archive of editions (and the edition it replaces); an
    earlier edition goes into the archive and leaves the root as it was.
    """
    staged = project / "reports"
    for new, target in (
        (staged / "executed", paths.EXECUTED),
        (staged / "downloads", paths.PUBLISHED_DOWNLOADS),
    ):
        staging.swap_in(new, target)
    if destination is None:
        return
    if destination == paths.SITE:
        editions.carry_over(staged / "site", paths.SITE)
        staging.swap_in(staged / "site", paths.SITE)
    else:
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging.swap_in(staged / "site", destination)
        editions.write_index(paths.SITE)


def _shown(path: Path) -> str:
    return path.relative_to(paths.ROOT).as_posix() if path.is_relative_to(paths.ROOT) else str(path)


def _reused(item: freshness.Planned) -> freshness.Outcome:
    return freshness.Outcome(item.source.name, False, item.reason, 0.0)


def _print_summary(
    console: Console,
    timings: list[tuple[str, float]],
    outcomes: list[freshness.Outcome],
    destination: Path | None = None,
) -> None:
    table = Table(title="Build summary")
    table.add_column("step")
    table.add_column("", justify="left")
    table.add_column("seconds", justify="right")
    for outcome in outcomes:
        verb = "ran" if outcome.ran else "reused"
        table.add_row(f"  {outcome.name}", f"{verb}: {outcome.reason}", f"{outcome.seconds:.1f}")
    for step, seconds in timings:
        table.add_row(step, "", f"{seconds:.1f}")
    table.add_row("[bold]total", "", f"[bold]{sum(s for _, s in timings):.1f}")
    console.print(table)
    if destination is not None and destination.exists():
        console.print(f"Site: {destination / 'index.html'}", soft_wrap=True)
