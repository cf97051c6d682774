"""The Entity List chapter's tables as readers see them, and its downloads: the rules table,
the largest rules found from the snapshot, and every entry under China by name
(``briefing.chapters.entity_list`` uses them; nothing else imports this module). How the
snapshot was checked against the rules is the methods appendix's (``briefing.chapters.methods``)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from briefing import translation
from briefing.chapters._entity_list_rules import largest_rules, snapshot_source, with_stated
from briefing.data import tables
from briefing.translation import N_, _

TOP_RULES_TABLE = 20  # rows in the table of the largest rules (the download has them all)


def _count(value) -> str:
    return _("not stated") if value is None or pd.isna(value) else str(int(value))


# A row's confidence, as the codebook codes it and as the edition's reader reads it.
CONFIDENCE_WORDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def _confidence(value) -> str:
    return _(CONFIDENCE_WORDS[value]) if value in CONFIDENCE_WORDS else value


# The column names the tables below give (the notebook names them too; the display layer shows
# them in the edition's language).
PUBLISHED = N_("Published")
FR_CITATION = N_("FR citation")
DOCUMENT = N_("Document")
ENTRIES_ADDED = N_("Entries added")
UNDER_CHINA = N_("Under China")
HONG_KONG = N_("Hong Kong")
CONFIDENCE = N_("Confidence")
SOURCE = N_("Source")
NOTES = N_("Notes")
STILL_LISTED = N_("Still listed")
STATED_BY_RULE = N_("Stated by rule")
CHINA_STATED = N_("China stated")
NAME = N_("Name")
CITY = N_("City")
LISTED_BY_RULE = N_("Listed, by rule")
# The by-year download's columns as the data tables under the charts name them.
BY_YEAR_COLUMNS = {
    "year": N_("Year first listed"),
    "destination": N_("Destination"),
    "hong_kong": N_("Hong Kong address"),
    "entries": N_("Entries"),
}
# The downloads' link texts.
DOWNLOAD_LABELS = {
    "entity_list_by_year": N_("Entries by year first listed and destination"),
    "entity_list_rules_from_snapshot": N_("Every rule since 2018 with entries still listed"),
    "entity_list_rules": N_("The rules table with its sources"),
    "entity_list_china_entries": N_("Every entry under China, by name"),
}


# A URL is ASCII: it ends where a Japanese text, which puts no space after it, goes on.
_URL = re.compile(r"https?://(?:www\.)?([!-(*-.0-~]+)(?:/[!-(*-~]*[!-(*+\-/-9<-~])?/?")


def _short_urls(text: str) -> str:
    # Full URLs cannot wrap and push the table off the page; the host names the source, and the
    # full address is in the download and the Sources appendix.
    return _URL.sub(r"\1", text)


def _shown_notes(rules: pd.DataFrame) -> pd.Series:
    """The rules' notes in the edition's language. The chapter loads the rules in English, as
    ``names_focus`` matches the focus's English names in them; the table shows the translation."""
    lang = translation.current()
    if lang == translation.SOURCE:
        return rules["notes"]
    translated = tables.load("entity_list_rules", lang=lang).set_index("document_number")
    return rules["document_number"].map(translated["notes"])


def rules_table(rules: pd.DataFrame) -> pd.DataFrame:
    """The rules as readers see them: newest first, counts as stated, with source and confidence
    (``url`` is the hidden link target of the Source column)."""
    table = rules.sort_values(["publication_date", "fr_citation"], ascending=[False, True])
    return pd.DataFrame(
        {
            PUBLISHED: table["publication_date"].dt.strftime("%Y-%m-%d"),
            FR_CITATION: table["fr_citation"],
            DOCUMENT: table["document_number"],
            ENTRIES_ADDED: table["entries_added"].map(_count),
            UNDER_CHINA: table["entries_added_china"].map(_count),
            HONG_KONG: table["entries_added_hong_kong"].map(_count),
            CONFIDENCE: table["confidence"].map(_confidence),
            SOURCE: table["source_publisher"]
            + " ("
            + table["source_date"].dt.strftime("%Y-%m-%d")
            + ")",
            NOTES: _shown_notes(table).fillna("").map(_short_urls),
            "url": table["source_url"],
        }
    ).reset_index(drop=True)


def largest_rules_table(
    snapshot_rules: pd.DataFrame,
    rules: pd.DataFrame,
    n: int = TOP_RULES_TABLE,
    snapshot: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """The rules with the most entries still listed, largest first, with the counts stated beside.

    The Source of a rule in the rules table is that row's source; of another, the snapshot
    (``snapshot``: its publisher and address, by default from its provenance). ``url`` is the
    hidden link target of the Source column.
    """
    top = largest_rules(with_stated(snapshot_rules, rules), n, "entries")
    matched = top["matched"] == "yes"
    snapshot_publisher, snapshot_url = snapshot or snapshot_source()
    return pd.DataFrame(
        {
            PUBLISHED: top["publication_date"].dt.strftime("%Y-%m-%d"),
            FR_CITATION: top["fr_citation"],
            DOCUMENT: top["document_number"].fillna(""),
            STILL_LISTED: top["entries"].astype(int),
            UNDER_CHINA: top["entries_china"].astype(int),
            HONG_KONG: top["entries_hong_kong"].astype(int),
            STATED_BY_RULE: top["entries_added"].map(_count).where(matched, ""),
            CHINA_STATED: top["entries_added_china"].map(_count).where(matched, ""),
            SOURCE: top["source_publisher"].where(
                matched,
                _("Entity List snapshot: {publisher}").format(publisher=snapshot_publisher),
            ),
            "url": top["source_url"].where(matched, snapshot_url),
        }
    ).reset_index(drop=True)


def by_year_download(by_year: pd.DataFrame) -> pd.DataFrame:
    """The cut by-year table in the committed file's layout (hong_kong as yes/no)."""
    out = by_year.copy()
    out["hong_kong"] = out["hong_kong"].map({True: "yes", False: "no"})
    return out


def _new_since(named: pd.DataFrame, previous: dt.date | None) -> pd.Series:
    """Entries first listed after the previous edition: by a printed date only (an undated
    citation's end-of-year date says nothing about the day). None: a first edition, no flags."""
    if previous is None:
        return pd.Series(False, index=named.index)
    printed = named["date_printed"] == "yes"
    return printed & (named["listed_on"] > pd.Timestamp(previous))


def entries_table(
    named: pd.DataFrame, rules: pd.DataFrame, previous: dt.date | None
) -> pd.DataFrame:
    """Every entry under China (already cut at the edition), newest first, as a reader looks one
    up: name, city, and when and by which rule it was listed, marked "new" when first listed
    after the previous edition (``url``: the hidden link to the rule's source, where the rules
    table has it). Three columns, so that the table fits a phone's width."""
    sources = rules.drop_duplicates("document_number").set_index("document_number")["source_url"]
    table = named.assign(new=_new_since(named, previous)).sort_values(
        ["listed_on", "name"], ascending=[False, True], na_position="last", kind="stable"
    )
    day = table["listed_on"].dt.strftime("%Y-%m-%d").where(table["date_printed"] == "yes")
    undated = _("{year} (no date printed)")
    year = table["listed_on"].dt.strftime("%Y")
    day = day.fillna(year.map(lambda y: undated.format(year=y), na_action="ignore")).fillna("")
    # The citation's spaces do not break: a narrow cell wraps between the date and the rule.
    rule = table["rule_citation"].fillna(table["fr_citation"]).fillna(_("no citation"))
    new = " " + _("new")
    listed = day + " " + rule.str.replace(" ", "\u00a0") + table["new"].map({True: new, False: ""})
    return pd.DataFrame(
        {
            NAME: table["name"],
            CITY: table["city"].fillna(""),
            LISTED_BY_RULE: listed.str.strip(),
            "url": table["document_number"].map(sources),
        }
    ).reset_index(drop=True)


def entries_download(named: pd.DataFrame, previous: dt.date | None) -> pd.DataFrame:
    """The cut table of entries under China in the committed file's layout, with the flag of
    entries new since the previous edition (empty in a first edition)."""
    out = named.copy()
    out["hong_kong"] = out["hong_kong"].map({True: "yes", False: "no"})
    new = _new_since(named, previous).map({True: "yes", False: "no"})
    out["new_since_previous_edition"] = new if previous is not None else ""
    return out
