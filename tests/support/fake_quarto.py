#!/usr/bin/env python3
"""A stand-in for `quarto` with the project-render behaviour the briefing depends on.

It is written from what Quarto 1.10's source does (quarto-cli, src/command/render/project.ts,
src/core/jupyter/widgets.ts and jupyter-embed.ts, src/project/types/book/), so the build's
handling of Quarto can be tested where Quarto is not installed; it renders no real content.

- `quarto --version` prints FAKE_QUARTO_VERSION (default 1.10.18).
- `quarto render [--to html|typst]` in a project: on a full render it empties the output
  dir *before* the pre-render; runs the pre-render (stops on failure); writes one page per
  chapter with what Quarto puts there (the widget scripts from the CDN, an absolute
  `data-notebook` path, a `data-quarto-private-1` attribute, the `./briefing.pdf` link, the
  edition's line at the page's foot and, on the sources page, its record) and/or `briefing.pdf`; then
  runs the post-render with QUARTO_PROJECT_OUTPUT_FILES. Each call is appended to FAKE_QUARTO_LOG.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

CDN = (
    '<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js" '
    'integrity="sha512-x" crossorigin="anonymous"></script>\n'
    '<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js" '
    'integrity="sha512-y" crossorigin="anonymous" data-relocate-top="true"></script>\n'
    "<script type=\"application/javascript\">define('jquery', [],function() {return window.jQuery;})</script>\n"
)


def main(argv: list[str]) -> int:
    log = os.environ.get("FAKE_QUARTO_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(" ".join(argv) + f" (in {Path.cwd()})\n")
    if argv[:1] == ["--version"]:
        print(os.environ.get("FAKE_QUARTO_VERSION", "1.10.18"))
        return 0
    if argv[:1] != ["render"]:
        print(f"fake quarto: unsupported {argv}", file=sys.stderr)
        return 2
    to = argv[argv.index("--to") + 1] if "--to" in argv else None
    project = Path.cwd()
    config = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))
    out = project / config["project"]["output-dir"]
    env = {
        **os.environ,
        "QUARTO_PROJECT_OUTPUT_DIR": str(out),
        "QUARTO_PROJECT_RENDER_ALL": "1",
    }
    shutil.rmtree(out, ignore_errors=True)  # cleanOutputDir, before the pre-render
    python = os.environ.get("QUARTO_PYTHON", sys.executable)
    if (
        subprocess.run([python, config["project"]["pre-render"]], env=env, check=False).returncode
        != 0
    ):
        print("ERROR: pre-render script failed", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    written = []
    book = config["book"]
    pages = [*book["chapters"], *book.get("appendices", [])]
    formats = config["format"]
    if to in (None, "html"):
        footer = _page_footer(project, config)
        for page in pages:
            slug = Path(page).stem
            html = (
                f"<html><head>{CDN}</head><body>"
                + f'<a href="./{book["output-file"]}.pdf">PDF</a>'
                + f'<div class="cell" data-notebook="{project}/reports/executed/{slug}.ipynb" '
                f'data-quarto-private-1="{{&quot;key&quot;:&quot;papermill&quot;}}">{slug}</div>'
                + _after_body(project / page)
                + f'<footer class="footer"><div class="nav-footer-center">{footer}</div></footer>'
                "</body></html>\n"
            )
            (out / f"{slug}.html").write_text(html, encoding="utf-8")
            written.append(f"{slug}.html")
    if to in (None, "typst"):
        typst = formats["typst"]
        # What the partials import from the project (the cover's fields), then the edition's rules.
        parts = [
            (project / imported).read_text(encoding="utf-8")
            for partial in typst.get("template-partials", [])
            for imported in re.findall(r'#import "/([^"]+)"', (project / partial).read_text())
        ]
        if "template-partials" not in typst:
            # Quarto's own book template prints the metadata (the edition's line among it).
            metadata = project / "reports" / "edition" / "quarto-metadata.yml"
            parts.append(metadata.read_text(encoding="utf-8") if metadata.is_file() else "")
        parts.append((project / typst["include-before-body"]).read_text(encoding="utf-8"))
        pdf = f"{book['output-file']}.pdf"
        (out / pdf).write_bytes(b"%PDF-1.7 fake\n" + "".join(parts).encode())
        written.append(pdf)
    env["QUARTO_PROJECT_OUTPUT_FILES"] = "\n".join(
        str((out / name).relative_to(project)) for name in written
    )
    post = config["project"].get("post-render")
    if post and subprocess.run([python, post], env=env, check=False).returncode != 0:
        print("ERROR: post-render script failed", file=sys.stderr)
        return 1
    return 0


def _page_footer(project: Path, config: dict) -> str:
    """`book.page-footer.center`, from _quarto.yml or its metadata files (absent ones skipped)."""
    footer = config["book"].get("page-footer", {}).get("center", "")
    for name in config.get("metadata-files", []):
        if (project / name).is_file():
            metadata = yaml.safe_load((project / name).read_text(encoding="utf-8")) or {}
            footer = metadata.get("book", {}).get("page-footer", {}).get("center", footer)
    return footer


def _after_body(page: Path) -> str:
    """The page's own `format.html.include-after-body` file (front matter), if it names one."""
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return ""
    front = yaml.safe_load(text.split("---", 2)[1]) or {}
    name = (front.get("format") or {}).get("html", {}).get("include-after-body")
    return (page.parent / name).read_text(encoding="utf-8") if name else ""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
