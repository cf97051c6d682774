"""The engines that render a staged project into its site and PDF, chosen from a registry.

Importing the package registers them, in the order of preference: Quarto where it is installed,
else pandoc + typst from their Python wheels.
"""

from briefing.book.engines import fallback, quarto

__all__ = ["fallback", "quarto"]
