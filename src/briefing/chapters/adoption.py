"""Adoption of Huawei/ZTE restrictions by jurisdiction: the figures chapter 1 reports.

Every count is by the codebook's strength levels (data/codebook.json). A jurisdiction is
counted once, at the strongest level it has reached among its rows whose status counts,
dated by the first row at that level; the first four levels are binding. Operators' own
exclusions are a level of their own (de-facto exclusion), and countries that considered
and declined a ban are the last level, so that absence is not read as a gap.

The headline numbers count by the codebook's categories (``categories``), derived from
level, actor, scope and reach: a nationwide ban naming the vendor is told apart from a veto
of one operator's deal and from a rule on the government's own purchases, and a power to
exclude that has not been used from a restriction applied. Their denominator is the
jurisdictions that took a measure (those that only declined are left out).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import countries, prose, translation

# The chapter's tables, kept beside it and offered here as part of the chapter.
from briefing.chapters._adoption_tables import (  # noqa: F401
    dating_note,
    event_table,
    jurisdiction_rows,
)
from briefing.chapters.findings import Finding, KeyNumber
from briefing.counting.restrictions import (
    category_of,
    counted,
    first_at,
    first_binding,
    standing,
    took_measure,
)
from briefing.data import codebook
from briefing.translation import N_, _, ngettext
from briefing.vocabulary.restrictions import (
    NAMED_BAN,
    NATIONWIDE_BAN,
    NEUTRAL_RESTRICTION,
    OPERATOR,
    UNUSED_POWER,
    categories,
    category_labels,
    level_labels,
    levels,
    shown,
)

# The categories that keep the vendor out across a market: the headline's "applied".
APPLIED = [NATIONWIDE_BAN, NEUTRAL_RESTRICTION]


def strongest(events: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction: the strongest level it reached, and the first row at that level.

    Columns: jurisdiction, level, announced, id, name; strongest levels first, then by date.
    """
    rank = codebook.load().rank()
    rows = counted(events).assign(strength=lambda f: f["level"].map(rank))
    columns = ["jurisdiction", "level", "announced", "id", "name"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    best = (
        rows.sort_values(["strength", "announced", "id"])
        .groupby("jurisdiction", as_index=False)
        .first()
    )
    best["name"] = best["jurisdiction"].map(countries.name)
    return best.sort_values(["strength", "announced", "jurisdiction"]).reset_index(drop=True)[
        columns
    ]


def level_curve(events: pd.DataFrame) -> pd.DataFrame:
    """How many jurisdictions stood at each level, by date: each counted at its strongest so far.

    Columns: date, level, jurisdictions; every level appears at every date (0 where none), in
    scale order, so the levels stack. A jurisdiction moves up when it reaches a stronger level.
    """
    rows = counted(events)
    return _curve(rows, rows["level"], levels(), "level")


def category_curve(events: pd.DataFrame) -> pd.DataFrame:
    """As ``level_curve``, by the codebook's categories: columns date, category, jurisdictions."""
    rows = counted(events)
    marks = category_of(rows) if len(rows) else rows["level"]
    return _curve(rows, marks, categories(), "category")


def _curve(rows: pd.DataFrame, marks: pd.Series, order: list[str], name: str) -> pd.DataFrame:
    """Jurisdictions by the strongest of ``order`` their rows' ``marks`` had reached, by date."""
    rank = {code: index for index, code in enumerate(order)}
    if rows.empty:
        return pd.DataFrame(columns=["date", name, "jurisdictions"])
    rows = rows.assign(strength=marks.map(rank)).sort_values(["announced", "id"])
    best = rows.groupby("jurisdiction")["strength"].cummin()
    before = best.groupby(rows["jurisdiction"]).shift()
    moved = rows[before.isna() | (best < before)]
    gains = pd.DataFrame({"date": moved["announced"], "strength": best[moved.index], "change": 1})
    left = before[moved.index].dropna()
    losses = pd.DataFrame(
        {"date": rows.loc[left.index, "announced"], "strength": left.astype(int), "change": -1}
    )
    changes = pd.concat([gains, losses], ignore_index=True)
    wide = (
        changes.pivot_table(
            index="date", columns="strength", values="change", aggfunc="sum", fill_value=0
        )
        .reindex(columns=range(len(order)), fill_value=0)
        .sort_index()
        .cumsum()
    )
    wide.columns = order
    long = wide.reset_index().melt(id_vars="date", var_name=name, value_name="jurisdictions")
    long["jurisdictions"] = long["jurisdictions"].astype(int)
    long["strength"] = long[name].map(rank)
    return long.sort_values(["date", "strength"]).drop(columns="strength").reset_index(drop=True)


def level_counts(events: pd.DataFrame) -> dict[str, int]:
    """Jurisdictions by the strongest level they reached, every level named (0 where none)."""
    reached = strongest(events)["level"].value_counts()
    return {code: int(reached.get(code, 0)) for code in levels()}


def category_counts(events: pd.DataFrame) -> dict[str, int]:
    """Jurisdictions by the first category their rows reach, every category named (0 where none)."""
    reached = standing(events)["category"].value_counts()
    return {code: int(reached.get(code, 0)) for code in categories()}


def level_table(events: pd.DataFrame) -> pd.DataFrame:
    """The strength scale as readers see it: each level, its definition and how many it counts."""
    reached = level_counts(events)
    rows = counted(events)["level"].value_counts()
    return pd.DataFrame(
        [
            {
                N_("Strength"): value.label,
                N_("Binding"): _("yes") if value.binding else _("no"),
                N_("Jurisdictions at this level"): reached[value.code],
                N_("Rows"): int(rows.get(value.code, 0)),
                N_("Definition"): value.definition,
            }
            for value in shown(translation.current()).levels.values
        ]
    )


def lead(day: dt.date) -> str:
    """The line above the chapter's findings: the date all of them hold for."""
    return _("**Bans on Huawei and ZTE**, as of {day}:").format(day=prose.on(day))


def findings(events: pd.DataFrame, focus: str, day: dt.date) -> list[Finding]:
    """The chapter's findings, computed from the events already cut at ``day`` (the date is
    said once, in ``lead``)."""
    return [
        _named_bans(events),
        _applied_finding(events),
        _by_level(events),
        _operator_finding(events),
        _focus_finding(events, focus),
    ]


def key_numbers(events: pd.DataFrame, focus: str, day: dt.date) -> list[KeyNumber]:
    """The chapter's number for the top of the summary: nationwide bans naming the vendor, out
    of the jurisdictions that took a measure."""
    took = took_measure(standing(events))
    bans = int((took["category"] == NATIONWIDE_BAN).sum())
    return [
        KeyNumber(
            "nationwide_bans",
            prose.of(bans, len(took)),
            _(
                "jurisdictions that took a measure on Huawei or ZTE had a nationwide ban naming "
                "them (bans for one operator's network or for government purchases only not "
                "counted)"
            ),
            prose.on(day),
            CURVE,
            bans,
        )
    ]


# The chart behind the counts, and behind each jurisdiction's own measures.
CURVE = "fig-adoption-curve"
TIMELINE = "fig-adoption-timeline"


def _named_bans(events: pd.DataFrame) -> Finding:
    took = took_measure(standing(events))
    bans = took[took["category"] == NATIONWIDE_BAN]
    named = first_at(events, [NAMED_BAN])
    narrower = named[~named["jurisdiction"].isin(bans["jurisdiction"])]
    if bans.empty:
        text = _("No jurisdiction had a nationwide ban naming Huawei or ZTE.")
    else:
        first = bans.iloc[0]
        text = _(
            "{bans} of the {took} jurisdictions that took a measure had a nationwide ban naming "
            "Huawei or ZTE; the first was {first}, on {day}."
        ).format(
            bans=prose.figure(len(bans)),
            took=prose.figure(len(took)),
            first=prose.the(countries.shown(first["jurisdiction"])),
            day=prose.on(first["announced"]),
        )
    if len(narrower):
        more = _("{n} more named them only for one operator or in procurement.")
        text = prose.sentences(text, more.format(n=prose.figure(len(narrower))))
    values = {
        "category": NATIONWIDE_BAN,
        "jurisdictions": len(bans),
        "took_measure": len(took),
        "narrower_named_bans": len(narrower),
        **_first_values(bans),
    }
    return Finding("named_bans", text, values, CURVE)


def _applied_finding(events: pd.DataFrame) -> Finding:
    took = took_measure(standing(events))
    applied = took[took["category"].isin(APPLIED)]
    unused = int((took["category"] == UNUSED_POWER).sum())
    text = (
        _("No jurisdiction had a restriction on Huawei or ZTE applied across its market.")
        if took.empty
        else _(
            "{applied} of the {took} had a restriction applied across the market (a nationwide "
            "named ban or an applied vendor-neutral rule); {unused} more had only a power to "
            "exclude, not yet used."
        ).format(
            applied=prose.figure(len(applied)),
            took=prose.figure(len(took)),
            unused=prose.figure(unused),
        )
    )
    values = {
        "categories": APPLIED,
        "applied_jurisdictions": len(applied),
        "unused_power": unused,
        "jurisdictions": len(took),
    }
    return Finding("applied_restrictions", text, values, CURVE)


def _first_values(rows: pd.DataFrame) -> dict:
    """The earliest row's jurisdiction and date, as the findings report them (None when empty)."""
    if rows.empty:
        return {"first_jurisdiction": None, "first_date": None}
    first = rows.iloc[0]
    return {
        "first_jurisdiction": first["jurisdiction"],
        "first_date": first["announced"].date().isoformat(),
    }


def _category(code: str) -> str:
    """A category's label as a sentence names it: without its parenthesis."""
    label = category_labels(translation.current())[code].split(" (")[0].split("（")[0]
    return prose.in_sentence(label)


def _by_level(events: pd.DataFrame) -> Finding:
    reached = category_counts(events)
    parts = [
        _("{label} {count}").format(label=_category(code), count=prose.figure(reached[code]))
        for code in categories()
    ]
    text = (
        _("Jurisdictions by where their measures stood: {counts}.").format(
            counts=prose.series(parts)
        )
        if sum(reached.values())
        else _("No measure that counts had been recorded.")
    )
    return Finding("by_level", text, {"categories": reached, "levels": level_counts(events)}, CURVE)


def _operator_finding(events: pd.DataFrame) -> Finding:
    rows = counted(events)
    own = rows[rows["actor"] == OPERATOR]
    places = sorted(set(own["jurisdiction"]))
    with_binding = sorted(set(places) & set(first_binding(events)["jurisdiction"]))
    values = {"jurisdictions": len(places), "rows": len(own), "with_binding": len(with_binding)}
    if not places:
        return Finding(
            "operator_exclusions",
            _("No operator had been recorded dropping Huawei or ZTE of its own accord."),
            values,
            TIMELINE,
        )
    text = _(
        "Operators dropped Huawei or ZTE without a government order in {jurisdictions} "
        "({measures}); {with_binding} of them also had a binding government measure."
    ).format(
        jurisdictions=_jurisdictions(len(places)),
        measures=_measures(len(own)),
        with_binding=prose.figure(len(with_binding)),
    )
    return Finding("operator_exclusions", text, values, TIMELINE)


def _jurisdictions(n: int) -> str:
    return ngettext("{n} jurisdiction", "{n} jurisdictions", n).format(n=prose.figure(n))


def _measures(n: int) -> str:
    return ngettext("{n} measure", "{n} measures", n).format(n=prose.figure(n))


def _focus_finding(events: pd.DataFrame, focus: str) -> Finding:
    name = countries.shown(focus)
    best = strongest(events)
    mine = best[best["jurisdiction"] == focus]
    firsts = first_binding(events)
    own = firsts[firsts["jurisdiction"] == focus]
    values = {"focus": focus, "level": None, "rank": None, "date": None}
    if mine.empty:
        text = _("No measure on Huawei or ZTE had been recorded in {name}.").format(name=name)
        return Finding("focus_rank", text, values, TIMELINE)
    top = mine.iloc[0]
    values["level"] = top["level"]
    stands = standing(events).set_index("jurisdiction").loc[focus, "category"]
    values["category"] = stands
    said = {
        "name": name,
        "category": _category(stands),
        "level": prose.indefinite(
            prose.in_sentence(level_labels(translation.current())[top["level"]])
        ),
        "day": prose.on(top["announced"]),
    }
    if own.empty:
        text = _(
            "{name} counts as {category}. Its strongest measure, {level}, was announced on "
            "{day}; it had no binding measure."
        )
        return Finding("focus_rank", text.format(**said), values, TIMELINE)
    row = own.iloc[0]
    values |= {"rank": int(row["rank"]), "date": row["announced"].date().isoformat()}
    said |= {"ordinal": prose.ordinal(int(row["rank"])), "total": prose.figure(len(firsts))}
    if row["id"] == top["id"]:
        text = _(
            "{name} counts as {category}. Its strongest measure, {level}, was announced on "
            "{day}. It was also its first binding measure, the {ordinal} of {total} "
            "jurisdictions to take one."
        )
    else:
        said |= {
            "first_level": prose.in_sentence(level_labels(translation.current())[row["level"]]),
            "first_day": prose.on(row["announced"]),
        }
        text = _(
            "{name} counts as {category}. Its strongest measure, {level}, was announced on "
            "{day}. Its first binding measure, {first_level}, came on {first_day}, the "
            "{ordinal} of {total} jurisdictions to take one."
        )
    return Finding("focus_rank", text.format(**said), values, TIMELINE)


# The chapter's downloads, each with the words of its link.
DOWNLOADS = {
    "adoption_events": N_("All measures with their sources"),
    "adoption_strongest": N_("Each jurisdiction's strongest level and the row that set it"),
    "adoption_categories": N_("Each jurisdiction's category and the row that set it"),
}


def download_labels() -> dict[str, str]:
    """Each download's name and the words of its link, in the edition's language."""
    return {name: _(label) for name, label in DOWNLOADS.items()}
