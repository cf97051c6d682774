"""The engines Quarto bundles, run directly: pandoc for the site, pandoc and typst for the PDF."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from briefing import paths
from briefing.render import book as book_module
from briefing.render import pdf, site


def render(root: Path, stage: Path, *, edition: str, title_page: str, console: Console) -> None:
    """Render the book at ``root`` from the notebooks in ``stage``/executed into ``stage``/site."""
    book = book_module.load(root)
    base = _staged_root(stage)
    stage_site = stage / "site"
    stage_site.mkdir(parents=True)
    console.print("Rendering the site (pandoc)")
    site.render(
        book,
        stage_site,
        executed_base=base,
        edition=edition,
        assets_dir=paths.ASSETS,
        downloads=stage / "downloads",
        downloads_href=paths.DOWNLOADS_HREF,
    )
    console.print("Rendering the PDF (pandoc + typst)")
    pdf.render(
        book,
        stage_site / book.pdf_name,
        work=stage / "pdf",
        executed_base=base,
        meta={
            "title": book.title,
            "subtitle": book.subtitle,
            "edition": edition,
            "provenance": title_page,
        },
    )


def _staged_root(stage: Path) -> Path:
    """A folder where reports/executed/ points at the staged notebooks, for embed paths."""
    root = stage / "root"
    (root / "reports").mkdir(parents=True, exist_ok=True)
    link = root / "reports" / "executed"
    if not link.exists():
        link.symlink_to(stage / "executed", target_is_directory=True)
    return root
