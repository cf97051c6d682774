"""The vocabularies the chapters compute with and the charts draw: what a table's codes mean,
which of its rows belong together, and the names a category goes by.

Below chapters and charts alike, so a chart names a category without importing a chapter.
"""
