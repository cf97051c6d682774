"""Quarto's `{{< embed notebook.ipynb#label >}}` shortcode, resolved for the fallback renderer.

A chapter embeds cells of an executed notebook by label (`#| label:`), cell id or tag.
Each output becomes Markdown for pandoc, choosing the MIME type Quarto would choose
for the target format (html or typst).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import nbformat

from briefing import cells
from briefing.book import conditional
from briefing.book.engines.fallback import pandoc
from briefing.book.engines.fallback.mime_choice import mime_type_for
from briefing.errors import RenderError
from briefing.hashing import sha256_bytes
from briefing.translation import N_, gettext

SHORTCODE = re.compile(r"\{\{<\s*embed\s+([^#\s>]+)#([^\s>]+)\s*>\}\}")

# Writes image bytes somewhere the output can reach; returns the path to put in Markdown.
ImageSink = Callable[[str, bytes], str]


def expand(
    text: str, *, base: Path, target: str, images: ImageSink, numbering: FigureNumbers
) -> str:
    """Replace every embed shortcode in ``text`` with the outputs it addresses."""

    def replace(match: re.Match) -> str:
        notebook, address = notebook_path(base, match.group(1)), match.group(2)
        cells = [
            find_cell(load_notebook(notebook), label, notebook) for label in address.split(",")
        ]
        return "\n\n".join(
            cell_markdown(cell, target=target, images=images, numbering=numbering) for cell in cells
        )

    return SHORTCODE.sub(replace, text)


def notebook_path(page_folder: Path, target: str) -> Path:
    """The notebook an embed names: relative to its page's folder, or, with a leading "/", to
    the project (Quarto's jupyter-embed.ts), whose root holds every page of the book."""
    return page_folder / target.lstrip("/")


def expand_chapter(chapter, *, target: str, figures: Path, language: str = "en") -> str:
    """A chapter's body for ``target``, its embeds expanded (their paths relative to the
    chapter's folder, as Quarto reads them); images go to ``figures``, linked relatively. Content for another format only (`.content-visible`...) is left out."""

    def write_image(name: str, data: bytes) -> str:
        figures.mkdir(parents=True, exist_ok=True)
        (figures / name).write_bytes(data)
        return f"{figures.name}/{name}"

    return expand(
        body_for(chapter, target),
        base=chapter.source.parent,
        target=target,
        images=write_image,
        numbering=FigureNumbers(chapter.number, language),
    )


def body_for(chapter, target: str) -> str:
    """The chapter's body as Quarto renders it to ``target``: its conditional content decided."""
    return conditional.for_format(chapter.body, target, page=chapter.source.name)


# The caption's and the reference's prefixes, as messages: "図", "表" in Japanese, as Quarto's
# `crossref-fig-title` and `crossref-tbl-title` for `lang: ja` (resources/language/_language-ja.yml).
PREFIXES = {"Figure": N_("Figure"), "Table": N_("Table")}


class FigureNumbers:
    """Figure and table numbers within a chapter, as Quarto's books number them (3.1, 3.2...),
    and the language their prefixes are said in."""

    def __init__(self, chapter: str | None, language: str = "en") -> None:
        self.chapter = chapter
        self.language = language
        self.counts: dict[str, int] = {}

    def prefix(self, kind: str) -> str:
        return gettext(PREFIXES[kind], self.language)

    def next(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        n = self.counts[kind]
        return f"{self.chapter}.{n}" if self.chapter else str(n)


_notebooks: dict[tuple[Path, int], nbformat.NotebookNode] = {}


def load_notebook(path: Path) -> nbformat.NotebookNode:
    if not path.is_file():
        raise RenderError(f"embedded notebook {path} does not exist; run `briefing execute` first")
    key = (path.resolve(), path.stat().st_mtime_ns)
    if key not in _notebooks:
        _notebooks[key] = nbformat.read(path, as_version=4)
    return _notebooks[key]


def find_cell(nb, address: str, path: Path):
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cells.options(cell).get("label") == address or cell.get("id") == address:
            return cell
        if address in cell.metadata.get("tags", []):
            return cell
    raise RenderError(f"{path.name} has no cell labelled {address!r} to embed")


def cell_markdown(cell, *, target: str, images: ImageSink, numbering: FigureNumbers) -> str:
    options = cells.options(cell)
    label = str(options.get("label", cell.get("id", "cell")))
    parts = []
    image_path = None
    for index, output in enumerate(cell.get("outputs", [])):
        if output.output_type == "error":
            raise RenderError(
                f"cell {label} holds an error output: {output.ename}: {output.evalue}"
            )
        if output.output_type == "stream":
            continue
        data = output.get("data", {})
        mime = mime_type_for(output, target)
        if mime is None:
            continue
        value = data[mime]
        if mime == "text/html" and target == "html":
            parts.append(f"```{{=html}}\n{value}\n```")
        elif mime == "text/html":
            parts.append(pandoc.html_to_markdown(value))
        elif mime == "text/markdown":
            parts.append(value)
        elif mime.startswith("image/"):
            raw = value.encode() if mime == "image/svg+xml" else base64.b64decode(value)
            ext = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}[mime]
            name = f"{label}-{index}-{sha256_bytes(raw)[:8]}.{ext}"
            image_path = images(name, raw)
            parts.append(f"![]({image_path})")
        elif mime == "text/plain":
            parts.append(f"```\n{value}\n```")
    body = "\n\n".join(parts)
    caption = options.get("fig-cap") or options.get("tbl-cap")
    if not caption:
        return body
    kind = "Table" if label.startswith("tbl-") else "Figure"
    number = numbering.next(kind)
    return _captioned(
        body, f"{numbering.prefix(kind)} {number}: {caption}", label, target, image_path
    )


def _captioned(body: str, caption: str, label: str, target: str, image_path: str | None) -> str:
    """The cell's output under its caption. A caption is Markdown, as Quarto reads a cell's
    `fig-cap` (src/core/jupyter/jupyter.ts puts it in the figure's Markdown): its link to the
    sources appendix (a cross-reference, resolved with the page's) is a link here too."""
    if target == "html":
        return (
            f'```{{=html}}\n<figure id="{label}" class="briefing-figure">\n```\n\n{body}\n\n'
            f"```{{=html}}\n<figcaption>\n```\n\n{caption}\n\n"
            "```{=html}\n</figcaption></figure>\n```"
        )
    # In typst, the figure numbers itself ("Figure 1.1", "Table 1.1": templates/book.typ) and
    # carries the cell's label, which the PDF's alt-text rules address (book/print_rules.py).
    text = caption.split(": ", 1)[1]
    attributes = f"{{#{label}}}" if _LABEL.fullmatch(label) else ""
    if image_path and body.strip() == f"![]({image_path})":
        # An image alone in its paragraph becomes a typst figure with this caption.
        return f"![{text}]({image_path}){attributes}"
    lines = body.split("\n")
    table = [i for i, line in enumerate(lines) if line.startswith("|")]
    if label.startswith("tbl-") and table:
        # A pipe table's caption follows it (pandoc's table_captions): a typst table figure,
        # its caption above it, the note after the table kept below.
        end = table[-1] + 1
        return "\n".join([*lines[:end], "", f": {text} {attributes}".rstrip(), *lines[end:]])
    # Set in italics by typst around it, which leaves the caption's own Markdown whole.
    return f"{body}\n\n```{{=typst}}\n#emph[\n```\n\n{caption}\n\n```{{=typst}}\n]\n```"


# An identifier pandoc's attribute syntax and typst's labels both accept.
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_:.-]*")
