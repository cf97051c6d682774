"""Findings: sentences whose numbers are computed from the data, with the numbers beside them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    key: str  # stable name, e.g. "binding_jurisdictions"
    text: str  # one sentence, numbers already in it
    values: dict = field(default_factory=dict)  # the numbers, for checking


def markdown(findings: list[Finding]) -> str:
    return "\n".join(f"- {finding.text}" for finding in findings)
