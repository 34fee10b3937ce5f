"""Acceptance checks against docs/contract.md §1-§3, from an analyst's side: the
command line on copies of the small fixture, broken one thing at a time.

2019 of tests/fixtures/small by hand: prizren established, work plan no,
annual report empty, a Turkish man and a Bosniak woman, only ``contacts``
done; not established in 2018. dragash is not established in either year.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from helpers import DUTIES, PRIZREN_2019_PROFILE, SMALL, invoke, problems_of
from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.data.names import MunicipalityMatcher

LANGUAGES = {"en": None, "sq": None, "sr": None, "sr-Cyrl": "sr"}


# --- reading ----------------------------------------------------------------------


def test_a_folder_named_like_a_table_is_not_taken_for_a_misspelt_file(data: Path) -> None:
    """It used to say: "file not found; there is 'offices.csv': rename it to offices.csv"."""
    (data / "2019" / "offices.csv").unlink()
    (data / "2019" / "offices.csv").mkdir()
    assert problems_of(data) == [
        "2019/offices.csv: this is a folder; the table must be a .csv file or a .xlsx workbook",
        "1 problem found.",
    ]


def test_a_link_to_nothing_is_named_as_such(data: Path) -> None:
    (data / "2019" / "officers.csv").unlink()
    (data / "2019" / "officers.csv").symlink_to(data / "gone.csv")
    assert problems_of(data) == [
        "2019/officers.csv: this is a link to a file that does not exist; the table must be "
        "a .csv file or a .xlsx workbook",
        "1 problem found.",
    ]


def test_a_stray_nul_in_utf8_is_reported_in_its_cell_not_as_utf16(data: Path) -> None:
    officers = data / "2019" / "officers.csv"
    officers.write_bytes(officers.read_bytes() + b"decan,serb,\x00f\n")
    assert problems_of(data) == [
        "2019/officers.csv:9:gender: '\\x00f' is not a gender; use f or m",
        "1 problem found.",
    ]


def test_the_line_of_a_byte_that_is_not_utf8_counts_carriage_returns_as_editors_do(
    data: Path,
) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends lines with a carriage return alone."""
    officers = data / "2019" / "officers.csv"
    text = officers.read_text("utf-8").replace("\n", "\r")
    officers.write_bytes(text.encode("cp1250"))  # line 3: "Dečane"
    assert problems_of(data) == [
        "2019/officers.csv:3: not valid UTF-8 (byte 0xe8); it is most likely Windows-1250 "
        "(what Excel in the region writes). Save it again as 'CSV UTF-8' in Excel, or run "
        "again with --encoding cp1250",
        "1 problem found.",
    ]


def test_utf16_year_toml_is_not_told_to_be_saved_from_excel(data: Path) -> None:
    toml = data / "2019" / "year.toml"
    toml.write_bytes(toml.read_text("utf-8").encode("utf-16"))
    assert problems_of(data) == [
        "2019/year.toml: this is UTF-16, not UTF-8. Save it again as UTF-8 in your editor, "
        "or run again with --encoding utf-16",
        "1 problem found.",
    ]


def test_a_formula_without_a_value_names_its_column(data: Path) -> None:
    """FILE:ROW:COLUMN: the cell is under a header; in a workbook whose header
    is on its second row, under that one."""
    offices = data / "2019" / "offices.csv"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([])
    for line in offices.read_text("utf-8").splitlines():
        sheet.append(line.split(";"))
    sheet["C3"] = '=IF(TRUE,"yes","no")'  # decan's work plan; openpyxl saves no value
    book.save(offices.with_suffix(".xlsx"))
    offices.unlink()
    assert problems_of(data) == [
        '2019/offices.xlsx:3:work_plan: cell C3 holds the formula =IF(TRUE,"yes","no") but '
        "no value for it: the workbook was written by a program that does not calculate. "
        "Open it in Excel (or LibreOffice) and save it, or type the value",
        "1 problem found.",
    ]


def test_a_data_folder_builds_its_municipality_matcher_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every table of every year (and the year before each) matches names with
    one matcher: building it folds every name of 38 municipalities."""
    shutil.copytree(SMALL, tmp_path / "data")
    shutil.copytree(SMALL / "2019", tmp_path / "data" / "2020")
    (tmp_path / "data" / "2020" / "year.toml").write_text("", "utf-8")
    built: list[int] = []
    build = MunicipalityMatcher.__init__

    def counted(self: MunicipalityMatcher, *args: object) -> None:
        built.append(1)
        build(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(MunicipalityMatcher, "__init__", counted)
    dataset = load_dataset(tmp_path / "data", [2019, 2020], LANGUAGES)
    assert sorted(dataset.years) == [2019, 2020]
    assert dataset.years[2019].previous is not None  # 2018 read too
    assert len(built) == 1


# --- the JSON of docs/contract.md §3 --------------------------------------------------


def json_of(*args: str) -> object:
    result = invoke(*args, "--data", str(SMALL), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == json.dumps(json.loads(result.stdout), indent=2, sort_keys=True) + "\n"
    return json.loads(result.stdout)


def test_profile_json_is_exactly_the_contracts_shape() -> None:
    assert json_of("indicators", "--year", "2019", "--municipality", "Prizren") == (
        PRIZREN_2019_PROFILE
    )


def test_profile_json_of_a_municipality_without_an_office() -> None:
    assert json_of("indicators", "--year", "2018", "--municipality", "dragash") == {
        "year": 2018,
        "municipality": "dragash",
        "status": "not_established",
        "work_plan": None,
        "annual_report": None,
        "officers": {"total": 0, "by_community": {}, "f": 0, "m": 0},
        "duties": None,
        "duties_count": None,
        "history": [
            {"year": 2018, "status": "not_established", "work_plan": None,
             "annual_report": None, "officers": 0, "duties_count": None},
        ],
    }  # fmt: skip


def test_trends_json_is_the_indicators_side_by_side() -> None:
    trends = json_of("trends")
    assert isinstance(trends, dict) and trends["years"] == [2018, 2019]
    for year in (2018, 2019):
        figures = json_of("indicators", "--year", str(year))
        assert isinstance(figures, dict)
        genders = figures["gender_by_community"].values()
        assert trends["by_year"][str(year)] == {
            "established": figures["established"],
            "work_plan": figures["work_plan"],
            "annual_report": figures["annual_report"],
            "officers": {
                "total": figures["officers"]["total"],
                "f": sum(g["f"] for g in genders),
                "m": sum(g["m"] for g in genders),
            },
            "duties": {d: figures["duties"][d]["yes"] for d in DUTIES},
        }


# --- what the commands load -----------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["indicators", "--year", "2019", "--format", "json"],
        ["indicators", "--year", "2019", "--municipality", "prizren", "--format", "csv"],
        ["trends", "--format", "table"],
        ["validate"],
    ],
    ids=["indicators", "profile", "trends", "validate"],
)
def test_printing_figures_loads_no_charting_or_pdf_library(command: list[str]) -> None:
    code = (
        "import sys\n"
        "from mocr_factsheet.cli import app\n"
        "try:\n"
        f"    app({[*command, '--data', str(SMALL)]!r})\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "heavy = {'matplotlib', 'typst', 'jinja2'} & set(sys.modules)\n"
        "print(sorted(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.splitlines()[-1] == "[]"
