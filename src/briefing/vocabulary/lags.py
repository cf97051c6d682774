"""The two sides of every lag the briefing measures, and the span it counts as a year.

Allies' lags run from the first US measure (the baseline); China's measures answer the others
(the counterpart), and China is no ally.
"""

from briefing.translation import N_, _

BASELINE = "US"
COUNTERPART = "CN"
YEAR_DAYS = 365

# The kinds of date the tables record, as a table shows them beside a date ("2019-05-15
# (announced)"); translated where shown (``date_kind``).
DATE_KINDS = {
    "announced": N_("announced"),
    "published": N_("published"),
    "enacted": N_("enacted"),
    "effective": N_("effective"),
    "reported": N_("reported"),
}


def date_kind(code: str) -> str:
    """A kind of date in the edition's language ("announced", "発表"); an unknown code as it is."""
    return _(DATE_KINDS[code]) if code in DATE_KINDS else code
