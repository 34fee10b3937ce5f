"""The Communities Committees' data of some years, read and checked as a whole.

What the ``committees`` kind counts from (``year_figures``: the part of the
project's ``Dataset`` its ``TableSet`` read), and what the tests start from
(``read_committee_data``: the reference tables, each year's ``year.toml`` and
the mechanism's own tables, nothing of the MOCR's; every problem at once).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mocr_factsheet.data.model import Reference
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.validate import Languages, read_reference, read_year_meta
from mocr_factsheet.mechanisms.committees.model import CommitteeInput, CommitteeYear, Residing
from mocr_factsheet.mechanisms.committees.records import CommitteeFigures
from mocr_factsheet.mechanisms.committees.schema import COMMITTEE_TABLES, read_committees
from mocr_factsheet.problems import Problem, UserError, sort_problems

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset


@dataclass(frozen=True)
class CommitteeData:
    reference: Reference
    residing: tuple[Residing, ...]
    years: dict[int, CommitteeYear]

    def figures(self, year: int) -> CommitteeFigures:
        from mocr_factsheet.mechanisms.committees.figures import committee_figures

        return committee_figures(self.reference, self.years[year], self.residing)


def part(dataset: Dataset, year: int) -> CommitteeInput | None:
    """What the mechanism read of ``year`` (None: the year has no committee data)."""
    data = dataset.years[year].parts.get(COMMITTEE_TABLES.mechanism)
    return data if isinstance(data, CommitteeInput) else None


def year_figures(dataset: Dataset, year: int) -> CommitteeFigures:
    """``year``'s figures from the dataset (count through ``Dataset.counted``)."""
    from mocr_factsheet.mechanisms.committees.figures import committee_figures

    found = part(dataset, year)
    if found is None:
        raise ValueError(f"{year} has no committee data read")
    meta = dataset.years[year].meta
    committees = CommitteeYear(meta, found.committees, found.members)
    return committee_figures(dataset.reference, committees, found.residing)


def read_committee_data(
    data_dir: Path,
    years: Sequence[int],
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
) -> tuple[CommitteeData | None, list[Problem]]:
    """``years``' committee data (each must have ``committees.csv``), with every problem."""
    problems: list[Problem] = []
    reference, found = read_reference(data_dir, encoding)
    problems.extend(found)
    if reference is None:
        return None, problems
    matcher = MunicipalityMatcher(reference.municipalities)
    residing: tuple[Residing, ...] = ()
    result: dict[int, CommitteeYear] = {}
    for year in sorted(set(years)):
        meta, found = read_year_meta(data_dir, year, languages, encoding, built)
        problems.extend(found)
        read, found = read_committees(data_dir, year, reference, matcher, encoding)
        problems.extend(found)
        if meta is not None and read is not None:
            residing = read.residing
            result[year] = CommitteeYear(meta, read.committees, read.members)
    if problems:
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
