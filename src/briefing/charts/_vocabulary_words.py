"""The vocabularies' own words that the charts show, marked for the catalog.

``briefing.vocabulary`` declares the milestones' kinds, the self-sufficiency measures' short
names and the kinds of figure in plain English, and the palette keys its styles by them; the
charts show them through ``palette.shown``, which finds their translations by these marks.
tests/test_chart_language.py checks that every word the vocabularies declare is marked here.
"""

from __future__ import annotations

from briefing.translation import N_

MILESTONE_KINDS = (
    N_("Telecom vendor restriction"),
    N_("Entity listing / denial order"),
    N_("Chip export controls"),
    N_("Export control law"),
    N_("Investment screening"),
    N_("Economic security law"),
    N_("Chinese countermeasure"),
)
FIGURE_KINDS = (N_("Actual"), N_("Forecast"), N_("Target"))
MEASURES = (
    N_("China-based IC output ÷ China IC market"),
    N_("MIC 2025 goal, as IC Insights reads it"),
    N_("China-HQ firms' IC output ÷ China IC market"),
    N_("China-HQ firms' share of world chip sales (not self-sufficiency)"),
    N_("Chinese chip output ÷ China chip market (method unknown)"),
    N_("Chinese chip output ÷ China chip demand (as reported)"),
    N_("MIC 2025 'self-sufficiency rate' (measure undefined)"),
    N_("China's share of world 300mm fab capacity (not self-sufficiency)"),
    N_("Chips made in China ÷ chips consumed in China (as reported)"),
    N_("China's share of world foundry capacity (not self-sufficiency)"),
    N_("China's share of world 28nm-and-older capacity (not self-sufficiency)"),
    N_("China's share of world fab capacity (not self-sufficiency)"),
    N_("China's share of world IC wafer capacity (not self-sufficiency)"),
    N_("China's share of world 200mm fab capacity (not self-sufficiency)"),
    N_("China's share of world 300mm foundry capacity (not self-sufficiency)"),
    N_("Chinese foundries' share of top-10 mature capacity (not self-sufficiency)"),
    N_("Chinese firms' chip revenue ÷ China chip market"),
    N_("Chinese AI GPUs ÷ China AI GPU demand"),
    N_("Chinese suppliers' share of Chinese OEMs' chip purchases"),
    N_("Local chips' share of Chinese automakers' chips"),
    N_("China-made share of chip-making equipment (Jiemian)"),
    N_("China-made share of chip-making equipment (Ddaily)"),
)
WORDS = frozenset(MILESTONE_KINDS + FIGURE_KINDS + MEASURES)
