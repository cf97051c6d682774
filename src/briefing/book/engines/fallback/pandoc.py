"""The pandoc 3 binary that the pypandoc-binary wheel ships."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypandoc

from briefing.errors import RenderError

MARKDOWN = "markdown-implicit_figures+implicit_figures"


def binary() -> str:
    return pypandoc.get_pandoc_path()


def run(args: list[str], text: str, *, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [binary(), *args], input=text, capture_output=True, text=True, cwd=cwd, check=False
    )
    if result.returncode != 0:
        raise RenderError(f"pandoc {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def html_to_markdown(html: str) -> str:
    return run(["--from", "html", "--to", "markdown-raw_html-native_divs-native_spans"], html)
