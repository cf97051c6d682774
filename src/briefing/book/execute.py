"""Execute the source notebooks with papermill into a staging folder (never in place).

Notebooks whose content key and data are unchanged are reused; the others run in
parallel, each notebook in its own process (papermill changes the working directory of the
process that runs it, so threads would collide), its editions in its languages one after
another in one kernel (see kernels.py).

A kernel hears from the build through two environment variables, set in it before each run:
where to log the data files it reads (`briefing.data.reads`, for the content keys) and where
to write its CSV downloads (`paths.downloads()`, the staging folder instead of the published
one). Papermill's parameters are the notebook's own (as_of, focus, previous_as_of); these two
say where a run's by-products go, which only the build knows.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

import nbformat
import papermill
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError

from briefing import cell_messages, cells, paths, translation
from briefing.book import kernels, quarto_output
from briefing.book import plan as freshness
from briefing.book.plan import Outcome
from briefing.book.project import Project
from briefing.data import reads
from briefing.errors import NotebookError

ENGINE = "briefing"
KERNEL = kernels.KERNEL

# Called as (notebook name, cell number, cell count) when a cell starts.
CellCallback = Callable[[str, int, int], None]


class ProgressEngine(NBClientEngine):
    """papermill's nbclient engine, reporting each cell as it starts; kernels run quietly.

    The notebook it returns, which papermill writes, carries no run timings in its cells'
    metadata: they would reach Quarto's pages, which would differ between identical builds.
    """

    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):
        executed = super().execute_notebook(nb, kernel_name, **kwargs)
        return nbformat.from_dict(quarto_output.clean_cell_metadata(executed))

    @classmethod
    def execute_managed_notebook(
        cls, nb_man, kernel_name, on_cell: CellCallback | None = None, **kwargs
    ):
        if on_cell is not None:
            name = Path(nb_man.nb.metadata.papermill.get("input_path") or "notebook").name
            total = len(nb_man.nb.cells)
            original = nb_man.cell_start

            def cell_start(cell, cell_index=None, **kw):
                on_cell(name, (cell_index or 0) + 1, total)
                return original(cell, cell_index, **kw)

            nb_man.cell_start = cell_start
        if kwargs.get("km") is not None:  # a shared kernel, already started (see kernels.py)
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
        # mkdtemp makes the folder private (mode 0700) and short enough for a socket path.
        with tempfile.TemporaryDirectory(prefix="briefing-kernel-") as sockets:
            options = {**kernels.kernel_options(Path(sockets)), **kwargs}
            return super().execute_managed_notebook(nb_man, kernel_name, **options)


papermill_engines.register(ENGINE, ProgressEngine)


def downloads_dir(executed: Path) -> Path:
    """Where a notebook's CSV downloads are kept beside its executed copy."""
    return executed.with_name(executed.stem + ".downloads")


def execute_all(
    plan: list[freshness.Planned],
    project: Project,
    target: Path,
    *,
    jobs: int = 2,
    on_cell: CellCallback | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Run or reuse every planned notebook of ``project`` into ``target``.

    Each runs with its planned parameters (its edition's language among them) into its
    language's folder of ``target``. Reused notebooks are copied from the project's executed
    notebooks; the first failure raises NotebookError.
    """
    target.mkdir(parents=True, exist_ok=True)
    outcomes: dict[str, Outcome] = {}
    for item in plan:
        if not item.run:
            _reuse(project.executed / item.name, target / item.name)
            outcomes[item.name] = Outcome(item.name, False, item.reason, 0.0)
            if on_outcome:
                on_outcome(outcomes[item.name])
    to_run = [item for item in plan if item.run]
    if to_run:
        runs = _run_parallel(to_run, project.root, target, jobs, on_cell, on_outcome)
        for outcome in runs:
            outcomes[outcome.name] = outcome
    return [outcomes[name] for name in sorted(outcomes)]


def execute_notebook(
    source: Path,
    output: Path,
    parameters: dict[str, str],
    *,
    cwd: Path,
    on_cell: CellCallback | None = None,
    kernel=None,
) -> float:
    """Run one notebook in ``cwd`` (its project's root); on failure raise NotebookError naming
    the cell, with the evidence saved in ``cwd``/reports/failed.

    An edition in another language runs a copy of the notebook whose captions are in it.
    ``kernel``: a started kernel's manager to run in (see kernels.shared_kernel), else a new one.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    language = parameters.get("edition_language", translation.SOURCE)
    try:
        with _in_language(source, language) as runnable:
            papermill.execute_notebook(
                str(runnable),
                str(output),
                parameters=parameters,
                engine_name=ENGINE,
                kernel_name=KERNEL,
                progress_bar=False,
                cwd=str(cwd),
                # Written once, when it ends (a failed run too, for the evidence), not after every
                # cell: each save serializes the whole notebook, charts included.
                request_save_on_cell_execute=False,
                on_cell=on_cell,
                **({"km": kernel} if kernel is not None else {}),
            )
    except PapermillExecutionError as exc:
        # Keep the evidence where the next build will not clean it away.
        # A Japanese notebook's under failed/ja/, as its executed copy is under executed/ja/.
        folder = "" if language == translation.SOURCE else language
        evidence = cwd / "reports" / "failed" / folder / source.name
        evidence.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(output, evidence)
        where = cells.describe(nbformat.read(evidence, as_version=4), exc.cell_index)
        shown = source.relative_to(cwd).as_posix() if source.is_relative_to(cwd) else source
        raise NotebookError(
            f"{source.name} failed in {where} of {shown}: "
            f"{exc.ename}: {exc.evalue}. The executed notebook showing the failure is {evidence}"
        ) from None
    return time.perf_counter() - started


@contextmanager
def _in_language(source: Path, language: str) -> Iterator[Path]:
    """``source`` itself in English; else a copy, of the same name, with translated captions."""
    if language == translation.SOURCE:
        yield source
        return
    notebook = json.loads(source.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="briefing-notebook-") as folder:
        copy = Path(folder) / source.name
        copy.write_text(
            json.dumps(cell_messages.translated(notebook, language), ensure_ascii=False),
            encoding="utf-8",
        )
        yield copy


def _reuse(previous: Path, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)  # a language's folder (executed/ja)
    shutil.copy2(previous, output)
    shutil.copy2(freshness.record_path(previous), freshness.record_path(output))
    if downloads_dir(previous).is_dir():
        shutil.copytree(downloads_dir(previous), downloads_dir(output))


def _run_parallel(to_run, root, target, jobs, on_cell, on_outcome) -> list[Outcome]:
    # fork starts a worker in milliseconds (spawn re-imports everything); the workers only
    # run papermill and report through the queue. A notebook's editions in its languages run
    # one after another in one kernel (see kernels.py): each group is one task.
    context = multiprocessing.get_context("fork")
    events = context.Manager().Queue()
    done: list[Outcome] = []
    groups = _by_notebook(to_run)
    with ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(groups))), mp_context=context
    ) as pool:
        futures = {pool.submit(_run_group, group, target, root, events): group for group in groups}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
            _drain(events, on_cell)
            for future in finished:
                if future.exception() is not None:
                    for other in pending:
                        other.cancel()
                    raise future.exception()
                for item, seconds in zip(futures[future], future.result(), strict=True):
                    outcome = Outcome(item.name, True, item.reason, seconds)
                    done.append(outcome)
                    if on_outcome:
                        on_outcome(outcome)
        _drain(events, on_cell)
    return done


def _by_notebook(to_run: list[freshness.Planned]) -> list[list[freshness.Planned]]:
    """The planned runs grouped by source notebook, each group in the plan's order of languages
    (English first), the groups in the order of their first run."""
    groups: dict[Path, list[freshness.Planned]] = {}
    for item in to_run:
        groups.setdefault(item.source, []).append(item)
    return list(groups.values())


def _run_group(group: list[freshness.Planned], target: Path, root: Path, events) -> list[float]:
    """In a worker process: run one notebook's editions in one kernel, each into ``target``
    with its own reads log and downloads folder; progress is reported under each run's name
    (its path within reports/executed).

    A later run may use what an earlier one loaded into the kernel, so its record lists the
    reads of every run before it in the group as well as its own.
    """
    seconds, reads_so_far = [], []
    with kernels.shared_kernel(root) as kernel:
        for item in group:
            output = target / item.name
            log = output.with_suffix(".reads")
            log.unlink(missing_ok=True)
            environment = {reads.ENV: str(log), paths.DOWNLOADS_ENV: str(downloads_dir(output))}
            kernels.prepare(kernel, environment)
            seconds.append(
                execute_notebook(
                    item.source,
                    output,
                    item.parameters,
                    cwd=root,
                    on_cell=lambda _, *at, name=item.name: events.put((name, *at)),
                    kernel=kernel,
                )
            )
            reads_so_far = sorted({*reads_so_far, *reads.recorded(log)})
            freshness.write_record(output, item.key, reads_so_far, root)
            log.unlink(missing_ok=True)
    return seconds


def _drain(events, on_cell) -> None:
    while True:
        try:
            event = events.get_nowait()
        except queue.Empty:
            return
        if on_cell:
            on_cell(*event)
