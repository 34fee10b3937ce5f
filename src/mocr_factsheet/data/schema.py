"""What each input table holds, declared once, and the machinery the declarations run on.

A ``TableSchema`` says everything about a table that can be said without
looking at another one: its columns, their vocabularies, what an empty cell
means, how many rows a municipality has, which tables its checks read and
whether building the next year reads it too. The one row checker
(``data/check.py``) reads every table through its declaration; ``new-year``
writes its files and workbooks from them, the fingerprints split a table by
its municipality column, and the column tables of ``docs/data-format.md``
are generated from them (a test keeps them current).

What cannot be declared, a rule across tables (an officer only for an
established office), is a named check: a small function registered with the
table (``checks=``), written beside its declaration. docs/schema.md explains
the design and how a mechanism declares its own tables. Standard library
only: planning a no-op build imports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

from mocr_factsheet.data.model import (
    GENDERS,
    MAJORITY_LANGUAGES,
    STATUSES,
)
from mocr_factsheet.data.vocabulary import N_


@dataclass(frozen=True)
class Vocabulary:
    """The values a cell may hold, and how a cell is read as one of them.

    ``values``: what ``new-year`` and a workbook's drop-down list offer (for a
    vocabulary from a reference table, empty: the reference's codes).
    ``spellings``: every other accepted spelling (compared without case) and
    the value it stands for. ``compare``: ``case`` compares without case;
    ``code`` also reads spaces and hyphens as ``_`` (``similar office``).
    ``noun``: what a value is called in a problem ("'x' is not a gender");
    without one, a value is said as the choices (``is not yes or no``).
    ``advice``: what a problem tells to use (default: every value).
    ``suggest``: a problem names the closest value. ``if_empty``: the problem
    an empty cell is where it may not be (code ``empty``); None: an empty
    cell is a bad value like any other ("the gender is empty; use f or m").
    """

    name: str
    values: tuple[str, ...]
    spellings: Mapping[str, str] = field(default_factory=dict)
    from_reference: str | None = None  # the reference table listing the values
    compare: Literal["case", "code"] = "case"
    noun: str | None = None
    advice: str | None = None
    suggest: bool = False
    if_empty: str | None = None

    def read(self, cell: str, known: Sequence[str] | None = None) -> str | None:
        """The value ``cell`` stands for, or None; ``known``: the values of a
        vocabulary from a reference table."""
        value = cell.casefold() if self.compare == "case" else code_of(cell)
        if value in (self.values if known is None else known):
            return value
        return self.spellings.get(value)

    def bad_value(self, cell: str, known: Sequence[str], empty_allowed: bool) -> str:
        """The message for a cell that is none of the values (or empty, where it may not be)."""
        if self.noun is None:
            nor = " (nor empty)" if empty_allowed else ""
            return f"'{cell}' is not {' or '.join(known)}{nor}"
        found = f"'{cell}' is not a {self.noun}" if cell else f"the {self.noun} is empty"
        hint = ""
        if self.suggest:
            import difflib

            close = difflib.get_close_matches(self.read_code(cell), known, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
        advice = self.advice or f"use one of: {', '.join(known)}"
        return f"{found}{hint}; {advice}"

    def read_code(self, cell: str) -> str:
        """The cell as compared, before it is looked up."""
        return cell.casefold() if self.compare == "case" else code_of(cell)


def code_of(cell: str) -> str:
    """A vocabulary cell compared without case; spaces and hyphens read as ``_``."""
    return re.sub(r"[\s-]+", "_", cell.strip().casefold())


YES_NO = Vocabulary(
    "yes/no",
    ("yes", "no"),
    {"y": "yes", "true": "yes", "1": "yes", "po": "yes", "da": "yes", "да": "yes",
     "n": "no", "false": "no", "0": "no", "jo": "no", "ne": "no", "не": "no"},
    if_empty="empty; answer yes or no",
)  # fmt: skip
GENDER = Vocabulary(
    "gender",
    GENDERS,
    {"female": "f", "woman": "f", "women": "f", "male": "m", "man": "m", "men": "m"},
    noun="gender",
    advice="use f or m",
)
# Spaces and hyphens read as "_": similar office.
STATUS = Vocabulary("status", STATUSES, compare="code", noun="status", suggest=True)
LANGUAGE = Vocabulary("language", MAJORITY_LANGUAGES)
MUNICIPALITY = Vocabulary(
    "municipality", (), from_reference="municipalities", if_empty="the municipality is empty"
)
COMMUNITY = Vocabulary(
    "community", (), from_reference="communities", compare="code", noun="community", suggest=True
)


def accepted(vocabulary: Vocabulary, value: str) -> frozenset[str]:
    """Every spelling (case aside) that stands for ``value``, itself included."""
    return frozenset(
        {value, *(spelled for spelled, v in vocabulary.spellings.items() if v == value)}
    )


# How an empty cell reads: an error, "unknown" (counted as such), or simply nothing.
Empty = Literal["error", "unknown", "allowed"]


@dataclass(frozen=True)
class Column:
    """One column. ``depends_on``: a column whose value its meaning depends on
    (a work plan means something only for an established office): its cells
    are checked whatever that one holds, and the named checks comparing the
    two skip a row where that one could not be read.
    ``if_empty``: this column's message for an empty cell where the vocabulary's
    says too little. ``title`` and ``prompt``: a workbook's input message
    (catalog ids under the context ``workbook``)."""

    name: str
    meaning: str  # for the docs, in a few words
    vocabulary: Vocabulary | None = None
    required: bool = True  # the header must have it (else it may be left out)
    empty: Empty = "error"
    depends_on: str | None = None
    if_empty: str | None = None
    title: str | None = None
    prompt: str | None = None
    # What the prompt's own placeholders stand for (besides year, yes and no).
    placeholders: Mapping[str, str] = field(default_factory=dict)
    # A name printed on the sheets: every character must be in their font, none
    # may hide or reorder text (data/glyphs.py's ``hidden_marks``), and no two
    # rows may share one (it must say which row it is).
    printed_name: bool = False


# The municipality column of a table with a row for each municipality (``all``
# below): the MOCR's offices, the Communities Committees.
EVERY_MUNICIPALITY = Column(
    "municipality",
    "the municipality: its code or any name",
    MUNICIPALITY,
    title=N_("workbook", "Municipality"),
    prompt=N_(
        "workbook",
        "One row for each of the 38 municipalities. Keep the name as the list gives it.",
    ),
)


# How many rows each municipality has: exactly one each (``all``), at most one
# (``one``; which ones, a named check says), or any number (``many``).
PerMunicipality = Literal["all", "one", "many"]


C = TypeVar("C", bound=str)  # a vocabulary's code, as the model types it


@dataclass(frozen=True)
class Cells:
    """One row as read: each column's value (None: empty, or not readable)."""

    values: Mapping[str, str | None]
    answers: tuple[str, ...] = ()  # the per-duty columns

    def __getitem__(self, column: str) -> str | None:
        return self.values[column]

    def code(self, column: str) -> str:
        """A value the row cannot be without (a record is made only where it was read)."""
        value = self.values[column]
        if value is None:
            raise ValueError(f"{column} was not read")
        return value

    def one_of(self, column: str, codes: tuple[C, ...]) -> C:
        """A value the row cannot be without, as the one of ``codes`` it is (the
        vocabulary's values, typed as the model's ``Literal``)."""
        value = self.code(column)
        for code in codes:
            if code == value:
                return code
        raise ValueError(f"{column}: {value!r} is none of {codes}")

    def yes_no(self, column: str) -> bool | None:
        value = self.values[column]
        return None if value is None else value == "yes"

    def said_yes(self) -> frozenset[str]:
        """The per-duty columns answered yes."""
        return frozenset(a for a in self.answers if self.values[a] == "yes")


# A named check: a rule the declaration cannot say, run after the rows are read.
Check = Callable[..., None]  # (CheckedTable, Context) of data/check.py


@dataclass(frozen=True)
class TableSchema:
    """One input table: a file at the data folder's top, or in each year folder.

    ``per_duty``: a column like this one for every duty of ``duties.csv``,
    named by the duty's code, after the fixed columns; ``unanswered``: the
    one problem of a row whose per-duty cells are all empty (``{count}``:
    how many there are), said instead of one per cell.
    ``read_for_next_year``: building year Y reads this table of Y-1 too (the
    previous-year figures).
    ``per_municipality``: how many rows a municipality has (the table's key;
    its municipality column is the one of the ``municipality`` vocabulary);
    a table with one row each comes back in ``municipalities.csv``'s order.
    ``references``: the tables of the same year its named checks read (read
    before it). ``checks``: the named checks. ``record``: one checked row as
    the model's record, for the rows whose every column that may not be empty
    was read.
    """

    stem: str
    in_year_folder: bool
    rows: str
    columns: tuple[Column, ...]
    per_duty: Column | None = None
    read_for_next_year: bool = False
    per_municipality: PerMunicipality | None = None
    references: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    record: Callable[[Cells], object] | None = None
    unanswered: str | None = None

    def path(self, year: int | None = None) -> str:
        """The file's name under the data folder, without ``.csv``/``.xlsx``."""
        return f"{year}/{self.stem}" if self.in_year_folder else self.stem

    def all_columns(self, duties: Sequence[str] = ()) -> tuple[Column, ...]:
        extra = (
            () if self.per_duty is None else tuple(replace(self.per_duty, name=d) for d in duties)
        )
        return (*self.columns, *extra)

    def header(self, duties: Sequence[str] = ()) -> tuple[str, ...]:
        """Every column, in the order ``new-year`` writes them."""
        return tuple(c.name for c in self.all_columns(duties))

    def required(self, duties: Sequence[str] = ()) -> tuple[str, ...]:
        return tuple(c.name for c in self.all_columns(duties) if c.required)

    def optional(self, duties: Sequence[str] = ()) -> tuple[str, ...]:
        return tuple(c.name for c in self.all_columns(duties) if not c.required)

    def column(self, name: str, duties: Sequence[str] = ()) -> Column:
        for c in self.all_columns(duties):
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def municipality_column(self) -> str | None:
        """The column naming each row's municipality: the key rows are told apart by."""
        for c in self.columns:
            if c.vocabulary is MUNICIPALITY:
                return c.name
        return None

    def blank_row(self, duties: Sequence[str] = (), **cells: str) -> list[str]:
        """A row to fill in: ``cells`` by column name, every other cell empty."""
        unknown = set(cells) - set(self.header(duties))
        if unknown:
            raise KeyError(f"{self.stem} has no column {', '.join(sorted(unknown))}")
        return [cells.get(name, "") for name in self.header(duties)]


# --- the reference tables ---------------------------------------------------------
# Their rows are checked by data/validate.py's readers (fixed code lists, names).

MUNICIPALITIES: TableSchema = TableSchema(
    "municipalities",
    in_year_folder=False,
    rows="one per municipality (38)",
    columns=(
        Column("code", "one of the 38 fixed codes, each once"),
        Column("name_sq", "the Albanian name", printed_name=True),
        Column("name_sr", "the Serbian name (Latin script)", printed_name=True),
        Column(
            "name_tr",
            "the Turkish name; needed where Turkish is the majority language",
            required=False,
            empty="allowed",
            printed_name=True,
        ),
        Column(
            "name_en",
            "the whole label in English sheets, where it differs",
            required=False,
            empty="allowed",
            printed_name=True,
        ),
        Column("majority_language", "whose name comes first in a label", LANGUAGE),
    ),
)
COMMUNITIES: TableSchema = TableSchema(
    "communities",
    in_year_folder=False,
    rows="one per community, in display order",
    columns=(
        Column("code", "a community code, each once"),
        Column("colour", "the community's colour in charts, #RRGGBB", required=False,
               empty="allowed"),
    ),
)  # fmt: skip
DUTIES: TableSchema = TableSchema(
    "duties",
    in_year_folder=False,
    rows="one per substantive duty, in display order",
    columns=(Column("code", "a duty code, each once"),),
)


REFERENCE_TABLES: tuple[TableSchema, ...] = (MUNICIPALITIES, COMMUNITIES, DUTIES)


# --- the docs -------------------------------------------------------------------


def _values(vocabulary: Vocabulary | None) -> str:
    if vocabulary is None:
        return ""
    if vocabulary.from_reference is not None:
        return f"from `{vocabulary.from_reference}.csv`"
    return ", ".join(f"`{v}`" for v in vocabulary.values)


def _file(table: TableSchema) -> str:
    return f"`{'<year>/' if table.in_year_folder else ''}{table.stem}.csv`"


def markdown_table(tables: Sequence[TableSchema]) -> str:
    """Every table's columns, for ``docs/data-format.md`` (``make docs`` writes it)."""
    empty = {"error": "no", "unknown": "yes: unknown", "allowed": "yes"}
    lines = [
        "| file | column | what it holds | values | required | empty cell |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for table in tables:
        columns = (*table.columns, *(() if table.per_duty is None else (table.per_duty,)))
        for column in columns:
            lines.append(
                f"| {_file(table)} | `{column.name}` | {column.meaning} "
                f"| {_values(column.vocabulary)} "
                f"| {'yes' if column.required else 'no'} | {empty[column.empty]} |"
            )
    return "\n".join(lines) + "\n"


def markdown_rows(tables: Sequence[TableSchema]) -> str:
    """Each year table's rows: how many per municipality, the named checks (the
    first line of each one's docstring, and its name), what else they read, and
    whether the next year reads them."""
    per = {"all": "exactly one", "one": "at most one", "many": "any number"}
    lines = [
        "| file | rows | per municipality | named checks | reads | read for the next year |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for table in tables:
        checks = "; ".join(
            f"{(check.__doc__ or '').splitlines()[0].rstrip('.')} (`{check.__name__}`)"
            for check in table.checks
        )
        reads = ", ".join(f"`<year>/{stem}.csv`" for stem in table.references)
        lines.append(
            f"| {_file(table)} | {table.rows} "
            f"| {per[table.per_municipality] if table.per_municipality else ''} "
            f"| {checks} | {reads} | {'yes' if table.read_for_next_year else 'no'} |"
        )
    return "\n".join(lines) + "\n"
