"""Provenance records, one shape for every file under data/raw and data/derived.

A raw snapshot's record (``provenance.json`` in its folder) says who published the files,
where and when they were taken; a derived table's record (``<table>.provenance.json``
beside it) says which step made it, from which inputs (each with its own publisher, date
and checksum), by what method, and its known limits.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefing.errors import DataError
from briefing.hashing import sha256_bytes

FILE_NAME = "provenance.json"
SUFFIX = ".provenance.json"


@dataclass
class Provenance:
    producer: str  # the publisher of a raw file, or the step that derived a table
    title: str
    url: str | None = None
    licence: str | None = None
    date_published: str | None = None
    date_retrieved: str | None = None  # when a raw file was taken, or a table derived
    files: list[dict] = field(default_factory=list)  # each: file, sha256, size_bytes (url)
    # Derived tables: what they were made from, each input with at least title, publisher,
    # url, date (ISO: when it was published or extracted), file, sha256 and size_bytes.
    inputs: list[dict] = field(default_factory=list)
    method: str | None = None
    notes: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def primary_input(self) -> dict:
        """What a derived table was made from (its first input), or the record itself."""
        return self.inputs[0] if self.inputs else asdict(self)


def describe_file(name: str, content: bytes, url: str | None = None) -> dict:
    entry = {"file": name, "sha256": sha256_bytes(content), "size_bytes": len(content)}
    if url:
        entry["url"] = url
    return entry


def for_table(csv_path: Path) -> Path:
    """Where a derived table's provenance record sits: beside it."""
    return csv_path.with_name(csv_path.stem + SUFFIX)


def write(path: Path, record: Provenance) -> Path:
    path.write_text(
        json.dumps(asdict(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def read(path: Path) -> Provenance:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Provenance(**data)
    except FileNotFoundError:
        raise DataError(path, "provenance record not found") from None
    except (ValueError, TypeError) as exc:
        raise DataError(path, f"not a provenance record: {exc}") from None
