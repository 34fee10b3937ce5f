"""``mocr new-year --format xlsx``: data-entry workbooks whose lists the reader accepts.

Each test writes the workbooks for 2020 from ``tests/fixtures/small`` (2019:
decan, gracanice and prizren established; leposaviq and zubin-potok a similar
office), reads them back with openpyxl as Excel would, and validates them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import Result

from helpers import SMALL, invoke
from mocr_factsheet.data.model import COMMUNITY_CODES, DUTY_CODES, MUNICIPALITY_CODES, STATUSES
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.validate import read_reference

BUNDLED = Path(__file__).resolve().parent.parent / "data"
YES_NO = {"en": ("yes", "no"), "sq": ("po", "jo"), "sr": ("da", "ne"), "sr-Cyrl": ("да", "не")}
# The input message's title of the municipality column, in each language.
MUNICIPALITY_TITLE = {"en": "Municipality", "sq": "Komuna", "sr": "Opština", "sr-Cyrl": "Општина"}
COLUMNS = {
    "offices": ("municipality", "status", "work_plan", "annual_report"),
    "officers": ("municipality", "community", "gender"),
    "duties": ("municipality", *DUTY_CODES),
}
EMPTY_CHECKLIST = "the checklist is empty; answer yes or no for each of the 8 duties"


def new_year(data: Path, lang: str = "en") -> Path:
    result = invoke("new-year", "2020", "--data", str(data), "--format", "xlsx", "--lang", lang)
    assert result.exit_code == 0, result.output
    return data / "2020"


def validate(data: Path) -> Result:
    return invoke("validate", "--data", str(data), "--year", "2020")


def sheet_of(path: Path) -> Worksheet:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


def list_values(sheet: Worksheet, validation: DataValidation) -> list[str]:
    """The values a drop-down offers: inline, or from a range of the hidden sheet."""
    source = validation.formula1
    if source.startswith('"'):
        return source.strip('"').split(",")
    found = re.fullmatch(r"'?(\w+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", source)
    assert found, source
    name, first_col, first, last_col, last = found.groups()
    assert first_col == last_col
    lists = sheet.parent[name]
    assert lists.sheet_state == "hidden"
    return [str(lists[f"{first_col}{row}"].value) for row in range(int(first), int(last) + 1)]


def drop_downs(sheet: Worksheet) -> dict[str, tuple[str, DataValidation, list[str]]]:
    """Each column's drop-down, by header name: its range, the rule, the values."""
    header = {cell.column_letter: str(cell.value) for cell in sheet[1]}
    found: dict[str, tuple[str, DataValidation, list[str]]] = {}
    for validation in sheet.data_validations.dataValidation:
        (ref,) = str(validation.sqref).split()
        column = header[re.match(r"[A-Z]+", ref).group(0)]  # type: ignore[union-attr]
        found[column] = (ref, validation, list_values(sheet, validation))
    return found


# --- what the workbooks hold ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "sq", "sr", "sr-Cyrl"])
def test_every_vocabulary_column_is_a_list_the_reader_accepts(data: Path, lang: str) -> None:
    folder = new_year(data, lang)
    reference, _ = read_reference(data)
    assert reference is not None
    matcher = MunicipalityMatcher(reference.municipalities)
    yes_no = list(YES_NO[lang])
    for table, columns in COLUMNS.items():
        sheet = sheet_of(folder / f"{table}.xlsx")
        assert sheet.title == table
        assert tuple(c.value for c in sheet[1]) == columns
        assert all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2"
        lists = drop_downs(sheet)
        assert set(lists) == set(columns), table  # every column here takes a vocabulary
        for column, (ref, rule, values) in lists.items():
            letter = ref[0]
            assert ref == f"{letter}2:{letter}1000"
            assert rule.type == "list" and rule.showErrorMessage and rule.showInputMessage
            assert rule.errorStyle == "stop" and rule.allow_blank
            assert len(rule.promptTitle) <= 32 and len(rule.errorTitle) <= 32
            assert 0 < len(rule.prompt) <= 255 and 0 < len(rule.error) <= 255
            if column == "municipality":
                assert rule.formula1.startswith("'lists'!$A$2:$A$39")  # too long to be inline
                # Every municipality once, each named so that the reader finds it.
                assert sorted(matcher.match(v) or v for v in values) == sorted(MUNICIPALITY_CODES)
                assert rule.promptTitle == MUNICIPALITY_TITLE[lang]
            elif column == "status":
                assert values == list(STATUSES)
            elif column == "community":
                assert values == list(COMMUNITY_CODES)
            elif column == "gender":
                assert values == ["f", "m"]
            else:
                assert values == yes_no, column
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(8 <= w <= 45 for w in widths)
        assert widths[0] >= max(len(str(c.value)) for c in sheet["A"])


def test_the_messages_speak_the_analysts_language(data: Path) -> None:
    sheet = sheet_of(new_year(data, "sq") / "offices.xlsx")
    rule = drop_downs(sheet)["work_plan"][1]
    assert rule.promptTitle == "Plani i punës"
    assert rule.prompt == (
        "A kishte ZKKK-ja plan pune në vitin 2020? Zgjidhni po ose jo. "
        "Lëreni qelizën bosh nëse nuk dihet, ose nëse nuk ka ZKKK."
    )
    assert rule.error == "Zgjidhni njërën nga: po, jo."
    duty = drop_downs(sheet_of(data / "2020" / "duties.xlsx"))["advice"][1]
    assert duty.prompt.endswith("\n\nA e kreu ZKKK-ja këtë detyrë? Përgjigjuni me po ose jo.")
    # In Serbian Cyrillic the words stay Cyrillic, yes and no too (да/не, which the
    # reader takes), but the codes stay as typed.
    shutil.rmtree(data / "2020")
    lists = drop_downs(sheet_of(new_year(data, "sr-Cyrl") / "offices.xlsx"))
    assert lists["status"][1].prompt == (
        "established: општина има ОКЗП; similar_office: канцеларија са сличним функцијама, "
        "која се не рачуна као ОКЗП; not_established: ни једно ни друго."
    )
    assert lists["work_plan"][1].error == "Изаберите једну од вредности: да, не."


def test_each_duty_names_the_duty_in_full(data: Path) -> None:
    lists = drop_downs(sheet_of(new_year(data, "sr") / "duties.xlsx"))
    assert lists["projects"][1].promptTitle == "Projekti"
    assert lists["projects"][1].prompt == (
        "Izrada, nadgledanje ili procena projekata čiji su korisnici zajednice\n\n"
        "Da li je OKZP obavljala ovu dužnost? Odgovor: da ili ne."
    )
    assert not any("…" in rule.prompt for _, rule, _ in lists.values())


def test_rows_are_prefilled_with_the_statuses_and_officers_carried_over(data: Path) -> None:
    folder = new_year(data)
    offices = [[c.value for c in row] for row in sheet_of(folder / "offices.xlsx").iter_rows(2)]
    assert len(offices) == 38
    assert offices[0] == ["Deçan/Dečane", "established", None, None]
    assert ["Leposavić/Leposaviq", "similar_office", None, None] in offices
    duties = sheet_of(folder / "duties.xlsx")
    assert [r[0].value for r in duties.iter_rows(2)] == [
        "Deçan/Dečane",
        "Gračanica/Graçanicë",
        "Prizren",
    ]
    officers = sheet_of(folder / "officers.xlsx")
    earlier = (SMALL / "2019" / "officers.csv").read_text("utf-8").splitlines()
    assert officers.max_row == len(earlier)
    assert (folder / "year.toml").is_file()
    assert not list(folder.glob("*.csv"))


def test_the_bytes_are_the_same_on_every_run(tmp_path: Path) -> None:
    written = []
    for run in ("a", "b"):
        folder = tmp_path / run
        shutil.copytree(SMALL, folder)
        written.append({p.name: p.read_bytes() for p in sorted(new_year(folder).iterdir())})
    assert written[0] == written[1]
    book = openpyxl.load_workbook(tmp_path / "a" / "2020" / "offices.xlsx")
    assert str(book.properties.created) == str(book.properties.modified) == "2020-01-01 00:00:00"


# --- validating them -------------------------------------------------------------------


def test_an_untouched_workbook_asks_for_what_the_csv_scaffold_asks_for(data: Path) -> None:
    new_year(data)
    result = validate(data)
    assert result.exit_code == 1
    lines = [f"2020/duties.xlsx:{row}: {EMPTY_CHECKLIST}" for row in (2, 3, 4)]
    assert result.stderr.splitlines() == [*lines, "3 problems found."]


@pytest.mark.parametrize("lang", ["en", "sq", "sr-Cyrl"])
def test_a_workbook_filled_from_its_lists_validates_clean(data: Path, lang: str) -> None:
    folder = new_year(data, lang)
    yes, no = YES_NO[lang]

    def fill(table: str, edit: dict[str, str], rows: range) -> None:
        path = folder / f"{table}.xlsx"
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        lists = drop_downs(sheet)
        letters = {str(c.value): c.column_letter for c in sheet[1]}
        for row in rows:
            for column, value in edit.items():
                assert value in lists[column][2], (column, value)  # only values from the list
                sheet[f"{letters[column]}{row}"] = value
        book.save(path)

    # Every duty answered, alternately yes and no; Deçan (row 2) has a work plan.
    for row in (2, 3, 4):
        answers = {d: yes if (i + row) % 2 else no for i, d in enumerate(DUTY_CODES)}
        fill("duties", answers, range(row, row + 1))
    fill("offices", {"work_plan": yes, "annual_report": no}, range(2, 3))
    # A new officer, every cell from the lists.
    prizren = next(v for v in drop_downs(sheet_of(folder / "officers.xlsx"))["municipality"][2]
                   if v.startswith(("Prizren", "Призрен")))  # fmt: skip
    officers = sheet_of(folder / "officers.xlsx").max_row
    fill("officers", {"municipality": prizren, "community": "turk", "gender": "f"},
         range(officers + 1, officers + 2))  # fmt: skip
    result = validate(data)
    assert result.exit_code == 0, result.output
    # No problem; only the warning that real 2020 is compared with the fixture's
    # invented 2019 (docs/data-format.md, "Starting from your own data").
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("warning: 2020 is real data (sample = false), but its pages ")

    result = invoke("indicators", "--year", "2020", "--data", str(data), "--format", "json")
    figures = json.loads(result.stdout)
    assert figures["work_plan"] == {"yes": 1, "no": 0, "unknown": 2}
    assert figures["annual_report"] == {"yes": 0, "no": 1, "unknown": 2}
    assert figures["officers"]["total"] == officers  # the header's row is the new officer's
    assert [figures["duties"][d]["yes"] for d in DUTY_CODES] == [1, 2] * 4


def test_a_value_not_in_the_list_is_rejected_at_its_cell(data: Path) -> None:
    folder = new_year(data, "sq")
    path = folder / "duties.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in (2, 3, 4):
        for column in range(2, 10):
            sheet.cell(row, column, "po")
    sheet["C3"] = "ndoshta"  # typed past Excel's alert, or pasted
    book.save(path)
    result = validate(data)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "2020/duties.xlsx:3:assessment: 'ndoshta' is not yes or no",
        "1 problem found.",
    ]


def test_an_unknown_language_is_a_usage_error(data: Path) -> None:
    result = invoke("new-year", "2020", "--data", str(data), "--format", "xlsx", "--lang", "de")
    assert result.exit_code == 2
    assert "unknown language 'de'" in result.output
    assert not (data / "2020").exists()


@pytest.mark.parametrize("lang", ["en", "sq", "sr", "sr-Cyrl"])
def test_what_is_carried_over_is_a_value_of_its_columns_list(tmp_path: Path, lang: str) -> None:
    """Every pre-filled cell of a column with a drop-down is one of the list's values, in
    every table of the bundled data (the committees' too: their carried-over 'established'
    was English 'yes' under an Albanian list of 'po, jo')."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    folder = new_year(data, lang)
    books = sorted(folder.glob("*.xlsx"))
    assert {b.stem for b in books} >= {"offices", "officers", "duties", "committees"}
    filled = 0
    for book in books:
        sheet = sheet_of(book)
        header = [str(c.value) for c in sheet[1]]
        lists = drop_downs(sheet)
        for row in sheet.iter_rows(min_row=2, values_only=True):
            for column, value in zip(header, row, strict=True):
                if value is None or column not in lists:
                    continue
                filled += 1
                assert str(value) in lists[column][2], (book.name, column, value)
    assert filled > 100
