"""The restrictions table's vocabulary, from the codebook (data/codebook.json): the strength
scale, strongest first, which of its levels bind, and the labels of every coded field."""

from __future__ import annotations

from briefing.data import codebook

NAMED_BAN = "vendor_ban"  # the strongest level: a ban naming Huawei or ZTE
OPERATOR = "operator"  # the actor of an operator's own exclusion


def levels() -> list[str]:
    """The strength scale, strongest first."""
    return codebook.load().levels.codes()


def level_labels() -> dict[str, str]:
    return codebook.load().levels.labels()


def short_labels() -> dict[str, str]:
    """Each level's short label, for legends and chart axes."""
    return {value.code: value.short or value.label for value in codebook.load().levels.values}


def binding_levels() -> list[str]:
    return codebook.load().binding_levels()


def labels(field: str) -> dict[str, str]:
    """The codebook's labels of one coded field of the restrictions (actor, scope, status...)."""
    return codebook.load().field(field).labels()
