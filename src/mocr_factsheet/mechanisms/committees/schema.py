"""The Communities Committees' input tables, declared with the project's schema
machinery (``data/schema.py``): columns, vocabularies, what an empty cell means.

All three are optional: a year without ``committees.csv`` has no CC sheet.
Standard library only, like ``data/schema.py``.
"""

from __future__ import annotations

from mocr_factsheet.data.schema import (
    COMMUNITY,
    GENDER,
    MUNICIPALITY,
    YES_NO,
    Column,
    TableSchema,
    Vocabulary,
)

SEATS = ("assembly", "community")
SEAT = Vocabulary("seat", SEATS)

RESIDING = TableSchema(
    "residing",
    in_year_folder=False,
    rows="one per community other than the majority that lives in a municipality",
    columns=(
        Column("municipality", "the municipality: its code or any name", MUNICIPALITY),
        Column("community", "a community living there (not the majority)", COMMUNITY),
    ),
)
COMMITTEES = TableSchema(
    "committees",
    in_year_folder=True,
    rows="one per municipality (38)",
    columns=(
        Column("municipality", "the municipality: its code or any name", MUNICIPALITY),
        Column("established", "has the assembly established its Communities Committee", YES_NO),
        Column(
            "meets_regularly",
            "does the committee meet at least once a month (empty unless established)",
            YES_NO,
            empty="unknown",
        ),
        Column(
            "adequate_resources",
            "does it have access to adequate resources (empty unless established)",
            YES_NO,
            empty="unknown",
        ),
    ),
)
COMMITTEE_MEMBERS = TableSchema(
    "committee_members",
    in_year_folder=True,
    rows="one per member of an established Communities Committee",
    columns=(
        Column("municipality", "an established committee's municipality", MUNICIPALITY),
        Column("community", "the member's community", COMMUNITY),
        Column("gender", "the member's gender", GENDER),
        Column("seat", "an assembly member or a representative of a community", SEAT),
    ),
)

REFERENCE_TABLES: tuple[TableSchema, ...] = (RESIDING,)
YEAR_TABLES: tuple[TableSchema, ...] = (COMMITTEES, COMMITTEE_MEMBERS)
