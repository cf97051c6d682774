"""Raw snapshots: an official file kept byte for byte, in a dated folder, with its provenance.

Layout: ``data/raw/<source>/<YYYY-MM-DD>/`` holds the original file(s) unchanged and
``provenance.json`` describing them (``briefing.data.provenance``, the one record shape:
producer, title, URL, dates, licence, and each file's URL, sha256 and size).
A snapshot is never overwritten: a second one on the same day gets the folder
``<YYYY-MM-DD>-2`` (then ``-3``...), created atomically so two imports cannot collide.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from briefing import paths
from briefing.data import provenance
from briefing.errors import SnapshotError

MAX_SNAPSHOTS_PER_DAY = 99


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
    raise SnapshotError(
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
) -> tuple[Path, provenance.Provenance]:
    """Store each ``{filename: (url, content)}`` unchanged in a new dated snapshot, with provenance."""
    if not files:
        raise SnapshotError(f"no files to store for the {source} snapshot")
    folder = new_snapshot_dir(source, day, raw_root)
    for filename, (_, content) in files.items():
        (folder / filename).write_bytes(content)
    record = provenance.Provenance(
        producer=producer,
        title=title,
        url=url,
        licence=licence,
        date_published=date_published,
        date_retrieved=date_retrieved or datetime.now(UTC).date().isoformat(),
        files=[
            provenance.describe_file(filename, content, file_url)
            for filename, (file_url, content) in files.items()
        ],
        notes=list(notes or []),
    )
    provenance.write(folder / provenance.FILE_NAME, record)
    return folder, record
