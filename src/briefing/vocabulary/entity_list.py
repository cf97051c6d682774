"""The Entity List's destination groups and the year its growth is measured from.

The list files entries under destination headings; Hong Kong entries sit under China and are
told apart by their address. The chapter counts entries in four groups, the charts colour them:
Russia, whose entries drive the list's growth in 2022 and 2023, is a group of its own so that
"rest of world" does not hide it.
"""

from __future__ import annotations

CHINA = "China"  # the list's destination heading; Hong Kong entries sit under it
RUSSIA_HEADING = "Russia"  # the list's destination heading for Russia
MAINLAND = "china_mainland"
HONG_KONG = "hong_kong"
RUSSIA = "russia"
REST = "rest_of_world"
GROUPS = (MAINLAND, HONG_KONG, RUSSIA, REST)

# Growth is measured from the end of 2017: everything listed since 2018 against everything before.
BASELINE_YEAR = 2018
