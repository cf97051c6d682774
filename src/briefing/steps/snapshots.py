"""Raw snapshots: an official file kept byte for byte, in a dated folder, with its provenance.

Layout: ``data/raw/<source>/<YYYY-MM-DD>/`` holds the original file(s) unchanged and
``provenance.json`` describing them (producer, title, URL, dates, licence, and each file's
URL, sha256 and size).
A snapshot is never overwritten: a second one on the same day gets the folder
``<YYYY-MM-DD>-2`` (then ``-3``...), created atomically so two imports cannot collide.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from briefing import paths
from briefing.errors import BriefingError

PROVENANCE_FILE = "provenance.json"
MAX_SNAPSHOTS_PER_DAY = 99


@dataclass
class Provenance:
    """What a reader needs to trace a raw file back to its publisher."""

    producer: str
    title: str
    url: str
    date_retrieved: str
    licence: str
    files: list[dict] = field(default_factory=list)  # each: file, url, sha256, size_bytes
    date_published: str | None = None
    notes: list[str] = field(default_factory=list)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_snapshot_dir(source: str, day: date | None = None, raw_root: Path | None = None) -> Path:
    """Create and return a fresh folder ``<raw_root>/<source>/<day>[-N]`` that did not exist."""
    base = (raw_root or paths.RAW) / source
    base.mkdir(parents=True, exist_ok=True)
    stem = (day or date.today()).isoformat()
    for n in range(1, MAX_SNAPSHOTS_PER_DAY + 1):
        candidate = base / (stem if n == 1 else f"{stem}-{n}")
        try:
            candidate.mkdir()  # fails if it exists: never reuse or overwrite a snapshot
        except FileExistsError:
            continue
        return candidate
    raise BriefingError(
        f"{base}: already {MAX_SNAPSHOTS_PER_DAY} snapshots dated {stem}; refusing to add more"
    )


def write_snapshot(
    source: str,
    files: dict[str, tuple[str, bytes]],
    *,
    producer: str,
    title: str,
    url: str,
    licence: str,
    date_retrieved: str | None = None,
    date_published: str | None = None,
    notes: list[str] | None = None,
    day: date | None = None,
    raw_root: Path | None = None,
) -> tuple[Path, Provenance]:
    """Store each ``{filename: (url, content)}`` unchanged in a new dated snapshot, with provenance."""
    if not files:
        raise BriefingError(f"no files to store for the {source} snapshot")
    folder = new_snapshot_dir(source, day, raw_root)
    described = []
    for filename, (file_url, content) in files.items():
        (folder / filename).write_bytes(content)
        described.append(
            {
                "file": filename,
                "url": file_url,
                "sha256": sha256_bytes(content),
                "size_bytes": len(content),
            }
        )
    record = Provenance(
        producer=producer,
        title=title,
        url=url,
        date_retrieved=date_retrieved or datetime.now(UTC).date().isoformat(),
        licence=licence,
        files=described,
        date_published=date_published,
        notes=list(notes or []),
    )
    write_provenance(folder, record)
    return folder, record


def write_provenance(folder: Path, record: Provenance) -> Path:
    target = folder / PROVENANCE_FILE
    target.write_text(
        json.dumps(asdict(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return target


def read_provenance(folder: Path) -> Provenance:
    return Provenance(**json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8")))
