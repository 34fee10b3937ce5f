"""``mocr build``: orders the steps — plan, check, count, chart, render, print, write.

What is up to date is decided first, with the standard library only. Then
everything that needs building is checked before anything is rendered, and
rendered before anything is written: a failed build leaves every earlier
output as it was.
"""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mocr_factsheet.dataset import Dataset, input_files, load_dataset, select_years
from mocr_factsheet.interrupts import deferred as deferred_interrupts
from mocr_factsheet.languages import Language, discover_languages, note_bases
from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.resources import FONTS_DIR, PACKAGE_DIR
from mocr_factsheet.settings import BuildSettings
from mocr_factsheet.state import MANIFEST, Fingerprints, Manifest, tree_files

STAGES = ("read", "count", "charts", "html", "pdf", "write")


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes
    inputs: str  # the fingerprint of what it was built from


@dataclass(frozen=True)
class SheetJob:
    """One year in one language: its charts serve every format asked for."""

    year: int
    language: str
    formats: tuple[str, ...]


@dataclass
class BuildReport:
    built: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def summary(self) -> str:
        return (
            f"built {len(self.built)}, up to date {len(self.up_to_date)}, in {self.seconds:.1f} s"
        )


@dataclass
class Plan:
    fingerprints: dict[Path, str]
    stale_years: list[int]
    jobs: list[SheetJob]
    up_to_date: list[Path]


def sheet_path(out_dir: Path, year: int, tag: str, fmt: str) -> Path:
    return out_dir / str(year) / f"mocr-{year}-{tag}.{fmt}"


def indicators_path(out_dir: Path, year: int) -> Path:
    return out_dir / str(year) / "indicators.json"


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
    chosen = (
        [languages[t] for t in settings.languages]
        if settings.languages
        else list(languages.values())
    )
    return languages, chosen


def language_chain(language: Language, languages: dict[str, Language]) -> list[Language]:
    """The language and the ones its catalog is derived from."""
    chain = [language]
    while chain[-1].base is not None and chain[-1].base in languages:
        chain.append(languages[chain[-1].base])
    return chain


def _named(root: Path, files: list[Path]) -> list[tuple[str, Path]]:
    return [(f"{root.name}/{p.relative_to(root).as_posix()}", p) for p in files]


def plan_build(
    settings: BuildSettings,
    languages: dict[str, Language],
    chosen: list[Language],
    years: list[int],
) -> Plan:
    """Which outputs are stale; reads and hashes files, imports nothing heavy."""
    manifest = Manifest.load(settings.out_dir)
    fingerprint = Fingerprints()
    # The package's own code stands in for "the tool's version" even in an
    # editable install, where the version number does not change with the code.
    code = _named(PACKAGE_DIR, [p for p in tree_files(PACKAGE_DIR) if p.suffix == ".py"])
    shared = (
        _named(settings.templates_dir, tree_files(settings.templates_dir))
        + _named(FONTS_DIR, tree_files(FONTS_DIR))
        + code
    )
    toml = settings.locales_dir / "languages.toml"
    catalogs = {
        lang.tag: [(f"locales/{c.tag}", c.catalog) for c in language_chain(lang, languages)]
        + ([("locales/languages.toml", toml)] if toml.is_file() else [])
        + [("locales/messages.pot", settings.locales_dir / "messages.pot")]
        for lang in chosen
    }
    fingerprints: dict[Path, str] = {}
    stale_years: list[int] = []
    jobs: list[SheetJob] = []
    fresh: list[Path] = []
    for year in years:
        data = _named(settings.data_dir, input_files(settings.data_dir, year))
        # The same bytes read in another encoding are other data; UTF-8 files
        # are read as UTF-8 whatever --encoding says.
        read_as = "utf-8" if fingerprint.all_utf8(data) else settings.encoding
        encoding = f"encoding:{read_as}"
        json_path = indicators_path(settings.out_dir, year)
        fingerprints[json_path] = fingerprint(data + code, "indicators", encoding)
        year_stale = settings.force or not manifest.up_to_date(json_path, fingerprints[json_path])
        if not year_stale:
            fresh.append(json_path)
        for lang in chosen:
            formats: list[str] = []
            for fmt in settings.formats:
                path = sheet_path(settings.out_dir, year, lang.tag, fmt)
                fingerprints[path] = fingerprint(
                    data + shared + catalogs[lang.tag], f"sheet:{lang.tag}:{fmt}", encoding
                )
                if settings.force or not manifest.up_to_date(path, fingerprints[path]):
                    formats.append(fmt)
                else:
                    fresh.append(path)
            if formats:
                jobs.append(SheetJob(year, lang.tag, tuple(formats)))
                year_stale = True
        if year_stale:
            stale_years.append(year)
    return Plan(fingerprints, stale_years, jobs, fresh)


# --- rendering, in this process or in workers ---------------------------------

_worker: dict[str, object] = {}


def _init_worker(
    settings: BuildSettings,
    dataset: Dataset,
    languages: dict[str, Language],
    fingerprints: dict[Path, str],
) -> None:
    import gc

    _worker.update(
        settings=settings, dataset=dataset, languages=languages, fingerprints=fingerprints
    )
    # Rendering makes many short-lived objects and no cycles worth chasing:
    # full collections cost a fifth of a multi-sheet run.
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def _run_job(job: SheetJob) -> tuple[SheetJob, list[Output], dict[str, float]]:
    settings = _worker["settings"]
    dataset = _worker["dataset"]
    languages = _worker["languages"]
    fingerprints = _worker["fingerprints"]
    assert isinstance(settings, BuildSettings) and isinstance(dataset, Dataset)
    assert isinstance(languages, dict) and isinstance(fingerprints, dict)
    outputs, stages = render_job(settings, dataset, job, languages, fingerprints)
    return job, outputs, stages


def render_job(
    settings: BuildSettings,
    dataset: Dataset,
    job: SheetJob,
    languages: dict[str, Language],
    fingerprints: dict[Path, str],
) -> tuple[list[Output], dict[str, float]]:
    """The sheets of one year in one language, in memory, with the time of each stage."""
    from mocr_factsheet.charts import all_charts
    from mocr_factsheet.i18n import Translator
    from mocr_factsheet.render import render_sheet

    stages: dict[str, float] = defaultdict(float)
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[stage] += now - clock
        clock = now

    figures = dataset.indicators(job.year)
    tr = Translator.load(languages[job.language], languages)
    notes = tr.notes(dataset.years[job.year].tables.meta.notes)
    lap("count")
    charts = all_charts(figures, tr, dataset.reference)
    lap("charts")
    outputs: list[Output] = []
    for fmt in job.formats:
        path = sheet_path(settings.out_dir, job.year, job.language, fmt)
        sheet = render_sheet(
            settings.templates_dir,
            figures,
            tr,
            dataset.reference,
            charts,
            notes,
            inline_charts=fmt == "html",
        )
        lap("html")
        if fmt == "html":
            data = sheet.html.encode("utf-8")
        else:
            from mocr_factsheet.pdf import render_pdf

            data = render_pdf(sheet, str(path))
            lap("pdf")
        outputs.append(Output(path, data, fingerprints[path]))
    return outputs, dict(stages)


def _render_all(
    settings: BuildSettings,
    dataset: Dataset,
    plan: Plan,
    languages: dict[str, Language],
) -> Iterator[tuple[SheetJob, list[Output], dict[str, float]]]:
    workers = min(settings.jobs, len(plan.jobs))
    if workers <= 1:
        _init_worker(settings, dataset, languages, plan.fingerprints)
        for job in plan.jobs:
            yield _run_job(job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork")
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_pool_worker,
        initargs=(os.getpid(), settings, dataset, languages, plan.fingerprints),
    )
    try:
        futures = [pool.submit(_run_job, job) for job in plan.jobs]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:
        # Interrupted, or a problem in one job: the other jobs are not waited for.
        pool.shutdown(wait=False, cancel_futures=True)
        _stop(set(multiprocessing.active_children()) - before)
        raise
    pool.shutdown()


def _init_pool_worker(parent: int, *args: Any) -> None:
    from mocr_factsheet.interrupts import tie_to_parent

    tie_to_parent(parent)
    _init_worker(*args)


def _stop(workers: set[Any]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def _say_if_pdfs_are_slow(jobs: list[SheetJob]) -> None:
    """Once per build: without libharfbuzz-subset, PDFs are built, only slower."""
    if any("pdf" in job.formats for job in jobs):
        from mocr_factsheet.pdf import harfbuzz_subset_missing

        if harfbuzz_subset_missing():
            logging.getLogger("mocr_factsheet").warning(
                "libharfbuzz-subset is not installed, so the PDFs' fonts are subset by "
                "fontTools; installing it (apt-get install libharfbuzz-subset0) makes PDFs "
                "smaller and faster to build"
            )


def build(
    settings: BuildSettings, progress: Callable[[str, int, int], None] = lambda *_: None
) -> BuildReport:
    """Bring every asked-for output up to date; raise a UserError with every problem."""
    from mocr_factsheet.write import unwritable, write_all

    started = time.perf_counter()
    report = BuildReport()
    languages, chosen = select_languages(settings)
    years, problems = select_years(settings.data_dir, settings.years)
    if problems:
        raise UserError(problems)
    plan = plan_build(settings, languages, chosen, years)
    report.up_to_date = plan.up_to_date
    if not plan.stale_years:
        report.seconds = time.perf_counter() - started
        return report

    from mocr_factsheet.catalogs import check_catalogs
    from mocr_factsheet.export import to_json

    # Everything that would stop the build is found before any work and
    # reported at once: the data's problems, the catalogs', the output folder's.
    needed = {
        c.tag: c for job in plan.jobs for c in language_chain(languages[job.language], languages)
    }
    problems = check_catalogs(
        list(needed.values()),
        settings.templates_dir,
        Path.cwd(),
        pot=settings.locales_dir / "messages.pot",
    ) + unwritable(settings.out_dir)
    clock = time.perf_counter()
    try:
        dataset = load_dataset(
            settings.data_dir,
            plan.stale_years,
            note_bases(languages),
            settings.encoding,
            built=[lang.tag for lang in chosen],
        )
    except UserError as err:
        raise UserError([*err.problems, *problems]) from None
    if problems:
        raise UserError(problems)
    report.stages["read"] += time.perf_counter() - clock
    _say_if_pdfs_are_slow(plan.jobs)

    outputs: list[Output] = []
    for year in plan.stale_years:
        path = indicators_path(settings.out_dir, year)
        if path not in plan.up_to_date:
            data = to_json(dataset.indicators(year)).encode("utf-8")
            outputs.append(Output(path, data, plan.fingerprints[path]))
    for done, (job, job_outputs, stages) in enumerate(
        _render_all(settings, dataset, plan, languages), start=1
    ):
        outputs.extend(job_outputs)
        for stage, seconds in stages.items():
            report.stages[stage] += seconds
        progress(f"{job.year} {job.language}: {', '.join(job.formats)}", done, len(plan.jobs))

    clock = time.perf_counter()
    manifest = Manifest.load(settings.out_dir, quiet=True)  # the plan said it if damaged
    outputs.sort(key=lambda o: o.path)
    for output in outputs:
        manifest.record(output.path, output.inputs, output.data)
    # The record last: a sheet is never recorded as built unless it was. Once
    # files are being moved into place, an interrupt waits for the last one.
    with deferred_interrupts():
        write_all(
            [(o.path, o.data) for o in outputs]
            + [(settings.out_dir / MANIFEST, manifest.to_json().encode("utf-8"))]
        )
    report.built = [o.path for o in outputs]
    report.stages["write"] += time.perf_counter() - clock
    report.seconds = time.perf_counter() - started
    return report
