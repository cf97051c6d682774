"""The two sides of every lag the briefing measures, and the span it counts as a year.

Allies' lags run from the first US measure (the baseline); China's measures answer the others
(the counterpart), and China is no ally.
"""

BASELINE = "US"
COUNTERPART = "CN"
YEAR_DAYS = 365
