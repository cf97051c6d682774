"""The chart theme in one import, for the modules that draw with all of it.

The theme lives in modules named for what they do: the palette (``palette``), the layout every
chart is finished with (``layout``, ``legend``, ``text``), the size of a chart as an image and
in print (``image_size``) and the renderer with its page script (``renderer``). Chart modules
import what they use from those; this module gathers the names the Entity List and
self-sufficiency charts, the build's images and the tests of print sizes take from one place.
"""

from briefing.charts.image_size import (
    PRINT_HEIGHT_PT,
    PRINT_MIN_FONT_PT,
    PRINT_WIDTH_PT,
    STATIC_HEIGHT,
    STATIC_SCALE,
    STATIC_WIDTH,
)
from briefing.charts.layout import SUBTITLE_SIZE, finish
from briefing.charts.palette import (
    ALL_DESTINATIONS,
    CHINA_ALL,
    FOCUS_COLOUR,
    FOCUS_SYMBOL,
    FOCUS_WIDTH,
    GROUP_NAMES,
    OTHER_SERIES,
    STATED,
    Style,
    palette,
    series_name,
    style,
)
from briefing.charts.renderer import BriefingRenderer, figure_html, use_briefing_renderer
from briefing.prose import on as when

__all__ = [
    "ALL_DESTINATIONS",
    "CHINA_ALL",
    "FOCUS_COLOUR",
    "FOCUS_SYMBOL",
    "FOCUS_WIDTH",
    "GROUP_NAMES",
    "OTHER_SERIES",
    "PRINT_HEIGHT_PT",
    "PRINT_MIN_FONT_PT",
    "PRINT_WIDTH_PT",
    "STATED",
    "STATIC_HEIGHT",
    "STATIC_SCALE",
    "STATIC_WIDTH",
    "SUBTITLE_SIZE",
    "BriefingRenderer",
    "Style",
    "figure_html",
    "finish",
    "palette",
    "series_name",
    "style",
    "use_briefing_renderer",
    "when",
]
