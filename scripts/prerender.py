"""Quarto pre-render: execute the notebooks with papermill before Quarto renders the book.

Parameters come from BRIEFING_AS_OF and BRIEFING_FOCUS (as `briefing build` sets them);
single-file renders and previews reuse executed notebooks when they exist.
"""

import os
import sys

from briefing import build, paths
from briefing.cli import console
from briefing.errors import BriefingError

render_all = os.environ.get("QUARTO_PROJECT_RENDER_ALL") == "1"
missing = not any(paths.EXECUTED.glob("*.ipynb"))
if render_all or missing:
    try:
        build.execute_only(
            as_of=os.environ.get(build.ENV_AS_OF) or None,
            focus=os.environ.get(build.ENV_FOCUS) or "JP",
            console=console,
        )
    except BriefingError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
