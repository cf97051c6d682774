"""The milestones' kinds of measure, in the order of their table's schema
(data/schemas/milestones.json), with the labels tables and legends show (the schema lists only
the codes)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from briefing.data import jsonfile, package, reads
from briefing.errors import DataError
from briefing.translation import N_

KIND_LABELS = {
    "telecom_vendor_restriction": N_("Telecom vendor restriction"),
    "entity_listing": N_("Entity listing / denial order"),
    "export_control_chips": N_("Chip export controls"),
    "export_control_law": N_("Export control law"),
    "investment_screening": N_("Investment screening"),
    "economic_security_law": N_("Economic security law"),
    "countermeasure": N_("Chinese countermeasure"),
}
COUNTERMEASURE = "countermeasure"  # the kind no ally shares with the US: China's own


def kinds() -> dict[str, str]:
    """The kinds with their labels, in the order of the table schema's enum.

    The labels are English, as the charts' palette keys its styles by them; a page shows
    ``_(label)`` (the labels are messages of the catalog)."""
    schema = package.table("milestones").schema_path
    reads.record(schema)
    return schema_kinds(schema)


@cache
def schema_kinds(schema: Path) -> dict[str, str]:
    """The kinds the schema at ``schema`` declares, labelled; a kind without a label is an error."""
    fields = jsonfile.read(schema, "schema")["fields"]
    codes = next(f for f in fields if f["name"] == "kind")["constraints"]["enum"]
    missing = [code for code in codes if code not in KIND_LABELS]
    if missing:
        raise DataError(
            schema,
            f"kinds without a label in briefing.vocabulary.milestones: {', '.join(missing)}",
            field="kind",
        )
    return {code: KIND_LABELS[code] for code in codes}
