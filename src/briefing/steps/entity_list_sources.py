"""Which Entity List `briefing derive` reads, and what its provenance records say about it.

The official list comes first: the newest eCFR snapshot of Supplement No. 4 to Part 744 that
`briefing fetch` wrote (``data/raw/ecfr/<date>[-N]/title-15-part-744.xml``). Without one, the
third party's parse in the shared folder (``../shared/data/entity-list/``). A path given on the
command line is read as what it is: the eCFR's XML, or the parse's JSON. Either way the list
is read into the same records, and the record of every derived table says which it used, why,
and whether it is the government's publication (``kind``: government) or a third party's copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing import paths
from briefing.data import provenance
from briefing.steps import ecfr_entity_list, entity_list_snapshot
from briefing.steps.entity_list_provenance import SOURCE_FACTS

ECFR_SOURCE = "ecfr"  # data/raw/ecfr/
ECFR_FILE = "title-15-part-744.xml"
_FOLDER = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")


@dataclass(frozen=True)
class ListSnapshot:
    path: Path
    official: bool  # the eCFR's XML (True) or the shared parse's JSON
    chosen: str  # why this one: said in every record made from it

    def read(self) -> dict:
        """The list's entries, as records with name, country, address and citations."""
        if self.official:
            return ecfr_entity_list.read(self.path)
        return entity_list_snapshot.load_snapshot(self.path)

    def describe(self) -> dict:
        """The list as an input of a provenance record."""
        facts = _ecfr_facts(self.path) if self.official else SOURCE_FACTS
        content = self.path.read_bytes()
        return {**facts, **provenance.describe_file(self.path.name, content), "chosen": self.chosen}


def newest_official(raw_root: Path | None = None) -> Path | None:
    """The newest eCFR snapshot's XML: the latest date, then the latest of that day."""
    found = []
    for xml in ((raw_root or paths.RAW) / ECFR_SOURCE).glob(f"*/{ECFR_FILE}"):
        if match := _FOLDER.match(xml.parent.name):
            found.append(((match[1], int(match[2] or 1)), xml))
    return max(found)[1] if found else None


def choose(explicit: Path | None = None, raw_root: Path | None = None) -> ListSnapshot:
    """The list derive reads: ``explicit`` if given, else the newest official snapshot, else
    the shared parse (which may be absent: reading it then says what to do)."""
    if explicit is not None:
        official = explicit.suffix.lower() == ".xml"
        return ListSnapshot(explicit, official, "given on the command line (--snapshot)")
    if (newest := newest_official(raw_root)) is not None:
        return ListSnapshot(
            newest, True, f"the newest official snapshot in data/raw/{ECFR_SOURCE}/ (the eCFR)"
        )
    return ListSnapshot(
        entity_list_snapshot.SNAPSHOT,
        False,
        f"no official snapshot in data/raw/{ECFR_SOURCE}/, which `briefing fetch` makes: "
        "the third party's parse in the shared folder",
    )


def _ecfr_facts(path: Path) -> dict:
    """The eCFR snapshot as its raw provenance record describes it (URL, dates)."""
    record_path = path.parent / provenance.FILE_NAME
    record = provenance.read(record_path) if record_path.is_file() else None
    return {
        "title": "Entity List, Supplement No. 4 to Part 744 of the Export Administration "
        "Regulations (15 CFR), from the eCFR",
        "publisher": "Bureau of Industry and Security, U.S. Department of Commerce (the list); "
        "Office of the Federal Register and Government Publishing Office (the eCFR)",
        "url": record.url if record else None,
        "date": (record.date_published or record.date_retrieved) if record else None,
        "path": path.parent.name + "/" + path.name,
        "kind": "government",
    }
