"""Data for re-use: a page's figures as CSV and as one ``.xlsx`` workbook, its
charts as SVG and PNG files, and the two kinds that write them.

Two generic kinds (docs/design.md, "Downloads"), each serving one kind of page
(``page``: the year's sheet, the trends, the CC sheet):

- ``DataKind``: per page and language, one CSV per table (headers in the
  language, codes kept in a column) and one workbook with a sheet per table.
  A mechanism's subclass says which tables (``tables``) and what they read.
- ``ChartFilesKind``: per page and language, each chart the page kind draws
  (``Kind.chart_keys``, ``Kind.draw_charts``) as SVG and PNG.

Every file is byte-identical across builds: CSV in UTF-8 with a BOM (Excel on
Windows reads Cyrillic right only with it) and CRLF line ends (RFC 4180); the
workbook's document properties are the data's date and its zip entries carry
that date, not the clock; the SVG is the page's own (hash salt fixed, no
date) and the PNG is written without the software's name or a date.

Only the standard library is imported at the top: planning stays light.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.render.caveats import year_caveats
from mocr_factsheet.render.kind import (
    DownloadLink,
    Downloads,
    Job,
    Kind,
    RenderContext,
    Scope,
    Target,
)

if TYPE_CHECKING:
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.render.charts import Chart

Cell = str | int | float | None
PNG_PPI = 150  # a 90 mm chart is 531 px wide: enough for a slide or a press release
CHART_TEMPLATE = "chart.typ"  # a chart's SVG alone on a page fitting it: its PNG
XML_PROLOG = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class DataTable:
    """One table of figures: its file name part (``key``), its title (the workbook
    sheet's name: a short one of its own in the catalogs, ``msgctxt "sheet name"``),
    its column headings and rows, as the language writes the words; numbers stay
    numbers, codes stay codes."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # The years whose figures each row holds, for the mark of invented ones
    # (``sample_marked``): ``years`` for every row (() = the file's own year), or
    # ``row_years``, one year a row, for a table with a column of years.
    years: tuple[int, ...] = ()
    row_years: tuple[int, ...] = ()


def sample_marked(
    table: DataTable, tr: Translator, sample: frozenset[int], year: int | None
) -> DataTable:
    """``table`` with a last column, "Illustrative data", giving each row's years whose
    figures are invented sample data (``sample``); the table as it is where none are.

    A CSV or a workbook is re-used away from the page that marks it: the mark
    must travel in the file, on the rows it concerns (a real year's rows stay
    unmarked beside sample years in the trends)."""
    found = [sorted(set(ys) & sample) for ys in row_years(table, year)]
    if not any(found):
        return table
    return replace(
        table,
        columns=(*table.columns, tr.gettext("Illustrative data")),
        rows=tuple(
            (*row, ", ".join(map(str, years)) or None)
            for row, years in zip(table.rows, found, strict=True)
        ),
    )


def invented_years(ctx: RenderContext) -> frozenset[int]:
    """The years read whose figures are invented sample data (``sample = true``),
    a year read only as the year before another included."""
    years = ctx.dataset.years.values()
    return frozenset(
        {d.year for d in years if d.meta.sample}
        | {d.previous.year for d in years if d.previous is not None and d.previous.sample}
    )


def row_years(table: DataTable, year: int | None) -> list[tuple[int, ...]]:
    """The years whose figures each row of ``table`` holds (``year``: the file's)."""
    if table.row_years:
        return [(y,) for y in table.row_years]
    own = table.years or ((year,) if year is not None else ())
    return [own] * len(table.rows)


def sample_notice(tr: Translator, years: Sequence[int]) -> tuple[str, ...]:
    """What a workbook with invented figures of ``years`` says on its first sheet."""
    from mocr_factsheet.render.typst import sample_line

    if not years:
        return ()
    note = tr.gettext(
        "the figures in this file for %(years)s are invented for demonstration; "
        "they are not monitoring results."
    ) % {"years": tr.years(years)}
    return (
        sample_line(tr, note),
        tr.gettext(
            "The last column of each table, “Illustrative data”, gives the years "
            "whose figures in that row are invented."
        ),
    )


class _WomenAndMen(Protocol):
    @property
    def f(self) -> int: ...
    @property
    def m(self) -> int: ...


def community_table(
    tr: Translator,
    sheet: str,
    counted: str,
    counts: Mapping[str, int],
    shares: Mapping[str, int],
    gender: Mapping[str, _WomenAndMen],
) -> DataTable:
    """A mechanism's people by community (the MOCRs' officers, the committees'
    members): each community's code, name, count (headed ``counted``), share of all,
    women and men; ``sheet``, its workbook sheet's name."""
    _ = tr.gettext
    return DataTable(
        "communities",
        sheet,
        (_("Code"), _("Community"), counted, _("Share (%)"), _("Women"), _("Men")),
        tuple(
            (
                c,
                tr.community(c),
                n,
                shares[c],
                gender[c].f if c in gender else 0,
                gender[c].m if c in gender else 0,
            )
            for c, n in counts.items()
        ),
    )


def csv_bytes(table: DataTable) -> bytes:
    """The table as CSV: UTF-8 with a BOM, CRLF line ends, an empty field for None."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(["" if v is None else v for v in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_names(tables: Sequence[DataTable]) -> list[str]:
    """Each table's title as a workbook sheet's name: no ``[]:*?/\\``, at most
    31 characters (a longer title cut after its last whole word that fits),
    unique (a number added where two would be the same)."""
    names: list[str] = []
    for table in tables:
        base = _whole_words(" ".join(table.title.translate(_SHEET_NAME_FORBIDDEN).split()), 31)
        base = base or table.key
        name, n = base, 1
        while name.casefold() in (n.casefold() for n in names):
            n += 1
            name = f"{base[: 31 - len(str(n)) - 1]} {n}"
        names.append(name)
    return names


def _whole_words(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its longest run of whole
    words that does (or its first ``limit`` characters, a word that long)."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut if " " in text[: limit + 1] else text[:limit]


def xlsx_bytes(
    tables: Sequence[DataTable],
    created: str,
    title: str,
    language: str,
    notice: tuple[str, ...] = (),
    notice_name: str = "",
) -> bytes:
    """The tables as one workbook, a sheet per table, its header row bold and frozen.

    ``notice``: lines of a first sheet (``notice_name``) in front of the tables,
    also the document's description (the invented figures' mark: ``sample_notice``;
    the years' caveats: ``caveats.year_notes``).
    ``created`` (an ISO date from the data) is the document's created and
    modified date and every zip entry's time: the same data, the same bytes.
    """
    from mocr_factsheet.render.xlsx import (
        BOLD,
        BOLD_WRAPPED,
        WRAPPED,
        Properties,
        Sheet,
        workbook_bytes,
    )

    sheets: list[Sheet] = []
    if notice:
        name = _sheet_names([DataTable("notice", notice_name, (), ())])[0]
        styles = {(r, 1): WRAPPED for r in range(1, len(notice) + 1)} | {(1, 1): BOLD_WRAPPED}
        sheets.append(Sheet(name, [[line] for line in notice], (100,), styles))
    for table, name in zip(tables, _sheet_names(tables), strict=True):
        widths = [_width(h, [r[i] for r in table.rows]) for i, h in enumerate(table.columns)]
        header = {(1, c): BOLD for c in range(1, len(table.columns) + 1)}
        sheets.append(Sheet(name, [table.columns, *table.rows], widths, header, frozen_header=True))
    moment = datetime.fromisoformat(created)
    return workbook_bytes(
        sheets, Properties(title, language, " ".join(notice), "mocr-factsheet", moment)
    )


def _width(heading: str, cells: Sequence[Cell]) -> int:
    """A column's width in characters: its longest text, and 2 more; at most 60."""
    return min(max(len(v) for v in (heading, *(str(c) for c in cells if c is not None))) + 2, 60)


def zip_dated(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip ``data`` again, every entry dated ``date_time`` (``zipfile`` stamps the
    clock): an .xlsx written by openpyxl, byte for byte the same in every build."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


CHART_SUFFIXES = ("svg", "png")


def chart_formats(keys: Sequence[str]) -> tuple[str, ...]:
    """The formats of a page's chart files: ``reporting.svg``, ``reporting.png``, …"""
    return tuple(f"{key}.{suffix}" for key in keys for suffix in CHART_SUFFIXES)


def is_chart_file(fmt: str) -> bool:
    return fmt.rpartition(".")[2] in CHART_SUFFIXES and "." in fmt


def chart_path(page: Path, fmt: str) -> Path:
    """Where a page's chart file goes: ``charts/`` beside the page, named after it."""
    return page.parent / "charts" / f"{page.stem}-{fmt}"


def chart_reads(page: Reads) -> Reads:
    """What a page's chart files read: the page's data and words, the fonts and
    ``chart.typ`` (the PNG's), not the page's templates."""
    return Reads(
        tables=page.tables,
        rows=page.rows,
        meta=page.meta,
        languages=page.languages,
        templates=(CHART_TEMPLATE,),
        fonts=True,
    )


@dataclass(frozen=True)
class ChartCredit:
    """What a chart's file says around the chart, which its page says for it on the
    page: the page's title, the Mission's name and, for invented figures, the mark. A
    chart pasted into a report still says what it is, and that its figures are not
    monitoring results (HTML review: the files said neither)."""

    page: str
    source: str
    mark: str | None


def chart_credit(tr: Translator, page: str, sample: bool) -> ChartCredit:
    """The credit of a page's charts in ``tr``'s language (the mark as ``base.typ`` prints it)."""
    from mocr_factsheet.render.typst import sample_line

    mark = sample_line(tr) if sample else None
    return ChartCredit(page, tr.gettext("OSCE Mission in Kosovo"), mark)


def chart_file(
    ctx: RenderContext, charts: Mapping[str, Chart], fmt: str, source: str, credit: ChartCredit
) -> bytes:
    """A chart's file: its SVG as a file of its own, credited (``credited_svg``), or
    that SVG as PNG, rasterised by Typst as the PDF draws it (a problem is reported
    under ``source``)."""
    from mocr_factsheet.render.kept import IMAGES
    from mocr_factsheet.render.typst import render_png

    key, _, suffix = fmt.rpartition(".")
    svg = credited_svg(charts[key], credit)
    if suffix == "svg":
        return (XML_PROLOG + svg + "\n").encode("utf-8")
    template = ctx.templates_dir / CHART_TEMPLATE
    typeset = template.read_bytes() if template.is_file() else b""  # else render_png says so
    data = IMAGES.get(
        [svg.encode("utf-8"), typeset, str(PNG_PPI).encode()],
        lambda: render_png(ctx.templates_dir, CHART_TEMPLATE, {"svg": svg}, PNG_PPI, source),
    )
    ctx.lap("chart files")
    return data


_ROOT = re.compile(r"<svg\b([^>]*)>")
_SIZE = re.compile(r'\b(width|height)="([\d.]+)pt"')
_CREDIT_FONT = "font-family: 'DejaVu Sans', sans-serif"  # the font the chart's text falls back to
_MARK_FILL, _MARK_INK = "#fff3cd", "#5c4400"  # base.typ's mark-bg and mark-ink


def escape(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` as entities (what
    ``xml.sax.saxutils.escape`` does; that module imports ``urllib.request``, and
    with it ``ssl``: 90 ms of a worker's start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value, as ``xml.sax.saxutils.quoteattr``
    gives it (see ``escape``)."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


def credited_svg(chart: Chart, credit: ChartCredit) -> str:
    """The chart's SVG inside one that adds, in text: its name and its page's title
    above it, the Mission's name and the mark of invented figures below it; each line
    wrapped to the chart's width. The chart itself is unchanged (a nested ``<svg>``)."""
    from mocr_factsheet.render.charts import wrap

    found = _ROOT.search(chart.svg)
    assert found is not None and chart.svg.rstrip().endswith("</svg>"), chart.key
    size = {k: float(v) for k, v in _SIZE.findall(found.group(1))}
    width, height = size["width"], size["height"]
    inner = chart.svg[found.end() : chart.svg.rstrip().rindex("</svg>")]
    pad, room = 8.0, size["width"] - 16.0
    parts: list[str] = []
    y = pad

    def lines(found: list[str], points: float, fill: str, bold: bool = False) -> None:
        nonlocal y
        weight = "; font-weight: bold" if bold else ""
        for line in found:
            y += points * 1.25
            parts.append(
                f'<text x="{pad}" y="{y:.2f}" style="{_CREDIT_FONT}; font-size: {points}px;'
                f' fill: {fill}{weight}">{escape(line)}</text>'
            )

    lines(wrap(credit.page, room, 9.0, bold=True), 9.0, "#222222", bold=True)
    # The chart's name under it where it is a name; a sentence (a chart described
    # for a screen reader) is left to the file's title.
    if len(name := wrap(chart.name, room, 8.0)) <= 2:
        lines(name, 8.0, "#555555")
    top = y + 4.0
    parts.append(
        f'<svg x="0" y="{top:.2f}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{inner}</svg>'
    )
    y = top + height
    lines(wrap(credit.source, room, 7.5), 7.5, "#555555")
    if credit.mark is not None:
        box = len(parts)
        start = y
        lines(wrap(credit.mark, room, 7.5), 7.5, _MARK_INK)
        parts.insert(
            box,
            f'<rect x="{pad - 3}" y="{start + 2:.2f}" width="{room + 6}" '
            f'height="{y - start + 3:.2f}" style="fill: {_MARK_FILL}"/>',
        )
    total = y + pad
    label = quoteattr(f"{chart.name} — {credit.page}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" role="img" aria-label={label} width="{width}pt" height="{total:.2f}pt" '
        f'viewBox="0 0 {width} {total:.2f}"><title>{escape(chart.name)} — '
        f"{escape(credit.page)}</title>"
        f'<rect width="100%" height="100%" style="fill: #ffffff"/>' + "".join(parts) + "</svg>"
    )


def chart_links(page: Path, keys: Sequence[str]) -> dict[str, dict[str, str]]:
    """Each chart's files, by key and suffix, as the page at ``page`` links them."""
    return {
        key: {s: relative(page, chart_path(page, f"{key}.{s}")) for s in CHART_SUFFIXES}
        for key in keys
    }


def relative(page: Path, target: Path) -> str:
    """``target``'s address from the page at ``page`` (both under the output folder)."""
    return Path(os.path.relpath(target, page.parent)).as_posix()


def labelled(tr: Translator, fmt: str, titles: Mapping[str, str] | None = None) -> str:
    """A data file's label, in ``tr``'s language: "Workbook (Excel)", and a table's
    CSV file by the table's title (``titles``: each table key's sheet name, as
    marked for the catalogs), "Key figures (CSV)". Not the file's English stem: a
    reader of Albanian or Serbian could not tell what "key-figures.csv" holds
    (HTML review)."""
    if fmt == "xlsx":
        return tr.gettext("Workbook (Excel)")
    key = fmt.removesuffix(".csv")
    title = (titles or {}).get(key)
    if title is None:
        return fmt
    # TRANSLATORS: a data file on the index: a table's title, then its format.
    return tr.gettext("%(table)s (CSV)") % {"table": tr.pgettext("sheet name", title)}


def every_file(tr: Translator, out_dir: Path, page: Path, job: Job) -> DownloadLink:
    """The index's "Data" section in the page's language: every file, the CSV too."""
    index = out_dir / f"index-{job.language}.html"
    href = f"{relative(page, index)}#data-heading"
    return DownloadLink(tr.gettext("All data files"), href, download=False)


def page_downloads(
    tr: Translator, files: tuple[DownloadLink, ...], page: Path, charts: Sequence[str]
) -> Downloads:
    return Downloads(
        tr.gettext("Data"), files, tr.gettext("Download the chart"), chart_links(page, charts)
    )


# --- the kinds ----------------------------------------------------------------------


def _page_jobs(page: Kind, scope: Scope) -> list[Job]:
    """The page kind's jobs in a language (its web page and PDF are one job)."""
    return list(dict.fromkeys(job for job, _ in page.targets(scope) if job.language))


class DataKind(Kind):
    """A page's figures for re-use, per language: a CSV per table and one workbook.

    A subclass names the page kind it serves (``page``), its tables' keys
    (``table_keys``), what they read (``reads``), its files' folder and name
    (``stem``) and the tables themselves (``tables``).
    """

    page: Kind
    # Each table's key (its file name) and title (its workbook sheet's name,
    # marked with N_("sheet name", …)): the index labels its CSV file by the title.
    table_keys: ClassVar[Mapping[str, str]] = {}
    cost = 1

    def targets(self, scope: Scope) -> list[Target]:
        formats = ("xlsx", *(f"{key}.csv" for key in self.table_keys))
        return [
            (Job(self.name, job.year, job.language), fmt)
            for job in _page_jobs(self.page, scope)
            for fmt in formats
        ]

    def stem(self, out_dir: Path, job: Job) -> Path:
        """Where the job's files go, without the table's key and the suffix."""
        raise NotImplementedError

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        stem = self.stem(out_dir, job)
        if fmt == "xlsx":
            return stem.with_name(f"{stem.name}-data.xlsx")
        return stem.parent / "data" / f"{stem.name}-{fmt}"

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        return self.page.years(job, scope)

    def unavailable(self, data_dir: Path, year: int) -> str | None:
        return self.page.unavailable(data_dir, year)  # the page's files where it has a page

    def task(self, job: Job) -> Hashable:
        return (self.name, job.year, job.language)

    def tables(self, ctx: RenderContext, job: Job, tr: Translator) -> list[DataTable]:
        raise NotImplementedError

    def index_files(
        self, ctx: RenderContext, tr: Translator, year: int | None, index: Path
    ) -> list[tuple[str, str]]:
        """Its files of ``year`` in ``tr``'s language as the index at ``index`` lists
        them, (label, address); none where it has none that year."""
        job = Job(self.name, year, tr.language.tag)
        whole = replace(ctx.scope, years=ctx.scope.all_years)
        if job not in {j for j, _ in self.targets(whole)}:
            return []
        return [
            (labelled(tr, fmt, self.table_keys), relative(index, self.path(ctx.out_dir, job, fmt)))
            for fmt in ("xlsx", *(f"{key}.csv" for key in self.table_keys))
        ]

    def created(self, ctx: RenderContext, job: Job) -> str:
        """The data's date (ISO): the workbook's document dates."""
        raise NotImplementedError

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        for job, formats in jobs:
            assert job.language is not None
            tr = ctx.translator(job.language)
            sample = invented_years(ctx)
            plain = self.tables(ctx, job, tr)
            tables = [sample_marked(t, tr, sample, job.year) for t in plain]
            shown = {y for t in plain for years in row_years(t, job.year) for y in years}
            ctx.lap("count")
            by_key = {t.key: t for t in tables}
            for fmt in formats:
                if fmt == "xlsx":
                    title = f"{tr.gettext('Data')} · {self.stem(ctx.out_dir, job).name}"
                    locale = tr.locale.replace("_", "-")
                    # Which figures are invented, then the caveat of each year whose
                    # figures it holds, as the pages print them beside those figures.
                    caveats = year_caveats(ctx.dataset, tr)
                    notice = sample_notice(tr, sorted(sample & shown)) + tuple(
                        caveats[y] for y in sorted(shown) if y in caveats
                    )
                    # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
                    name = tr.pgettext("sheet name", "Notes")
                    created = self.created(ctx, job)
                    yield job, fmt, xlsx_bytes(tables, created, title, locale, notice, name)
                else:
                    yield job, fmt, csv_bytes(by_key[fmt.removesuffix(".csv")])
            ctx.lap("data")


class ChartFilesKind(Kind):
    """The charts of a kind's web pages, each as SVG and PNG, per page and language.

    Generic: any page kind that declares charts gets their files. Its jobs join
    their page's task (``task``: the page kind's key), rendered after the page
    (``build/run.py``, ``render_job``), by the page kind's ``render``, which
    keeps a page's charts in ``RenderContext.shared`` for the task: drawn once
    for the page and its files; a job of this kind there
    is ``Job(<this kind>, year, language)``, its formats ``<key>.svg`` and
    ``<key>.png`` (``chart_file`` writes them).
    """

    def __init__(self, page: Kind, keys: Sequence[str]) -> None:
        self.page = page
        self.keys = tuple(keys)
        self.table_sets = page.table_sets

    def unavailable(self, data_dir: Path, year: int) -> str | None:
        return self.page.unavailable(data_dir, year)  # the page's charts where it has a page

    def page_job(self, job: Job) -> Job:
        return Job(self.page.name, job.year, job.language, job.municipality)

    def targets(self, scope: Scope) -> list[Target]:
        if not self.keys or "html" not in scope.formats:
            return []  # the web page's charts: none without web pages
        return [
            (Job(self.name, job.year, job.language), fmt)
            for job in _page_jobs(self.page, scope)
            for fmt in chart_formats(self.keys)
        ]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        return chart_path(self.page.path(out_dir, self.page_job(job), "html"), fmt)

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        return chart_reads(self.page.reads(self.page_job(job), "html", scope))

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        return self.page.years(self.page_job(job), scope)

    def task(self, job: Job) -> Hashable:
        return self.page.task(self.page_job(job))

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        return self.page.render(ctx, jobs)

    def links(self, out_dir: Path, page: Path) -> dict[str, dict[str, str]]:
        """Each chart's files, by key and suffix, as the page at ``page`` links them."""
        return chart_links(page, self.keys)
