"""What each input table holds, declared once: its columns, their vocabularies,
which are required and which may be left empty.

Validation reads the header through these declarations, ``new-year`` writes
its files from them, a build lists the files a year is made of from them, and
the column table of ``docs/data-format.md`` is generated from them (a test
keeps it current). Standard library only: planning a no-op build imports it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from mocr_factsheet.data.model import GENDERS, MAJORITY_LANGUAGES, STATUSES


@dataclass(frozen=True)
class Vocabulary:
    """The values a cell may hold.

    ``values``: what ``new-year`` and a workbook's drop-down list offer (for a
    vocabulary from a reference table, empty: the reference's codes).
    ``spellings``: every other accepted spelling (compared without case) and
    the value it stands for.
    """

    name: str
    values: tuple[str, ...]
    spellings: Mapping[str, str] = field(default_factory=dict)
    from_reference: str | None = None  # the reference table listing the values


YES_NO = Vocabulary(
    "yes/no",
    ("yes", "no"),
    {"y": "yes", "true": "yes", "1": "yes", "po": "yes", "da": "yes",
     "n": "no", "false": "no", "0": "no", "jo": "no", "ne": "no"},
)  # fmt: skip
GENDER = Vocabulary(
    "gender",
    GENDERS,
    {"female": "f", "woman": "f", "women": "f", "male": "m", "man": "m", "men": "m"},
)
STATUS = Vocabulary("status", STATUSES)  # spaces and hyphens read as "_": similar office
LANGUAGE = Vocabulary("language", MAJORITY_LANGUAGES)
MUNICIPALITY = Vocabulary("municipality", (), from_reference="municipalities")
COMMUNITY = Vocabulary("community", (), from_reference="communities")


def accepted(vocabulary: Vocabulary, value: str) -> frozenset[str]:
    """Every spelling (case aside) that stands for ``value``, itself included."""
    return frozenset(
        {value, *(spelled for spelled, v in vocabulary.spellings.items() if v == value)}
    )


# How an empty cell reads: an error, "unknown" (counted as such), or simply nothing.
Empty = Literal["error", "unknown", "allowed"]


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str  # for the docs, in a few words
    vocabulary: Vocabulary | None = None
    required: bool = True  # the header must have it (else it may be left out)
    empty: Empty = "error"


@dataclass(frozen=True)
class TableSchema:
    """One input table: a file at the data folder's top, or in each year folder.

    ``per_duty``: a column like this one for every duty of ``duties.csv``,
    named by the duty's code, after the fixed columns.
    ``read_for_next_year``: building year Y reads this table of Y-1 too (the
    previous-year figures).
    """

    stem: str
    in_year_folder: bool
    rows: str
    columns: tuple[Column, ...]
    per_duty: Column | None = None
    read_for_next_year: bool = False

    def path(self, year: int | None = None) -> str:
        """The file's name under the data folder, without ``.csv``/``.xlsx``."""
        return f"{year}/{self.stem}" if self.in_year_folder else self.stem

    def all_columns(self, duties: Sequence[str] = ()) -> tuple[Column, ...]:
        extra = () if self.per_duty is None else tuple(
            Column(d, self.per_duty.meaning, self.per_duty.vocabulary, empty=self.per_duty.empty)
            for d in duties
        )  # fmt: skip
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


MUNICIPALITIES = TableSchema(
    "municipalities",
    in_year_folder=False,
    rows="one per municipality (38)",
    columns=(
        Column("code", "one of the 38 fixed codes, each once"),
        Column("name_sq", "the Albanian name"),
        Column("name_sr", "the Serbian name (Latin script)"),
        Column(
            "name_tr",
            "the Turkish name; needed where Turkish is the majority language",
            required=False,
            empty="allowed",
        ),
        Column(
            "name_en",
            "the whole label in English sheets, where it differs",
            required=False,
            empty="allowed",
        ),
        Column("majority_language", "whose name comes first in a label", LANGUAGE),
    ),
)
COMMUNITIES = TableSchema(
    "communities",
    in_year_folder=False,
    rows="one per community, in display order",
    columns=(
        Column("code", "a community code, each once"),
        Column("colour", "the community's colour in charts, #RRGGBB", required=False,
               empty="allowed"),
    ),
)  # fmt: skip
DUTIES = TableSchema(
    "duties",
    in_year_folder=False,
    rows="one per substantive duty, in display order",
    columns=(Column("code", "a duty code, each once"),),
)
OFFICES = TableSchema(
    "offices",
    in_year_folder=True,
    rows="one per municipality (38)",
    columns=(
        Column("municipality", "the municipality: its code or any name", MUNICIPALITY),
        Column("status", "is there an MOCR", STATUS),
        Column(
            "work_plan",
            "did the MOCR have a work plan (empty unless established)",
            YES_NO,
            empty="unknown",
        ),
        Column(
            "annual_report",
            "did it submit an annual report (empty unless established)",
            YES_NO,
            empty="unknown",
        ),
    ),
    read_for_next_year=True,
)
OFFICERS = TableSchema(
    "officers",
    in_year_folder=True,
    rows="one per officer of an established MOCR",
    columns=(
        Column("municipality", "an established MOCR's municipality", MUNICIPALITY),
        Column("community", "the officer's community", COMMUNITY),
        Column("gender", "the officer's gender", GENDER),
    ),
)
DUTY_CHECKLISTS = TableSchema(
    "duties",
    in_year_folder=True,
    rows="one per established MOCR",
    columns=(Column("municipality", "an established MOCR's municipality", MUNICIPALITY),),
    per_duty=Column("<duty>", "one column per duty code: did the MOCR perform it", YES_NO),
    read_for_next_year=True,
)

REFERENCE_TABLES: tuple[TableSchema, ...] = (MUNICIPALITIES, COMMUNITIES, DUTIES)
YEAR_TABLES: tuple[TableSchema, ...] = (OFFICES, OFFICERS, DUTY_CHECKLISTS)


def _values(vocabulary: Vocabulary | None) -> str:
    if vocabulary is None:
        return ""
    if vocabulary.from_reference is not None:
        return f"from `{vocabulary.from_reference}.csv`"
    return ", ".join(f"`{v}`" for v in vocabulary.values)


def markdown_table() -> str:
    """Every table's columns, for ``docs/data-format.md`` (``make docs`` writes it)."""
    empty = {"error": "no", "unknown": "yes: unknown", "allowed": "yes"}
    lines = [
        "| file | column | what it holds | values | required | empty cell |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for table in (*REFERENCE_TABLES, *YEAR_TABLES):
        name = f"`{'<year>/' if table.in_year_folder else ''}{table.stem}.csv`"
        columns = (*table.columns, *(() if table.per_duty is None else (table.per_duty,)))
        for column in columns:
            lines.append(
                f"| {name} | `{column.name}` | {column.meaning} | {_values(column.vocabulary)} "
                f"| {'yes' if column.required else 'no'} | {empty[column.empty]} |"
            )
    return "\n".join(lines) + "\n"
