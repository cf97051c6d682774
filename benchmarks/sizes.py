"""What a build made: the size of every page, and where the largest page's bytes go."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat
from measure import BenchmarkError

FIGURE = re.compile(r'<figure id="([^"]+)"[^>]*>.*?</figure>', re.DOTALL)
SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.DOTALL)
PLOTLY_CALL = "Plotly.newPlot("


def site_digest(site: Path) -> str:
    """One sha256 of every file below ``site``, with its path: equal digests, identical sites."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
        "site_digest": site_digest(site),
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
