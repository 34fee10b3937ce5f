"""Huge, hostile and odd input, interrupted and killed builds: one test per case of issue #10.

Each test breaks a copy of ``tests/fixtures/small`` the way a reliability
tester did and checks the whole answer: the exact problem lines, the exit
status, that no traceback is printed and that earlier outputs are untouched.
"""

from __future__ import annotations

import base64
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from helpers import SMALL, invoke, problems_of
from mocr_factsheet.build import run as build_module
from mocr_factsheet.build.interrupts import Interrupted, deferred
from mocr_factsheet.build.state import STATE

OPEN_QUOTE = (
    '2019/officers.csv:{line}: a quote (") opened in this row is never closed, so every line '
    "after it was read as one value and is not checked. Remove the quote, or close it"
)


def outputs_in(out: Path) -> list[Path]:
    """Every file in ``out`` but the build's hidden state (its lock, its cache)."""
    return [p for p in sorted(out.rglob("*")) if p.is_file() and STATE not in p.parts]


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in outputs_in(out)}


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


# --- 1. csv's field limit ---------------------------------------------------------


def test_a_cell_longer_than_csv_allows_is_a_located_problem(data: Path) -> None:
    append(data / "2019" / "officers.csv", "decan,albanian," + "f" * 140_000 + "\n")
    assert problems_of(data) == [
        "2019/officers.csv:9: a cell in this row is longer than 131,072 characters; "
        "is this the right file?",
        "1 problem found.",
    ]


def test_a_stray_quote_with_more_than_128_kb_after_it_is_a_quote_never_closed(data: Path) -> None:
    rows = ("decan,albanian,f" + " " * 80 + "\n") * 2_000
    officers = data / "2019" / "officers.csv"
    text = officers.read_text("utf-8")
    officers.write_text(text + 'decan,"albanian,f\n' + rows, "utf-8")
    assert len(rows) > 131_072
    assert problems_of(data) == [OPEN_QUOTE.format(line=9), "1 problem found."]


def test_a_file_of_hundreds_of_megabytes_is_refused_before_it_is_read(data: Path) -> None:
    officers = data / "2019" / "officers.csv"
    with officers.open("ab") as handle:
        handle.truncate(300 * 2**20)  # sparse: 300 MB without writing them
    assert problems_of(data) == [
        "2019/officers.csv: this file is 300 MB, far more than this data ever holds (a year has "
        "about 40 offices and 100 officers; the limit is 10 MB): is it the right file?",
        "1 problem found.",
    ]


def test_a_file_of_many_short_lines_is_refused(data: Path) -> None:
    append(data / "2019" / "officers.csv", "x\n" * 20_000)
    assert problems_of(data) == [
        "2019/officers.csv: this file has 20,008 lines, far more than this data ever has (a "
        "year has about 40 offices and 100 officers; the limit is 10,000): is it the right file?",
        "1 problem found.",
    ]


# --- 2. TOML nested hundreds deep ---------------------------------------------------


@pytest.mark.parametrize("depth", [500, 5_000])
def test_toml_nested_hundreds_deep_is_a_message(data: Path, depth: int) -> None:
    append(data / "2019" / "year.toml", "\nextra = " + "[" * depth + "]" * depth + "\n")
    assert problems_of(data) == [
        "2019/year.toml: values are nested hundreds of levels deep (lists in lists, or tables "
        "in tables); year.toml holds a period, a sample flag and lists of notes",
        "1 problem found.",
    ]


# --- 3. names are text, never math (charts.py passes parse_math=False: branch sheet) --------


@pytest.mark.slow
@pytest.mark.parametrize("name", [r"$\frac$", r"$\alpha_{x}$"])
def test_a_name_holding_dollars_builds_and_shows_the_literal_text(
    data: Path, tmp_path: Path, name: str
) -> None:
    municipalities = data / "municipalities.csv"
    text = municipalities.read_text("utf-8")
    municipalities.write_text(text.replace("decan,Deçan,", f"decan,{name},", 1), "utf-8")
    out = tmp_path / "out"
    result = invoke(
        "build", "--data", str(data), "--out", str(out), "--year", "2019", "--lang", "sq",
        "--format", "html", "--jobs", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (out / "2019" / "mocr-2019-sq.html").read_text("utf-8")
    # The chart of duties per office names the municipality: as text, not math,
    # whether the chart is inline SVG or an image's data URI.
    text = html + "".join(charts_in_data_uris(html))
    assert name in text.replace("&#92;", "\\")
    assert "α" not in text


def charts_in_data_uris(html: str) -> list[str]:
    """The SVG of every chart embedded as a ``data:image/svg+xml`` URI."""
    found: list[str] = []
    for match in re.finditer(r'data:image/svg\+xml(;base64)?,([^"\')\s]+)', html):
        payload = match.group(2)
        if match.group(1):
            found.append(base64.b64decode(payload).decode("utf-8"))
        else:
            found.append(urllib.parse.unquote(payload))
    return found


# --- 4. text the shipped fonts cannot draw ----------------------------------------------


def test_notes_the_fonts_cannot_draw_name_year_toml_and_the_character(data: Path) -> None:
    year = data / "2019" / "year.toml"
    text = year.read_text("utf-8")
    # TOML writes control characters as escapes; they are in the text all the same.
    text = text.replace('"Figures for January to June."', '"Figures \\u001b[31m\\u0007 for 한국."')
    text = text.replace('"Podaci za januar–jun."', '"Podaci 中文."')
    year.write_text(text, "utf-8")
    assert problems_of(data) == [
        "2019/year.toml:5: notes.en, note 1: U+001B (a control character), U+0007 (a control "
        "character), U+D55C (HANGUL SYLLABLE HAN) and 1 more are not in the sheets' font, so "
        "they cannot be printed; remove them or write the text another way",
        "2019/year.toml:7: notes.sr, note 1: U+4E2D (CJK UNIFIED IDEOGRAPH-4E2D) and U+6587 (CJK "
        "UNIFIED IDEOGRAPH-6587) are not in the sheets' font, so they cannot be printed; remove "
        "them or write the text another way",
        "2 problems found.",
    ]


def test_a_name_the_fonts_cannot_draw_is_located(data: Path) -> None:
    municipalities = data / "municipalities.csv"
    text = municipalities.read_text("utf-8")
    municipalities.write_text(
        text.replace("Deçan,Dečane,,,", "Deçan,Dečane,,Dečani 한,", 1), "utf-8"
    )
    assert problems_of(data) == [
        "municipalities.csv:2:name_en: U+D55C (HANGUL SYLLABLE HAN) is not in the sheets' "
        "font, so it cannot be printed; remove it or write the text another way",
        "1 problem found.",
    ]


# --- 5. workbooks: a stray far cell, a zip bomb, too many rows ---------------------------


def workbook(path: Path, rows: list[list[object]], cells: dict[str, object] | None = None) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    book.save(path)


def officers_workbook(data: Path, cells: dict[str, object] | None = None) -> Path:
    csv_path = data / "2019" / "officers.csv"
    rows = [line.split(",") for line in csv_path.read_text("utf-8").splitlines()]
    csv_path.unlink()
    path = csv_path.with_suffix(".xlsx")
    workbook(path, rows, cells)
    return path


def test_a_stray_value_in_the_last_cell_is_named(data: Path) -> None:
    path = officers_workbook(data, {"XFD1048576": "x"})
    assert path.stat().st_size < 10_000
    assert problems_of(data) == [
        "2019/officers.xlsx:1048576: cell XFD1048576 holds a value far outside the table "
        "(which may reach row 10,000 and column CV): delete it, or move the data up",
        "1 problem found.",
    ]


def test_a_stray_value_far_right_is_named(data: Path) -> None:
    officers_workbook(data, {"XFD3": "x"})
    assert problems_of(data) == [
        "2019/officers.xlsx:3: cell XFD3 holds a value far outside the table (which may reach "
        "row 10,000 and column CV): delete it, or move the data up",
        "1 problem found.",
    ]


def test_an_empty_formatted_last_cell_is_harmless(data: Path) -> None:
    path = officers_workbook(data)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["XFD1048576"].number_format = "0.00"  # formatted, no value
    book.save(path)
    assert invoke("validate", "--data", str(data)).exit_code == 0


def zip_bomb(path: Path, inflated: int) -> None:
    """A real workbook with one more member that unpacks to ``inflated`` bytes."""
    officers_workbook(path.parent.parent)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings2.xml", b"a" * inflated)


@pytest.mark.slow
def test_a_workbook_that_inflates_to_hundreds_of_megabytes_is_refused(data: Path) -> None:
    path = data / "2019" / "officers.xlsx"
    zip_bomb(path, 400 * 2**20)
    assert path.stat().st_size < 1_000_000
    lines = problems_of(data)
    assert lines[1:] == ["1 problem found."]
    assert lines[0].startswith("2019/officers.xlsx: this workbook unpacks to 400 MB, far more")


def test_a_workbook_of_too_many_rows_is_refused(data: Path) -> None:
    rows: list[list[object]] = [["municipality", "community", "gender"]]
    rows += [["decan", "albanian", "f"]] * 10_005
    workbook(data / "2019" / "officers.xlsx", rows)
    (data / "2019" / "officers.csv").unlink()
    assert problems_of(data) == [
        "2019/officers.xlsx:10001: cell C10001 holds a value far outside the table (which may "
        "reach row 10,000 and column CV): delete it, or move the data up",
        "1 problem found.",
    ]


def test_a_damaged_workbook_never_gives_an_empty_reason(data: Path) -> None:
    path = officers_workbook(data)
    # A zip whose sheet is not XML.
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = b"<not xml"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    lines = problems_of(data)
    assert lines[0].startswith("2019/officers.xlsx: not a readable Excel workbook: ")
    assert len(lines[0]) > len("2019/officers.xlsx: not a readable Excel workbook: ") + 3
    assert lines[1:] == ["1 problem found."]


# --- 6. the report is capped ---------------------------------------------------------------


def test_the_report_prints_the_first_1000_problems_and_counts_them_all(data: Path) -> None:
    append(data / "2019" / "officers.csv", "decan,klingon,f\n" * 3_000)
    lines = problems_of(data)
    assert len(lines) == 1_002
    assert lines[0] == (
        "2019/officers.csv:9:community: 'klingon' is not a community; use one of: albanian, "
        "serb, bosniak, turk, roma, ashkali, egyptian, gorani, montenegrin, croat, other"
    )
    assert lines[999].startswith("2019/officers.csv:1008:community: 'klingon'")
    assert lines[-2:] == ["… and 2,000 more problems, not shown.", "3,000 problems found."]


# --- 7. a damaged build record ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '{"2019/indicators.json": 5}',
            "not a table of outputs, each with its 'inputs' and 'output'",
        ),
        ('["a list"]', "not a table of outputs, each with its 'inputs' and 'output'"),
        ("<<<<<<< HEAD\n{}\n=======\n", "not valid JSON"),
        ("[" * 100_000, "nested too deep"),
        ("\xff\xfe", "not valid JSON"),
    ],
)
def test_a_damaged_build_record_is_treated_as_absent(
    tmp_path: Path, content: str, reason: str
) -> None:
    out = tmp_path / "out"
    args = ("build", "--data", str(SMALL), "--out", str(out), "--format", "html", "--jobs", "1")
    args += ("--kind", "sheet")
    assert invoke(*args, "--year", "2019", "--lang", "en").exit_code == 0
    record = out / ".mocr-build.json"
    record.write_bytes(content.encode("latin-1"))
    result = invoke(*args, "--year", "2019", "--lang", "en")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {record}: damaged ({reason}); treated as absent, so every output is rebuilt"
    ]
    assert "built 2, up to date 0" in result.stdout
    again = invoke(*args, "--year", "2019", "--lang", "en")
    assert "built 0, up to date 2" in again.stdout and "warning" not in again.stderr


# --- 8. one problem per line, control characters escaped ---------------------------------


def test_a_header_with_a_line_break_and_escape_codes_is_one_escaped_line(data: Path) -> None:
    officers = data / "2019" / "officers.csv"
    text = officers.read_text("utf-8")
    officers.write_text(
        text.replace(
            "Municipality , Community , Gender", '"Munici\npality",Community,Gender\x1b[2J'
        ),
        "utf-8",
    )
    lines = problems_of(data)
    assert lines == [
        "2019/officers.csv:1: the column 'gender' is missing",
        "2019/officers.csv:1: the column 'municipality' is missing",
        "2019/officers.csv:1:gender\\x1b[2j: unknown column 'gender\\x1b[2j'; did you mean "
        "'gender'? the columns are: municipality, community, gender",
        "2019/officers.csv:1:munici\\npality: unknown column 'munici\\npality'; did you mean "
        "'municipality'? the columns are: municipality, community, gender",
        "4 problems found.",
    ]


def test_a_cell_with_escape_codes_is_shown_escaped(data: Path) -> None:
    append(data / "2019" / "officers.csv", "decan,\x1b]0;pwned\x07serb,f\n")
    assert problems_of(data) == [
        "2019/officers.csv:9:community: '\\x1b]0;pwned\\x07serb' is not a community; use one "
        "of: albanian, serb, bosniak, turk, roma, ashkali, egyptian, gorani, montenegrin, "
        "croat, other",
        "1 problem found.",
    ]


# --- 9. formulas without a saved value --------------------------------------------------


def test_a_formula_without_a_saved_value_is_named_by_its_cell(data: Path) -> None:
    officers_workbook(data, {"C3": '=IF(TRUE,"m","f")'})  # openpyxl saves no value for it
    assert problems_of(data) == [
        '2019/officers.xlsx:3:gender: cell C3 holds the formula =IF(TRUE,"m","f") but no value '
        "for it: the workbook was written by a program that does not calculate. Open it in "
        "Excel (or LibreOffice) and save it, or type the value",
        "1 problem found.",
    ]


def test_a_formula_with_a_saved_value_is_read_by_that_value(data: Path) -> None:
    path = officers_workbook(data, {"C3": '=IF(TRUE,"m","f")'})
    # What Excel writes: the formula and, beside it, the value it calculated.
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    # "<v />", or "<v></v>" where openpyxl writes through lxml.
    empty = re.search(r'<c r="C3"><f>IF\(TRUE,"m","f"\)</f><v ?/?>(?:</v>)?</c>', sheet)
    assert empty is not None
    sheet = sheet.replace(empty[0], '<c r="C3" t="str"><f>IF(TRUE,"m","f")</f><v>m</v></c>')
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    assert invoke("validate", "--data", str(data)).exit_code == 0


def test_a_municipality_merged_down_its_officers_rows_is_read_in_each_row(data: Path) -> None:
    # An analyst types Deçan once beside its two officers and merges the cells:
    # the file holds the name in the first cell only (analyst review).
    args = ("indicators", "--year", "2019", "--data", str(data), "--format", "json")
    expected = invoke(*args).stdout
    path = officers_workbook(data)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    assert [sheet[f"A{row}"].value for row in range(2, 7)] == [
        "decan",
        "Dečane",
        "Gračanica",
        "gracanice",
        "Graçanicë",
    ]
    assert [cell.value for cell in sheet[7]] == ["prizren", "turk", "male"]
    last = sheet.max_row
    sheet.merge_cells("A2:A3")  # openpyxl, as Excel, keeps the first cell's value only
    sheet.merge_cells("A4:A6")
    sheet.merge_cells(f"A{last}:A{last + 2}")  # into empty rows: no rows are made of them
    sheet.merge_cells("B7:C7")  # across columns: the value stays in the first
    book.save(path)
    assert problems_of(data) == [
        "2019/officers.xlsx:7:gender: the gender is empty; use f or m",
        "1 problem found.",
    ]
    sheet.unmerge_cells("B7:C7")
    sheet["C7"] = "male"
    book.save(path)
    assert invoke(*args).stdout == expected


# --- 10. Ctrl-C and SIGTERM -----------------------------------------------------------


def build_args(data: Path, out: Path, *more: str) -> list[str]:
    args = ["build", "--data", str(data), "--out", str(out), "--format", "html"]
    return [*args, "--kind", "sheet", *more]


@pytest.mark.slow
def test_ctrl_c_before_the_write_phase_leaves_outputs_untouched(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert invoke(*build_args(data, out, "--jobs", "1")).exit_code == 0
    before = snapshot(out)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "render_job", interrupted)
    result = invoke(*build_args(data, out, "--jobs", "1", "--force"))
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1:] == [
        "interrupted (Ctrl-C); nothing was written: every output is as it was."
    ]
    assert snapshot(out) == before


def inodes(out: Path) -> dict[str, int]:
    """Every output's inode: ``os.replace`` gives a moved-in file a new one."""
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in outputs_in(out)}


@pytest.mark.slow
def test_a_signal_during_the_moves_waits_for_the_last_one(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mocr_factsheet.build import write

    out = tmp_path / "out"
    assert invoke(*build_args(data, out, "--jobs", "1")).exit_code == 0
    before = inodes(out)
    real = write.write_all

    def write_all_signalled(files: list[tuple[Path, bytes | Path]], **more: Any) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # both arrive as the first file is staged
        os.kill(os.getpid(), signal.SIGINT)
        real(files, **more)

    monkeypatch.setattr(write, "write_all", write_all_signalled)
    result = invoke(*build_args(data, out, "--jobs", "1", "--force"))
    assert result.exit_code == 143, result.output
    assert result.stderr.splitlines()[-1] == (
        "interrupted (SIGTERM); the outputs being written were all put in place first."
    )
    after = inodes(out)
    assert set(after) == set(before) and len(after) == 11  # 10 outputs and the record
    assert not [name for name in after if after[name] == before[name]], "an output was not moved"


def test_deferred_holds_signals_until_the_block_is_done() -> None:
    done: list[str] = []
    with pytest.raises(Interrupted) as caught, deferred():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        done.append("first move")
        done.append("last move")
    assert done == ["first move", "last move"]
    assert caught.value.written and caught.value.exit_code == 130


@pytest.mark.slow
def test_sigterm_before_writing_stops_a_build_with_one_line(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        invoke(*build_args(data, out, "--jobs", "1", "--year", "2019", "--lang", "en")).exit_code
        == 0
    )
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "mocr_factsheet", *build_args(data, out, "--force", "--jobs", "2")],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    # The first sheet is done: the others are rendering.
    while not (line := process.stderr.readline()).startswith("[1/"):
        assert line, "the build ended before its first sheet"
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr
    last = [line for line in stderr.splitlines() if not line.startswith("[")][-1]
    # The outputs finished before the signal are kept for the next build (issue 17).
    assert re.fullmatch(
        r"interrupted \(SIGTERM\); nothing was written: every output is as it was; the "
        r"\d+ outputs it finished are kept, and the next build reuses them\.",
        last,
    ), last
    assert stdout == ""
    assert snapshot(out) == before


# --- 11. workers die with the build ---------------------------------------------------


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(p) for p in task.read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_build_killed_with_sigkill_leaves_no_worker_behind(data: Path, tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mocr_factsheet", "build", "--data", str(data), "--out",
         str(tmp_path / "out"), "--jobs", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never started its workers"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "a worker outlived the build"


@pytest.mark.slow
def test_the_no_op_build_reads_no_font_and_no_workbook_library(tmp_path: Path) -> None:
    """The checks above (fonts' character maps, workbook bounds) are validation's:
    deciding that nothing needs rebuilding pays for none of them."""
    out = tmp_path / "out"
    args = ["build", "--data", str(SMALL), "--out", str(out), "--format", "html", "--lang", "en"]
    assert invoke(*args).exit_code == 0
    code = (
        "import sys\n"
        "from mocr_factsheet.cli import app\n"
        f"app({args!r}, standalone_mode=False)\n"
        "print(sorted({'fontTools', 'openpyxl'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "built 0" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_workbook_row_with_empty_last_cells_has_every_column(data: Path) -> None:
    """In a sheet, trailing empty cells are simply not stored: no separator is missing."""
    offices = data / "2019" / "offices.csv"
    rows = [line.split(";") for line in offices.read_text("utf-8").splitlines()]
    offices.unlink()
    workbook(offices.with_suffix(".xlsx"), [[c for c in row if c] for row in rows])
    assert invoke("validate", "--data", str(data)).exit_code == 0


def test_a_build_sweeps_the_temporary_files_a_killed_build_left(tmp_path: Path) -> None:
    """A build killed while staging leaves ".NAME.RANDOM.tmp" files; the next
    write of NAME removes them, and nothing else."""
    from mocr_factsheet.build.write import write_all

    left = tmp_path / ".mocr-2019-en.pdf.k3j9x_2a.tmp"
    other = tmp_path / ".mocr-2019-sq.pdf.a8b7c6d5.tmp"  # not written this time: kept
    mine = tmp_path / "notes.tmp"  # not ours: kept
    for path in (left, other, mine):
        path.write_bytes(b"half a PDF")
    write_all([(tmp_path / "mocr-2019-en.pdf", b"%PDF")])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["mocr-2019-en.pdf", other.name, mine.name]
    )
