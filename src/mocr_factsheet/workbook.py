"""Data-entry workbooks: a year's tables as ``.xlsx`` files that guide the analyst.

Every vocabulary column is a drop-down list (Excel's data validation) of
values the reader accepts, with an input message and an error alert in the
analyst's language, so that a mistyped value is stopped in Excel itself. The
header is the contract's column names, so the workbook is read like a CSV file.

The bytes are the same on every run: fixed document times, fixed times inside
the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from mocr_factsheet.i18n import Translator
from mocr_factsheet.model import STATUSES, Reference
from mocr_factsheet.translit import fold
from mocr_factsheet.validate import parse_yes_no

# Rows 2 to this one carry the drop-down lists: room for any year's rows
# (38 offices, about 100 officers) and for rows the analyst adds.
LAST_ENTRY_ROW = 1000
LISTS_SHEET = "lists"
# Excel's limits: an inline list of at most 255 characters; an input message's
# and an error alert's title of 32, their text of 255.
_INLINE_LIST_MAX = 255
_TITLE_MAX = 32
_TEXT_MAX = 255
_WIDTH_MIN, _WIDTH_MAX = 8, 45
# A zip member's time, and the document's: fixed, so the bytes never change.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Vocabulary:
    """The values one column accepts, as its drop-down lists them."""

    values: tuple[str, ...]
    title: str  # the input message's title
    prompt: str  # what to enter, in the analyst's words
    error: str  # the alert shown for a value not in the list


@dataclass(frozen=True)
class EntryTable:
    """One table to write: its columns, pre-filled rows, and the list of each column."""

    name: str  # offices, officers, duties: the sheet's and the file's name
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    vocabularies: Mapping[str, Vocabulary]


def yes_no_words(t: Translator) -> tuple[str, str]:
    """The language's own words for yes and no (po/jo, da/ne) where the reader takes them."""
    # TRANSLATORS: the word an analyst types in a yes/no cell of a workbook. The data
    # reader accepts only: yes/no, po/jo, da/ne. Serbian Cyrillic keeps the Latin da/ne.
    yes = t.pgettext("workbook", "yes")
    no = t.pgettext("workbook", "no")
    if parse_yes_no(yes) is True and parse_yes_no(no) is False:
        return yes, no
    return "yes", "no"


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def vocabularies(
    reference: Reference, t: Translator, year: int
) -> dict[str, Callable[[str], Vocabulary]]:
    """Each kind of vocabulary column, as a function of the table it stands in."""
    yes, no = yes_no_words(t)
    names = [t.municipality(m) for m in reference.municipalities]
    communities = tuple(c.code for c in reference.communities)
    genders = ("f", "m")

    def listed(values: Sequence[str]) -> str:
        return ", ".join(values)

    def municipality(table: str) -> Vocabulary:
        prompts = {
            "offices": t.pgettext(
                "workbook",
                "One row for each of the 38 municipalities. Keep the name as the list gives it.",
            ),
            "officers": t.pgettext(
                "workbook",
                "The municipality whose MOCR this officer works in. Choose it from the list.",
            ),
            "duties": t.pgettext(
                "workbook",
                "One row for each established MOCR. Choose its municipality from the list.",
            ),
        }
        return Vocabulary(
            tuple(sorted(names, key=fold)),
            t.pgettext("workbook", "Municipality"),
            prompts[table],
            t.pgettext(
                "workbook", "This is not a municipality's name as the list gives it. Choose one."
            ),
        )

    def status(table: str) -> Vocabulary:
        return Vocabulary(
            STATUSES,
            t.pgettext("workbook", "Status"),
            # The codes are placeholders: they stay as they are in every language.
            t.pgettext(
                "workbook",
                "%(established)s: the municipality has an MOCR; %(similar)s: an office with "
                "similar functions, not counted as an MOCR; %(none)s: neither.",
            )
            % {"established": STATUSES[0], "similar": STATUSES[1], "none": STATUSES[2]},
            t.pgettext("workbook", "Choose one of: %(values)s.") % {"values": listed(STATUSES)},
        )

    def answer(title: str, question: str) -> Vocabulary:
        return Vocabulary(
            (yes, no),
            _fit(title, _TITLE_MAX),
            question,
            t.pgettext("workbook", "Choose one of: %(values)s.") % {"values": listed((yes, no))},
        )

    def work_plan(table: str) -> Vocabulary:
        return answer(
            t.pgettext("workbook", "Work plan"),
            t.pgettext(
                "workbook",
                "Did the MOCR have a work plan in %(year)s? Choose %(yes)s or %(no)s. Leave "
                "the cell empty if it is not known, or if there is no MOCR.",
            )
            % {"year": year, "yes": yes, "no": no},
        )

    def annual_report(table: str) -> Vocabulary:
        return answer(
            t.pgettext("workbook", "Annual report"),
            t.pgettext(
                "workbook",
                "Did the MOCR submit an annual report for %(year)s? Choose %(yes)s or %(no)s. "
                "Leave the cell empty if it is not known, or if there is no MOCR.",
            )
            % {"year": year, "yes": yes, "no": no},
        )

    def duty(code: str) -> Callable[[str], Vocabulary]:
        def vocabulary(table: str) -> Vocabulary:
            question = t.pgettext(
                "workbook", "Did the MOCR perform this duty? Answer %(yes)s or %(no)s."
            ) % {"yes": yes, "no": no}
            # The duty's long name first; the question must not be cut.
            room = _TEXT_MAX - len(question) - 2
            return answer(t.duty_short(code), f"{_fit(t.duty(code), room)}\n\n{question}")

        return vocabulary

    def community(table: str) -> Vocabulary:
        return Vocabulary(
            communities,
            t.pgettext("workbook", "Community"),
            t.pgettext("workbook", "The officer's community. Choose it from the list."),
            t.pgettext("workbook", "Choose one of: %(values)s.") % {"values": listed(communities)},
        )

    def gender(table: str) -> Vocabulary:
        return Vocabulary(
            genders,
            t.pgettext("workbook", "Gender"),
            t.pgettext("workbook", "%(f)s for a woman, %(m)s for a man.") % {"f": "f", "m": "m"},
            t.pgettext("workbook", "Choose one of: %(values)s.") % {"values": listed(genders)},
        )

    kinds: dict[str, Callable[[str], Vocabulary]] = {
        "municipality": municipality,
        "status": status,
        "work_plan": work_plan,
        "annual_report": annual_report,
        "community": community,
        "gender": gender,
    }
    kinds |= {code: duty(code) for code in reference.duties}
    return kinds


def entry_tables(
    tables: Mapping[str, tuple[Sequence[str], Sequence[Sequence[str]]]],
    reference: Reference,
    t: Translator,
    year: int,
) -> list[EntryTable]:
    """The scaffold's tables (codes in the municipality column) as tables to write."""
    kinds = vocabularies(reference, t, year)
    names = {m.code: t.municipality(m) for m in reference.municipalities}
    result: list[EntryTable] = []
    for name, (header, rows) in tables.items():
        column = header.index("municipality")
        shown = tuple(
            tuple(names.get(cell, cell) if i == column else cell for i, cell in enumerate(row))
            for row in rows
        )
        result.append(
            EntryTable(
                name,
                tuple(header),
                shown,
                {c: kinds[c](name) for c in header if c in kinds},
            )
        )
    return result


def workbook_bytes(table: EntryTable, year: int) -> bytes:
    """The ``.xlsx`` file of one table: its sheet first, the long lists on a hidden sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.name
    sheet.append(list(table.header))
    for row in table.rows:
        sheet.append(list(row))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    lists: Worksheet | None = None
    for index, column in enumerate(table.header, start=1):
        letter = get_column_letter(index)
        vocabulary = table.vocabularies.get(column)
        values = vocabulary.values if vocabulary else ()
        cells = [column, *(row[index - 1] for row in table.rows), *values]
        width = max(len(c) for c in cells) + 2
        sheet.column_dimensions[letter].width = min(max(width, _WIDTH_MIN), _WIDTH_MAX)
        if vocabulary is None:
            continue
        inline = ",".join(values)
        if len(inline) + 2 <= _INLINE_LIST_MAX and not any("," in v for v in values):
            source = f'"{inline}"'
        else:
            if lists is None:
                lists = book.create_sheet(LISTS_SHEET)
                lists.sheet_state = "hidden"
            lists.cell(1, index, column)
            for offset, value in enumerate(values, start=2):
                lists.cell(offset, index, value)
            source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="stop",
            promptTitle=_fit(vocabulary.title, _TITLE_MAX),
            prompt=_fit(vocabulary.prompt, _TEXT_MAX),
            errorTitle=_fit(vocabulary.title, _TITLE_MAX),
            error=_fit(vocabulary.error, _TEXT_MAX),
        )
        validation.add(f"{letter}2:{letter}{LAST_ENTRY_ROW}")
        sheet.add_data_validation(validation)
    moment = dt.datetime(year, 1, 1)
    book.properties.creator = "mocr new-year"
    book.properties.created = moment
    book.properties.modified = moment
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every member's time fixed (zipfile stamps the current time)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return out.getvalue()
