"""The restrictions table's vocabulary, from the codebook (data/codebook.json): the strength
scale, strongest first, which of its levels bind, the labels of every coded field, and the
categories the headline numbers count."""

from __future__ import annotations

from briefing.data import codebook, codebook_language
from briefing.data.codebook import Codebook

NAMED_BAN = "vendor_ban"  # the strongest level: a ban naming Huawei or ZTE
OPERATOR = "operator"  # the actor of an operator's own exclusion
# The codebook's categories the headline numbers name.
NATIONWIDE_BAN = "nationwide_ban"
NEUTRAL_RESTRICTION = "neutral_restriction"
UNUSED_POWER = "unused_power"
SINGLE_NETWORK = "single_network"
PROCUREMENT_ONLY = "procurement_only"
DECLINED = "declined"


def shown(lang: str | None = None) -> Codebook:
    """The codebook whose words a reader sees, in ``lang`` (None: English, the words the charts'
    palette keys its styles by); its codes and rules are the same in every language."""
    return codebook.load(lang=lang or codebook_language.SOURCE)


def levels() -> list[str]:
    """The strength scale, strongest first."""
    return codebook.load().levels.codes()


def level_labels(lang: str | None = None) -> dict[str, str]:
    return shown(lang).levels.labels()


def short_labels(lang: str | None = None) -> dict[str, str]:
    """Each level's short label, for legends and chart axes."""
    return {value.code: value.short or value.label for value in shown(lang).levels.values}


def binding_levels() -> list[str]:
    return codebook.load().binding_levels()


def labels(field: str, lang: str | None = None) -> dict[str, str]:
    """The codebook's labels of one coded field of the restrictions (actor, scope, status...)."""
    return shown(lang).field(field).labels()


def categories() -> list[str]:
    """What the headline numbers count (the codebook's ``categories``), strongest first."""
    return codebook.load().categories.codes()


def category_labels(lang: str | None = None) -> dict[str, str]:
    return shown(lang).categories.labels()


def category_short_labels(lang: str | None = None) -> dict[str, str]:
    """Each category's short label, for legends and chart axes."""
    return {value.code: value.short or value.label for value in shown(lang).categories.values}
