"""The MIME types the project's notebook outputs carry."""

TEXT_PLAIN = "text/plain"
TEXT_HTML = "text/html"
TEXT_MARKDOWN = "text/markdown"
TEXT_LATEX = "text/latex"
IMAGE_SVG = "image/svg+xml"
IMAGE_PNG = "image/png"
IMAGE_JPEG = "image/jpeg"
APPLICATION_PDF = "application/pdf"
APPLICATION_JAVASCRIPT = "application/javascript"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PLOTLY_JSON = "application/vnd.plotly.v1+json"
# What the briefing's notebooks show besides: a chapter's key numbers as JSON (beside their
# Markdown), which the edition record keeps.
KEY_NUMBERS = "application/vnd.briefing.key-numbers+json"
