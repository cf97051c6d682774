"""The executive summary: what it takes from every chapter, above them all.

A chapter never imports another; the summary draws on all of them, so it sits in a layer of
its own above the chapters (pyproject.toml's contracts): the chapters' computations read at
the edition's date and at the previous edition's (``reading``), the bottom line for the focus
jurisdiction (``bottom_line``) and what changed between the two editions (``events``).
"""
