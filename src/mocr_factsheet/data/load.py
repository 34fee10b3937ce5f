"""Reading: CSV or Excel files under the data folder into tables of trimmed strings.

This layer knows files, encodings and delimiters; it knows nothing of what
the cells mean. Each row keeps the line an editor shows, so that every
problem found later can point at it.
"""

from __future__ import annotations

import codecs
import difflib
import io
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mocr_factsheet.data.workbooks import (
    EXCEL_ERROR,
    REPORTED,
    cell_name,
    megabytes,
    read_workbook,
)
from mocr_factsheet.problems import Problem

# Letters that Albanian and Serbian text is full of; the encoding that turns
# the most bytes into these is the likeliest one.
_EXPECTED_LETTERS = set("ëçčćšžđËÇČĆŠŽĐ")
_CANDIDATE_ENCODINGS = ("cp1250", "iso-8859-2", "cp1252", "iso-8859-1")
# How much of a file that is not UTF-8 its encoding is guessed from.
_GUESS_BYTES = 2**16
# Spreadsheets that are not read, and what they are (docs/reliability.md says why).
_OTHER_SPREADSHEETS = {
    ".ods": "a LibreOffice spreadsheet (.ods)",
    ".xls": "an Excel 97-2003 workbook (.xls)",
    ".xlsm": "a macro-enabled Excel workbook (.xlsm)",
}
# A column of the analyst's own remarks beside the data: accepted and never read
# (docs/data-format.md). Editors keep such notes beside the rows they are about;
# refusing the column would send them elsewhere, where they are lost.
COMMENT_COLUMNS = frozenset(
    {
        *("comment", "comments", "note", "notes", "remark", "remarks"),
        *("koment", "komente", "komentet", "shënim", "shënime", "vërejtje", "verejtje"),
        *("komentar", "komentari", "napomena", "napomene", "beleška", "beleške"),
        *("коментар", "коментари", "напомена", "напомене", "белешка", "белешке"),
    }
)
# Problems after which the rest of a file is not read.
_STOPPED = frozenset({"open-quote", "unreadable-row"})
# Header problems after which the rows cannot be read into the right columns.
_UNUSABLE = frozenset({"missing-column", "duplicate-column"})
# What a cell is trimmed of: white space, and the invisible characters that
# copying from a web page or a PDF brings along (zero-width spaces, joiners,
# a byte-order mark inside the text).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# A workbook cell holding an error (#N/A, #VALUE!), as the rows carry it
# (REPORTED: a cell the workbook's reader has already reported).
_EXCEL_ERROR = EXCEL_ERROR

# How much a data file may hold. The largest has about 100 rows; a file far
# beyond these is refused before it is read, so that no input makes a process
# grow past a few hundred megabytes (docs/reliability.md has the figures).
MAX_FILE_BYTES = 10 * 2**20
MAX_RECORDS = 10_000
MAX_COLUMNS = 100
MAX_CELL = 1_000


@dataclass(frozen=True)
class Row:
    line: int  # the line an editor shows (or the workbook's row number)
    cells: dict[str, str]
    # Columns whose cell is already reported as unreadable (an Excel error, a
    # line break): nothing more is said about them.
    spoiled: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Table:
    file: str  # as given under the data folder: "2019/offices.csv"
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    # False where reading stopped early (an open quote): rows that seem to be
    # missing are then not reported as such.
    complete: bool = True

    @property
    def row_word(self) -> str:
        """What a message calls a row: a workbook's row, a text file's line."""
        return "row" if self.file.endswith(".xlsx") else "line"


def clean(cell: str) -> str:
    """A cell or header name as it is meant: trimmed of spaces and invisible marks."""
    return cell.strip().strip(_INVISIBLE).strip()


def find_table_file(data_dir: Path, stem: str) -> tuple[Path | None, list[Problem]]:
    """The ``.csv`` or ``.xlsx`` file for ``stem`` (e.g. ``2019/offices``)."""
    csv_path = data_dir / f"{stem}.csv"
    xlsx_path = data_dir / f"{stem}.xlsx"
    if csv_path.is_file() and xlsx_path.is_file():
        return None, [
            Problem(
                f"{stem}.csv",
                None,
                None,
                "both-csv-and-xlsx",
                f"both {stem}.csv and {stem}.xlsx exist; keep only one of them",
            )
        ]
    other = next((s for s in _OTHER_SPREADSHEETS if (data_dir / f"{stem}{s}").is_file()), None)
    for path in (csv_path, xlsx_path):
        if path.is_file():
            if other is None:
                return path, []
            # The same table saved again in another format beside it (LibreOffice's
            # "Keep current format"): which one holds the latest figures is not ours
            # to guess, and reading the old one would publish them (CLI review).
            name = Path(stem).name
            instead = "over it" if path.suffix == ".xlsx" else f"and delete {name}.csv"
            return None, [
                _other_spreadsheet(
                    stem,
                    other,
                    f"both {name}{path.suffix} and {name}{other} exist, and the tool reads "
                    f"only {name}{path.suffix}: if {name}{other} holds your latest changes, "
                    f"save it as {name}.xlsx {instead}; otherwise delete {name}{other}",
                )
            ]
    for path in (csv_path, xlsx_path):
        if path.exists() or path.is_symlink():  # a folder, a pipe, a link to nothing
            what = "a folder" if path.is_dir() else "not a regular file"
            if not path.exists():
                what = "a link to a file that does not exist"
            return None, [
                Problem(
                    f"{stem}{path.suffix}",
                    None,
                    None,
                    "not-a-file",
                    f"this is {what}; the table must be a .csv file or a .xlsx workbook",
                )
            ]
    # A spreadsheet saved in another program's format: asked for as a workbook.
    if other is not None:
        return None, [
            _other_spreadsheet(
                stem,
                other,
                f"this is {_OTHER_SPREADSHEETS[other]}, which the tool does not read: open it "
                f"and save it as an Excel workbook (.xlsx), named {Path(stem).name}.xlsx",
            )
        ]
    # Windows does not mind 'Offices.CSV'; the machine that builds the sheets does.
    folder = csv_path.parent
    wanted = {csv_path.name.casefold(), xlsx_path.name.casefold()}
    near: list[str] = []
    if folder.is_dir():
        near = sorted(p.name for p in folder.iterdir() if p.name.casefold() in wanted)
    found = (
        f"; there is '{near[0]}': rename it to {Path(stem).name}{Path(near[0]).suffix.lower()}"
        if near
        else " (nor a .xlsx workbook)"
    )
    return None, [Problem(f"{stem}.csv", None, None, "missing-file", f"file not found{found}")]


def _other_spreadsheet(stem: str, suffix: str, message: str) -> Problem:
    return Problem(f"{stem}{suffix}", None, None, "other-spreadsheet", message)


def guess_encoding(raw: bytes) -> str:
    """The likeliest single-byte encoding of text that is not UTF-8."""
    if _looks_cyrillic(raw):
        return "cp1251"
    best, best_score = _CANDIDATE_ENCODINGS[0], -1
    for encoding in _CANDIDATE_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(ch in _EXPECTED_LETTERS for ch in text)
        if score > best_score:
            best, best_score = encoding, score
    return best


def _looks_cyrillic(raw: bytes) -> bool:
    """Whether the bytes read as Windows-1251 give whole Cyrillic words.

    Latin Serbian in Windows-1250 also decodes to Cyrillic letters there, but
    one at a time inside Latin words (``Deиane``); Cyrillic text gives words of
    Cyrillic letters only.
    """
    words = re.findall(r"[^\W\d_]+", raw.decode("cp1251", errors="replace"))
    cyrillic = sum(all("\u0400" <= ch <= "\u04ff" for ch in w) for w in words)
    mixed = sum(
        any("\u0400" <= ch <= "\u04ff" for ch in w) and any(ch.isascii() for ch in w) for w in words
    )
    return cyrillic > 0 and cyrillic > mixed


def decode(raw: bytes, name: str, encoding: str | None) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM); otherwise ``encoding`` if given, else an explanation."""
    # The mark is taken off first, so that positions count in the file's own
    # bytes; in front of text in another encoding (an editor added it) it says
    # nothing of the rest, which is read and guessed without it.
    raw = raw.removeprefix(codecs.BOM_UTF8)
    # UTF-16 without its mark: every other byte of Latin text is a NUL. A stray
    # NUL in UTF-8 text is a character like any other, reported in its cell.
    sample = raw[:_GUESS_BYTES]
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        8 * sample.count(b"\x00") >= len(sample) > 0
    )
    line, bad = 1, ""
    if not utf16:
        try:
            return raw.decode("utf-8"), []
        except UnicodeDecodeError as err:
            # Lines as editors (and csv.reader) count them: \r\n, \n, or \r alone
            # (what "CSV (Macintosh)" writes).
            before = raw[: err.start]
            line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
            bad = raw[err.start : err.start + 1].hex()
    if encoding is not None:
        try:
            return raw.decode(encoding), []
        except (ValueError, LookupError) as err:  # a codec may raise any UnicodeError
            return None, [_not_in_encoding(name, raw, encoding, err)]
    save = "as 'CSV UTF-8' in Excel" if name.endswith(".csv") else "as UTF-8 in your editor"
    if utf16:
        excel = " (what Excel's 'Unicode Text' writes)" if name.endswith(".csv") else ""
        return None, [
            Problem(
                name,
                None,
                None,
                "not-utf8",
                f"this is UTF-16{excel}, not UTF-8. "
                f"Save it again {save}, or run again with --encoding utf-16",
            )
        ]
    # The start of the file tells its encoding as well as the whole would.
    likely = guess_encoding(sample)
    hint = " (what Excel in the region writes)" if likely == "cp1250" else ""
    return None, [
        Problem(
            name,
            line,
            None,
            "not-utf8",
            f"not valid UTF-8 (byte 0x{bad}); it is most likely {_display_encoding(likely)}"
            f"{hint}. Save it again {save}, or run again with "
            f"--encoding {likely}",
        )
    ]


def _not_in_encoding(name: str, raw: bytes, encoding: str, err: Exception) -> Problem:
    """A file that --encoding cannot read, in plain words: where, and what it
    likely is (not the codec's "can't decode byte 0x0a in position 1410")."""
    if isinstance(err, UnicodeDecodeError) and err.reason == "truncated data":
        what = "it ends in the middle of a character"
    elif isinstance(err, UnicodeDecodeError):
        what = f"byte {err.start + 1:,} (0x{raw[err.start]:02x}) is no character in it"
    else:
        what = "it holds what that encoding cannot read"
    likely = guess_encoding(raw[:_GUESS_BYTES])
    return Problem(
        name,
        None,
        None,
        "bad-encoding",
        f"cannot be read as {encoding}: {what}; is --encoding right? This file looks like "
        f"{_display_encoding(likely)}: try --encoding {likely} (UTF-8 and UTF-16 files with "
        "their mark need none)",
    )


def _display_encoding(name: str) -> str:
    names = {"cp1250": "Windows-1250", "cp1251": "Windows-1251", "cp1252": "Windows-1252"}
    return names.get(name, name.upper())


def detect_delimiter(text: str, known: Sequence[str] = ()) -> str:
    """Comma or semicolon, as the header line is split.

    The header is the first line that names a ``known`` column when split on
    one of them (blank lines or a title may stand above it, a problem reported
    later); failing that, the first line that is not blank. Its delimiter is
    the one that names the most known columns, else the one it holds more of.
    """
    # Lines as csv.reader splits them (str.splitlines would also split on form
    # feeds and the like, and split the whole text to keep twelve lines).
    first = itertools.islice(io.StringIO(text, newline=""), 12)
    lines = [line for line in first if line.strip()]
    wanted = set(known)
    for line in lines:
        named = {d: len(wanted & {clean(c).lower() for c in line.split(d)}) for d in ";,"}
        if any(named.values()):
            return max(";,", key=lambda d: named[d])
    header = lines[0] if lines else ""
    return ";" if header.count(";") > header.count(",") else ","


def _read_csv_records(
    text: str, known: Sequence[str]
) -> tuple[list[list[str]], list[int], Problem | None]:
    """Every record of CSV text, with the line each starts on, and the problem
    that stopped the reading early (a quote never closed, which takes in every
    line after it; a cell too long to be a value), if there is one.

    The ``csv`` module rather than pandas: a row with more cells than the header
    is then one problem among others, not an error that stops the reading.
    """
    import csv

    delimiter = detect_delimiter(text, known)
    # csv.reader splits lines on \n, \r and \r\n only, as editors count them.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    lines: list[int] = []
    next_line = 1
    try:
        for record in reader:
            records.append(record)
            lines.append(next_line)
            next_line = reader.line_num + 1
    except csv.Error as err:
        # Its field limit (131,072 characters) is a bound of ours too: a cell is
        # a name or a yes, and a longer one is a stray quote or the wrong file.
        rest = _text_from_line(text, next_line)
        if _open_quote(rest, delimiter):
            return records, lines, _open_quote_problem(next_line)
        if "field larger than field limit" in str(err):
            reason = (
                f"a cell in this row is longer than {csv.field_size_limit():,} characters; "
                "is this the right file?"
            )
        else:
            reason = f"this row cannot be read as CSV ({err})"
        return records, lines, Problem("", next_line, None, "unreadable-row", reason)
    if lines and _open_quote(_text_from_line(text, lines[-1]), delimiter):
        return records[:-1], lines[:-1], _open_quote_problem(lines[-1])
    return records, lines, None


def _text_from_line(text: str, line: int) -> str:
    """``text`` from the start of ``line`` (1-based, as csv.reader counts them)."""
    return "".join(io.StringIO(text, newline="").readlines()[line - 1 :])


def _open_quote(rest: str, delimiter: str) -> bool:
    """Whether the record that ``rest`` starts with opens a quote never closed.

    Quotes in a well-formed record come in pairs (a quote inside a quoted value
    is doubled); an odd count, where a value begins with a quote, is one never
    closed.
    """
    return rest.count('"') % 2 == 1 and re.search(rf'(^|[{delimiter}])[ \t]*"', rest) is not None


def _open_quote_problem(line: int) -> Problem:
    return Problem(
        "",
        line,
        None,
        "open-quote",
        'a quote (") opened in this row is never closed, so every line after it was read as '
        "one value and is not checked. Remove the quote, or close it",
    )


def unreadable_file(name: str, err: OSError) -> Problem:
    """The problem of a file that is there but cannot be read: locked by
    another program, not the user's to read, on a drive that went away."""
    reason = (err.strerror or type(err).__name__).lower()
    return Problem(
        name,
        None,
        None,
        "unreadable-file",
        f"cannot be read ({reason}): is it open in another program, or not yours to read? "
        "Close it there, or give yourself the right to read it, and run again",
    )


def check_file_size(path: Path, name: str, limit: int = MAX_FILE_BYTES) -> Problem | None:
    """A problem where ``path`` is far larger than any data file, before reading it."""
    size = path.stat().st_size
    if size <= limit:
        return None
    return Problem(
        name,
        None,
        None,
        "too-large",
        f"this file is {megabytes(size)}, far more than this data ever holds (a year has "
        f"about 40 offices and 100 officers; the limit is {megabytes(limit)}): "
        "is it the right file?",
    )


def read_records(
    path: Path, name: str, encoding: str | None, known: Sequence[str] = ()
) -> tuple[list[list[str]] | None, list[int], list[Problem]]:
    """Every record of the file as strings, with the line or row each starts on.

    A CSV file with a quote never closed gives its records up to that quote
    and the problem; ``known`` (the column names) helps find its delimiter.
    """
    try:
        too_large = check_file_size(path, name)
        if too_large is not None:
            return None, [], [too_large]
        if path.suffix == ".xlsx":
            # Opened first, so that a workbook locked by another program or
            # not the user's to read is said so (not "damaged").
            with path.open("rb"):
                pass
            records, problems = read_workbook(
                path,
                name,
                known=known,
                clean=clean,
                max_rows=MAX_RECORDS,
                max_columns=MAX_COLUMNS,
            )
            if records is None:
                return None, [], problems
            return records, list(range(1, len(records) + 1)), problems
        raw = path.read_bytes()
    except OSError as err:
        return None, [], [unreadable_file(name, err)]
    text, problems = decode(raw, name, encoding)
    if text is None:
        return None, [], problems
    if not text.strip():
        return [], [], []
    breaks = max(text.count("\n"), text.count("\r"))
    if breaks > MAX_RECORDS:
        return (
            None,
            [],
            [
                Problem(
                    name,
                    None,
                    None,
                    "too-many-rows",
                    f"this file has {breaks:,} lines, far more than this data ever has (a year has "
                    f"about 40 offices and 100 officers; the limit is {MAX_RECORDS:,}): "
                    "is it the right file?",
                )
            ],
        )
    records, lines, stopped = _read_csv_records(text, known)
    if stopped is None:
        return records, lines, []
    return records, lines, [stopped.located(name)]


def read_table(
    data_dir: Path,
    stem: str,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    encoding: str | None = None,
) -> tuple[Table | None, list[Problem]]:
    """Read ``stem`` (``.csv`` or ``.xlsx``) and check its header.

    Header names are trimmed and compared without case; cells are trimmed;
    empty lines are skipped. Returns None where the table cannot be used.
    """
    path, problems = find_table_file(data_dir, stem)
    if path is None:
        return None, problems
    name = path.relative_to(data_dir).as_posix()
    known = [*required, *optional]
    records, lines, problems = read_records(path, name, encoding, known)
    if records is None:
        return None, problems
    # An open quote: the rows after it are not there.
    complete = not any(p.code in _STOPPED for p in problems)
    # Blank lines (or empty rows in a workbook) above the header are skipped.
    start = next((i for i, record in enumerate(records) if any(map(clean, record))), None)
    if start is None:
        return None, [
            Problem(name, None, None, "empty-file", "the file is empty; it needs a header")
        ]
    if REPORTED in records[start]:  # a header cell already reported (a formula without value)
        return None, problems
    if _EXCEL_ERROR in records[start]:
        column = records[start].index(_EXCEL_ERROR) + 1
        # Only a workbook holds one: its cell named as Excel shows it (B1).
        where = f"the header's cell {cell_name(lines[start], column)}"
        return None, [
            Problem(
                name,
                lines[start],
                None,
                "excel-error",
                f"{where} is an Excel error value (#N/A, #VALUE!, …): type the column's name",
            )
        ]
    header = [clean(cell).lower() for cell in records[start]]
    misplaced = _misplaced_header(name, header, required, known, records, lines, start)
    if misplaced is not None:
        return None, [misplaced]
    problems.extend(check_header(name, lines[start], header, required, known))
    if any(p.code in _UNUSABLE for p in problems):
        return None, problems  # the rows cannot be read into the right columns
    rows, found = _rows(name, header, known, records[start + 1 :], lines[start + 1 :])
    problems.extend(found)
    return Table(name, tuple(header), tuple(rows), complete), problems


def _misplaced_header(
    name: str,
    header: Sequence[str],
    required: Sequence[str],
    known: Sequence[str],
    records: Sequence[Sequence[str]],
    lines: Sequence[int],
    start: int,
) -> Problem | None:
    """One clear problem where the first row is not a header at all: a
    tab-separated file, or a title row above the real header."""
    line = lines[start]
    if not set(header) & set(known) and any("\t" in cell for cell in header):
        return Problem(
            name,
            line,
            None,
            "tab-separated",
            "the header is separated by tabs, not commas or semicolons (Excel's 'Text (Tab "
            "delimited)'). Save it again as 'CSV UTF-8'",
        )
    if set(header) & set(known):
        return None
    for record, below in zip(records[start + 1 : start + 11], lines[start + 1 :], strict=False):
        # Most of the required names: the header may have a typo of its own.
        if 2 * len(set(required) & {clean(cell).lower() for cell in record}) > len(required):
            return Problem(
                name,
                line,
                None,
                "header-not-first",
                f"row {below} looks like the header: the header must be the first row. "
                f"Delete the row{'s' if below - line > 1 else ''} above it",
            )
    return None


def check_header(
    name: str, line: int, header: Sequence[str], required: Sequence[str], known: Sequence[str]
) -> list[Problem]:
    """Unknown, repeated and missing columns: a typo must not silently drop data."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for column in header:
        if not column:
            continue
        if column in seen:
            problems.append(
                Problem(
                    name, line, column, "duplicate-column", "this column appears twice; keep one"
                )
            )
        seen.add(column)
        if column not in known and column not in COMMENT_COLUMNS:
            close = difflib.get_close_matches(column, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    "unknown-column",
                    f"unknown column '{column}'; {hint}the columns are: {', '.join(known)}",
                )
            )
    for column in required:
        if column not in seen:
            problems.append(
                Problem(name, line, None, "missing-column", f"the column '{column}' is missing")
            )
    return problems


def _rows(
    name: str,
    header: Sequence[str],
    known: Sequence[str],
    records: Sequence[Sequence[str]],
    lines: Sequence[int],
) -> tuple[list[Row], list[Problem]]:
    """The data rows, cleaned, every known column present (empty where missing)."""
    rows: list[Row] = []
    problems: list[Problem] = []
    for line, record in zip(lines, records, strict=True):
        cells = {column: "" for column in known}
        spoiled: set[str] = set()
        for position, (column, cell) in enumerate(zip(header, record, strict=False)):
            if column in COMMENT_COLUMNS and column not in cells:
                continue  # the analyst's own remarks: anything goes
            if not column:
                # A value under a column with no name, whatever it holds: said
                # once, with its cell, by _stray_cells (name the column or delete it).
                continue
            value = clean(cell)
            unreadable = _unreadable(value)
            if unreadable is not None:
                if unreadable:
                    problems.append(
                        Problem(name, line, column, "unreadable-cell", unreadable, position)
                    )
                spoiled.add(column)
            elif column in cells:
                cells[column] = value
        # A row holding nothing but a remark in the comments column (a note under
        # the table) is no data row: it is skipped like a blank one (CLI review).
        blank = not any(
            clean(cell)
            for column, cell in itertools.zip_longest(header[: len(record)], record)
            if column is None or column not in COMMENT_COLUMNS or column in known
        )
        stray = _stray_cells(name, line, header, record)
        if stray:
            problems.append(Problem(name, line, None, "extra-cells", stray))
        elif not blank and (cut := [c for c in header[len(record) :] if c in known]):
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    "short-row",
                    f"this row ends before the column{'s' if len(cut) > 1 else ''} "
                    f"{', '.join(cut)}: a separator is missing (an unknown value is an empty "
                    "cell, but its separator stays)",
                )
            )
        if not blank:  # else an empty line, or a row left blank in Excel
            rows.append(Row(line, cells, frozenset(spoiled)))
    return rows, problems


def _unreadable(value: str) -> str | None:
    """Why a cleaned cell holds no value that can be checked, if it does not
    (an empty reason where it is already reported)."""
    if value == REPORTED:
        return ""
    if value == _EXCEL_ERROR:
        return "an Excel error value (#N/A, #VALUE!, …), not a value: type the value itself"
    if "\n" in value or "\r" in value:
        return "this cell holds a line break; keep each value on one line"
    if len(value) > MAX_CELL:
        return (
            f"this cell holds {len(value):,} characters, more than any value needs "
            f"(at most {MAX_CELL:,}); is it in the right column?"
        )
    return None


def _stray_cells(name: str, line: int, header: Sequence[str], record: Sequence[str]) -> str | None:
    """What is wrong with a row holding values outside the header's columns, if it
    does: a value under a column with no name is named by its cell (``F5``) in a
    workbook, by its place in the row in a CSV file, with what it holds."""
    if any(map(clean, record[len(header) :])):
        return f"this row has {len(record)} cells, more than the header's {len(header)}"
    for position, (column, cell) in enumerate(zip(header, record, strict=False)):
        value = clean(cell)
        # A formula without its value is reported, by its cell, where it is read.
        if value and not column and value != REPORTED:
            if value == _EXCEL_ERROR:
                shown = "an Excel error value (#N/A, #VALUE!, …)"
            else:
                # On one line, as every problem is said: a line break as a space.
                text = " ".join(value.split())
                shown = f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
            if name.endswith(".xlsx"):
                where = f"cell {cell_name(line, position + 1)} holds {shown}"
            else:
                where = f"value {position + 1} of this row, {shown},"
            return (
                f"{where} under a column with no name in the header: name the column "
                "(comments, for a remark of your own), or delete the value"
            )
    return None
