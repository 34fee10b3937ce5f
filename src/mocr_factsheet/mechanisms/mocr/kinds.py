"""The MOCR's kinds of output: the year's sheet, a municipality's profile, the trends.

Each fills in the four parts of ``render.kind.Kind``; ``build/registry.py``
names them. They read only the MOCR's tables.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocr_factsheet.data import year_tables
from mocr_factsheet.data.dataset import TableSet
from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.render.kind import Job, Kind, Links, RenderContext, Scope, Target
from mocr_factsheet.render.nav import INDEX_KEY, Related
from mocr_factsheet.render.nav import untranslated as _

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.mocr.indicators import Indicators, Profile, Trends


# The MOCR's tables in each year folder; the kinds below read only these.
MOCR_TABLES = TableSet("mocr", year_tables.YEAR_TABLES)


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
class ProfilesSection:
    """The profiles on index-<lang>.html: a row per municipality (in label order),
    a cell per year with the profile's address in each format."""

    years: list[str]
    rows: list[tuple[str, list[tuple[str, Mapping[str, str]]]]]


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

    def targets(self, scope: Scope) -> list[Target]:
        found: list[Target] = []
        for year in scope.years:
            found.append((Job(self.name, year), "json"))
            found += [
                (Job(self.name, year, lang), fmt)
                for lang in scope.languages
                for fmt in scope.formats
            ]
        return found

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if fmt == "json":
            return out_dir / str(job.year) / "indicators.json"
        return out_dir / str(job.year) / f"mocr-{job.year}-{job.language}.{fmt}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        assert job.year is not None
        # The previous year's offices and duties give the "year before" figures.
        tables = MOCR_TABLES.stems(job.year)
        if job.year - 1 in scope.all_years:
            tables += MOCR_TABLES.for_next_year(job.year - 1)
        if fmt == "json":
            return Reads(tables=tables, meta=(job.year,))
        return self.page_reads(tables=tables, meta=(job.year,), languages=(job.language,))

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        assert job.year is not None
        return (job.year,)  # the year before's offices and duties come with it

    def notes_years(self, job: Job) -> tuple[int, ...]:
        return (job.year,) if job.year is not None else ()

    def related(self, job: Job) -> tuple[Related, ...]:
        # The year's profiles are listed on the index (index-profile.html.j2's
        # heading); the Communities Committees' sheet of the year, where there is one.
        return (
            Related(_("Municipality profiles %(year)s"), INDEX_KEY, "#profiles-heading"),
            Related(_("Communities Committees %(year)s"), ("committees", job.year, None)),
        )

    def task(self, job: Job) -> Hashable:
        return (self.name, job.year, job.language)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.core.export import to_json

        for job, formats in jobs:
            assert job.year is not None
            figures = counts.indicators(ctx.dataset, job.year)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(figures).encode("utf-8")
                continue
            yield from self._sheets(ctx, job, formats, figures)

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

    def _sheets(
        self, ctx: RenderContext, job: Job, formats: tuple[str, ...], figures: Any
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.mechanisms.mocr.charts import all_charts
        from mocr_factsheet.mechanisms.mocr.sheet import render_sheet, render_sheet_pdf

        assert job.year is not None and job.language is not None
        tr = ctx.translator(job.language)
        notes = tr.notes(ctx.dataset.years[job.year].tables.meta.notes)
        charts = all_charts(figures, tr, ctx.dataset.reference)
        ctx.lap("charts")
        reference = ctx.dataset.reference
        for fmt in formats:
            path = self.path(ctx.out_dir, job, fmt)
            if fmt == "html":
                nav = self.nav(ctx, job)
                sheet = render_sheet(ctx.templates_dir, figures, tr, reference, charts, notes, nav)
                ctx.lap("html")
                yield job, fmt, sheet.html.encode("utf-8")
            else:
                pdf = render_sheet_pdf(ctx, figures, tr, charts, notes, path)
                yield job, fmt, pdf


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
            meta=(job.year,),
            languages=(job.language,),
        )

    def notes_years(self, job: Job) -> tuple[int, ...]:
        return (job.year,) if job.year is not None else ()

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

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> ProfilesSection:
        from mocr_factsheet.i18n.translator import in_label_order

        reference = ctx.dataset.reference
        years = ctx.scope.all_years
        codes = in_label_order(tr, reference, [m.code for m in reference.municipalities])
        return ProfilesSection(
            [str(y) for y in years],
            [
                (
                    tr.municipality(reference.municipality(code)),
                    [(str(y), links.get((self.name, y, code), {})) for y in years],
                )
                for code in codes
            ],
        )

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
            context = profile_context(profile, tr, ctx.dataset.reference, notes)
            for fmt in formats:
                path = self.path(ctx.out_dir, job, fmt)
                if fmt == "html":
                    web = replace(context, nav=self.nav(ctx, job))
                    yield job, fmt, ctx.page("profile.html.j2", tr, web)
                    continue
                # The PDF: the same context, typeset by Typst (templates/profile.typ).
                page = page_data(tr, context)
                yield job, fmt, _one_page(ctx, page, context.created, path)


def _one_page(ctx: RenderContext, page: dict[str, Any], created: str, path: Path) -> bytes:
    """A profile's PDF on one page: set at profile.css's sizes (level 0) and,
    while Typst makes two pages of it, a level tighter (templates/profile.typ).
    A level that fits costs one layout: the query's is reused by the PDF's."""
    from mocr_factsheet.render.typst import query

    level = 0
    while True:
        page["level"] = level
        fit = query(ctx.templates_dir, "profile.typ", page, "<fit>")[0]
        if fit["pages"] == 1 or level + 1 >= fit["levels"]:
            return ctx.typeset("profile.typ", page, created, path)
        level += 1


# --- every year side by side ---------------------------------------------------------


class TrendsKind(Kind):
    """Every year in the data side by side, and ``trends.json``."""

    name = "trends"
    table_sets = (MOCR_TABLES,)
    summary = "every year side by side"
    cost = 2
    templates = ("trends.html.j2", "trends.css", "trends.typ")
    index_template = "index-trends.html.j2"

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

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.core.export import to_json
        from mocr_factsheet.mechanisms.mocr.pages import trends_context, trends_page

        for job, formats in jobs:
            trends = counts.trends(ctx.dataset)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(trends).encode("utf-8")
                continue
            tr = ctx.translator(job.language)
            context = trends_context(trends, tr, ctx.dataset.reference)
            for fmt in formats:
                path = self.path(ctx.out_dir, job, fmt)
                if fmt == "html":
                    web = replace(context, nav=self.nav(ctx, job))
                    yield job, fmt, ctx.page("trends.html.j2", tr, web)
                else:
                    page = trends_page(context, tr)
                    yield job, fmt, ctx.typeset("trends.typ", page, context.created, path)
