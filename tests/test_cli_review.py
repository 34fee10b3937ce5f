"""What the analyst review of the command line found (session 11), each held by a
test that failed before its fix: what ``validate`` checks (the same as the build
reads), every cell's problem reported at once, cells quoted as the analyst sees
them, workbook wording, and plain command-line mistakes with status 2."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl
import pytest

from helpers import edit, invoke
from test_validation import csv_to_workbook


def test_validate_checks_the_earlier_years_a_build_of_the_year_reads(data: Path) -> None:
    """The 2019 profiles' history reads 2018 whole: a bad cell there stops
    ``build --year 2019``, so ``validate --year 2019`` reports it (it said
    "no problems found"), and so does ``indicators``."""
    edit(data / "2018" / "officers.csv", "decan,albanian,m", "decan,albanian,q")  # a 2018 officer
    expected = "2018/officers.csv:2:gender: 'q' is not a gender; use f or m"
    validated = invoke("validate", "--data", str(data), "--year", "2019")
    assert validated.exit_code == 1, validated.output
    assert expected in validated.stderr.splitlines()
    built = invoke("build", "--data", str(data), "--out", str(data.parent / "out"),
                   "--year", "2019", "--dry-run")  # fmt: skip
    assert built.exit_code == 1
    assert validated.stderr == built.stderr  # the same problems, every one
    profile = invoke("indicators", "--data", str(data), "--year", "2019", "--municipality", "decan")
    assert profile.exit_code == 1
    assert expected in profile.stderr.splitlines()
    # Valid: the years read besides the one asked for are named.
    edit(data / "2018" / "officers.csv", "decan,albanian,q", "decan,albanian,m")
    ok = invoke("validate", "--data", str(data), "--year", "2019")
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.endswith(
        ": 2019: no problems found (nor in 2018, which a build of 2019 reads).\n"
    )


def test_a_mistyped_status_hides_no_other_cell_of_its_row(data: Path) -> None:
    """'maybe' and '43' are wrong whatever the status is: reported with the status
    typo in one run (they appeared only once the status was fixed), and the
    status gets a "did you mean" as a community does. What depends on the
    status (must be empty unless established) waits for one."""
    offices = data / "2019" / "offices.csv"
    edit(offices, "decan;established;yes;yes", "decan;Establishd;maybe;43")
    edit(offices, "dragash;not_established;;", "dragash;not_establishd;yes;")
    statuses = "use one of: established, similar_office, not_established"
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"2019/offices.csv:2:status: 'Establishd' is not a status (did you mean 'established'?); "
        f"{statuses}",
        "2019/offices.csv:2:work_plan: 'maybe' is not yes or no (nor empty)",
        "2019/offices.csv:2:annual_report: '43' is not yes or no (nor empty)",
        # 'yes' is a yes: whether it may be there at all waits for a status.
        f"2019/offices.csv:3:status: 'not_establishd' is not a status (did you mean "
        f"'not_established'?); {statuses}",
        "4 problems found.",
    ]


def problems_typed(data: Path, cells: dict[str, tuple[object, str | None]]) -> list[str]:
    """2019's offices as a workbook with ``cells`` typed in (a value and its number
    format, None for the one openpyxl gives it), validated: its problem lines."""
    offices = csv_to_workbook(data / "2019" / "offices.csv")
    (data / "2019" / "offices.csv").unlink()
    book = openpyxl.load_workbook(offices)
    sheet = book.active
    assert sheet is not None
    for ref, (value, number_format) in cells.items():
        sheet[ref] = value
        if number_format is not None:
            sheet[ref].number_format = number_format
    book.save(offices)
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.exit_code == 1
    lines: list[str] = result.stderr.splitlines()
    return lines


def test_a_date_in_a_workbook_cell_is_quoted_as_excel_shows_it(data: Path) -> None:
    """A date or a time typed (or pasted, or turned into one by Excel) in a cell
    is quoted as the cell shows it, which Ctrl+F finds: not as the number Excel
    keeps ('43905', '43905.4375', '0.4375'). A number in a cell of no date
    format stays a number."""
    lines = problems_typed(
        data,
        {
            "C2": (datetime.datetime(2020, 3, 15), "dd.mm.yyyy"),
            "D2": (datetime.date(2020, 3, 15), None),  # openpyxl's own format: yyyy-mm-dd
            "A3": (datetime.datetime(2020, 3, 15, 10, 30), "dd.mm.yyyy hh:mm"),
            "B4": (datetime.time(10, 30), "h:mm"),
            "B5": (43905, None),  # General: a number
        },
    )
    assert "2019/offices.xlsx:2:work_plan: '15.03.2020' is not yes or no (nor empty)" in lines
    assert "2019/offices.xlsx:2:annual_report: '2020-03-15' is not yes or no (nor empty)" in lines
    assert any(line.startswith("2019/offices.xlsx:3:municipality: unknown municipality "
                               "'15.03.2020 10:30';") for line in lines)  # fmt: skip
    assert any(
        line.startswith("2019/offices.xlsx:4:status: '10:30' is not a status") for line in lines
    )
    assert any(
        line.startswith("2019/offices.xlsx:5:status: '43905' is not a status") for line in lines
    )
    assert not any("43905." in line or "0.4375" in line for line in lines)


def test_a_percentage_in_a_workbook_cell_is_quoted_as_excel_shows_it(data: Path) -> None:
    """A percentage typed in a cell ("45%") is kept as 0.45 in a percentage format, and quoted as
    the analyst typed and sees it (analyst review, session 20)."""
    lines = problems_typed(
        data,
        {
            "C2": (0.45, "0%"),  # Excel's built-in 9
            "D2": (0.5, "0.0%"),  # a format of the workbook's own
        },
    )
    assert "2019/offices.xlsx:2:work_plan: '45%' is not yes or no (nor empty)" in lines
    assert "2019/offices.xlsx:2:annual_report: '50.0%' is not yes or no (nor empty)" in lines


def test_a_styles_part_larger_than_excel_writes_is_not_read(tmp_path: Path) -> None:
    """Only the cell formats of a styles part of at most MAX_STYLES_BYTES are read
    (a few kilobytes of zip can unpack to millions of fonts): past it, a date is
    quoted as the number it is kept as, and the table is read all the same."""
    import zipfile

    from mocr_factsheet.data.load import clean
    from mocr_factsheet.data.workbooks import MAX_STYLES_BYTES, read_workbook

    path = tmp_path / "dates.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["municipality", "status"])
    sheet.append([datetime.date(2020, 3, 15), "established"])
    book.save(path)

    def read() -> list[list[str]] | None:
        rows, problems = read_workbook(
            path, "dates.xlsx", known=["status"], clean=clean, max_rows=100, max_columns=10
        )
        assert problems == []
        return rows

    assert read() == [["municipality", "status"], ["2020-03-15", "established"]]
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    styles = parts["xl/styles.xml"]
    parts["xl/styles.xml"] = b"<!--" + b" " * MAX_STYLES_BYTES + b"-->" + styles
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read() == [["municipality", "status"], ["43905", "established"]]


def test_a_row_holding_only_a_comment_is_no_data_row(data: Path) -> None:
    """A remark typed in the comments column under the table (or on an empty row)
    is never read: the row is skipped, not reported as a row without its
    municipality and status. A row with data beside its comment is read."""
    offices = data / "2019" / "offices.csv"
    edit(offices, "municipality;status;work_plan;annual_report",
         "municipality;status;work_plan;annual_report;comments")  # fmt: skip
    with offices.open("a", encoding="utf-8") as file:
        file.write(";;;;checked by Arta on 3 March\n")
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.exit_code == 0, result.output
    csv_to_workbook(offices)
    offices.unlink()
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.exit_code == 0, result.output
    edit(data / "2019" / "officers.csv", "decan,albanian,f", "decan,albanian,f,checked")
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.stderr.splitlines()[:1] == [
        "2019/officers.csv:2: this row has 4 cells, more than the header's 3"
    ]


def test_a_value_under_a_column_with_no_name_is_named_by_its_cell(data: Path) -> None:
    """The line says which cell (F5 in a workbook, the 6th value in a CSV row) and
    what it holds: in a wide sheet, the analyst need not hunt for it."""
    offices = data / "2019" / "offices.csv"
    # Excel's CSV keeps the separators of columns left empty in the header.
    edit(offices, "work_plan;annual_report", "work_plan;annual_report;;")
    edit(offices, "ferizaj;not_established;;", "ferizaj;not_established;;;;ask again")
    advice = "under a column with no name in the header: name the column (comments, " \
        "for a remark of your own), or delete the value"  # fmt: skip
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.stderr.splitlines() == [
        f"2019/offices.csv:4: value 6 of this row, 'ask again', {advice}",
        "1 problem found.",
    ]
    csv_to_workbook(offices)
    offices.unlink()
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.stderr.splitlines() == [
        f"2019/offices.xlsx:4: cell F4 holds 'ask again' {advice}",
        "1 problem found.",
    ]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # A formula a program that does not calculate saved without its value:
        # said once, where the workbook is read (the row's check printed the
        # reader's own mark, '\x00#REPORTED', and counted it twice; fuzzing).
        ("=1+1", "cell F4 holds the formula =1+1 but no value for it"),
        # An error value beside the table: said once, with its cell and what to do.
        (
            "#DIV/0!",
            "cell F4 holds an Excel error value (#N/A, #VALUE!, …) under a column with no "
            "name in the header: name the column (comments, for a remark of your own), or "
            "delete the value",
        ),
        # A line break or an over-long value there: said once, as a value to name
        # or delete, on one line (it was also said as an unreadable cell).
        (
            "ask\nagain",
            "cell F4 holds 'ask again' under a column with no name in the header",
        ),
        ("x" * 5000, f"cell F4 holds '{'x' * 60}…' under a column with no name"),
    ],
)
def test_a_formula_or_an_error_beside_the_table_is_said_once(
    data: Path, typed: str, said: str
) -> None:
    offices = data / "2019" / "offices.csv"
    csv_to_workbook(offices, cells={"F4": typed})
    offices.unlink()
    result = invoke("validate", "--data", str(data), "--year", "2019")
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert lines[-1] == "1 problem found.", lines
    assert lines[0].startswith(f"2019/offices.xlsx:4: {said}"), lines
    assert "\x00" not in result.stderr


def test_a_year_folder_is_named_as_its_year_is_written(data: Path) -> None:
    """ "0019" was read as the year 19, and its four files reported missing from
    a folder "19/" that is nowhere (fuzzing): a folder whose name starts with 0
    is no year's, as "2019 old" is none."""
    (data / "2019").rename(data / "0019")
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert "19/" not in result.output
    assert "2019" not in result.output  # the year's folder is not there to check


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_year_folder_is_one_of_the_years_the_tool_takes(
    data: Path, tmp_path: Path, command: str
) -> None:
    """A folder 1999/ was read and built, while new-year 1999 was refused (it
    takes 2000 to 2099): every command takes the same years, and says which
    folder is outside them, asked for by --year or not."""
    (data / "2018").rename(data / "1918")  # a typing error
    out = tmp_path / "out"
    extra = ["--out", str(out)] if command == "build" else []
    said = (
        "1918/: the tool takes the years 2000 to 2099 only: rename the folder if its year "
        "is mistyped, or move it out of the data folder"
    )
    for year in ([], ["--year", "2019"], ["--year", "1918"]):
        result = invoke(command, "--data", str(data), *extra, *year)
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines()[0] == said
    assert not out.exists() or not any(out.glob("*/*.html"))
    result = invoke("new-year", "1918", "--data", str(data))
    assert result.exit_code == 2
    assert "give one from 2000 to 2099" in " ".join(result.output.replace("│", " ").split())


@pytest.mark.parametrize("command", ["diff", "new-year"])
def test_the_encoding_a_message_advises_is_an_option_of_the_command(
    data: Path, tmp_path: Path, command: str
) -> None:
    """ "… or run again with --encoding cp1250", said by diff and new-year, which
    had no such option (fuzzing): every command that reads the data takes it."""
    new = tmp_path / "new"
    shutil.copytree(data, new)
    officers = new / "2019" / "officers.csv"
    officers.write_bytes(officers.read_text("utf-8").encode("cp1250"))
    args = ["diff", str(data), str(new)] if command == "diff" else ["new-year", "2020"]
    args += [] if command == "diff" else ["--data", str(new)]
    refused = invoke(*args)
    assert refused.exit_code == 1
    assert "run again with --encoding cp1250" in refused.stderr
    taken = invoke(*args, "--encoding", "cp1250")
    assert taken.exit_code == 0, taken.output
    if command == "diff":  # the same figures, read in another encoding
        assert taken.stdout.startswith("No change between"), taken.stdout
    else:
        assert (new / "2020" / "officers.csv").exists()


def test_a_cyrillic_workbook_is_told_of_rows_and_of_names_in_its_script(data: Path) -> None:
    """A workbook has rows, not lines; and the municipality a Cyrillic workbook
    (new-year --lang sr-Cyrl) lacks is named as its list names it (Deçan/Дечане),
    not in a spelling found nowhere in it (Deçan/Dečane)."""
    result = invoke(
        "new-year", "2020", "--data", str(data), "--format", "xlsx", "--lang", "sr-Cyrl"
    )
    assert result.exit_code == 0, result.output
    path = data / "2020" / "offices.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet["A2"].value == "Deçan/Дечане"
    last = sheet.max_row
    sheet["A2"] = sheet[f"A{last}"].value  # the list's last entry, Zvečan
    book.save(path)
    result = invoke("validate", "--data", str(data), "--year", "2020")
    lines = result.stderr.splitlines()
    assert (
        "2020/offices.xlsx: no row for 1 municipality: Deçan/Дечане; every municipality needs one"
        in lines
    )
    assert (
        f"2020/offices.xlsx:{last}:municipality: 'Звечан/Zveçan' is repeated (first on row 2); "
        "keep one row per municipality" in lines
    )
    # A CSV file keeps its lines, and Latin names.
    edit(data / "2019" / "offices.csv", "dragash;", "decan;")
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.stderr.splitlines()[:2] == [
        "2019/offices.csv: no row for 1 municipality: Dragash/Dragaš; every municipality needs one",
        "2019/offices.csv:3:municipality: 'decan' is repeated (first on line 2); "
        "keep one row per municipality",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            b"",
            "the file is empty (0 bytes): it holds no workbook, perhaps from a save that did "
            "not finish. Save the table again from Excel as Excel Workbook (.xlsx)",
            id="empty",
        ),
        pytest.param(
            # What Excel writes for File → Info → Protect Workbook → Encrypt with Password.
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
            + "EncryptionInfo".encode("utf-16-le") + bytes(50)
            + "EncryptedPackage".encode("utf-16-le") + bytes(3000),
            "this workbook is protected with a password, so it cannot be read: open it in "
            "Excel, File → Info → Protect Workbook → Encrypt with Password, delete the password "
            "(leave the box empty), then save it",
            id="password",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
            "this is not an .xlsx workbook inside but an Excel 97-2003 workbook (.xls) renamed, "
            "or one protected with a password: open it in Excel, remove any password (File → "
            "Info → Protect Workbook → Encrypt with Password, delete the password), and save it "
            "as Excel Workbook (.xlsx)",
            id="compound-file",
        ),
    ],
)  # fmt: skip
def test_an_empty_or_password_protected_workbook_says_so(
    data: Path, content: bytes, expected: str
) -> None:
    """Not "File is not a zip file" (a library's words), whose advice (save it
    again) keeps the password and the same error."""
    (data / "2019" / "officers.csv").unlink()
    (data / "2019" / "officers.xlsx").write_bytes(content)
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.stderr.splitlines() == [f"2019/officers.xlsx: {expected}", "1 problem found."]


def test_a_year_without_committees_data_is_said_so(tmp_path: Path) -> None:
    """Not "file not found" (which invites an empty committees file): the year has
    no Communities Committees data, and a build asked for it says there is
    nothing to build and why (it said "0 to rebuild" and nothing else)."""
    # The bundled data: 2016 and 2017 have no committees.csv, 2018 and 2019 have.
    data = Path(__file__).parent.parent / "data"
    year = "2016"
    reason = f"{year} has no Communities Committees data (no {year}/committees.csv, nor .xlsx); "
    result = invoke("indicators", "--data", str(data), "--year", year, "--kind", "committees")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{year}/: {reason}the years with it: ")
    out = str(tmp_path / "out")
    result = invoke("build", "--data", str(data), "--out", out, "--year", year,
                    "--kind", "committees", "--dry-run")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"--kind committees: nothing to build for {year}: {reason}")


def usage_error(*args: str) -> str:
    """The message of a command-line mistake: status 2, in plain words."""
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.replace("│", " ").split())
    for jargon in ("x>=1", "<=x<=", "<int>", "codec", "Name or service", "Errno", "is a file."):
        assert jargon not in message, message
    return message


def test_command_line_mistakes_exit_2_in_plain_words(data: Path, tmp_path: Path) -> None:
    """A file or a year folder given for the data folder (the same status in
    validate and diff), --jobs 0, a port out of range: status 2, and words the
    analyst can act on."""
    offices = str(data / "2019" / "offices.csv")
    assert "is a file, not a data folder" in usage_error("validate", "--data", offices)
    assert "is a file, not a data folder" in usage_error("diff", str(data), offices)
    year = usage_error("validate", "--data", str(data / "2019"))
    assert "is a year folder: give the data folder that holds it" in year
    assert "give 1 or more" in usage_error("build", "--data", str(data), "--jobs", "0")
    assert "is not a port" in usage_error("serve", "--data", str(data), "--port", "70000")
    assert "2000-2099" in invoke("new-year", "--help").output
    assert "2000 to 2099" in usage_error("new-year", "2x", "--data", str(tmp_path / "d"))


def test_an_address_or_port_that_cannot_be_listened_on_is_a_command_line_mistake(
    data: Path, tmp_path: Path
) -> None:
    import socket

    out = str(tmp_path / "out")
    host = usage_error("serve", "--data", str(data), "--out", out, "--host", "999.1.1.1")
    assert "'999.1.1.1' is not an address of this computer" in host
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = usage_error("serve", "--data", str(data), "--out", out, "--port", port)
    assert f"port {port} is in use by another program" in busy


def test_an_encoding_that_cannot_read_a_file_is_said_plainly(data: Path) -> None:
    officers = data / "2019" / "officers.csv"
    officers.write_bytes(officers.read_text("utf-8").encode("cp1250") + b"x")  # odd length
    result = invoke("validate", "--data", str(data), "--encoding", "utf-16")
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if x.startswith("2019/officers.csv"))
    assert line == (
        "2019/officers.csv: cannot be read as utf-16: it ends in the middle of a character; "
        "is --encoding right? This file looks like Windows-1250: try --encoding cp1250 "
        "(UTF-8 and UTF-16 files with their mark need none)"
    )


def test_a_dry_run_says_what_would_be_removed(data: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    args = ("build", "--data", str(data), "--out", out, "--kind", "sheet", "--lang", "en",
            "--format", "html")  # fmt: skip
    assert invoke(*args).exit_code == 0
    import shutil

    shutil.rmtree(data / "2019")  # its sheets: made by no input any more
    result = invoke(*args, "--dry-run")
    assert result.exit_code == 0, result.output
    removed = [x for x in result.stdout.splitlines() if "no input makes it" in x]
    assert removed
    assert all(x.endswith("no input makes it any more (would be removed)") for x in removed)
