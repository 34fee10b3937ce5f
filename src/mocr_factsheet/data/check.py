"""The one row checker: a table read through its declaration (``data/schema.py``).

For every table alike: the header (unknown and missing columns, by
``data/load.py``), each cell read through its column's vocabulary, what an
empty cell means, the municipality named in a row, the rows each
municipality has (repeated and missing ones), then the table's named checks
and its records. Every problem is collected, located at its row and column;
nothing stops at the first one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from mocr_factsheet.data.load import Row, Table, read_table
from mocr_factsheet.data.model import Municipality, Reference
from mocr_factsheet.data.names import MunicipalityMatcher, label
from mocr_factsheet.data.schema import MUNICIPALITY, Cells, Column, TableSchema
from mocr_factsheet.problems import Problem

R = TypeVar("R")


@dataclass
class Collector:
    """Gathers the problems of one file, each pointing at a row and column."""

    table: Table
    problems: list[Problem]

    def add(self, row: Row | None, column: str | None, code: str, message: str) -> None:
        if code == "missing-rows" and not self.table.complete:
            return  # the rows may well be there, after where the reading stopped
        if row is not None and column in row.spoiled:
            return  # the cell is already reported as unreadable
        line = row.line if row is not None else None
        columns = self.table.columns
        position = columns.index(column) if column in columns else -1
        self.problems.append(Problem(self.table.file, line, column, code, message, position))


@dataclass(frozen=True)
class Context:
    """What a table is checked against: the reference tables, the name matcher
    (built once by the caller), and the records of the tables of the same year
    read before it (None for one that could not be read)."""

    reference: Reference
    matcher: MunicipalityMatcher
    tables: Mapping[str, tuple[Any, ...] | None] = field(default_factory=dict)

    def records(self, table: TableSchema, of: type[R]) -> tuple[R, ...] | None:
        """``table``'s records (each an ``of``) as read, problems or not; None where
        it was unreadable."""
        records = self.tables.get(table.stem)
        if records is not None and not all(isinstance(r, of) for r in records):
            raise TypeError(f"the records of {table.stem} are not {of.__name__}")
        return cast("tuple[R, ...] | None", records)

    def known(self, column: Column) -> Sequence[str]:
        """The values ``column`` may hold: its vocabulary's, or the reference's codes."""
        vocabulary = column.vocabulary
        assert vocabulary is not None
        if vocabulary.from_reference == "communities":
            return [c.code for c in self.reference.communities]
        if vocabulary.from_reference == "duties":
            return self.reference.duties
        return vocabulary.values


@dataclass(frozen=True)
class CheckedRow:
    row: Row
    cells: Cells
    complete: bool  # every column that may not be empty was read: a record is made


@dataclass
class CheckedTable:
    """A table's rows as read, for its named checks: ``named`` holds each
    municipality's first row; ``unreadable``, whether some row's municipality
    could not be read (a missing municipality is then likely that row's, and
    is not reported again)."""

    schema: TableSchema
    table: Table
    out: Collector
    rows: list[CheckedRow] = field(default_factory=list)
    named: dict[str, Row] = field(default_factory=dict)
    unreadable: bool = False

    def add(self, row: Row | None, column: str | None, code: str, message: str) -> None:
        self.out.add(row, column, code, message)

    @cached_property
    def cyrillic(self) -> bool:
        """Whether most of the table's municipality cells are written in Cyrillic
        (a workbook of ``mocr new-year --lang sr-Cyrl``, whose list says
        ``Deçan/Дечане``): its messages then name municipalities so too."""
        column = self.schema.municipality_column
        cells = [r.cells.get(column, "") for r in self.table.rows] if column else []
        named = [cell for cell in cells if cell]
        written = sum(any("\u0400" <= ch <= "\u04ff" for ch in cell) for cell in named)
        return 2 * written > len(named)

    def label(self, municipality: Municipality) -> str:
        """A municipality as a message about this table names it, in its script."""
        return label(municipality, "sq", cyrillic=self.cyrillic)


def empty_unless(
    column: str, value: str, why: str, *, code: str, name: str, doc: str
) -> Callable[[CheckedTable, Context], None]:
    """A named check: the columns that depend on ``column`` (``Column.depends_on``)
    are empty unless it holds ``value`` (a work plan only for an established
    office). ``why``: what a problem says after "must be empty: " (``{value}``:
    what the cell holds); ``code``: the problem's code; ``name`` and ``doc``:
    the check's name and docstring, which docs/data-format.md lists
    (data/schema.py, ``markdown_rows``)."""

    def check(table: CheckedTable, context: Context) -> None:
        answers = [c.name for c in table.schema.columns if c.depends_on == column]
        for row in table.rows:
            held = row.cells[column]
            if held is None or held == value:
                continue  # as it should be, or not read: the answers were not either
            for answer in answers:
                if row.cells[answer] is not None:
                    table.add(row.row, answer, code, "must be empty: " + why.format(value=held))

    check.__name__ = check.__qualname__ = name
    check.__doc__ = doc
    return check


def municipality(out: Collector, row: Row, matcher: MunicipalityMatcher, column: str) -> str | None:
    """The code of the municipality a row names, or None (and the problem)."""
    cell = row.cells[column]
    if not cell:
        out.add(row, column, "empty", MUNICIPALITY.if_empty or "")
        return None
    code = matcher.match(cell)
    if code is None:
        hint = matcher.hint(cell)
        out.add(row, column, "unknown-municipality", f"unknown municipality '{cell}'; {hint}")
    return code


def _key(checked: CheckedTable, row: Row, column: str, context: Context) -> str | None:
    """The row's municipality; where it has at most one row, a repeated one is reported."""
    code = municipality(checked.out, row, context.matcher, column)
    if code is None:
        checked.unreadable = True
        return None
    if checked.schema.per_municipality == "many":
        return code
    first = checked.named.get(code)
    if first is not None:
        cell, first_cell = row.cells[column], first.cells[column]
        spelled = f", as '{first_cell}'" if first_cell != cell else ""
        checked.add(
            row,
            column,
            "repeated",
            f"'{cell}' is repeated (first on {checked.table.row_word} {first.line}{spelled}); "
            "keep one row per municipality",
        )
        return None
    checked.named[code] = row
    return code


def read_cell(
    out: Collector, row: Row, column: Column, context: Context
) -> tuple[str | None, bool]:
    """The value of one cell as its column reads it, and whether it was read
    (an empty cell is, where it may be empty)."""
    cell = row.cells[column.name]
    vocabulary = column.vocabulary
    if vocabulary is None:
        return cell, True
    empty_allowed = column.empty != "error"
    if not cell and empty_allowed:
        return None, True
    if not cell and vocabulary.if_empty is not None:
        out.add(row, column.name, "empty", column.if_empty or vocabulary.if_empty)
        return None, False
    known = context.known(column)
    value = vocabulary.read(cell, known)
    if value is None:
        out.add(row, column.name, "bad-value", vocabulary.bad_value(cell, known, empty_allowed))
        return None, False
    return value, True


def _read_row(
    checked: CheckedTable, row: Row, columns: Sequence[Column], context: Context
) -> CheckedRow:
    """One row, each cell read through its column, left to right."""
    schema = checked.schema
    answers = tuple(c.name for c in columns[len(schema.columns) :])  # the per-duty ones
    unanswered = schema.unanswered is not None and not any(row.cells[a] for a in answers)
    if unanswered and schema.unanswered is not None:
        checked.add(row, None, "empty", schema.unanswered.format(count=len(answers)))
    values: dict[str, str | None] = {}
    unread: set[str] = set()
    for column in columns:
        name = column.name
        values[name], read = None, False
        # A cell whose column depends on another (a work plan on the status) is
        # read whatever that one holds: 'maybe' is no yes or no under any status,
        # and a mistyped status must not hide it until the next run (CLI review).
        # Only the named checks comparing the two wait for a value there.
        if unanswered and name in answers:
            pass  # the one problem of the row says it
        elif name == schema.municipality_column:
            values[name] = _key(checked, row, name, context)
            read = values[name] is not None
        else:
            values[name], read = read_cell(checked.out, row, column, context)
        if not read:
            unread.add(name)
    complete = not any(c.empty == "error" and c.name in unread for c in columns)
    return CheckedRow(row, Cells(values, answers), complete)


def check_rows(
    table: Table, schema: TableSchema, context: Context, problems: list[Problem]
) -> tuple[object, ...]:
    """Every row of ``table`` read through ``schema``, then its named checks:
    the records of the rows that could be read, every problem in ``problems``."""
    checked = CheckedTable(schema, table, Collector(table, problems))
    columns = schema.all_columns(context.reference.duties if schema.per_duty else ())
    key = schema.municipality_column
    for row in table.rows:
        checked.rows.append(_read_row(checked, row, columns, context))
    if schema.per_municipality == "all" and key is not None:
        missing = [
            checked.label(m)
            for m in context.reference.municipalities
            if m.code not in checked.named
        ]
        if missing and not checked.unreadable:
            checked.add(
                None,
                None,
                "missing-rows",
                f"no row for {len(missing)} municipalit{'y' if len(missing) == 1 else 'ies'}: "
                f"{', '.join(missing)}; every municipality needs one",
            )
    for check in schema.checks:
        check(checked, context)
    if schema.record is None:
        return ()
    rows = [r for r in checked.rows if r.complete]
    if schema.per_municipality == "all" and key is not None:
        order = {m.code: i for i, m in enumerate(context.reference.municipalities)}
        rows.sort(key=lambda r: order[r.cells.code(key)])
    return tuple(schema.record(r.cells) for r in rows)


def read_tables(
    data_dir: Path,
    year: int | None,
    tables: Sequence[TableSchema],
    context: Context,
    problems: list[Problem],
    encoding: str | None = None,
) -> dict[str, tuple[Any, ...] | None]:
    """Each of ``tables`` (of ``year``'s folder, or the data folder's top for
    None) read and checked in order, each against those read before it: their
    records by stem (None where a table could not be read at all).

    A table with problems still gives what could be made of it, so that the
    tables after it are checked against it and every problem is reported in
    one run; a caller that got any problem must not count.
    """
    read: dict[str, tuple[Any, ...] | None] = dict(context.tables)
    for schema in tables:
        duties = context.reference.duties if schema.per_duty is not None else ()
        table, found = read_table(
            data_dir,
            schema.path(year),
            required=schema.required(duties),
            optional=schema.optional(duties),
            encoding=encoding,
        )
        problems.extend(found)
        now = Context(context.reference, context.matcher, read)
        read[schema.stem] = None if table is None else check_rows(table, schema, now, problems)
    return read
