"""A notebook's editions in its languages run one after another in one kernel (book/kernels.py):
each run starts as in a fresh kernel, with its own reads log and downloads folder."""

from __future__ import annotations

import json
import queue
from pathlib import Path

import nbformat
import pytest

from briefing.book import execute, kernels
from briefing.book import plan as freshness

pytestmark = pytest.mark.e2e

# Fails if a name from an earlier run is still defined; reads a file and writes a download the
# way a chapter does, so each run's log and folder can be checked.
BODY = """\
assert "leftover" not in globals(), "a name from the previous run survived"
leftover = edition_language
from pathlib import Path
import pandas as pd
from briefing.data import reads
from briefing.outputs import downloads
read = Path(f"read-{edition_language}.txt")
reads.record(read)
downloads.write_csv(pd.DataFrame({"language": [edition_language]}), "languages")
"""


def notebook(path: Path) -> Path:
    parameters = nbformat.v4.new_code_cell('edition_language = "en"')
    parameters.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[parameters, nbformat.v4.new_code_cell(BODY)])
    nb.metadata["kernelspec"] = {"name": kernels.KERNEL, "language": "python", "display_name": ""}
    nbformat.write(nb, path)
    return path


def test_a_notebooks_editions_share_a_kernel_and_nothing_else(tmp_path):
    source = notebook(tmp_path / "tiny.ipynb")
    for lang in ("en", "ja"):
        (tmp_path / f"read-{lang}.txt").write_text(lang, encoding="utf-8")
    target = tmp_path / "executed"
    group = [
        freshness.Planned(source, f"key-{lang}", True, "test", {"edition_language": lang}, folder)
        for lang, folder in (("en", ""), ("ja", "ja"))
    ]
    seconds = execute._run_group(group, target, tmp_path, queue.SimpleQueue())

    assert len(seconds) == 2 and all(s > 0 for s in seconds)
    for output, lang in ((target / "tiny.ipynb", "en"), (target / "ja" / "tiny.ipynb", "ja")):
        nb = nbformat.read(output, as_version=4)
        # Counted from 1 in each run, as in a kernel of its own.
        assert [cell.execution_count for cell in nb.cells] == list(range(1, len(nb.cells) + 1))
        written = execute.downloads_dir(output) / "languages.csv"
        assert written.read_text(encoding="utf-8").split() == ["language", lang]
    # The Japanese run may have used what the English one loaded: its record lists both reads.
    english = json.loads(freshness.record_path(target / "tiny.ipynb").read_text())["reads"]
    japanese = json.loads(freshness.record_path(target / "ja" / "tiny.ipynb").read_text())["reads"]
    assert set(english) == {"read-en.txt"}
    assert set(japanese) == {"read-en.txt", "read-ja.txt"}
