"""The Communities Committees' input tables, declared with the project's schema
machinery (``data/schema.py``), each with the named checks that compare it with
the others, and how a year of them is read (``read_committees``, the hook of
the mechanism's ``TableSet``).

All three are optional: a year without ``committees.csv`` has no CC sheet.
docs/schema.md explains the machinery; docs/committees.md the rules.
"""

from __future__ import annotations

from pathlib import Path

from mocr_factsheet.data.check import CheckedTable, Context, empty_unless, read_tables
from mocr_factsheet.data.dataset import Rows, TableSet
from mocr_factsheet.data.model import GENDERS, Reference
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.schema import (
    COMMUNITY,
    EVERY_MUNICIPALITY,
    GENDER,
    MUNICIPALITY,
    YES_NO,
    Column,
    TableSchema,
    Vocabulary,
)
from mocr_factsheet.data.vocabulary import N_
from mocr_factsheet.mechanisms.committees.model import (
    MAJORITY_COMMUNITY,
    Committee,
    CommitteeInput,
    Member,
    Residing,
    Seat,
)
from mocr_factsheet.problems import Problem

SEATS: tuple[Seat, ...] = ("assembly", "community")
SEAT = Vocabulary("seat", SEATS, compare="code", noun="seat")


# --- residing.csv, at the data folder's top ---------------------------------------------


def not_the_majority(table: CheckedTable, context: Context) -> None:
    """Only the communities other than the municipality's majority; each pair once."""
    first: dict[tuple[str, str], int] = {}
    for row in table.rows:
        code, community = row.cells["municipality"], row.cells["community"]
        if code is None or community is None:
            continue
        municipality = context.reference.municipality(code)
        if MAJORITY_COMMUNITY.get(municipality.majority_language) == community:
            table.add(
                row.row,
                "community",
                "majority",
                f"'{community}' is the majority community of {table.label(municipality)}; "
                "residing.csv lists only the other communities living there",
            )
        elif (code, community) in first:
            table.add(
                row.row,
                "community",
                "repeated",
                f"'{community}' in {table.label(municipality)} is repeated "
                f"(first on {table.table.row_word} {first[code, community]})",
            )
        else:
            first[code, community] = row.row.line


RESIDING = TableSchema(
    "residing",
    in_year_folder=False,
    rows="one per community other than the majority that lives in a municipality",
    columns=(
        Column("municipality", "the municipality: its code or any name", MUNICIPALITY),
        Column("community", "a community living there (not the majority)", COMMUNITY),
    ),
    per_municipality="many",
    checks=(not_the_majority,),
    record=lambda c: Residing(c.code("municipality"), c.code("community")),
)


# --- <year>/committees.csv ----------------------------------------------------------------


answers_only_if_established = empty_unless(
    "established",
    "yes",
    "the committee is not established",
    code="not-established",
    name="answers_only_if_established",
    doc="`meets_regularly` and `adequate_resources` are empty unless the committee is established.",
)


COMMITTEES = TableSchema(
    "committees",
    in_year_folder=True,
    rows="one per municipality (38)",
    columns=(
        EVERY_MUNICIPALITY,
        Column(
            "established",
            "has the assembly established its Communities Committee",
            YES_NO,
            title=N_("workbook", "Committee established"),
            prompt=N_(
                "workbook",
                "Has the municipal assembly established its Communities Committee? "
                "Choose %(yes)s or %(no)s.",
            ),
        ),
        Column(
            "meets_regularly",
            "does the committee meet at least once a month (empty unless established)",
            YES_NO,
            empty="unknown",
            depends_on="established",
            title=N_("workbook", "Meets regularly"),
            prompt=N_(
                "workbook",
                "Did the committee meet at least once a month in %(year)s? Choose %(yes)s or "
                "%(no)s. Leave the cell empty if it is not known, or if there is no committee.",
            ),
        ),
        Column(
            "adequate_resources",
            "does it have access to adequate resources (empty unless established)",
            YES_NO,
            empty="unknown",
            depends_on="established",
            title=N_("workbook", "Adequate resources"),
            prompt=N_(
                "workbook",
                "Did the committee have access to adequate resources in %(year)s? Choose "
                "%(yes)s or %(no)s. Leave the cell empty if it is not known, or if there is no "
                "committee.",
            ),
        ),
    ),
    per_municipality="all",
    checks=(answers_only_if_established,),
    record=lambda c: Committee(
        c.code("municipality"),
        c.yes_no("established") is True,
        None if c["established"] == "no" else c.yes_no("meets_regularly"),
        None if c["established"] == "no" else c.yes_no("adequate_resources"),
    ),
)


# --- <year>/committee_members.csv -----------------------------------------------------------


def members_only_if_established(table: CheckedTable, context: Context) -> None:
    """Members only for an established committee."""
    established = {c.municipality: c.established for c in _committees(context)}
    for row in table.rows:
        code = row.cells["municipality"]
        if code is not None and established.get(code) is False:
            table.add(
                row.row,
                "municipality",
                "not-established",
                f"'{row.row.cells['municipality']}' has no established Communities Committee "
                "this year, so no members",
            )


def members_for_established(table: CheckedTable, context: Context) -> None:
    """Some member, where some committee is established."""
    count = sum(c.established for c in _committees(context))
    if not table.table.rows and count:
        table.add(
            None,
            None,
            "missing-rows",
            f"no members at all, though {count} "
            f"committee{'s are' if count > 1 else ' is'} established; "
            "the file needs one row per member",
        )


def _committees(context: Context) -> tuple[Committee, ...]:
    return context.records(COMMITTEES, Committee) or ()


COMMITTEE_MEMBERS = TableSchema(
    "committee_members",
    in_year_folder=True,
    rows="one per member of an established Communities Committee",
    columns=(
        Column(
            "municipality",
            "an established committee's municipality",
            MUNICIPALITY,
            title=N_("workbook", "Municipality"),
            prompt=N_(
                "workbook",
                "The municipality whose Communities Committee this member sits on. Choose it "
                "from the list.",
            ),
        ),
        Column(
            "community",
            "the member's community",
            COMMUNITY,
            title=N_("workbook", "Community"),
            prompt=N_("workbook", "The member's community. Choose it from the list."),
        ),
        Column(
            "gender",
            "the member's gender",
            GENDER,
            title=N_("workbook", "Gender"),
            prompt=N_("workbook", "%(f)s for a woman, %(m)s for a man."),
            placeholders={"f": GENDERS[0], "m": GENDERS[1]},
        ),
        Column(
            "seat",
            "an assembly member or a representative of a community",
            SEAT,
            title=N_("workbook", "Seat"),
            # The codes are placeholders: they stay as they are in every language.
            prompt=N_(
                "workbook",
                "%(assembly)s for a member of the municipal assembly, %(community)s for a "
                "representative of a community.",
            ),
            placeholders={"assembly": SEATS[0], "community": SEATS[1]},
        ),
    ),
    per_municipality="many",
    references=("committees",),
    checks=(members_only_if_established, members_for_established),
    record=lambda c: Member(
        c.code("municipality"),
        c.code("community"),
        c.one_of("gender", GENDERS),
        c.one_of("seat", SEATS),
    ),
)

YEAR_TABLES: tuple[TableSchema, ...] = (COMMITTEES, COMMITTEE_MEMBERS)


# --- reading a year ---------------------------------------------------------------------------


def has_committees(data_dir: Path, year: int) -> bool:
    """Whether ``year`` has a ``committees.csv`` (or ``.xlsx``): it then has a CC sheet."""
    stem = COMMITTEES.path(year)
    return any((data_dir / f"{stem}{suffix}").exists() for suffix in (".csv", ".xlsx"))


def read_committees(
    data_dir: Path,
    year: int,
    reference: Reference,
    matcher: MunicipalityMatcher,
    encoding: str | None = None,
) -> tuple[CommitteeInput | None, list[Problem]]:
    """``residing.csv`` and ``year``'s two committee tables, read and checked by the
    one row checker (``data/check.py``): None and no problem where the year has no
    ``committees.csv``; None where there is any problem."""
    if not has_committees(data_dir, year):
        return None, []
    problems: list[Problem] = []
    context = Context(reference, matcher)
    residing = read_tables(data_dir, None, (RESIDING,), context, problems, encoding)
    read = read_tables(data_dir, year, YEAR_TABLES, context, problems, encoding)
    if problems:
        return None, problems
    order = {m.code: i for i, m in enumerate(reference.municipalities)}
    position = {c.code: i for i, c in enumerate(reference.communities)}
    living = sorted(
        (r for r in residing["residing"] or () if isinstance(r, Residing)),
        key=lambda r: (order[r.municipality], position[r.community]),
    )
    committees = read["committees"] or ()
    members = read["committee_members"] or ()
    return CommitteeInput(
        tuple(living),
        tuple(c for c in committees if isinstance(c, Committee)),
        tuple(m for m in members if isinstance(m, Member)),
    ), []


def scaffold_committees(reference: Reference, before: object) -> list[tuple[TableSchema, Rows]]:
    """A new year's committee tables (``mocr new-year``), from the year before's:
    each municipality's ``established`` carried over with empty answers, the
    members copied for the analyst to review."""
    assert isinstance(before, CommitteeInput)
    established = {c.municipality: "yes" if c.established else "no" for c in before.committees}
    return [
        (
            COMMITTEES,
            [
                COMMITTEES.blank_row(municipality=m.code, established=established.get(m.code, ""))
                for m in reference.municipalities
            ],
        ),
        (
            COMMITTEE_MEMBERS,
            [
                COMMITTEE_MEMBERS.blank_row(
                    municipality=m.municipality, community=m.community, gender=m.gender, seat=m.seat
                )
                for m in before.members
            ],
        ),
    ]


# The Communities Committees' tables: what the ``committees`` kind reads.
COMMITTEE_TABLES = TableSet(
    "committees",
    YEAR_TABLES,
    read=read_committees,
    reference=(RESIDING,),
    scaffold=scaffold_committees,
)
