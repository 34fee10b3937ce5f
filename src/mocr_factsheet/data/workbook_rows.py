"""A workbook's rows, read with the standard library alone, for fingerprints.

Deciding what a build must redo may not import openpyxl (a no-op build stays
light), yet one cell of ``offices.xlsx`` must rebuild only what the same edit
of ``offices.csv`` rebuilds. An ``.xlsx`` file is a zip of XML parts: this
module streams each worksheet's rows (``zipfile`` and ``xml.etree``'s
``iterparse``, one row in memory at a time) and gives every row as the text of
its cells (to find the municipality it names) and as a line that changes with
anything the reader could see in it: the value, its type, its style (a date
is a number with a date style), its formula.

What a save changes without changing what is read is left out, so that saving
a workbook does not rebuild every page: the document properties (the time it
was saved), the calculation chain, where the cursor and the window were
(``sheetViews``, ``bookViews``), the declared size of the sheet, the order of
the shared strings (a cell's string is taken, not its number). Everything else
(the styles, the sheets' list and states, the other parts of each sheet) is
part of what every row is read with (``shared``): a change there rebuilds
every output that reads the workbook.

Anything this reader does not expect (a damaged zip, XML it cannot parse, a
workbook larger than the loader accepts) gives None: the file is then hashed
whole, which rebuilds more, never less. The reading is bounded by the
workbook's unpacked size (checked before anything is unpacked); row and column
numbers are never used to size anything.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# Parts whose changes never change what the loader reads (see the module's text).
_IGNORED_PARTS = ("docProps/", "xl/calcChain.xml", "xl/printerSettings/", "xl/media/")
_IGNORED_IN_SHEET = {f"{_MAIN}sheetViews", f"{_MAIN}dimension"}
_IGNORED_IN_BOOK = {f"{_MAIN}bookViews", f"{_MAIN}fileVersion", f"{_MAIN}calcPr"}


@dataclass(frozen=True)
class Row:
    """A row: its cells' text by column number (for reading names), and one line
    that changes with anything the loader could read in it."""

    texts: dict[int, str]
    line: str


@dataclass(frozen=True)
class Workbook:
    shared: str  # the digest of every part each row is read with
    sheets: tuple[tuple[str, tuple[Row, ...]], ...]  # (part name, rows) in the zip's order


def read_workbook(path: Path, max_unpacked: int) -> Workbook | None:
    """The workbook's rows; None where it is not a workbook this module can read."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > max_unpacked:
                return None
            names = [info.filename for info in infos]
            strings = (
                _shared_strings(archive, "xl/sharedStrings.xml")
                if "xl/sharedStrings.xml" in names
                else []
            )
            shared = hashlib.sha256()
            sheets: list[tuple[str, tuple[Row, ...]]] = []
            for name in sorted(names):
                if name.startswith(_IGNORED_PARTS) or name == "xl/sharedStrings.xml":
                    continue
                shared.update(name.encode() + b"\0")
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as part:
                        rows, rest = _sheet(part, strings)
                    sheets.append((name, rows))
                    shared.update(rest.encode() + b"\0")
                elif name == "xl/workbook.xml":
                    with archive.open(name) as part:
                        shared.update(_without(part, _IGNORED_IN_BOOK).encode() + b"\0")
                else:
                    shared.update(hashlib.sha256(archive.read(name)).digest())
            return Workbook(shared.hexdigest(), tuple(sheets))
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        IndexError,  # a shared string's number beyond the table
        SyntaxError,  # ElementTree's ParseError
        EOFError,
        RuntimeError,  # an encrypted member; RecursionError: markup nested too deep
    ):
        return None


def _children(part: IO[bytes]) -> Iterator[tuple[int, Element]]:
    """Every element when it is complete, with its depth (the root's children: 1)."""
    depth = 0
    for event, element in iterparse(part, events=("start", "end")):
        if event == "start":
            depth += 1
        else:
            depth -= 1
            yield depth, element


def _without(part: IO[bytes], ignored: set[str]) -> str:
    """The part's top-level elements but ``ignored``, as text."""
    kept: list[str] = []
    for depth, element in _children(part):
        if depth == 1:
            if element.tag not in ignored:
                kept.append(_canonical(element))
            element.clear()
    return "\n".join(kept)


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[tuple[str, str]]:
    """Each shared string: its text, and its whole markup (rich text, phonetics)."""
    strings: list[tuple[str, str]] = []
    with archive.open(name) as part:
        for depth, element in _children(part):
            if depth == 1 and element.tag == f"{_MAIN}si":
                strings.append((_text(element), _canonical(element)))
                element.clear()
    return strings


def _text(element: Element) -> str:
    """A string item's text: its ``t`` runs, without the phonetic guides."""
    if (plain := element.find(f"{_MAIN}t")) is not None:
        return plain.text or ""
    return "".join(run.findtext(f"{_MAIN}t") or "" for run in element.iterfind(f"{_MAIN}r"))


def _sheet(part: IO[bytes], strings: list[tuple[str, str]]) -> tuple[tuple[Row, ...], str]:
    """A worksheet's rows, and the rest of it that the loader could read, as text."""
    rows: list[Row] = []
    rest: list[str] = []
    for depth, element in _children(part):
        if depth == 2 and element.tag == f"{_MAIN}row":
            rows.append(_row(element, strings))
            element.clear()
        elif depth == 1:
            if element.tag != f"{_MAIN}sheetData" and element.tag not in _IGNORED_IN_SHEET:
                rest.append(_canonical(element))
            element.clear()
    return tuple(rows), "\n".join(rest)


def _canonical(element: Element) -> str:
    """An element as text that depends on nothing but it (``tostring``'s namespace
    prefixes depend on what other modules registered)."""
    attributes = " ".join(f"{k}={v!r}" for k, v in sorted(element.attrib.items()))
    inner = "".join(_canonical(child) + (child.tail or "") for child in element)
    return f"<{element.tag} {attributes}>{element.text or ''}{inner}</>"


def _row(row: Element, strings: list[tuple[str, str]]) -> Row:
    texts: dict[int, str] = {}
    cells: list[str] = []
    column = 0
    for cell in row.iterfind(f"{_MAIN}c"):
        ref = cell.get("r")
        column = _column(ref) if ref else column + 1
        kind = cell.get("t", "n")
        value = cell.findtext(f"{_MAIN}v")
        formula = cell.find(f"{_MAIN}f")
        if kind == "s" and value is not None:
            text, markup = strings[int(value)]  # IndexError, ValueError: see below
            value = markup
        elif kind == "inlineStr" and (inline := cell.find(f"{_MAIN}is")) is not None:
            text = _text(inline)
            value = _canonical(inline)
        else:
            text = value or ""
        if value is None and formula is None:
            continue  # an empty cell, formatted or not, is read as empty
        if text:
            texts[column] = text
        formula_text = "" if formula is None else _canonical(formula)
        cells.append(f"{column}\x1e{kind}\x1e{cell.get('s', '')}\x1e{value}\x1e{formula_text}")
    return Row(texts, "\x1f".join(cells))


def _column(ref: str) -> int:
    """The column number of a cell reference (``B7``: 2)."""
    number = 0
    for char in ref:
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - ord("A") + 1
        elif char.isdigit():
            break
        else:
            raise ValueError(f"not a cell reference: {ref!r}")
    if not number:
        raise ValueError(f"not a cell reference: {ref!r}")
    return number
