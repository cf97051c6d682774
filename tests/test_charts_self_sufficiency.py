"""The self-sufficiency chapter's two charts as issue 22 asks: the main chart draws the main
series and its target alone, with a short legend; the panel draws every other measure, one
legend entry each; and the words under the panel name each target's colour as the panel draws
it (from the palette, not typed)."""

from __future__ import annotations

import datetime as dt

from briefing.chapters import self_sufficiency as ss
from briefing.charts import palette
from briefing.charts import self_sufficiency as ss_chart
from briefing.data import tables
from briefing.vocabulary.self_sufficiency import MAIN, WORLD

DAY = dt.date(2026, 11, 1)


def data():
    return ss.with_measures(tables.load("semiconductor_self_sufficiency", as_of=DAY))


def legend(fig) -> list[str]:
    return [t.name for t in fig.data if t.showlegend is not False and t.name]


def test_the_main_chart_draws_the_main_series_and_its_target_alone():
    figures = data()
    fig = ss_chart.chart(**ss.chart_inputs(figures, DAY))
    main = palette.series_name(MAIN)
    assert {t.meta["category"] for t in fig.data} == {main}
    assert len(legend(fig)) <= 5
    (target,) = [t for t in fig.data if t.name.startswith("Target")]
    assert target.marker.symbol == "star" and list(target.y) == [70.0]
    # No mark at each break of a yearly line (they read as error bars), a dotted bridge only.
    assert not [t for t in fig.data if t.mode == "markers" and "line-ns" in str(t.marker.symbol)]


def test_the_panel_draws_every_other_measure_with_one_legend_entry_each():
    # Changed: the panel draws the shares of China's own market (chips, equipment) alone;
    # China's shares of the world are a table of their own (``world_table``), every figure there.
    figures = data()
    panel = ss_chart.other_chart(**ss.other_inputs(figures))
    current = ss.main_first(ss.latest_vintages(figures))
    world = current["about"] == WORLD
    others = current[(current["series"] != MAIN) & ~world]
    assert len(ss.world_table(figures)) == world.sum() > 0
    assert set(ss.world_table(figures)["url"]) == set(current.loc[world, "source_url"])
    assert sorted(legend(panel)) == sorted(others["measure_short"].unique())
    drawn = {(int(x), float(y)) for t in panel.data for x, y in zip(t.x, t.y) if x is not None}
    assert {(int(r.year), float(r.value_pct)) for r in others.itertuples()} <= drawn
    assert str(len(legend(panel))) in panel.layout.title.text


def test_the_words_under_the_panel_name_each_targets_colour_as_drawn():
    figures = data()
    panel = ss_chart.other_chart(**ss.other_inputs(figures))
    words = ss_chart.key(ss.other_inputs(figures)["current"], "@fig-panel")
    assert words.startswith("In @fig-panel the targets are rings: ")
    rings = [t for t in panel.data if t.marker.symbol == "circle-open" and t.mode == "markers"]
    assert len(rings) >= 2
    for ring in rings:
        colour = palette.colour_name(ring.marker.color)
        assert f"the {colour} ring" in words and ring.name in words
    # The colours the issue found misnamed: the undefined-rate rings are light blue, not grey.
    assert "grey" not in words and "light-blue rings, 40% for 2020 and 70% for 2025" in words
