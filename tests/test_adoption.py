"""Chapter 1: jurisdictions counted by the codebook's strength levels, checked by hand and against the CSV."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from support import findings

from briefing import paths
from briefing.chapters import adoption
from briefing.charts import adoption as adoption_charts
from briefing.counting import restrictions
from briefing.counting.restrictions import category_of
from briefing.data import codebook, tables
from briefing.vocabulary import restrictions as vocab

NOTEBOOK = paths.NOTEBOOKS / "adoption.ipynb"


def event(
    id_, jurisdiction, announced, level, *, actor="government", status="in_force", vendors=None
):
    binding = codebook.load().levels.value(level).binding
    return {
        "id": id_,
        "jurisdiction": jurisdiction,
        "announced": pd.Timestamp(announced),
        "level": level,
        "actor": actor,
        "binding": binding,
        "scope": "5g_network",
        "reach": "market",
        "vendors": vendors,
        "status": status,
        "description": f"{jurisdiction} measure {id_}",
        "coding_note": f"Coded so: {id_}",
        "source_url": f"https://example.org/{id_}",
        "source_publisher": "Publisher",
        "source_date": pd.Timestamp(announced),
        "notes": None,
    }


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame(
        [
            # Germany: a declaration naming Huawei, then a ban naming it.
            event("DE-2020-01", "DE", "2020-01-01", "nonbinding", vendors="Huawei"),
            event("DE-2020-02", "DE", "2020-06-01", "vendor_ban", vendors="Huawei;ZTE"),
            # Korea: an operator's own exclusion only.
            event(
                "KR-2020-01",
                "KR",
                "2020-03-01",
                "de_facto_exclusion",
                actor="operator",
                vendors="Huawei",
            ),
            # Brazil: a lifted ban does not count; it declined later.
            event(
                "BR-2020-01", "BR", "2020-02-01", "vendor_ban", status="lifted", vendors="Huawei"
            ),
            event("BR-2020-02", "BR", "2020-04-01", "declined", vendors="Huawei"),
            # Japan: a power to exclude, then a weaker declaration that does not lower it.
            event("JP-2020-01", "JP", "2020-02-15", "power_to_exclude"),
            event("JP-2020-02", "JP", "2020-05-01", "nonbinding"),
        ]
    )


def at(curve: pd.DataFrame, day: str) -> dict[str, int]:
    """The stacked counts in force on ``day``: the last change on or before it."""
    upto = curve[curve["date"] <= pd.Timestamp(day)]
    last = upto[upto["date"] == upto["date"].max()]
    return {r.level: r.jurisdictions for r in last.itertuples() if r.jurisdictions}


# Worked out by hand from the fixture (a lifted row counts nowhere; a weaker later row
# does not move a jurisdiction down):
#   2020-01-01  DE non-binding
#   2020-02-15  + JP power to exclude
#   2020-03-01  + KR de-facto exclusion
#   2020-04-01  + BR declined
#   2020-06-01  DE moves from non-binding to a ban naming the vendor


def test_each_jurisdiction_stands_at_the_strongest_level_it_reached(events):
    curve = adoption.level_curve(events)
    assert at(curve, "2020-01-31") == {"nonbinding": 1}
    assert at(curve, "2020-02-20") == {"nonbinding": 1, "power_to_exclude": 1}
    assert at(curve, "2020-05-31") == {
        "nonbinding": 1,
        "power_to_exclude": 1,
        "de_facto_exclusion": 1,
        "declined": 1,
    }
    assert at(curve, "2020-06-01") == {
        "vendor_ban": 1,
        "power_to_exclude": 1,
        "de_facto_exclusion": 1,
        "declined": 1,
    }
    # Every level at every date, in scale order, so the levels stack.
    assert curve.groupby("date")["level"].apply(list).map(lambda ls: ls == vocab.levels()).all()


def test_strongest_and_first_binding(events):
    best = adoption.strongest(events).set_index("jurisdiction")
    assert best.loc[["DE", "JP", "KR", "BR"], "id"].tolist() == [
        "DE-2020-02",
        "JP-2020-01",
        "KR-2020-01",
        "BR-2020-02",
    ]
    firsts = restrictions.first_binding(events)
    assert firsts[["jurisdiction", "id", "rank"]].values.tolist() == [
        ["JP", "JP-2020-01", 1],
        ["DE", "DE-2020-02", 2],
    ]
    assert adoption.level_counts(events) == {
        "vendor_ban": 1,
        "vendor_neutral_restriction": 0,
        "power_to_exclude": 1,
        "named_conditions": 0,
        "de_facto_exclusion": 1,
        "nonbinding": 0,
        "declined": 1,
    }


def test_findings_name_their_definitions(events):
    named, bound, levels, operators, focus = adoption.findings(events, "DE", dt.date(2020, 12, 31))
    assert (named.key, named.values["jurisdictions"], named.values["first_jurisdiction"]) == (
        "named_bans",
        1,
        "DE",
    )
    # Deliberately changed: the date is said once, in the lead line above the findings.
    assert "ban naming Huawei or ZTE" in named.text and "31 December 2020" not in named.text
    assert "31 December 2020" in adoption.lead(dt.date(2020, 12, 31))
    # Deliberately changed: the headline counted every binding level (a power never used
    # included) out of every jurisdiction (those that declined included). It now counts the
    # restrictions applied across a market out of the jurisdictions that took a measure: DE's
    # ban; JP's power to exclude is counted apart; BR declined.
    assert bound.key == "applied_restrictions"
    assert bound.values["applied_jurisdictions"] == 1 and bound.values["jurisdictions"] == 3
    assert bound.values["unused_power"] == 1 and "DE" not in bound.text
    assert levels.values["levels"]["declined"] == 1
    assert "considered and declined 1" in levels.text
    assert operators.values == {"jurisdictions": 1, "rows": 1, "with_binding": 0}
    assert focus.values == {
        "focus": "DE",
        "level": "vendor_ban",
        "category": "nationwide_ban",
        "rank": 2,
        "date": "2020-06-01",
    }
    assert "strongest measure, a ban naming the vendor," in focus.text


def test_findings_say_so_when_nothing_counts(events):
    lifted = events[events["id"] == "BR-2020-01"]
    named, bound, levels, operators, focus = adoption.findings(lifted, "BR", dt.date(2020, 12, 31))
    assert named.values["jurisdictions"] == 0 and "no jurisdiction" in named.text.lower()
    assert "no measure that counts had been recorded" in levels.text.lower()
    assert bound.values["applied_jurisdictions"] == 0
    assert operators.values["jurisdictions"] == 0
    assert focus.values["level"] is None and "no measure" in focus.text.lower()


def test_the_dating_note_explains_from_the_rows_notes(events):
    note = adoption.dating_note(events, "DE")
    assert "1 January 2020 (DE-2020-01) is coded non-binding declaration or proposal" in note
    assert "Coded so: DE-2020-01." in note
    assert "The first binding measure in the table is DE-2020-02 of 1 June 2020" in note
    assert "The first ban naming the vendor is DE-2020-02" in note
    assert "no binding measure" in adoption.dating_note(events, "KR")
    assert "no rows" in adoption.dating_note(events, "FR")


def test_labels_come_from_the_codebook(events):
    book = json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))
    level_spec = next(f for f in book["fields"] if f["name"] == "level")
    labels = {v["code"]: v["label"] for v in level_spec["values"]}
    statuses = pd.DataFrame(
        {"measure_table": "restrictions", "measure_id": events["id"], "text": "In force"}
    )
    table = adoption.event_table(events, statuses)
    assert set(table["Status"]) == {"In force"}
    assert set(table["Strength"]) == {labels[code] for code in events["level"]}
    # Every row names its source, linked to its address.
    assert set(table["url"]) == {f"https://example.org/{i}" for i in events["id"]}
    assert table["Source"].str.startswith("Publisher (2020-").all()
    assert list(adoption.level_table(events)["Strength"]) == [
        v["label"] for v in level_spec["values"]
    ]
    # Deliberately changed: Figure 1.1 stacks the codebook's categories, not the strength
    # levels, and its title counts nationwide bans out of the jurisdictions that took a measure
    # (it said "1 of 4 ... had a ban naming Huawei or ZTE; 2 had a binding measure").
    categories = book["categories"]["values"]
    fig = adoption_charts.category_chart(
        adoption.category_curve(events),
        adoption.category_counts(events),
        adoption.standing(events),
        "DE",
        events=events,
    )
    names = [t.name for t in fig.data if t.stackgroup == "categories"]
    assert names == [v["short"] for v in categories]
    assert fig.layout.title.text.replace("<br>", " ") == (
        "1 of 3 jurisdictions that took a measure had a nationwide ban naming Huawei or ZTE; "
        "1 had a restriction applied across the market"
    )


def test_operator_exclusions_are_drawn_not_dropped(events):
    fig = adoption_charts.timeline_chart(events, "DE")
    by_name = {t.name: t for t in fig.data}
    de_facto = by_name["De-facto exclusion (not binding)"]
    assert list(de_facto.customdata[:, 0]) == ["KR-2020-01"]
    # Not binding: the level's own symbol, hollow.
    assert (
        de_facto.marker.symbol == adoption_charts.level_style("de_facto_exclusion").symbol + "-open"
    )
    # Lifted rows are drawn too; levels without rows have a legend entry that draws nothing.
    assert sum(x is not None for t in fig.data for x in t.x) == len(events)


def test_the_map_colours_each_country_by_its_category(events):
    # Deliberately changed: the map shows the same categories as Figure 1.1, not the levels.
    fig = adoption_charts.map_chart(adoption.standing(events), events, "DE")
    shown = dict(zip(fig.data[0].locations, fig.data[0].z, strict=True))
    rank = {code: i for i, code in enumerate(vocab.categories())}
    assert shown == {
        "DEU": rank["nationwide_ban"],
        "JPN": rank["unused_power"],
        "KOR": rank["single_network"],
        "BRA": rank["declined"],
    }
    assert "1 of 3 that took a measure" in fig.layout.title.text.replace("<br>", " ")


# The notebook, run for two editions, against an independent computation from the CSV.


def categories_from_csv(rows: pd.DataFrame) -> pd.Series:
    """Each jurisdiction's category, worked out with plain pandas from the columns (not with the
    codebook's rules): nationwide bans, applied neutral rules, unused powers, single networks,
    procurement only, no binding exclusion, declined; the first reached wins."""
    binding = ["vendor_ban", "vendor_neutral_restriction", "power_to_exclude", "named_conditions"]
    procurement = rows["scope"] == "procurement"
    one = rows["reach"] == "named_operators"
    tests = [
        (rows["level"] == "vendor_ban") & ~one & ~procurement,
        (rows["level"] == "vendor_neutral_restriction") & ~procurement,
        (rows["level"] == "power_to_exclude") & ~procurement,
        (rows["level"].isin(["vendor_ban", "named_conditions"]) & one)
        | ((rows["level"] == "de_facto_exclusion") & (rows["actor"] == "operator")),
        rows["level"].isin(binding) & procurement,
        rows["level"].isin(["nonbinding", "de_facto_exclusion", "named_conditions"]),
        rows["level"] == "declined",
    ]
    place = pd.Series(len(tests), index=rows.index)
    for index, test in reversed(list(enumerate(tests))):
        place[test] = index
    return place.groupby(rows["jurisdiction"]).min().map(lambda i: CATEGORY_ORDER[i])


CATEGORY_ORDER = [
    "nationwide_ban",
    "neutral_restriction",
    "unused_power",
    "single_network",
    "procurement_only",
    "no_exclusion",
    "declined",
]


def counted_rows(day: str) -> pd.DataFrame:
    raw = pd.read_csv(paths.CURATED / "restrictions.csv", dtype=str)
    raw["announced"] = pd.to_datetime(raw["announced"])
    rows = raw[raw["announced"] <= pd.Timestamp(day)]
    return rows[~rows["status"].isin(["lifted", "lapsed", "struck_down"])]


def test_the_headline_counts_match_an_independent_count_of_the_table():
    day = "2026-11-01"
    stood = categories_from_csv(counted_rows(day))
    took = stood[stood != "declined"]
    events = tables.load("restrictions", as_of=dt.date(2026, 11, 1))
    (key,) = adoption.key_numbers(events, "JP", dt.date(2026, 11, 1))
    bans = int((took == "nationwide_ban").sum())
    assert (key.number, key.value) == (bans, f"{bans} of {len(took)}")
    assert adoption.category_counts(events) == {
        code: int((stood == code).sum()) for code in CATEGORY_ORDER
    }
    named, applied, *_ = adoption.findings(events, "JP", dt.date(2026, 11, 1))
    assert named.values["took_measure"] == applied.values["jurisdictions"] == len(took)
    assert applied.values["applied_jurisdictions"] == int(
        took.isin(["nationwide_ban", "neutral_restriction"]).sum()
    )
    # What the hostile reading found, row by row: vetoes of one operator's deal, the
    # Commission's own purchases and powers never used are not counted as bans; those that
    # declined are not in the denominator.
    assert set(stood[["NZ", "IT", "DK"]]) == {"single_network"}
    assert stood["EU"] == "procurement_only"
    assert set(stood[["AT", "ES", "FI", "FR", "IE", "IN", "PL"]]) == {"unused_power"}
    assert not {"MY", "PH", "HU", "BR"} & set(took.index)


def test_every_row_falls_in_a_category_and_every_named_ban_says_whom_it_reaches():
    raw = pd.read_csv(paths.CURATED / "restrictions.csv", dtype=str)
    assert raw["reach"].isin(["market", "named_operators"]).all()
    assert category_of(tables.load("restrictions")).notna().all()
    # The single-network vetoes are the rows whose scope_detail names one operator.
    one = raw[(raw["reach"] == "named_operators") & (raw["actor"] != "operator")]
    assert set(one["id"]) == {"NZ-2018-01", "IT-2020-01", "IT-2021-01", "EE-2022-01", "DK-2023-01"}


def expected_from_csv(day: str, focus: str) -> dict:
    book = json.loads((paths.DATA / "codebook.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in book["fields"]}
    order = [v["code"] for v in fields["level"]["values"]]
    binding = {v["code"] for v in fields["level"]["values"] if v["binding"]}
    counted = {v["code"] for v in fields["status"]["values"] if v["counted"]}
    raw = pd.read_csv(paths.CURATED / "restrictions.csv", parse_dates=["announced"], dtype=str)
    raw["announced"] = pd.to_datetime(raw["announced"])
    cut = raw[raw["announced"] <= pd.Timestamp(day)]
    rows = cut[cut["status"].isin(counted)]
    strongest = (
        rows.assign(rank=rows["level"].map(order.index)).groupby("jurisdiction")["rank"].min()
    )
    per_level = {code: int((strongest == i).sum()) for i, code in enumerate(order)}
    firsts = rows[rows["level"].isin(binding)].groupby("jurisdiction")["announced"].min()
    own = rows[rows["actor"] == "operator"]
    mine = rows[rows["jurisdiction"] == focus]
    stood = categories_from_csv(rows)
    took = stood[stood != "declined"]
    return {
        "rows": len(cut),
        # Deliberately changed: nationwide bans only, out of the jurisdictions that took a
        # measure (this counted every ban naming the vendor, out of every jurisdiction).
        "named_bans": int((took == "nationwide_ban").sum()),
        "applied": int(took.isin(["nationwide_ban", "neutral_restriction"]).sum()),
        "jurisdictions": len(took),
        "levels": per_level,
        "operator_jurisdictions": int(own["jurisdiction"].nunique()),
        "operator_rows": len(own),
        "focus_level": order[mine["level"].map(order.index).min()] if len(mine) else None,
        "focus_date": firsts[focus].date().isoformat() if focus in firsts.index else None,
        "focus_rank": int((firsts < firsts[focus]).sum()) + 1 if focus in firsts.index else None,
    }


# Two editions of the session's archive (tests/conftest.py): the notebook as those builds ran it.
EDITIONS = [("2020-06-30", "NL"), ("2026-11-01", "JP")]


@pytest.fixture(scope="module")
def executed(archive):
    return archive.chapter("adoption")


def cell_labels(notebook) -> set[str]:
    labels = set()
    for cell in notebook.cells:
        first = cell.source.splitlines()[0] if cell.source else ""
        if first.startswith("#| label:") and cell.get("outputs"):
            labels.add(first.split(":", 1)[1].strip())
    return labels


def cell_text(notebook, label: str) -> str:
    for cell in notebook.cells:
        if cell.source.startswith(f"#| label: {label}\n") or cell.source == f"#| label: {label}":
            return "".join(o.get("data", {}).get("text/markdown", "") for o in cell.outputs)
    raise KeyError(label)


@pytest.mark.e2e
@pytest.mark.parametrize(("day", "focus"), EDITIONS)
def test_notebook_findings_match_the_csv(executed, day, focus):
    notebook, downloads = executed[(day, focus)]
    found = {f["key"]: f["values"] for f in findings.from_notebook(notebook)}
    expected = expected_from_csv(day, focus)
    assert found["named_bans"]["jurisdictions"] == expected["named_bans"]
    applied = found["applied_restrictions"]
    assert applied["applied_jurisdictions"] == expected["applied"]
    assert applied["jurisdictions"] == expected["jurisdictions"]
    assert found["by_level"]["levels"] == expected["levels"]
    assert (
        found["operator_exclusions"]["jurisdictions"],
        found["operator_exclusions"]["rows"],
    ) == (
        expected["operator_jurisdictions"],
        expected["operator_rows"],
    )
    assert found["focus_rank"]["level"] == expected["focus_level"]
    assert found["focus_rank"]["date"] == expected["focus_date"]
    assert found["focus_rank"]["rank"] == expected["focus_rank"]
    assert len(pd.read_csv(downloads / "adoption_events.csv")) == expected["rows"]
    assert len(pd.read_csv(downloads / "adoption_strongest.csv")) == sum(
        expected["levels"].values()
    )
    assert {
        "findings",
        "fig-adoption-curve",
        "tbl-adoption-levels",
        "fig-adoption-timeline",
        "fig-adoption-map",
        "adoption-uk-dating",
        "tbl-adoption-uk",
        "tbl-adoption-events",
    } <= cell_labels(notebook)


@pytest.mark.e2e
def test_the_page_explains_the_uk_dating_from_the_rows(executed):
    late = cell_text(executed[("2026-11-01", "JP")][0], "adoption-uk-dating")
    assert "14 July 2020 (GB-2020-02) is coded non-binding" in late
    assert "GB-2021-01 of 17 November 2021" in late
    assert "GB-2022-01 of 13 October 2022" in late
    early = cell_text(executed[("2020-06-30", "NL")][0], "adoption-uk-dating")
    assert "There is no binding measure in this edition." in early
