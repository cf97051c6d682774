"""The codebook appendix: every coded field of the restrictions table, its values and definitions,
and the kinds of source every curated table uses.

Everything shown comes from data/codebook.json (through ``briefing.data.codebook``); the
counts beside each value are the rows of the edition that carry it (for the kinds of source,
the rows of every curated table).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import translation
from briefing.data import package, tables
from briefing.data.codebook import SOURCE_KIND, Codebook, Field
from briefing.translation import N_, _

VENDOR_RULES = {
    "required": N_("names the vendors"),
    "empty": N_("names none"),
    "optional": N_("may name them"),
}

# The column names the tables below give (the display layer shows them in the edition's
# language).
COLUMN = N_("Column")
FIELD = N_("Field")
VALUES = N_("Values")
RECORDS = N_("What it records")
RANK = N_("Rank")
CODE = N_("Code")
LEVEL = N_("Level")
BINDING = N_("Binding")
DEFINITION = N_("Definition")
RULES = N_("Rules")
ROWS = N_("Rows")
LABEL = N_("Label")
COUNTED = N_("Counted")
CONFIDENCE_AT_MOST = N_("Confidence at most")
# The downloads' link texts.
DOWNLOAD_LABELS = {
    "codebook": N_("The codebook of the restrictions as a table"),
    "codebook_china_measures": N_("The codebook of China's measures as a table"),
}
# How a list of rules, and a list of actors, is joined in each language.
RULE_SEPARATOR = {"ja": "；"}
ACTOR_SEPARATOR = {"ja": "または"}


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def introduction(book: Codebook) -> str:
    """The codebook's own account of what a row is, how rows are counted and dated."""
    return "\n\n".join(
        [
            book.description,
            _("**Counting.** {counting}").format(counting=book.counting),
            _("**Dating.** {dating}").format(dating=book.dating),
        ]
    )


def fields_table(book: Codebook) -> pd.DataFrame:
    """One row per coded field: its column, label, number of values and what it records."""
    return pd.DataFrame(
        {
            COLUMN: [f.name for f in book.fields],
            FIELD: [f.label for f in book.fields],
            VALUES: [len(f.values) for f in book.fields],
            RECORDS: [f.description for f in book.fields],
        }
    )


def scale_table(book: Codebook, events: pd.DataFrame) -> pd.DataFrame:
    """The strength scale, strongest first, with each level's rules and the rows at it."""
    used = _uses(events, "level")
    actors = _actor_names(book)
    rows = []
    for place, level in enumerate(book.levels.values, start=1):
        rules = level.rules
        rows.append(
            {
                RANK: place,
                CODE: level.code,
                LEVEL: level.label,
                BINDING: _yes(level.binding),
                DEFINITION: level.definition,
                RULES: _rules_shown(rules, actors),
                ROWS: used.get(level.code, 0),
            }
        )
    return pd.DataFrame(rows)


def field_table(book: Codebook, name: str, events: pd.DataFrame) -> pd.DataFrame:
    """One coded field's values: code, label, definition and the rows carrying each."""
    spec = book.field(name)
    used = _uses(events, name, spec)
    table = pd.DataFrame(
        {
            CODE: spec.codes(),
            LABEL: [value.label for value in spec.values],
            DEFINITION: [value.definition for value in spec.values],
            ROWS: [used.get(value.code, 0) for value in spec.values],
        }
    )
    if name == "status":
        table.insert(3, COUNTED, [_yes(v.counted) for v in spec.values])
    if name == SOURCE_KIND:
        table.insert(
            3,
            CONFIDENCE_AT_MOST,
            [_(v.rules.get("confidence_at_most", "high")) for v in spec.values],
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


def _actor_names(book: Codebook) -> dict[str, str]:
    """The actors' names as a level's rules give them: their codes in English (as the rules have
    always said them), the codebook's labels in another language."""
    if translation.current() == translation.SOURCE:
        return {}
    try:
        return book.field("actor").labels()
    except KeyError:
        return {}


def _rules_shown(rules: dict, actors: dict[str, str]) -> str:
    """A level's rules as a reader of the edition reads them (``_rules`` in English)."""
    if translation.current() == translation.SOURCE:
        return _rules(rules)
    parts = [_(VENDOR_RULES[rules.get("vendors", "optional")])]
    if rules.get("actors"):
        joiner = ACTOR_SEPARATOR.get(translation.current(), " or ")
        named = joiner.join(actors.get(actor, actor) for actor in rules["actors"])
        parts.append(_("taken by {actors}").format(actors=named))
    if rules.get("coding_note") == "required":
        parts.append(_("needs a coding note"))
    return RULE_SEPARATOR.get(translation.current(), "; ").join(parts)


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
