"""The figures of a benchmark: medians, ratios, the bars they must meet, and the printed table."""

from __future__ import annotations

import statistics

from measure import EDITED_NOTEBOOK, ROOT, Measured
from rich.console import Console
from rich.table import Table

console = Console()


# The bars: name, figure, limit (every figure is "at most" its limit). A limit in
# words is a multiple of another figure. The scaled bars compare the largest scale with 1x.
# With the data at 1x only (the smoke run), there is no scaled bar; without the build of every
# language (the smoke run), no bar on what the other languages cost.
def bars(top: int, every_language: bool = True) -> list[tuple[str, str, float | str]]:
    found = [
        ("build with nothing changed", "warm_s", 0.5),
        ("render of the cold build (pandoc + typst)", "render_s", 3.0),
        ("cold build vs naive pipeline", "ratio_cold_vs_naive", 0.5),
        ("one notebook changed vs cold build", "ratio_one_changed_vs_cold", 0.4),
        ("largest page", "largest_page_kb", 300.0),
    ]
    if every_language:
        found.append(
            ("cold build of every language vs English only", "ratio_all_languages_vs_cold", 1.6)
        )
    if top > 1:
        found += [
            (
                f"largest page at {top}x data vs 1.2 x largest page",
                f"scale_{top}x_largest_page_kb",
                "1.2 * largest_page_kb",
            ),
            (f"cold build at {top}x data vs 2 x at 1x", f"scale_{top}x_s", "2 * scale_1x_s"),
        ]
    return found


RENDER_STEP = "render site and PDF"


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def figures_of(results: dict[str, list[Measured]], scales: tuple[int, ...]) -> dict:
    """The medians of every measurement, their ratios, memory and the sizes of what was built."""
    seconds = {name: [round(m.seconds, 2) for m in measured] for name, measured in results.items()}
    figures: dict = {name + "_s": median(seconds[name]) for name in MEASURED if seconds[name]}
    for factor in scales:
        figures[f"scale_{factor}x_s"] = median(seconds[f"scale_{factor}x"])
    figures["render_s"] = median([render_seconds(m.steps) for m in results["cold"]])
    figures["warm_cpu_s"] = median([m.cpu_seconds for m in results["warm"]])
    top = max(scales)
    figures["ratio_cold_vs_naive"] = round(figures["cold_s"] / figures["naive_s"], 3)
    figures["ratio_one_changed_vs_cold"] = round(figures["one_changed_s"] / figures["cold_s"], 3)
    if "cold_all_languages_s" in figures:
        figures["ratio_all_languages_vs_cold"] = round(
            figures["cold_all_languages_s"] / figures["cold_s"], 3
        )
    if top > 1:
        figures[f"ratio_scale_{top}x_vs_1x"] = round(
            figures[f"scale_{top}x_s"] / figures["scale_1x_s"], 3
        )
    cold = results["cold"]
    figures["peak_rss_mb"] = round(statistics.median(m.peak_tree_rss_mb for m in cold), 1)
    figures["max_single_process_rss_mb"] = round(
        statistics.median(m.max_process_rss_mb for m in cold), 1
    )
    # Sizes do not vary between runs (checked in the summary); the last run's are reported.
    sizes = cold[-1].output
    figures.update(
        {key: sizes[key] for key in ("largest_page", "largest_page_kb", "site_kb", "pdf_kb")}
    )
    for factor in scales:
        scaled = results[f"scale_{factor}x"][-1].output
        figures[f"scale_{factor}x_largest_page"] = scaled["largest_page"]
        figures[f"scale_{factor}x_largest_page_kb"] = scaled["largest_page_kb"]
    return figures


# The measurements of one build each, by name; Quarto's only where it is installed.
MEASURED = (
    "naive",
    "cold",
    "cold_all_languages",
    "warm",
    "one_changed",
    "quarto_cold",
    "quarto_warm",
    "quarto_one_changed",
)


def summarise(results: dict[str, list[Measured]], runs: int, scales: tuple[int, ...]) -> dict:
    figures = figures_of(results, scales)
    cold = results["cold"]
    sizes = cold[-1].output
    return {
        "figures": figures,
        "run_seconds": {
            name: [round(m.seconds, 2) for m in measured] for name, measured in results.items()
        },
        "run_cpu_seconds": {
            name: [round(m.cpu_seconds, 2) for m in measured] for name, measured in results.items()
        },
        "runs": runs,
        "scales": list(scales),
        "bars": check_bars(
            figures, bars(max(scales), every_language="cold_all_languages_s" in figures)
        ),
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
                f"{factor}x": results[f"scale_{factor}x"][-1].output for factor in scales
            },
        },
        # What each engine's cold build made, as one digest of every file of its site: a
        # build of the same edition elsewhere (the test suite's) must make the same bytes.
        "site_digests": {
            engine: measured[-1].output["site_digest"]
            for engine, measured in (("fallback", cold), ("quarto", results["quarto_cold"]))
            if measured
        },
    }


def render_seconds(steps: list[dict]) -> float:
    """The render's seconds in a build's summary."""
    return next(row["seconds"] for row in steps if row["step"].startswith(RENDER_STEP))


def _summary_total(steps: list[dict]) -> float:
    return next((row["seconds"] for row in steps if row["step"] == "total"), 0.0)


def ran_notebooks(steps: list[dict]) -> list[str]:
    """The English notebooks a build's summary says it ran (the others it reused); another
    language's ("ja/adoption.ipynb") run beside them in a build of every language."""
    return [
        row["step"]
        for row in steps
        if row["step"].endswith(".ipynb")
        and row["note"].startswith("ran")
        and "/" not in row["step"]
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
        # The book's pages (the build's site also holds the archive's editions/index.html).
        "naive_made_the_same_pages": all(
            sorted(m.output["pages"])
            == sorted(p for p in results["cold"][0].output["pages_kb"] if "/" not in p)
            for m in results["naive"]
        ),
    }


def check_bars(figures: dict, bars: list[tuple[str, str, float | str]]) -> list[dict]:
    checked = []
    for name, figure, limit in bars:
        if isinstance(limit, str):
            multiple, other = limit.split(" * ")
            limit_value = round(float(multiple) * figures[other], 3)
        else:
            limit_value = limit
        value = figures[figure]
        checked.append(
            {
                "bar": name,
                "figure": figure,
                "value": value,
                "at_most": limit_value,
                "rule": f"{figure} <= {limit}",
                "pass": value <= limit_value,
            }
        )
    return checked


def print_results(summary: dict) -> None:
    figures = summary["figures"]
    table = Table(
        title=f"Benchmark (median of {summary['runs']} run{'s' if summary['runs'] != 1 else ''})"
    )
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("runs")
    for name, value in figures.items():
        # A figure in seconds is the median of the measurement of its name, whose runs follow.
        runs = (
            summary["run_seconds"].get(name.removesuffix("_s"), []) if name.endswith("_s") else []
        )
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
