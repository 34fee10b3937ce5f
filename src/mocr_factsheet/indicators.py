"""The pure core: from a year's checked tables to the sheet's figures.

Tables in, frozen records of codes and integers out. No files, no labels, no
locale, no clock: everything else in the package stands around this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mocr_factsheet.model import Office, Period, PreviousYear, Reference, YearTables


@dataclass(frozen=True)
class YesNoUnknown:
    yes: int
    no: int
    unknown: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.unknown


@dataclass(frozen=True)
class YesNo:
    yes: int
    no: int


@dataclass(frozen=True)
class GenderSplit:
    f: int
    m: int


@dataclass(frozen=True)
class DutyCount:
    count: int
    previous: int | None


@dataclass(frozen=True)
class Indicators:
    """Every figure a sheet shows. Mappings keep the reference's display order."""

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
    gender_by_community: Mapping[str, GenderSplit]
    duties: Mapping[str, YesNo]
    duties_per_office: Mapping[str, DutyCount]

    @property
    def has_previous(self) -> bool:
        """Whether any office has a figure from the year before to compare with."""
        return any(c.previous is not None for c in self.duties_per_office.values())

    def as_json(self) -> dict[str, Any]:
        """The contract's ``indicators.json`` object (codes, not labels)."""
        return {
            "year": self.year,
            "period": {"start": self.period.start, "end": self.period.end},
            "sample": self.sample,
            "municipalities": self.municipalities,
            "established": self.established,
            "similar_office": sorted(self.similar_office),
            "not_established": sorted(self.not_established),
            "work_plan": _yes_no_unknown(self.work_plan),
            "annual_report": _yes_no_unknown(self.annual_report),
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


def _yes_no_unknown(v: YesNoUnknown) -> dict[str, int]:
    return {"yes": v.yes, "no": v.no, "unknown": v.unknown}


def count_answers(answers: Iterable[bool | None]) -> YesNoUnknown:
    counts = Counter(answers)
    return YesNoUnknown(yes=counts[True], no=counts[False], unknown=counts[None])


def established_codes(offices: Iterable[Office]) -> tuple[str, ...]:
    return tuple(o.municipality for o in offices if o.status == "established")


def count_duties_per_office(
    tables: YearTables, previous: PreviousYear | None
) -> dict[str, DutyCount]:
    """How many duties each established office performed, beside the year before.

    ``previous`` is None where the year before is absent; an office without a
    checklist that year (not established then) also gets None.
    """
    before: dict[str, int] = {}
    if previous is not None:
        before = {row.municipality: len(row.performed) for row in previous.duties}
    this_year = {row.municipality: len(row.performed) for row in tables.duties}
    return {
        code: DutyCount(count=this_year.get(code, 0), previous=before.get(code))
        for code in established_codes(tables.offices)
    }


def compute_indicators(
    reference: Reference, tables: YearTables, previous: PreviousYear | None
) -> Indicators:
    """Every figure of one year's sheet."""
    established = [o for o in tables.offices if o.status == "established"]
    communities = Counter(o.community for o in tables.officers)
    genders = Counter((o.community, o.gender) for o in tables.officers)
    present = [c.code for c in reference.communities if communities[c.code] > 0]
    duty_rows = tables.duties
    return Indicators(
        year=tables.meta.year,
        period=tables.meta.period,
        sample=tables.meta.sample,
        previous_year=tables.meta.year - 1,
        municipalities=len(tables.offices),
        established=len(established),
        established_offices=tuple(o.municipality for o in established),
        similar_office=tuple(
            sorted(o.municipality for o in tables.offices if o.status == "similar_office")
        ),
        not_established=tuple(
            sorted(o.municipality for o in tables.offices if o.status == "not_established")
        ),
        work_plan=count_answers(o.work_plan for o in established),
        annual_report=count_answers(o.annual_report for o in established),
        officers_total=len(tables.officers),
        officers_by_community={c: communities[c] for c in present},
        gender_by_community={
            c: GenderSplit(f=genders[(c, "f")], m=genders[(c, "m")]) for c in present
        },
        duties={
            d: YesNo(
                yes=sum(1 for row in duty_rows if d in row.performed),
                no=sum(1 for row in duty_rows if d not in row.performed),
            )
            for d in reference.duties
        },
        duties_per_office=count_duties_per_office(tables, previous),
    )
