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
