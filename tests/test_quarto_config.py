"""_quarto.yml and chapter front matter checked against Quarto's schema, without Quarto."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml
from packaging.version import Version
from support import quarto_check
from support.quarto_check import Issue

from briefing import paths
from briefing.book import config as book
from briefing.book import print_rules, quarto_output
from briefing.book.engines import quarto
from briefing.book.engines.fallback import site as fallback_site
from briefing.chapters import registry

FIXTURES = Path(__file__).parent / "fixtures" / "quarto"


@pytest.fixture(scope="module")
def definitions() -> dict:
    if not quarto_check.SCHEMA_FILE.is_file():
        pytest.skip(f"Quarto's schema file is absent ({quarto_check.SCHEMA_FILE})")
    return quarto_check.load_definitions()


def paths_of(issues: list[Issue]) -> list[str]:
    return [quarto_check.format_path(issue.path) for issue in issues]


def issue_at(issues: list[Issue], path: str) -> Issue:
    matches = [issue for issue in issues if quarto_check.format_path(issue.path) == path]
    assert matches, f"no issue at {path}; got {[str(i) for i in issues]}"
    return matches[0]


# --- the project itself ---------------------------------------------------------------


def test_project_quarto_yml_validates(definitions):
    issues = quarto_check.validate_project(paths.ROOT, definitions)
    assert issues == [], "\n".join(map(str, issues))


def test_project_format_options_are_all_known(definitions):
    config = quarto_check.load_quarto_config(paths.ROOT)
    issues = quarto_check.unknown_format_options(config, definitions)
    assert issues == [], "\n".join(map(str, issues))


def test_project_follows_the_briefing_rules():
    config = quarto_check.load_quarto_config(paths.ROOT)
    issues = quarto_check.check_project_rules(config)
    assert issues == [], "\n".join(map(str, issues))


def test_project_render_scripts_exist():
    issues = quarto_check.check_render_scripts(paths.ROOT)
    assert issues == [], "\n".join(map(str, issues))


def test_project_chapters_exist_and_index_comes_first():
    chapters = quarto_check.chapter_files(paths.ROOT)
    assert chapters and chapters[0] == "index.qmd"
    missing = [name for name in chapters if not (paths.ROOT / name).is_file()]
    if missing:
        pytest.skip(f"chapters not written yet: {missing}")
    issues = quarto_check.check_chapters(paths.ROOT)
    assert issues == [], "\n".join(map(str, issues))


@pytest.mark.parametrize("chapter", quarto_check.chapter_files(paths.ROOT))
def test_chapter_front_matter_validates(definitions, chapter):
    path = paths.ROOT / chapter
    if not path.is_file():
        pytest.skip(f"{chapter} not written yet")
    issues = quarto_check.validate_front_matter(path, definitions)
    assert issues == [], "\n".join(map(str, issues))


# --- known-bad project files ----------------------------------------------------------


def test_typo_in_project_key_is_an_unknown_key(definitions):
    issues = quarto_check.validate_project(FIXTURES / "otput_dir", definitions)
    issue = issue_at(issues, "project.otput-dir")
    assert "unknown key" in issue.message
    assert "'output-dir'" in issue.message  # the suggestion
    assert str(issue).startswith("project.otput-dir: unknown key")


def test_chapters_of_the_wrong_type(definitions):
    issues = quarto_check.validate_project(FIXTURES / "chapters_not_a_list", definitions)
    assert paths_of(issues) == ["book.chapters"]
    assert "wrong type" in issues[0].message and "3" in issues[0].message


def test_unknown_format_name(definitions):
    issues = quarto_check.validate_project(FIXTURES / "format_name_typo", definitions)
    assert "format.typts" in paths_of(issues)


def test_option_of_the_wrong_type_in_a_format(definitions):
    # `yes` is a string under Quarto's YAML 1.2 rules, so a boolean option rejects it.
    issues = quarto_check.validate_project(FIXTURES / "option_wrong_type", definitions)
    issue = issue_at(issues, "format.html.toc")
    assert "'yes'" in issue.message


def test_unknown_format_option_is_caught_although_quarto_accepts_it(definitions):
    root = FIXTURES / "format_option_typo"
    # Quarto's format objects are open: the schema alone lets the typo through...
    assert quarto_check.validate_project(root, definitions) == []
    # ...so the stricter check names it, with the option it probably meant.
    config = quarto_check.load_quarto_config(root)
    issues = quarto_check.unknown_format_options(config, definitions)
    issue = issue_at(issues, "format.typst.paper-size")
    assert "unknown format option" in issue.message and "'papersize'" in issue.message


def test_top_level_type_gets_quartos_hint(definitions):
    issues = quarto_check.validate_project(FIXTURES / "top_level_type", definitions)
    issue = issue_at(issues, "type")
    assert "project: type" in issue.message


def test_front_matter_errors_are_located(definitions):
    issues = quarto_check.validate_front_matter(FIXTURES / "bad_front_matter.qmd", definitions)
    assert set(paths_of(issues)) == {"toc", "format.html.toc-depth"}


def test_valid_front_matter_passes(definitions):
    # also checks that an unquoted date stays a string, as Quarto's YAML reads it
    assert quarto_check.validate_front_matter(FIXTURES / "good_front_matter.qmd", definitions) == []


def test_notebook_front_matter_is_read_from_the_first_raw_cell(definitions, tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_raw_cell("---\ntitle: A notebook\ntoc: 3\n---"),
        nbformat.v4.new_code_cell("1 + 1"),
    ]
    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook, path)
    assert paths_of(quarto_check.validate_front_matter(path, definitions)) == ["toc"]


def test_missing_front_matter_is_valid(definitions, tmp_path):
    path = tmp_path / "plain.qmd"
    path.write_text("No front matter here.\n", encoding="utf-8")
    assert quarto_check.read_front_matter(path) == (None, False)
    assert quarto_check.validate_front_matter(path, definitions) == []


def test_the_checker_finds_front_matter_where_the_renderer_does(tmp_path):
    # One finder (render.book); each side parses the YAML by its own rules.
    text = "---\ntitle: A page\ntoc: yes\n...\nBody\n"
    path = tmp_path / "page.qmd"
    path.write_text(text, encoding="utf-8")
    assert book.split_front_matter(text) == ({"title": "A page", "toc": True}, "Body\n")
    assert quarto_check.read_front_matter(path) == ({"title": "A page", "toc": "yes"}, True)
    path.write_text("---\n---\nBody\n", encoding="utf-8")
    assert book.split_front_matter(path.read_text(encoding="utf-8")) == ({}, "Body\n")
    assert quarto_check.read_front_matter(path) == (None, True)


# --- the briefing's own rules ---------------------------------------------------------


def test_each_broken_rule_is_reported():
    root = FIXTURES / "rules_broken"
    config = quarto_check.load_quarto_config(root)
    issues = quarto_check.check_project_rules(config)
    assert sorted(paths_of(issues)) == sorted(
        [
            "project.type",
            "project.output-dir",
            "quarto-required",
            "format.html.embed-resources",
            "execute.enabled",
        ]
    )
    scripts = quarto_check.check_render_scripts(root)
    assert paths_of(scripts) == ["project.pre-render"]
    assert "scripts/no_such_script.py" in scripts[0].message


def test_the_rules_fixture_is_valid_for_quarto_itself(definitions):
    # the rules above are the briefing's, not Quarto's
    assert quarto_check.validate_project(FIXTURES / "rules_broken", definitions) == []


def test_quarto_required_only_matters_for_typst():
    config = {"project": {"type": "book", "output-dir": "_book"}, "format": {"html": {}}}
    assert quarto_check.check_project_rules(config) == []
    config["format"]["typst"] = {}
    assert paths_of(quarto_check.check_project_rules(config)) == ["quarto-required"]
    config["quarto-required"] = ">=1.9.0"
    assert quarto_check.check_project_rules(config) == []


@pytest.mark.parametrize(
    ("version_range", "lowest"),
    [
        (">=1.9", "1.9"),
        ("1.9.0", "1.9.0"),
        ("^1.10", "1.10"),
        ("~1.9.2", "1.9.2"),
        (">=1.8 <2", "1.8"),
        (">=1.9 || >=1.4", "1.4"),
        ("<2", None),
    ],
)
def test_quarto_required_minimum(version_range, lowest):
    expected = None if lowest is None else Version(lowest)
    assert quarto_check.quarto_required_minimum(version_range) == expected


def test_chapter_files_include_parts_and_appendices():
    assert quarto_check.chapter_files(FIXTURES / "chapters_broken") == [
        "intro.qmd",
        "index.qmd",
        "part2/part.qmd",
        "part2/analysis.qmd",
        "part2/analysis.ipynb",
        "missing.qmd",
        "appendix.qmd",
    ]


def test_chapter_problems_are_reported():
    messages = [
        issue.message for issue in quarto_check.check_chapters(FIXTURES / "chapters_broken")
    ]
    assert any("first chapter must be index.qmd" in m and "'intro.qmd'" in m for m in messages)
    assert any("'missing.qmd' does not exist" in m for m in messages)
    assert any(
        "'part2/analysis.qmd' and 'part2/analysis.ipynb' share a stem" in m for m in messages
    )
    assert len(messages) == 3


# --- the YAML reader and the schema interpreter ---------------------------------------


def test_yaml_is_read_with_quartos_rules():
    parsed = quarto_check.load_yaml("a: yes\nb: 2001-02-03\nc: true\nd: 3\ne: ~\nf: !expr x + 1\n")
    assert parsed == {
        "a": "yes",
        "b": "2001-02-03",
        "c": True,
        "d": 3,
        "e": None,
        "f": {"value": "x + 1", "tag": "!expr"},
    }


def obj(properties=None, **extra):
    return {"type": "object", "properties": properties or {}, "patternProperties": {}, **extra}


TOY = {
    "flag": {"type": "boolean"},
    "name": {"type": "string", "pattern": "^[a-z]+$"},
    "closed": obj({"a": {"type": "ref", "$ref": "flag"}}, closed=True),
    "counted": obj({"n": {"type": "number"}}, required=["n"]),
    "formats": obj(
        patternProperties={"html": {"type": "ref", "$ref": "closed"}}, additionalProperties=False
    ),
    "choice": {"type": "enum", "enum": [1, "x"]},
    "either": {"type": "anyOf", "anyOf": [{"type": "null"}, {"type": "ref", "$ref": "closed"}]},
    "both": {
        "type": "allOf",
        "allOf": [obj({"a": {"type": "boolean"}}), obj({"b": {"type": "string"}})],
    },
    "names": {"type": "array", "items": {"type": "ref", "$ref": "name"}},
    "keys": obj(propertyNames={"type": "string", "pattern": "^k"}),
}


@pytest.mark.parametrize(
    ("schema_id", "value", "expected"),
    [
        ("closed", {"a": True}, []),
        ("closed", {"a": True, "b": 1}, ["b"]),
        ("closed", {"a": "no"}, ["a"]),
        ("counted", {}, [""]),
        ("counted", {"n": True}, ["n"]),  # a boolean is not a number
        ("formats", {"my-html-x": {"a": False}}, []),  # patterns search, as JavaScript's match
        ("formats", {"pdf": {}}, ["pdf"]),
        ("formats", {"html": {"z": 1}}, ["html.z"]),
        ("choice", 1, []),
        ("choice", True, [""]),  # JavaScript ===: true is not 1
        ("either", None, []),
        ("either", {"a": 3}, ["a"]),  # the object branch's error, not "should be null"
        ("both", {"a": 1, "b": 2}, ["a", "b"]),
        ("names", ["ab", "Cd", "ef", 4], ["[1]", "[3]"]),
        ("keys", {"k1": 1, "x": 2}, ["x"]),
    ],
)
def test_validator_dialect(schema_id, value, expected):
    assert paths_of(quarto_check.validate(value, schema_id, TOY)) == expected


def test_schema_file_uses_only_node_types_the_validator_knows(definitions):
    known = {
        "ref",
        "anyOf",
        "allOf",
        "object",
        "array",
        "enum",
        "string",
        "number",
        "boolean",
        "null",
    }
    seen = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("type"), str):
                seen.add(node["type"])
            for key, child in node.items():
                if key not in ("tags", "completions"):  # editor hints, not schemas
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(definitions)
    assert seen <= known, f"node types the validator does not handle: {seen - known}"
    assert {quarto_check.PROJECT_SCHEMA_ID, quarto_check.FRONT_MATTER_SCHEMA_ID} <= set(definitions)


def test_the_summary_is_unnumbered_and_the_chapters_numbered_as_quarto_numbers_them():
    chapters = book.load(paths.ROOT).chapters
    assert chapters[0].source.name == "index.qmd" and chapters[0].number is None
    numbered = [c.number for c in chapters[1:] if not c.appendix]
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)]
    # Appendices are lettered from A in book order (the PDF's annex of long tables, a page of
    # no chapter, then the codebook, the methods, the sources).
    appendices = [c for c in chapters if c.appendix]
    assert [c.number for c in appendices] == [chr(ord("A") + i) for i in range(len(appendices))]
    assert [c.source.stem for c in appendices] == [
        "annex",
        *(chapter.slug for chapter in registry.CHAPTERS if chapter.appendix),
    ]


def test_quarto_is_told_what_keeps_the_briefing_offline_and_its_tables_whole():
    config = yaml.safe_load((paths.ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    html, typst = config["format"]["html"], config["format"]["typst"]
    assert html["theme"][-1] == "briefing.scss"
    assert (paths.ROOT / "briefing.scss").read_text(
        encoding="utf-8"
    ) == quarto_output.scss_defaults() + quarto_output.scss_rules()
    # The summary's rules are the fallback's too (one copy, at the end of its style sheet):
    # the key numbers look the same either way.
    assert fallback_site.site_css().endswith(quarto_output.SUMMARY_RULES)
    design = (paths.PACKAGE / "templates" / "briefing.css").read_text(encoding="utf-8")
    assert ".key-number {" not in design
    # The print rules the fallback's PDF gets too (tables breakable, left-aligned, numbered).
    assert "set block(breakable: true)" in print_rules.typst_header()
    # Quarto writes into a folder of its own; the post-render publishes reports/site.
    assert config["project"]["output-dir"] == quarto.OUTPUT_DIR.as_posix()
    assert config["project"]["post-render"] == "scripts/postrender.py"
    assert quarto.METADATA_FILE.as_posix() in config["metadata-files"]
    assert typst["include-before-body"] == quarto.TYPST_BLOCK.as_posix()
    # The provenance is one line at each page's foot (metadata), not a block above every page.
    assert "include-before-body" not in html
    sources, _ = book.split_front_matter((paths.ROOT / "sources.qmd").read_text(encoding="utf-8"))
    assert sources["format"]["html"]["include-after-body"] == quarto.HTML_BLOCK.as_posix()


TEMPLATES = "src/briefing/templates"


def test_the_pdf_is_set_by_the_fallbacks_templates_through_quartos_partials():
    """typst-show.typ and page.typ take orange-book's place; book.typ and print.typ come in
    as partials, which pandoc expands as templates: a `$` in them would be read as a variable."""
    typst = yaml.safe_load((paths.ROOT / "_quarto.yml").read_text(encoding="utf-8"))["format"][
        "typst"
    ]
    partials = typst["template-partials"]
    assert [Path(p).name for p in partials] == [
        "typst-show.typ",
        "page.typ",
        "book.typ",
        "print.typ",
    ]
    assert all(p.startswith(TEMPLATES + "/") and (paths.ROOT / p).is_file() for p in partials)
    show = (paths.ROOT / TEMPLATES / "typst-show.typ").read_text(encoding="utf-8")
    assert "$book.typ()$" in show and "$print.typ()$" in show
    assert f'#import "/{quarto.COVER_FILE.as_posix()}": meta' in show
    for name in ("book.typ", "print.typ", "page.typ"):
        assert "$" not in (paths.ROOT / TEMPLATES / name).read_text(encoding="utf-8"), name
    # Neither Quarto's page margins nor its header includes decide anything any more.
    assert not {"margin", "papersize", "include-in-header"} & set(typst)


def test_every_file_the_render_reads_is_staged_for_a_build():
    from fnmatch import fnmatch

    from briefing.book.project import BOOK_FILES

    config = yaml.safe_load((paths.ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    typst = config["format"]["typst"]
    read = [*typst["template-partials"], "briefing.scss", config["project"]["pre-render"]]
    read.append(config["project"]["post-render"])
    for name in read:
        assert any(fnmatch(name, pattern) for pattern in BOOK_FILES), name


def test_resources_are_matched_from_the_projects_root_only():
    # Without the leading "/", Quarto matches a pattern in every folder (src/core/path.ts), the
    # last site's copy in reports/site included: each render nested the site in itself.
    config = yaml.safe_load((paths.ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    resources = config["project"]["resources"]
    assert resources and all(pattern.startswith("/") for pattern in resources)
    # Each names what the build writes: the page scripts and favicon, the CSV downloads.
    assert all(p.startswith(("/assets/", "/reports/downloads/")) for p in resources)


# --- what a build reads in Quarto's log --------------------------------------------------

# As Quarto 1.10.18 writes them (src/resources/filters/common/log.lua, common/error.lua): red,
# the filter's file and line, then the message; the include failure is caught and the render
# still exits 0 (quarto-init/includes.lua).
MISSING_INCLUDE = (
    "\x1b[31mFATAL (/opt/quarto/share/filters/quarto-init/includes.lua:54) An error occurred "
    "while processing 'index.qmd':\nError resolving include-in-header- unable to open file "
    "src/briefing/templates/print.typ\x1b[39m\n"
)


def test_a_fatal_line_or_a_missing_include_in_quartos_log_is_a_problem():
    problems = quarto.log_problems("[1/8] index.qmd\n" + MISSING_INCLUDE + "Output created\n")
    assert problems == [
        (
            "FATAL (/opt/quarto/share/filters/quarto-init/includes.lua:54) An error occurred "
            "while processing 'index.qmd':"
        ),
        "Error resolving include-in-header- unable to open file src/briefing/templates/print.typ",
    ]
    assert (
        quarto.log_problems("WARNING (x.lua:3) unable to open\n[typst]: Compiling...DONE\n") == []
    )


def test_a_build_stops_when_quartos_log_shows_a_problem(tmp_path, monkeypatch):
    import io
    import os

    from rich.console import Console

    from briefing.book.engines.registry import Edition
    from briefing.errors import RenderError

    exe = tmp_path / "quarto"
    exe.write_text(f"#!/bin/sh\nprintf '%b' {MISSING_INCLUDE!r}\nexit 0\n", encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(quarto, "write_edition_files", lambda project, edition: None)
    edition = Edition(as_of="2020-06-30", focus="JP", built="b", title_page="t")
    shown = io.StringIO()
    with pytest.raises(RenderError, match="unable to open file src/briefing/templates/print.typ"):
        quarto.QuartoEngine().render(tmp_path, edition, Console(file=shown))
    assert "FATAL" in shown.getvalue()  # the reader sees Quarto's own output as it comes
