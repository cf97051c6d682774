"""Chapter 1's world map: countries coloured by the category they stood in (shown through
``briefing.charts.adoption``, which shares its source line; nothing else imports this module).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from briefing import countries
from briefing.charts import palette
from briefing.charts.layout import finish
from briefing.charts.palette import FOCUS_COLOUR, FOCUS_SYMBOL, category_name, style
from briefing.charts.text import cited_rows, lower
from briefing.prose import on as when
from briefing.translation import N_, _
from briefing.vocabulary import restrictions as vocab

# The source line of every chart of the chapter.
SOURCE = N_("restrictions table, coded by the codebook (Appendix A); sources in Appendix B")
# The map centred east of Europe, cut to the inhabited latitudes: Europe, where most of the
# jurisdictions are, and East Asia side by side, the Americas at the left edge. On a phone it
# runs from the Atlantic to the Pacific, twice as large, and less tall (the map keeps its
# aspect): the whole world at 340 px would leave Europe's countries a few pixels wide.
MAP_VIEW = {
    "projection_type": "robinson",
    "projection_rotation_lon": 40,
    "lonaxis_range": [-130, 180],
    "lataxis_range": [-47, 75],
}
NARROW_MAP_VIEW = {
    "geo.projection.rotation.lon": 65,
    "geo.lonaxis.range": [-12, 155],
    "geo.lataxis.range": [-45, 71],
}
NARROW_MAP_PLOT = 250


def map_chart(standings: pd.DataFrame, events: pd.DataFrame, focus: str) -> go.Figure:
    """Countries coloured by the category they stood in (the EU is not a country).

    ``standings`` is the chapter's ``standing``; ``events`` give each row's source (publisher
    and date, in its tooltip). The title
    counts the countries on the map; the source line says where the EU stands, so that the
    map's count and Figure 1.1's (which counts the EU) can be told apart.
    """
    mapped = standings[standings["jurisdiction"] != "EU"].copy()
    sources = pd.Series(cited_rows(events), index=events["id"], dtype=object)
    fig = go.Figure(_categories_map(mapped, sources))
    if focus in set(mapped["jurisdiction"]):
        fig.add_traces(_focus_marks(focus))
        fig.update_layout(showlegend=True)  # the focus's one entry: the colour bar has the rest
    fig.update_geos(
        showframe=False,
        showcoastlines=False,
        showland=True,
        landcolor="#EEEEEE",
        showcountries=True,
        countrycolor="white",
        **MAP_VIEW,
    )
    # A plot area of 240 px (the chart less its 180 px of margins): at desk width the map, which
    # keeps its aspect, is as tall as that beside its colour bar; a taller one only adds white
    # above and below it, which the PDF prints.
    fig.update_layout(height=420)
    bans = int((mapped["category"] == vocab.NATIONWIDE_BAN).sum())
    took = int((mapped["category"] != vocab.DECLINED).sum())
    eu = standings[standings["jurisdiction"] == "EU"]
    source = _(SOURCE)
    if len(eu):
        source = _("{source}; the EU ({category}) is not a country and is not mapped").format(
            source=source,
            category=lower(palette.shown(vocab.category_labels()[eu["category"].iloc[0]])),
        )
    return finish(
        fig,
        title=_(
            "Where each country stood: {bans} of {took} that took a measure with a nationwide "
            "ban naming Huawei or ZTE"
        ).format(bans=bans, took=took),
        source=source,
        alt=_(
            "World map: countries coloured by the category their measures on Huawei or ZTE "
            "had reached."
        ),
        x_title="",
        y_title="",
        narrow_layout=NARROW_MAP_VIEW,
        narrow_plot=NARROW_MAP_PLOT,
    )


def _categories_map(mapped: pd.DataFrame, sources: pd.Series) -> go.Choropleth:
    """The countries in their category's colour, one band of the scale per category."""
    order = vocab.categories()
    labels = vocab.category_labels()
    rank = {code: index for index, code in enumerate(order)}
    said = _("<b>{name}</b>: {category}<br>from {date}<br>Source: {source}")
    hover = [
        said.format(
            name=_name(code_),
            category=lower(palette.shown(labels[code])),
            date=when(day),
            source=sources.get(id_, ""),
        )
        for code_, code, day, id_ in zip(
            mapped["jurisdiction"],
            mapped["category"],
            mapped["announced"],
            mapped["id"],
            strict=True,
        )
    ]
    steps = len(order)
    scale = []
    for index, code in enumerate(order):
        colour = category_style(code).colour
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    return go.Choropleth(
        locations=mapped["jurisdiction"].map(countries.alpha_3),
        z=mapped["category"].map(rank),
        name=_("Category"),
        zmin=-0.5,
        zmax=steps - 0.5,
        text=hover,
        colorscale=scale,
        colorbar=dict(
            title=_("Where it stood"),
            tickvals=list(range(steps)),
            ticktext=[palette.shown(vocab.category_short_labels()[code]) for code in order],
        ),
        marker_line_color="white",
        hovertemplate="%{text}<extra></extra>",
    )


def _focus_marks(focus: str) -> list:
    """The focus country outlined in black over its category's fill (an outline in the focus
    colour reads, round a small country, as the fill of another category), and the focus's
    marker and name on it, which the legend names."""
    outline = go.Choropleth(
        locations=[countries.alpha_3(focus)],
        z=[0],
        showscale=False,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        marker_line_color="#222222",
        marker_line_width=1.5,
        hoverinfo="skip",
    )
    marker = go.Scattergeo(
        locations=[countries.alpha_3(focus)],
        locationmode="ISO-3",
        mode="markers+text",
        text=[_name(focus)],
        textposition="bottom center",  # the focus may lie at the map's edge, as Japan does
        textfont=dict(size=12, color="#222222"),
        marker=dict(
            size=14, color=FOCUS_COLOUR, symbol=FOCUS_SYMBOL, line=dict(width=1, color="white")
        ),
        name=_("{name} (focus)").format(name=_name(focus)),
        hoverinfo="skip",
    )
    return [outline, marker]


def category_style(category: str) -> palette.Style:
    return style(category_name(category))


def _name(code: str) -> str:
    """A jurisdiction as readers of the edition name it (its code where it has no name)."""
    return countries.shown(code)
