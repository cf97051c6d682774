"""Check the Quarto book without the Quarto binary: config schema, chapters, notebook outputs.

Quarto cannot run on every machine that builds or reviews the briefing, so these checks
read the same inputs Quarto reads and apply the same rules:

- ``validate`` interprets Quarto's compiled schema file (``all-schema-definitions.json``,
  read from ``paths.SHARED``), following quarto-cli's validator
  (``src/core/lib/yaml-validation/validator.ts``) node type by node type;
- ``validate_project`` / ``validate_front_matter`` apply it to ``_quarto.yml`` (schema id
  ``project-config``, as Quarto's project context does) and to each chapter's front matter
  (``front-matter``);
- ``check_project_rules`` and ``check_chapters`` enforce this project's own rules for a
  papermill-executed book (see quarto-notes "Checks that can run without Quarto");
- ``display_data_mime_type`` ports ``displayDataMimeType`` (``src/core/jupyter/display-data.ts``)
  so ``check_notebook_outputs`` can tell which outputs would show as plain text.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import nbformat
import yaml
from packaging.version import InvalidVersion, Version

from briefing import paths
from briefing.book import config as book_config
from briefing.book.config import chapter_entries, split_front_matter_text
from briefing.book.engines.fallback.mime_choice import mime_type_for
from briefing.mime import PLOTLY_JSON, TEXT_PLAIN

SCHEMA_FILE = paths.SHARED / "quarto-schema" / "all-schema-definitions.json"
PROJECT_SCHEMA_ID = "project-config"
FRONT_MATTER_SCHEMA_ID = "front-matter"
FORMAT_SCHEMA_ID = "front-matter-format"

# Typst books exist only from Quarto 1.9 (quarto-cli #13954).
TYPST_BOOK_MIN_QUARTO = Version("1.9")
# How Quarto's schema recognises a typst format name (typst, typst+ext, myext-typst).
TYPST_FORMAT = re.compile(r"^(.+-)?typst([-+].+)?$")
# Extensions Quarto runs as scripts in pre-/post-render (src/project/project-scripts.ts).
SCRIPT_SUFFIXES = (".py", ".ts", ".R", ".lua")


# ---------------------------------------------------------------------------------------
# Issues


@dataclass(frozen=True)
class Issue:
    """One problem, located by its path in the YAML document (or notebook)."""

    path: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return f"{format_path(self.path) or '<root>'}: {self.message}"


def format_path(path: Iterable[str | int]) -> str:
    """``('book', 'chapters', 0)`` -> ``book.chapters[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# ---------------------------------------------------------------------------------------
# Reading YAML the way Quarto does


class QuartoYamlLoader(yaml.SafeLoader):
    """Parses YAML as Quarto's ``QuartoJSONSchema`` does: null, bool, int, float, ``!expr``.

    PyYAML follows YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans and
    ``2024-01-31`` is a date; Quarto (js-yaml, YAML 1.2 rules, no timestamps) sees strings
    there, and its schema types them so.
    """


QuartoYamlLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
QuartoYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)

QuartoYamlLoader.add_constructor(
    "!expr", lambda loader, node: {"value": loader.construct_scalar(node) or "", "tag": "!expr"}
)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=QuartoYamlLoader)


def load_quarto_config(root: Path = paths.ROOT, profile: str = "en") -> dict:
    """The parsed ``_quarto.yml`` of the project at ``root``, with ``profile``'s file
    (``_quarto-en.yml``: the English edition's chapters) merged in as Quarto merges it."""
    config = load_yaml((Path(root) / "_quarto.yml").read_text(encoding="utf-8"))
    config = config if isinstance(config, dict) else {}
    extra = Path(root) / book_config.PROFILE.format(profile)
    if extra.is_file():
        config = book_config.merge(config, load_yaml(extra.read_text(encoding="utf-8")) or {})
    return config


def read_front_matter(path: Path) -> tuple[Any, bool]:
    """(front matter, found) of a ``.qmd``/``.md`` file or of an ``.ipynb``'s first raw cell."""
    path = Path(path)
    if path.suffix == ".ipynb":
        cells = nbformat.read(path, as_version=4).cells
        text = cells[0].source if cells and cells[0].cell_type == "raw" else ""
    else:
        text = path.read_text(encoding="utf-8")
    raw, _ = split_front_matter_text(text)
    if raw is None:
        return None, False
    return load_yaml(raw), True


# ---------------------------------------------------------------------------------------
# The schema interpreter


@cache
def load_definitions(schema_file: Path = SCHEMA_FILE) -> dict[str, dict]:
    """Quarto's compiled schemas by id. Raises FileNotFoundError if the file is absent."""
    if not Path(schema_file).is_file():
        raise FileNotFoundError(
            f"{schema_file}: Quarto's schema file is missing; it lives in the shared folder "
            "(set BRIEFING_SHARED to point at it)"
        )
    return json.loads(Path(schema_file).read_text(encoding="utf-8"))


@dataclass
class _Error:
    path: tuple[str | int, ...]
    message: str
    schema_path: tuple[str | int, ...]
    schema: Any
    span: int  # size of the offending value; Quarto prefers the error with the smallest span

    def quality(self) -> float:
        """Quarto's ``errorTypeQuality``: lower is a better error to report."""
        tags = self.schema.get("tags") if isinstance(self.schema, dict) else None
        importance = tags.get("error-importance") if isinstance(tags, dict) else None
        if isinstance(importance, (int, float)) and not isinstance(importance, bool):
            return importance
        if "propertyNames" in self.schema_path:
            return 10  # suggesting invalid property names is bad if there are other errors
        last = self.schema_path[-1] if self.schema_path else None
        if last == "required":
            return 0
        if last == "type" and len(self.schema_path) > 1 and self.schema_path[-2] == "null":
            return 10  # suggesting a null value is bad
        return 1


def _span(value: Any) -> int:
    return len(json.dumps(value, default=str))


def _js_string(value: Any) -> str:
    """Object keys as JavaScript sees them (``String(key)``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _describe(schema: Any) -> str:
    text = schema.get("description", "") if isinstance(schema, dict) else ""
    if isinstance(text, str) and text.startswith("be "):
        return text[3:]
    return text or "valid"


def _same(a: Any, b: Any) -> bool:
    """JavaScript ``===`` on YAML scalars: no 1 == True."""
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


@cache
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


class _Validator:
    def __init__(self, definitions: dict[str, dict]):
        self.definitions = definitions

    def resolve(self, schema: Any) -> Any:
        while isinstance(schema, dict) and schema.get("type") == "ref":
            ref = schema["$ref"]
            if ref not in self.definitions:
                raise KeyError(f"schema refers to unknown id {ref!r}")
            schema = self.definitions[ref]
        return schema

    def run(self, value: Any, schema: Any, path: tuple, spath: tuple) -> list[_Error]:
        schema = self.resolve(schema)
        if schema is True:
            return []
        if schema is False:
            return [_Error(path, "not allowed here", spath + ("false",), schema, _span(value))]
        kind = schema["type"]
        spath = spath + (kind,)
        check = getattr(self, f"_{kind}", None)
        if check is None:
            raise ValueError(f"unknown schema node type {kind!r} at {format_path(spath)}")
        return check(value, schema, path, spath)

    def _mismatch(self, value, schema, path, spath) -> list[_Error]:
        message = f"wrong type: {value!r} should be {_describe(schema)}"
        return [_Error(path, message, spath + ("type",), schema, _span(value))]

    def _boolean(self, value, schema, path, spath):
        return [] if isinstance(value, bool) else self._mismatch(value, schema, path, spath)

    def _number(self, value, schema, path, spath):
        if not _is_number(value):
            return self._mismatch(value, schema, path, spath)
        errors = []
        for bound, ok in (
            ("minimum", lambda v, b: v >= b),
            ("maximum", lambda v, b: v <= b),
            ("exclusiveMinimum", lambda v, b: v > b),
            ("exclusiveMaximum", lambda v, b: v < b),
        ):
            if bound in schema and not ok(value, schema[bound]):
                message = f"{value!r} breaks {bound} {schema[bound]}"
                errors.append(_Error(path, message, spath + (bound,), schema, _span(value)))
        return errors

    def _string(self, value, schema, path, spath):
        if not isinstance(value, str):
            return self._mismatch(value, schema, path, spath)
        # JavaScript's String.match: a search, not a full match (patterns anchor themselves).
        if "pattern" in schema and not _regex(schema["pattern"]).search(value):
            message = f"{value!r} does not match pattern {schema['pattern']!r}"
            return [_Error(path, message, spath + ("pattern",), schema, _span(value))]
        return []

    def _null(self, value, schema, path, spath):
        return [] if value is None else self._mismatch(value, schema, path, spath)

    def _enum(self, value, schema, path, spath):
        if any(_same(value, allowed) for allowed in schema["enum"]):
            return []
        allowed = ", ".join(repr(v) for v in schema["enum"][:12])
        more = ", ..." if len(schema["enum"]) > 12 else ""
        message = f"{value!r} is not one of: {allowed}{more}"
        return [_Error(path, message, spath, schema, _span(value))]

    def _anyOf(self, value, schema, path, spath):
        branches = []
        for index, sub in enumerate(schema["anyOf"]):
            errors = self.run(value, sub, path, spath + (index,))
            if not errors:
                return []
            branches.append(errors)
        return _best_branch(branches)

    def _allOf(self, value, schema, path, spath):
        errors = []
        for index, sub in enumerate(schema["allOf"]):
            errors += self.run(value, sub, path, spath + (index,))
        return errors

    def _array(self, value, schema, path, spath):
        if not isinstance(value, list):
            return self._mismatch(value, schema, path, spath)
        errors = []
        for bound, bad in (
            ("minItems", len(value) < schema.get("minItems", 0)),
            ("maxItems", len(value) > schema.get("maxItems", len(value))),
        ):
            if bad:
                message = f"array has {len(value)} items; {bound} is {schema[bound]}"
                errors.append(_Error(path, message, spath + (bound,), schema, _span(value)))
        if "items" in schema:
            for index, item in enumerate(value):
                errors += self.run(item, schema["items"], path + (index,), spath + ("items",))
        return errors

    def _object(self, value, schema, path, spath):
        if not isinstance(value, dict):
            return self._mismatch(value, schema, path, spath)
        obj = {_js_string(k): v for k, v in value.items()}
        properties = schema.get("properties", {})
        errors: list[_Error] = []
        inspected: set[str] = set()
        if schema.get("closed"):
            for key in obj:
                if key not in properties:
                    errors.append(
                        _Error(
                            path + (key,),
                            _unknown_key(key, properties),
                            spath + ("closed",),
                            schema,
                            len(key),
                        )
                    )
        for key, sub in properties.items():
            if key in obj:
                inspected.add(key)
                errors += self.run(obj[key], sub, path + (key,), spath + ("properties", key))
        for pattern, sub in schema.get("patternProperties", {}).items():
            for key, item in obj.items():
                if _regex(pattern).search(key):
                    inspected.add(key)
                    errors += self.run(
                        item, sub, path + (key,), spath + ("patternProperties", pattern)
                    )
        if "additionalProperties" in schema:
            extra_schema = schema["additionalProperties"]
            for key, item in obj.items():
                if key not in inspected:
                    extra = self.run(
                        item, extra_schema, path + (key,), spath + ("additionalProperties",)
                    )
                    if extra and extra_schema is False:
                        extra = [
                            _Error(
                                path + (key,),
                                _unknown_key(key, properties),
                                extra[0].schema_path,
                                schema,
                                len(key),
                            )
                        ]
                    errors += extra
        if "propertyNames" in schema:
            for key in obj:
                errors += self.run(
                    key, schema["propertyNames"], path + (key,), spath + ("propertyNames",)
                )
        for key in schema.get("required", []):
            if key not in obj:
                errors.append(
                    _Error(
                        path,
                        f"missing required key {key!r}",
                        spath + ("required",),
                        schema,
                        _span(value),
                    )
                )
        return errors


def _unknown_key(key: str, known: Iterable[str]) -> str:
    return "unknown key" + _suggestion(key, known)


def _suggestion(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _best_branch(branches: list[list[_Error]]) -> list[_Error]:
    """Quarto's pruning of anyOf errors: report the branch that failed least badly."""

    def first_is(errors, edge):
        return bool(errors) and errors[0].schema_path[-1:] == (edge,)

    if any(first_is(b, "required") for b in branches) and any(
        b and "propertyNames" in b[0].schema_path for b in branches
    ):
        return next(b for b in branches if first_is(b, "required"))
    return min(branches, key=lambda b: (max(e.quality() for e in b), sum(e.span for e in b)))


def validate(value: Any, schema_id: str, definitions: dict[str, dict] | None = None) -> list[Issue]:
    """Check ``value`` against the Quarto schema ``schema_id``; one Issue per problem."""
    definitions = load_definitions() if definitions is None else definitions
    if schema_id not in definitions:
        raise KeyError(f"no schema with id {schema_id!r} in Quarto's schema file")
    errors = _Validator(definitions).run(value, definitions[schema_id], (), ())
    # allOf branches overlap (front matter and project config both describe `format`).
    return list(dict.fromkeys(Issue(e.path, e.message) for e in errors))


def validate_project(root: Path = paths.ROOT, definitions: dict | None = None) -> list[Issue]:
    """Check ``_quarto.yml`` as Quarto does before any render (schema ``project-config``)."""
    issues = validate(load_quarto_config(root), PROJECT_SCHEMA_ID, definitions)
    # Quarto's own error handler for this schema (disallowTopLevelType, project-config.ts).
    return [
        Issue(
            i.path,
            "top-level key 'type' is not allowed in project configuration; "
            "did you mean 'project: type: ...'?",
        )
        if i.path == ("type",)
        else i
        for i in issues
    ]


def validate_front_matter(path: Path, definitions: dict | None = None) -> list[Issue]:
    """Check one chapter's front matter against the schema ``front-matter``."""
    front_matter, _ = read_front_matter(path)
    return validate(front_matter, FRONT_MATTER_SCHEMA_ID, definitions)


# ---------------------------------------------------------------------------------------
# Stricter than Quarto: option names it would silently ignore


def format_option_names(format_name: str, definitions: dict | None = None) -> set[str]:
    """Every option name the schema knows for output format ``format_name`` (e.g. typst)."""
    definitions = load_definitions() if definitions is None else definitions
    validator = _Validator(definitions)
    names: set[str] = set()
    for node in _walk_combinators(definitions[FORMAT_SCHEMA_ID], validator):
        for pattern, sub in node.get("patternProperties", {}).items():
            if _regex(pattern).search(format_name):
                for option_node in _walk_combinators(sub, validator):
                    names |= set(option_node.get("properties", {}))
    return names


def unknown_format_options(config: dict, definitions: dict | None = None) -> list[Issue]:
    """Format options that no schema names, e.g. ``format.typst.paper-size``.

    Quarto's format objects are open (pandoc passes unknown metadata to templates), so a
    misspelt option is silently ignored rather than rejected; this briefing wants it caught.
    """
    formats = config.get("format")
    if not isinstance(formats, dict):
        return []
    issues = []
    for name, options in formats.items():
        if not isinstance(options, dict):
            continue
        known = format_option_names(str(name), definitions)
        if not known:
            continue  # an unknown format name: the schema itself reports it
        issues += [
            Issue(("format", name, key), "unknown format option" + _suggestion(str(key), known))
            for key in options
            if str(key) not in known
        ]
    return issues


def _walk_combinators(schema: Any, validator: _Validator) -> Iterator[dict]:
    """Object nodes reachable through ref/anyOf/allOf, without descending into properties."""
    schema = validator.resolve(schema)
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "object":
        yield schema
    for key in ("anyOf", "allOf"):
        for sub in schema.get(key, []):
            yield from _walk_combinators(sub, validator)


# ---------------------------------------------------------------------------------------
# Chapters and project rules


def chapter_files(root: Path = paths.ROOT, config: dict | None = None) -> list[str]:
    """Every input file named in ``book.chapters`` and ``book.appendices``, in order."""
    config = load_quarto_config(root) if config is None else config
    book = config.get("book") or {}
    files: list[str] = []
    for key in ("chapters", "appendices"):
        files += chapter_entries(book.get(key) or [])
    return list(dict.fromkeys(files))


def check_chapters(root: Path = paths.ROOT, config: dict | None = None) -> list[Issue]:
    """The first chapter is index.qmd, every chapter exists, no two share a stem in a folder."""
    files = chapter_files(root, config)
    issues = []
    if not files:
        issues.append(Issue(("book", "chapters"), "the book lists no chapters"))
    elif files[0] != "index.qmd":
        issues.append(
            Issue(
                ("book", "chapters", 0),
                f"the first chapter must be index.qmd (the site's home page), not {files[0]!r}",
            )
        )
    for name in files:
        if not (Path(root) / name).is_file():
            issues.append(
                Issue(
                    ("book", "chapters"),
                    f"chapter file {name!r} does not exist; "
                    "Quarto stops with 'Book chapter not found' before pre-render",
                )
            )
    stems: dict[tuple[str, str], str] = {}
    for name in files:
        key = (str(Path(name).parent), Path(name).stem)
        if key in stems:
            issues.append(
                Issue(
                    ("book", "chapters"),
                    f"{stems[key]!r} and {name!r} share a stem; their outputs collide",
                )
            )
        stems.setdefault(key, name)
    return issues


def check_render_scripts(root: Path = paths.ROOT, config: dict | None = None) -> list[Issue]:
    """Every script named in ``project.pre-render`` / ``post-render`` exists."""
    config = load_quarto_config(root) if config is None else config
    project = config.get("project") or {}
    return [
        Issue(("project", hook), f"script {script!r} does not exist")
        for hook in ("pre-render", "post-render")
        for script in _script_paths(project.get(hook))
        if not (Path(root) / script).is_file()
    ]


def check_project_rules(config: dict) -> list[Issue]:
    """This project's rules for a papermill-executed Quarto book (on the parsed config)."""
    project = config.get("project") or {}
    issues = []
    if project.get("type") != "book":
        issues.append(
            Issue(
                ("project", "type"),
                f"must be 'book' (one HTML site plus one PDF), not {project.get('type')!r}",
            )
        )
    if not project.get("output-dir"):
        issues.append(
            Issue(("project", "output-dir"), "must be set, so the output lands in a known folder")
        )
    formats = config.get("format") or {}
    if isinstance(formats, dict) and any(TYPST_FORMAT.search(str(name)) for name in formats):
        issues += _check_quarto_required(config.get("quarto-required"))
    issues += [
        Issue(where, "embed-resources breaks book and website renders (quarto-cli #11206)")
        for where, value in _option_everywhere(config, ("embed-resources", "self-contained"))
        if value
    ]
    for where, execute in _option_everywhere(config, ("execute",)):
        if isinstance(execute, dict):
            issues += [
                Issue(
                    where + (key,),
                    "must not be true: papermill executes the notebooks, "
                    "Quarto would run them again and overwrite their outputs",
                )
                for key in ("enabled", "ipynb")
                if execute.get(key) is True
            ]
    return issues


def _script_paths(hook: Any) -> list[str]:
    """Script files named by a pre-/post-render entry (a script path or a shell command)."""
    commands = [hook] if isinstance(hook, str) else [c for c in (hook or []) if isinstance(c, str)]
    return [
        word for command in commands for word in command.split() if word.endswith(SCRIPT_SUFFIXES)
    ]


def _option_everywhere(config: dict, names: tuple[str, ...]) -> list[tuple[tuple, Any]]:
    """Top-level and per-format values of the options ``names``."""
    found = [((name,), config[name]) for name in names if name in config]
    formats = config.get("format")
    if isinstance(formats, dict):
        for fmt, options in formats.items():
            if isinstance(options, dict):
                found += [
                    (("format", fmt, name), options[name]) for name in names if name in options
                ]
    return found


def _check_quarto_required(required: Any) -> list[Issue]:
    where = ("quarto-required",)
    if required is None:
        return [
            Issue(
                where,
                f"must be set to '>={TYPST_BOOK_MIN_QUARTO}': typst books need Quarto "
                f"{TYPST_BOOK_MIN_QUARTO} or later",
            )
        ]
    lowest = quarto_required_minimum(str(required))
    if lowest is None or lowest < TYPST_BOOK_MIN_QUARTO:
        return [
            Issue(
                where,
                f"{required!r} admits Quarto versions older than "
                f"{TYPST_BOOK_MIN_QUARTO}, which cannot build a typst book",
            )
        ]
    return []


def quarto_required_minimum(version_range: str) -> Version | None:
    """Lowest Quarto version a ``quarto-required`` semver range admits (None: no lower bound).

    Quarto checks the range with npm-style semver: ``>=1.9``, ``1.9.0`` (exactly), ``^1.9``,
    ``~1.9``, ``>=1.9 <2``, alternatives joined by ``||``.
    """
    lows = []
    for alternative in version_range.split("||"):
        bounds = []
        for op, number in re.findall(r"(>=|<=|>|<|=|\^|~)?\s*v?(\d+(?:\.\d+){0,2})", alternative):
            try:
                version = Version(number)
            except InvalidVersion:
                return None
            if op in ("", "=", ">=", ">", "^", "~"):
                bounds.append(version)
        if not bounds:
            return None
        lows.append(max(bounds))
    return min(lows) if lows else None


# ---------------------------------------------------------------------------------------
# Notebook outputs: which MIME type Quarto shows


@dataclass(frozen=True)
class OutputProblem:
    """An executed notebook output that a rendered format would show badly."""

    notebook: Path
    cell: int
    output: int
    message: str
    mime_types: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return f"{self.notebook}: cell {self.cell}, output {self.output}: {self.message}"


# Tags that keep a cell's output out of the rendered book (src/core/jupyter/tags.ts).
HIDDEN_OUTPUT_TAGS = {"remove-cell", "hide-cell", "remove-output", "hide-output"}


def check_notebook_outputs(
    nb_path: Path, formats: Iterable[str] = ("html", "typst")
) -> list[OutputProblem]:
    """Outputs that would render as plain text (or not at all) in ``formats``."""
    notebook = nbformat.read(Path(nb_path), as_version=4)
    problems = []
    for cell_index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or _output_hidden(cell):
            continue
        for output_index, output in enumerate(cell.get("outputs", [])):
            if output.get("output_type") not in ("display_data", "execute_result"):
                continue
            mimes = tuple(output.get("data", {}))
            where = {
                "notebook": Path(nb_path),
                "cell": cell_index,
                "output": output_index,
                "mime_types": mimes,
            }
            if PLOTLY_JSON in mimes and not set(mimes) - {PLOTLY_JSON, TEXT_PLAIN}:
                problems.append(
                    OutputProblem(
                        message="plotly JSON only: Quarto never renders "
                        f"{PLOTLY_JSON}; add text/html and image/png",
                        **where,
                    )
                )
                continue
            for output_format in formats:
                chosen = mime_type_for(output, output_format)
                if chosen is None:
                    problems.append(
                        OutputProblem(
                            message=f"{output_format}: none of {list(mimes)} can be rendered",
                            **where,
                        )
                    )
                elif chosen == TEXT_PLAIN:
                    problems.append(
                        OutputProblem(
                            message=f"{output_format}: would show as text/plain "
                            f"(bundle has {list(mimes)})",
                            **where,
                        )
                    )
    return problems


def _output_hidden(cell: dict) -> bool:
    tags = set(cell.get("metadata", {}).get("tags", []))
    if tags & HIDDEN_OUTPUT_TAGS:
        return True
    options = "\n".join(line[3:] for line in cell.source.splitlines() if line.startswith("#| "))
    try:
        parsed = load_yaml(options) if options else None
    except yaml.YAMLError:
        return False
    return isinstance(parsed, dict) and (
        parsed.get("include") is False or parsed.get("output") is False
    )
