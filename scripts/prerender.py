"""Quarto's pre-render: check the parameters and data, execute the notebooks (papermill).

Parameters come from BRIEFING_AS_OF, BRIEFING_FOCUS and BRIEFING_PREVIOUS_AS_OF (default: the
last day of the quarter before as_of's). A bad parameter or table stops here
with one line, before anything is published (Quarto has only emptied its own output folder,
reports/_quarto-site). Single-file renders and previews reuse the executed notebooks when
they exist. Under `briefing build`, which has executed the notebooks itself, it does nothing.
"""

import os

if os.environ.get("BRIEFING_IN_BUILD") != "1":
    from briefing import cli

    cli.main(["quarto-hook", "pre-render"])
