"""Run `briefing build` and the naive pipeline on a project copy: wall time, summary, memory."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from project_copy import copy_project

AS_OF = "2026-11-01"
FOCUS = "JP"
BRIEFING = Path(sys.executable).with_name("briefing")
EDITED_NOTEBOOK = "self_sufficiency.ipynb"
SAMPLE_SECONDS = 0.05
TIMEOUT_SECONDS = 900


@dataclass
class Measured:
    """One timed command: wall seconds, the build summary it printed, its memory."""

    seconds: float
    steps: list[dict] = field(default_factory=list)
    peak_tree_rss_mb: float | None = None
    max_process_rss_mb: float | None = None
    # Processor seconds of the command and the descendants it waited for (user and system):
    # unlike the wall time, barely changed by other work on a shared machine.
    cpu_seconds: float = 0.0
    output: dict | None = None


class BenchmarkError(RuntimeError):
    pass


def copy_env(copy: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "BRIEFING_ROOT": str(copy),
        "PYTHONPATH": str(copy / "src"),
        "COLUMNS": "200",
    }
    env.pop("BRIEFING_DOWNLOADS", None)
    env.pop("BRIEFING_READS_LOG", None)
    # The shared material sits beside the project, not beside the copy: point the copy at it,
    # so the copy builds what the project builds (the Entity List reconciliation needs it).
    shared = Path(os.environ.get("BRIEFING_SHARED", ROOT.parent / "shared"))
    if shared.is_dir():
        env["BRIEFING_SHARED"] = str(shared)
    return env


def timed(
    command: list[str],
    copy: Path,
    logs: Path,
    label: str,
    *,
    sample_memory: bool = False,
    engine: str = "fallback",
) -> Measured:
    """Run ``command`` in ``copy``; wall time, and the memory of its process tree if asked."""
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / f"{label}.out", logs / f"{label}.err"
    with out_path.open("w") as out, err_path.open("w") as err:
        started = time.perf_counter()
        env = {**copy_env(copy), "BRIEFING_ENGINE": engine}
        process = subprocess.Popen(command, cwd=copy, env=env, stdout=out, stderr=err)
        peak_tree = 0
        status = rusage = None
        while True:
            pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if sample_memory:
                peak_tree = max(peak_tree, _tree_rss(process.pid))
            if time.perf_counter() - started > TIMEOUT_SECONDS:
                process.kill()
                raise BenchmarkError(f"{label} took over {TIMEOUT_SECONDS} s; see {err_path}")
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = err_path.read_text(errors="replace")[-3000:]
        raise BenchmarkError(f"{label} failed (exit {process.returncode}):\n{tail}")
    measured = Measured(
        seconds,
        steps=build_steps(err_path.read_text(errors="replace")),
        cpu_seconds=rusage.ru_utime + rusage.ru_stime,
    )
    if sample_memory:
        measured.peak_tree_rss_mb = peak_tree / 2**20
        # wait4 gives the child's rusage: ru_maxrss (KiB on Linux) is the largest single process
        # among it and the descendants it waited for, as RUSAGE_CHILDREN would report for it alone.
        measured.max_process_rss_mb = rusage.ru_maxrss / 1024
    lines = out_path.read_text().strip().splitlines()
    if lines and lines[-1].startswith("{"):
        measured.output = json.loads(lines[-1])
    return measured


def _tree_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            pass
    return total


def build(
    copy: Path,
    logs: Path,
    label: str,
    *,
    sample_memory: bool = False,
    engine: str = "fallback",
    lang: str = "en",
) -> Measured:
    """`briefing build` on the copy with the given engine (pandoc + typst unless told), in
    English unless told (`lang="all"`: every language, as `briefing build` does by default)."""
    return timed(
        [str(BRIEFING), "build", "--as-of", AS_OF, "--focus", FOCUS, "--lang", lang],
        copy,
        logs,
        label,
        sample_memory=sample_memory,
        engine=engine,
    )


def naive(
    copy: Path,
    logs: Path,
    label: str,
    *,
    defaults: bool = False,
    keep: Path | None = None,
    one_browser: bool = False,
) -> Measured:
    """The naive pipeline on the copy (benchmarks/naive.py); ``defaults``: the notebooks run
    with no parameter, as in JupyterLab; ``keep``: a folder to keep them in as they ran;
    ``one_browser``: the images drawn in one browser, not one each (the smoke run's)."""
    command = [sys.executable, str(ROOT / "benchmarks" / "naive.py"), "--as-of", AS_OF]
    command += ["--defaults"] if defaults else []
    command += ["--keep-notebooks", str(keep)] if keep else []
    command += ["--one-browser"] if one_browser else []
    measured = timed(
        [*command, "--focus", FOCUS],
        copy,
        logs,
        label,
    )
    if measured.output is None:
        raise BenchmarkError(f"{label} printed no result")
    measured.steps = [
        {"step": step, "seconds": round(s, 2)} for step, s in measured.output["steps"].items()
    ]
    return measured


SUMMARY_ROW = re.compile(r"^│(.*)│(.*)│\s*([0-9.]+)\s*│$")


def build_steps(stderr: str) -> list[dict]:
    """The rows of the build summary that `briefing build` prints (step, note, seconds)."""
    rows = []
    for line in stderr.splitlines():
        match = SUMMARY_ROW.match(line.strip())
        if match:
            step, note, seconds = (part.strip() for part in match.groups())
            rows.append({"step": step, "note": note, "seconds": float(seconds)})
    return rows


def fresh_copy(workdir: Path, name: str) -> Path:
    return copy_project(workdir / name)


def edit_one_notebook(copy: Path) -> None:
    """Add a harmless statement to the last code cell of one notebook, after its `#|` options."""
    path = copy / "notebooks" / EDITED_NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    cell = [c for c in nb.cells if c.cell_type == "code"][-1]
    lines = cell.source.splitlines()
    options = 0
    while options < len(lines) and lines[options].startswith("#|"):
        options += 1
    # Inserted before the cell's code, not after it: the last expression's display stays as it was.
    lines.insert(options, "_benchmark_edit = True")
    cell.source = "\n".join(lines)
    nbformat.write(nb, path)
