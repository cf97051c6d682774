"""The PDF to hand round: its cover, numbering, links, tables, chart text and alt text.

The `built` checks read the PDF of the session's build, whichever engine made it (Quarto where
it is on PATH, else the fallback: see conftest.py), and hold for both. The others assemble a
document as Quarto 1.10.18 does, from the partials _quarto.yml names, expanded by pandoc, and
a body shaped as Quarto writes it (figures of kind "quarto-float-fig"/"quarto-float-tbl",
src/resources/filters/layout/typst.lua; the appendices opened by orange-book.lua), and test
the functions that write Quarto's edition files.
"""

from __future__ import annotations

import base64
import dataclasses
import re
import struct
import subprocess
import zlib
from pathlib import Path

import nbformat
import pytest
import typst
import yaml
from pdf_checks import (
    alt_texts,
    blue_text,
    flat,
    link_targets,
    page_images,
    placed_images,
    placed_text,
    qr_modules,
    summary_pages,
)
from project_copy import SITE_URL
from pypdf import PdfReader

from briefing.book import config as book_module
from briefing.book import images, print_rules
from briefing.book.engines import cover as pdf_module
from briefing.book.engines import quarto
from briefing.book.engines.fallback import pandoc
from briefing.book.engines.registry import Edition
from briefing.charts import image_size
from briefing.mime import IMAGE_PNG
from briefing.outputs import display

ROOT = Path(__file__).resolve().parents[1]
# A page with less text than this and no image is "nearly blank".
NEARLY_BLANK = 120


@pytest.fixture(scope="module")
def pdf(built) -> PdfReader:
    return PdfReader(built / "reports" / "site" / "briefing.pdf")


@pytest.fixture(scope="module")
def texts(pdf) -> list[str]:
    return pages_text(pdf)


def pages_text(reader: PdfReader) -> list[str]:
    return [flat(page.extract_text()) for page in reader.pages]


def chart_outputs(root: Path) -> list[dict]:
    """Every chart output of the executed notebooks: its PNG's pixel size and its metadata."""
    found = []
    for path in sorted((root / "reports" / "executed").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                if IMAGE_PNG in output.get("data", {}):
                    png = base64.b64decode(output["data"][IMAGE_PNG])
                    width, height = struct.unpack(">II", png[16:24])
                    meta = output.get("metadata", {}).get(print_rules.CHART_METADATA, {})
                    found.append({"size": (width, height), **meta})
    return found


# --- the PDF the fallback renderer builds ---------------------------------------------------


@pytest.mark.e2e
def test_the_cover_names_title_edition_organisation_scope_and_address(built, texts):
    book = book_module.load(built)
    cover = texts[0]
    assert book.title in cover
    assert "Edition of 1 November 2026" in cover
    assert book.author and f"Published by {book.author}" in cover
    assert book.description and flat(book.description) in cover
    assert SITE_URL in cover
    # The colophon is on the cover's back, under the contents, not on its front.
    assert "Built from commit" not in cover and "Build time" not in cover
    assert texts[1].startswith("Contents") and "About this edition Built from commit" in texts[1]


@pytest.mark.e2e
def test_no_page_is_nearly_blank(pdf, texts):
    counts = {image.page for image in placed_images(pdf)}
    for number, text in enumerate(texts, start=1):
        assert len(text) >= NEARLY_BLANK or number in counts, f"page {number}: {text!r}"


# templates/book.typ: `margin: (x: 2.2cm, y: margin-y)`, margin-y 2.4 cm, in points.
MARGIN_Y_PT = 2.4 / 2.54 * 72


@pytest.mark.e2e
def test_nothing_prints_in_the_margins_but_one_page_number(pdf):
    """No table row runs past the foot of the text block, and each page has one number."""
    for number, page in enumerate(pdf.pages, start=1):
        height = float(page.mediabox.height)
        placed = placed_text(page)
        assert placed, f"page {number} is blank"
        below = [text for y, text in placed if y < MARGIN_Y_PT - 1]
        above = [text for y, text in placed if y > height - MARGIN_Y_PT + 1]
        assert above == [], (number, above)
        # The cover and its back (the contents) have no number; the summary's first page is 1.
        assert below == ([] if number <= 2 else [str(number - 2)]), (number, below)


@pytest.mark.e2e
def test_every_link_is_absolute_or_internal_and_downloads_point_at_the_site(pdf):
    site = SITE_URL
    links = link_targets(pdf)
    external = [uri for _, uri in links if uri is not None]
    assert external, "the PDF has no links"
    for page, uri in links:
        assert uri is None or re.match(r"https?://", uri), f"page {page}: relative link {uri}"
    downloads = [uri for uri in external if uri.endswith(".csv")]
    assert len(downloads) >= 8
    assert all(uri.startswith(f"{site}reports/downloads/") for uri in downloads), downloads


@pytest.mark.e2e
def test_figures_and_tables_are_numbered_within_their_chapter_as_on_the_site(built, texts):
    text = " ".join(texts)
    assert "Figure 1.1:" in text and "Table 1.1:" in text and "Table A.1:" in text
    # The summary, before the first chapter, numbers its captions 1, 2 (no chapter number 0);
    # every other caption carries its chapter's.
    summary = summary_pages(book_module.load(built).chapters, texts)
    rest = " ".join(texts[summary.stop - 1 :])
    assert not re.search(r"(?:Figure|Table) \d+:", rest)
    assert not re.search(r"(?:Figure|Table) 0\.", text)
    # Captions keep the order of their chapters: 1.1, 1.2, ... then 2.1.
    figures = re.findall(r"Figure (\d+)\.(\d+):", text)
    assert figures == sorted(figures, key=lambda f: (int(f[0]), int(f[1])))
    assert ("2", "1") in figures


@pytest.mark.e2e
def test_chart_text_prints_at_least_8_pt(built, pdf):
    charts = {chart["size"]: chart for chart in chart_outputs(built)}
    placed = [image for image in placed_images(pdf) if image.page != 1]  # the cover's QR code
    assert len(placed) == len(chart_outputs(built)) >= 10
    for image in placed:
        chart = charts[(image.pixel_width, image.pixel_height)]
        # One image pixel prints at printed_width / pixel_width points; a CSS pixel of the
        # chart is STATIC_SCALE image pixels.
        point_per_css_px = image.printed_width_pt / image.pixel_width * image_size.STATIC_SCALE
        smallest = chart["min_font_px"] * point_per_css_px
        assert smallest >= image_size.PRINT_MIN_FONT_PT - 0.01, (image, chart["min_font_px"])


@pytest.mark.e2e
def test_every_figure_carries_its_charts_alt_text(built, pdf):
    alts = [chart["alt"] for chart in chart_outputs(built)]
    assert alts and all(alts)
    # And the cover's QR code says what it encodes.
    assert sorted(alt_texts(pdf)) == sorted([*alts, f"QR code of {SITE_URL}"])


def table_pages(texts: list[str], caption: str, end: str) -> list[int]:
    """The pages from the one with the table's caption (a pattern) to the one with ``end``."""
    start = next(i for i, text in enumerate(texts) if re.search(caption, text))
    stop = next(i for i in range(start, len(texts)) if end in texts[i])
    return list(range(start, stop + 1))


@pytest.mark.e2e
def test_long_tables_repeat_their_header_and_keep_descriptions_and_sources(texts):
    events = table_pages(texts, r"Table A\.\d+: Measures on Huawei", "Table A.2:")
    assert len(events) >= 3
    for index in events:
        assert "Date Jurisdiction Strength Status What Source" in texts[index], index + 1
    sources = table_pages(
        texts, r"Table [A-Z]\.\d+: Every source cited", "The list of sources (CSV)"
    )
    assert len(sources) >= 3
    for index in sources:
        assert "Publisher Kind Date Source" in texts[index], index + 1


# --- the same rules on Quarto-shaped typst, and Quarto's edition files ---------------------


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def quarto_figure(label: str, caption: str) -> str:
    # make_typst_figure (src/resources/filters/layout/typst.lua), with pandoc's image inside.
    return (
        '#figure([#box(image("chart.png"))], caption: figure.caption(position: bottom, '
        f'[\n{caption}\n]), kind: "quarto-float-fig", supplement: "Figure", )'
        f"<{label}>\n\n"
    )


def quarto_table(label: str, caption: str, rows: int) -> str:
    cells = "".join(f"[2020-01-{n % 28 + 1:02d}], [Row {n}],\n" for n in range(rows))
    return (
        "#figure([#table(columns: (20%, 80%), align: (auto,auto,),\n"
        "table.header([Date], [Source],), table.hline(),\n"
        f"{cells})], caption: figure.caption(position: top, [\n{caption}\n]), "
        f'kind: "quarto-float-tbl", supplement: "Table", )<{label}>\n\n'
    )


# Quarto's typst template (src/resources/formats/typst/pandoc/quarto/template.typ), cut to
# what the briefing's partials meet: the typst-show partial, include-before, the body.
QUARTO_TEMPLATE = """$typst-show.typ()$

$for(include-before)$
$include-before$
$endfor$

$body$
"""


# A cross-reference as Quarto writes it (src/resources/filters/crossref/...: `#ref(<label>,
# supplement: [Figure])`), to the first figure of chapter 1.
QUARTO_REFERENCE = "#ref(<fig-one>, supplement: [Figure])"


@pytest.fixture(scope="module")
def quarto_shaped(tmp_path_factory) -> PdfReader:
    """The book as Quarto 1.10.18 assembles it: pandoc expands the partials _quarto.yml names
    (staged beside the template, as Quarto stages them), the chapters are level-1 headings,
    and orange-book.lua opens the appendices."""
    work = tmp_path_factory.mktemp("quarto-typst")
    (work / "chart.png").write_bytes(tiny_png())
    (work / "wide.png").write_bytes(tiny_png(3000, 20))
    templates = work / "template"
    templates.mkdir()
    (templates / "template.typ").write_text(QUARTO_TEMPLATE, encoding="utf-8")
    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    for partial in config["format"]["typst"]["template-partials"]:
        (templates / Path(partial).name).write_bytes((ROOT / partial).read_bytes())
    edition = Edition("2026-11-01", "JP", "Built from commit abc.", "Built from commit abc.")
    book = dataclasses.replace(book_module.load(ROOT), site_url=SITE_URL)
    (work / quarto.COVER_FILE).parent.mkdir(parents=True)
    (work / quarto.COVER_FILE).write_text(
        pdf_module.meta_block(pdf_module.cover(book, edition)), encoding="utf-8"
    )
    rules = work / "rules.typ"
    rules.write_text(
        print_rules.edition_rules(
            "https://example.org/briefing/", {"fig-one": "Alt one", "fig-two": "Alt two"}
        ),
        encoding="utf-8",
    )
    body = (
        "#heading(level: 1, numbering: none)[Executive summary]\n\nThe summary: see "
        + QUARTO_REFERENCE
        + ', and #link("editions/index.html")[earlier editions].\n\n'
        "= Adoption\n\n"
        + quarto_figure("fig-one", "First chart")
        + '#link("reports/downloads/adoption_events.csv")[The measures (CSV)]\n\n'
        + "= Entity List\n\n"
        + quarto_figure("fig-two", "Second chart")
        + quarto_table("tbl-long", "A long table", 160)
        + '#link("https://example.org/source")[A source] #link(<fig-one>)[back]\n\n'
        + f"As {QUARTO_REFERENCE} showed.\n\n"
        + '#box(image("wide.png"))\n\n'
        + '#show: appendices.with("Appendices", hide-parent: true)\n'
        + "#heading(level: 1, numbering: none)[Appendices]\n"
        + "= Codebook\n\n"
        + quarto_table("tbl-codes", "The codes", 3)
    )
    source = pandoc.run(
        ["--from", "markdown", "--to", "typst", "--template", str(templates / "template.typ")]
        + ["--include-before-body", str(rules)],
        f"```{{=typst}}\n{body}\n```\n",
    )
    (work / "book.typ").write_text(source, encoding="utf-8")
    typst.compile(str(work / "book.typ"), output=str(work / "book.pdf"), root=str(work))
    return PdfReader(work / "book.pdf")


def test_quarto_figures_and_tables_are_numbered_within_their_chapter(quarto_shaped):
    text = " ".join(pages_text(quarto_shaped))
    assert "Figure 1.1: First chart" in text
    assert "Figure 2.1: Second chart" in text
    assert "Table 2.1: A long table" in text
    # Quarto writes a caption's text on lines of its own: one space after the colon, not two.
    assert "Table 2.1: A long" in " ".join(p.extract_text() for p in quarto_shaped.pages)
    # The appendix is lettered, and orange-book.lua's own "Appendices" heading is not printed.
    assert "Table A.1: The codes" in text and "A Codebook" in text
    assert "Appendices" not in text


def test_quartos_book_has_the_fallbacks_cover_contents_and_page(quarto_shaped):
    texts = pages_text(quarto_shaped)
    book = book_module.load(ROOT)
    assert book.title in texts[0] and book.subtitle in texts[0]
    assert "Edition of 2026-11-01" in texts[0] and SITE_URL in texts[0]
    assert "Built from commit abc." not in texts[0]
    # The cover's back: the contents, and the colophon at its foot.
    assert texts[1].startswith("Contents") and "Built from commit abc." in texts[1]
    (image,) = page_images(quarto_shaped, 1)
    assert qr_modules(image, pdf_module.QR_BORDER) == [
        list(row) for row in pdf_module.qr_code(SITE_URL).matrix
    ]
    # One page number a page, at its foot (from the summary on), and no blank page.
    for number, text in enumerate(texts[2:], start=1):
        assert text.endswith(f" {number}") and text.count(f" {number}") >= 1, text[-80:]
        assert len(text) > 20, number
    # The text block the charts are drawn for: a wide image prints at its width.
    widths = [image.printed_width_pt for image in placed_images(quarto_shaped)]
    assert max(widths) == pytest.approx(image_size.PRINT_WIDTH_PT, abs=0.5)


def test_quartos_chapters_each_start_a_page(quarto_shaped):
    texts = pages_text(quarto_shaped)
    for heading in ("Executive summary", "1 Adoption", "2 Entity List", "A Codebook"):
        assert [text for text in texts if text.startswith(heading)], heading
    assert texts[2].startswith("Executive summary")


def test_quarto_references_print_the_figures_number_as_a_blue_link(quarto_shaped):
    texts = pages_text(quarto_shaped)
    # From the unnumbered summary and from chapter 2, Figure 1.1 (not 0.1 or 2.1).
    assert "The summary: see Figure 1.1, and earlier editions." in texts[2]
    assert "As Figure 1.1 showed." in " ".join(texts)
    assert not re.search(r"Figure [02]\.1[^:]", " ".join(texts))
    linked, unlinked = blue_text(quarto_shaped)
    assert unlinked == []
    # The summary's reference, its link to the earlier editions and chapter 2's reference.
    assert {run.page for run in linked} >= {3}
    assert [uri for page, uri in link_targets(quarto_shaped) if page == 3].count(None) >= 1


def test_quarto_links_become_absolute_and_internal_ones_stay(quarto_shaped):
    uris = [uri for _, uri in link_targets(quarto_shaped)]
    assert "https://example.org/briefing/reports/downloads/adoption_events.csv" in uris
    assert "https://example.org/source" in uris
    assert None in uris  # the link to a label stays inside the document


def test_quarto_figures_get_their_alt_text(quarto_shaped):
    # The cover's QR code says what it encodes.
    assert sorted(alt_texts(quarto_shaped)) == ["Alt one", "Alt two", f"QR code of {SITE_URL}"]


def test_a_long_quarto_table_breaks_with_its_header_on_every_page(quarto_shaped):
    texts = pages_text(quarto_shaped)
    # The long table's pages (the codebook's short table follows on a page of its own).
    with_rows = [t for t in texts if re.search(r"Row \d+", t) and not t.startswith("A Codebook")]
    assert len(with_rows) >= 2 and "Row 159" in with_rows[-1]
    for text in with_rows:
        assert text.count("Date Source") >= 1, text[:200]
    # The caption stands above the table, on the page where it starts.
    first = with_rows[0]
    assert first.index("Table 2.1: A long table") < first.index("Row 0")


def quarto_notebook(path: Path, alt: str) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("#| label: fig-adoption-curve\n#| fig-cap: A chart\nfig")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={IMAGE_PNG: base64.b64encode(tiny_png()).decode(), "text/html": "<div></div>"},
            metadata={print_rules.CHART_METADATA: {"alt": alt, "min_font_px": 13}},
        )
    ]
    table = nbformat.v4.new_code_cell("#| label: tbl-x\ntable")
    nb.cells = [cell, table]
    nbformat.write(nb, path)


def test_quartos_edition_files_carry_cover_sidebar_line_links_and_alt_text(tmp_path, monkeypatch):
    monkeypatch.setenv(book_module.SITE_URL_VARIABLE, SITE_URL)
    root = Path(__file__).resolve().parents[1]
    for name in ["_quarto.yml", *(p.name for p in root.glob("*.qmd"))]:
        (tmp_path / name).write_text((root / name).read_text(encoding="utf-8"), encoding="utf-8")
    executed = tmp_path / "reports" / "executed"
    executed.mkdir(parents=True)
    quarto_notebook(executed / "adoption.ipynb", 'Stacked "step" chart')
    book = book_module.load(tmp_path)
    edition = Edition(
        as_of="2020-06-30",
        focus="JP",
        built="Built from commit abc for JP as of 2020-06-30.",
        title_page="Built from commit abc for JP as of 2020-06-30.",
        site_path="editions/2020-06-30/",
    )
    quarto.write_edition_files(tmp_path, edition)
    # The cover's fields are the fallback's; the site's sidebar gets the one line.
    cover = (tmp_path / quarto.COVER_FILE).read_text(encoding="utf-8")
    assert cover == pdf_module.meta_block(pdf_module.cover(book, edition)) + "\n"
    assert '"2020-06-30"' in cover and book.author in cover and book.subtitle in cover
    metadata = yaml.safe_load((tmp_path / quarto.METADATA_FILE).read_text(encoding="utf-8"))
    assert metadata == {"book": {"page-footer": {"center": edition.built}}}
    block = (tmp_path / quarto.TYPST_BLOCK).read_text(encoding="utf-8")
    assert f'"{book.site_url}editions/2020-06-30/"' in block
    assert '#show <fig-adoption-curve>: set image(alt: "Stacked \\"step\\" chart")' in block


def test_figure_alts_come_from_chart_outputs_only(tmp_path):
    quarto_notebook(tmp_path / "a.ipynb", "The alt")
    nb = nbformat.read(tmp_path / "a.ipynb", as_version=4)
    assert print_rules.figure_alts([nb]) == {"fig-adoption-curve": "The alt"}
    nb.cells[0].outputs[0]["metadata"] = {}
    assert print_rules.figure_alts([nb]) == {}


def test_edition_rules_never_turn_data_into_markup():
    rules = print_rules.edition_rules(
        "https://x.org/", {"fig-a": '#a $b$ \\ "c"\n', "bad label": "x"}
    )
    assert '#show <fig-a>: set image(alt: "#a $b$ \\\\ \\"c\\"\\n")' in rules
    assert "bad label" not in rules
    assert print_rules.link_base("https://x.org/b/", "") == "https://x.org/b/"
    assert print_rules.link_base("https://x.org/b", "editions/2020-06-30/") == (
        "https://x.org/b/editions/2020-06-30/"
    )


def test_the_site_url_comes_from_the_environment_then_quarto_yml_then_the_github_remote(
    tmp_path, monkeypatch
):
    monkeypatch.delenv(book_module.SITE_URL_VARIABLE, raising=False)
    config = {"book": {"site-url": "https://briefing.example.org/b"}}
    assert book_module.site_url({}, tmp_path) == ""  # not a checkout, nothing declared
    assert book_module.site_url(config, tmp_path) == "https://briefing.example.org/b/"
    monkeypatch.setenv(book_module.SITE_URL_VARIABLE, "https://mirror.example.org/x")
    assert book_module.site_url(config, tmp_path) == "https://mirror.example.org/x/"
    monkeypatch.delenv(book_module.SITE_URL_VARIABLE)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:Acme/Briefing.git"],
        check=True,
    )
    assert book_module.site_url({}, tmp_path) == "https://acme.github.io/Briefing/"


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("https://github.com/acme/briefing.git", "https://acme.github.io/briefing/"),
        ("https://github.com/acme/briefing", "https://acme.github.io/briefing/"),
        ("git@github.com:Acme/acme.github.io.git", "https://acme.github.io/"),
        ("https://gitlab.com/acme/briefing.git", ""),
        ("", ""),
    ],
)
def test_github_remotes_give_their_pages_address(remote, url):
    assert book_module.github_pages_url(remote) == url


def test_without_a_site_address_relative_links_keep_their_text_and_lose_the_link(tmp_path):
    source = (
        print_rules.typst_header()
        + print_rules.edition_rules("", {})
        + '#link("reports/downloads/x.csv")[The table (CSV)] #link("https://example.org/s")[A source]'
    )
    (tmp_path / "a.typ").write_text(source, encoding="utf-8")
    typst.compile(str(tmp_path / "a.typ"), output=str(tmp_path / "a.pdf"), root=str(tmp_path))
    reader = PdfReader(tmp_path / "a.pdf")
    assert "The table (CSV)" in pages_text(reader)[0]
    assert [uri for _, uri in link_targets(reader)] == ["https://example.org/s"]
    # The text left without its link is not in the link colour; the link is.
    linked, unlinked = blue_text(reader)
    assert linked and unlinked == []


# --- chart text at print size, table widths ------------------------------------------------


def test_a_chart_too_tall_for_the_page_gets_a_floor_that_still_prints_at_8_pt():
    # A chart 1,210 px tall prints narrower than the text block: the page's height decides.
    tall = 1210
    points_per_px = image_size.PRINT_HEIGHT_PT / tall
    assert points_per_px < image_size.PRINT_WIDTH_PT / image_size.STATIC_WIDTH
    floor = images.min_font_px(tall)
    assert floor * points_per_px >= image_size.PRINT_MIN_FONT_PT > (floor - 1) * points_per_px
    assert floor > images.min_font_px()
    printed = images.for_print({"data": [], "layout": {"height": tall, "font": {"size": 10}}})
    assert printed["layout"]["font"]["size"] == floor
    # A chart that fits at full width keeps the full-width floor.
    assert images.min_font_px(400) == images.min_font_px()


def test_print_copies_raise_every_font_to_the_floor():
    floor = images.min_font_px()
    # The floor is the smallest CSS-pixel size that prints at 8 pt across the text block.
    assert (
        floor * image_size.PRINT_WIDTH_PT / image_size.STATIC_WIDTH >= image_size.PRINT_MIN_FONT_PT
    )
    assert (
        floor - 1
    ) * image_size.PRINT_WIDTH_PT / image_size.STATIC_WIDTH < image_size.PRINT_MIN_FONT_PT
    figure = {
        "data": [{"type": "bar", "textfont": {"size": [9, 30]}}],
        "layout": {
            "template": {"layout": {"font": {"size": 10}}},
            "annotations": [{"text": "Source", "font": {"size": 11}}],
            "yaxis": {"tickfont": {"size": 10}},
            "title": {"text": "T", "subtitle": {"text": "S"}},
        },
    }
    printed = images.for_print(figure)
    assert figure["layout"]["annotations"][0]["font"]["size"] == 11  # the original is untouched
    assert printed["layout"]["annotations"][0]["font"]["size"] == floor
    assert printed["layout"]["yaxis"]["tickfont"]["size"] == floor
    assert printed["data"][0]["textfont"]["size"] == [floor, 30]
    assert printed["layout"]["font"]["size"] == floor
    assert printed["layout"]["title"]["subtitle"]["font"]["size"] == floor
    assert images.smallest_font_px(printed) == floor


def test_printed_columns_give_a_date_its_line_and_a_description_the_most_room():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "Date": ["2026-02-19"] * 5,
            "Status": ["In force", "Superseded", "In force", "Announced", "In force"],
            "What": ["A long description of what the measure does, " * 4] * 5,
            "Source": ["Publisher of the source (2026-02-19)"] * 5,
        }
    )
    date, status, what, source = display.column_weights(frame, list(frame.columns))
    assert date >= len("2026-02-19") and status >= len("Superseded")
    assert what > source > date
    rule = display.table_markdown(frame, list(frame.columns), {}).splitlines()[1]
    assert [len(cell) for cell in rule.strip("|").split("|")] == [date, status, what, source]


def test_an_earlier_edition_links_into_its_folder_of_the_archive(tmp_path, monkeypatch):
    from briefing import paths
    from briefing.book import editions

    site = tmp_path / "site"
    site.mkdir()
    (site / editions.RECORD).write_text('{"as_of": "2026-11-01", "focus": "JP"}')
    monkeypatch.setattr(paths, "SITE", site)
    earlier = editions.target(editions.Edition("2020-06-30", "KR"), site)
    later = editions.target(editions.Edition("2026-11-30", "JP"), site)
    assert editions.site_path(earlier, site) == "editions/2020-06-30-KR/"
    assert editions.site_path(later, site) == ""
