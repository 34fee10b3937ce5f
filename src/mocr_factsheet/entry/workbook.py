"""Data-entry workbooks: a year's tables as ``.xlsx`` files that guide the analyst.

Every vocabulary column is a drop-down list (Excel's data validation) of
values the reader accepts, with an input message and an error alert in the
analyst's language, so that a mistyped value is stopped in Excel itself. The
header is the contract's column names (docs/contract.md §1), so the workbook is read like
a CSV file.

The bytes are the same on every run: fixed document times, fixed times inside
the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from mocr_factsheet.data.model import Reference
from mocr_factsheet.data.schema import (
    MUNICIPALITY,
    YES_NO,
    Column,
    TableSchema,
    Vocabulary,
    accepted,
)
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.translit import fold

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
class DropDown:
    """One column's drop-down list and the texts Excel shows with it."""

    values: tuple[str, ...]
    title: str  # the input message's and the error alert's title
    prompt: str  # what to enter, in the analyst's words
    error: str  # the alert shown for a value not in the list


@dataclass(frozen=True)
class EntryTable:
    """One table to write: its columns, pre-filled rows, and each column's list."""

    name: str  # offices, officers, duties: the sheet's and the file's name
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    drop_downs: Mapping[str, DropDown]


def yes_no_words(t: Translator) -> tuple[str, str]:
    """The language's own words for yes and no (po/jo, da/ne) where the reader takes them."""
    # TRANSLATORS: the word an analyst types in a yes/no cell of a workbook. The data
    # reader accepts only: yes/no, po/jo, da/ne and the Cyrillic да/не.
    yes = t.pgettext("workbook", "yes")
    no = t.pgettext("workbook", "no")
    if yes.casefold() in accepted(YES_NO, "yes") and no.casefold() in accepted(YES_NO, "no"):
        return yes, no
    return "yes", "no"


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Texts:
    """The drop-downs of one language: values from the schema, texts from the catalogs."""

    def __init__(self, reference: Reference, t: Translator, year: int) -> None:
        self.reference = reference
        self.t = t
        self.year = year
        self.yes, self.no = yes_no_words(t)

    def values(self, vocabulary: Vocabulary) -> tuple[str, ...]:
        """What the list offers: every value as the reader accepts it."""
        if vocabulary.from_reference == "municipalities":
            names = (self.t.municipality(m) for m in self.reference.municipalities)
            return tuple(sorted(names, key=fold))
        if vocabulary.from_reference == "communities":
            return tuple(c.code for c in self.reference.communities)
        if vocabulary is YES_NO:
            return (self.yes, self.no)
        return vocabulary.values

    def drop_down(self, column: Column, duty: str | None) -> DropDown | None:
        if column.vocabulary is None:
            return None
        values = self.values(column.vocabulary)
        title, prompt = self._message(column, duty)
        if column.vocabulary.from_reference == "municipalities":
            error = self.t.pgettext(
                "workbook", "This is not a municipality's name as the list gives it. Choose one."
            )
        else:
            error = self.t.pgettext("workbook", "Choose one of: %(values)s.") % {
                "values": ", ".join(values)
            }
        return DropDown(values, _fit(title, _TITLE_MAX), _fit(prompt, _TEXT_MAX), error)

    def _message(self, column: Column, duty: str | None) -> tuple[str, str]:
        """The input message's title and text, as the column's declaration gives them."""
        if column.prompt is None or (column.title is None and duty is None):
            raise KeyError(
                f"no input message for the column {column.name}: declare its title and "
                "prompt in its table's schema"
            )
        t = self.t
        prompt = t.pgettext("workbook", column.prompt)
        if "%(" in column.prompt:
            prompt %= {"year": self.year, "yes": self.yes, "no": self.no, **column.placeholders}
        if duty is not None:
            # The duty's long name first, shortened if need be; the question whole.
            room = _TEXT_MAX - len(prompt) - 2
            return t.duty_short(duty), f"{_fit(t.duty(duty), room)}\n\n{prompt}"
        assert column.title is not None
        return t.pgettext("workbook", column.title), prompt


def entry_tables(
    tables: Sequence[tuple[TableSchema, Sequence[Sequence[str]]]],
    reference: Reference,
    t: Translator,
    year: int,
) -> list[EntryTable]:
    """The scaffold's tables (codes in the municipality column) as tables to write:
    the columns, and the vocabulary of each, are the schema's."""
    texts = _Texts(reference, t, year)
    names = {m.code: t.municipality(m) for m in reference.municipalities}
    result: list[EntryTable] = []
    for schema, rows in tables:
        columns = schema.all_columns(reference.duties)
        header = tuple(c.name for c in columns)
        # What the scaffold carries over as codes, shown as the column's list offers
        # it: a municipality by its name, a yes or no in the workbook's language.
        words = {"yes": texts.yes, "no": texts.no}
        shown_as = {
            i: names if c.vocabulary is MUNICIPALITY else words
            for i, c in enumerate(columns)
            if c.vocabulary is MUNICIPALITY or c.vocabulary is YES_NO
        }
        shown = tuple(
            tuple(
                shown_as[i].get(cell, cell) if i in shown_as else cell for i, cell in enumerate(row)
            )
            for row in rows
        )
        duties = set(reference.duties) if schema.per_duty is not None else set()
        drop_downs = {
            c.name: d
            for c in columns
            if (d := texts.drop_down(c, c.name if c.name in duties else None))
        }
        result.append(EntryTable(schema.stem, header, shown, drop_downs))
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
        drop_down = table.drop_downs.get(column)
        values = drop_down.values if drop_down else ()
        cells = [column, *(row[index - 1] for row in table.rows), *values]
        width = max(len(c) for c in cells) + 2
        sheet.column_dimensions[letter].width = min(max(width, _WIDTH_MIN), _WIDTH_MAX)
        if drop_down is None:
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
            promptTitle=drop_down.title,
            prompt=drop_down.prompt,
            errorTitle=drop_down.title,
            error=_fit(drop_down.error, _TEXT_MAX),
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
    from mocr_factsheet.render.downloads import zip_dated

    return zip_dated(buffer.getvalue(), _ZIP_TIME)
