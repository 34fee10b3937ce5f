"""The downloads' workbooks (``*-data.xlsx``), written as SpreadsheetML directly.

A download is a few sheets of plain cells: text, numbers, empty cells; a bold
header row, frozen; column widths; one style for wrapped notes. That much of
the format (ECMA-376, the parts Excel itself writes for such a workbook) is
written here in one pass, byte for byte the same for the same tables. openpyxl
built an object per cell to write the same: about 45 ms a workbook, and 0.13 s
to import in each worker (docs/performance.md, session 22). It still writes
the data-entry workbooks, whose drop-down lists and protection are more than
plain cells (entry/workbook.py).

Text is always a text cell, never a formula ("=…" is shown as typed), and the
characters XML 1.0 cannot hold are left out, so no value can make a workbook
that Excel refuses to open.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

Value = str | int | float | None

# Styles (xl/styles.xml's cellXfs): plain, bold (a header), wrapped at the top
# (a note's line), both (a notice's first line).
PLAIN, BOLD, WRAPPED, BOLD_WRAPPED = range(4)


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name (at most 31 characters, unique in its workbook), its
    rows, each cell's style (``styles``, by row and column: PLAIN where not
    given), each column's width in characters, and whether its first row is frozen."""

    name: str
    rows: Sequence[Sequence[Value]]
    widths: Sequence[float] = ()
    styles: dict[tuple[int, int], int] | None = None
    frozen_header: bool = False


@dataclass(frozen=True)
class Properties:
    """What the file says of itself (docProps/core.xml)."""

    title: str
    language: str
    description: str
    creator: str
    moment: datetime


_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC: Final = "application/vnd.openxmlformats-officedocument"
_DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _text(value: str) -> str:
    """``value`` as XML character data (also fit for a double-quoted attribute)."""
    value = _NOT_XML.sub("", value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def column_letter(n: int) -> str:
    """The letters of the ``n``-th column, from 1: A, …, Z, AA, …"""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(value: int | float) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a number a workbook can hold: {value}")
    return repr(value)  # "50.0": read back as the float it is


def workbook_bytes(sheets: Sequence[Sheet], properties: Properties) -> bytes:
    """The sheets as one .xlsx file; every zip entry dated ``properties.moment``."""
    strings = _SharedStrings()
    parts: dict[str, str] = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _ROOT_RELS,
        "docProps/app.xml": _APP,
        "docProps/core.xml": _core(properties),
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(sheets)),
        "xl/styles.xml": _STYLES,
    }
    for n, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = _worksheet(sheet, strings)
    parts["xl/sharedStrings.xml"] = strings.part()
    moment = properties.moment
    date_time = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            entry = zipfile.ZipInfo(name, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, text.encode("utf-8"))
    return raw.getvalue()


def _worksheet(sheet: Sheet, strings: _SharedStrings) -> str:
    styles = sheet.styles or {}
    out = [_DECLARATION, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">']
    out.append('<sheetViews><sheetView workbookViewId="0">')
    if sheet.frozen_header:
        out.append(
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        )
    out.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    if sheet.widths:
        out.append("<cols>")
        out += [
            f'<col min="{n}" max="{n}" width="{width:g}" customWidth="1"/>'
            for n, width in enumerate(sheet.widths, start=1)
        ]
        out.append("</cols>")
    out.append("<sheetData>")
    for r, row in enumerate(sheet.rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row, start=1):
            style = styles.get((r, c), PLAIN)
            ref = f"{column_letter(c)}{r}"
            s = f' s="{style}"' if style else ""
            if isinstance(value, str):
                value = _NOT_XML.sub("", value) or None
            if value is None:
                if style:
                    out.append(f'<c r="{ref}"{s}/>')
            elif isinstance(value, str):
                out.append(f'<c r="{ref}"{s} t="s"><v>{strings.index(value)}</v></c>')
            else:
                out.append(f'<c r="{ref}"{s} t="n"><v>{_number(value)}</v></c>')
        out.append("</row>")
    out.append(
        '</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" '
        'header="0.5" footer="0.5"/></worksheet>'
    )
    return "".join(out)


class _SharedStrings:
    """The workbook's texts, each written once (xl/sharedStrings.xml), and how many
    cells hold one."""

    def __init__(self) -> None:
        self._indexes: dict[str, int] = {}
        self._cells = 0

    def index(self, text: str) -> int:
        self._cells += 1
        return self._indexes.setdefault(text, len(self._indexes))

    def part(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_text(s)}</t></si>'
            if s != s.strip() or "\n" in s
            else f"<si><t>{_text(s)}</t></si>"
            for s in self._indexes  # in the order of their indexes
        )
        return (
            f'{_DECLARATION}<sst xmlns="{_MAIN}" count="{self._cells}" '
            f'uniqueCount="{len(self._indexes)}">{items}</sst>'
        )


def _workbook(sheets: Sequence[Sheet]) -> str:
    listed = "".join(
        f'<sheet name="{_text(sheet.name)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, sheet in enumerate(sheets, start=1)
    )
    return (
        f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{listed}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    sheet_type = f"{_REL}/worksheet"
    rels = [
        f'<Relationship Id="rId{n}" Type="{sheet_type}" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    ]
    rels.append(f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>')
    rels.append(
        f'<Relationship Id="rId{count + 2}" Type="{_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/>'
    )
    return f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">{"".join(rels)}</Relationships>'


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        f'ContentType="{_DOC}.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        f"{_DECLARATION}"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_DOC}.spreadsheetml.sheet.main+xml"/>'
        f"{sheets}"
        f'<Override PartName="/xl/styles.xml" ContentType="{_DOC}.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{_DOC}.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_DOC}.extended-properties+xml"/>'
        "</Types>"
    )


def _core(p: Properties) -> str:
    when = p.moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(p.title)}</dc:title>"
        + (f"<dc:description>{_text(p.description)}</dc:description>" if p.description else "")
        + f"<dc:creator>{_text(p.creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{_text(p.creator)}</cp:lastModifiedBy>"
        f"<dc:language>{_text(p.language)}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


_ROOT_RELS: Final = (
    f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_APP: Final = (
    f"{_DECLARATION}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>mocr-factsheet</Application></Properties>"
)
# Calibri 11, as Excel's own new workbook; the cellXfs in the order of PLAIN,
# BOLD, WRAPPED, BOLD_WRAPPED.
_STYLES: Final = (
    f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
