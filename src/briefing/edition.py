"""What an edition is built from: parameters, commit, and the data snapshots with their hashes."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd

from . import freshness, gitinfo, paths, tables
from .params import Parameters

FILE_NAME = "edition.json"
SNAPSHOT_DATE_COLUMNS = {
    "restrictions": "source_date",
    "milestones": "source_date",
    "entity_list_rules": "source_date",
    "semiconductor_self_sufficiency": "source_date",
}


def describe(edition: Parameters, root: Path = paths.ROOT) -> dict:
    """The edition's provenance; the same inputs give the same description, byte for byte."""
    data = {}
    for name in tables.resource_names():
        path = tables.path_for(name)
        entry = {"file": path.relative_to(root).as_posix(), "sha256": freshness.file_sha256(path)}
        if name in SNAPSHOT_DATE_COLUMNS:
            frame = tables.load(name)
            latest = frame[SNAPSHOT_DATE_COLUMNS[name]].max()
            entry["latest_source_date"] = None if pd.isna(latest) else latest.date().isoformat()
        provenance = path.with_suffix(".provenance.json")
        if provenance.exists():
            source = json.loads(provenance.read_text(encoding="utf-8")).get("source", {})
            entry["snapshot_extracted"] = source.get("extracted")
            entry["snapshot_list_as_of"] = source.get("list_as_of")
        data[name] = entry
    description = {
        "as_of": edition.as_of.isoformat(),
        "focus": edition.focus,
        "commit": gitinfo.commit(root),
        "data": data,
    }
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        description["built"] = dt.datetime.fromtimestamp(int(epoch), dt.UTC).isoformat()
    return description


def title_page_text(description: dict) -> str:
    parts = [
        f"Built from commit {description['commit']} for {description['focus']} as of {description['as_of']}."
    ]
    for name, entry in description["data"].items():
        if entry.get("snapshot_extracted"):
            parts.append(
                f"{name}: snapshot extracted {entry['snapshot_extracted']} (list as of {entry['snapshot_list_as_of']})."
            )
        elif entry.get("latest_source_date"):
            parts.append(f"{name}: sources up to {entry['latest_source_date']}.")
    return " ".join(parts)


def write(description: dict, path: Path) -> None:
    path.write_text(json.dumps(description, indent=1, sort_keys=True) + "\n", encoding="utf-8")
