"""Quarto's pre-render: check the parameters and data, execute the notebooks (papermill).

Parameters come from BRIEFING_AS_OF, BRIEFING_FOCUS and BRIEFING_PREVIOUS_AS_OF (default: the
latest edition built before this one). A bad parameter or table stops here
with one line, before anything is published (Quarto has only emptied its own output folder,
reports/_quarto-site). Single-file renders and previews reuse the executed notebooks when
they exist. Under `briefing build`, which has executed the notebooks itself, it does nothing.
"""

import os
import sys

if os.environ.get("BRIEFING_IN_BUILD") != "1":
    from briefing import cli

    render_all = os.environ.get("QUARTO_PROJECT_RENDER_ALL") == "1"
    as_of = os.environ.get("BRIEFING_AS_OF")
    focus = os.environ.get("BRIEFING_FOCUS") or "JP"
    previous = os.environ.get("BRIEFING_PREVIOUS_AS_OF")
    command = [
        "quarto-pre-render",
        *(["--as-of", as_of] if as_of else []),
        "--focus",
        focus,
        *(["--previous-as-of", previous] if previous else []),
    ]
    cli.main([*command, *([] if render_all else ["--reuse"])])
    sys.exit(0)
