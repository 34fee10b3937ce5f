"""The Communities Committees' data of some years, read and checked as a whole.

What the ``committees`` kind and the tests start from: the reference tables,
``residing.csv`` and each year's ``year.toml`` and two committee tables,
every problem raised at once (``UserError``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from mocr_factsheet.data.model import Reference
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.validate import Languages, read_reference, read_year_meta
from mocr_factsheet.mechanisms.committees.model import CommitteeYear, Residing
from mocr_factsheet.mechanisms.committees.read import read_committee_year, read_residing
from mocr_factsheet.mechanisms.committees.records import CommitteeFigures
from mocr_factsheet.problems import Problem, UserError, sort_problems


@dataclass(frozen=True)
class CommitteeData:
    reference: Reference
    residing: tuple[Residing, ...]
    years: dict[int, CommitteeYear]

    def figures(self, year: int) -> CommitteeFigures:
        from mocr_factsheet.mechanisms.committees.figures import committee_figures

        return committee_figures(self.reference, self.years[year], self.residing)


def read_committee_data(
    data_dir: Path,
    years: Sequence[int],
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
    reference: Reference | None = None,
    matcher: MunicipalityMatcher | None = None,
) -> tuple[CommitteeData | None, list[Problem]]:
    """``years``' committee data (each must have ``committees.csv``), with every problem."""
    problems: list[Problem] = []
    if reference is None:
        reference, found = read_reference(data_dir, encoding)
        problems.extend(found)
        if reference is None:
            return None, problems
    matcher = matcher or MunicipalityMatcher(reference.municipalities)
    residing, found = read_residing(data_dir, reference, matcher, encoding)
    problems.extend(found)
    result: dict[int, CommitteeYear] = {}
    for year in sorted(set(years)):
        meta, found = read_year_meta(data_dir, year, languages, encoding, built)
        problems.extend(found)
        if meta is None:
            continue
        tables, found = read_committee_year(data_dir, meta, reference, matcher, encoding)
        problems.extend(found)
        if tables is not None:
            result[year] = tables
    if problems or residing is None:
        return None, sort_problems(problems)
    return CommitteeData(reference, residing, result), []


def load_committee_data(
    data_dir: Path,
    years: Sequence[int],
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
) -> CommitteeData:
    """``read_committee_data``, raising every problem at once."""
    data, problems = read_committee_data(data_dir, years, languages, encoding, built)
    if data is None:
        raise UserError(problems)
    return data
