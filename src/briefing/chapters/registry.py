"""Every chapter of the briefing, in book order: its slug, and what the summary takes from it.

A chapter's slug names all of its parts: the module ``briefing/chapters/<slug>.py``, the
notebook ``notebooks/<slug>.ipynb``, the page ``<slug>.qmd``, its executed notebook
``reports/executed/<slug>.ipynb`` and its CSV downloads (``<slug>*.csv``). `_quarto.yml`
lists the pages in this order and `index.qmd` embeds each chapter's summary cells; the test
suite checks that all of them exist and that nothing unregistered does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing import paths


@dataclass(frozen=True)
class Chapter:
    slug: str
    # Labelled cells of the chapter's notebook that the executive summary embeds.
    summary: tuple[str, ...] = ("findings",)
    appendix: bool = False

    @property
    def notebook(self) -> Path:
        return paths.NOTEBOOKS / f"{self.slug}.ipynb"

    @property
    def page(self) -> Path:
        return paths.ROOT / f"{self.slug}.qmd"

    @property
    def executed(self) -> str:
        """The executed notebook, relative to the project root (as pages embed it)."""
        return f"reports/executed/{self.slug}.ipynb"

    def embed(self, label: str) -> str:
        """The shortcode a page uses to embed one labelled cell of this chapter's notebook."""
        return "{{< embed " + f"{self.executed}#{label}" + " >}}"


# Every chapter's `key-numbers` cell shows the numbers it sets apart at the top of the summary
# (briefing.chapters.findings.KeyNumber); the sources appendix's cells say what changed since
# the previous edition, which deadlines fall near the edition's date, and how fresh each
# table is.
CHAPTERS: tuple[Chapter, ...] = (
    Chapter("adoption", summary=("key-numbers", "findings")),
    Chapter("entity_list", summary=("key-numbers", "findings")),
    Chapter("self_sufficiency", summary=("key-numbers", "key-finding")),
    Chapter("alignment", summary=("key-numbers", "findings")),
    Chapter("china_measures", summary=("key-numbers", "findings")),
    Chapter("codebook", summary=(), appendix=True),
    # Where the Entity List snapshot comes from and how its counts were checked.
    Chapter("methods", summary=(), appendix=True),
    Chapter("sources", summary=("what-changed", "tbl-watch-list", "freshness"), appendix=True),
)


def notebooks() -> list[Path]:
    """The chapters' notebooks, in book order."""
    return [chapter.notebook for chapter in CHAPTERS]


def by_slug(slug: str) -> Chapter:
    for chapter in CHAPTERS:
        if chapter.slug == slug:
            return chapter
    raise KeyError(slug)
