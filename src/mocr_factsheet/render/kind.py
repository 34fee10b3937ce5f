"""The page machinery every kind of output shares: jobs, scopes, the render
context, and the ``Kind`` base with its four parts.

Each kind is a small object with the same four parts (see docs/design.md,
"Kinds of page"):

1. what it reads: ``reads`` declares, for one output, the tables, years and
   municipality rows it is built from; fingerprints and incremental rebuilds
   follow from that declaration alone;
2. what it shows: one function of its mechanism's core returning frozen figures;
3. how it looks: a template that extends ``base.html.j2``;
4. where it goes: ``path``, used by the writer, the manifest, the index
   pages and the tests alike.

The planner, the writer and the command line only see ``Job``s, formats and
paths: they do not know which kind they run. A kind is written in its
mechanism's folder (``mechanisms/<name>/kinds.py``) or beside the site
(``site.py``) and named once, in ``build/registry.py``.

Only the standard library is imported at the top: planning a build (which
outputs exist, what each reads, where it goes) stays light. Rendering
imports Jinja, matplotlib and Typst where it needs them.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.render.nav import Nav, Related, page_nav, place_addresses, plan_nav

if TYPE_CHECKING:
    from mocr_factsheet.core.export import Figures
    from mocr_factsheet.data.dataset import Dataset, TableSet
    from mocr_factsheet.i18n.languages import Language
    from mocr_factsheet.i18n.translator import Translator

_SYMBOLS = "0123456789✓✗·–—*%()"
BASE_TEMPLATES = ("base.html.j2", "_nav.html.j2", "base.css", "base.typ", "downloads.html.j2")


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
    ``municipalities``: the codes asked for (all 38 where none was);
    ``data_dir``: the data folder, for a kind whose outputs exist only in the
    years that have its tables (the Communities Committees'); ``all_languages``:
    every language with a catalog.
    """

    years: tuple[int, ...]
    all_years: tuple[int, ...]
    languages: tuple[str, ...]
    formats: tuple[str, ...]
    municipalities: tuple[str, ...]
    data_dir: Path | None = None
    # Every language with a catalog, whatever --lang asked for: the front pages name
    # the published ones in their own words (site.py).
    all_languages: tuple[str, ...] = ()


Target = tuple[Job, str]  # a job and one of its formats: one file
# Every page of a language by (kind, year, municipality), with its relative
# address in each format: what the site links.
Links = Mapping[tuple[str, int | None, str | None], Mapping[str, str]]


@dataclass(frozen=True)
class DownloadLink:
    """A file to download, as a page links it: its label and its address
    (``download``: false for a page of links, the index's "Data" section)."""

    label: str
    href: str
    download: bool = True


@dataclass(frozen=True)
class Downloads:
    """What a page offers for download (``templates/downloads.html.j2``,
    ``render/downloads.py``): its data files on the "Data" line, and each
    chart's files (``charts[key][suffix]``)."""

    label: str  # "Data"
    files: tuple[DownloadLink, ...]
    chart_label: str  # "Download the chart"
    charts: Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class PageContext:
    """What every page's template is given (``base.html.j2``): each kind's page
    context extends it. Jinja reads a dataclass's fields as it reads a dict's keys."""

    title: str
    created: str  # an ISO date from the data, never the clock
    sample: bool  # the illustrative-data mark
    # Its data files and charts' files; None: it offers none.
    downloads: Downloads | None = field(default=None, kw_only=True)
    # The page's navigation (render/nav.py): set by its kind for the web page
    # (``Kind.nav``); None for the PDF and drafts. Keyword-only: each kind's
    # context adds fields without defaults after it.
    nav: Nav | None = field(default=None, kw_only=True)
    # When its figures were first published and last revised (year.toml; ISO
    # dates, None where not given): its web page's metadata (``Kind.dates``).
    issued: str | None = field(default=None, kw_only=True)
    modified: str | None = field(default=None, kw_only=True)
    # Where a municipality's name on its web page leads (code → address relative
    # to the page; ``Kind.places_kind``): its profile. Empty: names stay text.
    places: Mapping[str, str] = field(default_factory=dict, kw_only=True)


@dataclass(frozen=True)
class PageDates:
    """When a page's figures were first published and last revised (``Kind.dates``)."""

    issued: str | None = None
    modified: str | None = None


@dataclass
class RenderContext:
    """What a worker renders with: the data, the languages, and caches kept across tasks."""

    out_dir: Path
    templates_dir: Path
    dataset: Dataset
    languages: dict[str, Language]
    scope: Scope
    # What the site links, per language (``build/registry.py`` fills it in).
    links: Mapping[str, Links] = field(default_factory=dict)
    # Where the web font's subsets are kept between workers and builds (webfont.py).
    font_cache: Path | None = None
    # Where the compiled templates are kept between workers and builds (render/html.py).
    template_cache: Path | None = None
    # Where the compiled catalogs are kept between workers and builds (i18n/translator.py).
    catalog_cache: Path | None = None
    # Where drawn charts and their PNGs are kept between builds (render/kept.py).
    chart_cache: Path | None = None
    # Outputs of the folder this run does not build, found up to date by the plan,
    # that a page describes (path → SHA-256: build/run.py, ``Plan.current``).
    current: Mapping[Path, str] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    # What one kind's render leaves for another's in the same task (the sheet's
    # PDF page for its booklet: ``Kind.task``); emptied before each task.
    shared: dict[Hashable, Any] = field(default_factory=dict)
    _translators: dict[str, Translator] = field(default_factory=dict)
    _characters: dict[str, str] = field(default_factory=dict)
    _clock: float = field(default_factory=time.perf_counter)

    def current_bytes(self, path: Path) -> bytes | None:
        """The bytes of ``path`` if the plan found it up to date and it still is."""
        digest = self.current.get(path)
        if digest is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == digest else None

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

    def page(self, template: str, tr: Translator, context: PageContext) -> bytes:
        """A page of any kind as its web page, with its font (its PDF is its Typst
        template's: ``typeset``)."""
        from mocr_factsheet.render.html import render_page

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
            font_cache=self.font_cache,
        ).html
        self.lap("html")
        return html.encode("utf-8")

    def characters(self, tr: Translator) -> str:
        """Every character this language's pages are likely to draw."""
        key = tr.language.tag
        if key not in self._characters:
            catalog: dict[Any, Any] = getattr(tr.translations, "_catalog", {})
            texts = [str(t) for t in catalog.values()]
            texts += [tr.municipality(m) for m in self.dataset.reference.municipalities]
            self._characters[key] = "".join(sorted(set("".join(texts)) | set(_SYMBOLS)))
        return self._characters[key]

    def typeset(
        self, template: str, page: Any, created: str, source: Path, key: str = "page"
    ) -> bytes:
        """The PDF of ``page`` (a kind's page data, with ``base``) through the Typst
        ``template`` (as ``sys.inputs.<key>``); problems are reported under
        ``source``, the output's path."""
        from mocr_factsheet.render.typst import render_pdf

        data = render_pdf(self.templates_dir, template, page, created, str(source), key)
        self.lap("pdf")
        return data


class Kind:
    """The four parts of a kind of page; the subclasses fill them in."""

    name: ClassVar[str]
    summary: ClassVar[str]  # what it is, for --kind's help: "the year's factsheet"
    # A task's rough cost: the planner hands the costliest out first, so that
    # no long task starts last.
    cost: ClassVar[int] = 0
    # The command line's limiting options that apply to this kind ("year",
    # "municipality"). Without --kind, a kind is built only when every
    # limiting option given applies to it: --year 2019 builds that year's
    # sheets and profiles and leaves the trends and the site as they are.
    limited_by: ClassVar[frozenset[str]] = frozenset()
    templates: ClassVar[tuple[str, ...]] = ()
    # The mechanisms' tables its outputs read: a build reads those of the kinds it builds.
    table_sets: tuple[TableSet, ...] = ()
    # Its section of index-<lang>.html, a template the site includes (with
    # ``section``, what ``index_section`` gives); None: the site does not list it.
    index_template: ClassVar[str | None] = None

    def targets(self, scope: Scope) -> list[Target]:
        """Every output of this kind the scope asks for."""
        raise NotImplementedError

    def yearly_targets(self, years: Iterable[int], scope: Scope) -> list[Target]:
        """A yearly sheet's outputs (``targets``' usual answer): each year's
        figures as JSON, and its page in each of the scope's languages and formats."""
        found: list[Target] = []
        for year in years:
            found.append((Job(self.name, year), "json"))
            found += [
                (Job(self.name, year, lang), fmt)
                for lang in scope.languages
                for fmt in scope.formats
            ]
        return found

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

    def notes_years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        """The years whose notes the job prints (each language built must have them all)."""
        return ()

    def unavailable(self, data_dir: Path, year: int) -> str | None:
        """Why the year folder ``year`` has none of this kind's outputs, said to
        whoever asked for them (``--kind``, ``mocr indicators``); None: it has them.
        Only a kind whose tables some years lack has a reason (the Communities
        Committees')."""
        return None

    def related(self, job: Job) -> tuple[Related, ...]:
        """The pages its web page links besides the same page in other languages
        and years (render/nav.py): none by default."""
        return ()

    # The heading's message of the list of a page's years on its web page ("" for
    # none: only the previous and next year are linked).
    years_heading: ClassVar[str] = ""
    # The kind whose page a municipality's name on its web page links (its
    # tables' names: "profile"), None: names stay text (``render.nav.place_addresses``).
    places_kind: ClassVar[str | None] = None

    def nav(
        self,
        ctx: RenderContext,
        job: Job,
        files: Mapping[tuple[str, int | None, str | None], bytes] | None = None,
    ) -> Nav | None:
        """The navigation of ``job``'s web page (render/nav.py); ``files``: the related
        pages linked as a PDF only, by key, as their bytes (``related_files``)."""
        key = (job.kind, job.year, job.municipality)
        languages = tuple(ctx.links)  # those with pages to link (build/registry.py, site_links)
        related = self.related(job)
        return page_nav(
            ctx.links,
            key,
            job.language,
            ctx.translator,
            languages,
            related,
            self.years_heading,
            files,
        )

    def pdf_only(
        self, links: Mapping[str, Links], job: Job
    ) -> list[tuple[str, int | None, str | None]]:
        """The related pages of ``job``'s web page that the site links as a PDF only
        (the year's booklet): its navigation describes each (``related_files``)."""
        own = links.get(job.language or "", {})
        found = [(e.key, own.get(e.key, {})) for e in self.related(job)]
        return [key for key, formats in found if "pdf" in formats and "html" not in formats]

    def related_files(
        self, ctx: RenderContext, job: Job
    ) -> dict[tuple[str, int | None, str | None], bytes]:
        """The related pages the site links as a PDF only (the year's booklet), as
        their bytes (``related_pdf``): the navigation says "PDF, 1.1 MB, 41 pages"."""
        files: dict[tuple[str, int | None, str | None], bytes] = {}
        for key in self.pdf_only(ctx.links, job):
            pdf = self.related_pdf(ctx, job, key)
            if pdf is not None:
                files[key] = pdf
        return files

    def related_reads(
        self, job: Job, fmt: str, links: Mapping[str, Links], scope: Scope
    ) -> tuple[Reads, ...]:
        """What the related PDFs its web page describes (``related_files``) are built
        from: the page says their size and pages, so it is stale when they are. Decided
        by what the site links (``links``: what this run builds and what the folder
        already publishes), as the page is: a run of web pages only after a whole
        build keeps the same inputs (tests/test_nav.py), one that publishes no
        booklet does not read the booklet's (tests/test_build.py)."""
        if fmt != "html":
            return ()
        found = (self.related_pdf_reads(job, key, scope) for key in self.pdf_only(links, job))
        return tuple(r for r in found if r is not None)

    def related_pdf_reads(
        self, job: Job, key: tuple[str, int | None, str | None], scope: Scope
    ) -> Reads | None:
        """What the related PDF ``key`` is built from, where ``related_pdf`` gives its
        bytes; None: its link says nothing of it."""
        return None

    def related_pdf(
        self, ctx: RenderContext, job: Job, key: tuple[str, int | None, str | None]
    ) -> bytes | None:
        """The bytes of the related PDF ``key`` links, the same the build writes
        (its link then says its size and pages); None: not known, the link says nothing."""
        return None

    def dates(self, ctx: RenderContext, job: Job) -> PageDates:
        """When its page's figures were first published and last revised (``issued``,
        ``modified``: year.toml's ``published`` and ``revised``): its year's, or, for a
        page of every year, the first year's publication and the latest change."""
        years = ctx.dataset.years
        chosen = [job.year] if job.year is not None else sorted(years)
        metas = [years[y].meta for y in chosen if y in years]
        issued = [m.published for m in metas if m.published]
        changed = [d for m in metas for d in (m.published, m.revised) if d]
        return PageDates(
            min(issued).isoformat() if issued else None,
            max(changed).isoformat() if changed else None,
        )

    def web_fields(self, ctx: RenderContext, job: Job) -> dict[str, Any]:
        """What its web page's context has beyond the print's (``PageContext``): the
        navigation and the dates of its figures."""
        key = (job.kind, job.year, job.municipality)
        places = place_addresses(ctx.links, key, job.language, self.places_kind)
        nav = self.nav(ctx, job, self.related_files(ctx, job))
        return {"nav": nav, "places": places, **vars(self.dates(ctx, job))}

    def nav_label(self, job: Job, fmt: str, links: Mapping[str, Links], scope: Scope) -> str:
        """What the web page's navigation links, for its fingerprint ("" for other formats)."""
        if fmt != "html":
            return ""
        key = (job.kind, job.year, job.municipality)
        related, years_of = self.related(job), bool(self.years_heading)
        plan = plan_nav(links, key, job.language, related, tuple(links), years_of)
        if plan is None:
            return ""
        places = place_addresses(links, key, job.language, self.places_kind)
        return plan.signature() + (f" places:{sorted(places.items())!r}" if places else "")

    def task(self, job: Job) -> Hashable:
        """Jobs with the same task key are rendered together, in one worker. The
        key starts with a kind's name: its own, or another kind's whose tasks it
        joins (a booklet its sheet's)."""
        return job

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        """Each job in each of its formats, as bytes."""
        raise NotImplementedError

    def compared(self, dataset: Dataset, year: int) -> dict[str | None, dict[str, Any]]:
        """The figures ``mocr diff`` compares in ``year``, as JSON values, by
        municipality (None: the year's own figures); none by default."""
        return {}

    def figures(self, dataset: Dataset, job: Job) -> Figures | None:
        """The figures ``job``'s page shows, as ``mocr indicators`` prints them
        (``job.language`` unused); None: the kind prints none."""
        return None

    def figures_table(self, figures: Any) -> str:
        """Those figures as a table for a terminal."""
        raise NotImplementedError

    def index_reads(self, scope: Scope) -> tuple[tuple[int | None, str], ...]:
        """The tables its section of index-<lang>.html reads, besides its links."""
        return ()

    def index_section(self, ctx: RenderContext, tr: Translator, links: Links) -> object:
        """What its section of index-<lang>.html shows: its pages in ``tr``'s language,
        each with its address in every format (``links``)."""
        raise NotImplementedError

    def page_templates(self) -> tuple[str, ...]:
        """The files of the templates folder its pages are drawn with."""
        return BASE_TEMPLATES + self.templates

    def page_reads(self, **declared: Any) -> Reads:
        """``Reads`` of a page drawn with this kind's templates, catalogs and fonts."""
        return Reads(templates=self.page_templates(), fonts=True, **declared)
