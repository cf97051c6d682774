"""The engines Quarto bundles, run directly: pandoc for the site, pandoc and typst for the PDF."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from rich.console import Console

from briefing import paths
from briefing.render import book as book_module
from briefing.render import pdf, print_rules, site
from briefing.render.engine import Edition


class FallbackEngine:
    name = "pandoc + typst"

    def version(self) -> str:
        return f"pypandoc-binary {metadata.version('pypandoc-binary')}, typst {metadata.version('typst')}"

    def render(self, project: Path, edition: Edition, console: Console) -> Path:
        """Render the book at ``project`` into ``project``/reports/site."""
        book = book_module.load(project)
        out = project / "reports" / "site"
        out.mkdir(parents=True)
        console.print("Rendering the site (pandoc)")
        site.render(
            book,
            out,
            executed_base=project,
            edition=edition.as_of,
            assets_dir=project / "assets",
            downloads=project / paths.DOWNLOADS_HREF,
            downloads_href=paths.DOWNLOADS_HREF,
        )
        console.print("Rendering the PDF (pandoc + typst)")
        pdf.render(
            book,
            out / book.pdf_name,
            work=project / "reports" / ".pdf",
            executed_base=project,
            meta=pdf.cover(book, edition),
            link_base=print_rules.link_base(book.site_url, edition.site_path),
        )
        return out
