"""Reading: CSV or Excel files under the data folder into tables of trimmed strings.

This layer knows files, encodings and delimiters; it knows nothing of what
the cells mean. Each row keeps the line an editor shows, so that every
problem found later can point at it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mocr_factsheet.problems import Problem

# Letters that Albanian and Serbian text is full of; the encoding that turns
# the most bytes into these is the likeliest one.
_EXPECTED_LETTERS = set("ëçčćšžđËÇČĆŠŽĐ")
_CANDIDATE_ENCODINGS = ("cp1250", "iso-8859-2", "cp1252", "iso-8859-1")


@dataclass(frozen=True)
class Row:
    line: int  # the line an editor shows (or the workbook's row number)
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    file: str  # as given under the data folder: "2019/offices.csv"
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


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
    if csv_path.is_file():
        return csv_path, []
    if xlsx_path.is_file():
        return xlsx_path, []
    return None, [
        Problem(f"{stem}.csv", None, None, "missing-file", "file not found (nor a .xlsx workbook)")
    ]


def guess_encoding(raw: bytes) -> str:
    """The likeliest single-byte encoding of text that is not UTF-8."""
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


def decode(raw: bytes, name: str, encoding: str | None) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM); otherwise ``encoding`` if given, else an explanation."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start : err.start + 1].hex()
    if encoding is not None:
        try:
            return raw.decode(encoding), []
        except (UnicodeDecodeError, LookupError) as err:
            return None, [
                Problem(name, None, None, "bad-encoding", f"cannot be read as {encoding}: {err}")
            ]
    likely = guess_encoding(raw)
    hint = " (what Excel in the region writes)" if likely == "cp1250" else ""
    return None, [
        Problem(
            name,
            line,
            None,
            "not-utf8",
            f"not valid UTF-8 (byte 0x{bad}); it is most likely {_display_encoding(likely)}"
            f"{hint}. Save it again as 'CSV UTF-8' in Excel, or run again with "
            f"--encoding {likely}",
        )
    ]


def _display_encoding(name: str) -> str:
    return {"cp1250": "Windows-1250", "cp1252": "Windows-1252"}.get(name, name.upper())


def detect_delimiter(text: str) -> str:
    """Comma or semicolon, whichever the header line holds more of."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _editor_lines(records: Sequence[Sequence[str]], first_line: int) -> list[int]:
    """The line each record starts on, counting newlines inside quoted cells."""
    lines: list[int] = []
    line = first_line
    for record in records:
        lines.append(line)
        line += 1 + sum(cell.count("\n") for cell in record)
    return lines


def read_records(
    path: Path, name: str, encoding: str | None
) -> tuple[list[list[str]] | None, list[int], list[Problem]]:
    """Every record of the file as strings, with the line or row each starts on."""
    import pandas as pd  # only the reading path pays for pandas

    if path.suffix == ".xlsx":
        try:
            frame = pd.read_excel(
                path, sheet_name=0, header=None, dtype=str, na_filter=False, engine="openpyxl"
            )
        except Exception as err:  # openpyxl raises many types for a damaged workbook
            return (
                None,
                [],
                [
                    Problem(
                        name, None, None, "bad-workbook", f"not a readable Excel workbook: {err}"
                    )
                ],
            )
        records = [[str(c) for c in row] for row in frame.itertuples(index=False)]
        return records, list(range(1, len(records) + 1)), []

    text, problems = decode(path.read_bytes(), name, encoding)
    if text is None:
        return None, [], problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return [], [], []
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=detect_delimiter(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
        )
    except pd.errors.ParserError as err:
        found = re.search(r"line (\d+), saw (\d+)", str(err))
        line = int(found.group(1)) if found else None
        detail = f"has {found.group(2)} cells, more than the header" if found else str(err)
        return None, [], [Problem(name, line, None, "bad-row", f"this row {detail}")]
    records = [[str(c) for c in row] for row in frame.itertuples(index=False)]
    return records, _editor_lines(records, 1), []


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
    records, lines, problems = read_records(path, name, encoding)
    if records is None:
        return None, problems
    if not records:
        return None, [
            Problem(name, None, None, "empty-file", "the file is empty; it needs a header")
        ]

    header = [cell.strip().lower() for cell in records[0]]
    known = list(required) + list(optional)
    seen: set[str] = set()
    for column in header:
        if column in seen and column:
            problems.append(
                Problem(name, 1, column, "duplicate-column", "this column appears twice")
            )
        seen.add(column)
    for column in header:
        if column and column not in known:
            problems.append(
                Problem(
                    name,
                    1,
                    column,
                    "unknown-column",
                    f"unknown column '{column}'; the columns are: {', '.join(known)}",
                )
            )
    missing = [c for c in required if c not in header]
    for column in missing:
        problems.append(
            Problem(name, 1, None, "missing-column", f"the column '{column}' is missing")
        )

    rows: list[Row] = []
    for line, record in zip(lines[1:], records[1:], strict=True):
        cells = {
            column: cell.strip()
            for column, cell in zip(header, record, strict=False)
            if column in known
        }
        extra = [cell for cell in record[len(header) :] if cell.strip()]
        if extra:
            problems.append(
                Problem(name, line, None, "extra-cells", "this row has more cells than the header")
            )
        if not any(cells.values()) and not extra:
            continue  # an empty line, or a row left blank in Excel
        rows.append(Row(line, cells))
    if missing:
        return None, problems
    return Table(name, tuple(header), tuple(rows)), problems
