"""The Communities Committees' checked rows: codes and plain values, no labels, no paths.

What ``read`` produces and ``tables`` turns into the core's tidy tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mocr_factsheet.data.model import Gender, YearMeta

Seat = Literal["assembly", "community"]
# The community a municipality's majority language stands for: residing.csv
# lists the other communities living there (docs/committees.md).
MAJORITY_COMMUNITY = {"sq": "albanian", "sr": "serb", "tr": "turk"}


@dataclass(frozen=True)
class Residing:
    """A community other than the majority that lives in a municipality (residing.csv)."""

    municipality: str
    community: str


@dataclass(frozen=True)
class Committee:
    """One row of ``<year>/committees.csv``; the answers are None where unknown
    (and always None where the committee is not established)."""

    municipality: str
    established: bool
    meets_regularly: bool | None
    adequate_resources: bool | None


@dataclass(frozen=True)
class Member:
    municipality: str
    community: str
    gender: Gender
    seat: Seat


@dataclass(frozen=True)
class CommitteeInput:
    """What the mechanism reads of a year (``schema.read_committees``): ``residing.csv``
    and the year's two tables, checked; the year's ``year.toml`` is the dataset's."""

    residing: tuple[Residing, ...]
    committees: tuple[Committee, ...]
    members: tuple[Member, ...]


@dataclass(frozen=True)
class CommitteeYear:
    """One year's committee tables, checked, with the year's ``year.toml``."""

    meta: YearMeta
    committees: tuple[Committee, ...]
    members: tuple[Member, ...]

    @property
    def year(self) -> int:
        return self.meta.year
