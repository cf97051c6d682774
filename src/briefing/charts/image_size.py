"""The size of a chart as an image: how wide it is drawn, and how it prints in the PDF.

The PDF's images are drawn STATIC_WIDTH CSS pixels wide (times STATIC_SCALE for sharpness) and
printed across the text block of the PDF's A4 page (210 mm less two 22 mm margins, see
templates/book.typ), so one CSS pixel prints at PRINT_WIDTH_PT / STATIC_WIDTH points. No chart
text prints smaller than PRINT_MIN_FONT_PT: briefing/book/images.py raises every font below it.
"""

import math

STATIC_WIDTH = 760
STATIC_HEIGHT = 480
STATIC_SCALE = 3
PRINT_WIDTH_PT = (210 - 2 * 22) / 25.4 * 72
# The text block's height (297 mm less two 24 mm margins): a chart taller than the page allows
# at full width is printed narrower, so its fonts print smaller in proportion.
PRINT_HEIGHT_PT = (297 - 2 * 24) / 25.4 * 72
PRINT_MIN_FONT_PT = 8.0
# The font size, in CSS pixels, that the images raise smaller fonts to (for a chart no taller
# than the page at full width): text the desk frame wraps must fit at this size too.
PRINT_MIN_FONT_PX = math.ceil(PRINT_MIN_FONT_PT / (PRINT_WIDTH_PT / STATIC_WIDTH))
