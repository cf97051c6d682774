"""What each table is, as `data/datapackage.json` declares it: file, schema, dating and sources.

Every resource carries a `briefing` block, read here and nowhere else:

- `as_of`: how an edition cuts the table. `{"column": C}` keeps rows dated on or before the
  edition date; `{"column": C, "period": "year"}` keeps whole years that had ended by then.
  An edition also leaves out a row whose every source is later than its date, and shows a
  row's second source as its source where only the main one is later. `known_from`
  (optional), `{D: [C1, ...]}`: columns known only from the source dated in column D (a link
  and its citation), left empty in an edition dated before it.
- `sources`: the columns holding each row's source (`url`, `publisher`, `date`, optionally
  `title`, and `kind`, which is always the column `source_kind`: the kind of source, from the
  codebook's vocabulary), or `{"provenance": PATH}` for a derived table whose source is its
  provenance record.
- `second_sources` (optional): the columns of a second source a row may cite beside its main
  one (`url`, `publisher`, `date`, `kind`, optionally `title`), such as the news report of an
  official text; all empty where a row cites none. Every load checks that a row giving its URL
  gives its publisher, date and kind, and the sources appendix lists it like a main source.
- `starts_data` (one table): its earliest date is where the data begins; earlier editions
  are refused.
- `codebook` (optional): the codebook (data/codebook.json) whose vocabulary and level rules
  the table's coded columns follow; every load checks the rules. A table with a
  `source_kind` column follows the codebook whether it names it or not (the kind of source
  caps a row's confidence), so its codebook is data/codebook.json unless it names another.
- `item` (optional): how the summary's "what changed" names one new row, a template of the
  table's columns (`"{jurisdiction}: {title}"`; a `jurisdiction` column reads as the
  jurisdiction's name). Without it, the new rows are counted, not named.
- `verified_through` (optional): the day up to which the table's sources were last searched.
  A temporary state (a suspension) past its end with no later change recorded is reported as
  not verified since, with this date.
- `measures` (optional): each row is about a measure of another declared table,
  `{"table": C1, "id": C2}`: the column naming that table and the column holding the measure's
  key (that table's primary key). Every load checks that each measure exists.
- `translations` (optional), `{LANG: {C: C_LANG}}`: for each language (`"ja"`), the column
  holding the translation of each free-text column a reader sees, kept beside it in the CSV.
  Every load checks that a row whose column C is filled fills C_LANG too, and returns the
  English (`tables.load(..., lang=LANG)`: the translations in place of C). A translation is
  known from the same source as its original: where `as_of.known_from` names C, it names
  C_LANG as well (derived here, not declared twice).
"""

from __future__ import annotations

import datetime as dt
import json
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

from briefing import paths, translation
from briefing.data import jsonfile, reads
from briefing.errors import DataError

# Every curated table names the kind of each row's source in a column of this name.
SOURCE_KIND = "source_kind"
DEFAULT_CODEBOOK = "codebook.json"
# The shape of a resource and its `briefing` block; _table checks what a schema cannot.
RESOURCE_SCHEMA = paths.DATA / "schemas" / "datapackage-resource.schema.json"


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    path: Path
    schema_path: Path
    date_column: str
    period: str  # "day" or "year"
    source_columns: dict[str, str]  # role -> column; empty for a derived table
    provenance: Path | None
    starts_data: bool
    codebook: Path | None = None
    item: str | None = None  # the template naming one row in "what changed"
    verified_through: dt.date | None = None  # the day its sources were last searched to
    measures: tuple[str, str] | None = None  # (table column, key column) naming a measure
    # Made on each machine, never committed: why, and how to make it (None: a committed table).
    local: str | None = None
    # role -> column of the second source a row may cite; empty if the table declares none
    second_source_columns: dict[str, str] = field(default_factory=dict)
    # date column -> the columns known only from the source it dates (empty before that date)
    known_from: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> {column -> the column holding its translation}; empty if none declared
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    # language -> the table's title in it (every language but English)
    titles: dict[str, str] = field(default_factory=dict)

    def shown_title(self, lang: str | None = None) -> str:
        """The table's title in ``lang`` (the current edition's language when None)."""
        lang = lang or translation.current()
        # A book in English only (the miniature book of the tests) titles its tables in English.
        return self.titles.get(lang, self.title) if lang != translation.SOURCE else self.title

    @property
    def present(self) -> bool:
        """Whether the table's file exists (a local table may not have been made here)."""
        return self.local is None or self.path.is_file()

    @property
    def files(self) -> list[Path]:
        """The files whose bytes make the table: its CSV, its schema, its codebook if it has one
        (and the package itself)."""
        return [self.path, *self.rule_files]

    @property
    def rule_files(self) -> list[Path]:
        """The files that say what the table's cells may hold: its schema and its codebook."""
        return [self.schema_path, *([self.codebook] if self.codebook else [])]

    def schema(self) -> dict:
        return json.loads(self.schema_path.read_text(encoding="utf-8"))


def tables(datapackage: Path = paths.DATAPACKAGE) -> list[Table]:
    """Every declared table that is here, in the order of the data package (a local table not
    made on this machine is left out: nothing can be read from it). What lists every table
    depends on the whole data package."""
    reads.record(datapackage)
    return [table for table in _declared(datapackage.resolve()).values() if table.present]


def table(name: str, datapackage: Path = paths.DATAPACKAGE) -> Table:
    declared = _declared(datapackage.resolve())
    if name not in declared:
        raise DataError(
            datapackage, f"no table named {name!r}; known tables: {', '.join(declared)}"
        )
    return declared[name]


def names(datapackage: Path = paths.DATAPACKAGE) -> list[str]:
    return [t.name for t in tables(datapackage)]


def first_events(datapackage: Path = paths.DATAPACKAGE) -> Table:
    """The table whose earliest date marks the start of the data."""
    starting = [t for t in tables(datapackage) if t.starts_data]
    if len(starting) != 1:
        raise DataError(datapackage, 'exactly one table must declare "starts_data": true')
    return starting[0]


@cache
def _declared(datapackage: Path) -> dict[str, Table]:
    descriptor = jsonfile.read(datapackage)
    declared = {}
    for index, resource in enumerate(descriptor.get("resources", []), start=1):
        table = _table(datapackage, index, _checked(datapackage, index, resource))
        declared[table.name] = table
    _check_titles(datapackage, list(declared.values()))
    return declared


def _check_titles(datapackage: Path, declared: list[Table]) -> None:
    """A language one table is titled in, every table is titled in (the pages of that
    language's edition name them all)."""
    languages = sorted({lang for table in declared for lang in table.titles})
    for index, table in enumerate(declared, start=1):
        for lang in languages:
            if not table.titles.get(lang):
                raise DataError(
                    datapackage,
                    f"table {table.name!r} has no {lang} title (briefing.titles.{lang}), "
                    "which the other tables have",
                    row=index,
                    field="briefing.titles",
                )


def _checked(datapackage: Path, index: int, resource: object) -> dict:
    """``resource``, if it has the shape data/schemas/datapackage-resource.schema.json gives."""
    error = best_match(_resource_validator().iter_errors(resource))
    if error is None and isinstance(resource, dict):
        return resource
    named = isinstance(resource, dict) and isinstance(resource.get("name"), str)
    label = f"table {resource['name']!r}" if named else f"resource {index}"
    raise DataError(datapackage, f"{label}: {error.message}", row=index, field=_field(error))


def _table(datapackage: Path, index: int, resource: dict) -> Table:
    """The table a resource of the right shape declares, once its names are checked against
    its schema and its files: what a JSON Schema cannot check."""

    def problem(field: str, message: str) -> DataError:
        return DataError(
            datapackage, f"table {resource['name']!r}: {message}", row=index, field=field
        )

    base, spec = datapackage.parent, resource["briefing"]
    fields = _fields(base, resource["schema"], problem)
    column, period = _date_column(spec["as_of"], fields, problem)
    provenance = spec["sources"].get("provenance")
    columns = _columns(spec["sources"], "sources", fields, problem)
    if SOURCE_KIND in fields:
        columns.setdefault("kind", SOURCE_KIND)
    second = _columns(spec.get("second_sources", {}), "second_sources", fields, problem)
    if second and provenance:
        raise problem("briefing.second_sources", "a derived table cites its provenance only")
    codebook = spec.get("codebook", DEFAULT_CODEBOOK if "kind" in columns else None)
    if codebook is not None and not (base / codebook).is_file():
        raise problem("briefing.codebook", f"codebook {codebook} does not exist")
    item = _item(spec.get("item"), fields, problem)
    translations = _translations(spec.get("translations", {}), fields, problem)
    known_from = _known_from(spec["as_of"].get("known_from", {}), fields, problem)
    return Table(
        name=resource["name"],
        title=resource.get("title", resource["name"]),
        titles=spec.get("titles", {}),
        path=base / resource["path"],
        schema_path=base / resource["schema"],
        date_column=column,
        period=period,
        source_columns=columns,
        provenance=base / provenance if provenance else None,
        starts_data=spec.get("starts_data", False),
        codebook=base / codebook if codebook else None,
        item=item,
        local=spec.get("local"),
        verified_through=_day(spec.get("verified_through"), problem),
        measures=_measures(spec.get("measures"), fields, problem),
        second_source_columns=second,
        known_from=_translated_too(known_from, translations),
        translations=translations,
    )


def _fields(base: Path, schema: str, problem) -> dict[str, dict]:
    """The fields of a table's schema (its path ``schema``, from ``base``), by name."""
    try:
        return {
            f["name"]: f for f in json.loads((base / schema).read_text(encoding="utf-8"))["fields"]
        }
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        raise problem("schema", f"schema {schema} is missing or unreadable") from None


def _date_column(as_of: dict, fields: dict, problem) -> tuple[str, str]:
    """The column an edition cuts the table by and its period, once the column is checked to be
    in the schema with the period's type (a year is an integer)."""
    column = as_of["column"]
    period = as_of.get("period", "day")
    expected = "integer" if period == "year" else "date"
    if column not in fields:
        raise problem("briefing.as_of.column", f"date column {column!r} is not in its schema")
    if fields[column].get("type") != expected:
        raise problem(
            "briefing.as_of.column",
            f"date column {column!r} must be of type {expected} for period {period}",
        )
    return column, period


def _item(item: str | None, fields: dict, problem) -> str | None:
    """The template naming one new row, once the columns it names are checked to exist."""
    named = set() if item is None else _template_fields(item)
    if named is None or not named <= set(fields):
        raise problem("briefing.item", f"item template {item!r} names columns not in its schema")
    return item


def _columns(spec: dict, key: str, fields: dict, problem) -> dict[str, str]:
    """The columns of a source (role -> column) a `sources` block names, once each is checked
    to be in the table's schema (a provenance record is not a column)."""
    columns = {role: col for role, col in spec.items() if role != "provenance"}
    for role, col in columns.items():
        if col not in fields:
            what = "second source" if key == "second_sources" else "source"
            raise problem(
                f"briefing.{key}.{role}", f"{what} {role} column {col!r} is not in its schema"
            )
    return columns


def _measures(spec: dict | None, fields: dict, problem) -> tuple[str, str] | None:
    """The columns naming the measure each row is about, once they are checked to exist."""
    if spec is None:
        return None
    for role, col in spec.items():
        if col not in fields:
            raise problem(
                f"briefing.measures.{role}", f"measures column {col!r} is not in its schema"
            )
    return spec["table"], spec["id"]


def _known_from(spec: dict, fields: dict, problem) -> dict[str, tuple[str, ...]]:
    """The columns known only from a later source, by that source's date column, once each is
    checked to be in the schema (the date column of type date)."""
    for date_column, columns in spec.items():
        if fields.get(date_column, {}).get("type") != "date":
            raise problem(
                f"briefing.as_of.known_from.{date_column}",
                f"{date_column!r} is not a date column of its schema",
            )
        for col in columns:
            if col not in fields:
                raise problem(
                    f"briefing.as_of.known_from.{date_column}",
                    f"column {col!r} is not in its schema",
                )
    return {date_column: tuple(columns) for date_column, columns in spec.items()}


def _translations(spec: dict, fields: dict, problem) -> dict[str, dict[str, str]]:
    """The translated columns of each language, once each original and its translation are
    checked to be string columns of the schema."""
    for lang, columns in spec.items():
        for original, translated in columns.items():
            for col in (original, translated):
                if col not in fields or fields[col].get("type", "string") != "string":
                    raise problem(
                        f"briefing.translations.{lang}.{original}",
                        f"column {col!r} is not a string column of its schema",
                    )
    return {lang: dict(columns) for lang, columns in spec.items()}


def _translated_too(
    known_from: dict[str, tuple[str, ...]], translations: dict[str, dict[str, str]]
) -> dict[str, tuple[str, ...]]:
    """``known_from`` with each column's translations known from the same source as it."""
    return {
        date_column: columns + tuple(t[c] for c in columns for t in translations.values() if c in t)
        for date_column, columns in known_from.items()
    }


def _day(text: str | None, problem) -> dt.date | None:
    """A declared date (the resource schema checks its shape; this, that it is a real day)."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise problem("briefing.verified_through", f"{text!r} is not a date") from None


@cache
def _resource_validator() -> Draft202012Validator:
    return Draft202012Validator(jsonfile.read(RESOURCE_SCHEMA, "schema"))


def _field(error: ValidationError) -> str | None:
    """The dotted path of what the error is about; for a missing key, the key itself."""
    where = [str(part) for part in error.absolute_path]
    if error.validator == "required":
        where.append(next(key for key in error.validator_value if key not in error.instance))
    return ".".join(where) or None


def _template_fields(item: str) -> set[str] | None:
    """The columns a template such as ``"{jurisdiction}: {title}"`` names; None if it is none."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(item) if field}
    except ValueError:  # an unbalanced brace
        return None
