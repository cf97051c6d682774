"""What an edition is built from: parameters, commit, and the data snapshots with their hashes."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from briefing import countries, paths
from briefing.book import gitinfo
from briefing.book.engines.registry import Edition as RenderedEdition
from briefing.data import package, provenance, tables
from briefing.hashing import sha256_file
from briefing.mime import KEY_NUMBERS
from briefing.params import Parameters
from briefing.translation import gettext
from briefing.vocabulary import entity_list

# What the record keeps of each key number: enough for the list of editions to show it.
KEY_NUMBER_FIELDS = ("key", "value", "definition", "as_of")


def describe(edition: Parameters, root: Path = paths.ROOT, executed: Iterable[Path] = ()) -> dict:
    """The edition's provenance; the same inputs give the same description, byte for byte.

    ``root``: the project's root, whose data package declares the tables. ``executed``: the
    edition's executed notebooks in book order, whose key numbers the record keeps.
    """
    data = {}
    datapackage = _datapackage(root)
    for table in package.tables(datapackage):
        entry = {"file": table.path.relative_to(root).as_posix(), "sha256": sha256_file(table.path)}
        if "date" in table.source_columns:
            # Within the edition's cut: an earlier edition cites no later source.
            rows = tables.load(table.name, as_of=edition.as_of, datapackage=datapackage)
            latest = rows[table.source_columns["date"]].max()
            entry["latest_source_date"] = None if pd.isna(latest) else latest.date().isoformat()
        if table.provenance is not None:
            source = provenance.read(table.provenance).primary_input()
            entry["snapshot_extracted"] = source.get("date")
            entry["snapshot_list_as_of"] = source.get("list_as_of")
        data[table.name] = entry
    description = {
        "as_of": edition.as_of.isoformat(),
        "focus": edition.focus,
        # The edition "what changed" runs from (None: a first edition).
        "previous_as_of": edition.previous_as_of.isoformat() if edition.previous_as_of else None,
        "commit": gitinfo.commit(root),
        "data": data,
        "key_numbers": key_numbers(executed),
    }
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        description["built"] = dt.datetime.fromtimestamp(int(epoch), dt.UTC).isoformat()
    return description


def key_numbers(executed: Iterable[Path]) -> list[dict]:
    """The key numbers the executed notebooks show (their KEY_NUMBERS outputs: the executive
    summary's, which computes each chapter's), in the order shown.

    Each keeps the chapter it names (whose page the list of editions links) and the fields
    KEY_NUMBER_FIELDS.
    """
    import nbformat  # here: describing an edition without notebooks never needs it

    numbers = []
    for path in executed:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                for number in output.get("data", {}).get(KEY_NUMBERS, []):
                    kept = {field: number[field] for field in KEY_NUMBER_FIELDS}
                    numbers.append({"chapter": number["chapter"], **kept})
    return numbers


def for_render(
    parameters: Parameters, description: dict, root: Path, *, site_path: str = ""
) -> RenderedEdition:
    """What the engines show of the edition: its date, its built line, the title page's text.

    ``site_path``: the edition's folder within the published site ("" for its root).
    """
    return RenderedEdition(
        as_of=parameters.as_of.isoformat(),
        focus=parameters.focus,
        built=built_line(description, parameters.language),
        title_page=title_page_text(description, root, parameters.language),
        site_path=site_path,
        language=parameters.language,
    )


def built_line(description: dict, lang: str = "en") -> str:
    focus = countries.shown(description["focus"], lang)
    return gettext(
        "Built from commit {commit} with the focus on {focus}, as of {as_of}.", lang
    ).format(
        commit=gitinfo.shown(description["commit"], lang), focus=focus, as_of=description["as_of"]
    )


def title_page_text(description: dict, root: Path = paths.ROOT, lang: str = "en") -> str:
    parts = [built_line(description, lang)]
    if description.get("built"):  # recorded where the build time is fixed (SOURCE_DATE_EPOCH)
        parts.append(gettext("Build time {time}.", lang).format(time=description["built"]))
    titles = {table.name: table.shown_title(lang) for table in package.tables(_datapackage(root))}
    for name, entry in description["data"].items():
        name = titles.get(name, name)
        if entry.get("snapshot_extracted", "") > description["as_of"]:
            # taken after the edition's date: named without its dates
            parts.append(
                gettext("{table}: from a later snapshot of the list.", lang).format(table=name)
            )
        elif entry.get("snapshot_extracted"):
            parts.append(
                gettext(
                    "{table}: snapshot extracted {extracted} (list as of {listed}).", lang
                ).format(
                    table=name,
                    extracted=entry["snapshot_extracted"],
                    listed=entity_list.list_as_of(entry["snapshot_list_as_of"], lang),
                )
            )
        elif entry.get("latest_source_date"):
            parts.append(
                gettext("{table}: sources up to {day}.", lang).format(
                    table=name, day=entry["latest_source_date"]
                )
            )
    return " ".join(parts)


def write(description: dict, path: Path) -> None:
    path.write_text(json.dumps(description, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _datapackage(root: Path) -> Path:
    return root / "data" / "datapackage.json"
