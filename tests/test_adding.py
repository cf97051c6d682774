"""The README's "Adding a table" and "Adding a chapter", followed step by step in a copy.

A throwaway table and chapter are added exactly as the README says; the build then shows the
chapter's page, its finding in the executive summary (which reads it through
briefing/summary/reading.py, the one way to the front page) and its table's sources in the
appendix, and the contracts hold. Leaving out any one step is caught by tests/test_contracts.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from project_copy import copy_built, run_briefing
from support.contracts import chapter_problems, table_problems

from briefing import paths
from briefing.chapters import registry

pytestmark = pytest.mark.e2e
README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
SLUG = "tariffs"

TABLE_CSV = """id,imposed,jurisdiction,rate_pct,source_url,source_publisher,source_date
T-1,2019-05-10,US,25,https://example.org/tariffs/1,Example Gazette,2019-05-09
T-2,2024-05-14,US,100,https://example.org/tariffs/2,Example Gazette,2024-05-14
"""
TABLE_SCHEMA = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "imposed", "type": "date", "constraints": {"required": True}},
        {"name": "jurisdiction", "type": "string", "constraints": {"required": True}},
        {"name": "rate_pct", "type": "number", "constraints": {"required": True}},
        {"name": "source_url", "type": "string", "constraints": {"required": True}},
        {"name": "source_publisher", "type": "string", "constraints": {"required": True}},
        {"name": "source_date", "type": "date", "constraints": {"required": True}},
    ],
    "primaryKey": ["id"],
}
TABLE_ENTRY = {
    "name": SLUG,
    "title": "Tariffs on Chinese goods (a throwaway table)",
    "path": f"curated/{SLUG}.csv",
    "schema": f"schemas/{SLUG}.json",
    "briefing": {
        "as_of": {"column": "imposed"},
        "sources": {"url": "source_url", "publisher": "source_publisher", "date": "source_date"},
        "titles": {"ja": "中国製品に対する関税（試験用の表）"},
    },
}
CHAPTER_MODULE = '''"""Tariffs: a throwaway chapter."""

import datetime as dt

import pandas as pd

from briefing.chapters.findings import Finding


def findings(rows: pd.DataFrame, day: dt.date) -> list[Finding]:
    count = len(rows)
    text = f"As of {day:%-d %B %Y}, the tariffs table held {count} tariffs."
    return [Finding("tariffs", text, {"tariffs": count})]
'''
CHART_MODULE = '''"""The tariffs chapter's chart."""

import pandas as pd
import plotly.graph_objects as go

from briefing.charts import layout


def rates_chart(rows: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(x=rows["imposed"], y=rows["rate_pct"]))
    return layout.finish(
        fig,
        title=f"{len(rows)} tariffs",
        source="tariffs table",
        alt="Bar chart of tariff rates.",
        x_title="Date imposed",
        y_title="Rate (%)",
    )
'''
CELLS = [
    ("findings", "display.show_findings(tariffs.findings(rows, edition.as_of))"),
    (
        "fig-tariffs-rates",
        "tariffs_charts.rates_chart(rows).show()",
    ),
    ("tbl-tariffs", 'display.show_table(rows[["id", "imposed", "rate_pct"]].astype(str))'),
]


def readme_section(title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^#)", README, re.DOTALL | re.MULTILINE)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def notebook() -> nbformat.NotebookNode:
    nb = nbformat.read(paths.NOTEBOOKS / "sources.ipynb", as_version=4)
    parameters = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    setup = nbformat.v4.new_code_cell(
        "from briefing import params\n"
        "from briefing.chapters import tariffs\n"
        "from briefing.charts import tariffs as tariffs_charts\n"
        "from briefing.charts import renderer\n"
        "from briefing.data import tables\n"
        "from briefing.outputs import display\n\n"
        "renderer.use_briefing_renderer()\n"
        "edition = params.parse(as_of, focus)\n"
        'rows = tables.load("tariffs", as_of=edition.as_of)'
    )
    labelled = [
        nbformat.v4.new_code_cell(
            f"#| label: {label}\n"
            + ('#| fig-cap: "Tariff rates."\n' if label.startswith("fig-") else "")
            + ('#| tbl-cap: "Tariffs."\n' if label.startswith("tbl-") else "")
            + code
        )
        for label, code in CELLS
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Tariffs"), parameters, setup, *labelled]
    return nb


@pytest.fixture(scope="module")
def added(built, tmp_path_factory) -> Path:
    # A copy of the session's build (tests/conftest.py): the steps below run its notebooks again.
    root = copy_built(built, tmp_path_factory.mktemp("adding") / "project")
    table_steps = readme_section("Adding a table")
    chapter_steps = readme_section("Adding a chapter")
    # Adding a table: its CSV, its schema, its entry in the data package.
    assert "data/curated/" in table_steps and "data/schemas/" in table_steps
    assert "data/datapackage.json" in table_steps
    (root / "data" / "curated" / f"{SLUG}.csv").write_text(TABLE_CSV)
    (root / "data" / "schemas" / f"{SLUG}.json").write_text(json.dumps(TABLE_SCHEMA, indent=2))
    package_file = root / "data" / "datapackage.json"
    package = json.loads(package_file.read_text())
    package["resources"].append(TABLE_ENTRY)
    package_file.write_text(json.dumps(package, indent=2))
    # Adding a chapter: module, chart module, notebook, page, registry, book, summary.
    for place in (
        "src/briefing/chapters/",
        "src/briefing/charts/",
        "notebooks/",
        "registry.py",
        "_quarto-en.yml",
        "_quarto-ja.yml",
        "ja/_tariffs.qmd",
        "make messages",
        "src/briefing/summary/reading.py",
    ):
        assert place in chapter_steps, place
    (root / "src" / "briefing" / "chapters" / f"{SLUG}.py").write_text(CHAPTER_MODULE)
    (root / "src" / "briefing" / "charts" / f"{SLUG}.py").write_text(CHART_MODULE)
    nbformat.write(notebook(), root / "notebooks" / f"{SLUG}.ipynb")
    (root / f"{SLUG}.qmd").write_text(
        '---\ntitle: "Tariffs"\n---\n\n'
        + "\n\n".join(
            f"{{{{< embed reports/executed/{SLUG}.ipynb#{label} >}}}}" for label, _ in CELLS
        )
        + "\n"
    )
    registry_file = root / "src" / "briefing" / "chapters" / "registry.py"
    text = registry_file.read_text()
    # The new chapter goes after the last chapter, before the appendices, in both places.
    first_appendix = next(chapter for chapter in registry.CHAPTERS if chapter.appendix).slug
    last_chapter = [chapter for chapter in registry.CHAPTERS if not chapter.appendix][-1].slug
    anchor = f'    Chapter("{first_appendix}"'
    assert anchor in text
    registry_file.write_text(
        text.replace(anchor, f'    Chapter("{SLUG}", tables=("{SLUG}",)),\n{anchor}', 1)
    )
    config = root / "_quarto-en.yml"
    profile = yaml.safe_load(config.read_text())
    chapters = profile["book"]["chapters"]
    at = [entry["href"] for entry in chapters].index(f"{last_chapter}.qmd") + 1
    chapters.insert(at, {"href": f"{SLUG}.qmd", "text": "Tariffs"})
    config.write_text(yaml.safe_dump(profile, allow_unicode=True))
    # The summary reads the chapter's findings in `read`, after the other chapters'.
    reading = root / "src" / "briefing" / "summary" / "reading.py"
    text = reading.read_text()
    imports, found_end = "from briefing.chapters.findings import", "    }\n    latest = {"
    assert imports in text and found_end in text
    text = text.replace(imports, f"from briefing.chapters import {SLUG}\n{imports}", 1)
    reading.write_text(
        text.replace(
            found_end,
            f'        "{SLUG}": {SLUG}.findings(tables.load("{SLUG}", as_of=day), day),\n'
            + found_end,
            1,
        )
    )
    # In English: the Japanese page and messages are a translator's steps, which the suite's
    # own checks (test_ja_pages, test_catalog) name; this build follows the code's.
    run_briefing(root, "build", "--as-of", "2026-11-01", "--focus", "JP", "--lang", "en")
    return root


def test_the_added_chapter_and_table_keep_the_contracts(added):
    main = [chapter for chapter in registry.CHAPTERS if not chapter.appendix]
    appendices = [chapter for chapter in registry.CHAPTERS if chapter.appendix]
    chapters = (*main, registry.Chapter(SLUG, tables=(SLUG,)), *appendices)
    assert chapter_problems(added, chapters) == []
    assert table_problems(added) == []


def test_the_added_chapter_has_its_page_with_its_chart_and_table(added):
    page = (added / "reports" / "site" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Tariffs" in page and "2 tariffs" in page and "T-2" in page


def test_the_summary_carries_the_added_finding(added):
    index = (added / "reports" / "site" / "index.html").read_text(encoding="utf-8")
    assert "the tariffs table held 2 tariffs" in index


def test_the_appendix_lists_the_added_table_sources(added):
    appendix = (added / "reports" / "site" / "sources.html").read_text(encoding="utf-8")
    assert "https://example.org/tariffs/2" in appendix and "Example Gazette" in appendix
    # Cited by the table's title, linked to the chapter that shows it (the table's rows are
    # script data on the site, their quotes escaped).
    cited_by = f'<a href="{SLUG}.html">{TABLE_ENTRY["title"]}</a>'
    assert cited_by in appendix.replace("\\", "")
