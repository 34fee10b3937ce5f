"""The site: ``index.html`` (the languages) and ``index-<lang>.html`` (everything in
one language), the kind that builds them and their template contexts.

The site names no other kind: the registry (``build/registry.py``) hands it
the kinds it lists, each with its section of ``index-<lang>.html`` (a
template and what it shows, ``Kind.index_section``), and the build hands it
every page's address through the render context (``RenderContext.links``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.render.kind import Job, Kind, PageContext, RenderContext, Scope, Target

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
        if job.language is None:
            return self.page_reads(meta=scope.all_years, languages=scope.languages)
        # What each section shows beside its links (each year's count of
        # MOCRs beside its sheet); the other languages are named in their own words.
        return self.page_reads(
            tables=tuple(t for kind in self.listed for t in kind.index_reads(scope)),
            meta=scope.all_years,
            languages=scope.languages,
        )

    def page_templates(self) -> tuple[str, ...]:
        """Its own templates and each listed kind's section."""
        sections = tuple(str(kind.index_template) for kind in self.listed)
        return super().page_templates() + sections

    def labels(self, job: Job, fmt: str, scope: Scope) -> tuple[str, ...]:
        return (f"languages:{','.join(scope.languages)}", f"formats:{','.join(scope.formats)}")

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        scope = ctx.scope
        translators = [ctx.translator(tag) for tag in scope.languages]
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
                context = index_context(ctx.dataset, tr, sections, translators, scope)
                template = "index-language.html.j2"
            ctx.lap("count")
            context = replace(context, nav=self.nav(ctx, job))
            yield job, "html", ctx.page(template, tr, context)


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


@dataclass(frozen=True)
class FrontContext(PageContext):
    """``index.html``."""

    first: int | None
    last: int | None
    languages: list[FrontLanguage]


@dataclass(frozen=True)
class IndexContext(PageContext):
    """``index-<lang>.html``: the language switch, then each listed kind's section."""

    tag: str
    first: int | None
    last: int | None
    formats: tuple[str, ...]
    languages: list[LanguageLink]
    sections: list[tuple[str, object]]  # (its template, what it shows)


def _years(dataset: Dataset) -> tuple[list[int], str, bool]:
    """Every year read, the date of the last one's end, and whether any is a sample."""
    years = sorted(dataset.years)
    metas = [dataset.years[y].meta for y in years]
    created = f"{metas[-1].period.end}-01" if metas else "2000-01-01"
    return years, created, any(m.sample for m in metas)


def front_context(dataset: Dataset, translators: Sequence[Translator]) -> FrontContext:
    """``index.html``: each language's own name and title, linking its index."""
    years, created, sample = _years(dataset)
    return FrontContext(
        title=" · ".join(dict.fromkeys(tr.gettext("MOCR factsheets") for tr in translators)),
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
            )
            for tr in translators
        ],
    )


def index_context(
    dataset: Dataset,
    tr: Translator,
    sections: list[tuple[str, object]],
    translators: Sequence[Translator],
    scope: Scope,
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
        formats=scope.formats,
        languages=[_language(other) for other in translators],
        sections=sections,
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
