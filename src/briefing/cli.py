"""The `briefing` command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from briefing.errors import reported

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
        help="Date of the previous edition, for what changed since (default: the last day "
        "of the calendar quarter before the one holding --as-of, as the briefing is rebuilt "
        "quarterly; 'none': a first edition).",
    ),
]

Jobs = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Notebooks executed at the same time.")
]
Force = Annotated[
    bool, typer.Option("--force", help="Run every notebook, even those whose inputs are unchanged.")
]
Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        help="The edition's language: 'en' (the site's root), 'ja' (its ja/ folder) or 'all'.",
    ),
]


def languages(choice: str) -> tuple[str, ...]:
    """The languages ``--lang`` asks for, English first ('all': every language)."""
    from briefing import translation
    from briefing.errors import ParameterError

    if choice.strip().lower() == "all":
        return translation.LANGUAGES
    try:
        return (translation.check(choice),)
    except translation.LanguageError as exc:
        raise ParameterError(f"--lang: {exc}, or all") from None


def project():
    """The briefing as the book machinery builds it: the root, the registry's notebooks, and
    what makes its absent local tables before the check."""
    from briefing import paths
    from briefing.book.project import Project
    from briefing.chapters import registry
    from briefing.steps import local_tables

    return Project(paths.ROOT, tuple(registry.notebooks()), prepare=local_tables.make_absent)


def _notebooks_command(render: bool, doc: str):
    """`briefing build` (render=True) or `briefing execute`: the same options, one pipeline."""

    def command(
        as_of: AsOf = None,
        focus: Focus = "JP",
        previous_as_of: PreviousAsOf = None,
        jobs: Jobs = 2,
        force: Force = False,
        lang: Lang = "all",
    ) -> None:
        from briefing import params
        from briefing.book import pipeline

        edition = params.parse(as_of, focus, previous_as_of)
        run = pipeline.build_all if render else pipeline.execute_only
        run(project(), edition, console, jobs=jobs, force=force, languages=languages(lang))

    command.__doc__ = doc
    return command


app.command("build")(
    _notebooks_command(
        True, "Execute the notebooks that changed (papermill), then render the site and the PDF."
    )
)
app.command("execute")(
    _notebooks_command(False, "Execute the notebooks only, into reports/executed (no render).")
)


@app.command("quarto-hook", hidden=True)
def quarto_hook(
    hook: Annotated[str, typer.Argument(help="pre-render or post-render")],
) -> None:
    """Quarto's pre- and post-render (scripts/): parameters from BRIEFING_AS_OF, BRIEFING_FOCUS
    and BRIEFING_PREVIOUS_AS_OF."""
    from briefing.book import hooks

    hooks.main(hook, project(), console)


@app.command()
def fetch() -> None:
    """Download the Entity List from the eCFR, the Consolidated Screening List and the Federal
    Register's Entity List rules into new raw snapshots."""
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
            help="The Entity List to read: the eCFR's XML or the shared parse's JSON (default: "
            "the newest snapshot in data/raw/ecfr/, else "
            "../shared/data/entity-list/bis_entity_list.json).",
        ),
    ] = None,
) -> None:
    """Recompute the derived Entity List tables from the newest official snapshot (the eCFR),
    else the shared parse, saying which in their provenance records."""
    from briefing.steps import entity_list

    entity_list.run(console=console, snapshot=snapshot)


@app.command()
def changes(
    since: Annotated[
        str | None,
        typer.Option("--since", help="From this day YYYY-MM-DD (default: 7 days before --as-of)."),
    ] = None,
    as_of: AsOf = None,
    focus: Focus = "JP",
) -> None:
    """What changed in the data, as Markdown on stdout: new measures, status changes,
    corrections, and the rows of the derived tables remade since the last commit."""
    import datetime as dt
    import sys

    from briefing import params
    from briefing.errors import ParameterError
    from briefing.steps import what_changed

    day = params.parse_as_of(as_of, today=dt.date.today())
    # Checked as the previous edition's date is: a day before as_of.
    edition = params.parse(day, focus, since or day - dt.timedelta(days=7))
    if edition.previous_as_of is None:
        raise ParameterError(f"--since {since!r}: changes are counted from a day YYYY-MM-DD")
    sys.stdout.write(what_changed.markdown(edition.previous_as_of, day, edition.focus))


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
    from briefing.book import publish as publish_module

    where = project()
    publish_module.run(
        remote=remote,
        push=push,
        console=console,
        site=where.site,
        repo=where.root,
        executed=where.executed,
    )


@app.command()
def status(
    as_of: AsOf = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option("--jurisdiction", help="Only this jurisdiction's measures (ISO2, or EU)."),
    ] = None,
    output: Annotated[
        str, typer.Option("--format", help="'table' (on screen) or 'csv' (to stdout).")
    ] = "table",
) -> None:
    """Every measure's status on a date: since, until, the next scheduled change, the source."""
    import datetime as dt
    import sys

    from rich.table import Table

    from briefing import countries, params
    from briefing.counting import status as measures
    from briefing.errors import ParameterError

    if output not in ("table", "csv"):
        raise ParameterError(f"--format {output!r} is not one of table, csv")
    day = params.parse_as_of(as_of, today=dt.date.today())
    code = jurisdiction.strip().upper() if jurisdiction else None
    if code is not None and countries.name(code) is None:
        raise ParameterError(
            f"--jurisdiction {jurisdiction!r} is not an ISO 3166-1 alpha-2 code (or EU)"
        )
    found = measures.as_text(measures.statuses(day, code))
    if output == "csv":
        found.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    table = Table(title=f"Status of the measures on {day.isoformat()}")
    shown = ["measure_table", "measure_id", "jurisdiction", "text", "since", "until"]
    for column in ["table", "measure", "where", "status", "since", "until", "next", "source"]:
        table.add_column(column, overflow="fold")
    for row in found.itertuples(index=False):
        upcoming = f"{row.next_change} {row.next_date}".strip()
        table.add_row(*(getattr(row, c) for c in shown), upcoming, row.source_publisher)
    Console().print(table)


def main(argv: list[str] | None = None) -> None:
    """Entry point that turns the project's errors into one clear line and a non-zero exit."""
    reported(lambda: app(args=argv), console)
