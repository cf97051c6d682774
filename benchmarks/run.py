"""`make bench`: time `briefing build` against a naive pipeline, and check the bars.

Every measurement runs in a fresh copy of the project under a temporary folder (as the
tests copy it), never in the project's own reports/. Each figure is the median of
``--runs`` runs; every run's time is kept in benchmarks/results.json as well.

    .venv/bin/python benchmarks/run.py            # 3 runs (about 15 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # 1 run, to try it out
    .venv/bin/python benchmarks/run.py --smoke --output /tmp/smoke.json   # 1 run at 1x, English
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic
from measure import (
    AS_OF,
    BRIEFING,
    EDITED_NOTEBOOK,
    FOCUS,
    ROOT,
    BenchmarkError,
    Measured,
    build,
    copy_env,
    edit_one_notebook,
    fresh_copy,
    naive,
)
from report import console, print_results, summarise
from sizes import site_digest, site_sizes, slowest_cells

RESULTS = ROOT / "benchmarks" / "results.json"
SCALES = (1, 10, 100)
# The smoke run (the test suite's): every measurement once, the data as it is. The synthetic
# rows of the larger scales are checked against the schemas and the codebook by unit tests
# (tests/test_bench.py) without building: a scaled build would be one more full execution.
SMOKE_SCALES = (1,)
PACKAGES = [
    "pandas",
    "plotly",
    "papermill",
    "kaleido",
    "typst",
    "pypandoc-binary",
    "itables",
    "nbclient",
    "psutil",
]


# --- The measurements ------------------------------------------------------------------------------


def one_run(
    number: int,
    workdir: Path,
    results: dict,
    *,
    scales: tuple[int, ...],
    keep: bool,
    smoke: bool = False,
    notebooks: Path | None = None,
) -> None:
    """One run of every measurement. The smoke run's naive pipeline runs the notebooks with
    their own defaults, and keeps them in ``notebooks`` for the test suite to read; it draws
    their images in one browser."""
    logs = workdir / "logs"

    console.print(f"[bold]run {number}[/]: naive pipeline")
    copy = fresh_copy(workdir, f"naive-{number}")
    # The smoke run checks that the naive pipeline completes; its figures are not the benchmark's,
    # and a browser per image would cost the test suite half a minute of its two cores.
    results["naive"].append(
        naive(copy, logs, f"naive-{number}", defaults=smoke, keep=notebooks, one_browser=smoke)
    )

    copy = fresh_copy(workdir, f"build-{number}")
    console.print(f"[bold]run {number}[/]: cold build")
    # The figures are English's (as are the smoke run's builds); every language's cold build
    # is measured beside them.
    cold = cold_build(copy, logs, f"cold-{number}", 1, sample_memory=True)
    results["cold"].append(cold)
    # The cold build is the build at 1x: a fresh copy, no rows added, the tables validated.
    results["scale_1x"].append(cold)

    if not smoke:
        # The same cold build in every language: what the Japanese edition costs (the smoke run
        # leaves it out: the suite's own build is of every language).
        console.print(f"[bold]run {number}[/]: cold build of every language")
        copy_all = fresh_copy(workdir, f"build-all-{number}")
        results["cold_all_languages"].append(
            build(copy_all, logs, f"cold-all-languages-{number}", lang="all")
        )
        shutil.rmtree(copy_all, ignore_errors=True)

    console.print(f"[bold]run {number}[/]: warm build")
    results["warm"].append(build(copy, logs, f"warm-{number}"))

    console.print(f"[bold]run {number}[/]: build after editing {EDITED_NOTEBOOK}")
    edit_one_notebook(copy)
    results["one_changed"].append(build(copy, logs, f"one-changed-{number}"))

    if quarto_installed():
        copy = fresh_copy(workdir, f"quarto-{number}")
        quarto_builds(number, copy, logs, results, cold_only=smoke)

    for factor in (f for f in scales if f != 1):
        console.print(f"[bold]run {number}[/]: cold build with {factor}x rows")
        copy = fresh_copy(workdir, f"scale-{factor}x-{number}")
        results[f"scale_{factor}x"].append(
            cold_build(copy, logs, f"scale-{factor}x-{number}", factor)
        )
    # The copies of a run take room with their reports: keep only the logs unless asked.
    for copy in workdir.iterdir():
        if copy.name != "logs" and not keep:
            shutil.rmtree(copy, ignore_errors=True)


def cold_build(
    copy: Path,
    logs: Path,
    label: str,
    factor: int,
    *,
    sample_memory: bool = False,
) -> Measured:
    """A build of a fresh copy whose tables hold ``factor`` times their rows; what it made."""
    rows = scale_copy(copy, factor)
    measured = build(copy, logs, label, sample_memory=sample_memory)
    measured.output = {
        **site_sizes(copy / "reports" / "site"),
        "rows": rows,
        "slowest_cells": slowest_cells(copy / "reports" / "executed"),
    }
    return measured


def quarto_builds(
    number: int,
    copy: Path,
    logs: Path,
    results: dict,
    *,
    cold_only: bool = False,
) -> None:
    """The cold, warm and one-changed builds again through Quarto, beside the fallback's.

    ``cold_only`` (the smoke run): the cold build alone, whose site's digest the test suite
    compares with its own Quarto build; the warm and one-changed builds go through the same
    steps as the fallback's, which the smoke run times already, and each Quarto render costs
    a minute or more on a busy machine.
    """
    console.print(f"[bold]run {number}[/]: cold build with Quarto")
    cold = build(copy, logs, f"quarto_cold-{number}", engine="quarto")
    cold.output = {"site_digest": site_digest(copy / "reports" / "site")}
    results["quarto_cold"].append(cold)
    if cold_only:
        return
    console.print(f"[bold]run {number}[/]: warm build with Quarto")
    results["quarto_warm"].append(build(copy, logs, f"quarto_warm-{number}", engine="quarto"))
    edit_one_notebook(copy)
    console.print(f"[bold]run {number}[/]: build with Quarto after editing {EDITED_NOTEBOOK}")
    results["quarto_one_changed"].append(
        build(copy, logs, f"quarto-one-changed-{number}", engine="quarto")
    )


def scale_copy(copy: Path, factor: int) -> dict:
    """Scale the copy's tables and validate each against its schema before anything is timed."""
    from briefing.data import package, tables
    from briefing.errors import DataError

    rows = synthetic.scale_project(copy, factor)
    datapackage = copy / synthetic.DATAPACKAGE
    for name in synthetic.TABLES:
        path = package.table(name, datapackage).path
        try:
            frame = tables.load(name, path=path, datapackage=datapackage)
        except DataError as exc:
            raise BenchmarkError(
                f"the synthetic rows at {factor}x break the rules: {exc}"
            ) from None
        if len(frame) != rows[name]["rows"]:
            raise BenchmarkError(
                f"{name} at {factor}x: {len(frame)} rows loaded, {rows[name]['rows']} written"
            )
    return rows


def quarto_installed() -> bool:
    from briefing.book.engines import quarto

    return quarto.available()


def environment() -> dict:
    meminfo = Path("/proc/meminfo")
    memory_kb = None
    if meminfo.exists():
        match = re.search(r"^MemTotal:\s+(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memory_kb = int(match.group(1)) if match else None
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "memory_mb": round(memory_kb / 1024) if memory_kb else None,
            "platform": platform.platform(),
            # Other work on the machine slows every figure: the load when the results were written.
            "load_average_1_5_15_min_at_end": [round(load, 2) for load in os.getloadavg()],
        },
        "python": platform.python_version(),
        "packages": versions,
        "quarto_on_path": shutil.which("quarto") is not None,
        "shared_material": "BRIEFING_SHARED" in copy_env(ROOT),
        "as_of": AS_OF,
        "focus": FOCUS,
    }


def check_ready() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("briefing")
    except NoSuchKernel:
        raise SystemExit(
            "the Jupyter kernel 'briefing' is not installed: run `make setup` first"
        ) from None
    if not BRIEFING.exists():
        raise SystemExit(f"{BRIEFING} not found: run this with the project's .venv/bin/python")
    if shutil.which("quarto"):
        # `briefing build` would render with Quarto; the naive pipeline uses the fallback renderer.
        console.print(
            "[yellow]warning:[/] quarto is on PATH: the builds render with it, the naive pipeline does not"
        )


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each measurement (the median is reported)"
    )
    parser.add_argument("--quick", action="store_true", help="one run, to try the benchmark out")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one run with the data as it is (1x): "
        "checks that every measurement works (the test suite's run)",
    )
    parser.add_argument(
        "--output", type=Path, default=RESULTS, help="where to write the results (JSON)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder: the copies and their logs"
    )
    parser.add_argument(
        "--notebooks",
        type=Path,
        help="with --smoke: keep the naive pipeline's executed notebooks (run with their "
        "defaults) in this folder",
    )
    args = parser.parse_args()
    if args.notebooks and not args.smoke:
        parser.error("--notebooks goes with --smoke")
    args.runs = 1 if args.quick or args.smoke else args.runs
    args.scales = SMOKE_SCALES if args.smoke else SCALES
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.smoke and args.output.resolve() == RESULTS:
        parser.error(f"a smoke run's figures are not the benchmark's: give --output, not {RESULTS}")
    return args


def measure(args: argparse.Namespace) -> dict[str, list[Measured]]:
    """Every measurement, ``args.runs`` times, each in fresh copies under a temporary folder."""
    workdir = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    names = ["naive", "cold", "warm", "one_changed", *(f"scale_{f}x" for f in args.scales)]
    results: dict[str, list[Measured]] = {
        name: []
        for name in (
            *names,
            "cold_all_languages",
            "quarto_cold",
            "quarto_warm",
            "quarto_one_changed",
        )
    }
    try:
        for number in range(1, args.runs + 1):
            one_run(
                number,
                workdir,
                results,
                scales=args.scales,
                keep=args.keep,
                smoke=args.smoke,
                notebooks=args.notebooks,
            )
    except BenchmarkError as exc:
        console.print(f"[bold red]benchmark failed:[/] {exc}\nLogs are in {workdir / 'logs'}")
        raise SystemExit(1) from None
    finally:
        if args.keep:
            console.print(f"Logs and copies kept in {workdir}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def main() -> None:
    args = arguments()
    check_ready()
    load_at_start = [round(load, 2) for load in os.getloadavg()]
    started = time.perf_counter()
    results = measure(args)
    summary = {
        **environment(),
        **summarise(results, args.runs, args.scales),
        "wall_seconds": round(time.perf_counter() - started, 1),
        "load_average_1_5_15_min_at_start": load_at_start,
    }
    args.output.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print_results(summary)
    console.print(f"Results written to {args.output}")


if __name__ == "__main__":
    main()
