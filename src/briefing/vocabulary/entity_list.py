"""The Entity List's destination groups and the year its growth is measured from.

The list files entries under destination headings; Hong Kong entries sit under China and are
told apart by their address. The chapter counts entries in three groups, the charts colour them.
"""

from __future__ import annotations

CHINA = "China"  # the list's destination heading; Hong Kong entries sit under it
MAINLAND = "china_mainland"
HONG_KONG = "hong_kong"
REST = "rest_of_world"
GROUPS = (MAINLAND, HONG_KONG, REST)

# Growth is measured from the end of 2017: everything listed since 2018 against everything before.
BASELINE_YEAR = 2018
