"""``mocr build``: orders the steps — plan, check, count, chart, render, print, write.

A build is a set of jobs, each (kind, year, language, municipality) in some
formats; the kinds (``kinds``) say what each job reads, shows and where it
goes, and this module runs them without knowing which kind it runs.
What is up to date is decided first, with the standard library only. Then
everything that needs building is checked before anything is rendered, and
rendered before anything is written: a failed build leaves every earlier
output as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mocr_factsheet.build import stamp
from mocr_factsheet.build.interrupts import Interrupted
from mocr_factsheet.build.interrupts import deferred as deferred_interrupts
from mocr_factsheet.build.manifest import MANIFEST, Manifest, Stale
from mocr_factsheet.build.registry import (
    KINDS,
    Publication,
    every_job,
    kinds_to_build,
    output_path,
    reading,
    site_links,
)
from mocr_factsheet.build.state import STATE, Cache, locked
from mocr_factsheet.data.dataset import Dataset, Reading, load_reading, select_years
from mocr_factsheet.data.inputs import Digests, Reads, fingerprint, joined
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.validate import find_years, read_reference
from mocr_factsheet.i18n.languages import Language, discover_languages, note_bases
from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.render.kind import Job, Kind, Links, RenderContext, Scope
from mocr_factsheet.settings import FORMATS, BuildSettings


@dataclass(frozen=True)
class Output:
    """A finished output, kept in the cache until it is moved into place."""

    path: Path
    kept: Path  # its file in the cache
    inputs: str  # the fingerprint of what it was built from
    digest: str  # the SHA-256 of its bytes
    size: int


@dataclass(frozen=True)
class Task:
    """Jobs of one kind rendered together in one worker, each in the formats that are stale."""

    kind: str
    jobs: tuple[tuple[Job, tuple[str, ...]], ...]

    @property
    def outputs(self) -> int:
        return sum(len(formats) for _, formats in self.jobs)

    @property
    def light(self) -> bool:
        """Only figures written as JSON: cheaper than starting a worker for them.
        A build with one task that is not light (one sheet, one profile) runs in
        this process: a worker would import pandas, matplotlib and Typst again
        (docs/performance.md, session 10)."""
        return all(formats == ("json",) for _, formats in self.jobs)

    def describe(self) -> str:
        first = self.jobs[0][0].describe()
        return first if len(self.jobs) == 1 else f"{first} and {len(self.jobs) - 1} more"


@dataclass
class BuildReport:
    built: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)  # finished by a stopped build
    removed: list[Path] = field(default_factory=list)  # no input makes them any more
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def summary(self) -> str:
        done = f"built {len(self.built)}"
        if self.reused:
            reused = len(self.reused)
            done += f" ({reused} of them finished by an earlier build that stopped, reused)"
        removed = f", removed {len(self.removed)}" if self.removed else ""
        return f"{done}, up to date {len(self.up_to_date)}{removed}, in {self.seconds:.1f} s"


@dataclass
class Plan:
    fingerprints: dict[Path, str]
    tasks: list[Task]
    up_to_date: list[Path]
    reading: Reading  # what the stale outputs read of the data folder
    languages: tuple[str, ...]  # the languages they are written in
    reasons: dict[Path, Stale] = field(default_factory=dict)  # why each stale output is
    parts: dict[Path, dict[str, str]] = field(default_factory=dict)  # each one's inputs
    kept: dict[Path, Path] = field(default_factory=dict)  # stale, but finished in the cache
    removed: list[Path] = field(default_factory=list)  # recorded, but made by no input now
    links: dict[str, Links] = field(default_factory=dict)  # what the pages link (site_links)
    manifest: Manifest | None = None  # the record the plan was made from
    # Related PDFs the stale web pages describe that this run does not build and
    # the folder holds up to date: their bytes are read, not typeset again (path → SHA-256).
    current: dict[Path, str] = field(default_factory=dict)

    @property
    def outputs(self) -> int:
        return sum(task.outputs for task in self.tasks)

    @property
    def stale(self) -> list[Path]:
        return list(self.reasons)


def select_languages(settings: BuildSettings) -> tuple[dict[str, Language], list[Language]]:
    languages = discover_languages(settings.locales_dir)
    if not languages:
        raise UserError(
            [
                Problem(
                    str(settings.locales_dir),
                    None,
                    None,
                    "no-languages",
                    "no catalog found (locales/<lang>/LC_MESSAGES/messages.po)",
                )
            ]
        )
    # In the published order (English, Albanian, Serbian…) however they were asked
    # for: the front page lists them so, and builds do not depend on the order.
    chosen = [
        lang
        for tag, lang in languages.items()
        if not settings.languages or tag in settings.languages
    ]
    return languages, chosen


def language_chain(language: Language, languages: dict[str, Language]) -> list[Language]:
    """The language and the ones its catalog is derived from."""
    chain = [language]
    while chain[-1].base is not None and chain[-1].base in languages:
        chain.append(languages[chain[-1].base])
    return chain


def _checked_catalogs(settings: BuildSettings, catalogs: list[Language]) -> Path:
    """Where the output folder's state remembers that ``catalogs`` were found
    without a problem (``check_catalogs``): a file named after the template, each
    catalog and its language's settings, and the code and Babel that check them.

    A build that finds it does not parse the catalogs again until one of them
    changes: the check and Babel's message tools cost this process 0.13 s
    before any worker starts (docs/performance.md, "Session 17").
    """
    import hashlib
    from importlib.util import find_spec

    checker = [
        find_spec(name)
        for name in ("mocr_factsheet.i18n.catalogs", "mocr_factsheet.i18n.translator", "babel")
    ]
    files = [settings.locales_dir / "messages.pot", *(c.catalog for c in catalogs)]
    files += [Path(spec.origin) for spec in checker if spec is not None and spec.origin]
    digest = hashlib.sha256(repr(catalogs).encode())
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")  # check_catalogs says so
        digest.update(b"\0")
    return settings.out_dir / STATE / "catalogs" / f"checked.{digest.hexdigest()[:16]}"


def _remember(checked: Path) -> None:
    """Leave ``checked`` (and no earlier one) once the build goes ahead: a build
    stopped by a problem writes nothing (build/state.py, ``locked``)."""
    try:
        checked.parent.mkdir(parents=True, exist_ok=True)
        for other in checked.parent.glob("checked.*"):
            if other != checked:
                other.unlink(missing_ok=True)
        checked.touch()
    except OSError:
        pass  # remembered or not, the catalogs were checked


def catalog_files(
    settings: BuildSettings, languages: dict[str, Language], chosen: Sequence[Language]
) -> dict[str, list[tuple[str, Path]]]:
    """Each language's catalogs (its own and those it derives from), under stable names:
    the run's languages (``chosen``) and every other, which the front pages name."""
    toml = settings.locales_dir / "languages.toml"
    return {
        lang.tag: [(f"locales/{c.tag}", c.catalog) for c in language_chain(lang, languages)]
        + ([("locales/languages.toml", toml)] if toml.is_file() else [])
        + [("locales/messages.pot", settings.locales_dir / "messages.pot")]
        for lang in [*chosen, *(lang for lang in languages.values() if lang not in chosen)]
    }


def make_scope(settings: BuildSettings, chosen: Sequence[Language]) -> Scope:
    """What this run asks for; a missing data or year folder is a problem."""
    years, problems = select_years(settings.data_dir, settings.years)
    if problems:
        raise UserError(problems)
    return Scope(
        years=tuple(years),
        all_years=tuple(find_years(settings.data_dir)),
        languages=tuple(lang.tag for lang in chosen),
        formats=settings.formats,
        municipalities=settings.municipalities or MUNICIPALITY_CODES,
        data_dir=settings.data_dir,
        all_languages=tuple(discover_languages(settings.locales_dir)),
    )


def checked_matcher(
    settings: BuildSettings,
    languages: dict[str, Language],
    scope: Scope,
    kinds: Sequence[Kind],
) -> MunicipalityMatcher:
    """The municipalities' matcher, from the reference tables checked before
    anything is taken from them (docs/reliability.md, "validation before
    reading"): planning reads names from it, ``--municipality`` is matched
    with it. Where the reference tables have problems, every problem of what
    the build reads is raised at once, as a build with them would report it.
    """
    reference, problems = read_reference(settings.data_dir, settings.encoding, fonts=False)
    if reference is not None and not problems:
        return MunicipalityMatcher(reference.municipalities)
    read = reading(every_job(kinds, scope), scope)
    if read.years:  # raises every problem
        load_reading(
            settings.data_dir, read, note_bases(languages), settings.encoding, scope.languages
        )
    raise UserError(problems)  # the same tables read in full have the same problems


def validate(
    data_dir: Path, years: Sequence[int], locales_dir: Path, encoding: str | None = None
) -> Dataset:
    """``mocr validate``: everything a build of ``years`` (every year folder where
    none is given) would read, in every language and format, checked as that
    build checks it; a UserError with every problem. The profiles' history
    reads every earlier year folder whole: a problem there stops the build of
    ``years``, so it is reported here (CLI review)."""
    languages = discover_languages(locales_dir)
    selected, problems = select_years(data_dir, years)
    if problems:
        raise UserError(problems)
    scope = Scope(
        years=tuple(selected),
        all_years=tuple(find_years(data_dir)),
        languages=tuple(languages),
        formats=FORMATS,
        municipalities=MUNICIPALITY_CODES,
        data_dir=data_dir,
        all_languages=tuple(languages),
    )
    kinds = kinds_to_build((), {"year"} if years else set())
    read = reading(every_job(kinds, scope), scope)
    return load_reading(data_dir, read, note_bases(languages), encoding)


def not_made(settings: BuildSettings) -> list[str]:
    """Why a kind asked for by --kind has nothing to build in a year asked for by
    --year (or in any year, without it), one line each: a run that builds nothing
    says so (CLI review: ``--kind committees --year 2016`` ended in "0 to
    rebuild" without a word). A year without a folder is a problem of its own."""
    data_dir = settings.data_dir
    folders = find_years(data_dir)
    asked = [y for y in settings.years if y in folders] if settings.years else folders
    reasons: dict[tuple[int, str], list[str]] = {}
    for name in settings.kinds:
        kind = KINDS[name]
        if "year" not in kind.limited_by:
            continue
        missing = {y: r for y in asked if (r := kind.unavailable(data_dir, y)) is not None}
        if not settings.years and len(missing) < len(asked):
            continue  # some year has them: the others are not what was asked for
        shown = dict(list(missing.items())[-1:]) if not settings.years else missing
        for year, reason in shown.items():
            reasons.setdefault((year, reason), []).append(name)
    return [
        f"--kind {', '.join(names)}: nothing to build for {year}: {reason}"
        for (year, reason), names in sorted(reasons.items())
    ]


def municipality_matcher(settings: BuildSettings) -> MunicipalityMatcher:
    """``checked_matcher`` for matching ``--municipality`` before a build limited by it."""
    languages, chosen = select_languages(settings)
    scope = make_scope(settings, chosen)
    kinds = kinds_to_build(settings.kinds, _limits(settings, municipality=True))
    return checked_matcher(settings, languages, scope, kinds)


def _limits(settings: BuildSettings, municipality: bool = False) -> set[str]:
    """What --year and --municipality limit (see ``kinds_to_build``)."""
    limits = {"year"} if settings.years else set()
    if municipality or settings.municipalities:
        limits.add("municipality")
    return limits


def plan_build(
    settings: BuildSettings,
    languages: dict[str, Language],
    chosen: Sequence[Language],
    scope: Scope,
    kinds: Sequence[Kind],
    *,
    first: Collection[Path] = (),
    only: Collection[Path] | None = None,
) -> Plan:
    """Which outputs are stale and why, grouped into tasks; reads and hashes files,
    imports nothing heavy.

    The planner knows no kind: each kind says which outputs the scope asks
    for, what each reads, where it goes and which outputs render together.
    A stale output that a stopped build finished (in the cache) needs no task.
    ``first``: outputs to render before the others (each alone, in the formats
    asked for in it); ``only``: the outputs to consider (None: every one).
    """
    manifest = Manifest.load(settings.out_dir)
    stamped = stamp.outputs(settings)  # outputs whose stat proves their bytes
    cache = Cache(settings.out_dir)
    digests = Digests(
        settings.data_dir,
        settings.templates_dir,
        catalog_files(settings, languages, chosen),
        settings.encoding,
    )
    plan = Plan({}, [], [], Reading(()), ())
    tasks: dict[Hashable, dict[Job, list[str]]] = {}
    task_kind: dict[Hashable, str] = {}
    needed: set[str] = set()
    stale_jobs: dict[tuple[str, Job], Kind] = {}
    links = plan.links = site_links(settings.out_dir, scope, list(languages), manifest.entries)
    if only is not None:
        only = {*only, *_described(settings.out_dir, kinds, scope, links, only)}
    for kind in kinds:
        for job, fmt in kind.targets(scope):
            path = kind.path(settings.out_dir, job, fmt)
            if only is not None and path not in only:
                continue
            reads, parts = _inputs(kind, job, fmt, links, scope, digests)
            plan.fingerprints[path] = fingerprint(parts)
            plan.parts[path] = parts
            reason = manifest.why_stale(
                path, plan.fingerprints[path], parts, stamped.get(str(path))
            )
            if settings.force:
                reason = Stale("forced")
            if reason is None:
                plan.up_to_date.append(path)
                continue
            plan.reasons[path] = reason
            kept = cache.get(manifest.key(path), plan.fingerprints[path])
            if kept is not None and not settings.force:
                plan.kept[path] = kept
                continue
            # Each kind's task keys start with a kind's name (``Kind.task``); a
            # kind may join another's tasks (a year's booklet its sheet's).
            key: Hashable = kind.task(job)
            if path in first:
                key = ("first", kind.name, job, fmt)
            task_kind.setdefault(key, kind.name)
            tasks.setdefault(key, {}).setdefault(job, []).append(fmt)
            stale_jobs.setdefault((kind.name, job), kind)
            needed.update(reads.languages)
            if fmt == "html":
                described = _current_related(
                    settings, kind, job, links, scope, digests, manifest, stamped
                )
                plan.current.update(described)
    # What this run builds (``--force`` too) is typeset, not read.
    plan.current = {path: d for path, d in plan.current.items() if path not in plan.reasons}
    ordered = sorted(tasks, key=lambda key: not (isinstance(key, tuple) and key[0] == "first"))
    plan.tasks = [
        Task(task_kind[key], tuple((job, tuple(f)) for job, f in tasks[key].items()))
        for key in ordered
    ]
    plan.reading = reading(((kind, job) for (_, job), kind in stale_jobs.items()), scope)
    plan.languages = tuple(tag for tag in scope.languages if tag in needed)
    plan.removed = _no_longer_made(settings.out_dir, manifest, scope, languages)
    plan.manifest = manifest
    return plan


def _inputs(
    kind: Kind, job: Job, fmt: str, links: dict[str, Links], scope: Scope, digests: Digests
) -> tuple[Reads, dict[str, str]]:
    """What ``job``'s output in ``fmt`` reads, and each of its inputs by name with
    its digest: what its fingerprint is made from."""
    # A web page that says a related PDF's size reads what that PDF reads.
    reads = joined(kind.reads(job, fmt, scope), *kind.related_reads(job, fmt, links, scope))
    labels = kind.labels(job, fmt, scope)
    # What its navigation links (the years and languages beside it): adding
    # a year rebuilds its neighbours' web pages (render/nav.py).
    nav = kind.nav_label(job, fmt, links, scope)
    return reads, digests.parts(reads, kind.name, fmt, *labels, *((nav,) if nav else ()))


def _described(
    out_dir: Path,
    kinds: Sequence[Kind],
    scope: Scope,
    links: dict[str, Links],
    pages: Collection[Path],
) -> set[Path]:
    """The PDFs that the web pages among ``pages`` describe (the year's booklet: its
    size and pages, ``Kind.related_files``), where this run's kinds make them. A run
    limited to some outputs (a preview's pass of web pages) that makes such a page
    typesets the PDF to describe it, and so writes it too, rather than leave it for
    the next pass to typeset again (serve.py, ``passes``)."""
    found: set[Path] = set()
    names = {kind.name for kind in kinds}
    for kind in kinds:
        for job, fmt in kind.targets(scope):
            if fmt != "html" or kind.path(out_dir, job, fmt) not in pages:
                continue
            for key in kind.pdf_only(links, job):
                if key[0] in names:
                    other = Job(key[0], key[1], job.language, key[2])
                    found.add(KINDS[key[0]].path(out_dir, other, "pdf"))
    return found


def _current_related(
    settings: BuildSettings,
    kind: Kind,
    job: Job,
    links: dict[str, Links],
    scope: Scope,
    digests: Digests,
    manifest: Manifest,
    stamped: dict[str, list[int] | None],
) -> dict[Path, str]:
    """The related PDFs ``job``'s web page describes (its year's booklet: size and
    pages) that the folder holds up to date, with their recorded digests. A run
    that builds the page but not the PDF (``--kind sheet``, a run of web pages)
    reads them rather than typesetting 41 pages to describe them. The PDF's
    fingerprint is made as a run that builds it makes it (``_inputs``)."""
    found: dict[Path, str] = {}
    for key in kind.pdf_only(links, job):
        related = KINDS[key[0]]
        other = Job(key[0], key[1], job.language, key[2])
        path = related.path(settings.out_dir, other, "pdf")
        _, parts = _inputs(related, other, "pdf", links, scope, digests)
        if manifest.why_stale(path, fingerprint(parts), parts, stamped.get(str(path))) is None:
            found[path] = manifest.entries[manifest.key(path)]["output"]
    return found


def _no_longer_made(
    out_dir: Path, manifest: Manifest, scope: Scope, languages: dict[str, Language]
) -> list[Path]:
    """The outputs an earlier build wrote that no input makes any more (a year,
    a municipality, a language removed), whatever this run is limited to."""
    whole = replace(
        scope,
        years=scope.all_years,
        languages=tuple(languages),
        formats=FORMATS,
        municipalities=MUNICIPALITY_CODES,
    )
    made = {
        manifest.key(output_path(out_dir, job, fmt))
        for job, fmt in Publication(out_dir, whole).targets
    }
    inside = out_dir.resolve()
    return [
        out_dir / key
        for key in sorted(manifest.entries)
        if key not in made and (out_dir / key).resolve().is_relative_to(inside)
    ]


# --- rendering, in this process or in workers ---------------------------------

_worker: dict[str, RenderContext] = {}


def _init_worker(context: RenderContext) -> None:
    import gc

    _worker["context"] = context
    if context.template_cache is not None:
        from mocr_factsheet.render.html import COMPILED

        COMPILED.keep_in(context.template_cache)
    if context.catalog_cache is not None:
        from mocr_factsheet.i18n.translator import CATALOGS

        CATALOGS.keep_in(context.catalog_cache)
    if context.chart_cache is not None:
        from mocr_factsheet.render.kept import IMAGES, KEPT

        KEPT.keep_in(context.chart_cache / "drawn")
        IMAGES.keep_in(context.chart_cache / "images")
    # Rendering makes many short-lived objects and no cycles worth chasing:
    # full collections cost a fifth of a multi-sheet run.
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def _run_task(task: Task) -> tuple[Task, list[tuple[Job, str, bytes]], dict[str, float]]:
    context = _worker["context"]
    context.stages.clear()
    context.lap("count")
    context.stages.clear()
    return task, render_job(context, task), dict(context.stages)


def render_job(context: RenderContext, task: Task) -> list[tuple[Job, str, bytes]]:
    """One task's jobs, each in its formats, in memory, by the kind that knows them:
    the kinds in the registry's order (a booklet after its sheet, whose PDF's page
    it reuses: ``RenderContext.shared``, emptied for each task)."""
    context.shared.clear()
    order = list(KINDS)
    rendered: list[tuple[Job, str, bytes]] = []
    for kind in sorted({job.kind for job, _ in task.jobs}, key=order.index):
        rendered += KINDS[kind].render(context, [j for j in task.jobs if j[0].kind == kind])
    return rendered


def _render_all(
    context: RenderContext, plan: Plan, jobs: int
) -> Iterator[tuple[Task, list[tuple[Job, str, bytes]], dict[str, float]]]:
    workers = min(jobs, sum(not task.light for task in plan.tasks))
    if workers <= 1:
        _init_worker(context)
        try:
            for task in plan.tasks:
                yield _run_task(task)
        finally:
            from mocr_factsheet.i18n.translator import CATALOGS
            from mocr_factsheet.render.kept import IMAGES, KEPT

            # This process may draw for another folder next (mocr serve, a test).
            KEPT.keep_in(None)
            IMAGES.keep_in(None)
            CATALOGS.keep_in(None)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    method = _start_method()
    mp_context = multiprocessing.get_context(method)
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        workers,
        mp_context=mp_context,
        initializer=_init_pool_worker,
        initargs=(os.getpid() if method == "fork" else None, context),
    )
    try:
        futures = [pool.submit(_run_task, task) for task in plan.tasks]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:
        # Interrupted, or a problem in one job: the other jobs are not waited for.
        pool.shutdown(wait=False, cancel_futures=True)
        _stop(set(multiprocessing.active_children()) - before)
        raise
    pool.shutdown()


def _start_method() -> str:
    """How the workers start: forked (quickest: they share what the parent has
    loaded) where the system can, the parent has not run Typst, whose threads a
    forked child would lack (render/typst.py), and no other thread of ours is
    running (``mocr serve``'s server and watcher: a lock one of them holds at
    the fork, in logging or in a stream, would stay held in the child forever);
    otherwise from a fork server, or spawned (Windows, macOS), each given the
    render context pickled."""
    import multiprocessing
    import threading

    from mocr_factsheet.render.typst import used_in_this_process

    methods = multiprocessing.get_all_start_methods()
    alone = threading.active_count() == 1
    if "fork" in methods and alone and not used_in_this_process():
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _init_pool_worker(parent: int | None, context: RenderContext) -> None:
    from mocr_factsheet.build.interrupts import tie_to_parent

    tie_to_parent(parent)
    _init_worker(context)


def _stop(workers: set[Any]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def read_years(
    settings: BuildSettings,
    plan: Plan,
    languages: dict[str, Language],
    built: list[str],
) -> Dataset:
    """The years the plan needs, read and checked, every problem raised at once
    (``load_reading``: the notes of the years its pages print in every language built)."""
    return load_reading(
        settings.data_dir, plan.reading, note_bases(languages), settings.encoding, built
    )


def build(
    settings: BuildSettings,
    progress: Callable[[str, int, int], None] = lambda *_: None,
    *,
    wait: bool = False,
    waiting: Callable[[str], None] = lambda _: None,
    first: Collection[Path] = (),
    only: Collection[Path] | None = None,
) -> BuildReport:
    """Bring every asked-for output up to date; raise a UserError with every problem.

    ``progress`` hears, after each task, a line and how many of the stale
    outputs (of every kind) are done out of how many. One build at a time
    writes in an output folder: another one holding it is a problem, or is
    waited for with ``wait`` (``waiting`` hears it once). ``first``: outputs
    rendered before the others (a preview's page); ``only``: the outputs to
    bring up to date (None: every one asked for by ``settings``).
    """
    started = time.perf_counter()
    languages, chosen = select_languages(settings)
    scope = make_scope(settings, chosen)
    from mocr_factsheet.build.write import unwritable

    # The folder is made for the lock: say first if it cannot be.
    if problems := unwritable(settings.out_dir):
        try:
            plan = plan_outputs(settings, languages, chosen, scope, first=first, only=only)
            if plan.tasks:
                read_years(settings, plan, languages, [lang.tag for lang in chosen])
        except UserError as err:
            raise UserError([*err.problems, *problems]) from None
        raise UserError(problems)
    # A plain build (not a preview's) may trust the last one's stamp (build/stamp.py).
    plain = not first and only is None
    with locked(settings.out_dir, wait=wait, waiting=waiting):
        if plain and not settings.force and (current := stamp.holds(settings)) is not None:
            report = BuildReport(up_to_date=current)
        else:
            taken, before = stamp.now(), stamp.look(settings)
            plan = plan_outputs(settings, languages, chosen, scope, first=first, only=only)
            report = _build_planned(settings, plan, languages, chosen, scope, progress, only)
            if plain:
                stamp.write(settings, before, taken, [*plan.up_to_date, *report.built])
    report.seconds = time.perf_counter() - started
    return report


def plan_outputs(
    settings: BuildSettings,
    languages: dict[str, Language],
    chosen: Sequence[Language],
    scope: Scope,
    *,
    first: Collection[Path] = (),
    only: Collection[Path] | None = None,
) -> Plan:
    """The plan of the kinds ``settings`` asks for (``--kind``, or those its limits apply to)."""
    kinds = kinds_to_build(settings.kinds, _limits(settings))
    checked_matcher(settings, languages, scope, kinds)  # nothing is read from unchecked tables
    return plan_build(settings, languages, chosen, scope, kinds, first=first, only=only)


def dry_run(settings: BuildSettings) -> Plan:
    """What a build would do and why, writing nothing (``mocr build --dry-run``);
    the data it would read is checked as the build checks it, and a UserError
    raised with every problem (the build would rebuild nothing: CLI review)."""
    languages, chosen = select_languages(settings)
    plan = plan_outputs(settings, languages, chosen, make_scope(settings, chosen))
    if plan.tasks:
        read_years(settings, plan, languages, [lang.tag for lang in chosen])
    return plan


def _build_planned(
    settings: BuildSettings,
    plan: Plan,
    languages: dict[str, Language],
    chosen: Sequence[Language],
    scope: Scope,
    progress: Callable[[str, int, int], None],
    only: Collection[Path] | None,
) -> BuildReport:
    from mocr_factsheet.build.write import unwritable_outputs, write_all, write_file

    report = BuildReport(up_to_date=plan.up_to_date)
    if not plan.reasons and not plan.removed:
        return report

    # Everything that would stop the build is found before any work and
    # reported at once: the data's problems, the catalogs', the output files'.
    problems: list[Problem] = []
    checked: Path | None = None
    if plan.tasks:
        needed = {
            c.tag: c for tag in plan.languages for c in language_chain(languages[tag], languages)
        }
        chain = [*needed.values()]
        if chain and not (checked := _checked_catalogs(settings, chain)).exists():
            from mocr_factsheet.i18n.catalogs import check_catalogs

            pot = settings.locales_dir / "messages.pot"
            problems += check_catalogs(chain, settings.templates_dir, Path.cwd(), pot=pot)
    problems += unwritable_outputs(plan.stale)
    clock = time.perf_counter()
    dataset: Dataset | None = None
    try:
        if plan.tasks:
            dataset = read_years(settings, plan, languages, [lang.tag for lang in chosen])
    except UserError as err:
        raise UserError([*err.problems, *problems]) from None
    if problems:
        raise UserError(problems)
    if checked is not None:
        _remember(checked)
    report.stages["read"] += time.perf_counter() - clock

    cache = Cache(settings.out_dir)
    manifest = plan.manifest or Manifest.load(settings.out_dir, quiet=True)
    outputs: list[Output] = []
    for path, kept in plan.kept.items():
        data = cache.read(kept)
        outputs.append(Output(path, kept, plan.fingerprints[path], _sha256(data), len(data)))
        report.reused.append(path)
    if dataset is not None:
        charts = settings.out_dir / STATE / "charts"
        if settings.force:  # nothing reused: every chart drawn again, and kept anew
            shutil.rmtree(charts, ignore_errors=True)
        context = RenderContext(
            settings.out_dir,
            settings.templates_dir,
            dataset,
            languages,
            scope,
            plan.links or site_links(settings.out_dir, scope, list(languages), manifest.entries),
            font_cache=settings.out_dir / STATE / "fonts",
            template_cache=settings.out_dir / STATE / "templates",
            catalog_cache=settings.out_dir / STATE / "catalogs",
            chart_cache=charts,
            current=plan.current,
        )
        done, total = 0, plan.outputs  # a sum over every task: not once per task
        try:
            for task, rendered, stages in _render_all(context, plan, settings.jobs):
                clock = time.perf_counter()
                for job, fmt, data in rendered:
                    path = output_path(settings.out_dir, job, fmt)
                    # Kept as soon as it is finished: a stopped build loses none of it.
                    kept = cache.entry(manifest.key(path), plan.fingerprints[path])
                    write_file(kept, data)
                    outputs.append(
                        Output(path, kept, plan.fingerprints[path], _sha256(data), len(data))
                    )
                report.stages["write"] += time.perf_counter() - clock
                for stage, seconds in stages.items():
                    report.stages[stage] += seconds
                done += task.outputs
                progress(task.describe(), done, total)
        except KeyboardInterrupt as stop:
            signum = stop.signum if isinstance(stop, Interrupted) else signal.SIGINT
            raise Interrupted(signum, kept=len(outputs)) from None

    clock = time.perf_counter()
    outputs.sort(key=lambda o: o.path)
    for output in outputs:
        manifest.record_digest(
            output.path, output.inputs, output.digest, output.size, plan.parts[output.path]
        )
    for path in plan.removed:
        manifest.forget(manifest.key(path))
    # The record last: a page is never recorded as built unless it was. Once
    # files are being moved into place, an interrupt waits for the last one.
    with deferred_interrupts():
        write_all(
            [(o.path, o.kept) for o in outputs]
            + [(settings.out_dir / MANIFEST, manifest.to_json().encode("utf-8"))],
            removed=plan.removed,
        )
        if only is None and not _limited(settings):
            cache.clear()  # every output is in place: what is left is of no use
    report.built = [o.path for o in outputs]
    report.removed = plan.removed
    report.stages["write"] += time.perf_counter() - clock
    return report


def _limited(settings: BuildSettings) -> bool:
    """Whether the run asks for only part of the publication."""
    return bool(
        settings.years
        or settings.languages
        or settings.kinds
        or settings.municipalities
        or set(FORMATS) - set(settings.formats)
    )


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
