"""The names the briefing's content shares: the coded vocabularies as chapters and charts read
them, and the few constants both need.

Below the chapters and the charts, so that neither imports the other for a name: a chapter
counts by these codes, a chart draws and labels them, and the chart palette gives each
category its colour in the order declared here. The strength levels and China's kinds of
measure come from the codebook (data/codebook.json), the milestones' kinds from their
table's schema (data/schemas/milestones.json), in the order each declares them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from briefing.data import codebook, jsonfile, package, reads
from briefing.errors import DataError

# The jurisdiction every lag is measured against, and the one whose measures answer the others.
BASELINE = "US"
COUNTERPART = "CN"
YEAR_DAYS = 365

# Codes of the restrictions table that the counts single out.
NAMED_BAN = "vendor_ban"  # the strongest level: a ban naming Huawei or ZTE
OPERATOR = "operator"  # the actor of an operator's own exclusion

# The table of China's measures: its codebook section.
CHINA_TABLE = "china_measures"

# The milestones' kinds as tables and legends name them (the schema lists the codes only).
MILESTONE_KIND_LABELS = {
    "telecom_vendor_restriction": "Telecom vendor restriction",
    "entity_listing": "Entity listing / denial order",
    "export_control_chips": "Chip export controls",
    "export_control_law": "Export control law",
    "investment_screening": "Investment screening",
    "economic_security_law": "Economic security law",
    "countermeasure": "Chinese countermeasure",
}
COUNTERMEASURE = "countermeasure"  # the milestones' kind no ally shares with the US

# The Entity List's destination groups (the codes of the chapter's counts) as charts name them.
DESTINATION_GROUPS = {
    "china_mainland": "China (mainland address)",
    "hong_kong": "China (Hong Kong address)",
    "rest_of_world": "Rest of world",
}

# The self-sufficiency table's series (rows of one series are comparable), in the order the
# chapter declares its measures, each by the short name of its first measure.
SERIES = {
    "china_based_ic": "China-based IC output ÷ China IC market",
    "china_hq_ic": "China-HQ firms' IC output ÷ China IC market",
    "china_hq_global_sales": "China-HQ firms' share of world chip sales (not self-sufficiency)",
    "cn_chip_supply": "Chinese chip output ÷ China chip market (method unknown)",
    "mic2025_undefined": "MIC 2025 'self-sufficiency rate' (measure undefined)",
}


def levels() -> list[str]:
    """The strength scale, strongest first."""
    return codebook.load().levels.codes()


def level_labels() -> dict[str, str]:
    return codebook.load().levels.labels()


def short_labels() -> dict[str, str]:
    """Each level's short label, for legends and chart axes."""
    return {value.code: value.short or value.label for value in codebook.load().levels.values}


def binding_levels() -> list[str]:
    return codebook.load().binding_levels()


def labels(field: str) -> dict[str, str]:
    """The codebook's labels of one coded field of the restrictions (actor, scope, status...)."""
    return codebook.load().field(field).labels()


def china_labels(field: str) -> dict[str, str]:
    """The codebook's labels of one coded field of China's measures (kind, actor, status...)."""
    return codebook.load(table=CHINA_TABLE).field(field).labels()


def china_kinds() -> dict[str, str]:
    """China's kinds of measure by their short labels, in the codebook's order."""
    kinds = codebook.load(table=CHINA_TABLE).field("kind").values
    return {value.code: value.short or value.label for value in kinds}


def milestone_kinds() -> dict[str, str]:
    """The milestones' kinds with their labels, in the order of the table schema's enum."""
    schema = package.table("milestones").schema_path
    reads.record(schema)
    return _milestone_kinds(schema)


@cache
def _milestone_kinds(schema: Path) -> dict[str, str]:
    fields = jsonfile.read(schema, "schema")["fields"]
    codes = next(f for f in fields if f["name"] == "kind")["constraints"]["enum"]
    missing = [code for code in codes if code not in MILESTONE_KIND_LABELS]
    if missing:
        raise DataError(
            schema, f"kinds without a label in briefing.vocab: {', '.join(missing)}", field="kind"
        )
    return {code: MILESTONE_KIND_LABELS[code] for code in codes}
