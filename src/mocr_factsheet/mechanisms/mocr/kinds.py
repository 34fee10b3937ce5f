"""The kinds of page a build publishes: sheet, profile, trends, site.

Each kind is a small object with the same four parts (see STYLE.md, "Kinds
of page"):

1. what it reads: ``reads`` declares, for one output, the tables, years and
   municipality rows it is built from; fingerprints and incremental rebuilds
   follow from that declaration alone;
2. what it shows: one function of the core (``Dataset.indicators``,
   ``profiles``, ``trends``) returning frozen figures;
3. how it looks: a template that extends ``base.html.j2``;
4. where it goes: ``path``, used by the writer, the manifest, the index
   pages and the tests alike.

The planner, the writer and the command line only see ``Job``s, formats and
paths: they do not know which kind they run. Adding a kind is writing one
class here, its template, and naming it in ``KINDS``.

Only the standard library is imported at the top: planning a build (which
outputs exist, what each reads, where it goes) stays light. Rendering
imports the core, Jinja, matplotlib and WeasyPrint where it needs them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mocr_factsheet.data.inputs import YEAR_TABLES, Reads
from mocr_factsheet.data.model import MUNICIPALITY_CODES

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.i18n.languages import Language
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.render.html import Sheet

_SYMBOLS = "0123456789✓✗·–—*%()"
BASE_TEMPLATES = ("base.html.j2", "base.css")


@dataclass(frozen=True, order=True)
class Job:
    """One page (or figures file) to build: what it is, for which year, language, municipality.

    A field a kind does not use is None: the year's ``indicators.json`` has no
    language, the trends no year, the front page ``index.html`` none of them.
    """

    kind: str
    year: int | None = None
    language: str | None = None
    municipality: str | None = None

    def describe(self) -> str:
        """``profile 2019 prizren sq``: for progress lines and messages."""
        parts = [self.kind, self.year, self.municipality, self.language]
        return " ".join(str(p) for p in parts if p is not None)


@dataclass(frozen=True)
class Scope:
    """What this run asks for, in the terms every kind understands.

    ``years``: the years asked for (every year folder where none was);
    ``all_years``: every year folder, for the kinds that cover them all;
    ``municipalities``: the codes asked for (all 38 where none was).
    """

    years: tuple[int, ...]
    all_years: tuple[int, ...]
    languages: tuple[str, ...]
    formats: tuple[str, ...]
    municipalities: tuple[str, ...]
    data_dir: Path | None = None  # where a kind finds the tables only some years have


Target = tuple[Job, str]  # a job and one of its formats: one file


@dataclass
class RenderContext:
    """What a worker renders with: the data, the languages, and caches kept across tasks."""

    out_dir: Path
    templates_dir: Path
    dataset: Dataset
    languages: dict[str, Language]
    scope: Scope
    stages: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _translators: dict[str, Translator] = field(default_factory=dict)
    _figures: dict[Hashable, Any] = field(default_factory=dict)
    _clock: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        """Count the time since the last lap towards ``stage``."""
        now = time.perf_counter()
        self.stages[stage] += now - self._clock
        self._clock = now

    def translator(self, tag: str) -> Translator:
        if tag not in self._translators:
            from mocr_factsheet.i18n.translator import Translator

            self._translators[tag] = Translator.load(self.languages[tag], self.languages)
        return self._translators[tag]

    def figures(self, compute: Callable[..., Any], *args: Hashable) -> Any:
        """``compute(*args)``, a function of the core, counted once per worker
        (the 38 profiles of a year share one count)."""
        key = (compute.__name__, *args)
        if key not in self._figures:
            self._figures[key] = compute(*args)
        return self._figures[key]

    def page(self, template: str, tr: Translator, context: dict[str, Any], fmt: str) -> bytes:
        """A page of any kind in one format: HTML with its font, or the PDF."""
        from mocr_factsheet.render.html import render_page

        if fmt == "html":
            # One font subset for every page in this language (its catalog, the
            # municipalities' names) rather than one per page: subsetting costs
            # more than rendering a profile.
            html = render_page(
                self.templates_dir,
                template,
                tr,
                context,
                embed_font=True,
                font_characters=self.characters(tr),
            ).html
            self.lap("html")
            return html.encode("utf-8")
        page = render_page(self.templates_dir, template, tr, context, linked_styles=True)
        self.lap("html")
        return self.pdf(page, Path(str(context.get("source", template))))

    def characters(self, tr: Translator) -> str:
        """Every character this language's pages are likely to draw."""
        key = ("characters", tr.language.tag)
        if key not in self._figures:
            catalog: dict[Any, Any] = getattr(tr.translations, "_catalog", {})
            texts = [str(t) for t in catalog.values()]
            texts += [tr.municipality(m) for m in self.dataset.reference.municipalities]
            self._figures[key] = "".join(sorted(set("".join(texts)) | set(_SYMBOLS)))
        return str(self._figures[key])

    def pdf(self, page: Sheet, path: Path) -> bytes:
        from mocr_factsheet.render.pdf import render_pdf

        data = render_pdf(page, str(path))
        self.lap("pdf")
        return data


class Kind:
    """The four parts of a kind of page; the subclasses fill them in."""

    name: ClassVar[str]
    # The command line's limiting options that apply to this kind ("year",
    # "municipality"). Without --kind, a kind is built only when every
    # limiting option given applies to it: --year 2019 builds that year's
    # sheets and profiles and leaves the trends and the site as they are.
    limited_by: ClassVar[frozenset[str]] = frozenset()
    templates: ClassVar[tuple[str, ...]] = ()

    def targets(self, scope: Scope) -> list[Target]:
        """Every output of this kind the scope asks for."""
        raise NotImplementedError

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        """Where the output goes."""
        raise NotImplementedError

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        """What the output is built from."""
        raise NotImplementedError

    def labels(self, job: Job, fmt: str, scope: Scope) -> tuple[str, ...]:
        """What else the output depends on besides what it reads (the run's options)."""
        return ()

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        """The years the dataset must hold to render the job (read and checked whole)."""
        return scope.all_years

    def notes_years(self, job: Job) -> tuple[int, ...]:
        """The years whose notes the job prints (each language built must have them all)."""
        return ()

    def task(self, job: Job) -> Hashable:
        """Jobs with the same task key are rendered together, in one worker."""
        return job

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        """Each job in each of its formats, as bytes."""
        raise NotImplementedError

    def page_reads(self, **declared: Any) -> Reads:
        """``Reads`` of a page drawn with this kind's templates, catalogs and fonts."""
        return Reads(templates=BASE_TEMPLATES + self.templates, fonts=True, **declared)


def _whole_years(years: Sequence[int]) -> tuple[tuple[int, str], ...]:
    return tuple((y, t) for y in years for t in YEAR_TABLES)


# --- the year's sheet -----------------------------------------------------------


class SheetKind(Kind):
    """The year's factsheet (two A4 pages) and its ``indicators.json``."""

    name = "sheet"
    limited_by = frozenset({"year"})
    templates = ("sheet.html.j2", "sheet.css")

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
        before = ((job.year - 1, "offices"), (job.year - 1, "duties"))
        tables = _whole_years([job.year]) + (before if job.year - 1 in scope.all_years else ())
        if fmt == "json":
            return Reads(tables=tables, meta=(job.year,))
        return self.page_reads(tables=tables, meta=(job.year,), languages=(job.language,))

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        assert job.year is not None
        return (job.year,)  # the year before's offices and duties come with it

    def notes_years(self, job: Job) -> tuple[int, ...]:
        return (job.year,) if job.year is not None else ()

    def task(self, job: Job) -> Hashable:
        return (self.name, job.year, job.language)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.export import to_json

        for job, formats in jobs:
            assert job.year is not None
            figures = ctx.figures(ctx.dataset.indicators, job.year)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(figures).encode("utf-8")
                continue
            yield from self._sheets(ctx, job, formats, figures)

    def _sheets(
        self, ctx: RenderContext, job: Job, formats: tuple[str, ...], figures: Any
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.mechanisms.mocr.charts import all_charts
        from mocr_factsheet.render.html import render_sheet

        assert job.year is not None and job.language is not None
        tr = ctx.translator(job.language)
        notes = tr.notes(ctx.dataset.years[job.year].tables.meta.notes)
        charts = all_charts(figures, tr, ctx.dataset.reference)
        ctx.lap("charts")
        for fmt in formats:
            sheet = render_sheet(
                ctx.templates_dir,
                figures,
                tr,
                ctx.dataset.reference,
                charts,
                notes,
                inline_charts=fmt == "html",
            )
            ctx.lap("html")
            if fmt == "html":
                yield job, fmt, sheet.html.encode("utf-8")
            else:
                yield job, fmt, ctx.pdf(sheet, self.path(ctx.out_dir, job, fmt))


# --- one municipality's profile --------------------------------------------------

PROFILES_PER_TASK = 10  # a task's profiles share the year's count and the worker's fonts


class ProfileKind(Kind):
    """One A4 page per municipality, year and language."""

    name = "profile"
    limited_by = frozenset({"year", "municipality"})
    templates = ("profile.html.j2", "profile.css")

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
                for table in YEAR_TABLES
            ),
            tables=((job.year, "duties"),),
            meta=(job.year,),
            languages=(job.language,),
        )

    def notes_years(self, job: Job) -> tuple[int, ...]:
        return (job.year,) if job.year is not None else ()

    def task(self, job: Job) -> Hashable:
        index = MUNICIPALITY_CODES.index(job.municipality) if job.municipality else 0
        return (self.name, job.year, job.language, index // PROFILES_PER_TASK)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.mechanisms.mocr.pages import profile_context

        for job, formats in jobs:
            assert job.year is not None and job.language is not None
            assert job.municipality is not None
            profile = ctx.figures(ctx.dataset.profiles, job.year)[job.municipality]
            ctx.lap("count")
            tr = ctx.translator(job.language)
            notes = tr.notes(ctx.dataset.years[job.year].tables.meta.notes)
            context = profile_context(profile, tr, ctx.dataset.reference, notes)
            for fmt in formats:
                context["source"] = self.path(ctx.out_dir, job, fmt)
                yield job, fmt, ctx.page("profile.html.j2", tr, context, fmt)


# --- every year side by side ---------------------------------------------------------


class TrendsKind(Kind):
    """Every year in the data side by side, and ``trends.json``."""

    name = "trends"
    templates = ("trends.html.j2", "trends.css")

    def targets(self, scope: Scope) -> list[Target]:
        return [(Job(self.name), "json")] + [
            (Job(self.name, None, lang), fmt) for lang in scope.languages for fmt in scope.formats
        ]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if fmt == "json":
            return out_dir / "trends" / "trends.json"
        return out_dir / "trends" / f"mocr-trends-{job.language}.{fmt}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        tables = _whole_years(scope.all_years)
        if fmt == "json":
            return Reads(tables=tables, meta=scope.all_years)
        return self.page_reads(tables=tables, meta=scope.all_years, languages=(job.language,))

    def task(self, job: Job) -> Hashable:
        return (self.name, job.language)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.export import to_json
        from mocr_factsheet.mechanisms.mocr.pages import trends_context

        for job, formats in jobs:
            trends = ctx.figures(ctx.dataset.trends)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(trends).encode("utf-8")
                continue
            tr = ctx.translator(job.language)
            context = trends_context(trends, tr, ctx.dataset.reference)
            for fmt in formats:
                context["source"] = self.path(ctx.out_dir, job, fmt)
                yield job, fmt, ctx.page("trends.html.j2", tr, context, fmt)


# --- the front pages ------------------------------------------------------------------


class SiteKind(Kind):
    """``index.html`` (the languages) and ``index-<lang>.html`` (everything in one language).

    They link what the run publishes: its languages and formats are part of
    what they are built from.
    """

    name = "site"
    templates = ("index.html.j2", "index-language.html.j2", "index.css")

    def targets(self, scope: Scope) -> list[Target]:
        if "html" not in scope.formats:
            return []
        return [(Job(self.name), "html")] + [
            (Job(self.name, None, lang), "html") for lang in scope.languages
        ]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if job.language is None:
            return out_dir / "index.html"
        return out_dir / f"index-{job.language}.html"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        if job.language is None:
            return self.page_reads(meta=scope.all_years, languages=scope.languages)
        # Each year's count of MOCRs stands beside its sheet; the other
        # languages are named in their own words.
        return self.page_reads(
            tables=tuple((y, "offices") for y in scope.all_years),
            meta=scope.all_years,
            languages=scope.languages,
        )

    def labels(self, job: Job, fmt: str, scope: Scope) -> tuple[str, ...]:
        return (f"languages:{','.join(scope.languages)}", f"formats:{','.join(scope.formats)}")

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.mechanisms.mocr.pages import front_context, index_context

        # The whole publication in the run's languages and formats, whatever
        # --year or --municipality limited this run to.
        scope = replace(ctx.scope, years=ctx.scope.all_years, municipalities=MUNICIPALITY_CODES)
        publication = Publication(ctx.out_dir, scope)
        translators = [ctx.translator(tag) for tag in scope.languages]
        for job, _ in jobs:
            if job.language is None:
                tr = translators[0]
                context = front_context(ctx.dataset, translators)
                template = "index.html.j2"
            else:
                tr = ctx.translator(job.language)
                figures = [ctx.figures(ctx.dataset.indicators, y) for y in scope.all_years]
                links = publication.links(job.language)
                context = index_context(ctx.dataset, tr, figures, links, translators, scope)
                template = "index-language.html.j2"
            ctx.lap("count")
            yield job, "html", ctx.page(template, tr, context, "html")


# In the order their tasks are handed out: the largest first.
def _kinds() -> tuple[Kind, ...]:
    from mocr_factsheet.mechanisms.committees.kinds import CommitteesKind

    return (SheetKind(), TrendsKind(), ProfileKind(), CommitteesKind(), SiteKind())


KINDS: dict[str, Kind] = {kind.name: kind for kind in _kinds()}


def kinds_to_build(asked: Sequence[str], limits: set[str]) -> list[Kind]:
    """The kinds asked for by --kind; without it, every kind every limiting option
    given (``year``, ``municipality``) applies to."""
    if asked:
        return [KINDS[name] for name in KINDS if name in asked]
    return [kind for kind in KINDS.values() if limits <= kind.limited_by]


def output_path(out_dir: Path, job: Job, fmt: str) -> Path:
    """Where any job's output goes: its kind's path."""
    return KINDS[job.kind].path(out_dir, job, fmt)


@dataclass(frozen=True)
class Publication:
    """Every output of a scope, by kind: what the index pages link and the tests check."""

    out_dir: Path
    scope: Scope

    @cached_property
    def targets(self) -> list[Target]:
        return [t for kind in KINDS.values() for t in kind.targets(self.scope)]

    def paths(self) -> list[Path]:
        return [output_path(self.out_dir, job, fmt) for job, fmt in self.targets]

    def links(self, language: str) -> dict[tuple[str, int | None, str | None], dict[str, str]]:
        """Every page in ``language``, by (kind, year, municipality), with its
        relative address in each format: what ``index-<language>.html`` links."""
        found: dict[tuple[str, int | None, str | None], dict[str, str]] = {}
        for job, fmt in self.targets:
            if job.language == language and job.kind != "site":
                path = output_path(self.out_dir, job, fmt).relative_to(self.out_dir)
                found.setdefault((job.kind, job.year, job.municipality), {})[fmt] = path.as_posix()
        return found
