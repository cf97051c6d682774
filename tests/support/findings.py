"""Read the findings an executed notebook showed."""

from __future__ import annotations

from briefing.outputs.display import FINDINGS_MIME


def from_notebook(nb) -> list[dict]:
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if FINDINGS_MIME in output.get("data", {}):
                found.extend(output["data"][FINDINGS_MIME])
    return found
