import json
import re

import pandas as pd

from briefing.outputs import display, downloads


def table_cells(html: str) -> list[list[str]]:
    """The cells an itables table carries, as its JavaScript receives them."""
    match = re.search(r'"data_json": ("(?:[^"\\]|\\.)*")', html)
    return json.loads(json.loads(match.group(1)))


def test_table_html_escapes_text_and_links_only_http():
    frame = pd.DataFrame(
        {
            "Name": ["<script>alert(1)</script>", "ok"],
            "Source": ["evil", "good"],
            "url": ["javascript:alert(1)", "https://example.org/a?b=1&c=2"],
        }
    )
    html = display.table_html(frame, ["Name", "Source"], {"Source": "url"})
    assert "<script>alert" not in html and "javascript:" not in html
    assert table_cells(html) == [
        ["&lt;script&gt;alert(1)&lt;/script&gt;", "evil"],
        ["ok", '<a href="https://example.org/a?b=1&amp;c=2">good</a>'],
    ]


def test_table_ids_are_stable_and_long_tables_are_cut_with_a_note(monkeypatch):
    frame = pd.DataFrame({"n": range(5)})
    assert display.table_html(frame, ["n"], {}) == display.table_html(frame.copy(), ["n"], {})
    from IPython.core.interactiveshell import InteractiveShell

    shown = []
    monkeypatch.setattr(
        InteractiveShell.instance().display_pub, "publish", lambda data, **kw: shown.append(data)
    )
    display.show_table(frame, limit=3)
    markdown = shown[0]["text/markdown"]
    assert markdown.count("\n| ") == 3 and "first 3 of 5 rows" in markdown
    assert len(table_cells(shown[0]["text/html"])) == 3


def test_table_markdown_escapes_control_characters_and_links():
    frame = pd.DataFrame(
        {"Text": ["*bold* | pipe #heading $x$"], "Src": ["s"], "url": ["https://e.org/a b"]}
    )
    markdown = display.table_markdown(frame, ["Text", "Src"], {"Src": "url"})
    row = markdown.splitlines()[2]
    assert r"\*bold\* \| pipe \#heading \$x\$" in row
    assert "[s](<https://e.org/a%20b>)" in row


def test_safe_url():
    assert display.safe_url("https://a.org") == "https://a.org"
    assert display.safe_url(" javascript:alert(1)") is None
    assert display.safe_url("seeds/000_96defbd2b6c32daf.txt") is None


def test_csv_downloads_neutralize_formulas(tmp_path):
    frame = pd.DataFrame({"a": ["=1+1", "+x", "-y", "@z", "\tt", "plain"], "n": [1, 2, 3, 4, 5, 6]})
    path = downloads.write_csv(frame, "t", tmp_path)
    back = pd.read_csv(path, keep_default_na=False)
    assert list(back["a"]) == ["'=1+1", "'+x", "'-y", "'@z", "'\tt", "plain"]
    assert list(back["n"]) == [1, 2, 3, 4, 5, 6]
