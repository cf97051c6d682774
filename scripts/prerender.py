"""Quarto pre-render: execute the notebooks with papermill before Quarto renders the book.

Parameters come from BRIEFING_AS_OF and BRIEFING_FOCUS (as `briefing build` sets them);
single-file renders and previews reuse executed notebooks when they exist.
"""

import os

from briefing import cli, paths
from briefing.build import pipeline as build

render_all = os.environ.get("QUARTO_PROJECT_RENDER_ALL") == "1"
missing = not any(paths.EXECUTED.glob("*.ipynb"))
if render_all or missing:
    as_of = os.environ.get(build.ENV_AS_OF)
    focus = os.environ.get(build.ENV_FOCUS) or "JP"
    cli.main(["execute", *(["--as-of", as_of] if as_of else []), "--focus", focus])
