"""Record which data files a notebook read, so a rebuild knows exactly what it depends on.

The build sets BRIEFING_READS_LOG for each notebook's kernel; every loader calls `record`.
Outside a build (tests, JupyterLab) nothing is recorded.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "BRIEFING_READS_LOG"


def record(*files: Path) -> None:
    log = os.environ.get(ENV)
    if not log:
        return
    with open(log, "a", encoding="utf-8") as out:
        out.writelines(f"{Path(file).resolve()}\n" for file in files)


def recorded(log: Path) -> list[Path]:
    if not log.exists():
        return []
    return sorted({Path(line) for line in log.read_text(encoding="utf-8").splitlines() if line})
