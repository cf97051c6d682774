"""One exception tree for everything the briefing reports to its user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class BriefingError(Exception):
    """Base class: an error the command line shows as one clear message, without a traceback."""


def reported(action: Callable[[], T], console) -> T:
    """Run ``action``; the project's errors become one line on ``console`` (a rich Console)
    and a non-zero exit, without a traceback."""
    try:
        return action()
    except BriefingError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None


class ParameterError(BriefingError):
    """A build parameter (as_of, focus, or an unknown name) is invalid."""


class DataError(BriefingError):
    """A data file breaks its schema; names the file, row, field, value and the rule broken."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        row: int | None = None,
        field: str | None = None,
        value: object = None,
        rule: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.row = row
        self.field = field
        self.value = value
        self.rule = rule
        where = [str(self.path)]
        if row is not None:
            where.append(f"row {row}")
        if field is not None:
            where.append(f"field '{field}'")
        text = ", ".join(where) + f": {message}"
        if value is not None:
            text += f" (value {value!r})"
        if rule:
            text += f" [rule: {rule}]"
        super().__init__(text)


class LocalTableMissing(DataError):
    """A local table (made on each machine, never committed) has not been made here."""


class NotebookError(BriefingError):
    """A notebook raised while executing; names the notebook, the cell and the saved evidence."""


class RenderError(BriefingError):
    """The renderer (Quarto, pandoc or typst) failed."""


class BuildLockedError(BriefingError):
    """Another build holds the build lock."""


class SnapshotError(BriefingError):
    """A raw snapshot cannot be stored (nothing to store, too many on one day) or read."""


class OfflineError(BriefingError):
    """A source could not be reached; nothing was changed."""


class PublishError(BriefingError):
    """Publishing the site to the gh-pages branch failed."""
