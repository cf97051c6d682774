"""The one content hash of the project (sha256, hex), for files and bytes alike."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(Path(path).read_bytes())


def sha256_json(value: object) -> str:
    """The digest of a JSON-serialisable value, written canonically (sorted keys)."""
    return sha256_bytes(json.dumps(value, sort_keys=True, default=str).encode())
