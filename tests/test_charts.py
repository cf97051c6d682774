import plotly.graph_objects as go
import plotly.io as pio
import pytest

from briefing.charts import renderer
from briefing.charts.layout import finish
from briefing.mime import PLOTLY_JSON


def make_figure(y=(3, 1, 2)):
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=list(y)))
    return finish(fig, title="T", source="S", alt='A "quoted" <alt>', x_title="X", y_title="Y")


@pytest.fixture
def figure():
    return make_figure()


def test_renderer_is_set_explicitly():
    renderer.use_briefing_renderer()
    assert pio.renderers.default == renderer.RENDERER


def test_one_bundle_carries_html_and_the_figure_for_its_image(figure):
    bundle = renderer.BriefingRenderer().to_mimebundle(figure.to_plotly_json())
    assert set(bundle) == {"text/html", PLOTLY_JSON}
    assert bundle[PLOTLY_JSON]["layout"]["title"]["text"] == "T"
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html and "<script src" not in html
    assert 'aria-label="A &quot;quoted&quot; &lt;alt&gt;"' in html


def test_the_chart_wrapper_lets_its_controls_be_reached(figure):
    # A role whose children are presentational (img, button...) would hide the toolbar.
    import re

    html = renderer.figure_html(figure)
    wrapper = re.match(r'<div class="briefing-chart"([^>]*)>', html)
    assert wrapper, html[:200]
    assert re.search(r'\brole="figure"', wrapper.group(1))
    assert 'role="img"' not in html


def test_chart_html_is_the_same_for_the_same_figure_and_differs_otherwise():
    assert renderer.figure_html(make_figure()) == renderer.figure_html(make_figure())
    assert renderer.figure_html(make_figure()) != renderer.figure_html(make_figure(y=(1, 2, 3)))


def test_finish_adds_source_line_and_axis_titles(figure):
    assert figure.layout.xaxis.title.text == "X" and figure.layout.yaxis.title.text == "Y"
    assert any(a.text == "Source: S" for a in figure.layout.annotations)
