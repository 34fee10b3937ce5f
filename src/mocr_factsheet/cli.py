"""The ``mocr`` command: a thin skin over the package.

Each command builds its settings, calls one function, and turns a
``UserError`` into its problem lines on stderr and exit status 1.
"""

from __future__ import annotations

import inspect
import io
import logging
import os
import re
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

# The click that typer carries (typer/_click): a parameter type must be its own
# class for typer to use it as it is (another click's is wrapped, its help lost).
from typer._click import Context as ClickContext
from typer._click import Parameter as ClickParameter
from typer._click import types as click_types

from mocr_factsheet import __version__
from mocr_factsheet.build.registry import KINDS
from mocr_factsheet.data.validate import YEARS
from mocr_factsheet.problems import MAX_MESSAGE, Problem, UserError, printable, report_lines
from mocr_factsheet.render.kind import Kind

if TYPE_CHECKING:
    from mocr_factsheet.build.run import Plan
    from mocr_factsheet.data.names import MunicipalityMatcher
    from mocr_factsheet.settings import BuildSettings

app = typer.Typer(
    name="mocr",
    help="Factsheets on Kosovo's Municipal Offices for Communities and Return (MOCRs).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
locales_app = typer.Typer(help="Check the translation catalogs.", no_args_is_help=True)
app.add_typer(locales_app, name="locales")


class IndicatorFormat(StrEnum):
    json = "json"
    csv = "csv"
    table = "table"


class SheetFormat(StrEnum):
    html = "html"
    pdf = "pdf"


# --kind's choices: the registry's kinds (Typer offers an Enum's values).
if TYPE_CHECKING:
    PageKind = StrEnum
else:
    PageKind = StrEnum("PageKind", [(name, name) for name in KINDS])


def _prints_figures(kind: Kind) -> bool:
    """Whether ``mocr indicators`` prints the kind's figures (it has a year's figures)."""
    return type(kind).figures is not Kind.figures and "year" in kind.limited_by


# --kind's choices of mocr indicators: the kinds with a year's figures.
if TYPE_CHECKING:
    FiguresKind = StrEnum
else:
    FiguresKind = StrEnum(
        "FiguresKind", [(k.name, k.name) for k in KINDS.values() if _prints_figures(k)]
    )


def _listed(kinds: Iterable[Kind]) -> str:
    """``sheet (the year's factsheet), … or site (the front pages)``."""
    named = [f"{kind.name} ({kind.summary})" for kind in kinds]
    return f"{', '.join(named[:-1])} or {named[-1]}" if len(named) > 1 else named[0]


def _kind_help() -> str:
    """mocr build's --kind help, from the registry: each kind's name and what it is."""
    listed = _listed(KINDS.values())
    return f"{listed} (repeatable); default: every kind that --year and --municipality apply to."


def _data_folder(value: Path) -> Path:
    """A data folder as the command line gives it: a file, or one of its year
    folders, is a mistake of the command line (status 2, as every other),
    said in plain words; a folder that does not exist is the data's problem."""
    from mocr_factsheet.data.validate import YEAR_FOLDER, find_years

    if value.exists() and not value.is_dir():
        raise typer.BadParameter(
            f"'{_shown(str(value))}' is a file, not a data folder: give the folder that holds "
            "the year folders (2019/, 2020/…) and municipalities.csv"
        )
    if YEAR_FOLDER.fullmatch(value.name) and value.is_dir() and not find_years(value):
        parent = value.parent if value.parent != Path() else Path()
        raise typer.BadParameter(
            f"'{_shown(str(value))}' is a year folder: give the data folder that holds it, "
            f"{_typed(str(parent))}"
        )
    return value


def _years() -> str:
    return f"{YEARS[0]} to {YEARS[-1]}"


class _YearType(click_types.ParamType):
    """A year argument, shown in --help as the years it takes (not ``<int>``)."""

    name = "year"

    def get_metavar(self, param: ClickParameter, ctx: ClickContext) -> str:
        return f"{YEARS[0]}-{YEARS[-1]}"

    def convert(self, value: object, param: ClickParameter | None, ctx: ClickContext | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()) or int(text) not in YEARS:
            self.fail(f"'{_shown(text)}' is not a year the tool takes: give one from {_years()}")
        return int(text)


class _FolderType(click_types.ParamType):
    """A folder argument, shown in --help as one (not ``<path>``)."""

    name = "folder"

    def get_metavar(self, param: ClickParameter, ctx: ClickContext) -> str:
        return "folder"

    def convert(
        self, value: object, param: ClickParameter | None, ctx: ClickContext | None
    ) -> Path:
        return value if isinstance(value, Path) else Path(str(value))


YearsOption = Annotated[
    list[int] | None,
    typer.Option("--year", help="A year (repeatable); default: every year.", metavar="YEAR"),
]
DataOption = Annotated[
    Path,
    typer.Option("--data", help="The data folder.", metavar="DIR", callback=_data_folder),
]


def _shown(value: str) -> str:
    """A command-line value as a message echoes it: control characters and escape
    codes escaped, cut to a line (a value is never printed raw to the terminal)."""
    return printable(value, 200)


def _typed(value: str) -> str:
    """A path as one would type it in a command: in double quotes where it holds a
    space or a character a shell reads (the same in PowerShell, cmd and POSIX shells),
    so that the line printed can be pasted as it is."""
    shown = _shown(value)
    return shown if re.fullmatch(r"[\w./\\:~+-]+", shown) else f'"{shown}"'


def _known_encoding(value: str | None) -> str | None:
    """A text encoding that decodes: Python knows ``undefined`` (always fails),
    ``rot13`` and ``base64`` (not text encodings) too; each is one line, exit 2."""
    if value is None:
        return value
    import codecs

    try:
        info = codecs.lookup(value)  # one name for each: windows-1250 → cp1250
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise typer.BadParameter(f"unknown encoding '{_shown(value)}' (try cp1250)") from None
    try:
        usable = getattr(info, "_is_text_encoding", True) and "abc".encode(info.name).decode(
            info.name
        )
    except Exception:  # whatever the codec raises, it cannot read the data
        usable = False
    if not usable:
        raise typer.BadParameter(
            f"'{_shown(value)}' is not a text encoding that can read a file (try cp1250)"
        )
    return info.name


EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        callback=_known_encoding,
        metavar="ENC",
        help="Read files that are not UTF-8 in this encoding "
        "(cp1250 is what Excel in the region writes).",
    ),
]


class _Notices(logging.Handler):
    """The package's warnings (a damaged build record, a missing optional
    library): one plain line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(f"warning: {printable(record.getMessage(), MAX_MESSAGE)}", err=True)


@contextmanager
def reporting_problems() -> Iterator[None]:
    """Print every problem of a UserError, one per line, and exit 1; the
    package's warnings meanwhile as one line each."""
    logger = logging.getLogger("mocr_factsheet")
    notices = _Notices(logging.WARNING)
    logger.addHandler(notices)
    previous = logger.propagate
    logger.propagate = False
    try:
        yield
    except UserError as err:
        for line in report_lines(err.problems, err.lead):
            typer.echo(line, err=True)
        raise typer.Exit(1) from None
    finally:
        logger.removeHandler(notices)
        logger.propagate = previous


@contextmanager
def _reporting_interrupts() -> Iterator[None]:
    """Ctrl-C or SIGTERM: one line saying what was written, and the exit status
    a shell gives a process the signal ended (130, 143)."""
    from mocr_factsheet.build.interrupts import Interrupted, sigterm_as_interrupt

    try:
        with sigterm_as_interrupt():
            yield
    except KeyboardInterrupt as err:
        stop = err if isinstance(err, Interrupted) else Interrupted(signal.SIGINT)
        name = "Ctrl-C" if stop.signum == signal.SIGINT else signal.Signals(stop.signum).name
        if stop.written:
            said = "the outputs being written were all put in place first"
        else:
            said = "nothing was written: every output is as it was"
            if stop.kept:
                said += (
                    f"; the {stop.kept} outputs it finished are kept, and the next build "
                    "reuses them"
                )
        typer.echo(f"interrupted ({name}); {said}.", err=True)
        raise typer.Exit(stop.exit_code) from None


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on a terminal; elsewhere (CI logs) one plain line per sheet."""
    if not sys.stderr.isatty():
        yield lambda line, done, total: typer.echo(f"[{done}/{total}] {line}", err=True)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("building", total=None)

        def advance(line: str, done: int, total: int) -> None:
            bar.update(task, description=line, completed=done, total=total)

        yield advance


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mocr {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Factsheets on Kosovo's Municipal Offices for Communities and Return (MOCRs)."""


def _languages(locales_dir: Path) -> dict[str, str | None]:
    """Every language, with the one whose notes it borrows (see ``note_bases``)."""
    from mocr_factsheet.i18n.languages import discover_languages, note_bases

    return note_bases(discover_languages(locales_dir))


def _locales_dir() -> Path:
    from mocr_factsheet.resources import resource_dir

    override = os.environ.get("MOCR_LOCALES")
    return Path(override) if override else resource_dir("locales")


def _templates_dir() -> Path:
    from mocr_factsheet.resources import resource_dir

    override = os.environ.get("MOCR_TEMPLATES")
    return Path(override) if override else resource_dir("templates")


def _check_languages(asked: list[str] | None, available: list[str]) -> tuple[str, ...]:
    """The asked-for tags as the catalogs spell them (``SQ``, ``sr_cyrl`` → ``sq``, ``sr-Cyrl``)."""
    spelled = {tag.casefold(): tag for tag in available}
    chosen: list[str] = []
    for tag in asked or ():
        found = spelled.get(tag.replace("_", "-").casefold())
        if found is None:
            raise typer.BadParameter(
                f"unknown language '{_shown(tag)}'; the languages are: {', '.join(available)}",
                param_hint="--lang",
            )
        chosen.append(found)
    return tuple(dict.fromkeys(chosen))


def _check_municipalities(asked: list[str] | None, settings: BuildSettings) -> tuple[str, ...]:
    """The codes of the asked-for municipalities, each named as a data cell may name it,
    matched against the checked reference tables (their problems, if any, first)."""
    if not asked:
        return ()
    from mocr_factsheet.build.run import municipality_matcher

    with reporting_problems():
        matcher = municipality_matcher(settings)
    return tuple(dict.fromkeys(_municipality_code(name, matcher) for name in asked))


@app.command()
def validate(
    year: YearsOption = None,
    data: DataOption = Path("data"),
    encoding: EncodingOption = None,
) -> None:
    """Check everything a build would read; report every problem, one per line."""
    from mocr_factsheet.build.run import validate as check_all
    from mocr_factsheet.data.dataset import invented_comparisons

    locales_dir = _locales_dir()
    languages = _languages(locales_dir)
    with reporting_problems():
        dataset = check_all(data, year or [], locales_dir, encoding)
    for warning in invented_comparisons(dataset, data, languages, encoding):
        typer.echo(f"warning: {printable(warning, MAX_MESSAGE)}", err=True)
    asked = sorted(set(year)) if year else list(dataset.years)
    also = [y for y in dataset.years if y not in asked]
    # A build of the years asked for reads earlier ones whole (the profiles'
    # history): checked too, and said so.
    besides = (
        f" (nor in {', '.join(map(str, also))}, which a build of "
        f"{', '.join(map(str, asked))} reads)"
        if also
        else ""
    )
    typer.echo(f"{_shown(str(data))}: {', '.join(map(str, asked))}: no problems found{besides}.")


# The options `build` and `serve` share.
LangsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--lang",
        help="A language: en, sq, sr (Latin), sr-Cyrl (repeatable); default: all.",
        metavar="LANG",
    ),
]
SheetFormatsOption = Annotated[
    list[SheetFormat] | None,
    typer.Option("--format", help="html or pdf (repeatable); default: both.", metavar="html|pdf"),
]
OutOption = Annotated[
    Path, typer.Option("--out", help="The output folder.", file_okay=False, metavar="DIR")
]


def _worker_count(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(
            f"{value} workers cannot build anything: give 1 or more (by default, the "
            "machine's cores)"
        )
    return value


JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        callback=_worker_count,
        help="Worker processes; default: the machine's cores.",
        metavar="N",
    ),
]

FormatOption = Annotated[
    IndicatorFormat,
    typer.Option("--format", help="json, csv or a table for reading.", metavar="json|csv|table"),
]


@app.command()
def indicators(
    year: Annotated[int, typer.Option("--year", help="The year.", metavar="YEAR")],
    municipality: Annotated[
        str | None,
        typer.Option(
            "--municipality",
            help="Print this municipality's profile instead (a code or any of its names).",
            metavar="M",
        ),
    ] = None,
    data: DataOption = Path("data"),
    format: FormatOption = IndicatorFormat.table,
    encoding: EncodingOption = None,
    kind: Annotated[
        FiguresKind | None,
        typer.Option(
            "--kind",
            help="Whose figures to print: "
            + _listed(KINDS[k.value] for k in FiguresKind)
            + "; default: the one --municipality applies to where it is given, else the year's.",
            metavar="|".join(k.value for k in FiguresKind),
        ),
    ] = None,
) -> None:
    """Print one year's indicators (the figures its sheets show), or one municipality's profile."""
    from mocr_factsheet.build.registry import reading
    from mocr_factsheet.core.export import to_csv, to_json
    from mocr_factsheet.data.dataset import load_reading
    from mocr_factsheet.data.validate import find_years
    from mocr_factsheet.render.kind import Job, Scope

    chosen = _figures_kind(kind, municipality is not None)
    # What the kind's page of the year is built from, as the build reads it: a
    # profile's history goes back to the first year folder, a sheet reads its year.
    folders = tuple(sorted({*find_years(data), year}))
    if year in find_years(data) and (reason := chosen.unavailable(data, year)) is not None:
        with reporting_problems():  # not a file missing: the year has no such data
            raise UserError([Problem(f"{year}/", None, None, "no-data", reason)])
    scope = Scope((year,), folders, (), (), (), data)
    read = reading([(chosen, Job(chosen.name, year))], scope)
    with reporting_problems():
        dataset = load_reading(data, read, _languages(_locales_dir()), encoding)
        code = None if municipality is None else _municipality_code(municipality, dataset.matcher)
        # A kind whose tables only some years have says so as a problem.
        figures = chosen.figures(dataset, Job(chosen.name, year, None, code))
    assert figures is not None
    show = {"json": to_json, "csv": to_csv, "table": chosen.figures_table}[format.value]
    sys.stdout.write(show(figures))


def _figures_kind(asked: StrEnum | None, municipality: bool) -> Kind:
    """The kind ``mocr indicators`` prints: the one asked for, or the first whose
    figures are per municipality where --municipality is given, per year otherwise."""
    if asked is not None:
        chosen = KINDS[asked.value]
        if ("municipality" in chosen.limited_by) != municipality:
            needs = "needs" if "municipality" in chosen.limited_by else "does not take"
            raise typer.BadParameter(
                f"--kind {chosen.name} {needs} --municipality", param_hint="--kind"
            )
        return chosen
    return next(
        k
        for k in KINDS.values()
        if _prints_figures(k) and ("municipality" in k.limited_by) == municipality
    )


def _municipality_code(cell: str, matcher: MunicipalityMatcher) -> str:
    """The code of the municipality ``--municipality cell`` names, matched as in data cells."""
    code = matcher.match(cell)
    if code is None:
        raise typer.BadParameter(
            f"unknown municipality '{_shown(cell)}'; {matcher.hint(cell)}",
            param_hint="--municipality",
        )
    return code


@app.command()
def trends(
    data: DataOption = Path("data"),
    format: FormatOption = IndicatorFormat.table,
    encoding: EncodingOption = None,
) -> None:
    """Print every year's figures side by side (trends.json)."""
    from mocr_factsheet.build.registry import table_sets
    from mocr_factsheet.core.export import to_csv, to_json
    from mocr_factsheet.data.dataset import load_dataset
    from mocr_factsheet.render.kind import Job

    shown = KINDS["trends"]  # the command prints the trends kind's figures
    with reporting_problems():
        dataset = load_dataset(
            data, [], _languages(_locales_dir()), encoding, table_sets=table_sets([shown])
        )
    figures = shown.figures(dataset, Job(shown.name))
    assert figures is not None
    show = {"json": to_json, "csv": to_csv, "table": shown.figures_table}[format.value]
    sys.stdout.write(show(figures))


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    old: Annotated[
        Path,
        typer.Argument(
            help="The data folder before, e.g. the published commit's.",
            metavar="OLD",
            click_type=_FolderType(),
            callback=_data_folder,
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(
            help="The data folder after, e.g. ./data.",
            metavar="NEW",
            click_type=_FolderType(),
            callback=_data_folder,
        ),
    ],
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            help="text for a terminal, markdown for a CI job summary, json for scripts.",
            metavar="text|markdown|json",
        ),
    ] = DiffFormat.text,
    encoding: EncodingOption = None,
) -> None:
    """Show what changed between two data folders: figures first, then the data rows.

    Exits 0 whether or not anything changed, 1 when either folder does not validate.
    """
    from mocr_factsheet.diff import diff_folders, to_json, to_markdown, to_text

    with reporting_problems():
        changes = diff_folders(old, new, _languages(_locales_dir()), encoding)
    if format is DiffFormat.markdown:
        sys.stdout.write(to_markdown(changes))
    elif format is DiffFormat.json:
        sys.stdout.write(to_json(changes))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(to_text(changes, colour=colour))


class ScaffoldFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@app.command("new-year")
def new_year(
    year: Annotated[
        int,
        typer.Argument(
            help="The year to prepare, e.g. 2020.", metavar="YEAR", click_type=_YearType()
        ),
    ],
    data: DataOption = Path("data"),
    format: Annotated[
        ScaffoldFormat,
        typer.Option(
            "--format",
            help="csv files, or xlsx workbooks with a drop-down list in every column "
            "that takes only some values.",
            metavar="csv|xlsx",
        ),
    ] = ScaffoldFormat.csv,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="The language of the workbooks' messages: en, sq, sr (Latin), sr-Cyrl.",
            metavar="LANG",
        ),
    ] = "en",
    empty: Annotated[
        bool,
        typer.Option(
            "--empty",
            help="Carry nothing over: every status and officer to fill in "
            "(real data started beside the invented sample years).",
        ),
    ] = False,
    encoding: EncodingOption = None,
) -> None:
    """Write data/<year>/ ready to fill in, carrying over the previous year's statuses."""
    from mocr_factsheet.build.write import write_all
    from mocr_factsheet.entry.scaffold import scaffold_year

    if year not in YEARS:
        raise typer.BadParameter(
            f"{year} is not a year the tool takes: give one from {_years()}", param_hint="YEAR"
        )
    from mocr_factsheet.i18n.languages import discover_languages, note_bases

    with reporting_problems():
        languages = discover_languages(_locales_dir())
    (tag,) = _check_languages([lang], list(languages))
    with reporting_problems():
        scaffold = scaffold_year(
            data, year, note_bases(languages), carry_over=not empty, encoding=encoding
        )
        if format is ScaffoldFormat.xlsx:
            from mocr_factsheet.i18n.translator import Translator

            files = scaffold.as_workbooks(Translator.load(languages[tag], languages))
        else:
            files = scaffold.as_csv()
        write_all(list(files.items()))
    for path in files:
        typer.echo(f"wrote {_shown(str(path))}")
    typer.echo(f"Fill these in, then run: mocr validate --year {year} --data {_typed(str(data))}")


@app.command()
def build(
    year: YearsOption = None,
    lang: LangsOption = None,
    format: SheetFormatsOption = None,
    data: DataOption = Path("data"),
    out: OutOption = Path("out"),
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even what is up to date.")
    ] = False,
    jobs: JobsOption = None,
    encoding: EncodingOption = None,
    kind: Annotated[
        list[PageKind] | None,
        typer.Option(
            "--kind",
            help=_kind_help(),
            metavar="KIND",
        ),
    ] = None,
    municipality: Annotated[
        list[str] | None,
        typer.Option(
            "--municipality",
            help="A municipality, by code or any of its names, as in the data (repeatable); "
            "limits the profiles to these.",
            metavar="M",
        ),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait",
            help="If another build is writing in the output folder, wait for it to finish "
            "(default: stop with a message).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="List what would be rebuilt, each with the input that changed, and what "
            "would be removed; write nothing.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --dry-run: print the list as JSON, for scripts.")
    ] = False,
) -> None:
    """Build the publication: every year's factsheet, the municipalities' profiles, the year's
    booklet of both, the trends and the front pages, in HTML and PDF (out/<year>/, out/trends/,
    out/index.html).

    --year limits the build to that year's pages and files, --municipality to those
    municipalities' profiles; what covers every year (the trends, the front pages) is
    left as it is, unless --kind asks for it.
    """
    from mocr_factsheet.build.run import build as run_build
    from mocr_factsheet.settings import FORMATS, BuildSettings

    _check_out(out, data)
    locales_dir = _locales_dir()
    with reporting_problems():
        available = list(_languages(locales_dir))
    languages = _check_languages(lang, available)
    settings = BuildSettings(
        data_dir=data,
        out_dir=out,
        years=tuple(year or ()),
        languages=languages,
        formats=tuple(dict.fromkeys(f.value for f in format)) if format else FORMATS,
        force=force,
        jobs=jobs or os.cpu_count() or 1,
        encoding=encoding,
        templates_dir=_templates_dir(),
        locales_dir=locales_dir,
        kinds=tuple(dict.fromkeys(k.value for k in kind or ())),
    )
    codes = _check_municipalities(municipality, settings)
    settings = replace(settings, municipalities=codes)
    from mocr_factsheet.build.run import not_made

    for line in not_made(settings):
        typer.echo(printable(line, MAX_MESSAGE), err=True)
    if dry_run:
        from mocr_factsheet.build.run import dry_run as plan_only

        with reporting_problems():
            plan = plan_only(settings)
        _print_plan(plan, out, as_json=as_json)
        return
    if as_json:
        raise typer.BadParameter(
            "--json goes with --dry-run: mocr build --dry-run --json", param_hint="--json"
        )

    def waiting(line: str) -> None:
        typer.echo(printable(line, MAX_MESSAGE), err=True)

    with reporting_problems(), _reporting_interrupts(), _progress() as progress:
        report = run_build(settings, progress=progress, wait=wait, waiting=waiting)
    for path in report.removed:
        typer.echo(f"removed {printable(str(path))} (no input makes it any more)")
    typer.echo(report.summary())


def _print_plan(plan: Plan, out: Path, *, as_json: bool) -> None:
    """``build --dry-run``: each output to rebuild and why, and each to remove."""
    import json

    def name(path: Path) -> str:
        return path.relative_to(out).as_posix()

    if as_json:
        document = {
            "rebuild": [
                {
                    "output": name(path),
                    "reason": reason.code,
                    "inputs": list(reason.inputs),
                    "reused": path in plan.kept,
                }
                for path, reason in plan.reasons.items()
            ],
            "remove": [name(path) for path in plan.removed],
            "up_to_date": len(plan.up_to_date),
        }
        typer.echo(json.dumps(document, indent=1, ensure_ascii=False))
        return
    for path, reason in plan.reasons.items():
        kept = " (finished by an earlier build that stopped: reused)" if path in plan.kept else ""
        typer.echo(printable(f"{name(path)}: {reason}{kept}", MAX_MESSAGE))
    for path in plan.removed:
        typer.echo(printable(f"{name(path)}: no input makes it any more (would be removed)"))
    typer.echo(
        f"{len(plan.reasons)} to rebuild, {len(plan.removed)} to remove, "
        f"{len(plan.up_to_date)} up to date; nothing was written."
    )


def _check_out(out: Path, data: Path) -> None:
    """The output folder may be neither the data folder nor inside it: the build
    would write pages among the data (and a data folder holding ``out/`` is read
    back as data)."""
    where, data_dir = out.resolve(), data.resolve()
    if where == data_dir or data_dir in where.parents:
        what = "the data folder" if where == data_dir else "inside the data folder"
        raise typer.BadParameter(
            f"'{_shown(str(out))}' is {what} '{_shown(str(data))}'; "
            "write the publication elsewhere (the default is out/)",
            param_hint="--out",
        )


def _port_number(value: int) -> int:
    if not 0 <= value <= 65535:
        raise typer.BadParameter(
            f"{value} is not a port: give one from 1024 to 65535, or leave --port out "
            "for a free one"
        )
    return value


@app.command()
def serve(
    data: DataOption = Path("data"),
    out: OutOption = Path("out"),
    port: Annotated[
        int,
        typer.Option(
            "--port",
            callback=_port_number,
            help="The port; default: a free one, printed.",
            metavar="PORT",
            show_default=False,
        ),
    ] = 0,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="The address to listen on; default 127.0.0.1 (this computer only). "
            "Another address shows the publication to the network.",
            metavar="ADDR",
            show_default=False,
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the front page in the web browser.")
    ] = False,
    lang: LangsOption = None,
    format: SheetFormatsOption = None,
    jobs: JobsOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Preview the publication: serve the output folder on this computer and, after each save in
    the data folder (or the templates and catalogs), validate, rebuild what changed (the pages
    open in the browser first, HTML before PDF) and reload the open pages by themselves. While
    the data has problems, they show over the last good page, one FILE:ROW:COLUMN line each.

    It builds as mocr build does, into the same output folder, which holds no trace of it: the
    reload script is added to the pages as they are served. Ctrl-C stops it.
    """
    from mocr_factsheet.build.interrupts import sigterm_as_interrupt
    from mocr_factsheet.serve import CannotListenError, StoppedWhileBuildingError
    from mocr_factsheet.serve import serve as run_serve
    from mocr_factsheet.settings import FORMATS, BuildSettings

    _check_out(out, data)
    locales_dir = _locales_dir()
    with reporting_problems():
        available = list(_languages(locales_dir))
    settings = BuildSettings(
        data_dir=data,
        out_dir=out,
        years=(),
        languages=_check_languages(lang, available),
        formats=tuple(dict.fromkeys(f.value for f in format)) if format else FORMATS,
        force=False,
        jobs=jobs or os.cpu_count() or 1,
        encoding=encoding,
        templates_dir=_templates_dir(),
        locales_dir=locales_dir,
    )
    try:
        with reporting_problems(), sigterm_as_interrupt():
            try:
                run_serve(
                    settings,
                    host,
                    port,
                    open_browser=open_browser,
                    say=typer.echo,
                    complain=lambda line: typer.echo(line, err=True),
                )
            except CannotListenError as err:  # the address or port given: the command line's
                raise typer.BadParameter(err.reason, param_hint=err.option) from None
    except StoppedWhileBuildingError as stop:
        # Not "stopped." alone: the folder is not what the data says (serve review).
        name = "Ctrl-C" if stop.signum == signal.SIGINT else signal.Signals(stop.signum).name
        folder = _shown(str(out))
        if stop.behind is None:
            behind = f"{folder} may not be up to date"
        else:
            files = "file" if stop.behind == 1 else "files"
            behind = f"{stop.behind:,} {files} of {folder} are not up to date"
        kept = f" (the {stop.kept:,} it finished are kept)" if stop.kept else ""
        typer.echo(
            f"stopped ({name}) while rebuilding: {behind}{kept}. "
            "Run mocr build (or mocr serve) to finish them before sharing the folder.",
            err=True,
        )
        raise typer.Exit(stop.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("stopped.")


@locales_app.command("check")
def locales_check() -> None:
    """Check every catalog: all translated, nothing fuzzy, placeholders and plurals right."""
    from mocr_factsheet.i18n.catalogs import check_catalogs
    from mocr_factsheet.i18n.languages import discover_languages

    locales_dir = _locales_dir()
    with reporting_problems():
        languages = discover_languages(locales_dir)
        problems = check_catalogs(list(languages.values()), _templates_dir(), Path.cwd())
        if problems:
            raise UserError(problems)
    typer.echo(f"{len(languages)} catalogs checked ({', '.join(languages)}): no problems found.")


def _one_line_paragraphs(doc: str) -> str:
    """``doc``'s paragraphs each on one line. Typer joins the lines of a command's
    first paragraph but keeps the line breaks of the others, which the terminal
    then breaks again mid-sentence ("to those" / "municipalities' profiles")."""
    return "\n\n".join(" ".join(part.split()) for part in inspect.cleandoc(doc).split("\n\n"))


for _commands in (app, locales_app):
    for _command in _commands.registered_commands:
        if _command.help is None and _command.callback is not None and _command.callback.__doc__:
            _command.help = _one_line_paragraphs(_command.callback.__doc__)


def _utf8_when_redirected() -> None:
    """Output to a file or a pipe in UTF-8, whatever the system's code page: on
    Windows, ``mocr diff old new > changes.txt`` wrote cp1252 and ended in a
    traceback at the first '→' or 'ë' (CLI review). A terminal keeps its own
    encoding, with what it cannot show replaced rather than failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8")


def main() -> None:
    """The console script. After a build, skip the interpreter's slow tear-down.

    Freeing matplotlib's and pandas' objects one by one at exit costs about
    0.3 s, a seventh of building one sheet; every output is already written and
    closed by then, so the process may end at once.
    """
    _utf8_when_redirected()
    try:
        app()
    except SystemExit as done:
        if "typst" not in sys.modules and "matplotlib" not in sys.modules:
            raise
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
