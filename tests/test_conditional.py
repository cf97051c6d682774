"""Quarto's conditional content (`.content-visible`, `.content-hidden`), as the fallback
renderer decides it: the site and the PDF each get their own part of a page."""

from __future__ import annotations

import pytest

from briefing.book import conditional
from briefing.errors import RenderError

PAGE = """Before.

::: {.content-visible when-format="html"}
{{< embed reports/executed/a.ipynb#tbl-long >}}
:::

::: {.content-visible unless-format="html"}
The table is @tbl-long in the annex.
:::

::: {.callout-note}
A note for both.
:::
"""


def test_each_format_gets_its_own_content_without_the_fences():
    html = conditional.for_format(PAGE, "html")
    typst = conditional.for_format(PAGE, "typst")
    assert "tbl-long >}}" in html and "in the annex" not in html
    assert "in the annex" in typst and "embed" not in typst
    for text in (html, typst):
        assert "content-visible" not in text
        assert text.startswith("Before.\n")
        # An ordinary div keeps its fences.
        assert "::: {.callout-note}\nA note for both.\n:::\n" in text


def test_content_hidden_is_the_reverse_and_nested_divs_go_with_their_parent():
    page = (
        '::: {.content-hidden when-format="typst"}\n'
        "::: {.column}\nInner.\n:::\n"
        "Site only.\n"
        ":::\n"
        "After.\n"
    )
    assert conditional.for_format(page, "typst") == "After.\n"
    assert (
        conditional.for_format(page, "html") == "::: {.column}\nInner.\n:::\nSite only.\nAfter.\n"
    )


def test_a_page_without_conditions_is_unchanged():
    page = "# Title\n\n::::: {#fig-x}\nText\n:::::\n"
    assert conditional.for_format(page, "html") == page


def test_conditions_the_fallback_cannot_decide_stop_with_the_page_and_line():
    page = 'Text.\n\n::: {.content-visible when-meta="draft"}\nX\n:::\n'
    with pytest.raises(RenderError, match=r"adoption\.qmd, line 3: .*when-meta"):
        conditional.for_format(page, "html", page="adoption.qmd")


def test_a_profile_keeps_its_own_text_and_leaves_the_formats_to_the_render():
    page = (
        "# Title\n\n"
        '::: {.content-visible unless-profile="ja"}\nEnglish.\n\n'
        '::: {.content-visible when-format="html"}\nSite only.\n:::\n:::\n\n'
        '::: {.content-visible when-profile="ja"}\n日本語。\n:::\n'
    )
    english = conditional.for_profile(page, "en")
    assert "English." in english and "日本語" not in english
    # The format's div is left whole, for the render to decide.
    assert '::: {.content-visible when-format="html"}\nSite only.\n:::' in english
    japanese = conditional.for_profile(page, "ja")
    assert "日本語。" in japanese and "English" not in japanese and "Site only" not in japanese
    assert conditional.for_format(english, "typst").split() == ["#", "Title", "English."]
