"""Reading an ``.xlsx`` workbook into rows of strings, bounded in every part.

A workbook is a zip of XML parts. This reader unpacks only the parts that
hold the table (the list of sheets, the shared strings, the sheet itself) and
parses them with expat as they come, so that every bound is checked before the
work it bounds: each part's unpacked size before it is unpacked, the number of
members and of shared strings, and every cell's row and column before the cell
is kept. Of the styles part (where a few kilobytes of zip can hold millions of
empty fonts) only the cell formats are kept, and only from a part of at most
``MAX_STYLES_BYTES``: which cells show a date, so that a date is quoted as
the analyst sees it (``cell_dates.py``), not as the number Excel keeps. Nothing here
allocates by a number found in the file (a row numbered 999,999,999 is one
cell, not a billion empty rows). docs/reliability.md has the figures.

The same sheet is what an analyst sees: the sheet found by its header (not its
position), hidden sheets never read silently, and a cell that does not hold
what Excel would write (a formula without its value, a crafted TRUE/FALSE, a
cell written twice) is a problem naming the cell, one among the others.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from mocr_factsheet.data.cell_dates import (
    date_text,
    format_code,
    is_percent_format,
    percent_text,
    serial_datetime,
)
from mocr_factsheet.problems import Problem

# A workbook cell holding an error (#N/A, #VALUE!), as the rows carry it.
EXCEL_ERROR = "\x00#ERROR"
# A cell already reported here (a formula without its value, a crafted cell):
# the rows carry it so that nothing more is said of it.
REPORTED = "\x00#REPORTED"

# What a workbook may hold, unpacked: the data is a few kilobytes, and a file
# that inflates past this is the wrong file or a zip bomb.
MAX_WORKBOOK_BYTES = 50 * 2**20
# Each part that is read, unpacked. A year's largest sheet is about 100 rows of
# 20 cells (some 100 KB as Excel writes it); 10,000 rows of officers are 1 MB.
MAX_SHEET_BYTES = 4 * 2**20
MAX_STRINGS_BYTES = 4 * 2**20
MAX_BOOK_BYTES = 2**20  # the list of sheets, the relationships
# The styles part: Excel writes a few kilobytes; past this, dates are quoted as
# the numbers they are kept as (nothing else is read from it).
MAX_STYLES_BYTES = 2**20
MAX_CELL_FORMATS = 65_000  # Excel allows 64,000
MAX_MEMBERS = 1_000  # Excel writes about a dozen, one more per sheet
MAX_SHEETS = 100
MAX_STRINGS = 100_000
# Values in a sheet (10,000 officers are 30,000), and cells reported as damaged
# before the reading stops (the report shows the first 1,000 problems anyway).
MAX_CELLS = 40_000
MAX_CELL_PROBLEMS = 1_000
MAX_MERGED = 10_000  # merged ranges looked at (one per municipality's officers would be 38)
# Rows above the header that are looked at to tell which sheet holds the table.
_HEADER_ROWS = 11
# Excel's own grid.
_LAST_ROW = 1_048_576
_LAST_COLUMN = 16_384

_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,10})")
# A number as the file format writes it (an xsd:double; no NaN, no infinity).
_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_HIDDEN = frozenset({"hidden", "veryHidden"})
_RELATIONSHIPS = "_rels/.rels"
_WORKSHEET_TYPE = "/worksheet"
_AGAIN = "open it in Excel (or LibreOffice) and save it again"
_CALCULATE = (
    "the workbook was written by a program that does not calculate. Open it in "
    "Excel (or LibreOffice) and save it, or type the value"
)


class UnreadableError(Exception):
    """The workbook cannot be read at all; the message says why."""

    def __init__(self, reason: str, code: str = "bad-workbook") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


class _EnoughError(Exception):
    """Parsing stops early: everything needed has been read."""


@dataclass(frozen=True)
class _Sheet:
    name: str
    part: str  # its member in the zip
    hidden: bool


@dataclass
class _Grid:
    """One sheet's cells as read: ``cells[row][column]`` (both 1-based)."""

    cells: dict[int, dict[int, str]]
    problems: list[Problem]
    outside: Problem | None = None  # a value far outside the table: reading stops
    count: int = 0  # values read
    merged: list[str] = field(default_factory=list)  # the merged ranges' references ("A2:A4")


def read_workbook(
    path: Path,
    name: str,
    *,
    known: Sequence[str],
    clean: Callable[[str], str],
    max_rows: int,
    max_columns: int,
) -> tuple[list[list[str]] | None, list[Problem]]:
    """The table's sheet as rows of strings (row ``i`` of the list is the sheet's
    row ``i + 1``, every row as wide as the widest), and its problems.

    ``known`` (the table's column names, lower case) tells the sheet that holds
    the table; ``clean`` is how a header cell is read. None where the workbook
    cannot be read; otherwise the rows, with each cell already reported
    carried as ``REPORTED`` or ``EXCEL_ERROR``.
    """
    try:
        _check_signature(path)
        with zipfile.ZipFile(path) as archive:
            _check_members(archive)
            sheets, date1904 = _sheets(archive)
            strings = _shared_strings(archive)
            dates = _Dates(_date_formats(archive), date1904)
            return _read_table_sheet(
                archive, sheets, strings, dates, name, known, clean, max_rows, max_columns
            )
    except UnreadableError as err:
        return None, [Problem(name, None, None, err.code, err.reason)]
    except Exception as err:  # zipfile and zlib raise many types for a damaged file
        reason = str(err).strip() or f"{type(err).__name__} while reading it"
        return None, [
            Problem(name, None, None, "bad-workbook", f"not a readable Excel workbook: {reason}")
        ]


def _read_table_sheet(
    archive: zipfile.ZipFile,
    sheets: list[_Sheet],
    strings: list[str],
    dates: _Dates,
    name: str,
    known: Sequence[str],
    clean: Callable[[str], str],
    max_rows: int,
    max_columns: int,
) -> tuple[list[list[str]] | None, list[Problem]]:
    def parse(sheet: _Sheet, head_only: bool) -> _Grid:
        return _parse_sheet(
            _part(archive, sheet.part, MAX_SHEET_BYTES),
            sheet.part,
            strings,
            dates,
            name,
            max_rows,
            max_columns,
            _HEADER_ROWS if head_only else None,
        )

    problems: list[Problem] = []
    chosen = sheets[0]
    if len(sheets) > 1:
        wanted = set(known)
        scores = {
            sheet: _header_score(parse(sheet, head_only=True), wanted, clean) for sheet in sheets
        }
        # A hidden sheet is taken for the table only by a header, not by one name:
        # the drop-downs' own hidden sheet (entry/workbook.py, LISTS_SHEET) heads its
        # column "municipality", and a data sheet whose header row was deleted must
        # not send the analyst to it.
        scores = {s: 0 if s.hidden and score < 2 else score for s, score in scores.items()}
        best = max(scores.values())
        if best == 0:  # no sheet names a column: the first one shown is read
            chosen = next((s for s in sheets if not s.hidden), sheets[0])
        else:
            tied = [s for s in sheets if scores[s] == best]
            shown = [s for s in tied if not s.hidden]
            if len(shown) > 1:
                return None, [
                    Problem(
                        name,
                        None,
                        None,
                        "two-tables",
                        f"the sheets '{shown[0].name}' and '{shown[1].name}' both hold the "
                        "table's header, so it is not clear which one to read: keep the data "
                        "on one sheet and delete the other",
                    )
                ]
            chosen = shown[0] if shown else tied[0]
    if chosen.hidden:
        problems.append(
            Problem(
                name,
                None,
                None,
                "hidden-sheet",
                f"the table is on the sheet '{chosen.name}', which is hidden: show it "
                "(right-click a sheet's tab, then Unhide) so that what is read is what you see",
            )
        )
    grid = parse(chosen, head_only=False)
    if grid.outside is not None:
        return None, [grid.outside]
    problems.extend(grid.problems)
    records = _records(grid.cells)
    return records, _under_header(problems, records, clean)


def _header_score(grid: _Grid, wanted: set[str], clean: Callable[[str], str]) -> int:
    """How many of the table's columns the best of the sheet's first rows names."""
    return max(
        (
            len(wanted & {clean(cell).lower() for cell in row.values()})
            for row in grid.cells.values()
        ),
        default=0,
    )


def _records(cells: dict[int, dict[int, str]]) -> list[list[str]]:
    """The grid as rows: a sheet's row whose last cells are empty ends there in
    the file, but it has every column (no separator can be missing)."""
    if not cells:
        return []
    width = max((max(row) for row in cells.values() if row), default=0)
    return [
        [row.get(column, "") for column in range(1, width + 1)]
        for row in (cells.get(number, {}) for number in range(1, max(cells) + 1))
    ]


def _under_header(
    problems: list[Problem], records: list[list[str]], clean: Callable[[str], str]
) -> list[Problem]:
    """Problems of cells below the header, each with its column's name."""
    start = next((i for i, record in enumerate(records) if any(map(clean, record))), None)
    if start is None:
        return problems
    header = [clean(cell).lower() for cell in records[start]]
    return [
        replace(p, column=header[p.position])
        if p.row is not None
        and p.row > start + 1
        and 0 <= p.position < len(header)
        and header[p.position] not in ("", EXCEL_ERROR.lower(), REPORTED.lower())
        else p
        for p in problems
    ]


# --- the parts ----------------------------------------------------------------------------

# What an .xlsx that is not a zip holds, told by its first bytes (docs/data-format.md).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted workbook keeps
_ZIP = b"PK"
_PASSWORD = "File → Info → Protect Workbook → Encrypt with Password, delete the password"


def _check_signature(path: Path) -> None:
    """A clear reason where the file is no zip at all, from its first bytes: empty
    (a save that did not finish), protected with a password (Excel then writes
    a compound file holding the encrypted workbook, not a zip), an Excel 97-2003
    workbook renamed, or something else under the name (a CSV file)."""
    with path.open("rb") as stream:
        head = stream.read(2**20)  # a compound file's directory is in its first sectors
    if not head:
        raise UnreadableError(
            "the file is empty (0 bytes): it holds no workbook, perhaps from a save that did "
            "not finish. Save the table again from Excel as Excel Workbook (.xlsx)",
            "empty-file",
        )
    if head.startswith(_OLE):
        if _ENCRYPTED in head:
            raise UnreadableError(
                "this workbook is protected with a password, so it cannot be read: open it in "
                f"Excel, {_PASSWORD} (leave the box empty), then save it",
                "password",
            )
        raise UnreadableError(
            "this is not an .xlsx workbook inside but an Excel 97-2003 workbook (.xls) "
            "renamed, or one protected with a password: open it in Excel, remove any password "
            f"({_PASSWORD}), and save it as Excel Workbook (.xlsx)",
        )
    if not head.startswith(_ZIP):
        raise UnreadableError(
            "this is not an Excel workbook inside (another file given the name, a CSV file "
            "renamed?): open it in Excel and save it as Excel Workbook (.xlsx)",
        )


def _check_members(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnreadableError(
            f"this workbook holds {len(members):,} files inside it, far more than any "
            f"workbook does (the limit is {MAX_MEMBERS:,}): is it the right file?",
            "too-large",
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_WORKBOOK_BYTES:
        raise UnreadableError(
            f"this workbook unpacks to {megabytes(unpacked)}, far more than this data ever "
            f"holds (a year has about 40 offices and 100 officers; the limit is "
            f"{megabytes(MAX_WORKBOOK_BYTES)}): is it the right file?",
            "too-large",
        )


def _part(archive: zipfile.ZipFile, member: str, limit: int) -> bytes:
    """A member's bytes, its declared size checked before it is unpacked (and
    the unpacking stopped at the limit, should the declaration lie)."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise UnreadableError(f"not a readable Excel workbook: it has no part {member}") from None
    if info.file_size > limit:
        raise UnreadableError(
            f"this workbook's part {member} unpacks to {megabytes(info.file_size)}, far more "
            f"than this data ever holds (the limit is {megabytes(limit)}): is it the right file?",
            "too-large",
        )
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableError(f"not a readable Excel workbook: its part {member} is damaged")
    return data


def _sheets(archive: zipfile.ZipFile) -> tuple[list[_Sheet], bool]:
    """The workbook's worksheets in their order, with the part each is in, and
    whether its dates count from 1904 (a workbook made on an old Mac)."""
    book = _office_document(archive)
    targets: dict[str, tuple[str, str]] = {}

    def relationship(attributes: dict[str, str]) -> None:
        targets[attributes.get("Id", "")] = (
            attributes.get("Target", ""),
            attributes.get("Type", ""),
        )

    folder = PurePosixPath(book).parent
    rels = (folder / "_rels" / f"{PurePosixPath(book).name}.rels").as_posix()
    _parse(_part(archive, rels, MAX_BOOK_BYTES), rels, {"Relationship": relationship})
    found: list[_Sheet] = []

    def sheet(attributes: dict[str, str]) -> None:
        if len(found) >= MAX_SHEETS:
            raise UnreadableError(
                f"this workbook has more than {MAX_SHEETS} sheets: is it the right file?",
                "too-large",
            )
        target, kind = targets.get(attributes.get("id", ""), ("", ""))
        if not kind.endswith(_WORKSHEET_TYPE):
            return  # a chart sheet, or a link to nothing: it holds no cells
        part = _resolve(folder, target)
        found.append(
            _Sheet(attributes.get("name", ""), part, attributes.get("state", "") in _HIDDEN)
        )

    date1904: list[bool] = []

    def properties(attributes: dict[str, str]) -> None:
        date1904.append(attributes.get("date1904", "").lower() in ("1", "true"))

    _parse(_part(archive, book, MAX_BOOK_BYTES), book, {"sheet": sheet, "workbookPr": properties})
    if not found:
        raise UnreadableError("not a readable Excel workbook: it has no worksheet")
    return found, any(date1904)


@dataclass(frozen=True)
class _Dates:
    """The cell formats that show a date or a percentage, by style index, and the date system."""

    formats: dict[int, str]
    date1904: bool = False

    def text(self, style: str | None, number: str) -> str | None:
        """The number as the cell shows it where its format is a date's or a
        percentage's; else None."""
        if style is None or not _digits(style) or not self.formats:
            return None
        code = self.formats.get(int(style))
        if code is None:
            return None
        if is_percent_format(code):
            return percent_text(float(number), code)
        serial = float(number)
        moment = serial_datetime(serial, self.date1904)
        return None if moment is None else date_text(moment, code, serial)


def _date_formats(archive: zipfile.ZipFile) -> dict[int, str]:
    """The styles part's cell formats that show a date or a time, by style index
    (a cell's ``s``); empty where there is no styles part or it is larger than
    any Excel writes (dates are then quoted as the numbers they are kept as)."""
    members = {info.filename.lower(): info for info in archive.infolist()}
    info = members.get("xl/styles.xml")
    if info is None or info.file_size > MAX_STYLES_BYTES:
        return {}
    custom: dict[int, str] = {}
    styles: list[int] = []
    inside = [False]

    def start(tag: str, attributes: dict[str, str]) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "numFmt":
            number = attributes.get("numFmtId", "")
            if _digits(number):
                custom[int(number)] = attributes.get("formatCode", "")
        elif tag == "cellXfs":
            inside[0] = True
        elif tag == "xf" and inside[0]:
            if len(styles) >= MAX_CELL_FORMATS:
                raise _EnoughError
            number = attributes.get("numFmtId", "0")
            styles.append(int(number) if _digits(number) else 0)

    def end(tag: str) -> None:
        if tag.rpartition(":")[2] == "cellXfs":
            raise _EnoughError  # the fonts, fills and the rest are not read

    try:
        with contextlib.suppress(_EnoughError):
            _parse_events(
                _part(archive, info.filename, MAX_STYLES_BYTES),
                info.filename,
                start,
                end,
                lambda text: None,
            )
    except UnreadableError:
        return {}  # the table is read all the same; dates show as numbers
    found = {i: format_code(number, custom) for i, number in enumerate(styles)}
    return {i: code for i, code in found.items() if code is not None}


def _office_document(archive: zipfile.ZipFile) -> str:
    """The workbook part, as the package's relationships name it."""
    names = set(archive.namelist())
    if _RELATIONSHIPS not in names:
        return "xl/workbook.xml"
    found: list[str] = []

    def relationship(attributes: dict[str, str]) -> None:
        if attributes.get("Type", "").endswith("/officeDocument"):
            found.append(_resolve(PurePosixPath(""), attributes.get("Target", "")))

    _parse(
        _part(archive, _RELATIONSHIPS, MAX_BOOK_BYTES),
        _RELATIONSHIPS,
        {"Relationship": relationship},
    )
    return found[0] if found else "xl/workbook.xml"


def _resolve(folder: PurePosixPath, target: str) -> str:
    """A relationship's target as a member's name (targets are relative to the
    part's folder, or absolute from the package's root)."""
    parts: list[str] = []
    path = target if target.startswith("/") else f"{folder.as_posix()}/{target}"
    for piece in path.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The shared strings (each cell of text points at one), at most ``MAX_STRINGS``."""
    members = {info.filename.lower(): info.filename for info in archive.infolist()}
    member = members.get("xl/sharedstrings.xml")
    if member is None:
        return []
    data = _part(archive, member, MAX_STRINGS_BYTES)
    strings: list[str] = []
    text: list[str] = []
    depth = {"si": False, "t": False, "rPh": False}

    def start(tag: str, attributes: dict[str, str]) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag in depth:
            depth[tag] = True
        if tag == "si":
            text.clear()

    def end(tag: str) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag in depth:
            depth[tag] = False
        if tag == "si":
            strings.append("".join(text))
            if len(strings) > MAX_STRINGS:
                raise UnreadableError(
                    f"this workbook holds more than {MAX_STRINGS:,} texts, far more than "
                    "this data ever holds: is it the right file?",
                    "too-large",
                )

    def characters(data: str) -> None:
        if depth["si"] and depth["t"] and not depth["rPh"]:  # not the phonetic reading
            text.append(data)

    _parse_events(data, member, start, end, characters)
    return strings


# --- one sheet ----------------------------------------------------------------------------


def _parse_sheet(
    data: bytes,
    part: str,
    strings: list[str],
    dates: _Dates,
    name: str,
    max_rows: int,
    max_columns: int,
    head_rows: int | None,
) -> _Grid:
    """The sheet's cells; with ``head_rows``, only its first rows that hold a value."""
    grid = _Grid({}, [])
    state = _CellState(dates)

    def start(tag: str, attributes: dict[str, str]) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            state.begin_cell(attributes)
        elif tag == "row":
            if head_only_done():
                raise _EnoughError
            state.begin_row(attributes.get("r"))
        elif tag == "v":
            state.in_v, state.seen_v = True, True
        elif tag == "f":
            state.in_f, state.has_f = True, True
            state.formula_kind = attributes.get("t", "normal")
        elif tag == "t" and state.in_cell:
            state.in_t = True
        elif tag == "rPh":
            state.in_phonetic = True
        elif tag == "mergeCell" and len(grid.merged) < MAX_MERGED:
            grid.merged.append(attributes.get("ref", ""))

    def end(tag: str) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            _finish_cell(state, grid, strings, name, max_rows, max_columns)
        elif tag == "row" and grid.outside is not None:
            raise _EnoughError  # the row's last value far out is named; reading stops
        elif tag == "v":
            state.in_v = False
        elif tag == "f":
            state.in_f = False
        elif tag == "t":
            state.in_t = False
        elif tag == "rPh":
            state.in_phonetic = False

    def characters(text: str) -> None:
        if state.in_v:
            state.value.append(text)
        elif state.in_f:
            state.formula.append(text)
        elif state.in_t and not state.in_phonetic:
            state.inline.append(text)

    def head_only_done() -> bool:
        return head_rows is not None and len(grid.cells) >= head_rows

    with contextlib.suppress(_EnoughError):
        _parse_events(data, part, start, end, characters)
    if head_rows is None and grid.outside is None:
        _fill_merged(grid)
    return grid


def _fill_merged(grid: _Grid) -> None:
    """Cells merged down a column read as the value the analyst sees in each of
    their rows: a municipality typed once beside its three officers, merged, is
    the municipality of the three rows (the file holds it in the first only).
    Only rows that hold another value are filled (a merge reaching into empty
    rows does not make rows of them); merges across columns are left as the file
    holds them, the value in their first column."""
    rows = sorted(grid.cells)
    filled = 0
    for reference in grid.merged:
        first, _, last = reference.partition(":")
        top, bottom = _REFERENCE.fullmatch(first), _REFERENCE.fullmatch(last)
        if top is None or bottom is None or top[1] != bottom[1]:
            continue
        column, start, end = _column_number(top[1]), int(top[2]), int(bottom[2])
        value = grid.cells.get(start, {}).get(column, "")
        if value in ("", REPORTED, EXCEL_ERROR):
            continue
        for row in rows[bisect.bisect_right(rows, start) : bisect.bisect_right(rows, end)]:
            grid.cells[row].setdefault(column, value)
            filled += 1
            if filled > MAX_CELLS:  # overlapping merges, which Excel never writes
                return


class _CellState:
    """What is known of the row and the cell being read."""

    def __init__(self, dates: _Dates) -> None:
        self.dates = dates
        self.style: str | None = None
        self.row = 0
        self.column = 0
        self.bad_reference: str | None = None
        self.kind = ""
        self.in_cell = self.in_v = self.in_f = self.in_t = self.in_phonetic = False
        self.seen_v = self.has_f = False
        self.formula_kind = "normal"
        self.value: list[str] = []
        self.formula: list[str] = []
        self.inline: list[str] = []

    def begin_row(self, number: str | None) -> None:
        self.row = int(number) if number is not None and _digits(number) else self.row + 1
        self.column = 0

    def begin_cell(self, attributes: dict[str, str]) -> None:
        self.in_cell, self.seen_v, self.has_f = True, False, False
        self.kind = attributes.get("t", "n")
        self.style = attributes.get("s")
        self.value, self.formula, self.inline = [], [], []
        self.bad_reference = None
        reference = attributes.get("r")
        if reference is None:
            self.column += 1
            return
        match = _REFERENCE.fullmatch(reference)
        if match is None:
            self.bad_reference = reference
            return
        self.column = _column_number(match[1])
        self.row = int(match[2])


def _finish_cell(
    state: _CellState,
    grid: _Grid,
    strings: list[str],
    name: str,
    max_rows: int,
    max_columns: int,
) -> None:
    state.in_cell = False
    row, column = state.row, state.column
    cell = cell_name(row, column)

    def problem(code: str, message: str) -> None:
        grid.problems.append(Problem(name, row, None, code, message, column - 1))

    value, trouble = _cell_value(state, strings)
    if value == "" and trouble is None:
        return  # an empty cell (a formatted one) says nothing
    if state.bad_reference is not None:
        grid.problems.append(
            Problem(
                name,
                None,
                None,
                "bad-cell",
                f"a cell is written with the reference '{state.bad_reference}', which is not a "
                f"cell of a sheet; the workbook is damaged: {_AGAIN}",
            )
        )
        return
    if not (1 <= row <= _LAST_ROW and 1 <= column <= _LAST_COLUMN) or (
        row > max_rows or column > max_columns
    ):
        if grid.outside is None or grid.outside.row == row:
            grid.outside = Problem(
                name,
                row,
                None,
                "outside-table",
                f"cell {cell} holds a value far outside the table (which may reach row "
                f"{max_rows:,} and column {column_letters(max_columns)}): delete it, or move "
                "the data up",
            )
        return
    if len(grid.problems) >= MAX_CELL_PROBLEMS:
        grid.problems.append(
            Problem(
                name,
                row,
                None,
                "too-many-problems",
                f"more than {MAX_CELL_PROBLEMS:,} cells above are damaged; the rest of the sheet "
                f"is not read: {_AGAIN}",
            )
        )
        raise _EnoughError
    grid.count += 1
    if grid.count > MAX_CELLS:
        raise UnreadableError(
            f"this workbook's sheet holds more than {MAX_CELLS:,} values, far more than this "
            "data ever holds (a year has about 40 offices and 100 officers): is it the right "
            "file?",
            "too-large",
        )
    cells = grid.cells.setdefault(row, {})
    if column in cells:
        problem(
            "duplicate-cell",
            f"cell {cell} is written twice in the workbook, with two values; the workbook "
            f"is damaged: {_AGAIN}",
        )
        cells[column] = REPORTED
        return
    if trouble is not None:
        problem(trouble[0], f"cell {cell} {trouble[1]}")
        value = REPORTED
    cells[column] = value


def _cell_value(state: _CellState, strings: list[str]) -> tuple[str, tuple[str, str] | None]:
    """The cell's text as Excel shows it, or why it holds none that can be read."""
    text = "".join(state.value)
    kind = state.kind
    if state.has_f and (not state.seen_v or (text == "" and kind != "str")):
        formula = "".join(state.formula)
        if state.formula_kind == "array":
            what = f"the array formula {{={formula}}}"
        elif formula:
            what = f"the formula ={formula}"
        else:
            what = "a formula (shared with the cells beside it)"
        return "", ("formula-without-value", f"holds {what} but no value for it: {_CALCULATE}")
    if kind == "inlineStr":
        return "".join(state.inline), None
    if not state.seen_v:
        return "", None
    if kind == "s":
        index = text.strip()
        if _digits(index) and int(index) < len(strings):
            return strings[int(index)], None
        return "", ("bad-cell", f"points at a text the workbook does not hold; {_AGAIN}")
    if kind in ("str", "d"):
        return text, None
    if kind == "e":
        return EXCEL_ERROR, None
    if kind == "b":
        if text.strip() in ("0", "1"):
            return ("TRUE" if text.strip() == "1" else "FALSE"), None
        return "", (
            "bad-cell",
            f"is marked as TRUE or FALSE but holds '{text[:40]}', which Excel never writes; "
            f"{_AGAIN}",
        )
    if kind == "n":
        number = text.strip()
        if number == "":
            return "", None
        if _NUMBER.fullmatch(number):
            shown = state.dates.text(state.style, number)
            return (_number_text(number) if shown is None else shown), None
        return "", (
            "bad-cell",
            f"is marked as a number but holds '{number[:40]}', which Excel never writes; "
            f"{_AGAIN}, or type the value",
        )
    return "", ("bad-cell", f"is of a type ('{kind[:20]}') that Excel never writes; {_AGAIN}")


def _number_text(number: str) -> str:
    """A number as the rows carry it: whole numbers without a decimal point."""
    if number.lstrip("+-").isdigit():
        return str(int(number))
    value = float(number)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


# --- XML ----------------------------------------------------------------------------------


def _parse(data: bytes, part: str, handlers: dict[str, Callable[[dict[str, str]], None]]) -> None:
    """Calls ``handlers[tag](attributes)`` for each element so named."""

    def start(tag: str, attributes: dict[str, str]) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        handler = handlers.get(tag)
        if handler is not None:
            handler(_local(attributes))

    _parse_events(data, part, start, lambda tag: None, lambda text: None)


def _parse_events(
    data: bytes,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    characters: Callable[[str], None],
) -> None:
    """Parses ``data`` with expat; the handlers take names as written, and
    drop their prefixes themselves (``x:row`` is ``row``: the cells are many,
    and a call less for each counts). A document type (where entities could
    multiply the text) is refused: no workbook has one."""
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def no_doctype(*_: object) -> None:
        raise UnreadableError(
            f"not a readable Excel workbook: its part {part} declares a document type"
        )

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise UnreadableError(
            f"not a readable Excel workbook: its part {part} is not valid XML "
            f"({expat.ErrorString(err.code)}, line {err.lineno})"
        ) from None


def _local(attributes: dict[str, str]) -> dict[str, str]:
    """Attributes by their names without prefixes (``r:id`` is ``id``)."""
    return {key.rpartition(":")[2]: value for key, value in attributes.items()}


# --- names --------------------------------------------------------------------------------


def _digits(text: str) -> bool:
    """ASCII digits only (``str.isdigit`` takes ``２`` and ``²`` too)."""
    return 0 < len(text) <= 10 and text.isascii() and text.isdigit()


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def cell_name(row: int, column: int) -> str:
    return f"{column_letters(column)}{row}"


def column_letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def megabytes(size: int) -> str:
    if size >= 10 * 2**20:
        return f"{size / 2**20:,.0f} MB"
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size / 2**10:,.0f} KB"
