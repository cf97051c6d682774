"""`briefing fetch`: download the current official publications into new raw snapshots.

Three sources: the Entity List itself, Supplement No. 4 to Part 744 as the eCFR versioner API
serves Part 744 of Title 15 on the latest day it is up to date (its ``titles.json`` says which;
``full/{date}/title-15.xml?part=744``); the Consolidated Screening List (CSV) from the
International Trade Administration; and the Federal Register API's list of Bureau of Industry
and Security rules matching "Entity List" (JSON, every page). Each answer is checked against
the format its publisher documents; everything is downloaded first and written only when every
source answered, so an offline or partial run, or an answer in another format, changes nothing:
it names what it could not reach or what changed and stops with a non-zero exit (an
``OfflineError``).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from rich.console import Console

from briefing.data import provenance
from briefing.errors import DataError, OfflineError
from briefing.steps import ecfr_entity_list, entity_list_sources, snapshots
from briefing.steps import import_csl as csl

TIMEOUT_SECONDS = 15
MAX_BYTES = 256 * 1024 * 1024  # the CSL CSV is tens of MB; refuse anything absurd
MAX_PAGES = 20  # Federal Register pages of up to 1,000 documents each
USER_AGENT = "tech-controls-briefing (briefing fetch)"

FEDERAL_REGISTER_API = "https://www.federalregister.gov/api/v1/documents.json"
FEDERAL_REGISTER_QUERY = [
    ("conditions[agencies][]", "industry-and-security-bureau"),
    ("conditions[type][]", "RULE"),
    ("conditions[term]", '"Entity List"'),
    ("order", "oldest"),
    ("per_page", "1000"),
] + [
    ("fields[]", name)
    for name in ("document_number", "citation", "start_page", "end_page", "publication_date",
                 "effective_on", "title", "abstract", "html_url", "pdf_url", "action")
]  # fmt: skip
# What the briefing reads of each document: its answer must hold these fields.
FEDERAL_REGISTER_FIELDS = ("document_number", "citation", "publication_date", "start_page")
ECFR_API = "https://www.ecfr.gov/api/versioner/v1"
ECFR_TITLE = 15
ECFR_PART = 744

Opener = Callable[..., object]


@dataclass(frozen=True)
class Source:
    """One publication to download into ``data/raw/<name>/<date>/``."""

    name: str
    url: str
    filename: str
    producer: str
    title: str
    licence: str
    paged_json: bool = False  # follow the Federal Register API's next_page_url
    ecfr: bool = False  # url is the eCFR's titles.json; the part is fetched on its date


def default_sources() -> list[Source]:
    return [
        Source(
            name=entity_list_sources.ECFR_SOURCE,
            url=f"{ECFR_API}/titles.json",
            filename=entity_list_sources.ECFR_FILE,
            producer="Office of the Federal Register and Government Publishing Office (eCFR)",
            title="Entity List: Supplement No. 4 to Part 744 of the EAR, 15 CFR, from the eCFR",
            licence="Work of the US government; no copyright in the United States (17 U.S.C. 105)",
            ecfr=True,
        ),
        Source(
            name=csl.SNAPSHOT_SOURCE,
            url=csl.DOWNLOAD_URLS["csv"],
            filename="consolidated.csv",
            producer=csl.PRODUCER,
            title=csl.TITLE,
            licence=csl.LICENCE,
        ),
        Source(
            name="federal-register",
            url=f"{FEDERAL_REGISTER_API}?{urllib.parse.urlencode(FEDERAL_REGISTER_QUERY)}",
            filename="entity-list-rules.json",
            producer="Office of the Federal Register, National Archives and Records Administration",
            title='Federal Register API: Bureau of Industry and Security rules matching "Entity List"',
            licence="Work of the US government; no copyright in the United States (17 U.S.C. 105)",
            paged_json=True,
        ),
    ]


def _download(url: str, opener: Opener, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with opener(request, timeout=timeout) as response:
        status = getattr(response, "status", 200)
        if status != 200:
            raise urllib.error.HTTPError(url, status, f"HTTP {status}", None, None)
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(f"larger than {MAX_BYTES} bytes")
    return data


def _download_source(
    source: Source, opener: Opener, timeout: float
) -> tuple[dict[str, tuple[str, bytes]], str | None]:
    """All files of one source as {filename: (url, bytes)} (pages get numbered file names),
    and the day the publication is as of, where it says."""
    if source.ecfr:
        return _download_ecfr(source, opener, timeout)
    if not source.paged_json:
        return {source.filename: (source.url, _download(source.url, opener, timeout))}, None
    files, url, stem = {}, source.url, Path(source.filename)
    for page in range(1, MAX_PAGES + 1):
        body = _download(url, opener, timeout)
        files[f"{stem.stem}-page-{page}{stem.suffix}"] = (url, body)
        url = _federal_register_page(body, page)
        if not url:
            return files, None
    raise OSError(f"more than {MAX_PAGES} pages")


def _federal_register_page(body: bytes, page: int) -> str | None:
    """The next page's address, once the page is checked: a JSON object whose ``results`` each
    hold the fields the briefing reads. ValueError names what changed."""
    try:
        answer = json.loads(body)
    except json.JSONDecodeError:
        raise OSError("the answer is not the Federal Register API's JSON") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("results", []), list):
        raise OSError(f"page {page}: not the Federal Register API's JSON (no 'results' list)")
    for number, result in enumerate(answer.get("results", []), start=1):
        missing = [f for f in FEDERAL_REGISTER_FIELDS if f not in result]
        if missing:
            raise ValueError(
                f"page {page}, result {number}: no field {missing} (the API's format changed)"
            )
    return answer.get("next_page_url")


def _download_ecfr(
    source: Source, opener: Opener, timeout: float
) -> tuple[dict[str, tuple[str, bytes]], str]:
    """titles.json, then Part 744 of Title 15 on the day the eCFR says the title is up to date
    (a later day is not served yet); the part is checked as derive reads it."""
    titles = _download(source.url, opener, timeout)
    day = _ecfr_up_to_date(titles)
    base = source.url.rsplit("/", 1)[0]
    url = f"{base}/full/{day}/title-{ECFR_TITLE}.xml?part={ECFR_PART}"
    part = _download(url, opener, timeout)
    try:
        ecfr_entity_list.read(Path(source.filename), part)
    except DataError as error:
        raise ValueError(str(error)) from None
    return {"titles.json": (source.url, titles), source.filename: (url, part)}, day


def _ecfr_up_to_date(body: bytes) -> str:
    """The day Title 15 is up to date as of, from the eCFR's titles.json; ValueError names the
    field when the answer's format changed."""
    try:
        titles = json.loads(body)["titles"]
        title = next(t for t in titles if t.get("number") == ECFR_TITLE)
        day = title["up_to_date_as_of"]
        date.fromisoformat(day)
    except (json.JSONDecodeError, KeyError, TypeError, StopIteration, AttributeError):
        raise ValueError(
            "titles.json: no 'titles' list with title 15 and its 'up_to_date_as_of' "
            "(the eCFR API's format changed)"
        ) from None
    return day


def fetch_all(
    sources: list[Source] | None = None,
    *,
    opener: Opener | None = None,
    timeout: float = TIMEOUT_SECONDS,
    raw_root: Path | None = None,
    today: date | None = None,
) -> list[Path]:
    """Download every source, then write one snapshot per source; nothing is written on failure."""
    sources = sources if sources is not None else default_sources()
    opener = opener or urllib.request.urlopen
    downloaded, failures = {}, []
    for source in sources:
        try:
            downloaded[source.name] = _download_source(source, opener, timeout)
        except (TimeoutError, urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            failures.append(f"{source.title} <{source.url}>: {reason}")
    if failures:
        raise OfflineError(
            "offline or a source failed; nothing was downloaded or changed. Could not fetch: "
            + " | ".join(failures)
        )
    retrieved = datetime.now(UTC).isoformat(timespec="seconds")
    folders = []
    for source in sources:
        files, as_of = downloaded[source.name]
        folder, _ = snapshots.write_snapshot(
            source.name,
            files,
            producer=source.producer,
            title=source.title,
            url=source.url,
            licence=source.licence,
            date_published=as_of,
            date_retrieved=retrieved,
            notes=["Downloaded with 'briefing fetch'; files are stored exactly as served."],
            day=today,
            raw_root=raw_root,
        )
        folders.append(folder)
    return folders


def run(*, console: Console, **options) -> list[Path]:
    """The `briefing fetch` command."""
    names = ", ".join(s.title for s in options.get("sources") or default_sources())
    console.print(f"Fetching: {names}")
    folders = fetch_all(**options)
    for folder in folders:
        record = provenance.read(folder / provenance.FILE_NAME)
        size = sum(f["size_bytes"] for f in record.files)
        console.print(
            f"[green]saved[/] {folder} ({len(record.files)} file(s), {size:,} bytes)",
            soft_wrap=True,
        )
    return folders
