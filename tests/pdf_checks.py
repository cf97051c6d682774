"""What a printed page holds, read from a PDF with pypdf: text, links, images and their size."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream


def flat(text: str) -> str:
    return " ".join(text.split())


def link_targets(reader: PdfReader) -> list[tuple[int, str | None]]:
    """(page number, URI or None for an internal link) for every link annotation."""
    found = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            action = action.get_object() if action is not None else None
            if action is not None and action.get("/S") == "/URI":
                found.append((number, str(action["/URI"])))
            else:
                found.append((number, None))
    return found


@dataclass(frozen=True)
class PlacedImage:
    page: int
    pixel_width: int
    pixel_height: int
    printed_width_pt: float  # on the page, in points


def placed_images(reader: PdfReader) -> list[PlacedImage]:
    """Every image drawn on every page, with the width it prints at (from the content's CTM)."""
    placed = []
    for number, page in enumerate(reader.pages, start=1):
        for width, height, printed in _draws(page.get_contents(), page["/Resources"], reader):
            placed.append(PlacedImage(number, width, height, printed))
    return placed


def _draws(contents, resources, reader, ctm=(1, 0, 0, 1, 0, 0)):
    if contents is None:
        return
    stream = contents if isinstance(contents, ContentStream) else ContentStream(contents, reader)
    xobjects = (resources.get("/XObject") or {}) if resources else {}
    stack = []
    for operands, operator in stream.operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply([float(x) for x in operands], ctm)
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject.get("/Subtype") == "/Image":
                a, b = ctm[0], ctm[1]
                yield int(xobject["/Width"]), int(xobject["/Height"]), math.hypot(a, b)
            elif xobject.get("/Subtype") == "/Form":
                matrix = [float(x) for x in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                inner = ContentStream(xobject, reader)
                yield from _draws(inner, xobject.get("/Resources"), reader, _multiply(matrix, ctm))


def _multiply(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def alt_texts(reader: PdfReader) -> list[str]:
    """The /Alt of every element of the PDF's structure tree (what screen readers announce)."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    found = []

    def walk(node, seen):
        node = node.get_object() if hasattr(node, "get_object") else node
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, list):
            for item in node:
                walk(item, seen)
        elif isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"], seen)

    if root is not None:
        walk(root, set())
    return found


def placed_text(page) -> list[tuple[float, str]]:
    """Every run of text on ``page`` with the height of its baseline above the page's foot (pt)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # The text matrix's origin, through the current transformation, in page space.
            found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


# --- Colour of text, and where the links are -----------------------------------------------


@dataclass(frozen=True)
class TextRun:
    page: int
    x: float  # the run's origin on the page, in points from the lower left corner
    y: float
    fill: tuple[float, ...]  # its fill colour's components (1 gray, 3 RGB, 4 CMYK), 0 to 1


def text_runs(reader: PdfReader) -> list[TextRun]:
    """Every text-showing operation of every page, with its origin and its fill colour."""
    runs = []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        if contents is None:
            continue
        ctm, fill, text_matrix = (1, 0, 0, 1, 0, 0), (0.0,), (1, 0, 0, 1, 0, 0)
        stack = []
        for operands, operator in ContentStream(contents, reader).operations:
            if operator == b"q":
                stack.append((ctm, fill))
            elif operator == b"Q":
                ctm, fill = stack.pop()
            elif operator == b"cm":
                ctm = _multiply([float(x) for x in operands], ctm)
            elif operator in (b"sc", b"scn", b"rg", b"g", b"k") and all(
                isinstance(x, (int, float)) or hasattr(x, "as_numeric") for x in operands
            ):
                fill = tuple(float(x) for x in operands)
            elif operator == b"BT":
                text_matrix = (1, 0, 0, 1, 0, 0)
            elif operator == b"Tm":
                text_matrix = tuple(float(x) for x in operands)
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                origin = _multiply(text_matrix, ctm)
                runs.append(TextRun(number, origin[4], origin[5], fill))
    return runs


def is_link_colour(fill: tuple[float, ...]) -> bool:
    """Blue as templates/book.typ's `link-colour` (#0072B2): an RGB fill leaning to blue."""
    return len(fill) == 3 and fill[2] - max(fill[0], fill[1]) > 0.2


def link_rectangles(reader: PdfReader) -> dict[int, list[tuple[float, float, float, float]]]:
    """Page number -> the rectangle (x0, y0, x1, y1) of every link annotation on it."""
    found: dict[int, list] = {}
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
                found.setdefault(number, []).append(
                    (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
                )
    return found


def in_a_link(run: TextRun, rectangles: dict[int, list], slack: float = 1.0) -> bool:
    return any(
        x0 - slack <= run.x <= x1 + slack and y0 - slack <= run.y <= y1 + slack
        for x0, y0, x1, y1 in rectangles.get(run.page, [])
    )


def blue_text(reader: PdfReader) -> tuple[list[TextRun], list[TextRun]]:
    """The runs in the link colour: those inside a link annotation, and those outside any."""
    rectangles = link_rectangles(reader)
    blue = [run for run in text_runs(reader) if is_link_colour(run.fill)]
    return (
        [run for run in blue if in_a_link(run, rectangles)],
        [run for run in blue if not in_a_link(run, rectangles)],
    )


def page_images(reader: PdfReader, page: int) -> list:
    """The image XObjects drawn on page ``page`` (1-based)."""
    resources = reader.pages[page - 1].get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return [
        xobject.get_object()
        for xobject in xobjects.values()
        if xobject.get_object().get("/Subtype") == "/Image"
    ]


def qr_modules(image, border: int) -> list[list[int]]:
    """The modules of a QR code printed one pixel a module (1 dark, 0 light), its quiet zone of
    ``border`` pixels cut off; from an 8-bit gray or RGB image XObject."""
    width, height = int(image["/Width"]), int(image["/Height"])
    data = image.get_data()
    channels = len(data) // (width * height)
    assert int(image["/BitsPerComponent"]) == 8 and channels in (1, 3), image
    rows = [
        [1 if data[(y * width + x) * channels] < 128 else 0 for x in range(width)]
        for y in range(height)
    ]
    return [row[border : width - border] for row in rows[border : height - border]]


# --- Where each chapter starts ---------------------------------------------------------------


def heading_text(chapter) -> str:
    """How a chapter's heading starts its page: its number (none for the summary), its title."""
    return flat(f"{chapter.number or ''} {chapter.title}")


def starts(page_text: str, chapter) -> bool:
    # Quarto's smart punctuation prints "China’s" where the title says "China's".
    return page_text.replace("\u2019", "'").startswith(heading_text(chapter))


def chapter_starts(chapters, texts: list[str]) -> dict[str, int]:
    """The page (1-based) each of the book's ``chapters`` opens with its heading, by the
    chapter's file name, in book order; ``texts``: each page's text."""
    found = {}
    for chapter in chapters:
        pages = [number for number, text in enumerate(texts, 1) if starts(text, chapter)]
        assert len(pages) == 1, (heading_text(chapter), pages)
        found[chapter.source.name] = pages[0]
    return found


def summary_pages(chapters, texts: list[str]) -> range:
    """The pages of the summary, the book's first chapter."""
    opening = list(chapter_starts(chapters, texts).values())
    return range(opening[0], opening[1])


def annex_start(chapters, texts: list[str]) -> int:
    """The annex's first page: its first appendix's."""
    annex = next(chapter for chapter in chapters if chapter.appendix)
    return chapter_starts(chapters, texts)[annex.source.name]
