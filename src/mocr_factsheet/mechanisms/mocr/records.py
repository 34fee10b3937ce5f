"""The core's answers: frozen records of codes, integers and fractions.

Every figure a page, a chart or an export shows is a field here, computed by
the core; nothing downstream counts, divides or rounds. Mappings keep the
reference's display order. ``as_json`` gives the contract's JSON (docs/contract.md §3).

The records need no pandas; the package's ``__init__`` imports the counting,
which does, so code that must stay light (planning a build, exports) names
these types under ``TYPE_CHECKING`` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from mocr_factsheet.core.shares import Comparison, GenderShares, YesNoUnknown
from mocr_factsheet.data.model import Period, Status

# The package's __init__ re-exports exactly these.
__all__ = [
    "Answer",
    "DutyCount",
    "GenderShares",
    "GenderSplit",
    "Indicators",
    "Profile",
    "ProfileYear",
    "Trends",
    "YearTrend",
    "YesNo",
    "YesNoUnknown",
]

# An established office's answer to a yes/no question; an empty cell is "unknown".
Answer = Literal["yes", "no", "unknown"]


@dataclass(frozen=True)
class YesNo:
    """How many established offices performed a duty, and did not.

    ``percent``: the offices that did, as a whole percentage of all
    established offices (a half rounded up).
    """

    yes: int
    no: int
    percent: int


@dataclass(frozen=True)
class GenderSplit:
    f: int
    m: int


@dataclass(frozen=True)
class DutyCount:
    """How many duties an office performed, beside the year before and the year's average.

    ``previous`` is None where the year before, or the office's checklist in
    it, is absent. ``versus_average``: this count against the average of all
    established offices of the year.
    """

    count: int
    previous: int | None
    versus_average: Comparison


@dataclass(frozen=True)
class Indicators:
    """Every figure a year's sheet shows."""

    year: int
    period: Period
    sample: bool
    previous_year: int
    municipalities: int
    established: int
    established_offices: tuple[str, ...]
    similar_office: tuple[str, ...]
    not_established: tuple[str, ...]
    work_plan: YesNoUnknown
    annual_report: YesNoUnknown
    officers_total: int
    officers_by_community: Mapping[str, int]
    # Each community's share of all officers, rounded on its own (may not add up to 100).
    community_shares: Mapping[str, int]
    gender_by_community: Mapping[str, GenderSplit]
    # All officers by gender (counts and shares, each rounded on its own).
    gender: GenderShares
    duties: Mapping[str, YesNo]
    duties_per_office: Mapping[str, DutyCount]
    # The mean duty count of the established offices, exactly; None without any.
    average_duties: Fraction | None
    # The year before's figures are invented sample data (the year's pages say so
    # where a real year is compared with them).
    previous_sample: bool = False

    @property
    def women(self) -> int:
        return self.gender.f

    @property
    def men(self) -> int:
        return self.gender.m

    @property
    def has_previous(self) -> bool:
        """Whether any office has a figure from the year before to compare with."""
        return any(c.previous is not None for c in self.duties_per_office.values())

    def as_json(self) -> dict[str, Any]:
        """The contract's ``indicators.json`` object (docs/contract.md §3; codes, not labels)."""
        return {
            "year": self.year,
            "period": {"start": self.period.start, "end": self.period.end},
            "sample": self.sample,
            "municipalities": self.municipalities,
            "established": self.established,
            "similar_office": sorted(self.similar_office),
            "not_established": sorted(self.not_established),
            "work_plan": self.work_plan.as_json(),
            "annual_report": self.annual_report.as_json(),
            "officers": {
                "total": self.officers_total,
                "by_community": dict(self.officers_by_community),
            },
            "gender_by_community": {
                c: {"f": g.f, "m": g.m} for c, g in self.gender_by_community.items()
            },
            "duties": {d: {"yes": v.yes, "no": v.no} for d, v in self.duties.items()},
            "duties_per_office": {
                m: {"count": v.count, "previous": v.previous}
                for m, v in self.duties_per_office.items()
            },
        }


@dataclass(frozen=True)
class ProfileYear:
    """One year of a municipality's history; answers and duties None unless established."""

    year: int
    status: Status
    work_plan: Answer | None
    annual_report: Answer | None
    officers: int
    duties_count: int | None
    sample: bool = False  # invented data (not in the contract's profile object)

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "status": self.status,
            "work_plan": self.work_plan,
            "annual_report": self.annual_report,
            "officers": self.officers,
            "duties_count": self.duties_count,
        }


@dataclass(frozen=True)
class Profile:
    """One municipality in one year: every figure of its profile page.

    For an office that is not established, the answers, duties and counts
    are None and it has no officers. ``previous_duties`` is the checklist of
    the year before (None where that year or that office's checklist in it is
    absent). ``history`` holds every year folder up to ``year``, oldest first.
    """

    year: int
    period: Period
    sample: bool
    municipality: str
    status: Status
    work_plan: Answer | None
    annual_report: Answer | None
    officers_total: int
    officers_by_community: Mapping[str, int]
    gender_by_community: Mapping[str, GenderSplit]
    gender: GenderShares
    duties: Mapping[str, bool] | None
    duties_count: int | None
    previous_duties: Mapping[str, bool] | None
    previous_duties_count: int | None
    # The year's mean over all established offices, and this office against it.
    average_duties: Fraction | None
    versus_average: Comparison | None
    history: tuple[ProfileYear, ...]
    # The year's MOCRs and municipalities (an office-less page's context; not in the JSON).
    established_count: int = 0
    municipalities: int = 0

    @property
    def established(self) -> bool:
        return self.status == "established"

    def as_json(self) -> dict[str, Any]:
        """The contract's profile object (docs/contract.md §3)."""
        return {
            "year": self.year,
            "municipality": self.municipality,
            "status": self.status,
            "work_plan": self.work_plan,
            "annual_report": self.annual_report,
            "officers": {
                "total": self.officers_total,
                "by_community": dict(self.officers_by_community),
                "f": self.gender.f,
                "m": self.gender.m,
            },
            "duties": None if self.duties is None else dict(self.duties),
            "duties_count": self.duties_count,
            "history": [entry.as_json() for entry in self.history],
        }


@dataclass(frozen=True)
class YearTrend:
    """One year's column of the trends sheet."""

    year: int
    period: Period
    sample: bool
    established: int
    work_plan: YesNoUnknown
    annual_report: YesNoUnknown
    officers_total: int
    gender: GenderShares
    duties: Mapping[str, YesNo]
    average_duties: Fraction | None

    @property
    def whole_year(self) -> bool:
        return self.period.start.endswith("-01") and self.period.end.endswith("-12")

    def as_json(self) -> dict[str, Any]:
        return {
            "established": self.established,
            "work_plan": self.work_plan.as_json(),
            "annual_report": self.annual_report.as_json(),
            "officers": {"total": self.officers_total, "f": self.gender.f, "m": self.gender.m},
            "duties": {d: v.yes for d, v in self.duties.items()},
        }


@dataclass(frozen=True)
class Trends:
    """Every year side by side.

    ``duties_per_office``: for every municipality established in at least
    one year (reference order), its duty count in every year, None where it
    was not established that year.
    """

    years: tuple[int, ...]
    by_year: Mapping[int, YearTrend]
    duties_per_office: Mapping[str, Mapping[int, int | None]]

    @property
    def any_sample(self) -> bool:
        return any(t.sample for t in self.by_year.values())

    def as_json(self) -> dict[str, Any]:
        """The contract's ``trends.json`` object (docs/contract.md §3)."""
        return {
            "years": list(self.years),
            "by_year": {str(y): t.as_json() for y, t in self.by_year.items()},
        }
