"""One palette: every category a chart shows, by name, with its colour and a second cue.

The palette maps every category a chart shows (the codebook's strength levels and
headline categories, the milestones' kinds, the self-sufficiency series, the Entity List's destinations, China's
kinds of measure and the China timeline's lane groups) to one Okabe–Ito colour and a second
cue (a marker symbol, a dash and a fill pattern), in the order of the vocabularies that
declare them (``briefing.vocabulary``: the codebook, the tables' schemas and what the
self-sufficiency and Entity List tables' codes mean), so a category looks
the same in every chart and in every edition, whatever rows the edition's cut keeps. Charts
take a category's style by its name (``style(name)``) and record the name in the trace's
``meta``; the focus highlight has a colour no category uses, and other jurisdictions a muted
grey.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from briefing.charts import _codebook_words
from briefing.translation import N_, _
from briefing.vocabulary import china_measures as china
from briefing.vocabulary import entity_list, milestones, restrictions, self_sufficiency

# Okabe–Ito: distinguishable with the common forms of colour-blindness.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
PALETTE = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, YELLOW, BLACK]
# Each colour as prose names it (the words a page says a mark is drawn in).
COLOUR_NAMES = {
    BLACK: N_("black"),
    ORANGE: N_("orange"),
    SKY_BLUE: N_("light-blue"),
    GREEN: N_("green"),
    YELLOW: N_("yellow"),
    BLUE: N_("dark-blue"),
    VERMILLION: N_("vermillion"),
    PURPLE: N_("pink"),
}
# The briefing's accent (links, the rule beside a key number): the first colour.
ACCENT = BLUE
# The focus highlight: vermillion, which no category uses, with its own marker and width.
FOCUS_COLOUR = VERMILLION
FOCUS_SYMBOL = "star-diamond"
FOCUS_WIDTH = 3
# Other jurisdictions (and what is shown but not counted): a muted grey.
MUTED_COLOUR = "#9A9A9A"
# Category colours in the order categories take them: every Okabe–Ito colour but the focus's.
CATEGORY_COLOURS = (BLUE, SKY_BLUE, GREEN, YELLOW, PURPLE, ORANGE, BLACK)
# Series are drawn as lines, and a yellow line is hard to see on white: they skip yellow and
# take the muted grey last (the last-declared series are the ones that are not self-sufficiency).
SERIES_COLOURS = (BLUE, ORANGE, GREEN, PURPLE, SKY_BLUE, BLACK, MUTED_COLOUR)
# Second cues, in the same order: a marker symbol, a dash (lines) and a fill pattern (areas, bars).
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
PATTERNS = ("", "/", ".", "x", "\\", "-", "+")


@dataclass(frozen=True)
class Style:
    """How one category looks: its colour and the cue that tells it apart without colour."""

    family: str
    colour: str
    symbol: str
    dash: str = "solid"
    pattern: str = ""

    def marker(self, *, size: int = 10, hollow: bool = False) -> dict:
        """A marker in this style; hollow markers keep the symbol and draw it in outline."""
        if hollow:
            return {
                "color": self.colour,
                "size": size,
                "symbol": f"{self.symbol}-open",
                "line": {"width": 2, "color": self.colour},
            }
        # A dark rim keeps the light colours (yellow, sky blue) visible on white.
        return {
            "color": self.colour,
            "size": size,
            "symbol": self.symbol,
            "line": {"width": 1, "color": "#333333"},
        }


def colour_name(colour: str) -> str:
    """A palette colour in words, in the edition's language; a colour the palette lacks is an error."""
    names = COLOUR_NAMES | {MUTED_COLOUR: N_("grey")}
    try:
        return _(names[colour])
    except KeyError:
        raise KeyError(f"the chart palette has no name for the colour {colour!r}") from None


def level_name(code: str) -> str:
    """A strength level as the charts name it: the codebook's short label."""
    return restrictions.short_labels()[code]


def category_name(code: str) -> str:
    """A headline category (the codebook's ``categories``) as the charts name it: its short label."""
    return restrictions.category_short_labels()[code]


def china_kind_name(code: str) -> str:
    """One of China's kinds of measure as the charts name it: its codebook section's short label."""
    return china.kinds()[code]


def series_names() -> dict[str, str]:
    """Each self-sufficiency series, in the order its measures are declared, by the short name
    of its first measure."""
    names: dict[str, str] = {}
    for measure in self_sufficiency.MEASURES.values():
        names.setdefault(measure.series, measure.short)
    return names


def series_name(series: str) -> str:
    # A series the vocabulary does not declare is named by itself (and drawn in OTHER_SERIES).
    return series_names().get(series, series)


LIFTING = N_("Lifting (not counted in lags)")
OTHERS = N_("Other jurisdictions")
STATED = N_("Stated by the rule (rules table)")
ALL_DESTINATIONS = N_("All destinations")
CHINA_ALL = N_("China (incl. Hong Kong)")
GROUP_NAMES = {
    entity_list.MAINLAND: N_("China (mainland address)"),
    entity_list.HONG_KONG: N_("China (Hong Kong address)"),
    entity_list.RUSSIA: N_("Russia"),
    entity_list.REST: N_("Rest of world"),
}
OTHER_SERIES = Style("series", BLACK, "x", "solid", "")
# The China timeline's lane groups: China's lanes are drawn by kind of measure (family
# "china_kind"); the US and allied lanes' measures are one category, in the grey of other
# jurisdictions (their kinds come from three tables' vocabularies, and every colour but the
# focus's is taken by China's kinds on the same chart); the lines joining an answer to what
# it answers are grey, dotted.
US_ALLIED = N_("US and allied measures")
ANSWERS = N_("Answers (per a source)")


def _families() -> dict[str, list[str]]:
    """The categories that take the palette's colours in turn, each family in its order."""
    return {
        "level": [level_name(code) for code in restrictions.levels()],
        "category": [category_name(code) for code in restrictions.categories()],
        "kind": list(milestones.kinds().values()),
        "series": list(series_names().values()),
        "china_kind": list(china.kinds().values()),
    }


def _fixed() -> dict[str, Style]:
    """The categories with a colour of their own: destinations, liftings, the grey groups."""
    mainland, hong_kong, russia, rest = (GROUP_NAMES[code] for code in entity_list.GROUPS)
    return {
        LIFTING: Style("kind", MUTED_COLOUR, "circle", "dot", ""),
        mainland: Style("destination", BLUE, "square", "solid", ""),
        hong_kong: Style("destination", SKY_BLUE, "square", "dash", "/"),
        # Orange: no other destination takes it, and it stands apart from China's blues.
        russia: Style("destination", ORANGE, "triangle-up", "dashdot", "x"),
        rest: Style("destination", MUTED_COLOUR, "circle", "dot", "."),
        CHINA_ALL: Style("destination", BLUE, "square", "solid", ""),
        ALL_DESTINATIONS: Style("destination", BLACK, "circle", "solid", ""),
        STATED: Style("destination", GREEN, "diamond", "solid", ""),
        OTHERS: Style("other", MUTED_COLOUR, "circle", "solid", ""),
        US_ALLIED: Style("lane_group", MUTED_COLOUR, "circle", "solid", ""),
        ANSWERS: Style("lane_group", MUTED_COLOUR, "line-ew", "dot", ""),
    }


@cache
def palette() -> dict[str, Style]:
    """Every category by name, each family in its vocabulary's order (see the module docstring)."""
    styles: dict[str, Style] = {}
    for family, names in _families().items():
        colours = SERIES_COLOURS if family == "series" else CATEGORY_COLOURS
        for index, name in enumerate(names):
            i = index % len(colours)
            styles[name] = Style(family, colours[i], SYMBOLS[i], DASHES[i], PATTERNS[i])
    return styles | _fixed()


def shown(name: str) -> str:
    """A category's name as a legend shows it, in the edition's language: the codebook's
    label in that language, or the catalog's translation. Styles stay keyed by the English
    name (``style``), which the traces' ``meta`` records."""
    if not name:
        return name  # gettext's "" is the catalog's header, not a translation
    return _codebook_words.label(name) or _(name)


def style(name: str) -> Style:
    """The style of the category called ``name``; a name the palette lacks is an error."""
    try:
        return palette()[name]
    except KeyError:
        raise KeyError(f"the chart palette has no category {name!r}") from None


def order(family: str) -> list[str]:
    """The categories of one family, in the fixed order every legend shows them."""
    return [name for name, s in palette().items() if s.family == family]


def legend_rank(name: str) -> int:
    """A category's place in every legend: its place in the palette."""
    return list(palette()).index(name) + 1
