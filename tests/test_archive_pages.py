"""The archive's pages: the list of editions in the frame of a home page, and the banner that
marks every page of an archived edition (machinery only: no build)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup

from briefing import mime
from briefing.book import archive_banner, archive_page, editions
from briefing.book import edition as edition_record

# The parts of a home page as the fallback writes it (templates/page.html), cut down.
FALLBACK_HOME = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Executive summary – The tech-controls briefing</title>
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/briefing.css">
<script src="assets/plotly.min.js"></script>
</head>
<body>
<nav class="sidebar" aria-label="Chapters">
<p class="book-title"><a href="index.html">The tech-controls briefing</a></p>
<ol class="chapters">
<li class="current"><a href="index.html" aria-current="page">Executive summary</a></li>
<li><a href="adoption.html"><span class="number">1</span> Adoption</a></li>
</ol>
<p class="download"><a href="briefing.pdf" download>Download the briefing (PDF)</a></p>
</nav>
<main>
<header><h1 class="title">Executive summary</h1></header>
<nav class="toc" aria-label="On this page"><ul><li><a href="#key-numbers">Key numbers</a></li></ul></nav>
<section id="key-numbers"><h2>Key numbers</h2><p>24 of 43</p></section>
<footer class="pager">
<a class="next" href="adoption.html">Adoption →</a>
</footer>
</main>
</body>
</html>
"""

# The parts of a home page as Quarto 1.10.18 writes it for a book, cut down (see archive_page).
QUARTO_HOME = """<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en"><head>
<meta charset="utf-8">
<title>The tech-controls briefing</title>
<script src="site_libs/quarto-nav/quarto-nav.js"></script>
<meta name="quarto:offset" content="./">
<link href="./adoption.html" rel="next">
<link href="./assets/favicon.svg" rel="icon" type="image/svg+xml">
<link href="site_libs/bootstrap/bootstrap.min.css" rel="stylesheet" id="quarto-bootstrap">
</head>
<body class="nav-sidebar floating">
<header id="quarto-header" class="headroom fixed-top">
<nav class="quarto-secondary-nav"><nav class="quarto-page-breadcrumbs" aria-label="breadcrumb">
<ol class="breadcrumb"><li class="breadcrumb-item"><a href="./index.html">Executive summary</a></li></ol>
</nav></nav>
</header>
<div id="quarto-content" class="quarto-container page-columns">
<nav id="quarto-sidebar" class="sidebar">
<div class="sidebar-title"><a href="./">The tech-controls briefing</a>
<a href="./briefing.pdf" title="Download PDF" class="quarto-navigation-tool">PDF</a></div>
<ul class="list-unstyled">
<li class="sidebar-item"><a href="./index.html" class="sidebar-item-text sidebar-link active">
<span class="menu-text">Executive summary</span></a></li>
<li class="sidebar-item"><a href="./adoption.html" class="sidebar-item-text sidebar-link">
<span class="menu-text">1 Adoption</span></a></li>
</ul>
</nav>
<div id="quarto-margin-sidebar" class="sidebar margin-sidebar">
<nav id="TOC" role="doc-toc" class="toc-active"><h2 id="toc-title">Table of contents</h2></nav>
</div>
<main class="content" id="quarto-document-content">

<header id="title-block-header" class="quarto-title-block default">
<div class="quarto-title">
<h1 class="title">The tech-controls briefing</h1>
<p class="subtitle lead">How governments restrict Chinese technology</p>
</div>
<div class="quarto-title-meta"><p>The tech-controls briefing team</p></div>
</header>

<section id="executive-summary"><h1>Executive summary</h1><p>24 of 43</p></section>

</main> <!-- /main -->
<nav class="page-navigation"><a href="./adoption.html" class="pagination-link">Adoption</a></nav>
</div>
<footer class="footer"><div class="nav-footer-center"><p>Built from commit abc.</p></div></footer>
</body></html>
"""

NUMBERS = [
    {
        "chapter": "adoption",
        "key": "nationwide_bans",
        "value": "5 of 39",
        "definition": "jurisdictions with a nationwide ban",
        "as_of": "1 November 2026",
    },
    {
        "chapter": "entity_list",
        "key": "china_entries",
        "value": "959",
        "definition": "Entity List entries under China",
        "as_of": "October 2025",
    },
]


def test_the_banner_goes_first_in_main_and_comes_out_leaving_every_byte_as_it_was():
    for page in (FALLBACK_HOME, QUARTO_HOME):
        marked = archive_banner.mark(page, "30 June 2020", "../../index.html")
        main = BeautifulSoup(marked, "html.parser").main
        first = main.find(True)
        assert first.name == "p" and archive_banner.CLASS in first["class"]
        text = " ".join(first.get_text().split())
        assert text == "Archived edition of 30 June 2020 — see the current edition"
        assert first.a["href"] == "../../index.html"
        assert archive_banner.unmark(marked) == page
        # Marked again: the same page; with another link: that link, still one banner.
        assert archive_banner.mark(marked, "30 June 2020", "../../index.html") == marked
        moved = archive_banner.mark(marked, "30 June 2020", "../../adoption.html")
        found = BeautifulSoup(moved, "html.parser").find_all("p", class_=archive_banner.CLASS)
        assert [p.a["href"] for p in found] == ["../../adoption.html"]
        assert archive_banner.unmark(moved) == page


def test_a_page_without_main_gets_the_banner_after_body():
    page = "<html><body><p>2020</p></body></html>"
    marked = archive_banner.mark(page, "30 June 2020", "../../index.html")
    assert marked.startswith('<html><body><p class="archived-edition"')
    assert archive_banner.unmark(marked) == page


def listed_page(frame: str) -> BeautifulSoup:
    entries = [
        archive_page.Entry(
            {"as_of": "2026-11-01", "focus": "JP", "key_numbers": NUMBERS}, "../", True
        ),
        archive_page.Entry({"as_of": "2020-06-30", "focus": "KR"}, "2020-06-30/"),
    ]
    content = archive_page.content(entries)
    return BeautifulSoup(
        archive_page.page(frame, offset="../", title="Editions", content=content), "html.parser"
    )


def test_the_list_keeps_the_fallback_pages_navigation_and_style_one_folder_down():
    soup = listed_page(FALLBACK_HOME)
    assert soup.title.string == "Editions"
    assert [link["href"] for link in soup.find_all("link")] == [
        "../assets/favicon.svg",
        "../assets/briefing.css",
    ]
    sidebar = soup.find("nav", class_="sidebar")
    assert [a["href"] for a in sidebar.find_all("a")] == [
        "../index.html",
        "../index.html",
        "../adoption.html",
        "../briefing.pdf",
    ]
    # Nothing says the summary is the page shown; the summary's parts are gone.
    assert soup.select("[aria-current], li.current, nav.toc, footer.pager") == []
    assert "24 of 43" not in soup.get_text()
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Editions"]
    assert soup.main.header.h1["class"] == ["title"]


def test_the_list_keeps_quartos_navigation_and_style_and_its_scripts_find_the_root():
    soup = listed_page(QUARTO_HOME)
    assert soup.find("meta", attrs={"name": "quarto:offset"})["content"] == "../"
    assert (
        soup.find("link", id="quarto-bootstrap")["href"]
        == "../site_libs/bootstrap/bootstrap.min.css"
    )
    assert soup.find("script")["src"] == "../site_libs/quarto-nav/quarto-nav.js"
    sidebar = soup.find("nav", id="quarto-sidebar")
    assert [a["href"] for a in sidebar.find_all("a")] == [
        "../",
        "../briefing.pdf",
        "../index.html",
        "../adoption.html",
    ]
    assert sidebar.select(".active") == []
    assert soup.select("nav#TOC, nav.page-navigation, link[rel=next]") == []
    crumbs = soup.select(".breadcrumb-item a")
    assert [(a.get_text(), a["href"]) for a in crumbs] == [("Editions", "index.html")]
    # The title block holds the title only; the footer stays.
    header = soup.find("header", id="title-block-header")
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Editions"]
    assert (
        header.find(class_="subtitle") is None and header.find(class_="quarto-title-meta") is None
    )
    assert "Built from commit abc." in soup.find("footer", class_="footer").get_text()
    assert "24 of 43" not in soup.get_text()


def test_each_edition_is_listed_with_its_date_focus_pdf_and_key_numbers():
    soup = listed_page(FALLBACK_HOME)
    current, archived = soup.select("ol.editions-list > li")
    assert current.h2.a["href"] == "../index.html"
    assert current.h2.get_text() == "Edition of 1 November 2026"
    facts = current.find(class_="edition-facts")
    assert facts.get_text() == "The current edition · focus: Japan · PDF"
    assert facts.a["href"] == "../briefing.pdf"
    numbers = [" ".join(li.get_text().split()) for li in current.select(".edition-key-numbers li")]
    # A number that holds for the edition's date says no date; an older one says its own.
    assert numbers == [
        "5 of 39 jurisdictions with a nationwide ban",
        "959 Entity List entries under China · as of October 2025",
    ]
    assert current.select(".edition-key-numbers a")[1]["href"] == "../entity_list.html"
    assert archived.h2.get_text() == "Edition of 30 June 2020"
    assert "focus: South Korea" in archived.get_text()
    assert "No key numbers were recorded with this edition." in archived.get_text()


def home(folder: Path, as_of: str, focus: str = "JP", pages: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    record = {"as_of": as_of, "focus": focus, "key_numbers": NUMBERS}
    (folder / "edition.json").write_text(json.dumps(record))
    (folder / "index.html").write_text(FALLBACK_HOME)
    for name in pages:
        (folder / name).write_text(FALLBACK_HOME.replace("Executive summary", name))
    return folder


def test_every_page_of_an_archived_edition_links_to_the_same_page_now_or_to_the_home(tmp_path):
    site = home(tmp_path / "site", "2026-11-01", pages=("adoption.html",))
    home(
        site / "editions" / "2020-06-30-KR", "2020-06-30", "KR", pages=("adoption.html", "old.html")
    )
    editions.update_archive(site)
    archived = site / "editions" / "2020-06-30-KR"
    links = {
        page.relative_to(archived).as_posix(): BeautifulSoup(page.read_text(), "html.parser").find(
            "p", class_=archive_banner.CLASS
        )
        for page in archived.rglob("*.html")
    }
    assert {name: banner.a["href"] for name, banner in links.items()} == {
        "index.html": "../../index.html",
        "adoption.html": "../../adoption.html",
        "old.html": "../../index.html",  # the current edition has no such page
        "editions/index.html": "../../index.html",  # the list, from editions/<name>/editions/
    }
    assert all(
        " ".join(banner.get_text().split())
        == "Archived edition of 30 June 2020, focus South Korea — see the current edition"
        for banner in links.values()
    )
    for page in [*site.glob("*.html"), site / "editions" / "index.html"]:
        assert archive_banner.CLASS not in page.read_text(), page
    # Brought up to date again with nothing changed, nothing is rewritten.
    before = {page: page.read_text() for page in site.rglob("*.html")}
    editions.update_archive(site)
    assert {page: page.read_text() for page in site.rglob("*.html")} == before


def test_an_archived_edition_that_comes_back_to_the_root_loses_its_banner(tmp_path):
    site = home(tmp_path / "site", "2026-11-01", pages=("adoption.html",))
    archived = home(site / "editions" / "2020-06-30", "2020-06-30", pages=("adoption.html",))
    editions.update_archive(site)
    assert archive_banner.CLASS in (archived / "adoption.html").read_text()
    # The archived copy becomes the root again (a site holding the same edition at its root).
    staged = tmp_path / "staged"
    staged.mkdir()
    for page in archived.glob("*.*"):
        (staged / page.name).write_bytes(page.read_bytes())
    editions.carry_over(staged, tmp_path / "empty")
    for page in staged.glob("*.html"):
        assert archive_banner.CLASS not in page.read_text(), page
    assert (staged / "adoption.html").read_text() == FALLBACK_HOME.replace(
        "Executive summary", "adoption.html"
    )


def test_the_record_keeps_the_key_numbers_the_summary_shows_with_their_chapters(
    tmp_path, monkeypatch
):
    """The summary's notebook shows every chapter's key numbers (display.show_key_numbers);
    the record keeps them in the order shown, each naming its chapter, from it alone."""
    from dataclasses import asdict

    from IPython.core.interactiveshell import InteractiveShell

    from briefing.chapters.findings import KeyNumber
    from briefing.outputs import display

    assert display.KEY_NUMBERS_MIME is mime.KEY_NUMBERS  # one declaration
    published = []
    publisher = InteractiveShell.instance().display_pub
    monkeypatch.setattr(publisher, "publish", lambda data, **_: published.append(data))
    shown = [KeyNumber(**n, figure="fig-x", previous="4") for n in reversed(NUMBERS)]
    display.show_key_numbers(shown)
    assert published[0][mime.KEY_NUMBERS] == [asdict(n) for n in shown]
    summary = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("#| label: key-numbers")
    cell.outputs = [nbformat.v4.new_output("display_data", published[0])]
    summary.cells = [nbformat.v4.new_markdown_cell("# Executive summary"), cell]
    # A chapter's notebook shows none of its own.
    chapter = nbformat.v4.new_notebook()
    chapter.cells = [nbformat.v4.new_markdown_cell("# title")]
    paths = [tmp_path / "summary.ipynb", tmp_path / "adoption.ipynb"]
    nbformat.write(summary, paths[0])
    nbformat.write(chapter, paths[1])
    assert edition_record.key_numbers(paths) == [NUMBERS[1], NUMBERS[0]]
