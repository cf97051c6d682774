"""The Entity List read from the eCFR: Supplement No. 4 to Part 744 of the EAR, as the eCFR
versioner API serves Part 744 of Title 15 on a date (``/api/versioner/v1/full/{date}/
title-15.xml?part=744``), parsed into the same records as the shared parse (name, aliases,
country, address, licence requirement, review policy, Federal Register citations), so that
everything downstream reads either source alike.

The XML is the eCFR's (GPO's e-CFR XML user guide): the supplement is an appendix
(``DIV9 TYPE="APPENDIX"``) whose ``HEAD`` names it; its entries are the rows (``ROW``) of
``GPOTABLE`` tables with five column heads (``BOXHD``/``CHED``): country, entity, licence
requirement, licence review policy, Federal Register citation. A row's country cell is empty
below the first entry of a country. Anything else (the appendix missing, other column heads,
a row with another number of cells) stops with the file, the element and what changed.
It is read with defusedxml: the file comes from outside.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from briefing.errors import DataError
from briefing.vocabulary.entity_list import CHINA

SUPPLEMENT = "Supplement No. 4 to Part 744"
COLUMNS = (
    "country",
    "entity",
    "license requirement",
    "license review policy",
    "federal register citation",
)
RULE = "eCFR XML (Supplement No. 4 to Part 744)"
# The list's headings in capitals as printed, for the one that the shared parse names otherwise.
_HEADINGS = {"CHINA, PEOPLE'S REPUBLIC OF": CHINA}
# Where the aliases begin: ", a.k.a., the following seven aliases:" and its variants.
_ALIASES = re.compile(r",?\s*(?:a\.k\.a\.|including the following)[^:—]*:?\s*", re.IGNORECASE)
# A comma inside a name: the legal form that follows it ("Co., Ltd.", "Inc.").
_LEGAL_FORM = re.compile(
    r"\s*(?:ltd|limited|inc|co|corp|corporation|llc|l\.l\.c|plc|s\.a|gmbh|jsc|pte|b\.v)\b\.?",
    re.IGNORECASE,
)


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def read(path: Path, content: bytes | None = None) -> dict:
    """The supplement's entries, as ``{"source_file", "count", "entities": [...]}``, from the
    file at ``path`` (or ``content``, an answer not yet written there)."""
    try:
        root = ElementTree.fromstring(path.read_bytes() if content is None else content)
    except FileNotFoundError:
        raise DataError(path, "eCFR snapshot not found") from None
    except ElementTree.ParseError as exc:
        raise DataError(path, f"not well-formed XML: {exc}", rule=RULE) from None
    appendix = next(
        (div for div in root.iter("DIV9") if div.get("TYPE") == "APPENDIX" and _names_it(div)),
        None,
    )
    if appendix is None:
        raise DataError(
            path,
            f'no element DIV9 TYPE="APPENDIX" whose HEAD names {SUPPLEMENT!r}: the eCFR '
            "answer's layout changed, or it is not Part 744 of Title 15",
            field="DIV9/HEAD",
            rule=RULE,
        )
    tables = appendix.findall(".//GPOTABLE")
    if not tables:
        raise DataError(path, "the supplement holds no GPOTABLE", field="GPOTABLE", rule=RULE)
    entities, country = [], None
    for table in tables:
        _check_heads(path, table)
        for row in table.iter("ROW"):
            cells = [_text(cell) for cell in row.findall("ENT")]
            if len(cells) != len(COLUMNS):
                raise DataError(
                    path,
                    f"a ROW has {len(cells)} ENT cells, not {len(COLUMNS)}: "
                    + repr(" | ".join(cells)[:120]),
                    row=len(entities) + 1,
                    field="ROW/ENT",
                    rule=RULE,
                )
            country = _heading(cells[0]) if cells[0] else country
            if country is None:
                raise DataError(
                    path, "the first entry has no country", row=1, field="ENT", rule=RULE
                )
            entities.append(entity(cells, country))
    return {"source_file": path.name, "count": len(entities), "entities": entities}


def _names_it(div: Element) -> bool:
    head = div.find("HEAD")
    return head is not None and SUPPLEMENT in _text(head)


def _check_heads(path: Path, table: Element) -> None:
    heads = tuple(_text(ched).lower() for ched in table.iter("CHED"))
    if heads != COLUMNS:
        raise DataError(
            path,
            f"the GPOTABLE's column heads are {list(heads)}, not {list(COLUMNS)}",
            field="BOXHD/CHED",
            rule=RULE,
        )


def _heading(cell: str) -> str:
    """A country heading as the shared parse names it: "RUSSIA" is Russia."""
    return _HEADINGS.get(cell.upper(), cell.title().replace("'S", "'s"))


def entity(cells: list[str], country: str) -> dict:
    """One entry: its name, aliases and address split from the entity cell."""
    text = cells[1]
    found = _ALIASES.search(text)
    if found:
        name, rest = text[: found.start()], text[found.end() :]
        # Each alias opens with a dash and ends with ';' or, the last, with '.' before the address.
        aliases = re.findall(r"—\s*([^;—]+?)(?:;\s*(?:and\s*)?|\.\s+(?=[^—])|$)", rest)
        last = rest.rfind("—")
        after = rest[last:].split(". ", 1) if last >= 0 else ["", rest]
        address = after[1] if len(after) > 1 else ""
    else:
        name, address, aliases = *_split_name(text), []
    return {
        "name": name.strip(" ,"),
        "aliases": [a.strip(" .") for a in aliases],
        "country": country,
        "address": address.strip() or None,
        "license_requirement": cells[2],
        "license_review_policy": cells[3],
        "federal_register": cells[4],
    }


def _split_name(text: str) -> tuple[str, str]:
    """The name is up to the first comma not followed by a legal form; the address follows."""
    start = 0
    while (comma := text.find(",", start)) >= 0:
        if not _LEGAL_FORM.match(text, comma + 1):
            return text[:comma], text[comma + 1 :]
        start = comma + 1
    return text, ""
