"""The HTML site: one page per chapter plus index.html, navigation, one local plotly.js."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

from briefing import translation
from briefing.book import assets, quarto_output
from briefing.book.config import Book, Chapter
from briefing.book.engines.fallback import crossref, embed, pandoc
from briefing.translation import gettext


def render(
    book: Book,
    site: Path,
    *,
    edition: str,
    assets_dir: Path,
    downloads: Path,
    downloads_href: str,
) -> list[Path]:
    """Write every chapter page into ``site`` (which the caller has emptied)."""
    assets.copy_into(site, assets_dir)
    if downloads.is_dir():
        # Same place as Quarto's `resources` puts them: their path relative to the project.
        shutil.copytree(downloads, site / downloads_href)
    templates = resources.files("briefing") / "templates"
    (site / "assets" / "briefing.css").write_text(site_css(), encoding="utf-8")
    template = site.parent / ".page-template.html"
    template.write_bytes((templates / "page.html").read_bytes())
    targets = crossref.index(book, target="html")

    def render_chapter(index: int) -> Path:
        chapter = book.chapters[index]
        return _render_chapter(book, index, chapter, site, edition, template, targets)

    try:
        # Each page is its own pandoc process: they run side by side.
        with ThreadPoolExecutor() as pool:
            return list(pool.map(render_chapter, range(len(book.chapters))))
    finally:
        template.unlink(missing_ok=True)


def _render_chapter(
    book: Book,
    index: int,
    chapter: Chapter,
    site: Path,
    edition: str,
    template: Path,
    targets: dict[str, crossref.Target],
) -> Path:
    markdown = embed.expand_chapter(
        chapter, target="html", figures=site / "figures", language=book.language
    )
    markdown = crossref.resolve(markdown, targets, target="html", page=chapter.href)
    metadata = {
        "title": chapter.title,
        "pagetitle": chapter.title,
        "number": chapter.number or "",
        "book-title": book.title,
        "lang": book.language,
        "words": interface_words(book.language, edition),
        "pdf": book.pdf_name,
        "nav": [
            {
                "href": other.href,
                "title": other.title,
                "number": other.number or "",
                "current": other is chapter,
            }
            for other in book.chapters
        ],
        "prev": _link(book.chapters[index - 1]) if index > 0 else {},
        "next": _link(book.chapters[index + 1]) if index + 1 < len(book.chapters) else {},
    }
    meta_file = site.parent / f".meta-{chapter.source.stem}.json"
    meta_file.write_text(json.dumps(metadata), encoding="utf-8")
    try:
        html = pandoc.run(
            [
                "--from",
                pandoc.MARKDOWN,
                "--to",
                "html5",
                "--standalone",
                "--template",
                str(template),
                "--metadata-file",
                str(meta_file),
                "--toc",
                "--toc-depth=2",
                "--section-divs",
            ],
            markdown,
        )
    finally:
        meta_file.unlink(missing_ok=True)
    page = site / chapter.href
    page.write_text(html, encoding="utf-8")
    return page


def interface_words(language: str, edition: str) -> dict[str, str]:
    """The words the page design says, in the edition's language (Quarto says its own)."""
    return {
        "chapters": gettext("Chapters", language),
        "edition": gettext("Edition of {date}", language).format(
            date=translation.date(dt.date.fromisoformat(edition), language)
        ),
        "download": gettext("Download the briefing (PDF)", language),
        "on-this-page": gettext("On this page", language),
    }


def _link(chapter: Chapter) -> dict:
    return {"href": chapter.href, "title": chapter.title}


def site_css() -> str:
    """The site's style sheet: the page design (templates/briefing.css), then the summary's
    rules, which briefing.scss gives Quarto's pages too."""
    design = (resources.files("briefing") / "templates" / "briefing.css").read_text(
        encoding="utf-8"
    )
    return design + quarto_output.LANGUAGE_RULES + quarto_output.SUMMARY_RULES
