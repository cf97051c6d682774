"""The words a notebook's cells give Quarto: captions and alt text, in each language.

A caption is a cell option (`#| fig-cap: "..."`), read by Quarto from the notebook, not
computed by the kernel; so the catalog holds it as a message (extracted by `extract`, which
Babel runs for notebooks, see babel.cfg), and the build translates a notebook's options before
it runs the notebook for an edition in another language (`translated`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import yaml

from briefing import cells, translation

# The cell options a reader sees.
READ_OPTIONS = ("fig-cap", "tbl-cap", "fig-alt", "tbl-alt", "fig-subcap")


def _option_lines(source: str) -> Iterator[tuple[int, str, object]]:
    """(line number, option, value) of each read option at the top of a cell."""
    for number, line in enumerate(source.splitlines()):
        match = cells.CELL_OPTION.match(line)
        if not match:
            return
        key, sep, value = match.group(1).partition(":")
        if sep and key.strip() in READ_OPTIONS:
            yield number, key.strip(), yaml.safe_load(value)


def messages(notebook: dict) -> Iterator[tuple[int, str]]:
    """(cell number, text) of every caption and alt text of ``notebook`` (as JSON)."""
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        for _number, _key, value in _option_lines("".join(cell.get("source", ""))):
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and text.strip():
                    yield index + 1, text


def extract(fileobj, keywords, comment_tags, options):
    """Babel's extraction method for notebooks: (line, funcname, message, comments)."""
    notebook = json.loads(fileobj.read().decode("utf-8"))
    for cell_number, text in messages(notebook):
        yield cell_number, None, text, [f"notebook cell {cell_number}"]


def translated(notebook: dict, lang: str) -> dict:
    """A copy of ``notebook`` (as JSON) whose captions and alt texts are in ``lang``."""
    if translation.check(lang) == translation.SOURCE:
        return notebook
    catalog = translation.translations(lang)
    copy = json.loads(json.dumps(notebook))
    for cell in copy.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        lines = "".join(cell.get("source", "")).splitlines(keepends=True)
        for number, key, value in list(_option_lines("".join(lines))):
            if isinstance(value, list):
                said = [catalog.gettext(text) for text in value]
            else:
                said = catalog.gettext(value) if isinstance(value, str) else value
            ending = "\n" if lines[number].endswith("\n") else ""
            # A JSON string is a YAML double-quoted scalar: the option still parses as before.
            lines[number] = f"#| {key}: {json.dumps(said, ensure_ascii=False)}{ending}"
        cell["source"] = lines
    return copy
