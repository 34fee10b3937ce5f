"""The one list of kinds: every ``--kind`` choice, the site's links, the planner's
kinds and every output's path are read from ``KINDS``.

Adding a kind is writing its class in its mechanism's folder and naming it
here; nothing else in the planner, the writer, the site or the command line
names a kind. Only the standard library and the kinds' planning parts are
imported: ``mocr --help`` and a no-op build stay light.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from mocr_factsheet.data.dataset import Reading, TableSet
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.data.schema import REFERENCE_TABLES, TableSchema
from mocr_factsheet.mechanisms.committees.kinds import (
    CC_CHARTS,
    CommitteesChartsKind,
    CommitteesDataKind,
    CommitteesKind,
)
from mocr_factsheet.mechanisms.mocr.downloads import TrendsDataKind, YearDataKind
from mocr_factsheet.mechanisms.mocr.kinds import (
    SHEET_CHARTS,
    TRENDS_CHARTS,
    BookletKind,
    ProfileKind,
    SheetChartsKind,
    SheetKind,
    TrendsChartsKind,
    TrendsKind,
)
from mocr_factsheet.render.kind import Job, Kind, Links, Scope, Target
from mocr_factsheet.settings import FORMATS
from mocr_factsheet.site import AboutKind, SiteKind

_SHEET, _PROFILE, _TRENDS = SheetKind(), ProfileKind(), TrendsKind()
_COMMITTEES = CommitteesKind()
_BOOKLET = BookletKind(_SHEET, _PROFILE)
_SHEET.booklet = _BOOKLET  # its navigation says the booklet's size and pages
# The figures for re-use; the pages link theirs (the "Data" line).
_TRENDS_DATA = TrendsDataKind(_TRENDS)
_COMMITTEES_DATA = CommitteesDataKind(_COMMITTEES)
_DATA = YearDataKind(_SHEET, _TRENDS_DATA, _TRENDS, others=(_COMMITTEES_DATA,))
_SHEET.data = _PROFILE.data = _DATA
_TRENDS.data = _TRENDS_DATA
_COMMITTEES.data = _COMMITTEES_DATA
# In the order --kind's help lists them; the site lists its sections (each
# kind's pages on index-<lang>.html) in the order it is given: the long
# table of profiles last.
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        _SHEET,
        _PROFILE,
        _TRENDS,
        _BOOKLET,
        _COMMITTEES,
        SheetChartsKind(_SHEET, SHEET_CHARTS),
        TrendsChartsKind(_TRENDS, TRENDS_CHARTS),
        CommitteesChartsKind(_COMMITTEES, CC_CHARTS),
        _DATA,
        _TRENDS_DATA,
        _COMMITTEES_DATA,
        SiteKind(listed=(_SHEET, _BOOKLET, _TRENDS, _COMMITTEES, _DATA, _PROFILE)),
        AboutKind(),
    )
}


def kinds_to_build(asked: Sequence[str], limits: set[str]) -> list[Kind]:
    """The kinds asked for by --kind; without it, every kind every limiting option
    given (``year``, ``municipality``) applies to. The costliest first: their
    tasks are handed out first."""
    if asked:
        chosen = [KINDS[name] for name in KINDS if name in asked]
    else:
        chosen = [kind for kind in KINDS.values() if limits <= kind.limited_by]
    return sorted(chosen, key=lambda kind: -kind.cost)


def table_sets(kinds: Sequence[Kind] | None = None) -> tuple[TableSet, ...]:
    """The mechanisms' tables the given kinds read (every kind's where None), each once."""
    found: dict[str, TableSet] = {}
    for kind in KINDS.values() if kinds is None else kinds:
        for table_set in kind.table_sets:
            found.setdefault(table_set.mechanism, table_set)
    return tuple(found.values())


def reading(jobs: Iterable[tuple[Kind, Job]], scope: Scope) -> Reading:
    """What building ``jobs`` reads of the data folder: each kind's years for
    each job (a profile's history: every year folder up to its year), the
    years whose notes they print, and the kinds' tables. The one definition
    of what a build reads: the build, ``mocr validate`` and ``mocr indicators``
    read through it (``data/dataset.py``, ``Reading``)."""
    years: set[int] = set()
    noted: set[int] = set()
    kinds: dict[str, Kind] = {}
    for kind, job in jobs:
        years.update(kind.years(job, scope))
        noted.update(kind.notes_years(job, scope))
        kinds.setdefault(kind.name, kind)
    return Reading(tuple(sorted(years)), tuple(sorted(noted)), table_sets(list(kinds.values())))


def every_job(kinds: Sequence[Kind], scope: Scope) -> Iterator[tuple[Kind, Job]]:
    """Every job of ``kinds`` in ``scope`` (each once, whatever its formats)."""
    for kind in kinds:
        for job in dict.fromkeys(job for job, _ in kind.targets(scope)):
            yield kind, job


def declared_tables() -> tuple[TableSchema, ...]:
    """Every input table, the shared reference tables first, then each mechanism's
    (its own top-level tables, its year tables): what ``docs/data-format.md`` lists."""
    found: list[TableSchema] = list(REFERENCE_TABLES)
    for table_set in table_sets():
        found += [t for t in (*table_set.reference, *table_set.tables) if t not in found]
    return tuple(found)


def output_path(out_dir: Path, job: Job, fmt: str) -> Path:
    """Where any job's output goes: its kind's path."""
    return KINDS[job.kind].path(out_dir, job, fmt)


@dataclass(frozen=True)
class Publication:
    """Every output of a scope, by kind: what the index pages link."""

    out_dir: Path
    scope: Scope

    @cached_property
    def targets(self) -> list[Target]:
        return [t for kind in KINDS.values() for t in kind.targets(self.scope)]

    def links(self, language: str) -> Links:
        """Every page in ``language`` (the site's index-<lang>.html too), by (kind,
        year, municipality), with its relative address in each format: what the
        site's sections and every page's navigation (render/nav.py) link."""
        return self._links.get(language, {})

    @cached_property
    def _links(self) -> dict[str, dict[tuple[str, int | None, str | None], dict[str, str]]]:
        found: dict[str, dict[tuple[str, int | None, str | None], dict[str, str]]] = {}
        for job, fmt in self.targets:
            if job.language is not None:
                path = output_path(self.out_dir, job, fmt).relative_to(self.out_dir)
                page = found.setdefault(job.language, {})
                page.setdefault((job.kind, job.year, job.municipality), {})[fmt] = path.as_posix()
        return found


def site_links(
    out_dir: Path,
    scope: Scope,
    every_language: Sequence[str] = (),
    published: Collection[str] = (),
) -> dict[str, Links]:
    """What ``index-<lang>.html`` and each page's navigation link, per language (in
    ``every_language``'s order; a language with nothing to link is left out): the
    whole publication in the run's languages and formats, whatever --year or
    --municipality limited it to, and the pages of the others that the output
    folder holds already (``published``: the manifest's paths). A run limited to one
    language or format thus links what an earlier whole build wrote, as that build
    did, and does not rewrite its pages without their other languages, for the next
    whole build to rewrite them with them (CLI review: ``--lang sq`` after a build)."""
    languages = tuple(dict.fromkeys([*every_language, *scope.languages]))
    run = replace(scope, years=scope.all_years, municipalities=MUNICIPALITY_CODES)
    ours = Publication(out_dir, run)
    whole = replace(
        run, languages=languages, formats=tuple(dict.fromkeys([*scope.formats, *FORMATS]))
    )
    every = ours if whole == run else Publication(out_dir, whole)
    found: dict[str, Links] = {}
    for language in languages:
        run_links = ours.links(language) if language in scope.languages else {}
        links: dict[tuple[str, int | None, str | None], dict[str, str]] = {}
        # In the whole publication's order: the same page, the same bytes, however
        # it came to be linked.
        for key, addresses in every.links(language).items():
            mine = run_links.get(key, {})
            kept = {f: a for f, a in addresses.items() if f in mine or a in published}
            if kept:
                links[key] = kept
        if links:
            found[language] = links
    return found
