"""Producers of data/raw and data/derived: fetch, import-csl and derive, each with declared inputs and outputs."""
