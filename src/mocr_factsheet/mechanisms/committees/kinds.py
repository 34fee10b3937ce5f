"""The ``committees`` kind: the year's Communities Committees sheet and ``committees.json``.

Its four parts (docs/design.md, "Kinds of page"): what it reads (its own
tables of the year, ``residing.csv``, the reference and ``year.toml``), what
it shows (``CommitteeFigures``), how it looks (``templates/committees.html.j2``)
and where it goes (``out/<year>/mocr-<year>-cc-<lang>.{html,pdf}``,
``out/<year>/committees.json``). A year without ``committees.csv`` has none.

Standard library only at the top, like every kind: planning stays light.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.mechanisms.committees.read import has_committees
from mocr_factsheet.mechanisms.committees.schema import COMMITTEE_MEMBERS, COMMITTEES, RESIDING
from mocr_factsheet.mechanisms.mocr.kinds import Job, Kind, RenderContext, Scope, Target

if TYPE_CHECKING:
    from mocr_factsheet.mechanisms.committees.records import CommitteeFigures

TEMPLATES = ("committees.html.j2", "committees.css")


def _data_dir(scope: Scope) -> Path | None:
    return getattr(scope, "data_dir", None)


class CommitteesKind(Kind):
    """Per year with committee data: ``committees.json`` and the sheet in every language."""

    name = "committees"
    limited_by = frozenset({"year"})
    templates = TEMPLATES

    def targets(self, scope: Scope) -> list[Target]:
        data_dir = _data_dir(scope)
        found: list[Target] = []
        for year in scope.years:
            if data_dir is None or not has_committees(data_dir, year):
                continue
            found.append((Job(self.name, year), "json"))
            found += [
                (Job(self.name, year, lang), fmt)
                for lang in scope.languages
                for fmt in scope.formats
            ]
        return found

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        if fmt == "json":
            return out_dir / str(job.year) / "committees.json"
        return out_dir / str(job.year) / f"mocr-{job.year}-cc-{job.language}.{fmt}"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        assert job.year is not None
        tables = ((job.year, COMMITTEES.stem), (job.year, COMMITTEE_MEMBERS.stem))
        if fmt == "json":
            return Reads(tables=tables, meta=(job.year,))
        return self.page_reads(tables=tables, meta=(job.year,), languages=(job.language,))

    def labels(self, job: Job, fmt: str, scope: Scope) -> tuple[str, ...]:
        # residing.csv sits beside the reference tables, which ``Reads`` has no
        # slot for yet: its digest goes in as a label until it has one.
        data_dir = _data_dir(scope)
        if data_dir is None:
            return ()
        digests = []
        for suffix in (".csv", ".xlsx"):
            path = data_dir / f"{RESIDING.path()}{suffix}"
            if path.is_file():
                digests.append(f"{path.name}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
        return tuple(digests)

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        assert job.year is not None
        return (job.year,)

    def notes_years(self, job: Job) -> tuple[int, ...]:
        return (job.year,) if job.year is not None else ()

    def task(self, job: Job) -> Hashable:
        return (self.name, job.year, job.language)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        from mocr_factsheet.export import to_json
        from mocr_factsheet.mechanisms.committees.render import render_committees

        for job, formats in jobs:
            assert job.year is not None
            figures = self._figures(ctx, job.year)
            ctx.lap("count")
            if job.language is None:
                yield job, "json", to_json(figures).encode("utf-8")
                continue
            tr = ctx.translator(job.language)
            notes = tr.notes(ctx.dataset.years[job.year].tables.meta.notes)
            pages = render_committees(
                ctx.templates_dir,
                figures,
                tr,
                ctx.dataset.reference,
                notes,
                formats,
                source=str(self.path(ctx.out_dir, job, "pdf")),
                font_characters=ctx.characters(tr) if "html" in formats else "",
            )
            ctx.lap("html")
            for fmt in formats:
                yield job, fmt, pages[fmt]

    @staticmethod
    def _figures(ctx: RenderContext, year: int) -> CommitteeFigures:
        """The year's figures, read and counted once per worker."""
        from mocr_factsheet.mechanisms.committees.dataset import read_committee_data
        from mocr_factsheet.problems import UserError

        def committee_figures(year: int) -> CommitteeFigures:
            data_dir = _data_dir(ctx.scope)
            assert data_dir is not None
            dataset = ctx.dataset
            # Until the dataset reads every kind's tables, the kind reads its own
            # here (the year's meta was read and checked with the dataset).
            found, problems = read_committee_data(
                data_dir,
                [year],
                {tag: lang.base for tag, lang in ctx.languages.items()},
                built=ctx.scope.languages,
                reference=dataset.reference,
                matcher=dataset.matcher,
            )
            if found is None:
                raise UserError(problems)
            return found.figures(year)

        return cast("CommitteeFigures", ctx.figures(committee_figures, year))
