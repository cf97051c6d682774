"""What the PDF of either engine gets from the briefing: typst rules for tables, numbering,
links and alt text.

Both engines compile typst with the same page design: the fallback puts `templates/print.typ`
and `templates/book.typ` (the same for every edition) before the chapters (briefing.book.engines.fallback.pdf);
Quarto 1.10.18's typst template takes them as partials through templates/typst-show.typ
(`format.typst.template-partials` in _quarto.yml). `edition_rules`, written for each edition,
follows them in both: the fallback puts it next, Quarto as `include-before` (the format's
`include-before-body`), before the body. So a show rule in any of them reaches the whole book,
but the edition's come after the cover and its back (the cover colours its one link itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources

from briefing.mime import IMAGE_PNG

# Where book/images.py records each chart output's alt text and smallest font.
CHART_METADATA = "briefing"


# The rules for every edition (a partial of Quarto's typst template too: see _quarto.yml).
HEADER = "templates/print.typ"


def typst_header() -> str:
    """Rules for every edition (templates/print.typ), for the fallback's book."""
    return (resources.files("briefing") / HEADER).read_text("utf-8")


def edition_rules(link_base: str, alts: Mapping[str, str]) -> str:
    """Rules for one edition (`include-before-body` under Quarto, the fallback's book).

    ``link_base``: the absolute URL the edition is published at; every link the PDF would
    otherwise hold as a relative path (CSV downloads, pages of the site) points there instead.
    ``alts``: figure label -> alt text; each figure's image carries its alt text (typst writes
    it into the PDF's structure tree, where screen readers find it).
    """
    # Without a known address a relative link would be dead once the file is passed round:
    # its text stays, the link goes, and so does the link colour (templates/print.typ's
    # `link-colour`), which marks exactly the text a reader can follow.
    relative = (
        f'text(fill: link-colour, link({typst_string(link_base)} + it.dest.trim("./", at: start), it.body))'
        if link_base
        else "it.body"
    )
    lines = [
        "#show link: it => {",
        '  if type(it.dest) == str and it.dest.match(regex("^[a-zA-Z][a-zA-Z0-9+.-]*:")) == none {',
        f"    {relative}",
        # A web address or a label in the document; the contents' entries (locations) stay black.
        "  } else if type(it.dest) in (str, label) { text(fill: link-colour, it) } else { it }",
        "}",
    ]
    for label, alt in sorted(alts.items()):
        if alt and _is_label(label):
            lines.append(f"#show <{label}>: set image(alt: {typst_string(alt)})")
    return "\n".join(lines) + "\n"


def link_base(site_url: str, site_path: str) -> str:
    """The edition's absolute address: the site's URL, then its folder (empty at the root)."""
    if not site_url:
        return ""
    path = site_path.strip("/")
    return site_url.rstrip("/") + "/" + (path + "/" if path else "")


def figure_alts(notebooks: Iterable[Mapping]) -> dict[str, str]:
    """Figure label -> alt text, from executed notebooks' chart outputs (see book/images.py)."""
    from briefing import cells

    alts = {}
    for nb in notebooks:
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            label = str(cells.options(cell).get("label", ""))
            if not label.startswith("fig-"):
                continue
            for output in cell.get("outputs", []):
                alt = (output.get("metadata") or {}).get(CHART_METADATA, {}).get("alt")
                if alt and IMAGE_PNG in output.get("data", {}):
                    alts[label] = alt
                    break
    return alts


def _is_label(label: str) -> bool:
    # A typst label literal `<...>` holds letters, digits, `-`, `_`, `.` and `:`.
    return bool(label) and all(ch.isalnum() or ch in "-_.:" for ch in label)


def typst_string(text: str) -> str:
    """A typst string literal holding ``text``: data never becomes markup.

    Only the escapes typst knows: backslash, quote, newline, return, tab, and `\\u{...}`
    for any other control character.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{{{ord(m.group()):x}}}", escaped) + '"'
