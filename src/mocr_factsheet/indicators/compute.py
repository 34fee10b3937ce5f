"""Counting: a year's sheet, a municipality's profile and the trends across years."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mocr_factsheet.indicators.records import (
    Answer,
    DutyCount,
    GenderShares,
    GenderSplit,
    Indicators,
    Profile,
    ProfileYear,
    Trends,
    YearTrend,
    YesNo,
    YesNoUnknown,
)
from mocr_factsheet.indicators.shares import average, compare, largest_remainder, percent
from mocr_factsheet.model import DutyChecklist, Office, PreviousYear, Reference, YearTables


@dataclass(frozen=True)
class Tables:
    """The checked records of every year read, as the core counts them.

    ``years``: every year read in full. ``previous``: a year read only for the
    previous-year figures of the year after it (its offices and duties).
    """

    reference: Reference
    years: Mapping[int, YearTables]
    previous: Mapping[int, PreviousYear]

    def offices_and_duties(
        self, year: int
    ) -> tuple[tuple[Office, ...], tuple[DutyChecklist, ...]] | None:
        if year in self.years:
            return self.years[year].offices, self.years[year].duties
        if year in self.previous:
            return self.previous[year].offices, self.previous[year].duties
        return None


def make_tables(
    reference: Reference, years: Iterable[YearTables], previous: Iterable[PreviousYear] = ()
) -> Tables:
    return Tables(
        reference,
        {t.meta.year: t for t in sorted(years, key=lambda t: t.meta.year)},
        {p.year: p for p in previous},
    )


def _answer(value: bool | None) -> Answer:
    return "unknown" if value is None else "yes" if value else "no"


def _count_answers(answers: Iterable[bool | None]) -> YesNoUnknown:
    counts = Counter(answers)
    return YesNoUnknown(yes=counts[True], no=counts[False], unknown=counts[None])


def _gender(f: int, m: int) -> GenderShares:
    shares = largest_remainder({"f": f, "m": m})
    return GenderShares(f=f, m=m, f_percent=shares["f"], m_percent=shares["m"])


def _duty_answers(reference: Reference, checklists: Iterable[DutyChecklist]) -> dict[str, YesNo]:
    rows = list(checklists)
    result: dict[str, YesNo] = {}
    for d in reference.duties:
        yes = sum(1 for row in rows if d in row.performed)
        result[d] = YesNo(yes=yes, no=len(rows) - yes, percent=percent(yes, len(rows)))
    return result


def compute_indicators(tables: Tables, year: int) -> Indicators:
    """Every figure of one year's sheet."""
    reference = tables.reference
    data = tables.years[year]
    established = [o for o in data.offices if o.status == "established"]
    communities = Counter(o.community for o in data.officers)
    genders = Counter((o.community, o.gender) for o in data.officers)
    present = [c.code for c in reference.communities if communities[c.code] > 0]
    by_community = {c: communities[c] for c in present}
    this_year = {row.municipality: len(row.performed) for row in data.duties}
    counts = {o.municipality: this_year.get(o.municipality, 0) for o in established}
    before_tables = tables.offices_and_duties(year - 1)
    before = (
        {}
        if before_tables is None
        else {r.municipality: len(r.performed) for r in before_tables[1]}
    )
    mean = average(sum(counts.values()), len(counts))
    women = sum(1 for o in data.officers if o.gender == "f")
    return Indicators(
        year=year,
        period=data.meta.period,
        sample=data.meta.sample,
        previous_year=year - 1,
        municipalities=len(data.offices),
        established=len(established),
        established_offices=tuple(o.municipality for o in established),
        similar_office=tuple(
            sorted(o.municipality for o in data.offices if o.status == "similar_office")
        ),
        not_established=tuple(
            sorted(o.municipality for o in data.offices if o.status == "not_established")
        ),
        work_plan=_count_answers(o.work_plan for o in established),
        annual_report=_count_answers(o.annual_report for o in established),
        officers_total=len(data.officers),
        officers_by_community=by_community,
        community_shares=largest_remainder(by_community),
        gender_by_community={
            c: GenderSplit(f=genders[(c, "f")], m=genders[(c, "m")]) for c in present
        },
        gender=_gender(women, len(data.officers) - women),
        duties=_duty_answers(reference, data.duties),
        duties_per_office={
            code: DutyCount(
                count=n,
                previous=before.get(code),
                versus_average=compare(n, mean) or "at",
            )
            for code, n in counts.items()
        },
        average_duties=mean,
    )


def profiles(tables: Tables, year: int) -> dict[str, Profile]:
    """Every municipality's profile of ``year``, in the reference's order."""
    reference = tables.reference
    data = tables.years[year]
    history_years = [y for y in tables.years if y <= year]
    histories: dict[str, list[ProfileYear]] = {m.code: [] for m in reference.municipalities}
    for y in history_years:
        t = tables.years[y]
        officers = Counter(o.municipality for o in t.officers)
        counts = {row.municipality: len(row.performed) for row in t.duties}
        for o in t.offices:
            est = o.status == "established"
            histories[o.municipality].append(
                ProfileYear(
                    year=y,
                    status=o.status,
                    work_plan=_answer(o.work_plan) if est else None,
                    annual_report=_answer(o.annual_report) if est else None,
                    officers=officers[o.municipality],
                    duties_count=counts.get(o.municipality, 0) if est else None,
                )
            )
    before_tables = tables.offices_and_duties(year - 1)
    before = {} if before_tables is None else {r.municipality: r for r in before_tables[1]}
    checklists = {row.municipality: row for row in data.duties}
    established = [o.municipality for o in data.offices if o.status == "established"]
    mean = average(
        sum(len(checklists[c].performed) if c in checklists else 0 for c in established),
        len(established),
    )
    result: dict[str, Profile] = {}
    for office in data.offices:
        code = office.municipality
        est = office.status == "established"
        mine = [o for o in data.officers if o.municipality == code]
        communities = Counter(o.community for o in mine)
        genders = Counter((o.community, o.gender) for o in mine)
        present = [c.code for c in reference.communities if communities[c.code] > 0]
        women = sum(1 for o in mine if o.gender == "f")
        row = checklists.get(code)
        performed = row.performed if row is not None else frozenset[str]()
        duties = {d: d in performed for d in reference.duties} if est else None
        count = len(performed) if est else None
        prev = before.get(code)
        result[code] = Profile(
            year=year,
            period=data.meta.period,
            sample=data.meta.sample,
            municipality=code,
            status=office.status,
            work_plan=_answer(office.work_plan) if est else None,
            annual_report=_answer(office.annual_report) if est else None,
            officers_total=len(mine),
            officers_by_community={c: communities[c] for c in present},
            gender_by_community={
                c: GenderSplit(f=genders[(c, "f")], m=genders[(c, "m")]) for c in present
            },
            gender=_gender(women, len(mine) - women),
            duties=duties,
            duties_count=count,
            previous_duties=(
                None if prev is None else {d: d in prev.performed for d in reference.duties}
            ),
            previous_duties_count=None if prev is None else len(prev.performed),
            average_duties=mean,
            versus_average=None if count is None else compare(count, mean),
            history=tuple(histories[code]),
        )
    order = [m.code for m in reference.municipalities]
    return {code: result[code] for code in order}


def profile(tables: Tables, year: int, code: str) -> Profile:
    """One municipality's profile of ``year``."""
    return profiles(tables, year)[code]


def trends(tables: Tables) -> Trends:
    """Every year read, side by side."""
    reference = tables.reference
    by_year: dict[int, YearTrend] = {}
    per_office: dict[str, dict[int, int | None]] = {}
    for y, t in tables.years.items():
        established = [o for o in t.offices if o.status == "established"]
        est_codes = {o.municipality for o in established}
        counts = {row.municipality: len(row.performed) for row in t.duties}
        women = sum(1 for o in t.officers if o.gender == "f")
        by_year[y] = YearTrend(
            year=y,
            period=t.meta.period,
            sample=t.meta.sample,
            established=len(established),
            work_plan=_count_answers(o.work_plan for o in established),
            annual_report=_count_answers(o.annual_report for o in established),
            officers_total=len(t.officers),
            gender=_gender(women, len(t.officers) - women),
            duties=_duty_answers(reference, t.duties),
            average_duties=average(sum(counts.get(c, 0) for c in est_codes), len(est_codes)),
        )
        for code in est_codes:
            per_office.setdefault(code, {})[y] = counts.get(code, 0)
    years = tuple(by_year)
    return Trends(
        years=years,
        by_year=by_year,
        duties_per_office={
            m.code: {y: per_office[m.code].get(y) for y in years}
            for m in reference.municipalities
            if m.code in per_office
        },
    )
