"""Quarto's conditional content, decided as Quarto decides it.

A page may hold content for one format or one profile only, in a fenced div with the class
`.content-visible` or `.content-hidden` and a condition: `when-format="..."` /
`unless-format="..."`, `when-profile="..."` / `unless-profile="..."` (Quarto 1.10.18:
src/resources/filters/customnodes/content-hidden.lua). Quarto drops the div's content where
the condition fails and keeps its content, without the div, where it holds; its format test
matches the output format's name ("html" for the site, "typst" for the PDF), its profile test
the active profiles (the edition's language: "en", "ja").

The briefing uses formats to send long tables to the PDF's annex while the site keeps them in
their chapters, and profiles to hold each page's English and Japanese text. The book's reader
(`config`) resolves the profile's conditions; the fallback renderer, the format's.
"""

from __future__ import annotations

import re

from briefing.errors import RenderError

# A fence line: three or more colons, then (on an opening fence) the div's attributes.
_FENCE = re.compile(r"^(:{3,})[ \t]*(.*?)[ \t]*:*[ \t]*$")
_ATTRIBUTE = re.compile(r'([A-Za-z][\w-]*)\s*=\s*"([^"]*)"')
_BEHAVIOURS = ("content-visible", "content-hidden")
# The conditions, by what they test.
CONDITIONS = {
    "format": ("when-format", "unless-format"),
    "profile": ("when-profile", "unless-profile"),
}
# Quarto's other conditions, which the fallback cannot decide: a page using one is refused.
_OTHER_CONDITIONS = ("when-meta", "unless-meta")


def for_format(text: str, target: str, *, page: str = "") -> str:
    """``text`` as Quarto renders it to ``target`` ("html" or "typst"): conditional divs for
    ``target`` unwrapped, the others dropped with their content; every other line kept."""
    return resolve(text, "format", target, page=page)


def for_profile(text: str, profile: str, *, page: str = "") -> str:
    """``text`` as Quarto renders it under ``profile`` ("en", "ja"), its format conditions
    left for the render to decide."""
    return resolve(text, "profile", profile, page=page)


def resolve(text: str, kind: str, value: str, *, page: str = "") -> str:
    """``text`` with the divs whose conditions test ``kind`` decided for ``value``."""
    out: list[str] = []
    # One entry per open div: "keep" (an ordinary div, or one this pass does not decide:
    # fences printed), "unwrap" (visible conditional content, fences dropped) or "drop"
    # (hidden, content and all).
    open_divs: list[str] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        fence = _FENCE.match(line.rstrip("\r\n"))
        hidden = "drop" in open_divs
        if fence and not fence.group(2):  # a closing fence
            decision = open_divs.pop() if open_divs else "keep"
            if decision == "keep" and not hidden:
                out.append(line)
        elif fence:
            decision = "drop" if hidden else _opening(fence.group(2), kind, value, page, number)
            open_divs.append(decision)
            if decision == "keep":
                out.append(line)
        elif not hidden:
            out.append(line)
    return "".join(out)


def _opening(attributes: str, kind: str, value: str, page: str, line: int) -> str:
    classes = re.findall(r"(?:^|[\s{])\.([\w-]+)", attributes)
    behaviour = next((c for c in classes if c in _BEHAVIOURS), None)
    if behaviour is None:
        return "keep"
    conditions = dict(_ATTRIBUTE.findall(attributes))
    unsupported = [name for name in _OTHER_CONDITIONS if name in conditions]
    if unsupported:
        raise RenderError(
            f"{page or 'a page'}, line {line}: the fallback renderer decides conditional "
            f"content by format and profile only, not by {', '.join(unsupported)}"
        )
    when, unless = CONDITIONS[kind]
    tested = [name for name in (when, unless) if name in conditions]
    if not tested:
        return "keep"  # a condition of the other kind: another pass decides it
    # As content-hidden.lua's propertiesMatch: every condition given must hold. A condition
    # may name several values, separated by commas or spaces.
    match = all(
        (value in re.split(r"[\s,]+", conditions[name].strip())) == (name == when)
        for name in tested
    )
    visible = match if behaviour == "content-visible" else not match
    return "unwrap" if visible else "drop"
