"""The `briefing` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from briefing.errors import BriefingError

app = typer.Typer(
    help="Build, check and refresh the tech-controls briefing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)

AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Edition date YYYY-MM-DD (default: today).")
]
Focus = Annotated[
    str, typer.Option("--focus", help="ISO 3166-1 alpha-2 jurisdiction to highlight.")
]

PreviousAsOf = Annotated[
    str | None,
    typer.Option(
        "--previous-as-of",
        help="Date of the previous edition, for what changed since (default: the latest "
        "edition built before --as-of with the same focus; none: a first edition).",
    ),
]

Jobs = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Notebooks executed at the same time.")
]
Force = Annotated[
    bool, typer.Option("--force", help="Run every notebook, even those whose inputs are unchanged.")
]


@app.command()
def build(
    as_of: AsOf = None,
    focus: Focus = "JP",
    previous_as_of: PreviousAsOf = None,
    jobs: Jobs = 2,
    force: Force = False,
) -> None:
    """Execute the notebooks that changed (papermill), then render the site and the PDF."""
    from briefing.build import pipeline as build_module

    build_module.run(
        as_of=as_of,
        focus=focus,
        console=console,
        jobs=jobs,
        force=force,
        previous_as_of=previous_as_of,
    )


@app.command()
def execute(
    as_of: AsOf = None,
    focus: Focus = "JP",
    previous_as_of: PreviousAsOf = None,
    jobs: Jobs = 2,
    force: Force = False,
) -> None:
    """Execute the notebooks only, into reports/executed (no render)."""
    from briefing.build import pipeline as build_module

    build_module.execute_only(
        as_of=as_of,
        focus=focus,
        console=console,
        jobs=jobs,
        force=force,
        previous_as_of=previous_as_of,
    )


@app.command("quarto-pre-render", hidden=True)
def quarto_pre_render(
    as_of: AsOf = None,
    focus: Focus = "JP",
    previous_as_of: PreviousAsOf = None,
    reuse: Annotated[
        bool, typer.Option(help="Reuse executed notebooks when they exist (a partial render).")
    ] = False,
) -> None:
    """Quarto's pre-render (scripts/prerender.py): checks, notebooks, the edition's files."""
    from briefing.build import quarto_hooks

    quarto_hooks.pre_render(
        as_of=as_of, focus=focus, reuse=reuse, console=console, previous_as_of=previous_as_of
    )


@app.command("quarto-post-render", hidden=True)
def quarto_post_render() -> None:
    """Quarto's post-render (scripts/postrender.py): correct the pages, publish reports/site."""
    from briefing.build import quarto_hooks

    published = quarto_hooks.post_render()
    console.print(f"Published {published} into reports/site", soft_wrap=True)


@app.command()
def fetch() -> None:
    """Download the current Consolidated Screening List and the Federal Register's Entity List rules."""
    from briefing.steps import fetch as fetch_module

    fetch_module.run(console=console)


@app.command("import-csl")
def import_csl(
    path: Annotated[Path, typer.Argument(help="A Consolidated Screening List file (CSV or JSON).")],
) -> None:
    """Import the Entity List rows of a Consolidated Screening List file downloaded by hand."""
    from briefing.steps import import_csl as csl

    csl.run(path, console=console)


@app.command()
def derive(
    snapshot: Annotated[
        Path | None,
        typer.Option(
            "--snapshot",
            help="The Entity List parse (default: ../shared/data/entity-list/bis_entity_list.json).",
        ),
    ] = None,
) -> None:
    """Recompute the derived Entity List tables (by year, reconciliation) from the snapshot."""
    from briefing.steps import entity_list

    entity_list.run(console=console, snapshot=snapshot)


@app.command()
def publish(
    remote: Annotated[
        str, typer.Option(help="Git remote (name or URL) to push the gh-pages branch to.")
    ] = "origin",
    push: Annotated[
        bool, typer.Option(help="Push after committing to the local gh-pages branch.")
    ] = True,
) -> None:
    """Publish the built site (PDF included) to the gh-pages branch."""
    from briefing import publish as publish_module

    publish_module.run(remote=remote, push=push, console=console)


def main(argv: list[str] | None = None) -> None:
    """Entry point that turns the project's errors into one clear line and a non-zero exit."""
    try:
        app(args=argv)
    except BriefingError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
