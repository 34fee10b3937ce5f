"""The ``committees`` kind: the year's Communities Committees sheet and ``committees.json``.

Its four parts (``render/kind.py``; docs/design.md, "Kinds of page"): what it
reads (its own tables of the year and ``residing.csv``, the mechanism's
``TableSet``, with the reference and ``year.toml``), what it shows
(``CommitteeFigures``), how it looks (``templates/committees.html.j2``) and
where it goes (``out/<year>/mocr-<year>-cc-<lang>.{html,pdf}``,
``out/<year>/committees.json``). A year without ``committees.csv`` has none.

Standard library only at the top, like every kind: planning stays light.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.data.vocabulary import N_
from mocr_factsheet.mechanisms.committees.schema import COMMITTEE_TABLES, has_committees
from mocr_factsheet.render.downloads import (
    ChartFilesKind,
    DataKind,
    DataTable,
    chart_credit,
    chart_file,
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
from mocr_factsheet.render.nav import Related
from mocr_factsheet.render.nav import untranslated as _

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.data.model import Reference
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.committees.records import CommitteeFigures

TEMPLATES = ("committees.html.j2", "committees.css", "committees.typ")
# The sheet's charts (mechanisms/committees/charts.py), each also a file of its own.
CC_CHARTS = ("meetings", "resources", "communities", "unrepresented", "gender")


@dataclass(frozen=True)
class CommitteesSection:
    """The CC sheets on index-<lang>.html: each year with committee data (the latest
    first), its count of established committees and its sheet's address in each format."""

    sheets: list[tuple[int, int, int, Mapping[str, str]]]  # year, established, of, links


def _figures(dataset: Dataset, year: int) -> CommitteeFigures:
    from mocr_factsheet.mechanisms.committees.dataset import year_figures

    return dataset.counted(year_figures, year)


def _has_data(dataset: Dataset, year: int) -> bool:
    from mocr_factsheet.mechanisms.committees.dataset import part

    return year in dataset.years and part(dataset, year) is not None


class CommitteesKind(Kind):
    """Per year with committee data: ``committees.json`` and the sheet in every language."""

    name = "committees"
    summary = "the year's Communities Committees sheet"
    cost = 3
    limited_by = frozenset({"year"})
    templates = TEMPLATES
    table_sets = (COMMITTEE_TABLES,)
    index_template = "index-committees.html.j2"
    data: CommitteesDataKind | None = None  # its data files (build/registry.py)
    # Each municipality's name in its tables links the year's MOCR profile, the
    # one page per municipality the publication has.
    places_kind = "profile"

    def targets(self, scope: Scope) -> list[Target]:
        # A year without committees.csv has no CC sheet.
        data = scope.data_dir
        years = [y for y in scope.years if data is not None and has_committees(data, y)]
        return self.yearly_targets(years, scope)

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if fmt == "json":
            return out_dir / str(job.year) / "committees.json"
        return out_dir / str(job.year) / f"mocr-{job.year}-cc-{job.language}.{fmt}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        assert job.year is not None
        tables = COMMITTEE_TABLES.stems(job.year)  # with residing.csv
        if fmt == "json":
            return Reads(tables=tables, meta=(job.year,))
        return self.page_reads(tables=tables, meta=(job.year,), languages=(job.language,))

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        assert job.year is not None
        return (job.year,)

    def unavailable(self, data_dir: Path, year: int) -> str | None:
        if has_committees(data_dir, year):
            return None
        from mocr_factsheet.data.validate import find_years

        with_data = [y for y in find_years(data_dir) if has_committees(data_dir, y)]
        return (
            f"{year} has no Communities Committees data (no {year}/committees.csv, nor .xlsx); "
            f"the years with it: {', '.join(map(str, with_data)) or 'none'}"
        )

    def related(self, job: Job) -> tuple[Related, ...]:
        # The MOCR's sheet of the same year (the ``sheet`` kind's page, where built).
        return (Related(_("Factsheet %(year)s"), ("sheet", job.year, None)),)

    def notes_years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        return (job.year,) if job.year is not None else ()

    def task(self, job: Job) -> Hashable:
        return (self.name, job.year, job.language)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.core.export import to_json
        from mocr_factsheet.mechanisms.committees.charts import CommitteeCharts
        from mocr_factsheet.mechanisms.committees.render import render_committees

        # A page's charts, for its chart files too (rendered in the same task,
        # after it: ChartFilesKind.task); ctx.shared lives as long as the task.
        drawn: dict[Job, CommitteeCharts] = ctx.shared.setdefault("committees.charts", {})
        for job, formats in jobs:
            assert job.year is not None
            figures = _figures(ctx.dataset, job.year)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(figures).encode("utf-8")
                continue
            tr = ctx.translator(job.language)
            page = Job(self.name, job.year, job.language)
            web = drawn.setdefault(page, CommitteeCharts(figures, tr, ctx.dataset.reference, {}))
            if job.kind != self.name:  # its charts' files (CommitteesChartsKind)
                title = tr.gettext("Communities Committees %(year)s") % {"year": job.year}
                credit = chart_credit(tr, title, figures.sample)
                for fmt in formats:
                    yield job, fmt, chart_file(ctx, web.screen, fmt, job.describe(), credit)
                continue
            downloads = None
            if self.data is not None:
                html = self.path(ctx.out_dir, job, "html")
                downloads = self.data.downloads(tr, ctx.out_dir, html, job)
            notes = tr.notes(ctx.dataset.years[job.year].meta.notes)
            pages = render_committees(
                ctx.templates_dir,
                figures,
                tr,
                ctx.dataset.reference,
                notes,
                formats,
                source=str(self.path(ctx.out_dir, job, "pdf")),
                font_characters=ctx.characters(tr) if "html" in formats else "",
                web=web,
                downloads=downloads,
                web_fields=self.web_fields(ctx, job) if "html" in formats else None,
            )
            ctx.lap("html")
            for fmt in formats:
                yield job, fmt, pages[fmt]

    def compared(self, dataset: Dataset, year: int) -> dict[str | None, dict[str, Any]]:
        # Under the mechanism's name: ``committees.established`` beside the MOCR's figures.
        if not _has_data(dataset, year):
            return {}
        return {None: {self.name: _figures(dataset, year).as_json()}}

    def figures(self, dataset: Dataset, job: Job) -> CommitteeFigures:
        from mocr_factsheet.mechanisms.committees.schema import COMMITTEES
        from mocr_factsheet.problems import Problem, UserError

        assert job.year is not None
        if not _has_data(dataset, job.year):  # mocr indicators says why before reading
            file, message = (f"{COMMITTEES.path(job.year)}.csv", "no Communities Committees data")
            raise UserError([Problem(file, None, None, "no-data", message)])
        return _figures(dataset, job.year)

    def figures_table(self, figures: Any) -> str:
        """Each figure on a line, as ``mocr diff`` names it (``meets_regularly.yes  33``)."""
        lines = [f"{path}  {value}" for path, value in _flatten(figures.as_json())]
        return "\n".join(lines) + "\n"

    def index_reads(self, scope: Scope) -> tuple[tuple[int | None, str], ...]:
        # Each year's count of established committees beside its sheet.
        data_dir = scope.data_dir
        years = [y for y in scope.all_years if data_dir and has_committees(data_dir, y)]
        return COMMITTEE_TABLES.stems(*years)

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> CommitteesSection:
        years = [y for y in ctx.scope.all_years if (self.name, y, None) in links]
        sheets = []
        for year in sorted(years, reverse=True):
            figures = _figures(ctx.dataset, year)
            found = links[self.name, year, None]
            sheets.append((year, figures.established, figures.municipalities, found))
        return CommitteesSection(sheets)


def _flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, json.dumps(value, ensure_ascii=False)


# --- the figures for re-use and the charts' files (render/downloads.py) ------------


class CommitteesDataKind(DataKind):
    """Per year with committee data and language: the CC sheet's figures as CSV and
    one workbook, a table per table of its page, headings and names in the page's
    language, codes kept in a column (as the MOCR sheet's: mechanisms/mocr/downloads.py).
    Before, one table of ``committees.json``'s paths and values ('gender_by_municipality.
    fushe-kosove.f,2'), which no reader of the page could match to it (HTML review)."""

    name = "committees-data"
    summary = "the CC sheet's figures as CSV and Excel"
    limited_by = frozenset({"year"})
    # Each table's key and title (render.downloads.DataKind.table_keys).
    table_keys: ClassVar[Mapping[str, str]] = {
        "key-figures": N_("sheet name", "Key figures"),
        "functioning": N_("sheet name", "Functioning"),
        "communities": N_("sheet name", "Members by community"),
        "unrepresented": N_("sheet name", "Unrepresented communities"),
        "municipalities": N_("sheet name", "Members by municipality"),
    }

    def __init__(self, page: Kind) -> None:
        self.page = page
        self.table_sets = page.table_sets

    def stem(self, out_dir: Path, job: Job) -> Path:
        return out_dir / str(job.year) / f"mocr-{job.year}-cc-{job.language}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        page = self.page.reads(Job(self.page.name, job.year), "json", scope)
        return Reads(tables=page.tables, meta=page.meta, languages=(job.language or "",))

    def created(self, ctx: RenderContext, job: Job) -> str:
        assert job.year is not None
        return f"{ctx.dataset.years[job.year].meta.period.end}-01"

    def tables(self, ctx: RenderContext, job: Job, tr: Translator) -> list[DataTable]:
        assert job.year is not None
        return committee_tables(_figures(ctx.dataset, job.year), tr, ctx.dataset.reference)

    def index_files(
        self, ctx: RenderContext, tr: Translator, year: int | None, index: Path
    ) -> list[tuple[str, str]]:
        found = super().index_files(ctx, tr, year, index)
        if not found:
            return []
        json_file = relative(index, self.page.path(ctx.out_dir, Job(self.page.name, year), "json"))
        cc = tr.gettext("Communities Committees")
        figures = tr.gettext("Figures (JSON)")
        return [(f"{cc}: {label}", href) for label, href in found] + [
            (f"{cc}: {figures}", json_file)
        ]

    def downloads(self, tr: Translator, out_dir: Path, page: Path, job: Job) -> Downloads:
        """The "Data" line of the CC sheet at ``page`` and its charts' files."""
        mine = Job(self.name, job.year, job.language)
        json_file = self.page.path(out_dir, Job(self.page.name, job.year), "json")
        files = (
            DownloadLink(labelled(tr, "xlsx"), relative(page, self.path(out_dir, mine, "xlsx"))),
            DownloadLink(tr.gettext("Committees’ figures (JSON)"), relative(page, json_file)),
            every_file(tr, out_dir, page, job),
        )
        return page_downloads(tr, files, page, CC_CHARTS)


class CommitteesChartsKind(ChartFilesKind):
    """The CC sheet's charts as SVG and PNG, drawn in the sheet's own task."""

    name = "committees-charts"
    summary = "the CC sheet's charts as SVG and PNG"
    limited_by = frozenset({"year"})


def committee_tables(f: CommitteeFigures, tr: Translator, reference: Reference) -> list[DataTable]:
    """The CC sheet's figures as tables (``CommitteesDataKind``), in ``tr``'s language."""
    _ = tr.gettext
    place = {m.code: tr.municipality(m) for m in reference.municipalities}
    code = _("Code")
    answers = (code, _("Indicator"), _("Yes"), _("No"), _("Unknown"))
    return [
        DataTable(
            "key-figures",
            # TRANSLATORS: a data workbook's sheet name: at most 31 characters.
            tr.pgettext("sheet name", "Key figures"),
            (code, _("Indicator"), _("Value")),
            (
                ("municipalities", _("Municipalities"), f.municipalities),
                ("established", _("Committees established"), f.established),
                ("members", _("Members"), f.members.total),
                ("women", _("Women"), f.members.f),
                ("men", _("Men"), f.members.m),
            ),
        ),
        DataTable(
            "functioning",
            tr.pgettext("sheet name", "Functioning"),
            answers,
            tuple(
                (key, label, a.yes, a.no, a.unknown)
                for key, label, a in (
                    (
                        "meets_regularly",
                        _("Committees that meet at least once a month"),
                        f.meets_regularly,
                    ),
                    (
                        "adequate_resources",
                        _("Committees with access to adequate resources"),
                        f.adequate_resources,
                    ),
                )
            ),
        ),
        community_table(
            tr,
            tr.pgettext("sheet name", "Members by community"),
            _("Members"),
            f.members_by_community,
            f.community_shares,
            f.gender_by_community,
        ),
        DataTable(
            "unrepresented",
            tr.pgettext("sheet name", "Unrepresented communities"),
            (code, _("Community"), _("Unrepresented"), _("Lives in"), _("Municipalities")),
            tuple(
                (
                    u.community,
                    tr.community(u.community),
                    u.count,
                    u.living_in,
                    "; ".join(place[m] for m in u.municipalities),
                )
                for u in f.unrepresented
            ),
        ),
        DataTable(
            "municipalities",
            tr.pgettext("sheet name", "Members by municipality"),
            (_("Municipality code"), _("Municipality"), _("Women"), _("Men")),
            tuple((m, place[m], g.f, g.m) for m, g in f.gender_by_municipality.items()),
        ),
    ]
