"""`briefing fetch`: offline it changes nothing and says so; online it writes dated snapshots."""

from __future__ import annotations

import io
import json
import threading
import urllib.error
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rich.console import Console

from briefing.data import provenance
from briefing.errors import OfflineError
from briefing.hashing import sha256_bytes
from briefing.steps import fetch, snapshots

FIXTURES = Path(__file__).parent / "fixtures"


def _sources(base_url: str) -> list[fetch.Source]:
    ecfr_source, csl_source, fr_source = fetch.default_sources()
    return [
        fetch.Source(**{**ecfr_source.__dict__, "url": f"{base_url}/ecfr/titles.json"}),
        fetch.Source(**{**csl_source.__dict__, "url": f"{base_url}/csl/consolidated_with_id.csv"}),
        fetch.Source(
            **{**fr_source.__dict__, "url": f"{base_url}/entity_list/federal_register_page.json"}
        ),
    ]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def fixture_server():
    """A local HTTP server on 127.0.0.1 serving tests/fixtures, stopped after the test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(FIXTURES)))
    server.timeout = 5
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_offline_names_what_it_could_not_reach_and_writes_nothing(tmp_path):
    def no_network(request, timeout):
        raise urllib.error.URLError("network is unreachable")

    with pytest.raises(OfflineError) as caught:
        fetch.fetch_all(opener=no_network, raw_root=tmp_path)
    message = str(caught.value)
    assert "offline" in message and "nothing was downloaded or changed" in message
    assert "data.trade.gov" in message and "federalregister.gov" in message
    assert not any(tmp_path.iterdir())


def test_an_unreachable_address_fails_fast_and_changes_nothing(tmp_path, fixture_server):
    sources = _sources(fixture_server)
    # Port 9 on the loopback address has no listener: the connection is refused at once.
    sources[1] = fetch.Source(**{**sources[1].__dict__, "url": "http://127.0.0.1:9/documents.json"})
    with pytest.raises(OfflineError, match="127.0.0.1:9"):
        fetch.fetch_all(sources, raw_root=tmp_path, timeout=2)
    assert not any(tmp_path.iterdir()), "the source that did answer must not be written either"


def test_the_command_exits_non_zero_offline(monkeypatch, capsys, tmp_path):
    from briefing import cli

    def no_network(request, timeout):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(fetch.urllib.request, "urlopen", no_network)
    monkeypatch.setattr(snapshots.paths, "RAW", tmp_path)
    monkeypatch.setattr("sys.argv", ["briefing", "fetch"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 1
    assert "offline" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_online_each_source_becomes_a_dated_snapshot(tmp_path, fixture_server):
    console = Console(file=io.StringIO(), width=120)
    folders = fetch.run(
        console=console, sources=_sources(fixture_server), raw_root=tmp_path, timeout=5
    )
    ecfr_folder, csl_folder, fr_folder = folders
    assert csl_folder.parent.name == "csl" and fr_folder.parent.name == "federal-register"
    assert ecfr_folder.parent.name == "ecfr"

    served = (FIXTURES / "csl" / "consolidated_with_id.csv").read_bytes()
    assert (csl_folder / "consolidated.csv").read_bytes() == served
    record = provenance.read(csl_folder / provenance.FILE_NAME)
    assert record.files[0]["sha256"] == sha256_bytes(served)
    assert record.files[0]["url"].startswith(fixture_server)
    assert record.inputs == [] and record.method is None  # raw: taken, not derived

    pages = sorted(p.name for p in fr_folder.iterdir() if p.name != "provenance.json")
    assert pages == ["entity-list-rules-page-1.json"]
    assert (
        json.loads((fr_folder / pages[0]).read_text())["results"][0]["document_number"]
        == "2019-10616"
    )
    assert "saved" in console.file.getvalue()

    # A second fetch the same day never overwrites the first.
    again = fetch.fetch_all(_sources(fixture_server), raw_root=tmp_path, timeout=5)
    assert again[1] != csl_folder and again[1].name.endswith("-2")


def test_the_ecfr_part_is_taken_on_the_day_the_title_is_up_to_date(tmp_path, fixture_server):
    folder = fetch.fetch_all(_sources(fixture_server)[:1], raw_root=tmp_path, timeout=5)[0]
    served = FIXTURES / "ecfr" / "full" / "2026-12-04" / "title-15.xml"
    assert (folder / "title-15-part-744.xml").read_bytes() == served.read_bytes()
    record = provenance.read(folder / provenance.FILE_NAME)
    assert record.date_published == "2026-12-04"  # titles.json: up_to_date_as_of of title 15
    urls = {f["file"]: f["url"] for f in record.files}
    assert urls["title-15-part-744.xml"] == (
        f"{fixture_server}/ecfr/full/2026-12-04/title-15.xml?part=744"
    )
    assert urls["titles.json"] == f"{fixture_server}/ecfr/titles.json"


@pytest.mark.parametrize(
    ("served", "named"),
    [
        ({"titles": [{"number": 15, "latest_issue_date": "2026-11-28"}]}, "up_to_date_as_of"),
        ({"results": []}, "'titles' list"),
    ],
)
def test_an_ecfr_answer_in_another_format_names_what_changed(tmp_path, served, named):
    class Answer(io.BytesIO):
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def opener(request, timeout):
        return Answer(json.dumps(served).encode())

    source = fetch.default_sources()[0]
    with pytest.raises(OfflineError) as caught:
        fetch.fetch_all([source], opener=opener, raw_root=tmp_path / "raw", timeout=5)
    assert "titles.json" in str(caught.value) and named in str(caught.value)
    assert not (tmp_path / "raw").exists()


def test_a_federal_register_result_without_a_field_names_it(tmp_path):
    page = json.loads((FIXTURES / "entity_list" / "federal_register_page.json").read_text())
    del page["results"][0]["citation"]
    with pytest.raises(ValueError, match=r"page 1, result 1: no field \['citation'\]"):
        fetch._federal_register_page(json.dumps(page).encode(), 1)


def test_a_federal_register_answer_that_is_not_json_is_refused(tmp_path, fixture_server):
    sources = _sources(fixture_server)
    sources[2] = fetch.Source(
        **{**sources[2].__dict__, "url": f"{fixture_server}/csl/consolidated_with_id.csv"}
    )
    with pytest.raises(OfflineError, match="not the Federal Register"):
        fetch.fetch_all(sources, raw_root=tmp_path, timeout=5)
    assert not any(tmp_path.iterdir())
