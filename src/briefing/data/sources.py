"""Every source an edition cites, from the source columns (or provenance) each table declares."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing.data import package, provenance, tables

COLUMNS = ["source_url", "source_publisher", "source_date", "source_title", "source_kind"]


def cited(day: dt.date) -> pd.DataFrame:
    """One row per distinct source cited by the rows an edition dated ``day`` shows, as their
    main source or as their second source.

    Columns: source_url, source_publisher, source_date, source_title, source_kind (the
    codebook's kind of source), rows (how many rows cite it) and tables (which tables do).
    """
    frames = [_sources_of(table, day) for table in package.tables()]
    every = pd.concat([f for f in frames if len(f)], ignore_index=True)
    return (
        every.groupby(COLUMNS, as_index=False, dropna=False)
        .agg(rows=("table", "size"), tables=("table", lambda t: ", ".join(sorted(set(t)))))
        .sort_values(["source_publisher", "source_date", "source_url"])
        .reset_index(drop=True)
    )


def _sources_of(table: package.Table, day: dt.date) -> pd.DataFrame:
    if table.provenance is not None:
        source = provenance.read(table.provenance).primary_input()
        # A copy taken after the edition is cited undated: an edition names no later date.
        taken = pd.Timestamp(source["date"]) if source.get("date") else pd.NaT
        return pd.DataFrame(
            {
                "source_url": [source.get("url") or ""],
                "source_publisher": [source.get("publisher") or ""],
                "source_date": [taken if taken <= pd.Timestamp(day) else pd.NaT],
                "source_title": [source.get("title") or ""],
                "source_kind": [source.get("kind") or ""],
                "table": [table.name],
            }
        )
    rows = tables.load(table.name, as_of=day)
    # A row's second source, where it cites one, is listed like its main source.
    seconds = table.second_source_columns
    main = _columns(rows, table.source_columns, table.name)
    second = rows[rows[seconds["url"]].notna()] if seconds else rows.iloc[:0]
    if second.empty:
        return main
    return pd.concat([main, _columns(second, seconds, table.name)], ignore_index=True)


def _columns(rows: pd.DataFrame, roles: dict[str, str], name: str) -> pd.DataFrame:
    """The source the columns ``roles`` name (url, publisher, date, title, kind) of each row."""
    return pd.DataFrame(
        {
            "source_url": rows[roles["url"]],
            "source_publisher": rows[roles["publisher"]],
            "source_date": rows[roles["date"]],
            "source_title": rows[roles["title"]].fillna("") if "title" in roles else "",
            "source_kind": rows[roles["kind"]] if "kind" in roles else "",
            "table": name,
        }
    )
