"""A data folder, read and checked as a whole: what every command starts from."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from mocr_factsheet.indicators import Indicators, compute_indicators
from mocr_factsheet.load import find_table_file
from mocr_factsheet.model import PreviousYear, Reference, YearTables
from mocr_factsheet.problems import Problem, UserError, sort_problems
from mocr_factsheet.validate import (
    Languages,
    find_years,
    read_previous,
    read_reference,
    read_year,
)

REFERENCE_TABLES = ("municipalities", "communities", "duties")
YEAR_TABLES = ("offices", "officers", "duties")
PREVIOUS_YEAR_TABLES = ("offices", "duties")


@dataclass(frozen=True)
class YearData:
    tables: YearTables
    previous: PreviousYear | None

    @property
    def year(self) -> int:
        return self.tables.meta.year


@dataclass(frozen=True)
class Dataset:
    reference: Reference
    years: dict[int, YearData]

    def indicators(self, year: int) -> Indicators:
        data = self.years[year]
        return compute_indicators(self.reference, data.tables, data.previous)


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
    result: dict[int, YearData] = {}
    for year in selected:
        tables, found = read_year(data_dir, year, reference, languages, encoding, built)
        problems.extend(found)
        previous, found = read_previous(data_dir, year, reference, encoding)
        problems.extend(found)
        if tables is not None:
            result[year] = YearData(tables, previous)
    if problems:
        raise UserError(sort_problems(problems))
    return Dataset(reference, result)


def input_files(data_dir: Path, year: int) -> list[Path]:
    """Every data file a sheet of ``year`` is built from (for up-to-date checks)."""
    stems = [*REFERENCE_TABLES, *(f"{year}/{t}" for t in YEAR_TABLES)]
    if (data_dir / str(year - 1)).is_dir():
        stems += [f"{year - 1}/{t}" for t in PREVIOUS_YEAR_TABLES]
    files = [data_dir / f"{year}" / "year.toml"]
    for stem in stems:
        path, _ = find_table_file(data_dir, stem)
        if path is not None:
            files.append(path)
    return sorted(files)
