"""Source notebooks are committed clean and parameterised the way papermill and Quarto expect."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from briefing import params, paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def hygiene_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Everything that keeps `notebook` from being a clean, parameterised source notebook."""
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {index} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {index} has an execution count")
    if "papermill" in notebook.metadata:
        problems.append("papermill metadata (the notebook was executed in place)")

    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    if not (isinstance(kernel, str) and kernel.strip()):
        problems.append("no kernel named in metadata.kernelspec.name")

    parameter_cells = tagged(notebook, "parameters")
    if len(parameter_cells) != 1:
        problems.append(f"{len(parameter_cells)} cells tagged 'parameters' (need exactly one)")
    for cell in parameter_cells:
        if cell.cell_type != "code":
            problems.append("the 'parameters' cell is not a code cell")
            continue
        missing = sorted(set(params.NAMES) - assigned_names(cell.source))
        if missing:
            problems.append(f"the 'parameters' cell gives no default to {', '.join(missing)}")

    if tagged(notebook, "injected-parameters"):
        problems.append("a cell tagged 'injected-parameters' (left by a papermill run)")
    return problems


def tagged(notebook: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if tag in cell.get("metadata", {}).get("tags", [])]


def assigned_names(source: str) -> set[str]:
    """Names given a value at the top level of `source` (`x = ...`, `x: T = ...`)."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        else:
            continue
        names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def test_the_project_has_notebooks():
    assert NOTEBOOKS, f"no notebooks in {paths.NOTEBOOKS}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_committed_clean(path: Path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert hygiene_problems(notebook) == []


# The check itself must catch each kind of dirty notebook.


def clean_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "briefing",
        "display_name": "Python",
        "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Chapter"),
        nbformat.v4.new_code_cell(
            'as_of = None\nfocus = "JP"\nprevious_as_of = None\nedition_language = "en"',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell("print(as_of, focus)"),
    ]
    return notebook


def with_output(notebook):
    notebook.cells[2].outputs = [nbformat.v4.new_output("stream", text="None JP\n")]


def with_execution_count(notebook):
    notebook.cells[2].execution_count = 1


def without_kernel(notebook):
    del notebook.metadata["kernelspec"]


def without_parameters_tag(notebook):
    notebook.cells[1].metadata["tags"] = []


def with_two_parameters_cells(notebook):
    notebook.cells[2].metadata["tags"] = ["parameters"]


def without_focus_default(notebook):
    notebook.cells[
        1
    ].source = 'as_of = None\nfocus: str\nprevious_as_of = None\nedition_language = "en"'


def with_injected_parameters(notebook):
    injected = nbformat.v4.new_code_cell(
        'as_of = "2026-01-01"', metadata={"tags": ["injected-parameters"]}
    )
    notebook.cells.insert(2, injected)


def with_papermill_metadata(notebook):
    notebook.metadata["papermill"] = {"parameters": {"as_of": "2026-01-01"}}


def test_a_clean_notebook_passes():
    assert hygiene_problems(clean_notebook()) == []


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (with_output, "cell 2 has outputs"),
        (with_execution_count, "cell 2 has an execution count"),
        (without_kernel, "no kernel named"),
        (without_parameters_tag, "0 cells tagged 'parameters'"),
        (with_two_parameters_cells, "2 cells tagged 'parameters'"),
        (without_focus_default, "gives no default to focus"),
        (with_injected_parameters, "'injected-parameters'"),
        (with_papermill_metadata, "papermill metadata"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_a_dirty_notebook_is_caught(spoil, problem):
    notebook = clean_notebook()
    spoil(notebook)
    problems = hygiene_problems(notebook)
    assert any(problem in found for found in problems), problems


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('as_of = None\nfocus = "JP"', {"as_of", "focus"}),
        ('as_of: str | None = None\nfocus: str = "JP"', {"as_of", "focus"}),
        ("as_of = focus = None", {"as_of", "focus"}),
        ('as_of: str\nfocus = "JP"', {"focus"}),  # an annotation alone gives no default
        ("def f():\n    as_of = 1\nfocus = 2", {"focus"}),
        ('print(as_of)\nif True:\n    focus = "JP"', set()),
    ],
)
def test_assigned_names_sees_only_top_level_defaults(source, expected):
    assert assigned_names(source) == expected
