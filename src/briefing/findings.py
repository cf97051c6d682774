"""Findings: sentences whose numbers are computed from the data, shown where the book embeds them.

A notebook's `findings` cell shows one MIME bundle: Markdown for the page and the same
findings as JSON, so tests (and any other reader) can check the numbers without parsing prose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from IPython.display import display

MIME = "application/vnd.briefing.findings+json"


@dataclass(frozen=True)
class Finding:
    key: str  # stable name, e.g. "binding_jurisdictions"
    text: str  # one sentence, numbers already in it
    values: dict = field(default_factory=dict)  # the numbers, for checking


def markdown(findings: list[Finding]) -> str:
    return "\n".join(f"- {finding.text}" for finding in findings)


def show(findings: list[Finding]) -> None:
    display({"text/markdown": markdown(findings), MIME: [asdict(f) for f in findings]}, raw=True)


def from_notebook(nb) -> list[dict]:
    """The findings an executed notebook showed (for tests and the summary checks)."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if MIME in output.get("data", {}):
                found.extend(output["data"][MIME])
    return found
