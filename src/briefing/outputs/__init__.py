"""How a notebook shows its results: tables, prose, findings and CSV downloads as MIME bundles both engines read."""
