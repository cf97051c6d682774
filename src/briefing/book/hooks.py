"""What a bare `quarto render` runs around its own render: slices of the build's pipeline.

Before (pre-render): the parameters from the environment, then the pipeline's check, plan,
execute, images and swap, which publish reports/executed and reports/downloads for Quarto to
embed, and the edition's files for its title page. After (post-render): the pages Quarto wrote
into its output folder, corrected, take the place of the render step; record and swap publish
them into reports/site in one step, so a failure anywhere before leaves the last good site as
it was.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from rich.console import Console

from briefing import params, translation
from briefing.book import config, editions, pipeline, quarto_output
from briefing.book import edition as edition_record
from briefing.book.engines import quarto
from briefing.book.project import Project, language_folder

# The parameters of a bare `quarto render`, which has no command line of ours.
AS_OF, FOCUS, PREVIOUS_AS_OF = "BRIEFING_AS_OF", "BRIEFING_FOCUS", "BRIEFING_PREVIOUS_AS_OF"


def language(environ: Mapping[str, str]) -> str:
    """The language of the edition Quarto renders: its active profile's (QUARTO_PROFILE, which
    Quarto sets for the hooks: "ja" under `--profile ja`), else English."""
    active = [name.strip() for name in environ.get("QUARTO_PROFILE", "").split(",")]
    return next((name for name in active if name in translation.LANGUAGES), translation.SOURCE)


def pre_render(project: Project, environ: Mapping[str, str], console: Console) -> None:
    """Check and execute (a partial render reuses the executed notebooks where there are some).

    Then the edition's files Quarto reads: its metadata, the blocks before the body, the record.
    """
    edition = params.parse(
        environ.get(AS_OF),
        environ.get(FOCUS) or params.DEFAULT_FOCUS,
        environ.get(PREVIOUS_AS_OF),
        language(environ),
    )
    render_all = environ.get("QUARTO_PROJECT_RENDER_ALL") == "1"
    folders = [project.executed / language_folder(lang) for lang in project.languages]
    if render_all or not all(any(folder.glob("*.ipynb")) for folder in folders):
        # Every language: Quarto reads each language's notebooks for either edition.
        pipeline.execute_only(project, edition, console, languages=project.languages)
    # A partial render may find only some notebooks executed: the record keeps their numbers.
    executed = [project.executed / notebook.name for notebook in project.notebooks]
    executed = [path for path in executed if path.is_file()]
    description = edition_record.describe(edition, project.root, executed)
    folder = language_folder(edition.language)
    rendered = edition_record.for_render(
        edition, description, project.root, site_path=f"{folder}/" if folder else ""
    )
    quarto.write_edition_files(project.root, rendered)
    edition_record.write(description, project.root / quarto.RECORD)


def post_render(project: Project, environ: Mapping[str, str], console: Console) -> str:
    """Correct and publish what Quarto rendered; returns what was published, in words."""
    lang = language(environ)
    output_dir = Path(
        environ.get("QUARTO_PROJECT_OUTPUT_DIR") or quarto.output_dir(project.root, lang)
    )
    if not output_dir.is_absolute():
        output_dir = project.root / output_dir
    decision = quarto_output.publication(
        _output_files(environ),
        project_dir=project.root,
        output_dir=output_dir,
        render_all=environ.get("QUARTO_PROJECT_RENDER_ALL") == "1",
        book_outputs=[config.load(project.root, lang).pdf_name],
    )
    if decision is None:
        return "nothing (a partial render)"
    quarto.finish_site(output_dir, project.root.resolve(), lang)
    build = pipeline.Build(project, edition=None, console=console)

    def adopt(build: pipeline.Build) -> None:
        """In the place of the render step: Quarto's pages as the staged site."""
        if language_folder(lang):
            _adopt_language(build, output_dir, decision, language_folder(lang))
        else:
            _adopt(build, output_dir, decision)

    pipeline.run(build, (adopt, pipeline.record, pipeline.swap))
    return "the site" if decision.replace_site else ", ".join(decision.copy)


def _adopt(build: pipeline.Build, output_dir: Path, decision) -> None:
    project, site = build.project, build.staged.site
    if decision.replace_site:
        shutil.copytree(output_dir, site)
        kept = [name for name in decision.keep if (project.site / name).is_file()]
        record = project.root / quarto.RECORD
        if record.is_file():
            build.description = json.loads(record.read_text(encoding="utf-8"))
        # The other languages' pages stay while they are this edition's (`--profile ja`
        # renders them after, or before, the English).
        if editions.recorded(project.site) == editions.recorded(record.parent):
            for lang in project.languages:
                folder = language_folder(lang)
                if folder and (project.site / folder).is_dir():
                    shutil.copytree(project.site / folder, site / folder, symlinks=True)
    else:
        # A render of one format replaces its files in a copy of the current site.
        if project.site.is_dir():
            shutil.copytree(project.site, site, symlinks=True)
        site.mkdir(parents=True, exist_ok=True)
        kept = []
        for name in decision.copy:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(output_dir / name, site / name)
    for name in kept:
        shutil.copy2(project.site / name, site / name)


def _adopt_language(build: pipeline.Build, output_dir: Path, decision, folder: str) -> None:
    """Another language's edition (Quarto's `--profile ja`) in its folder of a copy of the
    current site: the English pages and the archive as they were."""
    project, site = build.project, build.staged.site
    if project.site.is_dir():
        shutil.copytree(project.site, site, symlinks=True)
    target = site / folder
    if decision.replace_site:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(output_dir, target)
    else:
        for name in decision.copy:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(output_dir / name, target / name)


def _output_files(environ: Mapping[str, str]) -> str:
    # A user may have Quarto write the list into a file instead (QUARTO_USE_FILE_FOR_...).
    listed = environ.get("QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES")
    if listed and Path(listed).is_file():
        return Path(listed).read_text(encoding="utf-8")
    return environ.get("QUARTO_PROJECT_OUTPUT_FILES", "")


def main(hook: str, project: Project, console: Console) -> None:
    """Run Quarto's ``hook`` ("pre-render" or "post-render") on ``project``, one-line errors."""
    from briefing.errors import reported

    if hook == "pre-render":
        reported(lambda: pre_render(project, os.environ, console), console)
    else:
        published = reported(lambda: post_render(project, os.environ, console), console)
        console.print(f"Published {published} into reports/site", soft_wrap=True)
