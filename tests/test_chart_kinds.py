"""The reusable chart kinds: lanes in the given order, shaded bands, traces and bars."""

import pandas as pd
import pytest

from briefing.charts import kinds
from briefing.charts.palette import FOCUS_COLOUR, MUTED_COLOUR


def rows(*events) -> pd.DataFrame:
    """Events as (jurisdiction, date, id)."""
    return pd.DataFrame(
        {
            "jurisdiction": [e[0] for e in events],
            "date": pd.to_datetime([e[1] for e in events]),
            "id": [e[2] for e in events],
        }
    )


def timeline(lanes, categories=None, bands=(), **sizes):
    categories = categories or [
        kinds.Markers("Bans", rows(("US", "2019-05-15", "US-1"), ("JP", "2020-01-01", "JP-1"))),
        kinds.Markers("Laws", rows(("GB", "2020-07-14", "GB-1")), {"symbol": "square"}),
    ]
    return kinds.lane_timeline(
        categories,
        lanes,
        hover_columns=["id"],
        hovertemplate="%{fullData.name}<extra>%{customdata[0]}</extra>",
        bands=bands,
        **({"lane_height": 20, "padding": 100, "min_height": 0} | sizes),
    )


def test_lanes_run_top_to_bottom_in_the_order_given():
    fig = timeline(["US", "JP", "GB"])
    # Plotly draws the first category at the bottom, so the array is the lanes reversed.
    assert list(fig.layout.yaxis.categoryarray) == ["GB", "JP", "US"]
    assert fig.layout.yaxis.categoryorder == "array" and fig.layout.yaxis.type == "category"


def test_one_trace_per_category_with_rows_and_its_style():
    empty = kinds.Markers("Nothing yet", rows())
    fig = timeline(
        ["US", "JP", "GB"],
        [
            kinds.Markers("Bans", rows(("US", "2019-05-15", "US-1"), ("JP", "2020-01-01", "JP-1"))),
            empty,
            kinds.Markers("Laws", rows(("GB", "2020-07-14", "GB-1")), {"symbol": "square"}),
        ],
    )
    assert [trace.name for trace in fig.data] == ["Bans", "Laws"]
    bans, laws = fig.data
    assert list(bans.x) == ["2019-05-15", "2020-01-01"] and list(bans.y) == ["US", "JP"]
    assert list(bans.customdata[:, 0]) == ["US-1", "JP-1"]
    assert laws.marker.symbol == "square" and laws.mode == "markers"
    assert laws.hovertemplate == "%{fullData.name}<extra>%{customdata[0]}</extra>"


def test_a_category_without_rows_has_no_legend_entry_and_a_named_band_has_one():
    # Changed with issue 22: a legend lists only what the chart draws (an empty category kept
    # an entry that drew nothing); the focus's shaded lane is named in the legend.
    fig = kinds.lane_timeline(
        [
            kinds.Markers("Bans", rows(("US", "2019-05-15", "US-1"))),
            kinds.Markers("Nothing yet", rows(), {"symbol": "square"}, {"category": "Laws"}),
        ],
        ["US", "JP"],
        hover_columns=["id"],
        hovertemplate="%{fullData.name}",
        lane_height=20,
        padding=100,
        min_height=0,
        bands=[kinds.Band("JP", name="Japan (focus): shaded row"), kinds.Band("US")],
    )
    assert [trace.name for trace in fig.data] == ["Bans", "Japan (focus): shaded row"]
    entry = fig.data[1]
    assert list(entry.x) == [None] and entry.marker.color == FOCUS_COLOUR
    assert len(fig.layout.shapes) == 2  # both lanes shaded, one named


def test_bands_shade_their_lane_below_the_markers_and_skip_absent_lanes():
    fig = timeline(
        ["US", "JP", "GB"],
        bands=[kinds.Band("JP"), kinds.Band("CN", "#000000", 0.06), kinds.Band("US", "#000000")],
    )
    bands = {(s.fillcolor, s.y0, s.y1, s.opacity, s.layer) for s in fig.layout.shapes}
    # Bottom to top: GB 0, JP 1, US 2; CN has no lane and no band.
    assert bands == {
        (FOCUS_COLOUR, 0.5, 1.5, 0.12, "below"),
        ("#000000", 1.5, 2.5, 0.12, "below"),
    }


def test_height_grows_with_the_lanes_but_not_below_the_minimum():
    three, six = timeline(["US", "JP", "GB"]), timeline(["US", "JP", "GB", "DE", "FR", "NL"])
    assert (three.layout.height, six.layout.height) == (3 * 20 + 100, 6 * 20 + 100)
    assert timeline(["US", "JP", "GB"], min_height=500).layout.height == 500


def bars(lag_days, focus, year_days=365):
    lags = pd.Series(lag_days)
    return kinds.lag_bars(
        lags,
        [f"row {i}" for i in range(len(lags))],
        focus=focus,
        colour=MUTED_COLOUR,
        customdata=pd.DataFrame({"id": [f"id-{i}" for i in range(len(lags))]}),
        hovertemplate="%{y}: %{x} days<extra>%{customdata[0]}</extra>",
        row_height=30,
        year_days=year_days,
    )


def test_lag_bars_colour_only_the_focus_and_label_each_bar():
    fig = bars([-30, 60, 400], [False, True, False])
    (bar,) = fig.data
    assert bar.orientation == "h" and list(bar.y) == ["row 0", "row 1", "row 2"]
    assert list(bar.marker.color) == [MUTED_COLOUR, FOCUS_COLOUR, MUTED_COLOUR]
    assert list(bar.text) == [-30, 60, 400] and bar.textposition == "outside"
    assert list(bar.customdata[:, 0]) == ["id-0", "id-1", "id-2"]


def test_lag_bars_draw_the_one_year_line_and_the_zero_line():
    fig = bars([10, 20], [False, False], year_days=365)
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [0, 365]
    year = next(shape for shape in fig.layout.shapes if shape.x0 == 365)
    assert year.line.dash == "dot"
    assert [a.text for a in fig.layout.annotations] == ["1 year"]


@pytest.mark.parametrize(
    ("lags", "low", "high"),
    [
        ([10, 20], 0, 365 * 1.12),  # short lags: the year line still shows
        ([-100, 500], -100 - 0.12 * 600, 500 + 0.12 * 600),  # room for labels both sides
    ],
)
def test_lag_bars_leave_room_for_the_year_line_and_the_labels(lags, low, high):
    fig = bars(lags, [False] * len(lags))
    assert fig.layout.xaxis.range == pytest.approx((low, high))
    assert fig.data[0].cliponaxis is False


def test_lag_bars_grow_with_the_rows_but_not_below_the_minimum():
    assert bars([1, 2], [False, False]).layout.height == 360
    assert bars(list(range(10)), [False] * 10).layout.height == 10 * 30 + 220
