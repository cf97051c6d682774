"""A source's JSON file read as a list of records, checked against the shape its publisher documents.

The Entity List parse and the Consolidated Screening List's JSON both hold a list of objects
(under ``entities`` or ``results``), each with some fields that must be there; anything else
is refused with the file, the record and the missing fields named, before anything is written.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.errors import DataError


def read(
    path: Path,
    content: str | bytes,
    *,
    key: str,
    required: tuple[str, ...],
    rule: str,
    bare_list: bool = False,
) -> tuple[object, list[dict]]:
    """The parsed file and its records: the list under ``key`` (or, with ``bare_list``, the whole
    file when it is a list), each an object holding every ``required`` field; DataError otherwise.
    """
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise DataError(path, f"not valid JSON: {exc.msg}", row=exc.lineno) from None
    records = data.get(key) if isinstance(data, dict) else (data if bare_list else None)
    if not isinstance(records, list):
        expected = f"an object with a {key!r} list"
        if bare_list:
            expected = f"a JSON list of records or {expected}"
        raise DataError(path, f"expected {expected}", rule=rule)
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise DataError(path, "record is not an object", row=number, rule=rule)
        missing = [field for field in required if field not in record]
        if missing:
            raise DataError(
                path, f"record lacks the fields {missing}", row=number, field=missing[0], rule=rule
            )
    return data, records
