"""Quarto's conditional content, honoured by the fallback renderer.

A page may hold content for one format only, in a fenced div with the class
`.content-visible` or `.content-hidden` and a condition `when-format="..."` or
`unless-format="..."` (Quarto 1.10.18: src/resources/filters/customnodes/content-hidden.lua).
Quarto drops the div's content where the condition fails and keeps its content, without the
div, where it holds; its format test (`quarto.format.is_format`) matches the output format's
name, "html" for the site and "typst" for the PDF. The briefing uses it to send long tables
to the PDF's annex while the site keeps them in their chapters.
"""

from __future__ import annotations

import re

from briefing.errors import RenderError

# A fence line: three or more colons, then (on an opening fence) the div's attributes.
_FENCE = re.compile(r"^(:{3,})[ \t]*(.*?)[ \t]*:*[ \t]*$")
_ATTRIBUTE = re.compile(r'([A-Za-z][\w-]*)\s*=\s*"([^"]*)"')
_BEHAVIOURS = ("content-visible", "content-hidden")
_FORMAT_CONDITIONS = ("when-format", "unless-format")
# Quarto's other conditions, which the fallback cannot decide: a page using one is refused.
_OTHER_CONDITIONS = ("when-meta", "unless-meta", "when-profile", "unless-profile")


def for_format(text: str, target: str, *, page: str = "") -> str:
    """``text`` as Quarto renders it to ``target`` ("html" or "typst"): conditional divs for
    ``target`` unwrapped, the others dropped with their content; every other line kept."""
    out: list[str] = []
    # One entry per open div: "keep" (an ordinary div, fences printed), "unwrap" (visible
    # conditional content, fences dropped) or "drop" (hidden, content and all).
    open_divs: list[str] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        fence = _FENCE.match(line.rstrip("\r\n"))
        hidden = "drop" in open_divs
        if fence and not fence.group(2):  # a closing fence
            kind = open_divs.pop() if open_divs else "keep"
            if kind == "keep" and not hidden:
                out.append(line)
        elif fence:
            kind = "drop" if hidden else _opening(fence.group(2), target, page, number)
            open_divs.append(kind)
            if kind == "keep":
                out.append(line)
        elif not hidden:
            out.append(line)
    return "".join(out)


def _opening(attributes: str, target: str, page: str, line: int) -> str:
    classes = re.findall(r"(?:^|[\s{])\.([\w-]+)", attributes)
    behaviour = next((c for c in classes if c in _BEHAVIOURS), None)
    if behaviour is None:
        return "keep"
    conditions = dict(_ATTRIBUTE.findall(attributes))
    unsupported = [name for name in _OTHER_CONDITIONS if name in conditions]
    if unsupported:
        raise RenderError(
            f"{page or 'a page'}, line {line}: the fallback renderer decides conditional "
            f"content by format only, not by {', '.join(unsupported)}"
        )
    # As content-hidden.lua's propertiesMatch: every condition given must hold.
    match = all(
        (conditions[name] == target) == (name == "when-format")
        for name in _FORMAT_CONDITIONS
        if name in conditions
    )
    visible = match if behaviour == "content-visible" else not match
    return "unwrap" if visible else "drop"
