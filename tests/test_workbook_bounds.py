"""Workbooks bounded in every part, and read as the analyst sees them (issues #17, #19).

Each workbook is built here, part by part, the way Excel writes one (shared
strings, ``xl/_rels``) or the way a hostile or careless program might: a
styles part of millions of fonts, a row numbered 999,999,999, a formula
without its value, a hidden sheet, a sheet inserted before the data. The
bombs are timed and their memory traced: under a second and 200 MB each.
"""

from __future__ import annotations

import re
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke, problems_of
from mocr_factsheet.data.load import read_table
from mocr_factsheet.data.workbooks import column_letters

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
SECOND = 1.0
MEMORY = 200 * 2**20


def cells_xml(rows: Sequence[Sequence[object]], strings: list[str]) -> str:
    """Rows as Excel writes them: text through the shared strings, numbers as numbers."""
    out: list[str] = []
    for number, row in enumerate(rows, start=1):
        cells: list[str] = []
        for index, value in enumerate(row, start=1):
            ref = f"{column_letters(index)}{number}"
            if value is None or value == "":
                continue
            if isinstance(value, str):
                if value not in strings:
                    strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        out.append(f'<row r="{number}">{"".join(cells)}</row>')
    return "".join(out)


def set_cell(xml: str, ref: str, cell: str) -> str:
    """The sheet's cells with the one at ``ref`` written as ``cell`` (XML)."""
    new, count = re.subn(rf'<c r="{ref}"[^>]*>.*?</c>', cell, xml, count=1)
    assert count == 1, ref
    return new


def sheet_xml(data: str) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>'


def write_workbook(
    path: Path,
    sheets: Sequence[tuple[str, str, str]],
    strings: Sequence[str] = (),
    extra: dict[str, bytes] | None = None,
) -> None:
    """A workbook of ``sheets`` (name, the sheet's XML, state) as Excel lays it out."""
    entries = "".join(
        f"<sheet name={quoteattr(name)} sheetId='{i}' r:id='rId{i}'"
        + (f" state='{state}'" if state != "visible" else "")
        + "/>"
        for i, (name, _, state) in enumerate(sheets, start=1)
    )
    rels = "".join(
        f"<Relationship Id='rId{i}' Type='{RELS}/worksheet' Target='worksheets/sheet{i}.xml'/>"
        for i in range(1, len(sheets) + 1)
    )
    members = {
        "[Content_Types].xml": "<Types xmlns='http://schemas.openxmlformats.org/package/2006/"
        "content-types'/>",
        "_rels/.rels": f"<Relationships xmlns='{PACKAGE}'><Relationship Id='rId1' "
        f"Type='{RELS}/officeDocument' Target='xl/workbook.xml'/></Relationships>",
        "xl/workbook.xml": f"<workbook xmlns='{MAIN}' xmlns:r='{RELS}'><sheets>{entries}"
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f"<Relationships xmlns='{PACKAGE}'>{rels}</Relationships>",
        "xl/sharedStrings.xml": f"<sst xmlns='{MAIN}'>"
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>",
    }
    members.update({f"xl/worksheets/sheet{i}.xml": s for i, (_, s, _) in enumerate(sheets, 1)})
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content.encode())
        for name, raw in (extra or {}).items():
            archive.writestr(name, raw)


def officers_rows(data: Path) -> list[list[object]]:
    csv_path = data / "2019" / "officers.csv"
    rows: list[list[object]] = [line.split(",") for line in csv_path.read_text().splitlines()]
    csv_path.unlink()
    return rows


def officers_workbook(
    data: Path,
    edit: Callable[[str], str] = lambda xml: xml,
    *,
    before: Sequence[tuple[str, str]] = (),
    state: str = "visible",
    extra: dict[str, bytes] | None = None,
) -> Path:
    """``2019/officers.csv`` as a workbook; ``edit`` changes its sheet's cells
    (XML), ``before`` puts sheets (name, state) in front of it."""
    strings: list[str] = []
    data_xml = sheet_xml(edit(cells_xml(officers_rows(data), strings)))
    others = [
        (name, sheet_xml(cells_xml([["See the next sheet"]], strings)), s) for name, s in before
    ]
    path = data / "2019" / "officers.xlsx"
    write_workbook(path, [*others, ("officers", data_xml, state)], strings, extra)
    return path


def measured(action: Callable[[], object]) -> tuple[float, int]:
    """Seconds of processor time ``action()`` costs (the clock on the wall says
    more about the other processes of a busy machine), and its peak traced
    memory (a second run: tracing slows Python down severalfold)."""
    started = time.process_time()
    action()
    seconds = time.process_time() - started
    tracemalloc.start()
    try:
        action()
        return seconds, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- the parts, bounded before they are parsed ----------------------------------------------


def test_excel_s_layout_with_shared_strings_reads_like_the_csv(data: Path) -> None:
    before = invoke("indicators", "--data", str(data), "--year", "2019", "--format", "json")
    officers_workbook(data)
    after = invoke("indicators", "--data", str(data), "--year", "2019", "--format", "json")
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout


def test_a_styles_part_of_millions_of_empty_fonts_is_never_parsed(data: Path) -> None:
    fonts = b"<font/>" * 2_500_000
    styles = f"<styleSheet xmlns='{MAIN}'><fonts count='2500000'>".encode() + fonts
    path = officers_workbook(data, extra={"xl/styles.xml": styles + b"</fonts></styleSheet>"})
    assert path.stat().st_size < 100_000
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/styles.xml").file_size > 16 * 2**20
    seconds, peak = measured(lambda: invoke("validate", "--data", str(data)))
    assert invoke("validate", "--data", str(data)).exit_code == 0
    assert seconds < SECOND and peak < MEMORY, (seconds, peak)


def test_a_row_numbered_999_999_999_is_one_cell_not_a_billion_rows(data: Path) -> None:
    far = '<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c></row>'
    officers_workbook(data, lambda xml: xml + far)
    seconds, peak = measured(lambda: problems_of(data))
    assert problems_of(data) == [
        "2019/officers.xlsx:999999999: cell A999999999 holds a value far outside the table "
        "(which may reach row 10,000 and column CV): delete it, or move the data up",
        "1 problem found.",
    ]
    assert seconds < SECOND and peak < MEMORY, (seconds, peak)


def test_an_empty_formatted_cell_far_out_is_harmless(data: Path) -> None:
    officers_workbook(
        data, lambda xml: xml + '<row r="999999999"><c r="XFD999999999" s="3"/></row>'
    )
    assert invoke("validate", "--data", str(data)).exit_code == 0


@pytest.mark.parametrize(
    ("member", "content", "message"),
    [
        (
            "xl/sharedStrings.xml",
            f"<sst xmlns='{MAIN}'>".encode() + b"<si/>" * 150_000 + b"</sst>",
            "this workbook holds more than 100,000 texts, far more than this data ever holds: "
            "is it the right file?",
        ),
        (
            "xl/sharedStrings.xml",
            b"<sst>" + b"<si><t>" + b"a" * 5 * 2**20 + b"</t></si></sst>",
            "this workbook's part xl/sharedStrings.xml unpacks to 5.0 MB, far more than this "
            "data ever holds (the limit is 4.0 MB): is it the right file?",
        ),
        (
            "xl/sharedStrings.xml",
            b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
            b'"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>',
            "not a readable Excel workbook: its part xl/sharedStrings.xml declares a document type",
        ),
        (
            "xl/worksheets/sheet1.xml",
            b"<worksheet><sheetData>" + b"<row>" + b"<c><v>1</v></c>" * 100 + b"</row>" * 1,
            "not a readable Excel workbook: its part xl/worksheets/sheet1.xml is not valid XML "
            "(no element found, line 1)",
        ),
    ],
    ids=["150,000 shared strings", "5 MB of text", "entities", "cut short"],
)
def test_a_part_past_its_bound_is_refused_before_it_is_parsed(
    data: Path, member: str, content: bytes, message: str
) -> None:
    path = officers_workbook(data)
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[member] = content
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    seconds, peak = measured(lambda: problems_of(data))
    assert problems_of(data) == [f"2019/officers.xlsx: {message}", "1 problem found."]
    assert seconds < SECOND and peak < MEMORY, (seconds, peak)


@pytest.mark.slow  # the traced run takes seconds
def test_a_sheet_of_a_few_kilobytes_holding_too_many_values_stops_in_time(data: Path) -> None:
    # Cells without references: each is the next one, so 250,000 values in 4 MB.
    rows = ("<row>" + "<c><v>1</v></c>" * 99 + "</row>") * 2_600
    path = officers_workbook(data, lambda xml: xml + rows)
    assert path.stat().st_size < 50_000
    seconds, peak = measured(lambda: problems_of(data))
    assert problems_of(data) == [
        "2019/officers.xlsx: this workbook's sheet holds more than 40,000 values, far more "
        "than this data ever holds (a year has about 40 offices and 100 officers): is it the "
        "right file?",
        "1 problem found.",
    ]
    assert seconds < SECOND and peak < MEMORY, (seconds, peak)


def test_a_zip_of_thousands_of_members_is_refused(data: Path) -> None:
    officers_workbook(data, extra={f"xl/media/{i}.bin": b"" for i in range(1_200)})
    assert problems_of(data) == [
        "2019/officers.xlsx: this workbook holds 1,206 files inside it, far more than any "
        "workbook does (the limit is 1,000): is it the right file?",
        "1 problem found.",
    ]


# --- cells that do not hold what Excel writes ----------------------------------------------


def test_an_array_formula_without_its_value_is_an_error_naming_the_cell(data: Path) -> None:
    officers_workbook(
        data,
        lambda xml: set_cell(xml, "C3", '<c r="C3"><f t="array" ref="C3">IF(1,"m")</f></c>'),
    )
    assert problems_of(data) == [
        '2019/officers.xlsx:3:gender: cell C3 holds the array formula {=IF(1,"m")} but no value '
        "for it: the workbook was written by a program that does not calculate. Open it in "
        "Excel (or LibreOffice) and save it, or type the value",
        "1 problem found.",
    ]


def test_a_formula_without_its_value_is_one_problem_among_the_others(data: Path) -> None:
    officers_workbook(
        data,
        lambda xml: set_cell(
            set_cell(
                set_cell(
                    set_cell(xml, "C3", '<c r="C3"><f>A1</f><v/></c>'),
                    "B4",
                    '<c r="B4" t="inlineStr"><is><t>x</t></is></c>',
                ),
                "C5",
                '<c r="C5" t="b"><v>2</v></c>',
            ),
            "A6",
            '<c r="A6"><v>1</v></c><c r="A6"><v>2</v></c>',
        ),
    )
    lines = problems_of(data)
    assert [line.split(" holds")[0].split(" is ")[0] for line in lines] == [
        "2019/officers.xlsx:3:gender: cell C3",
        "2019/officers.xlsx:4:community: 'x'",
        "2019/officers.xlsx:5:gender: cell C5",
        "2019/officers.xlsx:6:municipality: cell A6",
        "4 problems found.",
    ]
    assert "marked as TRUE or FALSE but holds '2', which Excel never writes" in lines[2]
    assert "cell A6 is written twice in the workbook" in lines[3]


def test_a_boolean_cell_reads_as_excel_shows_it(data: Path) -> None:
    officers_workbook(data, lambda xml: set_cell(xml, "C3", '<c r="C3" t="b"><v>1</v></c>'))
    assert problems_of(data)[0].startswith("2019/officers.xlsx:3:gender: 'TRUE' is not")


def test_a_number_cell_holding_text_is_named(data: Path) -> None:
    officers_workbook(data, lambda xml: set_cell(xml, "C2", '<c r="C2"><v>NaN</v></c>'))
    _, problems = read_table(
        data, "2019/officers", required=["municipality", "community", "gender"]
    )
    assert [str(p) for p in problems] == [
        "2019/officers.xlsx:2:gender: cell C2 is marked as a number but holds 'NaN', which "
        "Excel never writes; open it in Excel (or LibreOffice) and save it again, or type the "
        "value"
    ]


# --- which sheet --------------------------------------------------------------------------


def test_a_sheet_inserted_before_the_data_is_passed_over(data: Path) -> None:
    before = invoke("indicators", "--data", str(data), "--year", "2019", "--format", "json")
    officers_workbook(data, before=[("Read me", "visible")])
    after = invoke("indicators", "--data", str(data), "--year", "2019", "--format", "json")
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout


def test_a_hidden_sheet_before_the_data_is_passed_over(data: Path) -> None:
    officers_workbook(data, before=[("lists", "hidden")])
    assert invoke("validate", "--data", str(data)).exit_code == 0


def test_a_table_on_a_hidden_sheet_is_never_read_silently(data: Path) -> None:
    officers_workbook(data, before=[("Read me", "visible")], state="hidden")
    assert problems_of(data) == [
        "2019/officers.xlsx: the table is on the sheet 'officers', which is hidden: show it "
        "(right-click a sheet's tab, then Unhide) so that what is read is what you see",
        "1 problem found.",
    ]


def test_a_workbook_whose_header_row_was_deleted_is_told_so_not_sent_to_its_lists(
    data: Path,
) -> None:
    """new-year's workbook keeps its drop-downs on a hidden sheet headed
    "municipality"; with the data sheet's header row deleted, that one name made
    the hidden sheet the table's, and the analyst was told to unhide it (analyst
    review, session 20). The data sheet is read, and its missing header named."""
    import openpyxl

    assert invoke("new-year", "2020", "--data", str(data), "--format", "xlsx").exit_code == 0
    path = data / "2020" / "duties.xlsx"
    book = openpyxl.load_workbook(path)
    assert [s.sheet_state for s in book.worksheets] == ["visible", "hidden"]
    book.worksheets[0].delete_rows(1)
    book.save(path)
    found = problems_of(data)
    assert not any("hidden" in line for line in found), found
    assert "2020/duties.xlsx:1: the column 'municipality' is missing" in found


def test_two_sheets_holding_the_table_are_refused(data: Path) -> None:
    rows = officers_rows(data)
    strings: list[str] = []
    sheets = [(n, sheet_xml(cells_xml(rows, strings)), "visible") for n in ("2019", "2019 (2)")]
    write_workbook(data / "2019" / "officers.xlsx", sheets, strings)
    assert problems_of(data) == [
        "2019/officers.xlsx: the sheets '2019' and '2019 (2)' both hold the table's header, so "
        "it is not clear which one to read: keep the data on one sheet and delete the other",
        "1 problem found.",
    ]


# --- other programs' files -----------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_a_spreadsheet_in_another_format_is_asked_for_as_xlsx(data: Path, suffix: str) -> None:
    csv_path = data / "2019" / "officers.csv"
    csv_path.rename(csv_path.with_suffix(suffix))
    lines = problems_of(data)
    assert lines[-1] == "1 problem found."
    assert lines[0].startswith(f"2019/officers{suffix}: ")
    assert "save it as an Excel workbook (.xlsx)" in lines[0]


# --- a column of the analyst's own remarks --------------------------------------------------


@pytest.mark.parametrize("name", ["Comments", "notes", "Shënime", "Napomene", "напомене"])
def test_a_comments_column_is_accepted_and_never_read(data: Path, name: str) -> None:
    before = invoke("indicators", "--data", str(data), "--year", "2019", "--format", "json")
    rows = officers_rows(data)
    rows[0].append(name)
    rows[2].append("phoned her;\nto check again =A1 #N/A")
    strings: list[str] = []
    write_workbook(
        data / "2019" / "officers.xlsx",
        [("officers", sheet_xml(cells_xml(rows, strings)), "visible")],
        strings,
    )
    after = invoke("indicators", "--data", str(data), "--year", "2019", "--format", "json")
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout


def test_a_comments_column_in_csv_is_accepted(data: Path) -> None:
    path = data / "2019" / "offices.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[0] += ";Comments"
    lines[1] += ';"asked twice; no answer"'
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert invoke("validate", "--data", str(data)).exit_code == 0


# --- any cell a program might write ----------------------------------------------------------

REFERENCE = st.one_of(
    st.none(),
    st.sampled_from(["A1", "B2", "C3", "CV9", "CW2", "A10001", "XFD1048576", "A999999999"]),
    st.sampled_from(["A0", "1A", "AAAA1", "a1", "", "Ｂ２", "B2 "]),
)
KIND = st.sampled_from([None, "n", "s", "str", "inlineStr", "b", "e", "d", "x", ""])
VALUE = st.one_of(
    st.none(),
    st.sampled_from(["0", "1", "2", "-1.5e3", "NaN", "inf", "99999999999", "#N/A", " 7 "]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=8),
)
FORMULA = st.one_of(
    st.none(),
    st.sampled_from(["<f>A1</f>", '<f t="array" ref="A1:B2">1</f>', '<f t="shared" si="0"/>']),
)


@st.composite
def cell_xml(draw: st.DrawFn) -> str:
    ref, kind, value, formula = draw(REFERENCE), draw(KIND), draw(VALUE), draw(FORMULA)
    attributes = (f" r={quoteattr(ref)}" if ref is not None else "") + (
        f" t={quoteattr(kind)}" if kind is not None else ""
    )
    inner = formula or ""
    if kind == "inlineStr":
        inner += f"<is><t>{escape(value or '')}</t></is>"
    elif value is not None:
        inner += f"<v>{escape(value)}</v>"
    return f"<c{attributes}>{inner}</c>"


@pytest.mark.slow
@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "1", "2", "3", "0", "x", "1048577"]),
            st.lists(cell_xml(), max_size=4),
        ),
        max_size=5,
    ),
    st.lists(st.sampled_from(["visible", "hidden", "veryHidden"]), min_size=1, max_size=3),
)
def test_any_cells_are_read_or_named(
    tmp_path: Path, rows: list[tuple[str | None, list[str]]], states: list[str]
) -> None:
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>municipality</t></is></c></row>'
    body = "".join(
        (f"<row r={quoteattr(number)}>" if number is not None else "<row>")
        + "".join(cells)
        + "</row>"
        for number, cells in rows
    )
    sheets = [(f"s{i}", sheet_xml(header + body), state) for i, state in enumerate(states)]
    write_workbook(tmp_path / "any.xlsx", sheets, ["x", "municipality"])
    started = time.process_time()
    table, problems = read_table(tmp_path, "any", required=["municipality", "community"])
    assert time.process_time() - started < SECOND
    assert table is not None or problems
    for problem in problems:
        assert str(problem).isprintable() or "\\" in str(problem)
        assert problem.message.strip()


def test_a_header_cell_without_its_value_is_said_once(data: Path) -> None:
    officers_workbook(data, lambda xml: set_cell(xml, "B1", '<c r="B1"><f>"community"</f></c>'))
    assert problems_of(data) == [
        '2019/officers.xlsx:1: cell B1 holds the formula ="community" but no value for it: the '
        "workbook was written by a program that does not calculate. Open it in Excel (or "
        "LibreOffice) and save it, or type the value",
        "1 problem found.",
    ]
