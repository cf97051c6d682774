"""The tech-controls briefing: sourced data, charts and the book that presents them."""

__version__ = "0.1.0"
