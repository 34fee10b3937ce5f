"""A data folder, read and checked as a whole: what every command starts from."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from mocr_factsheet.data.model import PreviousYear, Reference, YearMeta, YearTables
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.schema import TableSchema
from mocr_factsheet.data.validate import (
    YEARS,
    Languages,
    find_years,
    read_previous,
    read_reference,
    read_year,
    read_year_meta,
)
from mocr_factsheet.problems import Problem, UserError, sort_problems

T = TypeVar("T")


class YearReader(Protocol):
    """Reads and checks a mechanism's tables of one year folder: what the
    mechanism makes of them (None where they have problems), and the problems."""

    def __call__(
        self,
        data_dir: Path,
        year: int,
        reference: Reference,
        matcher: MunicipalityMatcher,
        encoding: str | None,
    ) -> tuple[object | None, list[Problem]]: ...


Rows = list[list[str]]
# A new year's rows of a mechanism's tables, from the reference and what
# ``TableSet.read`` made of the year before (``mocr new-year``).
Scaffold = Callable[[Reference, object], list[tuple[TableSchema, Rows]]]


@dataclass(frozen=True)
class TableSet:
    """A mechanism's tables in each year folder, and how a year of them is read.

    Each kind names the table sets it reads (``Kind.table_sets``): a build
    reads only those of the kinds it builds, so a bad table of one mechanism
    never stops a build of another's pages, while a build of everything
    reads (and refuses) everything. ``read`` None: the tables are read with
    every year folder (the MOCR's, by ``validate.read_year``, with
    ``year.toml``); otherwise ``read`` gives ``YearData.parts[mechanism]``.
    """

    mechanism: str
    tables: tuple[TableSchema, ...]
    read: YearReader | None = None
    # Tables at the data folder's top that only this mechanism reads.
    reference: tuple[TableSchema, ...] = ()
    # ``new-year``'s files of its tables where the year before has them (``read``'s part).
    scaffold: Scaffold | None = None

    def stems(self, *years: int) -> tuple[tuple[int | None, str], ...]:
        """Its tables of each of ``years``, and its own reference tables, as
        ``Reads.tables`` declares them."""
        own = tuple((None, table.stem) for table in self.reference) if years else ()
        return own + tuple((y, table.stem) for y in years for table in self.tables)

    def for_next_year(self, year: int) -> tuple[tuple[int | None, str], ...]:
        """Its tables of ``year`` that the year after reads (the previous-year figures)."""
        return tuple((year, table.stem) for table in self.tables if table.read_for_next_year)


@dataclass(frozen=True)
class YearData:
    tables: YearTables
    previous: PreviousYear | None
    # What each further mechanism read of the year (``TableSet.read``), by name.
    parts: Mapping[str, object] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.tables.meta.year

    @property
    def meta(self) -> YearMeta:
        return self.tables.meta


@dataclass(frozen=True)
class Dataset:
    """The checked data of the years read.

    ``folders``: every year folder of the data folder, read or not (a
    profile's history needs all of them up to its year, the trends all).
    ``matcher``: the one the tables' names were read with (building one folds
    every name of 38 municipalities). Figures are counted on first use and
    kept (``counted``): each mechanism asks through its own functions
    (``mechanisms/mocr/counts.py``).
    """

    reference: Reference
    years: dict[int, YearData]
    matcher: MunicipalityMatcher
    folders: tuple[int, ...] = ()

    @cached_property
    def _counted(self) -> dict[Hashable, Any]:
        """Figures already counted, by function and arguments: asking again costs nothing."""
        return {}

    def counted(self, compute: Callable[..., T], *args: Hashable) -> T:
        """``compute(self, *args)``, a function of a mechanism's core over this
        dataset, counted on first use and kept (the 38 profiles of a year share
        one count; so do every command's and every page's figures)."""
        key = (compute, *args)
        if key not in self._counted:
            self._counted[key] = compute(self, *args)
        return cast("T", self._counted[key])

    def check_read(self, needed: list[int], what: str) -> None:
        """A programming error, not the user's: the caller read too few years."""
        missing = [y for y in needed if y not in self.years]
        if missing:
            raise ValueError(
                f"{what} needs every year folder up to it read; not read: "
                f"{', '.join(map(str, missing))}"
            )


def check_data_folder(data_dir: Path) -> list[Problem]:
    if data_dir.is_dir():
        return []
    message = "data folder not found (give it with --data DIR)"
    if data_dir.exists():
        message = "a file, not a data folder (give the folder with --data DIR)"
    return [Problem(str(data_dir), None, None, "missing-folder", message)]


def select_years(data_dir: Path, years: Sequence[int]) -> tuple[list[int], list[Problem]]:
    """The years asked for, or every year folder; a missing folder is a problem."""
    if missing := check_data_folder(data_dir):
        return [], missing
    available = find_years(data_dir)
    if not years:
        if not available:
            return [], [
                Problem(
                    str(data_dir),
                    None,
                    None,
                    "no-years",
                    "no year folder (like 2019/) in the data folder",
                )
            ]
        return available, _outside(available)
    problems = _outside(available) + [
        Problem(
            f"{y}/",
            None,
            None,
            "missing-year",
            f"no folder for {y}; the years are: {', '.join(map(str, available)) or 'none'}",
        )
        for y in years
        if y not in available
    ]
    return sorted(set(years)), problems


def _outside(years: Sequence[int]) -> list[Problem]:
    """The year folders named as a year the tool does not take (``YEARS``)."""
    first, last = YEARS[0], YEARS[-1]
    return [
        Problem(
            f"{y}/",
            None,
            None,
            "year-outside",
            f"the tool takes the years {first} to {last} only: rename the folder if "
            "its year is mistyped, or move it out of the data folder",
        )
        for y in years
        if y not in YEARS
    ]


def load_dataset(
    data_dir: Path,
    years: Sequence[int],
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
    table_sets: Sequence[TableSet] = (),
) -> Dataset:
    """Read and check everything the given years' pages need; raise with every problem.

    ``built``: the languages whose notes must be as many in each (all where None).
    ``table_sets``: the tables read besides every year's own (``year.toml`` and
    the MOCR's), each by its mechanism's reader.
    """
    selected, problems = select_years(data_dir, years)
    if problems:
        raise UserError(problems)
    reference, found = read_reference(data_dir, encoding)
    problems.extend(found)
    if reference is None:
        raise UserError(sort_problems(problems))
    # Built once for every table of every year (it folds every name of 38
    # municipalities: a few milliseconds each time).
    matcher = MunicipalityMatcher(reference.municipalities)
    result: dict[int, YearData] = {}
    for year in selected:  # oldest first
        tables, found = read_year(data_dir, year, reference, matcher, languages, encoding, built)
        problems.extend(found)
        previous: PreviousYear | None = None
        if year - 1 in selected:  # read in full just before: not read again
            before = result.get(year - 1)
            if before is not None:
                t = before.tables
                previous = PreviousYear(year - 1, t.offices, t.duties, t.meta.sample, t.meta)
        else:
            previous, found = read_previous(
                data_dir, year, reference, matcher, languages, encoding, built
            )
            problems.extend(found)
        parts: dict[str, object] = {}
        for table_set in table_sets:
            if table_set.read is not None:
                part, found = table_set.read(data_dir, year, reference, matcher, encoding)
                problems.extend(found)
                parts[table_set.mechanism] = part
        if tables is not None:
            result[year] = YearData(tables, previous, parts)
    if problems:
        raise UserError(sort_problems(problems))
    return Dataset(reference, result, matcher, tuple(find_years(data_dir)))


@dataclass(frozen=True)
class Reading:
    """What a build reads of the data folder: the years read and checked whole
    (``years``), those whose notes its pages print (``noted``: each language
    built must have them all), and the mechanisms' tables it reads besides
    (``table_sets``). Made by ``build/registry.py``'s ``reading`` from the
    kinds built; ``mocr validate``, ``mocr indicators`` and the build itself
    read through it (``load_reading``), so that what validates is what builds
    (CLI review: ``validate --year 2020`` passed while the 2020 profiles'
    history read a 2019 file that stopped the build)."""

    years: tuple[int, ...]
    noted: tuple[int, ...] = ()
    table_sets: tuple[TableSet, ...] = ()


def load_reading(
    data_dir: Path,
    reading: Reading,
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
) -> Dataset:
    """Every year ``reading`` names, read and checked, every problem raised at once.

    A year whose notes a page prints must have them in every language ``built``
    (all where None); a year read only for its figures (a profile's history,
    the trends) need not.
    """
    parts: list[Dataset] = []
    problems: list[Problem] = []
    history = [y for y in reading.years if y not in reading.noted]
    for wanted, languages_built in ((list(reading.noted), built), (history, [])):
        if wanted:
            try:
                parts.append(
                    load_dataset(
                        data_dir,
                        wanted,
                        languages,
                        encoding,
                        built=languages_built,
                        table_sets=reading.table_sets,
                    )
                )
            except UserError as err:
                problems.extend(err.problems)
    if problems:
        raise UserError(sort_problems(list(dict.fromkeys(problems))))
    if not parts:
        raise ValueError("a reading of no year")  # the caller's mistake, not the user's
    read = {y: data for part in parts for y, data in part.years.items()}
    return replace(parts[0], years=dict(sorted(read.items())))


def invented_comparisons(
    dataset: Dataset, data_dir: Path, languages: Languages, encoding: str | None = None
) -> list[str]:
    """A warning for each real year read (``sample = false``) whose pages compare it
    with invented sample years: the sheet's previous-year figures, the profiles'
    history and the trends read every earlier year folder (docs/data-format.md,
    "Starting from your own data")."""
    sample: dict[int, bool] = {}
    for year in dataset.folders:
        if year in dataset.years:
            sample[year] = dataset.years[year].meta.sample
        else:  # a folder not read: its flag alone (its problems are not this command's)
            meta, _ = read_year_meta(data_dir, year, languages, encoding)
            if meta is not None:
                sample[year] = meta.sample
    warnings: list[str] = []
    for year, data in dataset.years.items():
        invented = [y for y in dataset.folders if y < year and sample.get(y)]
        if not data.meta.sample and invented:
            shown = ", ".join(map(str, invented))
            warnings.append(
                f"{year} is real data (sample = false), but its pages compare it with "
                f"invented sample year{'s' if len(invented) > 1 else ''} {shown} (the "
                "previous-year figures, the profiles' history, the trends): remove "
                f"{'those folders' if len(invented) > 1 else 'that folder'} or fill "
                f"{'them' if len(invented) > 1 else 'it'} with real data "
                "(docs/data-format.md, 'Starting from your own data')"
            )
    return warnings


def years_up_to(data_dir: Path, year: int) -> list[int]:
    """Every year folder before ``year``, and ``year`` (reported if it has no folder)."""
    return [*(y for y in find_years(data_dir) if y < year), year]
