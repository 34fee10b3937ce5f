"""A data folder, read and checked as a whole: what every command starts from."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from mocr_factsheet.data.load import find_table_file
from mocr_factsheet.data.model import PreviousYear, Reference, YearTables
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.schema import REFERENCE_TABLES, YEAR_TABLES
from mocr_factsheet.data.validate import (
    Languages,
    find_years,
    read_previous,
    read_reference,
    read_year,
)
from mocr_factsheet.problems import Problem, UserError, sort_problems

T = TypeVar("T")


@dataclass(frozen=True)
class YearData:
    tables: YearTables
    previous: PreviousYear | None

    @property
    def year(self) -> int:
        return self.tables.meta.year


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
        return available, []
    problems = [
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


def load_dataset(
    data_dir: Path,
    years: Sequence[int],
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
) -> Dataset:
    """Read and check everything the given years' sheets need; raise with every problem.

    ``built``: the languages whose notes must be as many in each (all where None).
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
                previous = PreviousYear(year - 1, t.offices, t.duties)
        else:
            previous, found = read_previous(data_dir, year, reference, matcher, encoding)
            problems.extend(found)
        if tables is not None:
            result[year] = YearData(tables, previous)
    if problems:
        raise UserError(sort_problems(problems))
    return Dataset(reference, result, matcher, tuple(find_years(data_dir)))


def input_files(data_dir: Path, year: int) -> list[Path]:
    """Every data file a sheet of ``year`` is built from (for up-to-date checks)."""
    stems = [t.path() for t in REFERENCE_TABLES] + [t.path(year) for t in YEAR_TABLES]
    if (data_dir / str(year - 1)).is_dir():
        stems += [t.path(year - 1) for t in YEAR_TABLES if t.read_for_next_year]
    files = [data_dir / f"{year}" / "year.toml"]
    for stem in stems:
        path, _ = find_table_file(data_dir, stem)
        if path is not None:
            files.append(path)
    return sorted(files)


def years_up_to(data_dir: Path, year: int) -> list[int]:
    """Every year folder before ``year``, and ``year`` (reported if it has no folder)."""
    return [*(y for y in find_years(data_dir) if y < year), year]
