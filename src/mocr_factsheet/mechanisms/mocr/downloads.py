"""The MOCR's figures for re-use: the year's data (the sheet's figures and the 38
profiles') and the trends' data, as CSV and ``.xlsx`` in each language, and
each year's ``profiles.json``.

The tables are made from the core's records (``Indicators``, ``Profile``,
``Trends``), the same figures as ``indicators.json``, ``profiles.json`` and
``trends.json``: numbers stay numbers; every row keeps its codes in a column
beside the labels in the language (docs/design.md, "Downloads").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.data.vocabulary import N_
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.render.downloads import (
    DataKind,
    DataTable,
    community_table,
    every_file,
    labelled,
    page_downloads,
    relative,
)
from mocr_factsheet.render.kind import (
    DownloadLink,
    Downloads,
    Job,
    Kind,
    Links,
    RenderContext,
    Scope,
    Target,
)

C = TypeVar("C")  # a header or a cell

if TYPE_CHECKING:
    from mocr_factsheet.data.model import Reference
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.mocr.records import Indicators, Profile, Trends

# Each table's key (its CSV file's name) and title (its workbook sheet's name,
# and its file's label on the index: render.downloads.labelled).
YEAR_TABLES = {
    "key-figures": N_("sheet name", "Key figures"),
    "reporting": N_("sheet name", "Plans and reports"),
    "communities": N_("sheet name", "Officers by community"),
    "duties": N_("sheet name", "Duties performed"),
    "profiles": N_("sheet name", "Municipality profiles"),
    "profile-officers": N_("sheet name", "Officers by municipality"),
    "profile-duties": N_("sheet name", "Duties by municipality"),
}
TRENDS_TABLES = {
    "years": N_("sheet name", "Overview by year"),
    "duties": N_("sheet name", "Duties by year"),
    "offices": N_("sheet name", "Duties per MOCR"),
}


def _average(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _answer(tr: Translator, value: str | None) -> str | None:
    if value is None:
        return None
    return {"yes": tr.gettext("Yes"), "no": tr.gettext("No")}.get(value, tr.gettext("Unknown"))


def _done(tr: Translator, value: bool | None) -> str | None:
    return None if value is None else _answer(tr, "yes" if value else "no")


def year_tables(
    ind: Indicators, profiles: dict[str, Profile], tr: Translator, reference: Reference
) -> list[DataTable]:
    """The year's sheet and its profiles as tables, in ``tr``'s language."""
    # Here, not at the top: the registry imports this module on a no-op build,
    # which must not load pages.py's imports (tests/test_build.py).
    from mocr_factsheet.mechanisms.mocr.pages import status_word

    _ = tr.gettext
    place = {m.code: tr.municipality(m) for m in reference.municipalities}
    code, value = _("Code"), _("Value")
    previous = str(ind.previous_year)
    key_figures = DataTable(
        "key-figures",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Key figures"),
        (code, _("Indicator"), value),
        (
            ("municipalities", _("Municipalities"), ind.municipalities),
            ("established", _("MOCRs established"), ind.established),
            ("officers", _("MOCR officers"), ind.officers_total),
            ("women", _("Women"), ind.gender.f),
            ("men", _("Men"), ind.gender.m),
            ("women_percent", _("Women (%)"), ind.gender.f_percent),
            (
                "average_duties",
                _("Substantive duties per MOCR, on average"),
                _average(ind.average_duties),
            ),
        ),
    )
    reporting = DataTable(
        "reporting",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Plans and reports"),
        (code, _("Indicator"), _("Yes"), _("No"), _("Unknown")),
        tuple(
            (key, label, a.yes, a.no, a.unknown)
            for key, label, a in (
                ("work_plan", _("Work plan"), ind.work_plan),
                ("annual_report", _("Annual report"), ind.annual_report),
            )
        ),
    )
    communities = community_table(
        tr,
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Officers by community"),
        _("Officers"),
        ind.officers_by_community,
        ind.community_shares,
        ind.gender_by_community,
    )
    duties = DataTable(
        "duties",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Duties performed"),
        (code, _("Duty"), _("Performed"), _("Not performed"), _("Share (%)")),
        tuple((d, tr.duty(d), v.yes, v.no, v.percent) for d, v in ind.duties.items()),
    )
    ordered = [profiles[m.code] for m in reference.municipalities if m.code in profiles]
    # The year before's columns where it has figures: not in the first year of the
    # data, whose profiles show no such column either (pages.office's duties table).
    years = (ind.year, ind.previous_year) if ind.has_previous else (ind.year,)

    def before(*cells: C) -> tuple[C, ...]:
        return cells if ind.has_previous else ()

    profile_rows = DataTable(
        "profiles",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Municipality profiles"),
        (
            code,
            _("Municipality"),
            _("Status code"),
            _("Status"),
            _("Work plan"),
            _("Annual report"),
            _("Officers"),
            _("Women"),
            _("Men"),
            _("Substantive duties performed"),
            *before(_("Substantive duties performed, %(year)s") % {"year": previous}),
        ),
        tuple(
            (
                p.municipality,
                place[p.municipality],
                p.status,
                status_word(tr, p.status),
                _answer(tr, p.work_plan),
                _answer(tr, p.annual_report),
                p.officers_total,
                p.gender.f,
                p.gender.m,
                p.duties_count,
                *before(p.previous_duties_count),
            )
            for p in ordered
        ),
        years=years,
    )
    officers = DataTable(
        "profile-officers",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Officers by municipality"),
        (
            _("Municipality code"),
            _("Municipality"),
            _("Community code"),
            _("Community"),
            _("Women"),
            _("Men"),
            _("Total"),
        ),
        tuple(
            (p.municipality, place[p.municipality], c, tr.community(c), g.f, g.m, g.f + g.m)
            for p in ordered
            for c, g in p.gender_by_community.items()
        ),
    )
    duty_rows = DataTable(
        "profile-duties",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Duties by municipality"),
        (
            _("Municipality code"),
            _("Municipality"),
            _("Duty code"),
            _("Duty"),
            str(ind.year),
            *before(previous),
        ),
        tuple(
            (
                p.municipality,
                place[p.municipality],
                d,
                tr.duty(d),
                _done(tr, p.duties.get(d)),
                *before(_done(tr, None if p.previous_duties is None else p.previous_duties.get(d))),
            )
            for p in ordered
            if p.duties is not None
            for d in reference.duties
        ),
        years=years,
    )
    return [key_figures, reporting, communities, duties, profile_rows, officers, duty_rows]


def trends_tables(trends: Trends, tr: Translator, reference: Reference) -> list[DataTable]:
    """Every year side by side as tables, in ``tr``'s language."""
    _ = tr.gettext
    columns = [trends.by_year[y] for y in trends.years]
    years = DataTable(
        "years",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Overview by year"),
        (
            _("Year"),
            _("MOCRs established"),
            _("MOCRs with a work plan"),
            _("MOCRs that submitted an annual report"),
            _("MOCR officers"),
            _("Women"),
            _("Men"),
            _("Women (%)"),
            _("Substantive duties per MOCR, on average"),
        ),
        tuple(
            (
                c.year,
                c.established,
                c.work_plan.yes,
                c.annual_report.yes,
                c.officers_total,
                c.gender.f,
                c.gender.m,
                c.gender.f_percent,
                _average(c.average_duties),
            )
            for c in columns
        ),
        row_years=tuple(c.year for c in columns),
    )
    duties = DataTable(
        "duties",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Duties by year"),
        (_("Code"), _("Duty"), _("Year"), _("Performed"), _("Not performed"), _("Share (%)")),
        tuple(
            (d, tr.duty(d), c.year, c.duties[d].yes, c.duties[d].no, c.duties[d].percent)
            for d in reference.duties
            for c in columns
            if d in c.duties
        ),
        row_years=tuple(c.year for d in reference.duties for c in columns if d in c.duties),
    )
    place = {m.code: tr.municipality(m) for m in reference.municipalities}
    offices = DataTable(
        "offices",
        # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
        tr.pgettext("sheet name", "Duties per MOCR"),
        (_("Code"), _("Municipality"), _("Year"), _("Substantive duties performed")),
        tuple(
            (code, place[code], y, by_year[y])
            for code, by_year in trends.duties_per_office.items()
            for y in trends.years
        ),
        row_years=tuple(y for _ in trends.duties_per_office for y in trends.years),
    )
    return [years, duties, offices]


@dataclass(frozen=True)
class DataSection:
    """The "Data" section of index-<lang>.html: each year's files (the latest
    first) and the trends', each as (label, address)."""

    years: list[tuple[int, list[tuple[str, str]]]]
    trends: list[tuple[str, str]]


class YearDataKind(DataKind):
    """Per year and language: the sheet's and the profiles' figures as CSV and
    one workbook; per year, ``profiles.json``."""

    name = "data"
    summary = "the year's figures as CSV, Excel and JSON"
    limited_by = frozenset({"year"})
    table_keys = YEAR_TABLES
    index_template = "index-data.html.j2"

    def __init__(
        self, sheet: Kind, trends: DataKind, trends_page: Kind, others: Sequence[DataKind] = ()
    ) -> None:
        self.page = sheet
        self.trends = trends
        self.trends_page = trends_page
        self.others = tuple(others)  # other mechanisms' year data, listed beside
        self.table_sets = sheet.table_sets

    def targets(self, scope: Scope) -> list[Target]:
        own = [(Job(self.name, year), "json") for year in scope.years]
        return own + super().targets(scope)

    def stem(self, out_dir: Path, job: Job) -> Path:
        return out_dir / str(job.year) / f"mocr-{job.year}-{job.language}"

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if fmt == "json":
            return out_dir / str(job.year) / "profiles.json"
        return super().path(out_dir, job, fmt)

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        # The profiles' figures carry their history: every year up to this one.
        assert job.year is not None
        return tuple(y for y in scope.all_years if y <= job.year)

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        # The sheet's tables of every year up to this one: the year's figures,
        # the year before's, and the profiles' history.
        pages = [
            self.page.reads(Job(self.page.name, year, job.language), "json", scope)
            for year in self.years(job, scope)
        ]
        tables = tuple(dict.fromkeys(t for page in pages for t in page.tables))
        meta = tuple(dict.fromkeys(m for page in pages for m in page.meta))
        languages = () if job.language is None else (job.language,)
        return Reads(tables=tables, meta=meta, languages=languages)

    def created(self, ctx: RenderContext, job: Job) -> str:
        assert job.year is not None
        return f"{ctx.dataset.years[job.year].meta.period.end}-01"

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.core.export import json_text

        for job, formats in jobs:
            if job.language is None:
                assert job.year is not None
                profiles = counts.profiles(ctx.dataset, job.year)
                figures = {code: profiles[code].as_json() for code in sorted(profiles)}
                ctx.lap("count")
                yield job, "json", json_text(figures).encode("utf-8")
                continue
            yield from super().render(ctx, [(job, formats)])

    def tables(self, ctx: RenderContext, job: Job, tr: Translator) -> list[DataTable]:
        assert job.year is not None
        ind = counts.indicators(ctx.dataset, job.year)
        profiles = counts.profiles(ctx.dataset, job.year)
        return year_tables(ind, profiles, tr, ctx.dataset.reference)

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> DataSection:
        out = ctx.out_dir
        index = out / "index.html"
        lang = tr.language.tag
        years = []
        for year in sorted(ctx.scope.all_years, reverse=True):
            mine = Job(self.name, year, lang)
            files = [
                (labelled(tr, fmt, self.table_keys), relative(index, self.path(out, mine, fmt)))
                for fmt in ("xlsx", *(f"{k}.csv" for k in self.table_keys))
            ]
            sheet_json = self.page.path(out, Job(self.page.name, year), "json")
            files.append((tr.gettext("Factsheet figures (JSON)"), relative(index, sheet_json)))
            profiles_json = self.path(out, Job(self.name, year), "json")
            files.append((tr.gettext("Profiles’ figures (JSON)"), relative(index, profiles_json)))
            for other in self.others:
                files += other.index_files(ctx, tr, year, index)
            years.append((year, files))
        trends = Job(self.trends.name, None, lang)
        trends_files = [
            (
                labelled(tr, fmt, self.trends.table_keys),
                relative(index, self.trends.path(out, trends, fmt)),
            )
            for fmt in ("xlsx", *(f"{k}.csv" for k in self.trends.table_keys))
        ]
        trends_json = self.trends_page.path(out, Job(self.trends_page.name), "json")
        trends_files.append((tr.gettext("Trends figures (JSON)"), relative(index, trends_json)))
        return DataSection(years, trends_files)

    def downloads(
        self, tr: Translator, out_dir: Path, page: Path, job: Job, charts: Sequence[str] = ()
    ) -> Downloads:
        """The "Data" line of the year's sheet or profile at ``page`` (``job``: its
        year and language) and, on the sheet, each chart's files."""
        mine = Job(self.name, job.year, job.language)
        sheet_json = self.page.path(out_dir, Job(self.page.name, job.year), "json")
        profiles_json = self.path(out_dir, Job(self.name, job.year), "json")
        files = (
            DownloadLink(labelled(tr, "xlsx"), relative(page, self.path(out_dir, mine, "xlsx"))),
            DownloadLink(tr.gettext("Factsheet figures (JSON)"), relative(page, sheet_json)),
            DownloadLink(tr.gettext("Profiles’ figures (JSON)"), relative(page, profiles_json)),
            every_file(tr, out_dir, page, job),
        )
        return page_downloads(tr, files, page, charts)


class TrendsDataKind(DataKind):
    """Per language: every year side by side as CSV and one workbook."""

    name = "trends-data"
    summary = "the trends' figures as CSV and Excel"
    table_keys = TRENDS_TABLES

    def __init__(self, trends: Kind) -> None:
        self.page = trends
        self.table_sets = trends.table_sets

    def stem(self, out_dir: Path, job: Job) -> Path:
        return out_dir / "trends" / f"mocr-trends-{job.language}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        page = self.page.reads(Job(self.page.name), "json", scope)
        languages = () if job.language is None else (job.language,)
        return Reads(tables=page.tables, meta=page.meta, languages=languages)

    def created(self, ctx: RenderContext, job: Job) -> str:
        last = max(ctx.dataset.years)
        return f"{ctx.dataset.years[last].meta.period.end}-01"

    def tables(self, ctx: RenderContext, job: Job, tr: Translator) -> list[DataTable]:
        return trends_tables(counts.trends(ctx.dataset), tr, ctx.dataset.reference)

    def downloads(
        self, tr: Translator, out_dir: Path, page: Path, job: Job, charts: Sequence[str] = ()
    ) -> Downloads:
        """The "Data" line of the trends page at ``page`` and its charts' files."""
        mine = Job(self.name, None, job.language)
        trends_json = self.page.path(out_dir, Job(self.page.name), "json")
        files = (
            DownloadLink(labelled(tr, "xlsx"), relative(page, self.path(out_dir, mine, "xlsx"))),
            DownloadLink(tr.gettext("Trends figures (JSON)"), relative(page, trends_json)),
            every_file(tr, out_dir, page, job),
        )
        return page_downloads(tr, files, page, charts)
