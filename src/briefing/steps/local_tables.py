"""Local tables: declared in the data package, made on each machine and never committed.

A local table copies a source whose terms keep a per-entry copy out of the repository (today
the Entity List entries under China, which a reader looks up by name). A fresh clone has none,
so the build makes each absent one wherever its source is at hand, before it checks the tables,
and says so; where the source is not at hand it says how to get it, and the page that reads
the table says where else to look. A table already made is left as it is: `briefing derive`
remakes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from briefing import paths


@dataclass(frozen=True)
class Maker:
    """How one local table is made: its source, and what writes it from that source."""

    # The source chosen (a value with its ``path``, which may be absent) and what writes the
    # table from that same choice: (source, table's CSV) -> the table and its record.
    source: Callable[[], Any]
    make: Callable[[Any, Path], list[Path]]
    how_to_get: str  # what to do when the source is absent


def _entity_list_snapshot():
    # Imported here, as below: a build whose local tables are made never loads pandas for them.
    from briefing.steps import entity_list_sources

    return entity_list_sources.choose()


def _make_china_entries(snapshot, table: Path) -> list[Path]:
    # The list chosen once, with why it was chosen: its record says so.
    from briefing.steps import entity_list

    return entity_list.make_china_entries(snapshot, derived=table.parent)


MAKERS = {
    "entity_list_china_entries": Maker(
        source=_entity_list_snapshot,
        make=_make_china_entries,
        how_to_get=(
            "run `briefing fetch` (the official list, from the eCFR), or put the shared folder "
            "beside the project (../shared) or set BRIEFING_SHARED, then build again"
        ),
    ),
}


def make_absent(console: Console, datapackage: Path = paths.DATAPACKAGE) -> list[Path]:
    """Make every declared local table that is absent here and whose source is at hand; say
    what was made, in how long, and what could not be. Returns the paths written."""
    from briefing.data import package  # as the check does: `briefing publish` never loads it

    written = []
    for name, maker in MAKERS.items():
        declared = package.table(name, datapackage)
        if declared.present:
            continue
        chosen = maker.source()
        source = chosen.path  # a file, or a CSL snapshot's folder
        if not source.exists():
            console.print(
                f"Local table {name} not made: its source {source} is not here; "
                f"{maker.how_to_get}. The page that shows it says where else to look.",
                soft_wrap=True,
            )
            continue
        started = time.perf_counter()
        made = maker.make(chosen, declared.path)
        rows = len(made[0].read_text(encoding="utf-8").splitlines()) - 1  # less the header
        console.print(
            f"Made the local table {_shown(made[0])} ({rows:,} rows, never committed) from "
            f"{source} in {time.perf_counter() - started:.1f} s",
            soft_wrap=True,
        )
        written += made
    return written


def _shown(path: Path) -> str:
    return path.relative_to(paths.ROOT).as_posix() if path.is_relative_to(paths.ROOT) else str(path)
