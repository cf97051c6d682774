"""`briefing fetch`: download the current official publications into new raw snapshots.

Two sources: the Consolidated Screening List (CSV) from the International Trade Administration,
and the Federal Register API's list of Bureau of Industry and Security rules matching
"Entity List" (JSON, every page). Everything is downloaded first and written only when every
source answered, so an offline or partial run changes nothing: it names what it could not
reach and stops with a non-zero exit (an ``OfflineError``).
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
from briefing.errors import OfflineError
from briefing.steps import import_csl as csl
from briefing.steps import snapshots

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


def default_sources() -> list[Source]:
    return [
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
) -> dict[str, tuple[str, bytes]]:
    """All files of one source as {filename: (url, bytes)}; pages get numbered file names."""
    if not source.paged_json:
        return {source.filename: (source.url, _download(source.url, opener, timeout))}
    files, url, stem = {}, source.url, Path(source.filename)
    for page in range(1, MAX_PAGES + 1):
        body = _download(url, opener, timeout)
        files[f"{stem.stem}-page-{page}{stem.suffix}"] = (url, body)
        try:
            url = json.loads(body).get("next_page_url")
        except (json.JSONDecodeError, AttributeError):
            raise OSError("the answer is not the Federal Register API's JSON") from None
        if not url:
            return files
    raise OSError(f"more than {MAX_PAGES} pages")


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
        folder, _ = snapshots.write_snapshot(
            source.name,
            downloaded[source.name],
            producer=source.producer,
            title=source.title,
            url=source.url,
            licence=source.licence,
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
