"""What a chart's marks tell a reader who points at them (issue 22): every tooltip names the
source, a mark drawn from one row its publisher and date; and every chart that marks the focus
names it in its legend. The charts are those of ``test_chart_palette``, drawn from the real
tables as the notebooks draw them."""

from __future__ import annotations

import re

import plotly.graph_objects as go
from test_chart_palette import EDITIONS, draws, figures, hover_texts


def tooltips(trace) -> list[str]:
    """One trace's tooltips, each template filled with each point's text or data."""
    template = trace.hovertemplate or ""
    if "%{text}" in template:
        return [template.replace("%{text}", str(text)) for text in trace.text]
    texts = [text for text in hover_texts(go.Figure([trace])) if "<extra>" in text]
    if trace.customdata is None or trace.x is None:
        return texts
    # A gap in a line (x None) is no mark and has no tooltip.
    return [text for text, x in zip(texts, trace.x, strict=True) if x is not None]


CITED = re.compile(r"[Ss]ource: [^<]+, \d{1,2} [A-Z][a-z]+ \d{4}")


def test_every_marks_tooltip_names_its_source_with_its_publisher_and_date():
    # Issue 22: hover text carries the source; a mark drawn from one row names its publisher
    # and date, a count names the table it counts.
    for number, fig in figures(EDITIONS[1]).items():
        for trace in fig.data:
            if trace.hoverinfo == "skip" or (trace.type != "choropleth" and not draws(trace)):
                continue
            for text in tooltips(trace):
                assert "source" in text.lower(), (number, trace.name, text)
    one_row = {"1.2", "1.3", "3.1", "3.2", "4.1", "4.3", "5.1"}
    for number in one_row:
        texts = [text for trace in figures(EDITIONS[1])[number].data for text in tooltips(trace)]
        assert texts and all(CITED.search(text) for text in texts), number
    lags = " ".join(hover_texts(figures(EDITIONS[1])["4.3"]))
    assert "days after the US (" in lags and "source: " in lags


def test_every_chart_that_marks_the_focus_names_it_in_its_legend():
    for number in ("1.1", "1.2", "1.3", "2.1", "2.2", "4.1", "4.2", "4.3", "5.1"):
        fig = figures(EDITIONS[1])[number]
        names = [t.name or "" for t in fig.data if t.showlegend is not False]
        assert any(name.startswith("Japan (focus)") for name in names), number
        assert fig.layout.showlegend is not False, number
