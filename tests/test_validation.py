"""``mocr validate``: one tiny broken folder per rule of the contract, exact lines expected.

The rules are docs/contract.md §1 (the data folder) and §2 (the problem lines).

Each test copies ``tests/fixtures/small`` (which is valid), breaks exactly one
thing and checks the whole report: every problem line, in order, then the
count. Problem lines go to stderr; ``result.output`` holds stdout and stderr.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import Result

from helpers import DUTIES, SMALL, edit, invoke

STATUSES = "use one of: established, similar_office, not_established"
COMMUNITIES = (
    "use one of: albanian, serb, bosniak, turk, roma, ashkali, egyptian, gorani, "
    "montenegrin, croat, other"
)
NOTES_PARITY = "a sheet in one language must not say less than in another"
OPEN_QUOTE = (
    '2019/officers.csv:{line}: a quote (") opened in this row is never closed, so every line '
    "after it was read as one value and is not checked. Remove the quote, or close it"
)


# --- helpers ------------------------------------------------------------------


def validate(data: Path, *args: str) -> Result:
    return invoke("validate", "--data", str(data), *args)


def assert_problems(data: Path, expected: list[str], *args: str) -> None:
    """``validate`` exits 1 and reports exactly ``expected``, then their count."""
    result = validate(data, *args)
    assert result.exit_code == 1, result.output
    count = f"{len(expected)} problem{'s' if len(expected) != 1 else ''} found."
    assert result.stderr.splitlines() == [*expected, count]


def assert_valid(data: Path, *args: str) -> None:
    result = validate(data, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("no problems found.\n")
    assert result.stderr == ""


def indicators(data: Path, *args: str) -> dict[str, object]:
    """The 2019 figures, as ``mocr indicators --format json`` prints them."""
    result = invoke("indicators", "--year", "2019", "--data", str(data), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    figures: dict[str, object] = json.loads(result.stdout)
    return figures


def csv_to_workbook(
    csv_path: Path,
    *,
    blank_row_after: int | None = None,
    above: list[list[str]] | None = None,
    cells: dict[str, object] | None = None,
) -> Path:
    """The CSV as ``.xlsx`` (first sheet) in place of it: optionally with an
    empty sheet row inserted, rows ``above`` the header, and ``cells`` (like
    ``{"C3": "=NA()"}``) set afterwards."""
    text = csv_path.read_text("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for record in above or []:
        sheet.append(record)
    for number, record in enumerate(csv.reader(text.splitlines(), delimiter=delimiter), 1):
        sheet.append(record)
        if number == blank_row_after:
            sheet.append([])
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    xlsx_path = csv_path.with_suffix(".xlsx")
    book.save(xlsx_path)
    return xlsx_path


def test_the_small_fixture_is_valid(data: Path) -> None:
    assert_valid(data)


# --- files and values: encoding, workbooks, headers, delimiters -----------------


def test_windows_1250_is_rejected_with_the_fix(data: Path) -> None:
    officers = data / "2019" / "officers.csv"  # line 3 is "Dečane,serb,m"
    officers.write_bytes(officers.read_text("utf-8").encode("cp1250"))
    assert_problems(
        data,
        [
            "2019/officers.csv:3: not valid UTF-8 (byte 0xe8); it is most likely Windows-1250 "
            "(what Excel in the region writes). Save it again as 'CSV UTF-8' in Excel, "
            "or run again with --encoding cp1250"
        ],
    )


def test_encoding_option_reads_the_windows_1250_file_and_utf8_stays_utf8(data: Path) -> None:
    officers = data / "2019" / "officers.csv"
    officers.write_bytes(officers.read_text("utf-8").encode("cp1250"))
    # municipalities.csv and 2019/offices.csv stay UTF-8: read as cp1250 their
    # names would be mojibake and 'Dečane' would match nothing.
    assert_valid(data, "--encoding", "cp1250")
    assert indicators(data, "--encoding", "cp1250") == indicators(SMALL)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])  # with its BOM, and without
def test_utf16_from_excel_unicode_text_is_named_and_readable(data: Path, encoding: str) -> None:
    officers = data / "2019" / "officers.csv"
    officers.write_bytes(officers.read_text("utf-8").encode(encoding))
    assert_problems(
        data,
        [
            "2019/officers.csv: this is UTF-16 (what Excel's 'Unicode Text' writes), not UTF-8. "
            "Save it again as 'CSV UTF-8' in Excel, or run again with --encoding utf-16"
        ],
    )
    assert indicators(data, "--encoding", encoding) == indicators(SMALL)


def test_windows_1251_cyrillic_is_recognised_and_readable(data: Path) -> None:
    officers = data / "2019" / "officers.csv"
    text = officers.read_text("utf-8")
    for latin, cyrillic in (
        ("Dečane", "Дечани"),
        ("Gračanica", "Грачаница"),
        ("Graçanicë", "Грачаница"),
    ):
        text = text.replace(latin, cyrillic)
    officers.write_bytes(text.encode("cp1251"))
    assert_problems(
        data,
        [
            "2019/officers.csv:3: not valid UTF-8 (byte 0xc4); it is most likely Windows-1251. "
            "Save it again as 'CSV UTF-8' in Excel, or run again with --encoding cp1251"
        ],
    )
    assert_valid(data, "--encoding", "cp1251")
    assert indicators(data, "--encoding", "cp1251") == indicators(SMALL)


def test_a_utf8_mark_before_windows_1250_text_is_ignored(data: Path) -> None:
    officers = data / "2019" / "officers.csv"
    officers.write_bytes(b"\xef\xbb\xbf" + officers.read_text("utf-8").encode("cp1250"))
    assert_problems(
        data,
        [
            "2019/officers.csv:3: not valid UTF-8 (byte 0xe8); it is most likely Windows-1250 "
            "(what Excel in the region writes). Save it again as 'CSV UTF-8' in Excel, "
            "or run again with --encoding cp1250"
        ],
    )
    assert_valid(data, "--encoding", "cp1250")


def test_year_toml_not_utf8(data: Path) -> None:
    toml = data / "2019" / "year.toml"
    toml.write_bytes(toml.read_text("utf-8").encode("cp1250"))  # line 6: "Shifrat për …"
    assert_problems(
        data,
        [
            "2019/year.toml:6: not valid UTF-8 (byte 0xeb); it is most likely Windows-1250 "
            "(what Excel in the region writes). Save it again as UTF-8 in your editor, "
            "or run again with --encoding cp1250"
        ],
    )
    assert_valid(data, "--encoding", "cp1250")


@pytest.mark.parametrize("file", ["2019/officers.csv", "2019/offices.csv", "municipalities.csv"])
def test_utf8_with_bom_is_valid(data: Path, file: str) -> None:
    path = data / file
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert_valid(data)


def test_a_file_named_in_another_case_is_pointed_at(data: Path) -> None:
    (data / "2019" / "offices.csv").rename(data / "2019" / "Offices.CSV")
    assert_problems(
        data, ["2019/offices.csv: file not found; there is 'Offices.CSV': rename it to offices.csv"]
    )


def test_csv_and_xlsx_both_present(data: Path) -> None:
    csv_to_workbook(data / "2019" / "offices.csv")
    assert_problems(
        data,
        [
            "2019/offices.csv: both 2019/offices.csv and 2019/offices.xlsx exist; "
            "keep only one of them"
        ],
    )


@pytest.mark.parametrize("suffix", [".ods", ".xls", ".xlsm"])
def test_the_table_saved_again_in_another_format_beside_it_is_not_passed_over(
    data: Path, suffix: str
) -> None:
    # LibreOffice's "Keep current format" leaves officers.ods beside the old
    # table, whose figures were read and published without a word (CLI review).
    csv_to_workbook(data / "2019" / "officers.csv")
    (data / "2019" / "officers.csv").unlink()
    (data / "2019" / f"officers{suffix}").write_bytes(b"PK\x03\x04")
    assert_problems(
        data,
        [
            f"2019/officers{suffix}: both officers.xlsx and officers{suffix} exist, and the "
            f"tool reads only officers.xlsx: if officers{suffix} holds your latest changes, "
            "save it as officers.xlsx over it; otherwise delete "
            f"officers{suffix}"
        ],
    )
    (data / "2019" / "officers.xlsx").unlink()
    workbook_to_csv = data / "2019" / "offices.csv"
    (data / "2019" / "offices.ods").write_bytes(b"PK\x03\x04")
    assert workbook_to_csv.is_file()
    assert any(
        "both offices.csv and offices.ods exist" in line
        and "save it as offices.xlsx and delete offices.csv" in line
        for line in invoke("validate", "--data", str(data)).stdout.splitlines()
        + invoke("validate", "--data", str(data)).stderr.splitlines()
    )


@pytest.mark.parametrize("stem", ["2019/offices", "2019/officers", "municipalities"])
def test_xlsx_instead_of_csv_gives_the_same_figures(data: Path, stem: str) -> None:
    csv_path = data / f"{stem}.csv"
    csv_to_workbook(csv_path)
    csv_path.unlink()
    assert_valid(data)
    assert indicators(data) == indicators(SMALL)


def test_xlsx_problem_reports_the_sheet_row(data: Path) -> None:
    # An empty sheet row after row 5 moves istog (line 11 of the CSV) to sheet row 12.
    csv_path = data / "2019" / "offices.csv"
    edit(data / "2019/offices.csv", "istog;not_established", "istog;closed")
    csv_to_workbook(csv_path, blank_row_after=5)
    csv_path.unlink()
    assert_problems(data, [f"2019/offices.xlsx:12:status: 'closed' is not a status; {STATUSES}"])


def test_unreadable_workbook(data: Path) -> None:
    (data / "2019" / "officers.csv").unlink()
    (data / "2019" / "officers.xlsx").write_text("not a workbook", "utf-8")
    assert_problems(
        data,
        [
            "2019/officers.xlsx: this is not an Excel workbook inside (another file given the "
            "name, a CSV file renamed?): open it in Excel and save it as Excel Workbook (.xlsx)"
        ],
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            "2019/officers.csv",
            "Gender",
            "gendr",
            [
                "2019/officers.csv:1: the column 'gender' is missing",
                "2019/officers.csv:1:gendr: unknown column 'gendr'; did you mean 'gender'? "
                "the columns are: municipality, community, gender",
            ],
            id="typo",
        ),
        pytest.param(
            "2019/offices.csv",
            "annual_report\n",
            "annual_report;budget\n",
            [
                "2019/offices.csv:1:budget: unknown column 'budget'; "
                "the columns are: municipality, status, work_plan, annual_report"
            ],
            id="unknown",
        ),
        pytest.param(
            "2019/officers.csv",
            "Community , Gender",
            "Community , Gender, GENDER",
            ["2019/officers.csv:1:gender: this column appears twice; keep one"],
            id="duplicate",
        ),
    ],
)
def test_header_problems(data: Path, file: str, old: str, new: str, expected: list[str]) -> None:
    edit(data / file, old, new)
    assert_problems(data, expected)


def test_missing_column(data: Path) -> None:
    path = data / "2019" / "offices.csv"
    lines = path.read_text("utf-8").splitlines()
    without_work_plan = [";".join(line.split(";")[:2] + line.split(";")[3:]) for line in lines]
    path.write_text("".join(f"{line}\n" for line in without_work_plan), "utf-8")
    assert_problems(data, ["2019/offices.csv:1: the column 'work_plan' is missing"])


def test_headers_are_case_insensitive_and_trimmed(data: Path) -> None:
    # The fixture's officers header is "Municipality , Community , Gender".
    edit(data / "2019/offices.csv", "municipality;status", " MUNICIPALITY ; Status ")
    assert_valid(data)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("2019/offices.csv", ";", ","),
        ("2019/duties.csv", ",", ";"),
        ("municipalities.csv", ",", ";"),
    ],
)
def test_comma_and_semicolon_delimiters(data: Path, file: str, old: str, new: str) -> None:
    path = data / file
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    assert_valid(data)


def test_row_with_more_cells_than_the_header(data: Path) -> None:
    edit(data / "2019/officers.csv", "decan,albanian,f\n", "decan,albanian,f,extra\n")
    assert_problems(data, ["2019/officers.csv:2: this row has 4 cells, more than the header's 3"])


def test_row_with_fewer_cells_than_the_header(data: Path) -> None:
    # A missing separator would silently turn a value into "unknown".
    edit(data / "2019/offices.csv", "istog;not_established;;\n", "istog;not_established\n")
    edit(data / "2019/officers.csv", "decan,albanian,f\n", "decan,albanian\n")
    fix = "a separator is missing (an unknown value is an empty cell, but its separator stays)"
    assert_problems(
        data,
        [
            f"2019/officers.csv:2: this row ends before the column gender: {fix}",
            "2019/officers.csv:2:gender: the gender is empty; use f or m",
            "2019/offices.csv:11: this row ends before the columns work_plan, annual_report: "
            + fix,
        ],
    )


def test_an_open_quote_is_reported_where_it_opens_and_rows_before_it_are_checked(
    data: Path,
) -> None:
    edit(data / "2019/officers.csv", "Dečane,serb,m", "Dečane,serbb,m")
    edit(data / "2019/officers.csv", "Gračanica,serb,f", '"Gračanica,serb,f')
    edit(data / "2019/offices.csv", "PRIZREN;established", "PRIZREN;open")
    assert_problems(
        data,
        [
            "2019/officers.csv:3:community: 'serbb' is not a community (did you mean 'serb'?); "
            + COMMUNITIES,
            OPEN_QUOTE.format(line=4),
            f"2019/offices.csv:29:status: 'open' is not a status; {STATUSES}",
        ],
    )
    # The rows swallowed by the quote are not reported as missing either.
    edit(data / "2019/offices.csv", "PRIZREN;open", "PRIZREN;established")
    edit(data / "2019/officers.csv", "Dečane,serbb,m", "Dečane,serb,m")
    edit(data / "2019/officers.csv", '"Gračanica,serb,f', "Gračanica,serb,f")
    edit(data / "2019/duties.csv", "gracanice,po", '"gracanice,po')
    assert_problems(data, [OPEN_QUOTE.format(line=3).replace("officers", "duties")])


def test_an_open_quote_in_the_last_cell_of_the_file_is_reported(data: Path) -> None:
    path = data / "2019" / "officers.csv"
    path.write_text(path.read_text("utf-8").rstrip("\n").replace(",woman", ',"woman'), "utf-8")
    assert_problems(data, [OPEN_QUOTE.format(line=8)])


def test_a_closed_quote_around_a_line_break_is_one_cell_and_reading_goes_on(data: Path) -> None:
    edit(data / "2019/officers.csv", "decan,albanian,f", 'decan,"alba\nnian",f')
    edit(data / "2019/officers.csv", "prizren,turk,male", "prizren,turk,x")
    assert_problems(
        data,
        [
            "2019/officers.csv:2:community: this cell holds a line break; "
            "keep each value on one line",
            "2019/officers.csv:8:gender: 'x' is not a gender; use f or m",
        ],
    )


def test_a_line_break_in_a_workbook_cell_is_reported(data: Path) -> None:
    csv_path = data / "2019" / "officers.csv"
    csv_to_workbook(csv_path, cells={"A3": "Dečane\nDeçan"})
    csv_path.unlink()
    assert_problems(
        data,
        [
            "2019/officers.xlsx:3:municipality: this cell holds a line break; "
            "keep each value on one line"
        ],
    )


@pytest.mark.parametrize(("cell", "column"), [("B2", "status"), ("C2", "work_plan")])
def test_an_excel_error_value_is_named_once(data: Path, cell: str, column: str) -> None:
    csv_path = data / "2019" / "offices.csv"
    csv_to_workbook(csv_path, cells={cell: "#N/A"})  # openpyxl stores it as an error cell
    csv_path.unlink()
    assert_problems(
        data,
        [
            f"2019/offices.xlsx:2:{column}: an Excel error value (#N/A, #VALUE!, …), "
            "not a value: type the value itself"
        ],
    )


def test_an_excel_error_value_in_the_header_is_named(data: Path) -> None:
    csv_path = data / "2019" / "offices.csv"
    csv_to_workbook(csv_path, cells={"B1": "#VALUE!"})
    csv_path.unlink()
    assert_problems(
        data,
        [
            "2019/offices.xlsx:1: the header's cell B1 is an Excel error value (#N/A, #VALUE!, …): "
            "type the column's name"
        ],
    )


@pytest.mark.parametrize("above", [[], [["Offices 2019"]], [["MOCR data"], ["Offices 2019"]]])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_title_above_the_header_is_one_clear_problem(
    data: Path, kind: str, above: list[list[str]]
) -> None:
    csv_path = data / "2019" / "offices.csv"
    if kind == "xlsx":
        csv_to_workbook(csv_path, above=above or [[""], [""]])
        csv_path.unlink()
    else:
        text = "".join(f"{row[0]}\n" for row in above) or "\n\n"
        csv_path.write_text(text + csv_path.read_text("utf-8"), "utf-8")
    if not above:  # empty lines above the header are skipped
        assert_valid(data)
        return
    header = len(above) + 1
    if kind == "csv":  # a typo in the header itself does not hide where it is
        edit(data / "2019/offices.csv", "municipality;status;", "municipality;statu;")
    assert_problems(
        data,
        [
            f"2019/offices.{kind}:1: row {header} looks like the header: the header must be "
            f"the first row. Delete the row{'s' if header > 2 else ''} above it"
        ],
    )


@pytest.mark.parametrize("trail", ["", ","])
def test_a_tab_separated_file_is_named(data: Path, trail: str) -> None:
    path = data / "2019" / "officers.csv"
    text = path.read_text("utf-8").replace(",", "\t").replace("Gender\n", f"Gender{trail}\n")
    path.write_text(text, "utf-8")
    assert_problems(
        data,
        [
            "2019/officers.csv:1: the header is separated by tabs, not commas or semicolons "
            "(Excel's 'Text (Tab delimited)'). Save it again as 'CSV UTF-8'"
        ],
    )


def test_the_delimiter_is_the_headers_even_where_a_row_holds_more_of_the_other(
    data: Path,
) -> None:
    edit(
        data / "2019/offices.csv", "PRIZREN;established", "Prizren, Prizren, Prizren, x;established"
    )
    assert_problems(
        data,
        [
            "2019/offices.csv:29:municipality: unknown municipality "
            "'Prizren, Prizren, Prizren, x'; no name is close (the nearest are 'Prizren', "
            "'Prishtinë/Priština', 'Mitrovicë e Jugut/Južna Mitrovica'); write the code or a "
            "name from municipalities.csv"
        ],
    )


def test_invisible_characters_around_a_cell_are_ignored(data: Path) -> None:
    edit(
        data / "2019/offices.csv",
        "istog;not_established",
        "\u200bistog\u00a0;not_established\ufeff",
    )
    assert_valid(data)


def test_blank_lines_are_skipped_and_lines_still_counted(data: Path) -> None:
    edit(data / "2019/officers.csv", "decan,albanian,f\n", "\ndecan,albanian,f\n\n")
    edit(data / "2019/officers.csv", "prizren,turk,male", "prizren,turk,x")
    assert_problems(data, ["2019/officers.csv:9:gender: 'x' is not a gender; use f or m"])


# --- reference tables ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            "municipalities.csv",
            "prishtine,",
            "pristine,",
            [
                "municipalities.csv: no row for: prishtine",
                "municipalities.csv:28:code: unknown municipality code 'pristine'; "
                "did you mean 'prishtine'?",
            ],
            id="unknown-municipality-code",
        ),
        pytest.param(
            "municipalities.csv",
            "junik,Junik,Junik,,,sq\n",
            "junik,Junik,Junik,,,sq\njunik,Junik,Junik,,,sq\n",
            ["municipalities.csv:13:code: 'junik' is repeated (first on line 12)"],
            id="repeated-municipality",
        ),
        pytest.param(
            "municipalities.csv",
            "decan,Deçan,Dečane,,,sq",
            "decan,Deçan,Dečane,,,al",
            ["municipalities.csv:2:majority_language: 'al' is not one of: sq, sr, tr"],
            id="bad-majority-language",
        ),
        pytest.param(
            "municipalities.csv",
            "junik,Junik,Junik,",
            "junik,Junik,ISTOK,",
            [
                "municipalities.csv:12:name_sr: 'ISTOK' is also the name_sr of 'istog' (line 11): "
                "a name must say which municipality it is"
            ],
            id="ambiguous-name",
        ),
        pytest.param(
            "communities.csv",
            "gorani,",
            "goran,",
            [
                "communities.csv: no row for: gorani",
                "communities.csv:9:code: unknown community code 'goran'; the codes are: "
                "albanian, serb, bosniak, turk, roma, ashkali, egyptian, gorani, montenegrin, "
                "croat, other",
            ],
            id="unknown-community-code",
        ),
        pytest.param(
            "duties.csv",
            "outreach\n",
            "",
            ["duties.csv: no row for: outreach"],
            id="missing-duty",
        ),
    ],
)
def test_reference_table_problems(
    data: Path, file: str, old: str, new: str, expected: list[str]
) -> None:
    edit(data / file, old, new)
    assert_problems(data, expected)


# --- municipalities in data cells -----------------------------------------------------


def test_municipality_missing_from_offices(data: Path) -> None:
    edit(data / "2019/offices.csv", "istog;not_established;;\n", "")
    assert_problems(
        data,
        ["2019/offices.csv: no row for 1 municipality: Istog/Istok; every municipality needs one"],
    )


def test_municipality_repeated_in_offices(data: Path) -> None:
    edit(
        data / "2019/offices.csv",
        "istog;not_established;;\n",
        "istog;not_established;;\nIstok;not_established;;\n",
    )
    assert_problems(
        data,
        [
            "2019/offices.csv:12:municipality: 'Istok' is repeated (first on line 11, as 'istog'); "
            "keep one row per municipality"
        ],
    )


def test_a_missing_municipality_is_reported_beside_other_problems(data: Path) -> None:
    edit(data / "2019/offices.csv", "istog;not_established;;\n", "")
    edit(data / "2019/offices.csv", "junik;not_established", "junik;")
    assert_problems(
        data,
        [
            "2019/offices.csv: no row for 1 municipality: Istog/Istok; "
            "every municipality needs one",
            f"2019/offices.csv:11:status: the status is empty; {STATUSES}",
        ],
    )


def test_unknown_municipality_suggests_the_closest_names(data: Path) -> None:
    edit(data / "2019/offices.csv", "prishtine;", "Prishtna;")
    assert_problems(
        data,
        [
            "2019/offices.csv:28:municipality: unknown municipality 'Prishtna'; "
            "did you mean 'Prishtinë/Priština'?"
        ],
    )


def test_unknown_municipality_far_from_every_name_still_gets_the_nearest(data: Path) -> None:
    edit(data / "2019/offices.csv", "prishtine;", "Xyzzy;")
    result = validate(data)
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if "Xyzzy" in line]
    message = "2019/offices.csv:28:municipality: unknown municipality 'Xyzzy'; no name is close "
    assert line.startswith(message + "(the nearest are '")
    assert line.endswith("'); write the code or a name from municipalities.csv")
    assert line.count("/") == 3  # three labels like 'Prishtinë/Priština'


@pytest.mark.parametrize(
    ("code", "cell"),
    [
        ("prishtine", "Pristina"),
        ("prishtine", "Prishtinë/Priština"),
        ("prishtine", "PRIŠTINA"),
        ("prishtine", "Priština / Prishtinë"),
        ("prishtine", "Приштина"),
        ("gjakove", "Djakovica"),
        ("gjakove", "Đakovica"),
        ("gjakove", "Dakovica"),
        ("gjakove", "gjakove"),
        ("gjakove", "GJAKOVË"),
        ("mitrovice-jug", "Mitrovicë/Mitrovica South"),
        ("mitrovice-jug", "Južna Mitrovica"),
        ("mitrovice-jug", "Mitrovica South"),
        ("mitrovice-veri", "Mitrovicë North"),
        ("mitrovice-veri", "North Mitrovica"),
        ("mitrovice-veri", "Mitrovica Severna"),
        ("mamushe", "Mamuşa"),
        ("mamushe", "Mamusa"),
    ],
)
def test_municipality_names_match(data: Path, code: str, cell: str) -> None:
    edit(data / "2019/offices.csv", f"\n{code};", f"\n{cell};")
    assert_valid(data)


# --- offices ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "istog;not_established;;",
            "istog;closed;;",
            f"2019/offices.csv:11:status: 'closed' is not a status; {STATUSES}",
            id="bad-status",
        ),
        pytest.param(
            "istog;not_established;;",
            "istog;not_established;yes;",
            "2019/offices.csv:11:work_plan: must be empty: the status is not_established",
            id="work-plan-not-established",
        ),
        pytest.param(
            "leposaviq;similar_office;;",
            "leposaviq;similar_office;;no",
            "2019/offices.csv:17:annual_report: must be empty: the status is similar_office",
            id="annual-report-similar-office",
        ),
        pytest.param(
            "decan;established;yes;yes",
            "decan;established;maybe;yes",
            "2019/offices.csv:2:work_plan: 'maybe' is not yes or no (nor empty)",
            id="bad-yes-no",
        ),
    ],
)
def test_offices_problems(data: Path, old: str, new: str, expected: str) -> None:
    edit(data / "2019/offices.csv", old, new)
    assert_problems(data, [expected])


@pytest.mark.parametrize(
    ("yes", "no"),
    [("yes", "no"), ("Y", "n"), ("TRUE", "False"), ("1", "0"), ("po", "JO"), ("Da", "ne")],
)
def test_yes_no_vocabulary(data: Path, yes: str, no: str) -> None:
    # The fixture has work plans yes (decan), yes (Gračanica), no (PRIZREN):
    # turn them into no, yes, no so that a misread word would change the counts.
    edit(data / "2019/offices.csv", "decan;established;yes;yes", f"decan;established;{no};{yes}")
    edit(
        data / "2019/offices.csv",
        "Gračanica;established;yes;no",
        f"Gračanica;Established;{yes};{no}",
    )
    edit(data / "2019/offices.csv", "PRIZREN;established;no;", f"PRIZREN;ESTABLISHED;{no};")
    edit(data / "2019/duties.csv", "prizren,yes,jo,ne,", f"prizren,{yes},{no},{no},")
    assert_valid(data)
    figures = indicators(data)
    assert figures["work_plan"] == {"yes": 1, "no": 2, "unknown": 0}
    assert figures["annual_report"] == {"yes": 1, "no": 1, "unknown": 1}


def test_status_vocabulary_ignores_case_spaces_and_hyphens(data: Path) -> None:
    edit(data / "2019/offices.csv", "istog;not_established", "istog;Not Established")
    edit(data / "2019/offices.csv", "leposaviq;similar_office", "leposaviq;SIMILAR-OFFICE")
    assert_valid(data)


# --- officers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        pytest.param(
            "istog,turk,male",
            "2019/officers.csv:7:municipality: 'istog' has no established MOCR this year "
            "(its status is not_established), so no officers",
            id="not-established",
        ),
        pytest.param(
            "Leposavić,turk,male",
            "2019/officers.csv:7:municipality: 'Leposavić' has no established MOCR this year "
            "(its status is similar_office), so no officers",
            id="similar-office",
        ),
        pytest.param(
            "prizren,turkish,male",
            "2019/officers.csv:7:community: 'turkish' is not a community (did you mean 'turk'?); "
            + COMMUNITIES,
            id="bad-community",
        ),
        pytest.param(
            "prizren,,male",
            f"2019/officers.csv:7:community: the community is empty; {COMMUNITIES}",
            id="empty-community",
        ),
        pytest.param(
            "prizren,turk,x",
            "2019/officers.csv:7:gender: 'x' is not a gender; use f or m",
            id="bad-gender",
        ),
    ],
)
def test_officers_problems(data: Path, new: str, expected: str) -> None:
    edit(data / "2019/officers.csv", "prizren,turk,male", new)
    assert_problems(data, [expected])


def test_an_officers_file_with_no_officers_is_reported(data: Path) -> None:
    path = data / "2019" / "officers.csv"
    path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    assert_problems(
        data,
        [
            "2019/officers.csv: no officers at all, though 3 MOCRs are established; "
            "the file needs one row per officer"
        ],
    )


@pytest.mark.parametrize(
    ("female", "male"),
    [("f", "m"), ("F", "M"), ("female", "male"), ("Woman", "MAN"), ("women", "Men")],
)
def test_gender_vocabulary(data: Path, female: str, male: str) -> None:
    path = data / "2019" / "officers.csv"
    lines = path.read_text("utf-8").splitlines()
    genders = {"f": female, "woman": female, "m": male, "male": male}
    rows = [lines[0]] + [
        re.sub(r"[^,]+$", lambda m: genders[m.group(0).casefold()], line) for line in lines[1:]
    ]
    path.write_text("".join(f"{row}\n" for row in rows), "utf-8")
    assert_valid(data)
    by_gender = indicators(data)["gender_by_community"]
    assert isinstance(by_gender, dict)
    assert sum(g["f"] for g in by_gender.values()) == 4
    assert sum(g["m"] for g in by_gender.values()) == 3


# --- duties -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "prizren,yes,jo",
            "prizren,,jo",
            "2019/duties.csv:4:contacts: empty; the checklist must be complete (yes or no)",
            id="empty-cell",
        ),
        pytest.param(
            "prizren,yes,jo",
            "prizren,maybe,jo",
            "2019/duties.csv:4:contacts: 'maybe' is not yes or no",
            id="bad-yes-no",
        ),
        pytest.param(
            "prizren,yes",
            "istog,yes,jo,ne,no,no,no,no,no\nprizren,yes",
            "2019/duties.csv:4:municipality: 'istog' has no established MOCR this year "
            "(its status is not_established), so no duty checklist",
            id="not-established",
        ),
        pytest.param(
            "prizren,yes,jo,ne,no,no,no,no,no\n",
            "",
            "2019/duties.csv: no checklist for the established MOCR of: Prizren",
            id="missing-row",
        ),
        pytest.param(
            "prizren,yes",
            "Prizren,no,no,no,no,no,no,no,no\nprizren,yes",
            "2019/duties.csv:5:municipality: 'prizren' is repeated (first on line 4, as "
            "'Prizren'); keep one row per municipality",
            id="repeated-row",
        ),
    ],
)
def test_duties_problems(data: Path, old: str, new: str, expected: str) -> None:
    edit(data / "2019/duties.csv", old, new)
    assert_problems(data, [expected])


def test_a_missing_checklist_is_reported_beside_other_problems(data: Path) -> None:
    edit(data / "2019/duties.csv", "prizren,yes,jo,ne,no,no,no,no,no\n", "")
    edit(data / "2019/duties.csv", "decan,yes,y,", "decan,yes,maybe,")
    assert_problems(
        data,
        [
            "2019/duties.csv: no checklist for the established MOCR of: Prizren",
            "2019/duties.csv:2:assessment: 'maybe' is not yes or no",
        ],
    )


# --- year.toml --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "sample = true",
            "sample = tru",
            "2019/year.toml:2: the sample flag is true or false, in small letters and "
            "without quotes",
            id="invalid-toml",
        ),
        pytest.param(
            "sample = true",
            "sampel = true",
            "2019/year.toml:2: unknown key 'sampel'; did you mean 'sample'? "
            "the keys are: period, sample, published, revised, notes",
            id="unknown-key",
        ),
        pytest.param(
            "sample = true",
            "sample = true\npublished = 2019-13-45",
            "2019/year.toml:3:published: published must be a day of the calendar written "
            "year-month-day, as in published = 2020-03-15",
            id="date-not-in-calendar",
        ),
        pytest.param(
            "sample = true",
            'sample = true\npublished = "15.12.2019"',
            "2019/year.toml:3:published: published must be a date like published = 2020-03-15 "
            "(year-month-day), not '15.12.2019'",
            id="date-written-otherwise",
        ),
        pytest.param(
            "sample = true",
            'sample = true\npublished = "2019-02-30"',
            "2019/year.toml:3:published: published '2019-02-30' is not a day of the calendar; "
            "write it as published = 2020-03-15",
            id="date-quoted-not-in-calendar",
        ),
        pytest.param(
            "sample = true",
            "sample = true\npublished = 2019-12-15T10:00:00",
            "2019/year.toml:3:published: published is a day, without a time of day: "
            "write it as published = 2020-03-15",
            id="date-with-time",
        ),
        pytest.param(
            "sample = true",
            "sample = true\npublished = 2018-12-01",
            "2019/year.toml:3:published: published 2018-12-01 is before 2019, "
            "the year the figures are of",
            id="published-before-the-year",
        ),
        pytest.param(
            "sample = true",
            "sample = true\npublished = 2019-12-15\nrevised = 2019-12-01",
            "2019/year.toml:4:revised: revised 2019-12-01 is before published 2019-12-15",
            id="revised-before-published",
        ),
        pytest.param(
            "sample = true",
            "sample = true\nrevised = 2020-01-01",
            "2019/year.toml:3:revised: revised needs published: "
            "say when the 2019 figures were first published",
            id="revised-without-published",
        ),
        pytest.param(
            "sample = true",
            "sample = 1",
            "2019/year.toml:2:sample: sample must be true or false, not 1",
            id="bad-sample",
        ),
        pytest.param(
            'end = "2019-06"',
            'end = "2019-13"',
            "2019/year.toml:1:period: period.end '2019-13': 13 is not a month "
            '(they go from "2019-01" to "2019-12")',  # not "like 2019-01": it is
            id="bad-month",
        ),
        pytest.param(
            'end = "2019-06"',
            'end = "2018-06"',
            "2019/year.toml:1:period: period.end 2018-06 is not in 2019",
            id="other-year",
        ),
        pytest.param(
            'start = "2019-01"',
            'start = "2019-08"',
            "2019/year.toml:1:period: period starts (2019-08) after it ends (2019-06)",
            id="reversed",
        ),
        pytest.param(
            'period = { start = "2019-01", end = "2019-06" }',
            'period = "2019"',
            '2019/year.toml:1:period: period must look like { start = "2019-01", end = "2019-12" }',
            id="not-a-table",
        ),
        pytest.param(
            'sr = ["Podaci za januar–jun."]\n',
            "",
            f"2019/year.toml:4: notes: 'sr' has 0 notes where 'en' has 1; {NOTES_PARITY}",
            id="notes-parity",
        ),
        pytest.param(
            'sr = ["Podaci za januar–jun."]\n',
            'sr = ["Podaci za januar–jun."]\nsr-Cyrl = []\n',
            f"2019/year.toml:8: notes: 'sr-Cyrl' has 0 notes where 'en' has 1; {NOTES_PARITY}",
            id="notes-parity-cyrillic",
        ),
        pytest.param(
            'sr = ["Podaci za januar–jun."]\n',
            'sr = ["Podaci za januar–jun."]\nde = ["Daten für Januar bis Juni."]\n',
            "2019/year.toml:8: notes: unknown language 'de'; "
            "the languages are: en, sq, sr, sr-Cyrl",
            id="notes-unknown-language",
        ),
        pytest.param(
            'sr = ["Podaci za januar–jun."]\n',
            'sr = "Podaci za januar–jun."\n',
            "2019/year.toml:7: notes.sr must be a list of non-empty texts",
            id="notes-not-a-list",
        ),
    ],
)
def test_year_toml_problems(data: Path, old: str, new: str, expected: str) -> None:
    edit(data / "2019/year.toml", old, new)
    assert_problems(data, [expected])


def test_both_ends_of_a_period_are_checked_and_shown_as_written(data: Path) -> None:
    edit(data / "2019/year.toml", '"2019-01"', "2019-01-01")
    edit(data / "2019/year.toml", '"2019-06"', '"2020-06"')
    assert_problems(
        data,
        [
            "2019/year.toml:1:period: period.end 2020-06 is not in 2019",
            '2019/year.toml:1:period: period.start must be a month like "2019-01", not 2019-01-01',
        ],
    )


def test_cyrillic_notes_may_be_given_or_transliterated(data: Path) -> None:
    edit(data / "2019/year.toml", "sr = [", 'sr-Cyrl = ["Подаци за јануар–јун."]\nsr = [')
    assert_valid(data)
    edit(data / "2019/year.toml", "sr-Cyrl = [", "sr-cyrl = [")  # any case
    assert_valid(data)
    edit(data / "2019/year.toml", "sr = [", 'SR = ["Podaci."]\nsr = [')
    assert_problems(data, ["2019/year.toml:9: notes: 'sr' is given twice, as 'SR' and 'sr'"])


def test_missing_year_toml(data: Path) -> None:
    (data / "2019" / "year.toml").unlink()
    assert_problems(data, ["2019/year.toml: file not found"])


# --- every problem at once ------------------------------------------------------------


def test_every_problem_is_reported_at_once_sorted(data: Path) -> None:
    edit(data / "2019/year.toml", "sample = true", "sample = 1")
    edit(data / "2019/officers.csv", "prizren,turk,male", "prizren,turk,x")
    edit(data / "2018/offices.csv", "istog,not_established", "istog,closed")
    expected = [
        f"2018/offices.csv:11:status: 'closed' is not a status; {STATUSES}",
        "2019/officers.csv:7:gender: 'x' is not a gender; use f or m",
        "2019/year.toml:2:sample: sample must be true or false, not 1",
    ]
    assert_problems(data, expected)
    # Building 2019 reads 2018's offices too, so checking 2019 alone reports it.
    assert_problems(data, expected, "--year", "2019")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            "communities.csv",
            "albanian,#332288",
            "albanian,blue",
            "communities.csv:2:colour: 'blue' is not a colour like #1F77B4",
            id="bad-colour",
        ),
        pytest.param(
            "municipalities.csv",
            "decan,Deçan,Dečane,,,sq",
            "decan,Deçan,Dečane,,,al",
            "municipalities.csv:2:majority_language: 'al' is not one of: sq, sr, tr",
            id="bad-majority-language",
        ),
    ],
)
def test_a_reference_problem_does_not_hide_the_years_problems(
    data: Path, file: str, old: str, new: str, expected: str
) -> None:
    edit(data / file, old, new)
    edit(data / "2019/officers.csv", "prizren,turk,male", "prizren,turk,x")
    assert_problems(data, ["2019/officers.csv:7:gender: 'x' is not a gender; use f or m", expected])


def test_a_bad_offices_row_does_not_hide_the_other_tables_cross_checks(data: Path) -> None:
    # One unusable offices row; the officers and duties tables are still
    # checked against every office that could be read.
    edit(data / "2019/offices.csv", "PRIZREN;established", "PRIZREN;open")
    edit(data / "2019/officers.csv", "prizren,turk,male", "istog,turk,male")
    edit(data / "2019/duties.csv", "gracanice,po", "Grcanica,po")
    assert_problems(
        data,
        [
            "2019/duties.csv:3:municipality: unknown municipality 'Grcanica'; "
            "did you mean 'Gračanica/Graçanicë' or 'Kamenicë/Kamenica'?",
            "2019/officers.csv:7:municipality: 'istog' has no established MOCR this year "
            "(its status is not_established), so no officers",
            f"2019/offices.csv:29:status: 'open' is not a status; {STATUSES}",
        ],
    )


# --- the command line ---------------------------------------------------------------


def test_usage_error_exits_2() -> None:
    result = invoke("validate", "--year", "notayear")
    assert result.exit_code == 2
    assert "--year" in result.output


def test_indicators_for_a_missing_year() -> None:
    result = invoke("indicators", "--year", "2030", "--data", str(SMALL))
    assert result.exit_code == 1
    assert (
        result.stderr == "2030/: no folder for 2030; the years are: 2018, 2019\n1 problem found.\n"
    )


@pytest.mark.parametrize(
    "command", [["validate"], ["indicators", "--year", "2019"], ["new-year", "2020"]]
)
def test_missing_data_folder(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere"
    result = invoke(*command, "--data", str(missing))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{missing}: data folder not found (give it with --data DIR)\n1 problem found.\n"
    )


# --- new-year -----------------------------------------------------------------------


def test_new_year_carries_statuses_over_and_asks_for_the_checklists(data: Path) -> None:
    result = invoke("new-year", "2020", "--data", str(data))
    assert result.exit_code == 0, result.output
    with (data / "2020" / "offices.csv").open(encoding="utf-8", newline="") as file:
        offices = list(csv.DictReader(file))
    assert len(offices) == 38
    statuses = {row["municipality"]: row["status"] for row in offices}
    assert {code for code, s in statuses.items() if s == "established"} == {
        "decan",
        "gracanice",
        "prizren",
    }
    assert {code for code, s in statuses.items() if s == "similar_office"} == {
        "leposaviq",
        "zubin-potok",
    }
    assert all(row["work_plan"] == row["annual_report"] == "" for row in offices)

    # The analyst must fill in every duty of the three established offices.
    empty = "the checklist is empty; answer yes or no for each of the 8 duties"
    expected = [f"2020/duties.csv:{line}: {empty}" for line in (2, 3, 4)]
    assert_problems(data, expected, "--year", "2020")
    # Once begun, each duty left out is named.
    edit(data / "2020/duties.csv", "decan,,", "decan,yes,")
    left = "empty; the checklist must be complete (yes or no)"
    expected[0:1] = [f"2020/duties.csv:2:{duty}: {left}" for duty in DUTIES[1:]]
    assert_problems(data, expected, "--year", "2020")


def test_new_year_says_why_the_previous_years_problems_stop_it(data: Path) -> None:
    edit(data / "2019/offices.csv", "decan;established", "decan;establishd")
    result = invoke("new-year", "2020", "--data", str(data))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "2020/: 2020 carries over 2019's statuses and officers; "
        "fix 2019's problems below first (nothing was written)"
    )
    assert lines[1].startswith("2019/offices.csv:2:status: ")
    # The first line says why; the one problem is the misspelt status.
    assert lines[2:] == ["1 problem found."]
    assert not (data / "2020").exists()


def test_new_year_refuses_an_existing_year(data: Path) -> None:
    assert invoke("new-year", "2020", "--data", str(data)).exit_code == 0
    edit(data / "2020/duties.csv", "decan,,", "decan,yes,")  # the analyst's work begins
    before = {p: p.read_bytes() for p in sorted((data / "2020").iterdir())}
    result = invoke("new-year", "2020", "--data", str(data))
    assert result.exit_code == 1
    assert result.stderr == (
        f"2020/: {data / '2020'} already exists; nothing was written\n1 problem found.\n"
    )
    assert {p: p.read_bytes() for p in sorted((data / "2020").iterdir())} == before


@pytest.mark.parametrize(
    ("written", "code"),
    [("Prishtina", "prishtine"), ("Gjakova", "gjakove"), ("Prizreni", "prizren"),
     ("Gjilani", "gjilan"), ("Peja", "peje"), ("Istogu", "istog"), ("Mitrovica", None)],
)  # fmt: skip
def test_albanian_definite_forms_match(written: str, code: str | None) -> None:
    from mocr_factsheet.data.names import MunicipalityMatcher
    from mocr_factsheet.data.validate import read_reference

    reference, problems = read_reference(SMALL)
    assert reference is not None and not problems
    # "Mitrovica" alone names two municipalities: it must not pick one.
    assert MunicipalityMatcher(reference.municipalities).match(written) == code
