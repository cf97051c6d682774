"""A table's CSV file: its bytes checked against its Table Schema (encoding, structure, header,
every cell through frictionless), and read into a frame of the types the schema declares."""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path

import pandas as pd

from briefing.errors import DataError

UTF8_BOM = b"\xef\xbb\xbf"


def validate(csv_path: Path, schema: dict) -> None:
    """Check encoding, header and every cell of ``csv_path`` against ``schema``."""
    _validated(csv_path, _read_bytes(csv_path), json.dumps(schema, sort_keys=True))


# The same bytes against the same schema pass or fail alike: a process that loads a table
# many times (a chapter's computations, `briefing status`, a test session) checks them once.
# A failure raises, so it is never kept.
@functools.lru_cache(maxsize=64)
def _validated(csv_path: Path, raw: bytes, schema_json: str) -> None:
    # Imported here: the notebooks' kernels load tables the build has already validated, and
    # frictionless (with pydantic) would add a quarter of a second to each kernel's start.
    import frictionless

    schema = json.loads(schema_json)
    _check_encoding(csv_path, raw)
    _check_structure(csv_path, raw.decode("utf-8"), schema)
    resource = frictionless.Resource(
        path=csv_path.name,
        basepath=str(csv_path.parent),
        schema=frictionless.Schema.from_descriptor(schema),
        format="csv",
        encoding="utf-8",
    )
    report = resource.validate()
    if report.valid:
        return
    errors = report.flatten(["rowNumber", "fieldName", "cell", "type", "note"])
    row, field, cell, kind, note = errors[0]
    more = f" ({len(errors) - 1} more problems in this file)" if len(errors) > 1 else ""
    raise DataError(
        csv_path,
        f"{kind}: {note}{more}",
        row=row,
        field=field,
        value=None if kind == "missing-cell" or cell in (None, "") else cell,
        rule=_rule_text(schema, field, kind),
    )


def _read_bytes(csv_path: Path) -> bytes:
    try:
        raw = csv_path.read_bytes()
    except FileNotFoundError:
        raise DataError(csv_path, "file not found") from None
    if not raw.strip():
        raise DataError(csv_path, "file is empty; expected a header row and data rows")
    return raw


def _check_encoding(csv_path: Path, raw: bytes) -> None:
    if raw.startswith(UTF8_BOM):
        raise DataError(
            csv_path, "file starts with a byte-order mark; save it as UTF-8 without BOM", row=1
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            csv_path,
            f"not valid UTF-8 at byte {exc.start}; save the file as UTF-8",
            row=line,
            value=raw[exc.start : exc.start + 4],
        ) from None


def _check_structure(csv_path: Path, text: str, schema: dict) -> None:
    """CSV syntax, the header, and one line per cell, before frictionless checks the values."""
    expected = [f["name"] for f in schema["fields"]]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0  # rows are counted as frictionless counts them: the header is row 1
    try:
        for number, row in enumerate(reader, start=1):
            if number == 1:
                _check_header(csv_path, row, expected)
                continue
            if row and len(row) != len(expected):
                raise DataError(
                    csv_path,
                    f"row has {len(row)} cells, the header has {len(expected)}",
                    row=number,
                    rule="same number of cells as the header",
                )
            for field, cell in zip(expected, row):
                if "\n" in cell or "\r" in cell:
                    raise DataError(
                        csv_path,
                        "a cell spans several lines",
                        row=number,
                        field=field,
                        value=cell,
                        rule="one line per cell",
                    )
    except csv.Error as exc:
        raise DataError(
            csv_path, f"not valid CSV: {exc}", row=number + 1, rule="CSV syntax"
        ) from None


def _check_header(csv_path: Path, header: list[str], expected: list[str]) -> None:
    if header == expected:
        return
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    detail = []
    if missing:
        detail.append(f"missing {missing}")
    if unknown:
        detail.append(f"unknown {unknown}")
    if not detail:
        detail.append("columns out of order")
    raise DataError(
        csv_path,
        f"header does not match the schema ({'; '.join(detail)}); expected: {','.join(expected)}",
        row=1,
        rule="header",
    )


def _rule_text(schema: dict, field: str | None, kind: str) -> str:
    if field is None:
        return kind
    for spec in schema["fields"]:
        if spec["name"] == field:
            bits = [f"type {spec.get('type', 'string')}"]
            bits += [f"{k} {v}" for k, v in spec.get("constraints", {}).items()]
            return ", ".join(bits)
    return kind


def read_typed(csv_path: Path, schema: dict) -> pd.DataFrame:
    """Read a validated CSV with pandas, giving each column the type its schema declares.

    A chapter loads the same tables many times, and a kernel that runs a notebook's editions
    in turn (book/kernels.py) loads them again: the typed frame is kept for the same bytes
    and schema, and each caller gets its own copy.
    """
    return _typed(csv_path.read_bytes(), json.dumps(schema, sort_keys=True)).copy()


@functools.lru_cache(maxsize=32)
def _typed(content: bytes, schema_json: str) -> pd.DataFrame:
    fields = json.loads(schema_json)["fields"]
    frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8")
    for spec in fields:
        column = spec["name"]
        kind = spec.get("type", "string")
        values = frame[column].replace("", None)
        if kind == "date":
            frame[column] = pd.to_datetime(values, format="%Y-%m-%d")
        elif kind == "integer":
            frame[column] = pd.to_numeric(values).astype("Int64")
        elif kind == "number":
            frame[column] = pd.to_numeric(values).astype("Float64")
        elif kind == "boolean":
            truthy = spec.get("trueValues", ["true"])
            frame[column] = values.map(
                lambda v, truthy=truthy: None if v is None else v in truthy
            ).astype("boolean")
        else:
            frame[column] = values.astype("string")
    return frame
