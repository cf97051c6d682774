"""The codebook of a coded table (data/codebook.json): its fields, their values, the strength scale.

The codebook is declared once and read here. A table's declaration names it (the
``codebook`` entry of its ``briefing`` block in data/datapackage.json); the table's schema
carries the same vocabulary as enums, and the rules of each strength level (a ban naming
the vendor names vendors, a non-binding level is not binding...) are checked on every load.

The file's top level is the restrictions table's codebook; its ``tables`` list holds the
codebooks of other coded tables (China's measures), in the same shape, each naming its
table. ``load(path, table=...)`` returns one of them.

Its texts (labels, definitions, the counting rules...) are kept in English and in every other
language of the briefing (``briefing.data.codebook_language``), checked on every load;
``load(..., lang="ja")`` returns the codebook in Japanese, its codes and rules unchanged.

The kinds of source (``source_kind``) are the codebook's too, shared by every curated
table: each kind may cap the ``confidence`` of a row citing it (an aggregator or mirror,
or state media, is never high), and that rule is checked on every load of any table with
a ``source_kind`` column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path

import pandas as pd

from briefing import paths
from briefing.data import codebook_language, jsonfile, reads
from briefing.errors import DataError

# How a level's rules speak of the vendors column.
VENDOR_RULES = ("required", "empty", "optional")
# The column naming the kind of each row's source, in every curated table, and the one
# whose values the kind may cap.
SOURCE_KIND = "source_kind"
CONFIDENCE = "confidence"


@dataclass(frozen=True)
class Value:
    code: str
    label: str
    definition: str
    short: str = ""
    binding: bool | None = None  # levels: whether the level is binding
    counted: bool | None = None  # statuses: whether a row with this status counts
    official: bool = False  # kinds of source: a primary source (a government's, a regulator's)
    rules: dict = field(default_factory=dict)  # levels: vendors, actors, coding_note


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    description: str
    values: tuple[Value, ...]
    ordered: bool = False
    separator: str | None = None  # a field holding several values (vendors)

    def codes(self) -> list[str]:
        return [value.code for value in self.values]

    def labels(self) -> dict[str, str]:
        return {value.code: value.label for value in self.values}

    def value(self, code: str) -> Value:
        for value in self.values:
            if value.code == code:
                return value
        raise KeyError(f"{self.name}: no value {code!r}")

    def schema_enum(self) -> list[str]:
        """The values a table's cell may hold: the codes, or for a list field every ordered
        combination of them joined by the separator, sorted as the schema lists them."""
        if self.separator is None:
            return self.codes()
        codes = self.codes()
        joined = [
            self.separator.join(combo)
            for size in range(1, len(codes) + 1)
            for combo in combinations(codes, size)
        ]
        return sorted(joined)


@dataclass(frozen=True)
class Codebook:
    path: Path
    title: str
    table: str
    description: str
    counting: str
    dating: str
    fields: tuple[Field, ...]
    # What the headline numbers count: categories derived from the coded fields (the
    # restrictions codebook only), each with its rules' conditions in ``rules["when"]``.
    categories: Field | None = None
    lang: str = codebook_language.SOURCE  # the language of its texts

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"the codebook has no field {name!r}")

    @property
    def levels(self) -> Field:
        """The strength scale, strongest first."""
        return self.field("level")

    def binding_levels(self) -> list[str]:
        return [level.code for level in self.levels.values if level.binding]

    def counted_statuses(self) -> list[str]:
        return [status.code for status in self.field("status").values if status.counted]

    def rank(self) -> dict[str, int]:
        """Each level's place on the scale: 0 is the strongest."""
        return {code: index for index, code in enumerate(self.levels.codes())}

    @property
    def source_kinds(self) -> Field:
        """The kinds of source every curated table's ``source_kind`` column takes."""
        return self.field(SOURCE_KIND)

    def official_kinds(self) -> list[str]:
        """The kinds of source that are primary sources: a government's or a regulator's own text."""
        return [kind.code for kind in self.source_kinds.values if kind.official]

    def confidence_cap(self, kind: str) -> str | None:
        """The highest confidence a row citing a source of ``kind`` may have (None: any)."""
        return self.source_kinds.value(kind).rules.get("confidence_at_most")


def load(
    path: Path = paths.DATA / "codebook.json",
    table: str | None = None,
    *,
    lang: str = codebook_language.SOURCE,
) -> Codebook:
    """The codebook at ``path``: the top-level one, or the one of ``table`` (parsed once per
    process and language; every call counts as a read), its texts in ``lang`` ("en" or "ja").
    A file missing a text's translation into any language is refused whatever ``lang``."""
    path = Path(path).resolve()
    reads.record(path)
    return _load(path, table, lang)


def tables(path: Path = paths.DATA / "codebook.json") -> list[str]:
    """The tables the codebook file codes: the top-level one first, then the others in order."""
    raw = jsonfile.read(Path(path).resolve(), "codebook")
    return [raw["table"], *(spec["table"] for spec in raw.get("tables", []))]


@cache
def _load(path: Path, table: str | None, lang: str) -> Codebook:
    raw = jsonfile.read(path, "codebook")
    codebook_language.check(raw, path)
    raw = codebook_language.in_language(raw, lang, path)
    top = table is None or table == raw.get("table")  # the restrictions codebook has a scale
    shared = []
    if not top:
        matching = [spec for spec in raw.get("tables", []) if spec.get("table") == table]
        if not matching:
            raise DataError(path, f"the codebook has no section for table {table!r}")
        # The kinds of source are every table's: a section that does not define them shares
        # the top level's.
        shared = [spec for spec in raw.get("fields", []) if spec.get("name") == SOURCE_KIND]
        raw = matching[0]
    try:
        own = [spec for spec in raw["fields"]]
        names = {spec["name"] for spec in own}
        fields = tuple(_field(spec) for spec in own + [s for s in shared if s["name"] not in names])
        book = Codebook(
            path=path,
            title=raw["title"],
            table=raw["table"],
            description=raw["description"],
            counting=raw["counting"],
            dating=raw["dating"],
            fields=fields,
            categories=_field(raw["categories"]) if top and "categories" in raw else None,
            lang=lang,
        )
        # A strength scale is optional (China's measures have none); where there is one,
        # every level says whether it binds and how it speaks of the vendors.
        levels = book.levels if top else None
    except (KeyError, TypeError) as exc:
        raise DataError(path, f"not a codebook: missing or malformed {exc}") from None
    for level in levels.values if levels is not None else ():
        vendors = level.rules.get("vendors", "optional")
        if level.binding is None or vendors not in VENDOR_RULES:
            raise DataError(
                path,
                f"level {level.code!r} must say whether it is binding and give a vendors rule "
                f"({', '.join(VENDOR_RULES)})",
                field="level",
            )
    if any(f.name == SOURCE_KIND for f in fields):
        confidences = book.field(CONFIDENCE).codes()
        for kind in book.source_kinds.values:
            cap = kind.rules.get("confidence_at_most")
            if cap is not None and cap not in confidences:
                raise DataError(
                    path,
                    f"source kind {kind.code!r} caps confidence at {cap!r}, which is not one "
                    f"of {', '.join(confidences)}",
                    field=SOURCE_KIND,
                )
    return book


def _field(spec: dict) -> Field:
    values = tuple(
        Value(
            code=value["code"],
            label=value["label"],
            definition=value["definition"],
            short=value.get("short", ""),
            binding=value.get("binding"),
            counted=value.get("counted"),
            official=bool(value.get("official", False)),
            rules=value.get("rules", {}),
        )
        for value in spec["values"]
    )
    return Field(
        name=spec["name"],
        label=spec["label"],
        description=spec["description"],
        values=values,
        ordered=bool(spec.get("ordered", False)),
        separator=spec.get("separator"),
    )


@dataclass(frozen=True)
class Problem:
    row: int  # as the loader counts rows: the header is row 1
    field: str
    value: object
    rule: str


def problems(frame: pd.DataFrame, book: Codebook) -> list[Problem]:
    """Every row of a typed frame that breaks the codebook's rules, in row order: its level's
    rules where the frame has a ``level`` column, its source kind's cap on ``confidence``
    where it has a ``source_kind`` column."""
    found = []
    for index, row in enumerate(frame.itertuples(index=False), start=2):
        cells = row._asdict()
        # A codebook without a strength scale (China's measures) has no level rules to break.
        if "level" in frame.columns and "level" in {f.name for f in book.fields}:
            found += _level_problems(index, cells, book)
        if SOURCE_KIND in frame.columns:
            found += _source_problems(index, cells, book)
    return found


def _source_problems(index: int, cells: dict, book: Codebook) -> list[Problem]:
    kind = _text(cells.get(SOURCE_KIND))
    confidence = _text(cells.get(CONFIDENCE))
    try:
        cap = book.confidence_cap(kind)
    except KeyError:
        return []  # the schema's enum reports an unknown kind
    scale = book.field(CONFIDENCE).codes()  # highest first
    if cap is None or confidence not in scale or scale.index(confidence) >= scale.index(cap):
        return []
    label = book.source_kinds.value(kind).label.lower()
    return [
        Problem(
            index,
            CONFIDENCE,
            confidence,
            f"a row whose source is {label} ({SOURCE_KIND} {kind}) has confidence {cap} at most",
        )
    ]


def _level_problems(index: int, cells: dict, book: Codebook) -> list[Problem]:
    found = []
    levels = book.levels
    try:
        level = levels.value(cells.get("level"))
    except KeyError:
        return found  # the schema's enum reports an unknown level
    rules = level.rules
    binding = cells.get("binding")
    if binding is not pd.NA and binding is not None and bool(binding) != level.binding:
        found.append(
            Problem(
                index,
                "binding",
                "yes" if binding else "no",
                f"level {level.code} is {'binding' if level.binding else 'not binding'}",
            )
        )
    vendors = _text(cells.get("vendors"))
    wanted = rules.get("vendors", "optional")
    if wanted == "required" and not vendors:
        found.append(Problem(index, "vendors", None, f"level {level.code} names vendors"))
    if wanted == "empty" and vendors:
        found.append(Problem(index, "vendors", vendors, f"level {level.code} names no vendor"))
    actors = rules.get("actors")
    actor = _text(cells.get("actor"))
    if actors and actor and actor not in actors:
        found.append(
            Problem(index, "actor", actor, f"level {level.code} is taken by {' or '.join(actors)}")
        )
    if rules.get("coding_note") == "required" and not _text(cells.get("coding_note")):
        found.append(
            Problem(
                index,
                "coding_note",
                None,
                f"level {level.code} always needs judgement: say why in coding_note",
            )
        )
    return found


def enforce(frame: pd.DataFrame, book: Codebook, path: Path) -> None:
    """Raise DataError at the first row of ``frame`` (read from ``path``) breaking the codebook."""
    found = problems(frame, book)
    if not found:
        return
    first = found[0]
    more = f" ({len(found) - 1} more problems in this file)" if len(found) > 1 else ""
    raise DataError(
        path,
        f"breaks the codebook{more}",
        row=first.row,
        field=first.field,
        value=first.value,
        rule=f"{first.rule} ({book.path.name})",
    )


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)
