"""Importers that turn official publications into raw snapshots and project tables."""
