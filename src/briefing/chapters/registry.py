"""Every chapter of the briefing, in book order: its slug, and the cells its page embeds.

A chapter's slug names all of its parts: the module ``briefing/chapters/<slug>.py``, the
notebook ``notebooks/<slug>.ipynb``, the page ``<slug>.qmd``, its executed notebook
``reports/executed/<slug>.ipynb`` and its CSV downloads (``<slug>*.csv``). The executive
summary comes first: its notebook ``notebooks/summary.ipynb`` draws on every chapter through
the package ``briefing/summary/`` (a layer above the chapters, which never import each other)
and its page is the book's front page, ``index.qmd``. `_quarto.yml` lists the pages in this
order; the test suite checks that all of them exist and that nothing unregistered does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing import paths


@dataclass(frozen=True)
class Chapter:
    slug: str
    appendix: bool = False
    # The page's name where it is not the slug: the summary is the book's front page, "index".
    page_name: str = ""
    # Where its computation lives, under src/briefing/, where it is not chapters/<slug>.py.
    code: str = ""
    # The declared tables whose rows its page shows: the Sources appendix links a table citing
    # a source to this page.
    tables: tuple[str, ...] = ()

    @property
    def notebook(self) -> Path:
        return paths.NOTEBOOKS / f"{self.slug}.ipynb"

    @property
    def page(self) -> Path:
        return paths.ROOT / f"{self.page_name or self.slug}.qmd"

    @property
    def href(self) -> str:
        """Its page on the site, relative to the site's root."""
        return f"{self.page_name or self.slug}.html"

    @property
    def module(self) -> str:
        """The file of its computation, relative to src/briefing/."""
        return self.code or f"chapters/{self.slug}.py"

    @property
    def executed(self) -> str:
        """The executed notebook, relative to the project root (as pages embed it)."""
        return f"reports/executed/{self.slug}.ipynb"

    def embed(self, label: str) -> str:
        """The shortcode a page uses to embed one labelled cell of this chapter's notebook."""
        return "{{< embed " + f"{self.executed}#{label}" + " >}}"


# The executive summary: the bottom line for the focus, the chapters' key numbers beside their
# values in the previous edition, the watch list, what changed since then, each chapter's lead
# finding and how recent each table is. It reaches every chapter through briefing/summary/
# (reading.py), the one way a chapter's numbers and findings come to the front page.
SUMMARY = Chapter(
    "summary",
    page_name="index",
    code="summary/__init__.py",
    # The watch list: the measures' statuses and deadlines.
    tables=("status_changes", "deadlines"),
)
CHAPTERS: tuple[Chapter, ...] = (
    SUMMARY,
    Chapter("adoption", tables=("restrictions",)),
    Chapter(
        "entity_list",
        tables=(
            "entity_list_by_year",
            "entity_list_rules",
            "entity_list_rules_from_snapshot",
            "entity_list_china_entries",
        ),
    ),
    Chapter("self_sufficiency", tables=("semiconductor_self_sufficiency",)),
    Chapter("alignment", tables=("milestones", "lag_pairs")),
    Chapter("china_measures", tables=("china_measures",)),
    Chapter("codebook", appendix=True),
    # Where the Entity List snapshot comes from and how its counts were checked.
    Chapter("methods", appendix=True, tables=("entity_list_reconciliation",)),
    Chapter("sources", appendix=True),
)


def notebooks() -> list[Path]:
    """The chapters' notebooks, in book order."""
    return [chapter.notebook for chapter in CHAPTERS]


def page_of(table: str) -> str | None:
    """The page showing a declared table's rows (None: no page shows them)."""
    return next((c.href for c in CHAPTERS if table in c.tables), None)


def by_slug(slug: str) -> Chapter:
    for chapter in CHAPTERS:
        if chapter.slug == slug:
            return chapter
    raise KeyError(slug)
