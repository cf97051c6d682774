"""The codebook appendix: every coded field of the restrictions table, its values and definitions,
and the kinds of source every curated table uses.

Everything shown comes from data/codebook.json (through ``briefing.data.codebook``); the
counts beside each value are the rows of the edition that carry it (for the kinds of source,
the rows of every curated table).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.data import package, tables
from briefing.data.codebook import SOURCE_KIND, Codebook, Field

VENDOR_RULES = {
    "required": "names the vendors",
    "empty": "names none",
    "optional": "may name them",
}


def introduction(book: Codebook) -> str:
    """The codebook's own account of what a row is, how rows are counted and dated."""
    return "\n\n".join(
        [
            book.description,
            f"**Counting.** {book.counting}",
            f"**Dating.** {book.dating}",
        ]
    )


def fields_table(book: Codebook) -> pd.DataFrame:
    """One row per coded field: its column, label, number of values and what it records."""
    return pd.DataFrame(
        {
            "Column": [f.name for f in book.fields],
            "Field": [f.label for f in book.fields],
            "Values": [len(f.values) for f in book.fields],
            "What it records": [f.description for f in book.fields],
        }
    )


def scale_table(book: Codebook, events: pd.DataFrame) -> pd.DataFrame:
    """The strength scale, strongest first, with each level's rules and the rows at it."""
    used = _uses(events, "level")
    rows = []
    for place, level in enumerate(book.levels.values, start=1):
        rules = level.rules
        rows.append(
            {
                "Rank": place,
                "Code": level.code,
                "Level": level.label,
                "Binding": "yes" if level.binding else "no",
                "Definition": level.definition,
                "Rules": _rules(rules),
                "Rows": used.get(level.code, 0),
            }
        )
    return pd.DataFrame(rows)


def field_table(book: Codebook, name: str, events: pd.DataFrame) -> pd.DataFrame:
    """One coded field's values: code, label, definition and the rows carrying each."""
    spec = book.field(name)
    used = _uses(events, name, spec)
    table = pd.DataFrame(
        {
            "Code": spec.codes(),
            "Label": [value.label for value in spec.values],
            "Definition": [value.definition for value in spec.values],
            "Rows": [used.get(value.code, 0) for value in spec.values],
        }
    )
    if name == "status":
        table.insert(3, "Counted", ["yes" if v.counted else "no" for v in spec.values])
    if name == SOURCE_KIND:
        table.insert(
            3,
            "Confidence at most",
            [v.rules.get("confidence_at_most", "high") for v in spec.values],
        )
    return table


def sourced_rows(day: dt.date) -> pd.DataFrame:
    """The kind of source of every row an edition dated ``day`` shows, in every table that
    names it (one column, ``source_kind``, and the table each row is from)."""
    frames = [
        pd.DataFrame(
            {
                SOURCE_KIND: tables.load(table.name, as_of=day)[table.source_columns["kind"]],
                "table": table.name,
            }
        )
        for table in package.tables()
        if "kind" in table.source_columns
    ]
    return pd.concat(frames, ignore_index=True)


def download(book: Codebook) -> pd.DataFrame:
    """The whole codebook as one table: field, code, label, definition, and the level rules."""
    rows = []
    for spec in book.fields:
        for place, value in enumerate(spec.values, start=1):
            rows.append(
                {
                    "field": spec.name,
                    "order": place,
                    "code": value.code,
                    "label": value.label,
                    "short_label": value.short,
                    "definition": value.definition,
                    "binding": "" if value.binding is None else ("yes" if value.binding else "no"),
                    "counted": "" if value.counted is None else ("yes" if value.counted else "no"),
                    "rules": _value_rules(value.rules) if value.rules else "",
                }
            )
    return pd.DataFrame(rows)


def _rules(rules: dict) -> str:
    parts = [VENDOR_RULES[rules.get("vendors", "optional")]]
    if rules.get("actors"):
        parts.append("taken by " + " or ".join(rules["actors"]))
    if rules.get("coding_note") == "required":
        parts.append("needs a coding note")
    return "; ".join(parts)


def _value_rules(rules: dict) -> str:
    """A value's rules in words: a level's, or a kind of source's cap on confidence."""
    if "confidence_at_most" in rules:
        return f"confidence {rules['confidence_at_most']} at most"
    return _rules(rules)


def _uses(events: pd.DataFrame, name: str, spec: Field | None = None) -> dict[str, int]:
    column = events[name]
    if name == "binding":
        column = column.map({True: "yes", False: "no"})
    if spec is not None and spec.separator:
        column = column.dropna().str.split(spec.separator).explode()
    return {str(k): int(v) for k, v in column.dropna().value_counts().items()}
