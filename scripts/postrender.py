"""Quarto's post-render: correct the pages Quarto wrote, then publish them into reports/site.

Quarto runs it only after a render without error. It removes what would make pages load
from elsewhere or differ between identical renders, adds edition.json, and swaps the result
into reports/site (a PDF-only render replaces just the PDF). Under `briefing build`, which
corrects and publishes its own staged render, it does nothing.
"""

import os

if os.environ.get("BRIEFING_IN_BUILD") != "1":
    from briefing import cli

    cli.main(["quarto-hook", "post-render"])
