"""What a build tells its user: each notebook's progress while it runs, then a summary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.table import Table

from briefing.book.plan import Outcome, Planned


@contextmanager
def progress(console: Console, plan: list[Planned]) -> Iterator[tuple]:
    """A progress bar per notebook; yields the callbacks (on_cell, on_outcome) that move them."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[state]}"),
        TimeElapsedColumn(),
        console=console,
    ) as bars:
        tasks = {item.name: bars.add_task(item.name, total=None, state="waiting") for item in plan}

        def on_cell(name: str, number: int, total: int) -> None:
            bars.update(
                tasks[name], total=total, completed=number - 1, state=f"cell {number}/{total}"
            )

        def on_outcome(outcome: Outcome) -> None:
            state = f"ran ({outcome.reason})" if outcome.ran else f"reused ({outcome.reason})"
            bars.update(tasks[outcome.name], total=1, completed=1, state=state)

        yield on_cell, on_outcome


def summary(
    console: Console,
    timings: list[tuple[str, float]],
    outcomes: list[Outcome],
    site: Path | None = None,
) -> None:
    """Each notebook (ran or reused, and why), each step's time, and where the site is."""
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
    if site is not None and site.exists():
        console.print(f"Site: {site / 'index.html'}", soft_wrap=True)
