import pandas as pd

from briefing import display, downloads


def test_table_html_escapes_text_and_links_only_http():
    frame = pd.DataFrame(
        {
            "Name": ["<script>alert(1)</script>", "ok"],
            "Source": ["evil", "good"],
            "url": ["javascript:alert(1)", "https://example.org/a?b=1&c=2"],
        }
    )
    html = display.table_html(frame, ["Name", "Source"], {"Source": "url"})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert '<a href="https://example.org/a?b=1&amp;c=2">good</a>' in html


def test_table_markdown_escapes_control_characters_and_links():
    frame = pd.DataFrame({"Text": ["*bold* | pipe #heading $x$"], "Src": ["s"], "url": ["https://e.org/a b"]})
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
