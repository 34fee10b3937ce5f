"""The MOCR's year tables (offices, officers, duty checklists), each declared
with the named checks that compare it with the others.

Declared with data/schema.py's machinery and read by data/check.py; docs/schema.md
explains the design.
"""

from __future__ import annotations

from mocr_factsheet.data.check import CheckedTable, Context, empty_unless
from mocr_factsheet.data.model import (
    GENDERS,
    STATUSES,
    DutyChecklist,
    Office,
    Officer,
)
from mocr_factsheet.data.schema import (
    COMMUNITY,
    EVERY_MUNICIPALITY,
    GENDER,
    MUNICIPALITY,
    STATUS,
    YES_NO,
    Column,
    TableSchema,
)
from mocr_factsheet.data.vocabulary import N_

# --- the MOCR's year tables, each with its named checks ------------------------------


answers_only_if_established = empty_unless(
    "status",
    "established",
    "the status is {value}",
    code="not-established",
    name="answers_only_if_established",
    doc="`work_plan` and `annual_report` are empty unless the office is established.",
)


OFFICES: TableSchema = TableSchema(
    "offices",
    in_year_folder=True,
    rows="one per municipality (38)",
    columns=(
        EVERY_MUNICIPALITY,
        Column(
            "status",
            "is there an MOCR",
            STATUS,
            title=N_("workbook", "Status"),
            # The codes are placeholders: they stay as they are in every language.
            prompt=N_(
                "workbook",
                "%(established)s: the municipality has an MOCR; %(similar)s: an office with "
                "similar functions, not counted as an MOCR; %(none)s: neither.",
            ),
            placeholders={"established": STATUSES[0], "similar": STATUSES[1], "none": STATUSES[2]},
        ),
        Column(
            "work_plan",
            "did the MOCR have a work plan (empty unless established)",
            YES_NO,
            empty="unknown",
            depends_on="status",
            title=N_("workbook", "Work plan"),
            prompt=N_(
                "workbook",
                "Did the MOCR have a work plan in %(year)s? Choose %(yes)s or %(no)s. Leave "
                "the cell empty if it is not known, or if there is no MOCR.",
            ),
        ),
        Column(
            "annual_report",
            "did it submit an annual report (empty unless established)",
            YES_NO,
            empty="unknown",
            depends_on="status",
            title=N_("workbook", "Annual report"),
            prompt=N_(
                "workbook",
                "Did the MOCR submit an annual report for %(year)s? Choose %(yes)s or %(no)s. "
                "Leave the cell empty if it is not known, or if there is no MOCR.",
            ),
        ),
    ),
    read_for_next_year=True,
    per_municipality="all",
    checks=(answers_only_if_established,),
    record=lambda c: Office(
        c.code("municipality"),
        c.one_of("status", STATUSES),
        c.yes_no("work_plan"),
        c.yes_no("annual_report"),
    ),
)


def _only_if_established(table: CheckedTable, context: Context, consequence: str) -> None:
    """Rows that only an established MOCR may have.

    A municipality whose ``offices`` row was unusable (and so already reported)
    has no status to check against.
    """
    offices = context.records(OFFICES, Office)
    if offices is None:
        return
    status = {o.municipality: o.status for o in offices}
    for row in table.rows:
        code = row.cells["municipality"]
        found = status.get(code) if code is not None else None
        if found is not None and found != "established":
            table.add(
                row.row,
                "municipality",
                "not-established",
                f"'{row.row.cells['municipality']}' has no established MOCR this year "
                f"(its status is {found}), {consequence}",
            )


def officers_only_if_established(table: CheckedTable, context: Context) -> None:
    """Officers only for an established MOCR."""
    _only_if_established(table, context, "so no officers")


def checklists_only_if_established(table: CheckedTable, context: Context) -> None:
    """Checklists only for an established MOCR."""
    _only_if_established(table, context, "so no duty checklist")


def officers_for_established(table: CheckedTable, context: Context) -> None:
    """Some officer, where some MOCR is established."""
    established = sum(o.status == "established" for o in context.records(OFFICES, Office) or ())
    if not table.table.rows and established:
        table.add(
            None,
            None,
            "missing-rows",
            f"no officers at all, though {established} MOCR{'s are' if established > 1 else ' is'} "
            "established; the file needs one row per officer",
        )


def checklist_for_every_established(table: CheckedTable, context: Context) -> None:
    """A checklist for every established MOCR.

    A missing one is not reported where some row's municipality could not be
    read: it is likely that row's.
    """
    reference = context.reference
    missing = [
        table.label(reference.municipality(o.municipality))
        for o in context.records(OFFICES, Office) or ()
        if o.status == "established" and o.municipality not in table.named
    ]
    if missing and not table.unreadable:
        table.add(
            None,
            None,
            "missing-rows",
            f"no checklist for the established MOCR{'s' if len(missing) > 1 else ''} "
            f"of: {', '.join(missing)}",
        )


OFFICERS: TableSchema = TableSchema(
    "officers",
    in_year_folder=True,
    rows="one per officer of an established MOCR",
    columns=(
        Column(
            "municipality",
            "an established MOCR's municipality",
            MUNICIPALITY,
            title=N_("workbook", "Municipality"),
            prompt=N_(
                "workbook",
                "The municipality whose MOCR this officer works in. Choose it from the list.",
            ),
        ),
        Column(
            "community",
            "the officer's community",
            COMMUNITY,
            title=N_("workbook", "Community"),
            prompt=N_("workbook", "The officer's community. Choose it from the list."),
        ),
        Column(
            "gender",
            "the officer's gender",
            GENDER,
            title=N_("workbook", "Gender"),
            prompt=N_("workbook", "%(f)s for a woman, %(m)s for a man."),
            placeholders={"f": GENDERS[0], "m": GENDERS[1]},
        ),
    ),
    per_municipality="many",
    references=("offices",),
    checks=(officers_only_if_established, officers_for_established),
    record=lambda c: Officer(
        c.code("municipality"), c.code("community"), c.one_of("gender", GENDERS)
    ),
)
DUTY_CHECKLISTS: TableSchema = TableSchema(
    "duties",
    in_year_folder=True,
    rows="one per established MOCR",
    columns=(
        Column(
            "municipality",
            "an established MOCR's municipality",
            MUNICIPALITY,
            title=N_("workbook", "Municipality"),
            prompt=N_(
                "workbook",
                "One row for each established MOCR. Choose its municipality from the list.",
            ),
        ),
    ),
    per_duty=Column(
        "<duty>",
        "one column per duty code: did the MOCR perform it",
        YES_NO,
        if_empty="empty; the checklist must be complete (yes or no)",
        # A workbook titles a duty's column with the duty's short name and
        # prompts with its long name, then this question.
        prompt=N_("workbook", "Did the MOCR perform this duty? Answer %(yes)s or %(no)s."),
    ),
    read_for_next_year=True,
    per_municipality="one",
    references=("offices",),
    checks=(checklists_only_if_established, checklist_for_every_established),
    record=lambda c: DutyChecklist(c.code("municipality"), c.said_yes()),
    unanswered="the checklist is empty; answer yes or no for each of the {count} duties",
)


YEAR_TABLES: tuple[TableSchema, ...] = (OFFICES, OFFICERS, DUTY_CHECKLISTS)
