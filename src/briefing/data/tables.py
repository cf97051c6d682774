"""Load the project's tables, validated against their Table Schemas on every load.

The schemas are declared once, in ``data/datapackage.json`` and ``data/schemas/``;
nothing reaches a notebook without passing them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from briefing import paths, translation
from briefing.data import codebook, csv_file, package, reads, validated
from briefing.errors import DataError, LocalTableMissing


def available(name: str, datapackage: Path = paths.DATAPACKAGE) -> bool:
    """Whether table ``name`` can be loaded here: committed, or local and made on this machine."""
    return package.table(name, datapackage).present


def load(
    name: str,
    *,
    as_of: dt.date | None = None,
    path: Path | None = None,
    datapackage: Path = paths.DATAPACKAGE,
    lang: str | None = None,
) -> pd.DataFrame:
    """Validate table ``name`` (or another file with its schema) and return it as a DataFrame.

    With ``as_of``, the table is cut as its declaration says (see ``cut``). A table with a
    codebook is also checked against its level rules. Raises DataError naming the file, row,
    field, value and rule at the first problem. The frame is in the language of the data
    (English), or with ``lang`` in that language (see ``in_language``).
    """
    declared = package.table(name, datapackage)
    schema = declared.schema()
    csv_path = Path(path) if path is not None else declared.path
    if path is None and not declared.present:
        raise LocalTableMissing(csv_path, f"table {name!r} is not made here: {declared.local}")
    files = [datapackage, csv_path, *declared.rule_files]
    reads.record_table(datapackage, name)
    reads.record(csv_path, *declared.rule_files)
    # The build validated these very bytes before running the notebooks: no need twice.
    on_record = path is None and validated.is_validated(name, files)
    key = None if on_record else validated.passed_key(name, files)
    check = not on_record and not validated.passed_here(key)
    if check:
        csv_file.validate(csv_path, schema)
    frame = csv_file.read_typed(csv_path, schema)
    if check and declared.codebook is not None:
        # A table with a section of its own (China's measures) follows it; the others (the
        # milestones, the rules) the top level, whose kinds of source every table shares.
        section = name if name in codebook.tables(declared.codebook) else None
        codebook.enforce(frame, codebook.load(declared.codebook, table=section), csv_path)
    if not on_record and declared.measures is not None:
        # Checked at every load: it reads other tables, whose bytes are not in this digest.
        _check_measures(frame, declared.measures, csv_path, datapackage)
    if check and declared.second_source_columns:
        _check_second_sources(frame, declared, csv_path)
    if check and declared.translations:
        _check_translations(frame, declared, csv_path)
    if check:
        validated.remember_passed(key)
    if as_of is not None:
        frame = cut(frame, name, as_of, datapackage=datapackage)
    return in_language(frame, declared, lang)


def in_language(frame: pd.DataFrame, declared: package.Table, lang: str | None) -> pd.DataFrame:
    """``frame`` as an edition in ``lang`` reads it: each column translated into that language
    holds its translation, and the translations' own columns are dropped, so that what reads
    the English columns reads the other language unchanged. None or "en": the English, as
    written. A table with no text to translate (no translations declared) reads the same in any."""
    if lang == translation.SOURCE:
        lang = None
    if lang is not None and declared.translations and lang not in declared.translations:
        raise DataError(declared.path, f"no {lang!r} translation is declared for {declared.name}")
    if not declared.translations:
        return frame  # nothing to swap or drop: no copy on every load of such a table
    frame = frame.copy()
    for original, translated in declared.translations.get(lang, {}).items():
        frame[original] = frame[translated]
    dropped = [col for columns in declared.translations.values() for col in columns.values()]
    return frame.drop(columns=dropped)


def _check_second_sources(frame: pd.DataFrame, declared: package.Table, csv_path: Path) -> None:
    """A row citing a second source gives its URL, publisher, date and kind (its title where
    known), and it is not the main source again; a row citing none leaves them all empty."""
    roles = declared.second_source_columns
    needed = [roles[role] for role in ("url", "publisher", "date", "kind")]
    given = frame[list(roles.values())].notna()
    for index in given.index[given.any(axis=1)]:
        row = index + 2  # the header is row 1
        for column in needed:
            if not given.at[index, column]:
                raise DataError(
                    csv_path,
                    f"a second source without its {column.removeprefix('second_source_')}",
                    row=row,
                    field=column,
                    rule=f"a row citing a second source fills {', '.join(needed)}",
                )
        url = frame.at[index, roles["url"]]
        if url == frame.at[index, declared.source_columns["url"]]:
            raise DataError(
                csv_path,
                "the second source is the main source again",
                row=row,
                field=roles["url"],
                value=url,
                rule="a second source differs from the main one",
            )


def _check_translations(frame: pd.DataFrame, declared: package.Table, csv_path: Path) -> None:
    """A row whose text a reader sees in English has it in every declared language too."""
    for lang, columns in declared.translations.items():
        for original, translated in columns.items():
            missing = _filled(frame[original]) & ~_filled(frame[translated])
            if missing.any():
                index = missing.idxmax()
                raise DataError(
                    csv_path,
                    f"{original} has no {lang} translation",
                    row=index + 2,  # the header is row 1
                    field=translated,
                    rule=f"a row filling {original} fills {translated}",
                )


def _filled(column: pd.Series) -> pd.Series:
    return column.notna() & column.astype("string").str.strip().ne("").fillna(False)


def _check_measures(
    frame: pd.DataFrame, columns: tuple[str, str], csv_path: Path, datapackage: Path
) -> None:
    """Every row names a measure that exists: a declared table, and a row of it with that key."""
    table_column, id_column = columns
    keys: dict[str, set[str]] = {}
    rows = zip(frame[table_column], frame[id_column])
    for row, (name, key) in enumerate(rows, start=2):  # the header is row 1
        if name not in keys:
            keys[name] = _keys(name, csv_path, row, table_column, datapackage)
        if key not in keys[name]:
            raise DataError(
                csv_path,
                f"no measure {key!r} in table {name!r}",
                row=row,
                field=id_column,
                value=key,
                rule=f"the key of a row of {name}",
            )


def _keys(name: str, csv_path: Path, row: int, field: str, datapackage: Path) -> set[str]:
    """The keys of table ``name`` (its schema's one-column primary key), as a measure names them."""
    if name not in package.names(datapackage):
        raise DataError(
            csv_path,
            f"no table named {name!r}",
            row=row,
            field=field,
            value=name,
            rule="a declared table",
        )
    key = package.table(name, datapackage).schema().get("primaryKey", [])
    if len(key) != 1:
        raise DataError(
            csv_path,
            f"table {name!r} has no one-column primary key to name its measures by",
            row=row,
            field=field,
            value=name,
        )
    return set(load(name, datapackage=datapackage)[key[0]].astype(str))


def cut(
    frame: pd.DataFrame, name: str, day: dt.date, *, datapackage: Path = paths.DATAPACKAGE
) -> pd.DataFrame:
    """The rows of table ``name`` an edition dated ``day`` shows: the table as it read then.

    Rows dated on or before ``day`` are kept; a table dated by year keeps only the years that
    had ended by ``day`` (a year under way would mix entries from before and after it). Of
    those, only what was published by ``day`` (see ``known_by``).
    """
    declared = package.table(name, datapackage)
    column = frame[declared.date_column]
    if declared.period == "year":
        keep = column <= last_complete_year(day)
    else:
        keep = column <= pd.Timestamp(day)
    kept = frame[keep.fillna(False).astype(bool)]
    return known_by(kept, declared, pd.Timestamp(day)).reset_index(drop=True)


def known_by(frame: pd.DataFrame, declared: package.Table, day: pd.Timestamp) -> pd.DataFrame:
    """What of ``frame`` an edition dated ``day`` could cite: never a source published after it.

    A row whose every source is later is left out. Where only its main source is later, its
    second source stands as its source (the two swap places); a later second source is left
    empty. The columns a table declares known from a later date (a link and its source) are
    left empty too.
    """
    main = declared.source_columns.get("date")
    # A derived table's rows are dated by what they count; a frame of a few of a table's
    # columns (a chapter's own selection of them) has no sources to judge by.
    if main is None or main not in frame:
        return frame
    later = frame[main] > day
    second = declared.second_source_columns
    if second:
        earlier = later & (frame[second["date"]] <= day)
        if earlier.any():
            frame = _second_first(frame, earlier, declared)
            later &= ~earlier
    frame = frame[~later]
    known_from = dict(declared.known_from)
    if second:
        known_from[second["date"]] = tuple(second.values())
    for date_column, columns in known_from.items():
        unknown = frame[date_column] > day
        if unknown.any():
            frame = frame.copy()
            frame.loc[unknown, list(columns)] = pd.NA
    return frame


def _second_first(frame: pd.DataFrame, rows: pd.Series, declared: package.Table) -> pd.DataFrame:
    """``frame`` with the main and second sources of ``rows`` in each other's places."""
    frame = frame.copy()
    for role, second in declared.second_source_columns.items():
        main = declared.source_columns[role]
        frame.loc[rows, [main, second]] = frame.loc[rows, [second, main]].to_numpy()
    return frame


def last_complete_year(day: dt.date) -> int:
    """The last calendar year that had ended by ``day`` (``day`` itself counts as passed)."""
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1
