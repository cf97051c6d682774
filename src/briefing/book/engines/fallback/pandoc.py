"""The pandoc 3 binary that the pypandoc-binary wheel ships."""

from __future__ import annotations

import os
import subprocess
import threading
from importlib import metadata
from pathlib import Path

import pypandoc

from briefing import paths
from briefing.errors import RenderError
from briefing.hashing import sha256_json

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


# A chapter's typst costs pandoc a tenth of a second or more, and most chapters read the same
# from one render to the next: conversions that name no file are kept here between renders.
CACHE = paths.REPORTS / ".pandoc-cache"


class Cache:
    """Pandoc's output by the digest of its version, the arguments and the input."""

    def __init__(self, folder: Path = CACHE) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def run(self, args: list[str], text: str) -> str:
        key = sha256_json([metadata.version("pypandoc-binary"), args, text])
        self.used.add(key)
        kept = self.folder / key
        if kept.is_file():
            return kept.read_bytes().decode("utf-8")
        output = run(args, text)
        self.folder.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a reader never sees half a file.
        partial = kept.with_name(f"{key}.{os.getpid()}-{threading.get_ident()}")
        partial.write_bytes(output.encode("utf-8"))
        os.replace(partial, kept)
        return output

    def keep_only_used(self) -> None:
        """Forget every conversion this render did not ask for, so the cache never grows."""
        for entry in self.folder.glob("*"):
            if entry.name not in self.used:
                entry.unlink(missing_ok=True)
