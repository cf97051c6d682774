"""The PDF's chapters keep pandoc's conversions between renders (briefing.book.engines.fallback.pandoc.Cache)."""

from __future__ import annotations

from briefing.book.engines.fallback import pandoc

TO_TYPST = ["--from", pandoc.MARKDOWN, "--to", "typst", "--wrap=preserve"]


def test_a_conversion_is_kept_and_given_back_for_the_same_input(tmp_path):
    cache = pandoc.Cache(tmp_path)
    first = cache.run(TO_TYPST, "Some *text*.")
    assert first == pandoc.run(TO_TYPST, "Some *text*.")
    [kept] = tmp_path.iterdir()
    kept.write_bytes(b"kept")  # what pandoc would not write: proof the second run reads it
    assert pandoc.Cache(tmp_path).run(TO_TYPST, "Some *text*.") == "kept"
    assert pandoc.Cache(tmp_path).run(TO_TYPST, "Other *text*.") == pandoc.run(
        TO_TYPST, "Other *text*."
    )


def test_a_render_keeps_only_the_conversions_it_used(tmp_path):
    pandoc.Cache(tmp_path).run(TO_TYPST, "Old chapter.")
    cache = pandoc.Cache(tmp_path)
    cache.run(TO_TYPST, "New chapter.")
    cache.keep_only_used()
    assert [path.name for path in tmp_path.iterdir()] == sorted(cache.used)
