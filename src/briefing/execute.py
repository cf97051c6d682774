"""Execute the source notebooks with papermill into reports/executed/ (never in place)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError

from . import paths
from .errors import NotebookError
from .params import Parameters

ENGINE = "briefing"
KERNEL = "briefing"

# Called as (notebook name, cell number, cell count) when a cell starts.
CellCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Executed:
    source: Path
    output: Path
    seconds: float


class ProgressEngine(NBClientEngine):
    """papermill's nbclient engine, reporting each cell as it starts."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, on_cell: CellCallback | None = None, **kwargs):
        if on_cell is not None:
            name = Path(nb_man.nb.metadata.papermill.get("input_path") or "notebook").name
            total = len(nb_man.nb.cells)
            original = nb_man.cell_start

            def cell_start(cell, cell_index=None, **kw):
                on_cell(name, (cell_index or 0) + 1, total)
                return original(cell, cell_index, **kw)

            nb_man.cell_start = cell_start
        return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)


papermill_engines.register(ENGINE, ProgressEngine)


def source_notebooks(notebooks_dir: Path = paths.NOTEBOOKS) -> list[Path]:
    """The source notebooks, in chapter order (their names start with a number)."""
    return sorted(notebooks_dir.glob("*.ipynb"))


def execute_notebook(
    source: Path,
    output: Path,
    parameters: Parameters,
    *,
    on_cell: CellCallback | None = None,
    cwd: Path = paths.ROOT,
) -> Executed:
    """Run one notebook; on failure raise NotebookError naming the cell, with the evidence saved."""
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(source),
            str(output),
            parameters=parameters.for_papermill(),
            engine_name=ENGINE,
            kernel_name=KERNEL,
            progress_bar=False,
            cwd=str(cwd),
            on_cell=on_cell,
        )
    except PapermillExecutionError as exc:
        raise NotebookError(
            f"{source.name} failed in cell {exc.exec_count or exc.cell_index + 1} "
            f"(cell index {exc.cell_index}): {exc.ename}: {exc.evalue}. "
            f"The executed notebook showing the failure is {output}"
        ) from None
    return Executed(source, output, time.perf_counter() - started)


def copy_plotly_js(assets_dir: Path = paths.ASSETS) -> Path:
    """One local copy of plotly.js for every page (no CDN)."""
    import plotly

    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    target = assets_dir / "plotly.min.js"
    assets_dir.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != bundled.read_bytes():
        shutil.copyfile(bundled, target)
    return target


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)
