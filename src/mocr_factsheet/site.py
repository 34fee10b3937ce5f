"""The site: ``index.html`` (the languages) and ``index-<lang>.html`` (everything in
one language), the kind that builds them and their template contexts.

The site links every other kind's pages; it does not import the registry:
the links come in the render context (``RenderContext.links``), which the
build fills from ``build/registry.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocr_factsheet.data import schema
from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.mechanisms.mocr.kinds import MOCR_TABLES
from mocr_factsheet.render.kind import Job, Kind, Links, RenderContext, Scope, Target

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.mocr.indicators import Indicators


class SiteKind(Kind):
    """``index.html`` (the languages) and ``index-<lang>.html`` (everything in one language).

    They link what the run publishes: its languages and formats are part of
    what they are built from.
    """

    name = "site"
    table_sets = (MOCR_TABLES,)  # each year's count of MOCRs stands beside its sheet
    summary = "the front pages"
    linked = False  # the site links every other kind, not itself
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
            tables=tuple((y, schema.OFFICES.stem) for y in scope.all_years),
            meta=scope.all_years,
            languages=scope.languages,
        )

    def labels(self, job: Job, fmt: str, scope: Scope) -> tuple[str, ...]:
        return (f"languages:{','.join(scope.languages)}", f"formats:{','.join(scope.formats)}")

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        scope = ctx.scope
        translators = [ctx.translator(tag) for tag in scope.languages]
        for job, _ in jobs:
            if job.language is None:
                tr = translators[0]
                context = front_context(ctx.dataset, translators)
                template = "index.html.j2"
            else:
                tr = ctx.translator(job.language)
                figures = [counts.indicators(ctx.dataset, y) for y in scope.all_years]
                links = ctx.links[job.language]
                context = index_context(ctx.dataset, tr, figures, links, translators, scope)
                template = "index-language.html.j2"
            ctx.lap("count")
            yield job, "html", ctx.page(template, tr, context, "html")


def front_context(dataset: Dataset, translators: Sequence[Translator]) -> dict[str, Any]:
    """``index.html``: each language's own name and title, linking its index."""
    years = sorted(dataset.years)
    periods = [dataset.years[y].tables.meta.period for y in years]
    return {
        "title": " · ".join(dict.fromkeys(tr.gettext("MOCR factsheets") for tr in translators)),
        "created": f"{periods[-1].end}-01" if periods else "2000-01-01",
        "sample": any(dataset.years[y].tables.meta.sample for y in years),
        "first": years[0] if years else None,
        "last": years[-1] if years else None,
        "languages": [
            {
                **_language(tr),
                "title": tr.gettext("MOCR factsheets"),
                "line": tr.gettext(
                    "Factsheets, municipality profiles and trends, %(first)s–%(last)s"
                )
                % {"first": years[0] if years else "", "last": years[-1] if years else ""},
                "sample_label": tr.gettext("Illustrative data"),
                "sample_note": tr.gettext(
                    "the figures in this document are invented for demonstration; "
                    "they are not monitoring results."
                ),
                "description": tr.gettext(
                    "Factsheets on the Municipal Offices for Communities and Return in Kosovo, "
                    "by year, municipality and language."
                ),
            }
            for tr in translators
        ],
    }


def index_context(
    dataset: Dataset,
    tr: Translator,
    figures: Sequence[Indicators],
    links: Links,
    translators: Sequence[Translator],
    scope: Scope,
) -> dict[str, Any]:
    """``index-<lang>.html``: every year's sheet, the trends, every municipality's profiles."""
    from mocr_factsheet.i18n.translator import in_label_order

    reference = dataset.reference
    years = [f.year for f in figures]
    codes = in_label_order(tr, reference, [m.code for m in reference.municipalities])
    return {
        "title": tr.gettext("MOCR factsheets"),
        "created": f"{figures[-1].period.end}-01" if figures else "2000-01-01",
        "sample": any(f.sample for f in figures),
        "tag": tr.language.tag,
        "years": [str(y) for y in years],
        "sheets": [
            (f, links.get(("sheet", f.year, None), {}))
            for f in sorted(figures, key=lambda f: -f.year)
        ],
        "trends": links.get(("trends", None, None), {}),
        "first": years[0] if years else None,
        "last": years[-1] if years else None,
        "profiles": [
            (
                tr.municipality(reference.municipality(code)),
                [(str(y), links.get(("profile", y, code), {})) for y in years],
            )
            for code in codes
        ],
        "formats": scope.formats,
        "languages": [_language(other) for other in translators],
    }


def autonym(tr: Translator) -> str:
    """The language's name in itself: English, Shqip, Srpski, Српски."""
    return tr.pgettext("language", "name")


def _language(tr: Translator) -> dict[str, Any]:
    return {
        "tag": tr.language.tag,
        "lang": tr.locale.replace("_", "-"),
        "name": autonym(tr),
        "href": f"index-{tr.language.tag}.html",
    }
