"""The MOCR's kinds of output: the year's sheet, a municipality's profile, the trends.

Each fills in the four parts of ``render.kind.Kind``; ``build/registry.py``
names them. They read only the MOCR's tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocr_factsheet.data import year_tables
from mocr_factsheet.data.dataset import TableSet
from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.render.caveats import year_caveats
from mocr_factsheet.render.downloads import ChartFilesKind, chart_credit, chart_file
from mocr_factsheet.render.kind import Job, Kind, Links, RenderContext, Scope, Target
from mocr_factsheet.render.nav import INDEX_KEY, Related
from mocr_factsheet.render.nav import untranslated as _

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.mocr.downloads import TrendsDataKind, YearDataKind
    from mocr_factsheet.mechanisms.mocr.indicators import Indicators, Profile, Trends
    from mocr_factsheet.render.charts import Chart


# The MOCR's tables in each year folder; the kinds below read only these.
MOCR_TABLES = TableSet("mocr", year_tables.YEAR_TABLES)
# The pages' charts, each also a file of its own (SVG and PNG, render/downloads.py):
# a key here is a file ``<page>-<key>.svg`` the page links under the chart.
SHEET_CHARTS = ("reporting", "communities", "gender", "duties", "per-office")
TRENDS_CHARTS: tuple[str, ...] = ("offices", "duties")  # trend_charts.trend_charts


@dataclass(frozen=True)
class SheetsSection:
    """The year's sheets on index-<lang>.html: each year's figures (its count of
    MOCRs) and its sheet's address in each format, the latest year first."""

    sheets: list[tuple[Indicators, Mapping[str, str]]]


@dataclass(frozen=True)
class TrendsSection:
    """The trends on index-<lang>.html."""

    first: int | None
    last: int | None
    links: Mapping[str, str]


@dataclass(frozen=True)
class ProfileRow:
    """A municipality on index-<lang>.html: its label, its status in the latest
    year (as its profile says it), what the filter box matches it by (its label
    and every name it is known by, folded: ``filter_key``), and each year's
    profile in each format."""

    name: str
    status: str
    status_code: str
    key: str
    cells: list[tuple[str, Mapping[str, str]]]
    # The label's names, each with whether the list is sorted by it (the name the
    # page's language reads, ``names.reading_name``): the index marks that one, so
    # that the order can be seen (Ferizaj/**Урошевац** under У).
    parts: tuple[tuple[str, bool], ...] = ()


def filter_key(names: Sequence[str]) -> str:
    """What the index's filter box matches a row by: each name folded as the box's
    script folds what is typed (no case, no marks, đ as dj; ``templates/index-profile.html.j2``),
    and its đ as d; a Cyrillic name folded, and read in Latin (``fold``). The same on
    every language's index: a reader types the name they know, in any script."""
    from mocr_factsheet.translit import fold_variants

    keys: list[str] = []
    for name in names:
        keys += sorted(fold_variants(name))
        keys.append(_script_fold(name))
    return " / ".join(dict.fromkeys(k for k in keys if k))


def _script_fold(text: str) -> str:
    """As the filter box's script folds what is typed (``fold`` without reading Cyrillic
    in Latin): ``Ђаковица`` stays ``ђаковица``."""
    bare = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).casefold()
    return " ".join(re.sub(r"[-_.'’]", " ", bare.replace("đ", "dj")).split())


@dataclass(frozen=True)
class ProfilesSection:
    """The profiles on index-<lang>.html: a row per municipality (in the
    language's alphabetical order, ``i18n/collation``), a cell per year with
    the profile's address in each format; ``status_year``: the year whose
    status each row shows (the latest)."""

    years: list[str]
    status_year: str
    rows: list[ProfileRow]


# --- the year's sheet -----------------------------------------------------------


class SheetKind(Kind):
    """The year's factsheet (two A4 pages) and its ``indicators.json``."""

    name = "sheet"
    table_sets = (MOCR_TABLES,)
    summary = "the year's factsheet"
    cost = 3
    limited_by = frozenset({"year"})
    templates = ("sheet.html.j2", "sheet.css", "sheet.typ")
    index_template = "index-sheet.html.j2"
    data: YearDataKind | None = None  # its data files (build/registry.py)
    places_kind = "profile"  # each office's name in its tables links its profile
    booklet: BookletKind | None = None  # the year's booklet, which its navigation links

    def targets(self, scope: Scope) -> list[Target]:
        return self.yearly_targets(scope.years, scope)

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if fmt == "json":
            return out_dir / str(job.year) / "indicators.json"
        return out_dir / str(job.year) / f"mocr-{job.year}-{job.language}.{fmt}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        assert job.year is not None
        # The previous year's offices and duties give the "year before" figures.
        tables = MOCR_TABLES.stems(job.year)
        meta: tuple[int, ...] = (job.year,)
        if job.year - 1 in scope.all_years:
            tables += MOCR_TABLES.for_next_year(job.year - 1)
            meta = (job.year - 1, job.year)  # its sample flag: the comparison's mark
        if fmt == "json":
            return Reads(tables=tables, meta=(job.year,))
        # Its navigation says the booklet's size and pages where the site links the
        # booklet: what the booklet reads is added then (``related_pdf_reads``).
        return self.page_reads(tables=tables, meta=meta, languages=(job.language,))

    def related_pdf_reads(
        self, job: Job, key: tuple[str, int | None, str | None], scope: Scope
    ) -> Reads | None:
        if self.booklet is None or key != (self.booklet.name, job.year, None):
            return None
        return self.booklet.reads(replace(job, kind=self.booklet.name), "pdf", scope)

    def related_pdf(
        self, ctx: RenderContext, job: Job, key: tuple[str, int | None, str | None]
    ) -> bytes | None:
        if self.booklet is None or key != (self.booklet.name, job.year, None):
            return None
        return self.booklet.pdf(ctx, replace(job, kind=self.booklet.name))

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        assert job.year is not None
        if self.booklet is not None and job.language is not None:
            # Its web page's navigation says the booklet's size (``related_pdf``):
            # the booklet's profiles carry their history, every year up to this one.
            return self.booklet.years(replace(job, kind=self.booklet.name), scope)
        return (job.year,)  # the year before's offices and duties come with it

    def notes_years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        # The year before's notes come with its figures (validate.read_previous).
        return (job.year,) if job.year is not None else ()

    def related(self, job: Job) -> tuple[Related, ...]:
        # The year's profiles are listed on the index (index-profile.html.j2's
        # heading); the Communities Committees' sheet of the year, where there is one.
        return (
            Related(_("Municipality profiles %(year)s"), INDEX_KEY, "#profiles-heading"),
            Related(_("Communities Committees %(year)s"), ("committees", job.year, None)),
            # The year's sheet and profiles in one PDF (BookletKind).
            Related(_("Factsheet and municipality profiles %(year)s"), ("booklet", job.year, None)),
        )

    def task(self, job: Job) -> Hashable:
        return (self.name, job.year, job.language)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.core.export import to_json

        # A page's charts, for its chart files too (rendered in the same task,
        # after it: ChartFilesKind.task); ctx.shared lives as long as the task.
        drawn: dict[Job, Any] = ctx.shared.setdefault("sheet.charts", {})
        for job, formats in jobs:
            assert job.year is not None
            figures = counts.indicators(ctx.dataset, job.year)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(figures).encode("utf-8")
            elif job.kind != self.name:  # its charts' files (SheetChartsKind)
                charts = self._charts(ctx, job, figures, drawn)
                tr = ctx.translator(job.language)
                title = tr.gettext("Municipal Offices for Communities and Return (MOCRs) %(year)s")
                credit = chart_credit(tr, title % {"year": job.year}, figures.sample)
                for fmt in formats:
                    yield job, fmt, chart_file(ctx, charts.screen, fmt, job.describe(), credit)
            else:
                yield from self._sheets(ctx, job, formats, figures, drawn)

    def compared(self, dataset: Dataset, year: int) -> dict[str | None, dict[str, Any]]:
        return {None: counts.indicators(dataset, year).as_json()}

    def figures(self, dataset: Dataset, job: Job) -> Indicators:
        assert job.year is not None
        return counts.indicators(dataset, job.year)

    def figures_table(self, figures: Any) -> str:
        from mocr_factsheet.mechanisms.mocr.terminal import to_table

        return to_table(figures)

    def index_reads(self, scope: Scope) -> tuple[tuple[int | None, str], ...]:
        return tuple((y, year_tables.OFFICES.stem) for y in scope.all_years)  # the count of MOCRs

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> SheetsSection:
        figures = [counts.indicators(ctx.dataset, y) for y in ctx.scope.all_years]
        return SheetsSection(
            [
                (f, links.get((self.name, f.year, None), {}))
                for f in sorted(figures, key=lambda f: -f.year)
            ]
        )

    def _charts(self, ctx: RenderContext, job: Job, figures: Any, drawn: dict[Job, Any]) -> Any:
        """The page's ``ChartSet``, drawn once for its web page, PDF and chart files."""
        from mocr_factsheet.mechanisms.mocr.charts import all_charts

        assert job.language is not None
        page = Job(self.name, job.year, job.language)
        if page not in drawn:
            tr = ctx.translator(job.language)
            noted = year_caveats(ctx.dataset, tr)
            drawn[page] = all_charts(figures, tr, ctx.dataset.reference, noted)
        return drawn[page]

    def _sheets(
        self,
        ctx: RenderContext,
        job: Job,
        formats: tuple[str, ...],
        figures: Any,
        drawn: dict[Job, Any],
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.mechanisms.mocr.sheet import render_sheet, sheet_pdf_page

        assert job.year is not None and job.language is not None
        tr = ctx.translator(job.language)
        notes = tr.notes(ctx.dataset.years[job.year].tables.meta.notes)
        caveats = year_caveats(ctx.dataset, tr)
        charts = self._charts(ctx, job, figures, drawn)
        ctx.lap("charts")
        reference = ctx.dataset.reference
        for fmt in formats:
            path = self.path(ctx.out_dir, job, fmt)
            if fmt == "html":
                downloads = None
                if self.data is not None:
                    downloads = self.data.downloads(tr, ctx.out_dir, path, job, SHEET_CHARTS)
                sheet = render_sheet(
                    ctx.templates_dir,
                    figures,
                    tr,
                    reference,
                    charts,
                    notes,
                    downloads,
                    self.web_fields(ctx, job),
                    caveats,
                )
                ctx.lap("html")
                yield job, fmt, sheet.html.encode("utf-8")
            else:
                # Its booklet's page; its booklet may have drawn it first (``related_pdf``).
                shared = ctx.shared.get(("sheet.typ", job.year, job.language))
                if shared is None:
                    shared = sheet_pdf_page(ctx, figures, tr, charts, notes, caveats)
                    ctx.shared[("sheet.typ", job.year, job.language)] = shared  # its booklet's
                page, created = shared
                yield job, fmt, ctx.typeset("sheet.typ", page, created, path)


class SheetChartsKind(ChartFilesKind):
    """The sheet's charts as SVG and PNG, drawn in the sheet's own task."""

    name = "sheet-charts"
    summary = "the sheet's charts as SVG and PNG"
    limited_by = frozenset({"year"})


# --- one municipality's profile --------------------------------------------------

PROFILES_PER_TASK = 10
# A profile's history repeats the figures of other years' profiles: leaving it
# out of ``mocr diff`` keeps one change from being listed once per later year.
_NOT_COMPARED = frozenset(
    {"year", "municipality", "history"}
)  # a task's profiles share the year's count and the worker's fonts


class ProfileKind(Kind):
    """One A4 page per municipality, year and language."""

    name = "profile"
    table_sets = (MOCR_TABLES,)
    summary = "one page per municipality"
    cost = 1
    limited_by = frozenset({"year", "municipality"})
    templates = ("profile.html.j2", "profile.css", "profile.typ")
    index_template = "index-profile.html.j2"
    data: YearDataKind | None = None  # its year's data files (build/registry.py)
    years_heading = _("This municipality by year")

    def targets(self, scope: Scope) -> list[Target]:
        return [
            (Job(self.name, year, lang, code), fmt)
            for year in scope.years
            for lang in scope.languages
            for code in scope.municipalities
            for fmt in scope.formats
        ]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        name = f"mocr-{job.year}-{job.municipality}-{job.language}.{fmt}"
        return out_dir / str(job.year) / "municipalities" / name

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        assert job.year is not None
        return tuple(y for y in scope.all_years if y <= job.year)

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        assert job.year is not None and job.municipality is not None
        # Its own rows of every year up to this one (the history, last year's
        # checklist), and the year's whole checklist for the average of all MOCRs.
        return self.page_reads(
            rows=tuple(
                (y, table, job.municipality)
                for y in self.years(job, scope)
                for table in (t.stem for t in MOCR_TABLES.tables)
            ),
            tables=((job.year, year_tables.DUTY_CHECKLISTS.stem),),
            meta=self.years(job, scope),  # every year's sample flag: the history's mark
            languages=(job.language,),
        )

    def notes_years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        # Its history's years' notes too: each year's "*" (caveats.year_notes).
        return self.years(job, scope)

    def related(self, job: Job) -> tuple[Related, ...]:
        return (Related(_("Factsheet %(year)s"), ("sheet", job.year, None)),)

    def compared(self, dataset: Dataset, year: int) -> dict[str | None, dict[str, Any]]:
        return {
            code: {k: v for k, v in profile.as_json().items() if k not in _NOT_COMPARED}
            for code, profile in counts.profiles(dataset, year).items()
        }

    def figures(self, dataset: Dataset, job: Job) -> Profile:
        assert job.year is not None and job.municipality is not None
        return counts.profile(dataset, job.year, job.municipality)

    def figures_table(self, figures: Any) -> str:
        from mocr_factsheet.mechanisms.mocr.terminal import profile_table

        return profile_table(figures)

    def index_reads(self, scope: Scope) -> tuple[tuple[int | None, str], ...]:
        latest = scope.all_years[-1:]
        return tuple((y, year_tables.OFFICES.stem) for y in latest)  # each office's status

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> ProfilesSection:
        from mocr_factsheet.data.names import reading_name, search_names
        from mocr_factsheet.i18n.translator import in_label_order
        from mocr_factsheet.mechanisms.mocr.pages import status_word

        reference = ctx.dataset.reference
        years = ctx.scope.all_years
        status: dict[str, str] = {}
        if years:
            latest = counts.indicators(ctx.dataset, years[-1])
            status = dict.fromkeys(latest.similar_office, "similar_office")
            status |= dict.fromkeys(latest.not_established, "not_established")
            status |= dict.fromkeys(latest.established_offices, "established")
        rows = []
        cyrillic = tr.language.cyrillic
        for code in in_label_order(tr, reference, [m.code for m in reference.municipalities]):
            code_status = status.get(code, "not_established")
            label = tr.municipality(reference.municipality(code))
            names = label.split("/")
            sorted_by = reading_name(reference.municipality(code), tr.language.tag, cyrillic)
            rows.append(
                ProfileRow(
                    label,
                    status_word(tr, code_status),
                    code_status,
                    filter_key([label, *search_names(reference.municipality(code))]),
                    [(str(y), links.get((self.name, y, code), {})) for y in years],
                    tuple((n, len(names) > 1 and n == sorted_by) for n in names),
                )
            )
        return ProfilesSection([str(y) for y in years], str(years[-1]) if years else "", rows)

    def task(self, job: Job) -> Hashable:
        index = MUNICIPALITY_CODES.index(job.municipality) if job.municipality else 0
        return (self.name, job.year, job.language, index // PROFILES_PER_TASK)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.mechanisms.mocr.pages import profile_context
        from mocr_factsheet.render.typst import page_data

        for job, formats in jobs:
            assert job.year is not None and job.language is not None
            assert job.municipality is not None
            profile = counts.profile(ctx.dataset, job.year, job.municipality)
            ctx.lap("count")
            tr = ctx.translator(job.language)
            notes = tr.notes(ctx.dataset.years[job.year].tables.meta.notes)
            caveats = year_caveats(ctx.dataset, tr)
            context = profile_context(profile, tr, ctx.dataset.reference, notes, caveats)
            for fmt in formats:
                path = self.path(ctx.out_dir, job, fmt)
                if fmt == "html":
                    web = replace(context, **self.web_fields(ctx, job))
                    if self.data is not None:
                        files = self.data.downloads(tr, ctx.out_dir, path, job)
                        web = replace(web, downloads=files)
                    yield job, fmt, ctx.page("profile.html.j2", tr, web)
                    continue
                # The PDF: the same context, typeset by Typst (templates/profile.typ).
                page = page_data(tr, context)
                yield job, fmt, _one_page(ctx, page, context.created, path)


def _one_page(ctx: RenderContext, page: dict[str, Any], created: str, path: Path) -> bytes:
    """A profile's PDF on one page: set at profile.css's sizes (level 0) and,
    while its PDF has two pages, a level tighter (templates/profile.typ). Its
    foot says "1 / 1" as data and its pages are counted in the PDF: Typst lays
    each level out once (docs/performance.md). A page that no level fits keeps
    the tightest level, set again with its real page count at its foot."""
    from mocr_factsheet.problems import UserError
    from mocr_factsheet.render.typst import page_count, query_compiled, render_pdf_and_warnings

    page["base"] = {**page["base"], "page": 1, "pages": 1}
    level = 0
    levels: int | None = None
    while True:
        page["level"] = level
        pdf, warnings = render_pdf_and_warnings(
            ctx.templates_dir, "profile.typ", page, created, str(path)
        )
        ctx.lap("pdf")
        pages = page_count(pdf)
        if pages == 1:
            break
        if levels is None:  # how many there are (profile.typ's <levels>), asked once
            levels = query_compiled(ctx.templates_dir, "profile.typ", "<levels>", str(path))[0]
        if level + 1 >= levels:
            break
        level += 1
    if pages > 1:
        page["base"] = {**page["base"], "page": None, "pages": pages}
        pdf, warnings = render_pdf_and_warnings(
            ctx.templates_dir, "profile.typ", page, created, str(path)
        )
        ctx.lap("pdf")
    if warnings:
        raise UserError(warnings)
    return pdf


# --- every year side by side ---------------------------------------------------------


class TrendsKind(Kind):
    """Every year in the data side by side, and ``trends.json``."""

    name = "trends"
    table_sets = (MOCR_TABLES,)
    summary = "every year side by side"
    cost = 2
    templates = ("trends.html.j2", "trends.css", "trends.typ")
    index_template = "index-trends.html.j2"
    data: TrendsDataKind | None = None  # its data files (build/registry.py)
    places_kind = "profile"  # each office's name in the heat map links its latest profile

    def targets(self, scope: Scope) -> list[Target]:
        return [(Job(self.name), "json")] + [
            (Job(self.name, None, lang), fmt) for lang in scope.languages for fmt in scope.formats
        ]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if fmt == "json":
            return out_dir / "trends" / "trends.json"
        return out_dir / "trends" / f"mocr-trends-{job.language}.{fmt}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        tables = MOCR_TABLES.stems(*scope.all_years)
        if fmt == "json":
            return Reads(tables=tables, meta=scope.all_years)
        return self.page_reads(tables=tables, meta=scope.all_years, languages=(job.language,))

    def notes_years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        return scope.all_years  # every year's caveat marks its column (caveats.year_notes)

    def figures(self, dataset: Dataset, job: Job) -> Trends:
        return counts.trends(dataset)

    def figures_table(self, figures: Any) -> str:
        from mocr_factsheet.mechanisms.mocr.terminal import trends_table

        return trends_table(figures)

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> TrendsSection:
        years = ctx.scope.all_years
        return TrendsSection(
            years[0] if years else None,
            years[-1] if years else None,
            links.get((self.name, None, None), {}),
        )

    def task(self, job: Job) -> Hashable:
        return (self.name, job.language)

    def screen_charts(self, ctx: RenderContext, trends: Trends, tr: Translator) -> dict[str, Chart]:
        """The charts of its web page as a screen shows them, by key (``TRENDS_CHARTS``):
        each is also a file of its own (``TrendsChartsKind``), drawn once per task
        and language for both (``RenderContext.shared``)."""
        from mocr_factsheet.mechanisms.mocr.trend_charts import trend_charts
        from mocr_factsheet.render.charts import SCREEN

        drawn: dict[str, dict[str, Chart]] = ctx.shared.setdefault("trends.charts", {})
        if tr.language.tag not in drawn:
            noted = year_caveats(ctx.dataset, tr)
            drawn[tr.language.tag] = trend_charts(
                trends, tr, ctx.dataset.reference, SCREEN, frozenset(noted)
            )
        return drawn[tr.language.tag]

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.core.export import to_json
        from mocr_factsheet.mechanisms.mocr.pages import trends_context, trends_page, with_charts
        from mocr_factsheet.render.typst import one_large_memo

        for job, formats in jobs:
            trends = counts.trends(ctx.dataset)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(trends).encode("utf-8")
                continue
            tr = ctx.translator(job.language)
            reference = ctx.dataset.reference
            if job.kind != self.name:  # its charts' files (TrendsChartsKind)
                charts = self.screen_charts(ctx, trends, tr)
                about = trends_context(trends, tr, reference, year_caveats(ctx.dataset, tr))
                credit = chart_credit(tr, about.title, about.sample)
                for fmt in formats:
                    yield job, fmt, chart_file(ctx, charts, fmt, job.describe(), credit)
                continue
            context = trends_context(trends, tr, reference, year_caveats(ctx.dataset, tr))
            if self.data is not None:
                path = self.path(ctx.out_dir, job, "html")
                files = self.data.downloads(tr, ctx.out_dir, path, job, TRENDS_CHARTS)
                context = replace(context, downloads=files)
            # The web page carries both media's charts; the PDF, the print ones.
            shown = self.screen_charts(ctx, trends, tr) if "html" in formats else {}
            charted = with_charts(context, trends, tr, reference, shown)
            ctx.lap("charts")
            for fmt in formats:
                path = self.path(ctx.out_dir, job, fmt)
                if fmt == "html":
                    web = replace(charted, **self.web_fields(ctx, job))
                    yield job, fmt, ctx.page("trends.html.j2", tr, web)
                else:
                    page = trends_page(charted, tr)
                    # Its trials of type sizes leave Typst a large memo (render/typst.py).
                    with one_large_memo(ctx.templates_dir):
                        pdf = ctx.typeset("trends.typ", page, context.created, path)
                    yield job, fmt, pdf


# --- the year's booklet ---------------------------------------------------------------


@dataclass(frozen=True)
class BookletsSection:
    """The booklets on index-<lang>.html: each year's booklet address in each
    format (its PDF), the latest year first."""

    booklets: list[tuple[int, Mapping[str, str]]]


class BookletKind(Kind):
    """The year's sheet and its municipalities' profiles in one PDF, with a contents
    page (templates/booklet.typ sets the sheet's and the profiles' own pages)."""

    name = "booklet"
    table_sets = (MOCR_TABLES,)
    summary = "the year's sheet and profiles in one PDF"
    cost = 4
    limited_by = frozenset({"year"})
    templates = ("booklet.typ", "sheet.typ", "profile.typ")
    index_template = "index-booklet.html.j2"

    def __init__(self, sheet: SheetKind, profile: ProfileKind) -> None:
        self._sheet = sheet
        self._profile = profile

    def targets(self, scope: Scope) -> list[Target]:
        if "pdf" not in scope.formats:
            return []
        return [
            (Job(self.name, year, lang), "pdf") for year in scope.years for lang in scope.languages
        ]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        return out_dir / str(job.year) / f"mocr-{job.year}-{job.language}-booklet.{fmt}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        # What its sheet and its profiles read: a row's edit rebuilds that year's booklets.
        parts = [self._sheet.reads(job, fmt, scope)] + [
            self._profile.reads(replace(job, municipality=code), fmt, scope)
            for code in MUNICIPALITY_CODES
        ]
        return self.page_reads(
            tables=tuple(dict.fromkeys(t for p in parts for t in p.tables)),
            rows=tuple(dict.fromkeys(r for p in parts for r in p.rows)),
            meta=(job.year,) if job.year is not None else (),
            languages=(job.language,),
        )

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        return self._profile.years(job, scope)

    def notes_years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        return self._profile.notes_years(job, scope)  # its profiles' (and its sheet's year)

    def task(self, job: Job) -> Hashable:
        # Its sheet's task: rendered after it, in the same worker, it reuses the
        # sheet's PDF page (charts drawn to the room measured) rather than draw it again.
        return self._sheet.task(replace(job, kind=self._sheet.name))

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> BookletsSection:
        years = sorted(ctx.scope.all_years, reverse=True)
        return BookletsSection(
            [(y, links[(self.name, y, None)]) for y in years if (self.name, y, None) in links]
        )

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        for job, formats in jobs:
            for fmt in formats:
                yield job, fmt, self.pdf(ctx, job)

    def pdf(self, ctx: RenderContext, job: Job) -> bytes:
        """The booklet's bytes, typeset once per task: its sheet's web page (rendered
        first, in the same task: ``task``) says their size and pages, and the
        booklet's own output is the same bytes."""
        key = ("booklet.pdf", job.year, job.language)
        if key not in ctx.shared:
            path = self.path(ctx.out_dir, job, "pdf")
            # Up to date in the folder, and not built by this run: its bytes as they are.
            ctx.shared[key] = ctx.current_bytes(path) or self._booklet(ctx, job, path)
        pdf: bytes = ctx.shared[key]
        return pdf

    def _booklet(self, ctx: RenderContext, job: Job, path: Path) -> bytes:
        from mocr_factsheet.i18n.translator import in_label_order
        from mocr_factsheet.mechanisms.mocr.charts import all_charts
        from mocr_factsheet.mechanisms.mocr.pages import profile_context
        from mocr_factsheet.mechanisms.mocr.sheet import sheet_pdf_page
        from mocr_factsheet.render.typst import base_data, page_data, tied

        assert job.year is not None and job.language is not None
        tr = ctx.translator(job.language)
        reference = ctx.dataset.reference
        notes = tr.notes(ctx.dataset.years[job.year].tables.meta.notes)
        caveats = year_caveats(ctx.dataset, tr)
        figures = counts.indicators(ctx.dataset, job.year)
        ctx.lap("count")
        shared = ctx.shared.get(("sheet.typ", job.year, job.language))
        if shared is None:
            charts = all_charts(figures, tr, reference, caveats)
            ctx.lap("charts")
            shared = sheet_pdf_page(ctx, figures, tr, charts, notes, caveats)
            ctx.shared[("sheet.typ", job.year, job.language)] = shared  # its sheet's PDF's
        sheet, created = shared
        profiles = []
        for code in in_label_order(tr, reference, list(MUNICIPALITY_CODES)):
            profile = counts.profile(ctx.dataset, job.year, code)
            ctx.lap("count")
            context = profile_context(profile, tr, reference, notes, caveats)
            profiles.append(page_data(tr, context))
        title = tr.gettext("Factsheet and municipality profiles %(year)s") % {"year": job.year}
        booklet = {
            "base": base_data(tr, title, figures.sample),
            # The year kept with its words ("за 2019. годину", not "за" ending a line).
            "title": tied(tr, title, 20),
            "subtitle": sheet["title"],
            "contents": tr.gettext("Contents"),
            "sheet": sheet,
            "profiles": profiles,
            "measure": False,
        }
        return _typeset_booklet(ctx, booklet, created, path)


SHEET_PAGES = 2  # templates/sheet.typ: two pages


def _typeset_booklet(
    ctx: RenderContext, booklet: dict[str, Any], created: str, path: Path
) -> bytes:
    """The booklet's PDF, laid out once where its pages fall as expected: the
    contents on page 1, the sheet on the next two, a page per profile, every
    profile at level 0. The page numbers (contents, feet) are then data, and
    nothing in the booklet asks Typst where a page fell (docs/performance.md).
    Where the PDF has another page count, each page's start is measured and
    the profiles that run on are set a level tighter (``_fit_profiles``)."""
    from mocr_factsheet.problems import UserError
    from mocr_factsheet.render.typst import one_large_memo, page_count, render_pdf_and_warnings

    profiles = booklet["profiles"]
    for page in profiles:
        page["level"] = 0
    first = 2 + SHEET_PAGES
    total = first + len(profiles) - 1
    _numbered(booklet, [2, *range(first, total + 1)], total)
    # What Typst memoises for these 41 pages goes before the next large document,
    # not ten compiles later: a worker's next booklet would add its own to it.
    with one_large_memo(ctx.templates_dir):
        pdf, warnings = render_pdf_and_warnings(
            ctx.templates_dir, "booklet.typ", booklet, created, str(path), key="booklet"
        )
        ctx.lap("pdf")
        if page_count(pdf) != total:
            starts, total = _fit_profiles(ctx, booklet)
            _numbered(booklet, starts, total)
            pdf, warnings = render_pdf_and_warnings(
                ctx.templates_dir, "booklet.typ", booklet, created, str(path), key="booklet"
            )
            ctx.lap("pdf")
    if warnings:
        raise UserError(warnings)
    return pdf


def _numbered(booklet: dict[str, Any], starts: list[int], total: int) -> None:
    """The booklet's page numbers as its template sets them: ``starts``, the
    first page of the sheet and of each profile; ``total``, the page count.
    The contents lists them; a one-page part's foot gives its number as text,
    a longer part's counts its pages (templates/base.typ, ``folio``)."""
    ends = [*starts[1:], total + 1]
    sheet = booklet["sheet"]
    booklet["base"] = {**booklet["base"], "page": 1 if starts[0] == 2 else None, "pages": total}
    booklet["sheet"] = {**sheet, "base": {**sheet["base"], "page": None, "pages": total}}
    for page, start, end in zip(booklet["profiles"], starts[1:], ends[1:], strict=True):
        page["base"] = {**page["base"], "page": start if end - start == 1 else None, "pages": total}
    booklet["entries"] = [
        {"title": sheet["title"], "page": starts[0]},
        *(
            {"title": page["name"], "page": start}
            for page, start in zip(booklet["profiles"], starts[1:], strict=True)
        ),
    ]


def _fit_profiles(ctx: RenderContext, booklet: dict[str, Any]) -> tuple[list[int], int]:
    """Each profile of ``booklet`` at the level its own PDF is set at (``_one_page``),
    found in the booklet: a profile that takes two pages is set a level
    tighter, until each takes one or has no level left. Returns where the
    sheet and each profile start, and the page count, as measured."""
    from mocr_factsheet.render.typst import query

    profiles = booklet["profiles"]
    booklet["measure"] = True
    while True:
        found = query(ctx.templates_dir, "booklet.typ", booklet, "<starts>", key="booklet")[0]
        ctx.lap("pdf")
        # The sheet's heading, then each profile's, at its first page.
        starts = [*found["starts"][1:], found["pages"] + 1]
        over = [
            page
            for page, start, end, most in zip(
                profiles, starts, starts[1:], found["levels"], strict=False
            )
            if end - start > 1 and page["level"] + 1 < most
        ]
        if not over:
            booklet["measure"] = False
            return found["starts"], found["pages"]
        for page in over:
            page["level"] += 1


class TrendsChartsKind(ChartFilesKind):
    """The trends' charts as SVG and PNG, drawn in the trends' own task."""

    name = "trends-charts"
    summary = "the trends' charts as SVG and PNG"
