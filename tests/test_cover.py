"""The PDF's cover: the edition's address and the QR code that encodes it, the same fields
for both engines (briefing.book.engines.cover)."""

from __future__ import annotations

import dataclasses
import struct
import zlib
from pathlib import Path

import segno
import typst
from pdf_checks import flat, page_images, qr_modules
from pypdf import PdfReader

from briefing.book import config as book_module
from briefing.book import print_rules
from briefing.book.engines import cover
from briefing.book.engines.registry import Edition

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://example.org/briefing/"


def png_modules(png: bytes, border: int) -> list[list[int]]:
    """The modules of a QR code in a PNG one pixel a module (1 dark), its quiet zone cut off;
    read with zlib alone (PNG signature, IHDR, IDAT chunks; filter type 0 on every row)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        chunks[kind] = chunks.get(kind, b"") + png[position + 8 : position + 8 + length]
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = (width * depth + 7) // 8
    rows = []
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        assert line[0] == 0, "a filtered row"
        bits = "".join(f"{byte:08b}" for byte in line[1:])[: width * depth : depth]
        # Greyscale (colour type 0) or a two-colour palette, dark written first by segno.
        rows.append([1 if bit == "0" else 0 for bit in bits])
    assert colour in (0, 3) and depth == 1
    return [row[border : width - border] for row in rows[border : height - border]]


def edition(site_path: str = "") -> Edition:
    return Edition("2020-06-30", "JP", "Built.", "Built from commit abc.", site_path)


def test_the_qr_code_encodes_the_editions_address():
    book = dataclasses.replace(book_module.load(ROOT), site_url=SITE)
    current = cover.cover(book, edition())
    archived = cover.cover(book, edition("editions/2020-06-30/"))
    assert current["site"] == SITE
    assert archived["site"] == SITE + "editions/2020-06-30/"
    for meta in (current, archived):
        # Read back from the PNG's pixels: the QR code of that address, module for module.
        expected = segno.make_qr(meta["site"], error="m", boost_error=False).matrix
        assert png_modules(meta["qr"], cover.QR_BORDER) == [list(row) for row in expected]
    assert current["qr"] != archived["qr"]


def test_without_a_site_address_the_cover_has_no_qr_code():
    book = dataclasses.replace(book_module.load(ROOT), site_url="")
    meta = cover.cover(book, edition())
    assert meta["site"] == "" and meta["qr"] is None
    assert "qr: none" in cover.meta_block(meta)


def test_the_cover_block_prints_the_code_as_typst_reads_it(tmp_path):
    """meta_block writes the PNG as typst bytes: the image the PDF holds is the same code."""
    book = dataclasses.replace(book_module.load(ROOT), site_url=SITE)
    meta = cover.cover(book, edition())
    source = cover.meta_block(meta) + '\n#image(meta.qr, scaling: "pixelated")\n'
    (tmp_path / "a.typ").write_text(source, encoding="utf-8")
    typst.compile(str(tmp_path / "a.typ"), output=str(tmp_path / "a.pdf"), root=str(tmp_path))
    (image,) = page_images(PdfReader(tmp_path / "a.pdf"), 1)
    assert qr_modules(image, cover.QR_BORDER) == png_modules(meta["qr"], cover.QR_BORDER)
    # Text stays a typst string: data never becomes markup.
    assert 'title: "The tech-controls briefing"' in cover.meta_block(meta)


def test_without_an_address_the_covers_back_says_why_there_is_no_qr_code(tmp_path):
    """The fallback's document (the cover's fields, the print rules, the page design) with no
    site address known: no image on the cover, and its back says so under the colophon."""
    book = dataclasses.replace(book_module.load(ROOT), site_url="")
    source = "\n".join(
        [
            cover.meta_block(cover.cover(book, edition())),
            print_rules.typst_header(),
            (ROOT / "src" / "briefing" / "templates" / "book.typ").read_text(encoding="utf-8"),
            "= A chapter\n\nText.",
        ]
    )
    (tmp_path / "a.typ").write_text(source, encoding="utf-8")
    typst.compile(str(tmp_path / "a.typ"), output=str(tmp_path / "a.pdf"), root=str(tmp_path))
    reader = PdfReader(tmp_path / "a.pdf")
    front, back = (flat(page.extract_text()) for page in reader.pages[:2])
    assert page_images(reader, 1) == [] and "Edition of 30 June 2020" in front
    assert "Built from commit abc." not in front
    assert back.startswith("Contents") and "Built from commit abc." in back
    assert "No site address was known" in back
