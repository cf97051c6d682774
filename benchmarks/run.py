"""`make bench`: time `briefing build` against a naive pipeline, and check the bars.

Every measurement runs in a fresh copy of the project under a temporary folder (as the
tests copy it), never in the project's own reports/. Each figure is the median of
``--runs`` runs; every run's time is kept in benchmarks/results.json as well.

    .venv/bin/python benchmarks/run.py            # 3 runs (about 15 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # 1 run, to try it out
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import nbformat
import psutil
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic
from project_copy import copy_project

AS_OF = "2026-11-01"
FOCUS = "JP"
BRIEFING = Path(sys.executable).with_name("briefing")
RESULTS = ROOT / "benchmarks" / "results.json"
EDITED_NOTEBOOK = "self_sufficiency.ipynb"
SCALES = (1, 10, 100)
SAMPLE_SECONDS = 0.05
TIMEOUT_SECONDS = 900
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

# name, figure, limit, how the figure compares to the limit (all "at most").
BARS = [
    ("warm build", "warm_s", 1.0),
    ("cold build vs naive pipeline", "ratio_cold_vs_naive", 0.5),
    ("one notebook changed vs cold build", "ratio_one_changed_vs_cold", 0.4),
    ("largest page", "largest_page_kb", 300.0),
    (
        "largest page at 100x data vs 1.2 x largest page",
        "scale_100x_largest_page_kb",
        "1.2 * largest_page_kb",
    ),
    ("cold build at 100x data vs 2 x at 1x", "scale_100x_s", "2 * scale_1x_s"),
]

console = Console()


@dataclass
class Measured:
    """One timed command: wall seconds, the build summary it printed, its memory."""

    seconds: float
    steps: list[dict] = field(default_factory=list)
    peak_tree_rss_mb: float | None = None
    max_process_rss_mb: float | None = None
    output: dict | None = None


class BenchmarkError(RuntimeError):
    pass


# --- Running things on a copy ------------------------------------------------------------------


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
    measured = Measured(seconds, steps=build_steps(err_path.read_text(errors="replace")))
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
    copy: Path, logs: Path, label: str, *, sample_memory: bool = False, engine: str = "fallback"
) -> Measured:
    """`briefing build` on the copy with the given engine (pandoc + typst unless told)."""
    return timed(
        [str(BRIEFING), "build", "--as-of", AS_OF, "--focus", FOCUS],
        copy,
        logs,
        label,
        sample_memory=sample_memory,
        engine=engine,
    )


def naive(copy: Path, logs: Path, label: str) -> Measured:
    measured = timed(
        [sys.executable, str(ROOT / "benchmarks" / "naive.py"), "--as-of", AS_OF, "--focus", FOCUS],
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


# --- What a build made ---------------------------------------------------------------------------


FIGURE = re.compile(r'<figure id="([^"]+)"[^>]*>.*?</figure>', re.DOTALL)
SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.DOTALL)
PLOTLY_CALL = "Plotly.newPlot("


def site_sizes(site: Path) -> dict:
    pages = {
        page.relative_to(site).as_posix(): page.stat().st_size
        for page in site.rglob("*.html")
        if "assets" not in page.relative_to(site).parts
    }
    if not pages:
        raise BenchmarkError(f"no pages in {site}")
    largest = max(pages, key=pages.get)
    return {
        "pages_kb": {name: round(size / 1024, 1) for name, size in sorted(pages.items())},
        "largest_page": largest,
        "largest_page_kb": round(pages[largest] / 1024, 1),
        "largest_page_parts": page_parts(site / largest),
        "site_kb": round(sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1024, 1),
        "assets_kb": round(
            sum(f.stat().st_size for f in (site / "assets").rglob("*") if f.is_file()) / 1024, 1
        ),
        "pdf_kb": round(sum(f.stat().st_size for f in site.glob("*.pdf")) / 1024, 1),
    }


def slowest_cells(executed: Path, count: int = 5) -> list[dict]:
    """The cells that took longest, from the durations papermill records in each executed notebook."""
    cells = []
    for path in sorted(executed.glob("*.ipynb")):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            duration = cell.metadata.get("papermill", {}).get("duration")
            if cell.cell_type == "code" and duration is not None:
                first = cell.source.splitlines()[0] if cell.source else ""
                label = (
                    first.split("label:", 1)[1].strip()
                    if "label:" in first
                    else f"cell {index + 1}"
                )
                cells.append({"notebook": path.name, "cell": label, "seconds": round(duration, 2)})
    return sorted(cells, key=lambda c: -c["seconds"])[:count]


def page_parts(page: Path) -> dict:
    """Where a page's bytes go: each figure or table it embeds, its inline scripts, the rest."""
    text = page.read_text(encoding="utf-8")
    figures = {match.group(1): len(match.group(0).encode()) for match in FIGURE.finditer(text)}
    charts = {match.group(1): plotly_contents(match.group(0)) for match in FIGURE.finditer(text)}
    inline_scripts = sum(len(m.group(0).encode()) for m in SCRIPT.finditer(text))
    total = len(text.encode())
    return {
        "figures_kb": {
            name: round(size / 1024, 1)
            for name, size in sorted(figures.items(), key=lambda kv: -kv[1])
        },
        "charts": {name: contents for name, contents in charts.items() if contents},
        "inline_scripts_kb": round(inline_scripts / 1024, 1),
        "outside_figures_kb": round((total - sum(figures.values())) / 1024, 1),
    }


def plotly_contents(fragment: str) -> dict | None:
    """Traces, points and bytes of the plotly chart in a page fragment (None if it has none)."""
    start = fragment.find(PLOTLY_CALL)
    if start < 0:
        return None
    rest = fragment[start + len(PLOTLY_CALL) :]
    decoder = json.JSONDecoder()
    try:
        rest = rest[rest.index(",") + 1 :].lstrip()  # past the element id
        data, end = decoder.raw_decode(rest)
        rest = rest[end:].lstrip()[1:].lstrip()
        layout, _ = decoder.raw_decode(rest)
    except ValueError:
        return None
    return {
        "traces": len(data),
        "points": sum(_points(trace) for trace in data),
        "data_kb": round(len(json.dumps(data).encode()) / 1024, 1),
        "layout_kb": round(len(json.dumps(layout).encode()) / 1024, 1),
        "per_trace": [
            {
                "name": trace.get("name"),
                "type": trace.get("type"),
                "points": _points(trace),
                "kb": round(len(json.dumps(trace).encode()) / 1024, 1),
                "fields_kb": {
                    k: round(len(json.dumps(v).encode()) / 1024, 1)
                    for k, v in trace.items()
                    if len(json.dumps(v).encode()) >= 1024
                },
            }
            for trace in data
        ],
    }


def _points(trace: dict) -> int:
    for key in ("x", "locations", "values", "y"):
        value = trace.get(key)
        if isinstance(value, list):
            return len(value)
    return 0


# --- The measurements ------------------------------------------------------------------------------


def one_run(number: int, workdir: Path, results: dict, *, keep: bool) -> None:
    logs = workdir / "logs"

    console.print(f"[bold]run {number}[/]: naive pipeline")
    measured = naive(fresh_copy(workdir, f"naive-{number}"), logs, f"naive-{number}")
    results["naive"].append(measured)

    copy = fresh_copy(workdir, f"build-{number}")
    console.print(f"[bold]run {number}[/]: cold build")
    measured = build(copy, logs, f"cold-{number}", sample_memory=True)
    measured.output = {
        **site_sizes(copy / "reports" / "site"),
        "slowest_cells": slowest_cells(copy / "reports" / "executed"),
    }
    results["cold"].append(measured)

    console.print(f"[bold]run {number}[/]: warm build")
    results["warm"].append(build(copy, logs, f"warm-{number}"))

    console.print(f"[bold]run {number}[/]: build after editing {EDITED_NOTEBOOK}")
    edit_one_notebook(copy)
    results["one_changed"].append(build(copy, logs, f"one-changed-{number}"))

    if quarto_installed():
        # The same three builds through Quarto, beside the fallback's figures.
        copy = fresh_copy(workdir, f"quarto-{number}")
        for name, label in (("quarto_cold", "cold"), ("quarto_warm", "warm")):
            console.print(f"[bold]run {number}[/]: {label} build with Quarto")
            results[name].append(build(copy, logs, f"{name}-{number}", engine="quarto"))
        edit_one_notebook(copy)
        console.print(f"[bold]run {number}[/]: build with Quarto after editing {EDITED_NOTEBOOK}")
        results["quarto_one_changed"].append(
            build(copy, logs, f"quarto-one-changed-{number}", engine="quarto")
        )

    for factor in SCALES:
        console.print(f"[bold]run {number}[/]: cold build with {factor}x rows")
        copy = fresh_copy(workdir, f"scale-{factor}x-{number}")
        rows = scale_copy(copy, factor)
        measured = build(copy, logs, f"scale-{factor}x-{number}")
        measured.output = {
            **site_sizes(copy / "reports" / "site"),
            "rows": rows,
            "slowest_cells": slowest_cells(copy / "reports" / "executed"),
        }
        results[f"scale_{factor}x"].append(measured)
    # The copies of a run take room with their reports: keep only the logs unless asked.
    for copy in workdir.iterdir():
        if copy.name != "logs" and not keep:
            shutil.rmtree(copy, ignore_errors=True)


def scale_copy(copy: Path, factor: int) -> dict:
    """Scale the copy's tables and validate each against its schema before anything is timed."""
    from briefing.data import tables

    rows = synthetic.scale_project(copy, factor)
    datapackage = copy / "data" / "datapackage.json"
    for name, relative in synthetic.TABLES.items():
        frame = tables.load(name, path=copy / relative, datapackage=datapackage)
        if len(frame) != rows[name]["rows"]:
            raise BenchmarkError(
                f"{name} at {factor}x: {len(frame)} rows loaded, {rows[name]['rows']} written"
            )
    return rows


def quarto_installed() -> bool:
    from briefing.book.engines import quarto

    return quarto.available()


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def summarise(results: dict[str, list[Measured]], runs: int) -> dict:
    seconds = {name: [round(m.seconds, 2) for m in measured] for name, measured in results.items()}
    figures: dict = {
        "naive_s": median(seconds["naive"]),
        "cold_s": median(seconds["cold"]),
        "warm_s": median(seconds["warm"]),
        "one_changed_s": median(seconds["one_changed"]),
    }
    for factor in SCALES:
        figures[f"scale_{factor}x_s"] = median(seconds[f"scale_{factor}x"])
    # Where Quarto is installed: the same builds with the Quarto engine.
    for name in ("quarto_cold", "quarto_warm", "quarto_one_changed"):
        if seconds.get(name):
            figures[f"{name}_s"] = median(seconds[name])
    figures["ratio_cold_vs_naive"] = round(figures["cold_s"] / figures["naive_s"], 3)
    figures["ratio_one_changed_vs_cold"] = round(figures["one_changed_s"] / figures["cold_s"], 3)
    figures["ratio_scale_100x_vs_1x"] = round(figures["scale_100x_s"] / figures["scale_1x_s"], 3)
    cold = results["cold"]
    figures["peak_rss_mb"] = round(statistics.median(m.peak_tree_rss_mb for m in cold), 1)
    figures["max_single_process_rss_mb"] = round(
        statistics.median(m.max_process_rss_mb for m in cold), 1
    )
    # Sizes do not vary between runs (checked below); the last run's are reported.
    sizes = cold[-1].output
    figures.update(
        {key: sizes[key] for key in ("largest_page", "largest_page_kb", "site_kb", "pdf_kb")}
    )
    for factor in SCALES:
        scaled = results[f"scale_{factor}x"][-1].output
        figures[f"scale_{factor}x_largest_page"] = scaled["largest_page"]
        figures[f"scale_{factor}x_largest_page_kb"] = scaled["largest_page_kb"]
    return {
        "figures": figures,
        "run_seconds": seconds,
        "runs": runs,
        "bars": check_bars(figures),
        "sanity_checks": sanity_checks(results),
        "memory_runs_mb": {
            "peak_tree_rss": [round(m.peak_tree_rss_mb, 1) for m in cold],
            "max_single_process_rss": [round(m.max_process_rss_mb, 1) for m in cold],
        },
        "profile": {
            "steps": {name: [m.steps for m in measured] for name, measured in results.items()},
            # Wall time the build summary does not cover: start-up, imports, data checks, swapping in.
            "outside_build_summary_s": {
                name: [round(m.seconds - _summary_total(m.steps), 2) for m in measured]
                for name, measured in results.items()
                if name != "naive"
            },
            "cold_site": sizes,
            "sizes_identical_across_runs": all(
                m.output["pages_kb"] == sizes["pages_kb"] for m in cold
            ),
            "scaled_sites": {
                f"{factor}x": results[f"scale_{factor}x"][-1].output for factor in SCALES
            },
        },
    }


def _summary_total(steps: list[dict]) -> float:
    return next((row["seconds"] for row in steps if row["step"] == "total"), 0.0)


def ran_notebooks(steps: list[dict]) -> list[str]:
    """The notebooks a build's summary says it ran (the others it reused)."""
    return [
        row["step"]
        for row in steps
        if row["step"].endswith(".ipynb") and row["note"].startswith("ran")
    ]


def sanity_checks(results: dict[str, list[Measured]]) -> dict:
    """Did each build do what its measurement assumes? (A warm build that ran notebooks is no warm build.)"""
    notebooks = len(list((ROOT / "notebooks").glob("*.ipynb")))
    return {
        "cold_ran_every_notebook": all(
            len(ran_notebooks(m.steps)) == notebooks for m in results["cold"]
        ),
        "warm_ran_nothing": all(not ran_notebooks(m.steps) for m in results["warm"]),
        "one_changed_ran_only_the_edited_notebook": all(
            ran_notebooks(m.steps) == [EDITED_NOTEBOOK] for m in results["one_changed"]
        ),
        "naive_made_the_same_pages": all(
            sorted(m.output["pages"])
            == sorted(Path(p).name for p in results["cold"][0].output["pages_kb"])
            for m in results["naive"]
        ),
    }


def check_bars(figures: dict) -> list[dict]:
    bars = []
    for name, figure, limit in BARS:
        if isinstance(limit, str):
            multiple, other = limit.split(" * ")
            limit_value = round(float(multiple) * figures[other], 3)
        else:
            limit_value = limit
        value = figures[figure]
        bars.append(
            {
                "bar": name,
                "figure": figure,
                "value": value,
                "at_most": limit_value,
                "rule": f"{figure} <= {limit}",
                "pass": value <= limit_value,
            }
        )
    return bars


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


def print_results(summary: dict) -> None:
    figures = summary["figures"]
    table = Table(
        title=f"Benchmark (median of {summary['runs']} run{'s' if summary['runs'] != 1 else ''})"
    )
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("runs")
    runs_of = {
        "naive_s": "naive",
        "cold_s": "cold",
        "warm_s": "warm",
        "one_changed_s": "one_changed",
        **{f"scale_{f}x_s": f"scale_{f}x" for f in SCALES},
    }
    for name, value in figures.items():
        runs = summary["run_seconds"].get(runs_of.get(name, ""), [])
        table.add_row(name, str(value), ", ".join(f"{s:.2f}" for s in runs))
    console.print(table)
    bars = Table(title="Bars")
    for column in ("bar", "value", "at most", "result"):
        bars.add_column(column)
    for bar in summary["bars"]:
        result = "[green]pass[/]" if bar["pass"] else "[red]FAIL[/]"
        bars.add_row(bar["bar"], str(bar["value"]), str(bar["at_most"]), result)
    console.print(bars)
    for check, ok in summary["sanity_checks"].items():
        if not ok:
            console.print(f"[yellow]warning:[/] sanity check failed: {check}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each measurement (the median is reported)"
    )
    parser.add_argument("--quick", action="store_true", help="one run, to try the benchmark out")
    parser.add_argument(
        "--output", type=Path, default=RESULTS, help="where to write the results (JSON)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder: the copies and their logs"
    )
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    check_ready()
    load_at_start = [round(load, 2) for load in os.getloadavg()]
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    results: dict[str, list[Measured]] = {
        name: []
        for name in (
            "naive",
            "cold",
            "warm",
            "one_changed",
            *(f"scale_{f}x" for f in SCALES),
            "quarto_cold",
            "quarto_warm",
            "quarto_one_changed",
        )
    }
    try:
        for number in range(1, runs + 1):
            one_run(number, workdir, results, keep=args.keep)
    except BenchmarkError as exc:
        console.print(f"[bold red]benchmark failed:[/] {exc}\nLogs are in {workdir / 'logs'}")
        raise SystemExit(1) from None
    finally:
        if args.keep:
            console.print(f"Logs and copies kept in {workdir}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    summary = {
        **environment(),
        **summarise(results, runs),
        "wall_seconds": round(time.perf_counter() - started, 1),
        "load_average_1_5_15_min_at_start": load_at_start,
    }
    args.output.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print_results(summary)
    console.print(f"Results written to {args.output}")


if __name__ == "__main__":
    main()
