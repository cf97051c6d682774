"""Which Entity List `briefing derive` reads, and what its provenance records say about it.

The official list comes first: the newest eCFR snapshot of Supplement No. 4 to Part 744 that
`briefing fetch` wrote (``data/raw/ecfr/<date>[-N]/title-15-part-744.xml``); without one, the
Entity List rows of the newest Consolidated Screening List snapshot (``data/raw/csl/``, from
`briefing fetch` or `briefing import-csl`); without either, the third party's parse in the
shared folder (``../shared/data/entity-list/``). A path given on the command line is read as
what it is: the eCFR's XML, a CSL snapshot's folder, or the parse's JSON. Each is read into
the same records, and the record of every derived table says which it used, why, and whether
it is the government's publication (``kind``: government) or a third party's copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing import paths
from briefing.data import provenance
from briefing.steps import csl_entity_list, ecfr_entity_list, entity_list_snapshot, import_csl
from briefing.steps.entity_list_provenance import SOURCE_FACTS

ECFR_SOURCE = "ecfr"  # data/raw/ecfr/
ECFR_FILE = "title-15-part-744.xml"
ECFR, CSL, SHARED = "eCFR", "Consolidated Screening List", "shared parse"
_FOLDER = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")


@dataclass(frozen=True)
class ListSnapshot:
    path: Path  # the eCFR's XML, a CSL snapshot's folder, or the shared parse's JSON
    kind: str  # ECFR, CSL or SHARED
    chosen: str  # why this one: said in every record made from it

    @property
    def official(self) -> bool:
        return self.kind != SHARED

    def read(self) -> dict:
        """The list's entries, as records with name, country, address and citations."""
        if self.kind == ECFR:
            return ecfr_entity_list.read(self.path)
        if self.kind == CSL:
            return csl_entity_list.read(self.path)
        return entity_list_snapshot.load_snapshot(self.path)

    def describe(self) -> dict:
        """The list as an input of a provenance record."""
        if not self.official:
            facts, file = SOURCE_FACTS, self.path
        else:
            file = csl_entity_list.original(self.path) if self.kind == CSL else self.path
            facts = _official_facts(self.kind, file)
        content = file.read_bytes()
        return {**facts, **provenance.describe_file(file.name, content), "chosen": self.chosen}


def newest(source: str, pattern: str, raw_root: Path | None = None) -> Path | None:
    """The newest snapshot of ``source`` holding ``pattern``: the latest date, then the latest
    of that day (``<date>-10`` after ``<date>-2``)."""
    found = []
    for hit in ((raw_root or paths.RAW) / source).glob(f"*/{pattern}"):
        if match := _FOLDER.match(hit.parent.name):
            found.append(((match[1], int(match[2] or 1)), hit))
    return max(found)[1] if found else None


def choose(explicit: Path | None = None, raw_root: Path | None = None) -> ListSnapshot:
    """The list derive reads: ``explicit`` if given, else the newest eCFR snapshot, else the
    newest CSL snapshot, else the shared parse (which may be absent: reading it then says
    what to do)."""
    if explicit is not None:
        kind = ECFR if explicit.suffix.lower() == ".xml" else SHARED
        kind = CSL if explicit.is_dir() else kind
        return ListSnapshot(explicit, kind, "given on the command line (--snapshot)")
    if (xml := newest(ECFR_SOURCE, ECFR_FILE, raw_root)) is not None:
        return ListSnapshot(
            xml, ECFR, f"the newest official snapshot: the eCFR's, in data/raw/{ECFR_SOURCE}/"
        )
    csl = newest(import_csl.SNAPSHOT_SOURCE, provenance.FILE_NAME, raw_root)
    if csl is not None:
        return ListSnapshot(
            csl.parent,
            CSL,
            f"the newest official snapshot: no eCFR snapshot in data/raw/{ECFR_SOURCE}/, the "
            f"Consolidated Screening List's in data/raw/{import_csl.SNAPSHOT_SOURCE}/",
        )
    return ListSnapshot(
        entity_list_snapshot.SNAPSHOT,
        SHARED,
        f"no official snapshot in data/raw/{ECFR_SOURCE}/ or data/raw/"
        f"{import_csl.SNAPSHOT_SOURCE}/, which `briefing fetch` makes: the third party's parse "
        "in the shared folder",
    )


def _official_facts(kind: str, file: Path) -> dict:
    """An official snapshot as its raw provenance record describes it (URL, dates)."""
    record_path = file.parent / provenance.FILE_NAME
    record = provenance.read(record_path) if record_path.is_file() else None
    where = {
        ECFR: "Office of the Federal Register and Government Publishing Office (the eCFR)",
        CSL: "International Trade Administration (the Consolidated Screening List)",
    }[kind]
    return {
        "title": "Entity List, Supplement No. 4 to Part 744 of the Export Administration "
        f"Regulations (15 CFR), from the {kind}",
        "publisher": f"Bureau of Industry and Security, U.S. Department of Commerce (the list); {where}",
        "url": record.url if record else None,
        "date": (record.date_published or record.date_retrieved) if record else None,
        "path": file.parent.name + "/" + file.name,
        "kind": "government",
    }
