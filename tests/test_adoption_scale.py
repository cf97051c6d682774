"""Chapter 1's charts summarize: their size stays bounded however many events there are."""

import pandas as pd
import pycountry

from briefing.chapters import adoption, alignment
from briefing.charts import adoption as adoption_charts
from briefing.charts import alignment as alignment_charts
from briefing.charts import renderer
from briefing.vocabulary import restrictions as vocab

LEVELS = vocab.levels()
BINDING = set(vocab.binding_levels())


def synthetic_events(n: int) -> pd.DataFrame:
    codes = [c.alpha_2 for c in pycountry.countries][:200]
    days = pd.date_range("2018-01-01", "2026-10-31", periods=n)
    return pd.DataFrame(
        {
            "id": [f"E{i}" for i in range(n)],
            "jurisdiction": [codes[i % len(codes)] for i in range(n)],
            "announced": days,
            "level": [LEVELS[i % len(LEVELS)] for i in range(n)],
            "binding": [LEVELS[i % len(LEVELS)] in BINDING for i in range(n)],
            "actor": ["government"] * n,
            "scope": ["5g_network"] * n,
            "reach": ["market"] * n,
            "status": ["in_force"] * n,
            "description": [f"Synthetic event {i} " + "x" * 80 for i in range(n)],
        }
    )


def html_size(fig) -> int:
    return len(renderer.figure_html(fig))


def level_chart(events: pd.DataFrame, focus: str):
    """Figure 1.1 as the notebook draws it, from the chapter's computations (by category)."""
    curve, counts = adoption.category_curve(events), adoption.category_counts(events)
    return adoption_charts.category_chart(
        curve, counts, adoption.standing(events), focus, events=events
    )


def test_chart_sizes_stay_bounded_at_a_hundred_times_the_data():
    small, large = synthetic_events(60), synthetic_events(6000)
    for make in (level_chart, adoption_charts.timeline_chart):
        assert html_size(make(large, "JP")) < 3 * html_size(make(small, "JP")) + 20_000, (
            make.__name__
        )


def test_the_timeline_keeps_every_event_while_it_is_small():
    events = synthetic_events(60)
    fig = adoption_charts.timeline_chart(events, "JP")
    assert sum(len(trace.x) for trace in fig.data) == 60


def test_a_thinned_curve_keeps_its_final_count_at_every_level():
    events = synthetic_events(6000)
    curve = adoption.category_curve(events)
    final = curve[curve["date"] == curve["date"].max()].set_index("category")["jurisdictions"]
    fig = level_chart(events, "JP")
    stacked = [t for t in fig.data if t.stackgroup == "categories"]
    assert len(stacked) == len(vocab.categories())
    for trace in stacked:
        assert len(trace.x) < 60
    assert [t.y[-1] for t in stacked] == [final[code] for code in vocab.categories()]
    assert sum(t.y[-1] for t in stacked) == events["jurisdiction"].nunique()


def test_the_huawei_lag_chart_shows_the_first_followers_and_the_focus():
    events = synthetic_events(6000)
    events.loc[0, ["jurisdiction", "binding"]] = ["US", True]
    lags = alignment.huawei_lags(events)
    assert len(lags) > alignment_charts.HUAWEI_BARS
    latest = lags.sort_values("lag_days").iloc[-1]["jurisdiction"]
    fig = alignment_charts.huawei_lag_chart(lags, latest, events)
    bars = fig.data[0]
    assert len(bars.x) == alignment_charts.HUAWEI_BARS + 1
    assert max(bars.x) == lags["lag_days"].max()  # the focus, last to follow, is shown
