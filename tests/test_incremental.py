"""Rebuilds run exactly the notebooks whose inputs changed (issue: fast rebuilds).

A reused notebook is copied byte for byte; a notebook that ran again is a new file
(papermill records new timings), so comparing hashes tells which ran.
"""

from __future__ import annotations

import csv
import hashlib
import json

import pytest
from project_copy import copy_project, run_briefing

from briefing.book import keys

pytestmark = pytest.mark.e2e

AS_OF = "2026-11-01"


def executed_hashes(root):
    folder = root / "reports" / "executed"
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.ipynb"))
    }


def ran_again(before, after):
    return {name for name in after if before.get(name) != after[name]}


def reads_of(root, table_file):
    """Notebooks whose record says they read ``table_file``."""
    readers = set()
    for record in (root / "reports" / "executed").glob("*.key.json"):
        reads = json.loads(record.read_text())["reads"]
        if any(path.endswith(table_file) for path in reads):
            readers.add(record.name.replace(".key.json", ".ipynb"))
    return readers


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("incremental") / "project")
    run_briefing(root, "execute", "--as-of", AS_OF)
    return root


def test_nothing_changed_reuses_every_notebook(project):
    before = executed_hashes(project)
    run_briefing(project, "execute", "--as-of", AS_OF)
    assert ran_again(before, executed_hashes(project)) == set()


def test_a_changed_data_file_reruns_exactly_its_readers(project):
    readers = reads_of(project, "curated/milestones.csv")
    assert readers and readers != set(executed_hashes(project))
    before = executed_hashes(project)
    path = project / "data" / "curated" / "milestones.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    # Same facts, one note reworded: still valid, but different bytes.
    rows[-1]["notes"] += " (reworded)"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    run_briefing(project, "execute", "--as-of", AS_OF)
    assert ran_again(before, executed_hashes(project)) == readers


def test_a_changed_module_reruns_the_notebooks_importing_it(project):
    module = "chapters/alignment.py"
    importers = set()
    for notebook in sorted((project / "notebooks").glob("*.ipynb")):
        code = [
            c["source"] if isinstance(c["source"], str) else "".join(c["source"])
            for c in json.loads(notebook.read_text())["cells"]
            if c["cell_type"] == "code"
        ]
        if "briefing.chapters.alignment" in keys.imported_modules(code):
            importers.add(notebook.name)
    assert importers and importers != set(executed_hashes(project))
    # The project copy carries its own copy of the package (see conftest.copy_project).
    source = project / "src" / "briefing" / module
    before = executed_hashes(project)
    source.write_text(source.read_text() + "\n# a comment changes the module's source\n")
    run_briefing(project, "execute", "--as-of", AS_OF)
    assert ran_again(before, executed_hashes(project)) == importers


def test_a_missing_or_corrupt_record_reruns_that_notebook(project):
    records = sorted((project / "reports" / "executed").glob("*.key.json"))
    records[0].unlink()
    records[1].write_text("{not json")
    before = executed_hashes(project)
    run_briefing(project, "execute", "--as-of", AS_OF)
    expected = {
        records[0].name.replace(".key.json", ".ipynb"),
        records[1].name.replace(".key.json", ".ipynb"),
    }
    assert ran_again(before, executed_hashes(project)) == expected


def test_force_and_a_new_parameter_rerun_everything(project):
    before = executed_hashes(project)
    run_briefing(project, "execute", "--as-of", AS_OF, "--force")
    after_force = executed_hashes(project)
    assert ran_again(before, after_force) == set(before)
    run_briefing(project, "execute", "--as-of", AS_OF, "--focus", "GB")
    assert ran_again(after_force, executed_hashes(project)) == set(before)
