"""Render the executed notebooks and .qmd pages: with Quarto when present, else pandoc + typst."""
