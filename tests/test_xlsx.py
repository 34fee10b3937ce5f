"""The downloads' workbooks as written by render/xlsx.py, read back by openpyxl
(what a script reads them with) and by the tool's own reader: every value as it
was given, text never a formula, the header bold and frozen, the widths, the
file's properties, every part well-formed XML, the same bytes for the same sheets."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from mocr_factsheet.data.workbooks import read_workbook
from mocr_factsheet.render.xlsx import (
    BOLD,
    BOLD_WRAPPED,
    WRAPPED,
    Properties,
    Sheet,
    column_letter,
    workbook_bytes,
)

MOMENT = datetime(2019, 12, 1)
PROPERTIES = Properties("Shifrat 2019", "sq", "Të dhëna ilustruese.", "mocr-factsheet", MOMENT)


def test_a_workbook_reads_back_as_it_was_written() -> None:
    table = Sheet(
        'Zyrtarët & "komunitetet" <1>',
        [
            ("Kodi", "Komuna", "Numri", "Pjesa (%)"),
            ("decan", "Deçan/Dečane", 4, 50.0),
            ("x", "  =1+1 ", None, 12.5),
            ("", "dy\nrreshta", 0, None),
        ],
        (7, 14.5, 8, 11),
        {(1, c): BOLD for c in range(1, 5)},
        frozen_header=True,
    )
    notice = Sheet(
        "Shënime", [["E para."], ["E dyta."]], (100,), {(1, 1): BOLD_WRAPPED, (2, 1): WRAPPED}
    )
    book = load_workbook(io.BytesIO(workbook_bytes([notice, table], PROPERTIES)))
    assert book.sheetnames == ["Shënime", 'Zyrtarët & "komunitetet" <1>']
    front, sheet = book.worksheets
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Kodi", "Komuna", "Numri", "Pjesa (%)"],
        ["decan", "Deçan/Dečane", 4, 50.0],
        ["x", "  =1+1 ", None, 12.5],  # text as typed, spaces kept, no formula
        [None, "dy\nrreshta", 0, None],
    ]
    assert isinstance(sheet["C2"].value, int) and isinstance(sheet["D2"].value, float)
    assert [c.font.b for c in sheet[1]] == [True] * 4 and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2" and front.freeze_panes is None
    assert {k: d.width for k, d in sheet.column_dimensions.items()} == {
        "A": 7, "B": 14.5, "C": 8, "D": 11,
    }  # fmt: skip
    assert front["A1"].font.b and front["A1"].alignment.wrap_text
    assert front["A2"].alignment.vertical == "top" and not front["A2"].font.b
    p = book.properties
    assert (p.title, p.language, p.description, p.creator, p.lastModifiedBy) == (
        "Shifrat 2019", "sq", "Të dhëna ilustruese.", "mocr-factsheet", "mocr-factsheet",
    )  # fmt: skip
    assert p.created == p.modified == MOMENT


def test_every_part_is_well_formed_and_dated_as_the_data() -> None:
    data = workbook_bytes([Sheet("a", [("x",), (1,)])], PROPERTIES)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        for info in archive.infolist():
            ElementTree.fromstring(archive.read(info))
            assert info.date_time == (2019, 12, 1, 0, 0, 0)
    assert data == workbook_bytes([Sheet("a", [("x",), (1,)])], PROPERTIES)


def test_the_tool_s_own_reader_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "offices.xlsx"
    rows = [("municipality", "status"), ("decan", "established"), ("junik", "not_established")]
    path.write_bytes(workbook_bytes([Sheet("offices", rows)], PROPERTIES))
    records, problems = read_workbook(
        path,
        "offices.xlsx",
        known=("municipality", "status"),
        clean=str.strip,
        max_rows=100,
        max_columns=10,
    )
    assert problems == []
    assert records == [list(r) for r in rows]


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == [
        "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


@given(st.text(max_size=40))
def test_any_text_is_read_back_as_written_but_what_xml_cannot_hold(text: str) -> None:
    """Characters XML 1.0 cannot hold (control characters but tab and line
    breaks) are left out; everything else comes back as written."""
    book = load_workbook(io.BytesIO(workbook_bytes([Sheet("a", [(text, "end")])], PROPERTIES)))
    kept = "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or not (ord(ch) < 32 or ch in "\ufffe\uffff" or 0xD800 <= ord(ch) < 0xE000)
    )
    # XML reads a line break written as CR or CR LF as LF.
    kept = kept.replace("\r\n", "\n").replace("\r", "\n")
    assert book.worksheets[0]["A1"].value == (kept or None)
    assert book.worksheets[0]["B1"].value == "end"
