"""The benchmark: its synthetic rows follow the schemas and the codebook (at several scales,
without building), and a smoke run of `make bench` completes with every figure
(benchmarks/run.py --smoke, at 1x)."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

import pytest
from project_copy import SESSION_AS_OF, SESSION_ENV

from briefing import translation
from briefing.book import languages, project
from briefing.book.engines import registry
from briefing.data import codebook, package, tables

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import measure as bench_measure
import sizes as bench_sizes
import synthetic


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the project's data/ (all that the synthetic rows need), under a root."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def load_scaled(root: Path, name: str):
    datapackage = root / synthetic.DATAPACKAGE
    return tables.load(name, path=package.table(name, datapackage).path, datapackage=datapackage)


def test_synthetic_rows_pass_the_schemas_and_the_codebook(data_copy):
    counts = synthetic.scale_project(data_copy, 4)
    for name in synthetic.TABLES:
        frame = load_scaled(data_copy, name)  # validates every cell and the codebook's rules
        original = counts[name]["original_rows"]
        assert len(frame) == counts[name]["rows"] == 4 * original
    restrictions = load_scaled(data_copy, "restrictions").iloc[
        counts["restrictions"]["original_rows"] :
    ]
    assert set(restrictions["source_url"]) == {synthetic.SYNTHETIC_URL}
    assert set(restrictions["source_publisher"]) == {synthetic.SYNTHETIC_PUBLISHER}
    # Every level, and the kinds of source whose cap the codebook enforces, are exercised.
    book = codebook.load(data_copy / "data" / "codebook.json")
    assert set(restrictions["level"]) == set(book.levels.codes())
    capped = {kind.code for kind in book.source_kinds.values if book.confidence_cap(kind.code)}
    assert capped <= set(restrictions["source_kind"])


def test_a_column_added_to_a_schema_is_filled_from_it(data_copy):
    """A new required column with an enum, and one with a pattern: nothing in synthetic.py names them."""
    schema_path = data_copy / "data" / "schemas" / "restrictions.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"] += [
        {
            "name": "region",
            "type": "string",
            "constraints": {"required": True, "enum": ["east", "west"]},
        },
        {
            "name": "docket",
            "type": "string",
            "constraints": {"required": True, "unique": True, "pattern": "D-[0-9]{3}[A-Z]"},
        },
        {
            "name": "pages",
            "type": "integer",
            "constraints": {"required": True, "minimum": 5, "maximum": 9},
        },
    ]
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    rows = rewrite_rows(
        data_copy / "data" / "curated" / "restrictions.csv",
        schema,
        lambda i, row: {**row, "region": "east", "docket": f"D-{i:03d}A", "pages": "5"},
    )

    synthetic.scale_project(data_copy, 3)
    frame = load_scaled(data_copy, "restrictions")
    added = frame.iloc[len(rows) :]
    assert len(added) == 2 * len(rows)
    assert set(added["region"]) == {"east", "west"}
    assert added["docket"].str.fullmatch(r"D-[0-9]{3}[A-Z]").all()
    assert frame["docket"].is_unique
    assert added["pages"].between(5, 9).all()


def rewrite_rows(csv_path: Path, schema: dict, change) -> list[dict]:
    """Rewrite a table's rows with the schema's columns, each row as ``change(i, row)`` gives it;
    returns the rows as they were."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=[f["name"] for f in schema["fields"]], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(change(i, row) for i, row in enumerate(rows))
    return rows


def test_rows_that_cannot_be_new_are_refused(data_copy):
    schema_path = data_copy / "data" / "schemas" / "entity_list_rules.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # Only ten values of a unique column are possible: more rows cannot all be new.
    schema["fields"].append(
        {
            "name": "slot",
            "type": "string",
            "constraints": {"required": True, "unique": True, "pattern": "[0-9]"},
        }
    )
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    rewrite_rows(
        data_copy / "data" / "curated" / "entity_list_rules.csv",
        schema,
        lambda i, row: {**row, "slot": ""},
    )
    with pytest.raises(RuntimeError, match="entity_list_rules: no new synthetic row"):
        synthetic.scale_project(data_copy, 2)


@pytest.mark.e2e
def test_smoke_run_writes_every_figure(bench_smoke):
    # `benchmarks/run.py --smoke`, run once per session (tests/conftest.py).
    summary = bench_smoke
    figures = summary["figures"]
    scales = summary["scales"]
    assert scales == [1]
    expected = {
        "naive_s",
        "cold_s",
        "warm_s",
        "one_changed_s",
        "render_s",
        "warm_cpu_s",
        "ratio_cold_vs_naive",
        "ratio_one_changed_vs_cold",
        "peak_rss_mb",
        "max_single_process_rss_mb",
        "largest_page_kb",
        "site_kb",
        "pdf_kb",
        *(f"scale_{f}x_s" for f in scales),
        *(f"scale_{f}x_largest_page_kb" for f in scales),
    }
    assert expected <= set(figures)
    assert all(isinstance(figures[name], (int, float)) and figures[name] > 0 for name in expected)
    assert {bar["figure"] for bar in summary["bars"]} <= set(figures)
    assert all(isinstance(bar["pass"], bool) for bar in summary["bars"])
    assert all(summary["sanity_checks"].values()), summary["sanity_checks"]
    rows = summary["profile"]["scaled_sites"]["1x"]["rows"]
    assert rows and all(count["rows"] == count["original_rows"] for count in rows.values())
    # Each engine's cold build, as one digest (the byte-identity test compares the session's).
    assert "fallback" in summary["site_digests"]


def english_edition(site: Path, into: Path) -> Path:
    """The English edition of a site built in every language, as a build in English alone
    makes it: every file but the other languages' folders, the pages without their links to
    those languages (the only difference a build in English alone makes, by design)."""
    others = {project.language_folder(lang) for lang in translation.LANGUAGES} - {""}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site)
        if relative.parts[0] in others:
            continue
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            target.write_text(languages.link_counterpart(text, path.name, "en", []), "utf-8")
        else:
            shutil.copyfile(path, target)
    return into


@pytest.mark.e2e
def test_two_builds_of_the_same_inputs_are_byte_identical(built, bench_smoke, tmp_path):
    # The session's build, and the benchmark's cold build of the same edition from scratch
    # in a fresh copy elsewhere (tests/conftest.py), both with SOURCE_DATE_EPOCH set; the
    # benchmark builds in English with each engine that can run here, the session in every
    # language with the preferred one: its English edition is compared.
    assert SESSION_ENV["SOURCE_DATE_EPOCH"] and SESSION_AS_OF == bench_measure.AS_OF
    site = built / "reports" / "site"
    assert (site / "edition.json").is_file() and (site / "briefing.pdf").is_file()
    assert (site / "ja" / "index.html").is_file()
    english = english_edition(site, tmp_path / "english")
    assert len(list(english.rglob("*.html"))) < len(list(site.rglob("*.html")))
    engine = "quarto" if registry.choose().name == "Quarto" else "fallback"
    assert bench_smoke["site_digests"][engine] == bench_sizes.site_digest(english)
