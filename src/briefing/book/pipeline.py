"""`briefing build`, `briefing execute` and Quarto's pre- and post-render: one pipeline.

STEPS is the work in its order: check → plan → execute → images → render → record → swap.
Each command runs a slice of it (BUILD, EXECUTE, or the hooks' slices) inside one envelope,
`run`: under the build lock, after removing what a killed build left, in a staging folder whose
outputs `swap` publishes only when every step before it succeeded, so a failure anywhere leaves
the published briefing as it was. Heavy modules are imported by the steps that need them: a
build with nothing to do returns at once.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from briefing import paths
from briefing.book import editions, gitinfo, keys, languages, report
from briefing.book import plan as freshness
from briefing.book import stage as staging
from briefing.book.project import Project, language_folder, language_of
from briefing.params import Parameters

RENDER_KEY = ".render-key"


@dataclass
class Build:
    """One run of the pipeline: what it is asked for, then what its steps find and make."""

    project: Project
    edition: Parameters | None  # None: a slice that only publishes (Quarto's post-render)
    console: Console
    jobs: int = 2
    force: bool = False
    # The languages of the edition to build (English first: its site is the root of the others').
    languages: tuple[str, ...] = ("en",)
    engine: object | None = None  # the engine that renders (None: this slice renders nothing)
    plan: list[freshness.Planned] = field(default_factory=list)
    staging: Path | None = None
    destination: Path | None = None  # where the site goes within project.site
    description: dict | None = None  # the edition record (edition.json)
    timings: list[tuple[str, float]] = field(default_factory=list)
    outcomes: list[freshness.Outcome] = field(default_factory=list)
    up_to_date: bool = False  # nothing changed: the remaining steps have nothing to do

    def __post_init__(self) -> None:
        # Only the languages the book has: a book without a Japanese profile builds in English.
        self.languages = tuple(lang for lang in self.languages if lang in self.project.languages)

    @property
    def staged(self) -> Project:
        """The staged copy of the project, a small project of its own that the engines render."""
        return self.project.staged(self.staging)

    def in_language(self, language: str) -> Parameters:
        """The edition's parameters for its edition in ``language``."""
        return dataclasses.replace(self.edition, language=language)


Step = Callable[[Build], None]


def check(build: Build) -> None:
    """The absent local tables made where their source is at hand, then every table valid,
    and the edition's date within the data."""
    from briefing.data import check as datacheck

    project = build.project
    started = time.perf_counter()
    if project.prepare is not None and project.prepare(build.console):
        build.timings.append(("make the absent local tables", time.perf_counter() - started))
    datacheck.check(build.edition, reports=project.reports, datapackage=project.datapackage)


def plan(build: Build) -> None:
    """Which notebooks must run; whether anything at all must be done."""
    project = build.project
    build.plan = []
    # An engine that reads every language's notebooks for each edition (Quarto) has them all run.
    every = build.engine is not None and getattr(build.engine, "embeds_every_language", False)
    for language in project.languages if every else build.languages:
        folder = language_folder(language)
        build.plan += freshness.plan(
            list(project.notebooks),
            build.in_language(language).for_papermill(),
            project.executed / folder,
            project.root,
            package_dir=project.package,
            force=build.force,
            folder=folder,
        )
    if build.engine is not None:
        build.destination = editions.target(editions.Edition.of(build.edition), project.site)
    build.up_to_date = not any(item.run for item in build.plan) and (
        build.engine is None or _render_is_current(build)
    )
    if build.up_to_date:
        build.outcomes = [freshness.Outcome(i.name, False, i.reason, 0.0) for i in build.plan]


def execute(build: Build) -> None:
    """Run what changed and copy what did not, into the staged project's reports/executed."""
    from briefing.book import execute as executing

    staged = stage_project(build.project, build.staging)
    started = time.perf_counter()
    with report.progress(build.console, build.plan) as (on_cell, on_outcome):
        build.outcomes = executing.execute_all(
            build.plan,
            build.project,
            staged.executed,
            jobs=build.jobs,
            on_cell=on_cell,
            on_outcome=on_outcome,
        )
    build.timings.append(("execute notebooks", time.perf_counter() - started))


def images(build: Build) -> None:
    """A PNG beside every chart the notebooks that ran drew; their CSV downloads gathered."""
    from briefing.book import images as drawing

    staged = build.staged
    by_language: dict[str, list[Path]] = {}
    for outcome in build.outcomes:
        if outcome.ran:
            by_language.setdefault(language_of(outcome.name), []).append(
                staged.executed / outcome.name
            )
    started = time.perf_counter()
    made = drawing.add_static_images_side_by_side(
        list(by_language.values()), cache=build.project.image_cache
    )
    browsers = "one browser" if len(by_language) < 2 else f"{len(by_language)} browsers"
    build.timings.append(
        (f"static images ({made} drawn, {browsers})", time.perf_counter() - started)
    )
    gather_downloads(staged)


def render(build: Build) -> None:
    """The staged project rendered by the engine into its reports/site: English at its root,
    each other language in its folder."""
    from briefing.book import edition as edition_record

    started = time.perf_counter()
    root = build.project.root
    executed = [build.staged.executed / notebook.name for notebook in build.project.notebooks]
    build.description = edition_record.describe(build.edition, root, executed)
    site_path = editions.site_path(build.destination, build.project.site)

    def render_in(language: str) -> None:
        # The Japanese edition is published in its folder: its PDF's links resolve there.
        folder = language_folder(language)
        rendered = edition_record.for_render(
            build.in_language(language),
            build.description,
            root,
            site_path=f"{site_path}{folder}/" if folder else site_path,
        )
        build.engine.render(build.staged.root, rendered, build.console)

    if getattr(build.engine, "renders_languages_at_once", False):
        with ThreadPoolExecutor(max_workers=len(build.languages)) as pool:
            list(pool.map(render_in, build.languages))
    else:
        for language in build.languages:
            render_in(language)
    name = f"render site and PDF ({build.engine.name})"
    build.timings.append((name, time.perf_counter() - started))


def record(build: Build) -> None:
    """The staged site's pages linked to their counterparts in its other languages; the edition
    record in it; the render's key beside the staged notebooks."""
    from briefing.book import edition as edition_record

    staged = build.staged
    if staged.site.is_dir():
        languages.link_site(staged.site)
    if build.description is not None and staged.site.is_dir():
        edition_record.write(build.description, staged.site / editions.RECORD)
    if build.engine is not None and staged.executed.is_dir():
        key = _render_key(build, staged.executed)
        (staged.executed / RENDER_KEY).write_text(key, encoding="utf-8")


def swap(build: Build) -> None:
    """Publish what the stage holds: the executed notebooks and downloads, then the site.

    A new root site takes over the archive of editions (and the edition it replaces); an
    earlier edition is filed in the archive of a copy of the current site. Either way the
    whole site is swapped in at once.
    """
    staged, project = build.staged, build.project
    for new, published in (
        (staged.executed, project.executed),
        (staged.downloads, project.downloads),
    ):
        if new.is_dir():
            staging.swap_in(new, published)
    if not staged.site.is_dir():
        return
    site = staged.site
    destination = build.destination or project.site
    if destination == project.site:
        editions.carry_over(site, project.site)
    else:
        site = build.staging / "site"
        editions.file_under_archive(staged.site, project.site, destination.name, site)
    staging.swap_in(site, project.site)


STEPS: tuple[Step, ...] = (check, plan, execute, images, render, record, swap)
BUILD = STEPS
EXECUTE = (check, plan, execute, images, swap)


def run(build: Build, steps: Sequence[Step]) -> None:
    """The envelope of every slice: lock, clean up, stage, run ``steps`` in order, clean up.

    ``steps`` keep the order of STEPS (a hook may put its own step in the place of one).
    """
    project = build.project
    with staging.exclusive_build(project.reports):
        staging.clean_leftovers(project.reports)
        build.staging = staging.new_staging(project.reports)
        try:
            for step in steps:
                step(build)
                if build.up_to_date:
                    break
        finally:
            shutil.rmtree(build.staging, ignore_errors=True)


def build_all(
    project: Project,
    edition: Parameters,
    console: Console,
    *,
    jobs: int = 2,
    force: bool = False,
    languages: Sequence[str] = ("en",),
) -> None:
    """`briefing build`: execute what changed and render the whole briefing, in each of
    ``languages``, with the engine at hand."""
    from briefing.book.engines import registry

    build = Build(
        project,
        edition,
        console,
        jobs=jobs,
        force=force,
        engine=registry.choose(),
        languages=tuple(languages),
    )
    run(build, BUILD)
    report.summary(console, build.timings, build.outcomes, build.destination)
    if build.up_to_date:
        shown = project.shown(build.destination)
        console.print(f"Nothing changed: {shown} is up to date.", soft_wrap=True)


def execute_only(
    project: Project,
    edition: Parameters,
    console: Console,
    *,
    jobs: int = 2,
    force: bool = False,
    languages: Sequence[str] = ("en",),
) -> None:
    """`briefing execute` (and Quarto's pre-render): the notebooks, into reports/executed
    (each language other than English in its folder there)."""
    build = Build(project, edition, console, jobs=jobs, force=force, languages=tuple(languages))
    run(build, EXECUTE)
    report.summary(console, build.timings, build.outcomes)


def stage_project(project: Project, stage: Path) -> Project:
    """A small copy of ``project`` in ``stage``: its book files, its assets, an empty reports/."""
    from briefing.book import assets

    staged = project.staged(stage)
    for source in project.book_files():
        target = staged.root / source.relative_to(project.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    assets.write_assets(project.assets)
    shutil.copytree(project.assets, staged.assets)
    staged.reports.mkdir(parents=True)
    return staged


def gather_downloads(project: Project) -> None:
    """Collect every executed notebook's CSV downloads into the project's reports/downloads/."""
    from briefing.book.execute import downloads_dir

    project.downloads.mkdir(parents=True, exist_ok=True)
    for executed in sorted(project.executed.glob("*.ipynb")):
        for csv in sorted(downloads_dir(executed).glob("*.csv")):
            shutil.copy2(csv, project.downloads / csv.name)


# The render's entry modules: the key covers them and every package module they import.
RENDER_CODE = [
    "from briefing.book.engines import registry, fallback, quarto",
    "from briefing.book import edition",
]


def _render_key(build: Build, executed: Path) -> str:
    """Key of everything the render reads: pages, config, templates, executed notebooks, its code."""
    from briefing.book import config

    project = build.project
    files = [
        *executed.rglob("*.ipynb"),
        *project.root.glob("*.qmd"),
        *project.root.glob("ja/*.qmd"),
        *project.root.glob("_quarto-*.yml"),
        *project.root.glob("*.scss"),
        project.quarto_config,
        *(paths.PACKAGE / "templates").iterdir(),
        # The words the page design, the cover and the references say in each language.
        *(paths.PACKAGE / "locale").glob("*/LC_MESSAGES/*.po"),
    ]
    return keys.content_key(
        code=RENDER_CODE,
        files=files,
        parameters={
            **build.edition.for_papermill(),
            "languages": ",".join(build.languages),
            "commit": gitinfo.commit(project.root),
            "engine": f"{build.engine.name} {build.engine.version()}",
            "site_url": config.load(project.root).site_url,
        },
    )


def _render_is_current(build: Build) -> bool:
    key_file = build.project.executed / RENDER_KEY
    built = editions.recorded(build.destination)
    if built != editions.Edition.of(build.edition) or not key_file.exists():
        return False
    return key_file.read_text(encoding="utf-8") == _render_key(build, build.project.executed)
