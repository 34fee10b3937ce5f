"""The site: ``index.html`` (the languages), ``index-<lang>.html`` (everything in
one language) and ``about-<lang>.html`` (the colophon), the kinds that build
them and their template contexts.

The site names no other kind: the registry (``build/registry.py``) hands it
the kinds it lists, each with its section of ``index-<lang>.html`` (a
template and what it shows, ``Kind.index_section``), and the build hands it
every page's address through the render context (``RenderContext.links``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.render.kind import Job, Kind, Links, PageContext, RenderContext, Scope, Target
from mocr_factsheet.render.nav import INDEX_KEY
from mocr_factsheet.settings import FORMATS

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.i18n.translator import Translator


class SiteKind(Kind):
    """``index.html`` (the languages) and ``index-<lang>.html`` (everything in one language).

    They link what the run publishes: its languages and formats are part of
    what they are built from. ``listed``: the kinds whose pages they link, in
    the order of their sections.
    """

    name = "site"
    summary = "the front pages"
    templates = ("index.html.j2", "index-language.html.j2", "index.css")

    def __init__(self, listed: Sequence[Kind]) -> None:
        self.listed = tuple(kind for kind in listed if kind.index_template is not None)
        found = {s.mechanism: s for kind in self.listed for s in kind.table_sets}
        self.table_sets = tuple(found.values())

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
        # Every language's catalog: each published language is named in its own words.
        languages = scope.all_languages or scope.languages
        if job.language is None:
            return self.page_reads(meta=scope.all_years, languages=languages)
        # What each section shows beside its links (each year's count of MOCRs beside its sheet).
        return self.page_reads(
            tables=tuple(t for kind in self.listed for t in kind.index_reads(scope)),
            meta=scope.all_years,
            languages=languages,
        )

    def page_templates(self) -> tuple[str, ...]:
        """Its own templates and each listed kind's section."""
        sections = tuple(str(kind.index_template) for kind in self.listed)
        return super().page_templates() + sections

    def nav_label(self, job: Job, fmt: str, links: Mapping[str, Links], scope: Scope) -> str:
        """Its navigation, and every page it lists (``site_links``: the run's languages
        and formats, and what the folder holds already): what it is built from."""
        listed: Mapping[tuple[str, int | None, str | None], Mapping[str, str]]
        if job.language is None:  # the front page: each language's index
            listed = {(tag, None, None): own.get(INDEX_KEY, {}) for tag, own in links.items()}
        else:
            listed = links.get(job.language, {})
        entries = sorted(repr((key, sorted(found.items()))) for key, found in listed.items())
        digest = hashlib.sha256("\n".join(entries).encode("utf-8")).hexdigest()[:16]
        return f"{super().nav_label(job, fmt, links, scope)} lists:{digest}"

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        # Every language whose index there is to link, the run's and those published.
        translators = [ctx.translator(tag) for tag, own in ctx.links.items() if INDEX_KEY in own]
        for job, _ in jobs:
            context: PageContext
            if job.language is None:
                tr = translators[0]
                context = front_context(ctx.dataset, translators)
                template = "index.html.j2"
            else:
                tr = ctx.translator(job.language)
                links = ctx.links[job.language]
                sections = [
                    (str(kind.index_template), kind.index_section(ctx, tr, links))
                    for kind in self.listed
                ]
                # The formats it lists: what it links (the run's, and those published).
                formats = tuple(f for f in FORMATS if any(f in a for a in links.values()))
                context = index_context(ctx.dataset, tr, sections, translators, formats)
                template = "index-language.html.j2"
            ctx.lap("count")
            context = replace(context, **self.web_fields(ctx, job))
            yield job, "html", ctx.page(template, tr, context)


class AboutKind(Kind):
    """``about-<lang>.html``, the colophon: how the figures are collected, what
    "illustrative" means, when each year was published and last revised (from
    its ``year.toml``), what was tested for accessibility, the data's licence."""

    name = "about"
    summary = "the colophon: method, dates, accessibility, licence"
    templates = ("about.html.j2", "index.css")

    def targets(self, scope: Scope) -> list[Target]:
        if "html" not in scope.formats:
            return []
        return [(Job(self.name, None, lang), "html") for lang in scope.languages]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        assert job.language is not None
        return out_dir / about_href(job.language)

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        assert job.language is not None
        return self.page_reads(meta=scope.all_years, languages=(job.language,))

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        for job, _ in jobs:
            assert job.language is not None
            tr = ctx.translator(job.language)
            context = replace(about_context(ctx.dataset, tr), **self.web_fields(ctx, job))
            ctx.lap("count")
            yield job, "html", ctx.page("about.html.j2", tr, context)


@dataclass(frozen=True)
class AboutYear:
    """A year's line in the colophon's table of dates, as the page prints it."""

    year: int
    period: str
    published: str | None
    revised: str | None
    published_iso: str | None  # for <time datetime=…>
    revised_iso: str | None
    sample: bool


@dataclass(frozen=True)
class AboutContext(PageContext):
    """``about-<lang>.html``."""

    tag: str
    years: list[AboutYear]
    licence_href: str
    contact_href: str  # where a reader reports a barrier (the accessibility statement)


# The data's licence (docs/design.md, "The site").
LICENCE_HREF = "https://creativecommons.org/licenses/by/4.0/"
# Where the accessibility statement sends a reader who meets a barrier: the
# Mission's public website, whose contact page reaches it. The publisher's, not
# the data's: the same for every year, so not in data/ (whose files are fixed by
# docs/contract.md); docs/design.md, "The site".
CONTACT_HREF = "https://www.osce.org/mission-in-kosovo"


def about_context(dataset: Dataset, tr: Translator) -> AboutContext:
    """The colophon in ``tr``'s language; its dates are each year's ``year.toml``'s."""
    years, created, sample = _years(dataset)
    metas = [dataset.years[y].meta for y in years]
    return AboutContext(
        title=tr.gettext("About these figures"),
        created=created,
        sample=sample,
        tag=tr.language.tag,
        years=[
            AboutYear(
                year=m.year,
                period=tr.period(m.period),
                published=tr.date(m.published) if m.published else None,
                revised=tr.date(m.revised) if m.revised else None,
                published_iso=m.published.isoformat() if m.published else None,
                revised_iso=m.revised.isoformat() if m.revised else None,
                sample=m.sample,
            )
            for m in sorted(metas, key=lambda m: -m.year)
        ],
        licence_href=LICENCE_HREF,
        contact_href=CONTACT_HREF,
    )


@dataclass(frozen=True)
class LanguageLink:
    """A language as the site names and links it."""

    tag: str
    lang: str  # BCP 47, for lang= and hreflang=
    name: str  # its name in itself
    href: str


@dataclass(frozen=True)
class FrontLanguage(LanguageLink):
    """A language's entry on the front page, in its own words."""

    title: str
    line: str
    sample_label: str
    sample_note: str
    description: str
    mission: str  # the Mission's name
    skip: str  # the skip link's words (base.html.j2)
    statement: str  # the Mission's statement at the foot of every page
    about: str  # the link to its colophon
    languages_label: str  # what the list of languages is called
    about_href: str


@dataclass(frozen=True)
class FrontContext(PageContext):
    """``index.html``."""

    first: int | None
    last: int | None
    languages: list[FrontLanguage]
    sample_label: str  # the illustrative-data mark's name in every language
    author: str  # the Mission's name in every language (base.html.j2's <meta>)


@dataclass(frozen=True)
class IndexContext(PageContext):
    """``index-<lang>.html``: the language switch, then each listed kind's section."""

    tag: str
    first: int | None
    last: int | None
    formats: tuple[str, ...]
    languages: list[LanguageLink]
    sections: list[tuple[str, object]]  # (its template, what it shows)
    about_href: str  # the colophon in this language


def _years(dataset: Dataset) -> tuple[list[int], str, bool]:
    """Every year read, the date of the last one's end, and whether any is a sample."""
    years = sorted(dataset.years)
    metas = [dataset.years[y].meta for y in years]
    created = f"{metas[-1].period.end}-01" if metas else "2000-01-01"
    return years, created, any(m.sample for m in metas)


def statement(tr: Translator) -> str:
    """The Mission's statement at the foot of every page (``base.html.j2`` says it in
    the page's language; the front page in each of its languages)."""
    return tr.gettext(
        "The OSCE Mission in Kosovo supports the participation of communities in public "
        "decision-making and in the processes and institutions of governance. To that end, "
        "the Mission regularly monitors how the municipal mechanisms for the protection of "
        "communities perform. These factsheets give municipal and central institutions "
        "indicators that help them find gaps and improve compliance."
    )


def about_href(tag: str) -> str:
    """The colophon's address in a language, beside the index pages."""
    return f"about-{tag}.html"


def front_context(dataset: Dataset, translators: Sequence[Translator]) -> FrontContext:
    """``index.html``: each language's own name and title, linking its index."""
    from mocr_factsheet.i18n.translator import every_language

    years, created, sample = _years(dataset)
    return FrontContext(
        title=every_language(translators, "MOCR factsheets"),
        sample_label=every_language(translators, "Illustrative data"),
        author=every_language(translators, "OSCE Mission in Kosovo"),
        created=created,
        sample=sample,
        first=years[0] if years else None,
        last=years[-1] if years else None,
        languages=[
            FrontLanguage(
                **vars(_language(tr)),
                title=tr.gettext("MOCR factsheets"),
                line=tr.gettext("Factsheets, municipality profiles and trends, %(first)s–%(last)s")
                % {"first": years[0] if years else "", "last": years[-1] if years else ""},
                sample_label=tr.gettext("Illustrative data"),
                sample_note=tr.gettext(
                    "the figures in this document are invented for demonstration; "
                    "they are not monitoring results."
                ),
                description=tr.gettext(
                    "Factsheets on the Municipal Offices for Communities and Return in Kosovo, "
                    "by year, municipality and language."
                ),
                mission=tr.gettext("OSCE Mission in Kosovo"),
                skip=tr.gettext("Skip to content"),
                statement=statement(tr),
                about=tr.gettext("About these figures"),
                languages_label=tr.gettext("Languages"),
                about_href=about_href(tr.language.tag),
            )
            for tr in translators
        ],
    )


def index_context(
    dataset: Dataset,
    tr: Translator,
    sections: list[tuple[str, object]],
    translators: Sequence[Translator],
    formats: Sequence[str],
) -> IndexContext:
    """``index-<lang>.html``: every listed kind's pages in ``tr``'s language."""
    years, created, sample = _years(dataset)
    return IndexContext(
        title=tr.gettext("MOCR factsheets"),
        created=created,
        sample=sample,
        tag=tr.language.tag,
        first=years[0] if years else None,
        last=years[-1] if years else None,
        formats=tuple(formats),
        languages=[_language(other) for other in translators],
        sections=sections,
        about_href=about_href(tr.language.tag),
    )


def autonym(tr: Translator) -> str:
    """The language's name in itself: English, Shqip, Srpski, Српски."""
    return tr.pgettext("language", "name")


def _language(tr: Translator) -> LanguageLink:
    return LanguageLink(
        tag=tr.language.tag,
        lang=tr.locale.replace("_", "-"),
        name=autonym(tr),
        href=f"index-{tr.language.tag}.html",
    )
