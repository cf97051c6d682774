"""The Entity List's destination groups and the year its growth is measured from.

The list files entries under destination headings; Hong Kong entries sit under China and are
told apart by their address. The chapter counts entries in four groups, the charts colour them:
Russia, whose entries drive the list's growth in 2022 and 2023, is a group of its own so that
"rest of world" does not hide it.
"""

from __future__ import annotations

import datetime as dt

from briefing import translation
from briefing.translation import N_

CHINA = "China"  # the list's destination heading; Hong Kong entries sit under it
RUSSIA_HEADING = "Russia"  # the list's destination heading for Russia
MAINLAND = "china_mainland"
HONG_KONG = "hong_kong"
RUSSIA = "russia"
REST = "rest_of_world"
GROUPS = (MAINLAND, HONG_KONG, RUSSIA, REST)

# Growth is measured from the end of 2017: everything listed since 2018 against everything before.
BASELINE_YEAR = 2018


# The list's own date, as the derived tables' provenance states it in English ("October 2025
# (last Federal Register amendment cited)"): why it is dated so, each reason in the catalog.
WHY_DATED = {"last Federal Register amendment cited": N_("last Federal Register amendment cited")}


def stated_month(stated: str, lang: str | None = None) -> str:
    """A month the provenance states in English ("October 2025"), as an edition in ``lang``
    (by default the current one) writes it; as stated when it is not a month and a year."""
    if (lang or translation.current()) == translation.SOURCE:
        return stated
    try:
        return translation.month(dt.datetime.strptime(stated, "%B %Y").date(), lang)
    except ValueError:
        return stated


def list_as_of(stated: str, lang: str | None = None) -> str:
    """The list's own date as the provenance states it, in ``lang``: "2025年10月（…）"."""
    lang = lang or translation.current()
    if lang == translation.SOURCE:
        return stated
    when, _sep, why = stated.partition(" (")
    why = why.removesuffix(")")
    said = translation.gettext(WHY_DATED[why], lang) if why in WHY_DATED else why
    month = stated_month(when, lang)
    return (
        translation.gettext("{month} ({why})", lang).format(month=month, why=said) if why else month
    )
