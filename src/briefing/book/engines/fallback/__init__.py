"""The engines Quarto bundles, run directly: pandoc for the site, pandoc and typst for the PDF."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from rich.console import Console

from briefing import paths, translation
from briefing.book import config as book_module
from briefing.book import print_rules
from briefing.book.engines import cover, registry
from briefing.book.engines.registry import Edition
from briefing.book.project import language_folder


# The site and PDF modules (typst, nbformat, pandoc's wrapper) are imported where they render:
# a build with nothing to render only asks the engine's version.
class FallbackEngine:
    name = "pandoc + typst"
    # Each language renders into its own folders (its site, its PDF's work): the editions in
    # several languages render side by side.
    renders_languages_at_once = True

    @staticmethod
    def unavailable() -> str | None:
        return None  # its wheels are dependencies of the project

    def version(self) -> str:
        return f"pypandoc-binary {metadata.version('pypandoc-binary')}, typst {metadata.version('typst')}"

    def render(self, project: Path, edition: Edition, console: Console) -> Path:
        """Render the book at ``project`` in the edition's language into ``project``/reports/site
        (English) or its language's folder there (reports/site/ja)."""
        book = book_module.load(project, edition.language)
        out = project / "reports" / "site" / language_folder(edition.language)
        # English's folder holds the others': whichever starts first makes it.
        out.mkdir(parents=True, exist_ok=edition.language == translation.SOURCE)
        console.print("Rendering the site (pandoc) and the PDF (pandoc + typst)")
        # Side by side: typst compiles without holding the interpreter while pandoc renders pages.
        with ThreadPoolExecutor(max_workers=2) as pool:
            pages = pool.submit(self._site, book, out, project, edition)
            printed = pool.submit(self._pdf, book, out, project, edition)
            pages.result()
            printed.result()
        return out

    @staticmethod
    def _site(book, out: Path, project: Path, edition: Edition) -> None:
        from briefing.book.engines.fallback import site

        site.render(
            book,
            out,
            edition=edition.as_of,
            assets_dir=project / "assets",
            downloads=project / paths.DOWNLOADS_HREF,
            downloads_href=paths.DOWNLOADS_HREF,
        )

    @staticmethod
    def _pdf(book, out: Path, project: Path, edition: Edition) -> None:
        from briefing.book.engines.fallback import pdf

        pdf.render(
            book,
            out / book.pdf_name,
            work=project / "reports" / f".pdf-{edition.language}",
            meta=cover.cover(book, edition),
            link_base=print_rules.link_base(book.site_url, edition.site_path),
        )


registry.register("fallback", FallbackEngine, rank=1)
