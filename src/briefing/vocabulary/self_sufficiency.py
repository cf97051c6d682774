"""What the self-sufficiency table's ``measure`` texts mean: the series each belongs to (rows of
different series are never compared) and the short name a table or legend shows; and the
kinds of figure (actual, forecast, target).

The table mixes several quantities that all get called "self-sufficiency": IC Insights'
China-based IC production share of China's IC market, the share made by China-headquartered
firms, a global sales share, an undefined Made in China 2025 "rate". Each exact text is
mapped here; an unknown text is a series of its own.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from briefing.translation import N_, _

# The series whose actuals, forecasts and target are compared (IC Insights' series).
MAIN = "china_based_ic"
# Its measure in words short enough for a chart's note line; the exact text is _CHINA_BASED_IC.
MAIN_DEFINITION = N_(
    "China-based IC production (all wafer fabs in mainland China, foreign-owned fabs included) "
    "as a share of China's IC market, by value in US dollars"
)


# China's shares of the world's chip-making capacity (SEMI's, TrendForce's): not self-sufficiency,
# nor comparable with one another, but one series for the charts' colours, whose colour-safe
# palette has room for seven series; each stays a measure of its own, a line and a legend entry
# of its own, told apart in the panel by its marker.
WORLD_CAPACITY = "china_world_capacity_share"
# Chinese suppliers' shares of a Chinese market (chips, AI GPUs, OEMs' and automakers' chip
# purchases, chip-making equipment): none comparable with another, grouped like WORLD_CAPACITY
# (one colour, a marker per measure) under IC Insights' China-HQ series, the first of them.
CHINESE_SUPPLIERS = "china_hq_ic"
# China's shares of a world total counted by the firms' nationality, not the fabs' location.
CHINA_HQ_WORLD = "china_hq_global_sales"


# What a measure is a share of, which the chapter groups its figures by: China's own chip market
# or demand (self-sufficiency in chips), the chip-making equipment used in China (equipment, not
# chips), or a world total (capacity or sales: not self-sufficiency at all). In this order.
CHIPS = "chips"
EQUIPMENT = "equipment"
WORLD = "world"
ABOUT = (CHIPS, EQUIPMENT, WORLD)


@dataclass(frozen=True)
class Measure:
    series: str  # rows in one series are comparable; rows in different series never are
    short: str  # the name a table or legend shows (in English; `_` says it in the edition's)
    about: str = CHIPS  # what it is a share of (``ABOUT``)


_CHINA_BASED_IC = (
    "China-based IC production (output of all wafer fabs located in mainland China, including "
    "foreign-owned fabs such as SK Hynix, Samsung, TSMC and Intel) as a share of China's IC "
    "market, by value in US dollars"
)
MEASURES: dict[str, Measure] = {
    _CHINA_BASED_IC: Measure(MAIN, N_("China-based IC output ÷ China IC market")),
    # IC Insights measures the Made in China 2025 goal against its own China-based series
    # (see the row's notes), so this target is declared comparable with MAIN, and only this one.
    "China-produced ICs as a share of China's IC market (IC Insights' reading of the Made in "
    "China 2025 goal; comparable to its China-based production series)": Measure(
        MAIN, N_("MIC 2025 goal, as IC Insights reads it")
    ),
    "IC production by China-headquartered companies as a share of China's IC market, by value in "
    "US dollars (excludes foreign-owned fabs in China)": Measure(
        CHINESE_SUPPLIERS, N_("China-HQ firms' IC output ÷ China IC market")
    ),
    "Semiconductor sales of mainland-China-headquartered companies as a share of global "
    "semiconductor sales (a global market share, not self-sufficiency)": Measure(
        CHINA_HQ_WORLD,
        N_("China-HQ firms' share of world chip sales (not self-sufficiency)"),
        WORLD,
    ),
    "Share of China's domestic semiconductor market supplied by Chinese semiconductor production "
    "(US$65bn output in 2016, as reported; whether foreign-owned fabs in China are included is "
    "not stated)": Measure(
        "cn_chip_supply", N_("Chinese chip output ÷ China chip market (method unknown)")
    ),
    "Share of China's domestic semiconductor demand met by Chinese semiconductor output (goal "
    "stated alongside a US$305bn output target for 2030)": Measure(
        "cn_chip_supply", N_("Chinese chip output ÷ China chip demand (as reported)")
    ),
    "Semiconductor 'self-sufficiency manufacturing rate' (the Made in China 2025 goal as worded "
    "by the source; numerator and denominator not defined)": Measure(
        "mic2025_undefined", N_("MIC 2025 'self-sufficiency rate' (measure undefined)")
    ),
    "Mainland China's share of worldwide 300mm front-end fab capacity, in wafers per month (a "
    "global capacity share, not self-sufficiency)": Measure(
        WORLD_CAPACITY,
        N_("China's share of world 300mm fab capacity (not self-sufficiency)"),
        WORLD,
    ),
    "Chips made in mainland China as a share of the chips consumed in China's market "
    "(TechInsights' estimate of consumption, net of chips re-exported in finished products), as "
    "reported; whether output of foreign-owned fabs in China is counted is not stated in the text "
    "read": Measure(
        "china_made_share_of_consumption",
        N_("Chips made in China ÷ chips consumed in China (as reported)"),
    ),
    # TrendForce's and Yole Group's estimates: one basis (foundry capacity in mainland China ÷
    # the world's), each release a basis of its own in the table's basis column.
    "Mainland China's share of global semiconductor foundry capacity (each producer's estimate; a "
    "global capacity share, not self-sufficiency)": Measure(
        WORLD_CAPACITY,
        N_("China's share of world foundry capacity (not self-sufficiency)"),
        WORLD,
    ),
    "Mainland China's share of global mature-process (28nm and older) semiconductor capacity "
    "(TrendForce's estimate; a global capacity share, not self-sufficiency)": Measure(
        WORLD_CAPACITY,
        N_("China's share of world 28nm-and-older capacity (not self-sufficiency)"),
        WORLD,
    ),
    # SEMI's World Fab Forecast and SIA/BCG's wafer fab capacity: one basis (all fabs in mainland
    # China ÷ the world's), each release a basis of its own in the table's basis column.
    "Mainland China's share of worldwide semiconductor wafer fab capacity, all fabs (SEMI's World "
    "Fab Forecast in 200mm-equivalent wafers per month; SIA/BCG as reported; a global capacity "
    "share, not self-sufficiency)": Measure(
        WORLD_CAPACITY,
        N_("China's share of world fab capacity (not self-sufficiency)"),
        WORLD,
    ),
    "Mainland China's share of worldwide IC wafer capacity, integrated circuits only, in "
    "200mm-equivalent wafers per month (Knometa Research; a global capacity share, not "
    "self-sufficiency)": Measure(
        WORLD_CAPACITY,
        N_("China's share of world IC wafer capacity (not self-sufficiency)"),
        WORLD,
    ),
    "Mainland China's share of worldwide 200mm fab capacity (SEMI's 200mm Fab Outlook; a global "
    "capacity share, not self-sufficiency)": Measure(
        WORLD_CAPACITY,
        N_("China's share of world 200mm fab capacity (not self-sufficiency)"),
        WORLD,
    ),
    "Mainland China's share of global 300mm (12-inch) foundry capacity (TrendForce's estimate, as "
    "reported; a global capacity share, not self-sufficiency)": Measure(
        WORLD_CAPACITY,
        N_("China's share of world 300mm foundry capacity (not self-sufficiency)"),
        WORLD,
    ),
    "Chinese foundries' share of the mature-process (28nm and older) capacity of the world's top "
    "10 mature-process foundries (TrendForce's estimate; a share of the world's leading firms' "
    "capacity, not self-sufficiency)": Measure(
        CHINA_HQ_WORLD,
        N_("Chinese foundries' share of top-10 mature capacity (not self-sufficiency)"),
        WORLD,
    ),
    "Revenue of China's local semiconductor companies as a share of China's semiconductor market, "
    "by value (Morgan Stanley's 'self-sufficiency ratio', as summarised; whether output of "
    "foreign-owned fabs in China counts is not stated)": Measure(
        CHINESE_SUPPLIERS, N_("Chinese firms' chip revenue ÷ China chip market")
    ),
    "Domestic AI GPUs as a share of China's AI GPU demand (Morgan Stanley's 'AI GPU "
    "self-sufficiency', as reported; whether by value or by units is not stated)": Measure(
        CHINESE_SUPPLIERS, N_("Chinese AI GPUs ÷ China AI GPU demand")
    ),
    "Share of the semiconductors bought by Chinese OEMs that China's domestic semiconductor "
    "industry supplies (Gartner's prediction, as reported)": Measure(
        CHINESE_SUPPLIERS, N_("Chinese suppliers' share of Chinese OEMs' chip purchases")
    ),
    "Locally produced chips as a share of the chips used by China's domestic automakers (the "
    "Chinese government's goal, as reported by TrendForce)": Measure(
        CHINESE_SUPPLIERS, N_("Local chips' share of Chinese automakers' chips")
    ),
    # Equipment, not chips: two reported ratios whose levels disagree (over 40% for 2023 in one,
    # 25% for 2024 in the other) and neither defined, so two measures, never one line.
    "Domestically developed equipment as a share of the chip-making equipment used in China "
    "(Jiemian News' ratio, as reported; equipment, not chips; numerator and denominator not "
    "stated)": Measure(
        CHINESE_SUPPLIERS, N_("China-made share of chip-making equipment (Jiemian)"), EQUIPMENT
    ),
    "Localisation rate of semiconductor equipment in China (Ddaily, citing industry sources, as "
    "reported; equipment, not chips; numerator and denominator not stated)": Measure(
        CHINESE_SUPPLIERS, N_("China-made share of chip-making equipment (Ddaily)"), EQUIPMENT
    ),
}

# Marked for the catalog: tables and legends show them in the edition's language.
# Producers whose names are words a reader of another language reads translated (the names of
# firms and their reports stay as they are written): with and without their bracketed qualifier,
# as tables and findings show them.
PRODUCERS = (
    N_("Unidentified authors of the article summarised by Invest in Russian Regions"),
    N_("State Council of the PRC (Made in China 2025)"),
    N_("State Council of the PRC (Made in China 2025), as framed by IC Insights"),
    N_("State Council of the PRC"),
    N_("Semiconductor Industry Association (SIA)"),
    N_("Semiconductor Industry Association"),
    N_("TechInsights (as reported)"),
    N_("Chinese government (Made in China 2025 semiconductor goal, as reported)"),
    N_("Chinese government"),
    N_("Chinese government (automotive chip goal, as reported by TrendForce)"),
    N_("Chinese government (equipment goal, as reported by Jiemian News)"),
    N_("Semiconductor Industry Association (with Boston Consulting Group)"),
    N_("Morgan Stanley"),
    N_("Gartner"),
    N_("Jiemian News (as reported)"),
    N_("Jiemian News"),
    N_("Industry sources cited by Ddaily"),
)

# Translated where shown: ``kind_labels``.
KIND_LABELS = {"actual": N_("Actual"), "forecast": N_("Forecast"), "target": N_("Target")}


def kind_labels() -> dict[str, str]:
    """The kinds of figure with their labels in the edition's language."""
    return {code: _(label) for code, label in KIND_LABELS.items()}


# How a value the source gives as a bound reads (the table's ``value_bound``), ``{value}`` the
# share as written ("50%"): translated where shown.
BOUNDS = {"more_than": N_("more than {value}")}


def measure_of(text: str) -> Measure:
    """The series and short name of a measure text; an unknown text is a series of its own.

    The short name is English, as the charts' palette keys its styles by it; a page shows
    ``_(short)`` (the short names are messages of the catalog)."""
    if text in MEASURES:
        return MEASURES[text]
    short = textwrap.shorten(text, width=70, placeholder="…")
    # A share of the world says so in its text ("a global capacity share, not self-sufficiency").
    about = WORLD if "not self-sufficiency" in text else CHIPS
    return Measure(f"other: {text}", short, about)
