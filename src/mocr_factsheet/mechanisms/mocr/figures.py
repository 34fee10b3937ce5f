"""Counting: a year's sheet, every municipality's profile and the trends, as group-bys.

Each figure is one group-by or cross-tabulation over the tidy tables (see
``tables``); the results leave as frozen records of codes and plain ints.
Group-bys over categoricals with ``observed=False`` keep every code of the
reference, counted 0 where nobody has it, in its display order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import pandas as pd

from mocr_factsheet.core.shares import average, compare, percent, shares_of
from mocr_factsheet.data.model import GENDERS, Status
from mocr_factsheet.mechanisms.mocr.records import (
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
from mocr_factsheet.mechanisms.mocr.tables import ANSWERS, Tables


def _of_year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return frame[frame["year"] == year]


def _established(offices: pd.DataFrame) -> pd.DataFrame:
    return offices[offices["status"] == "established"]


def _ints(counts: pd.Series[Any]) -> dict[str, int]:
    """A count per code (or year) as plain ints, in the series' order."""
    return {str(key): int(value) for key, value in counts.items()}


def _grid(frame: pd.DataFrame) -> dict[Any, dict[str, int]]:
    """A small table of counts as plain ints: row key → column code → count."""
    return {key: {str(c): int(v) for c, v in row.items()} for key, row in frame.iterrows()}


def _int_or_none(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def _answers(counts: Mapping[str, int]) -> YesNoUnknown:
    return YesNoUnknown(yes=counts["yes"], no=counts["no"], unknown=counts["unknown"])


def _gender(counts: Mapping[str, int]) -> GenderShares:
    return GenderShares.of(counts.get("f", 0), counts.get("m", 0))


def _duty_answers(yes: Mapping[str, int], checklists: int) -> dict[str, YesNo]:
    return {
        duty: YesNo(yes=n, no=checklists - n, percent=percent(n, checklists))
        for duty, n in yes.items()
    }


def _codes(offices: pd.DataFrame, status: Status) -> tuple[str, ...]:
    return tuple(sorted(str(c) for c in offices.loc[offices["status"] == status, "municipality"]))


def _duty_counts(duties: pd.DataFrame) -> dict[str, int]:
    """How many duties each office with a checklist performed."""
    return _ints(duties.groupby("municipality", observed=True)["performed"].sum())


def compute_indicators(tables: Tables, year: int) -> Indicators:
    """Every figure of one year's sheet."""
    offices = _of_year(tables.offices, year)
    established = _established(offices).sort_values("municipality")
    officers = _of_year(tables.officers, year)
    duties = _of_year(tables.duties, year)

    gender_grid = officers.groupby(["community", "gender"], observed=False).size().unstack("gender")
    present = gender_grid[gender_grid.sum(axis=1) > 0]
    by_community = _ints(present.sum(axis=1))
    checklists = int(duties["municipality"].nunique())
    this_year = _duty_counts(duties)
    before = _duty_counts(_of_year(tables.duties, year - 1))
    codes = [str(c) for c in established["municipality"]]
    counts = {code: this_year.get(code, 0) for code in codes}
    mean = average(sum(counts.values()), len(counts))
    per_office: dict[str, DutyCount] = {}
    if mean is not None:  # else there is no office
        per_office = {
            code: DutyCount(count=n, previous=before.get(code), versus_average=compare(n, mean))
            for code, n in counts.items()
        }
    return Indicators(
        year=year,
        period=tables.meta[year].period,
        sample=tables.meta[year].sample,
        previous_year=year - 1,
        municipalities=len(offices),
        established=len(established),
        established_offices=tuple(codes),
        similar_office=_codes(offices, "similar_office"),
        not_established=_codes(offices, "not_established"),
        work_plan=_answers(_ints(established["work_plan"].value_counts(sort=False))),
        annual_report=_answers(_ints(established["annual_report"].value_counts(sort=False))),
        officers_total=len(officers),
        officers_by_community=by_community,
        community_shares=shares_of(by_community),
        gender_by_community={
            str(c): GenderSplit(f=row["f"], m=row["m"]) for c, row in _grid(present).items()
        },
        gender=_gender(_ints(officers["gender"].value_counts(sort=False))),
        duties=_duty_answers(
            _ints(duties.groupby("duty", observed=False)["performed"].sum()), checklists
        ),
        duties_per_office=per_office,
        average_duties=mean,
        previous_sample=tables.sample.get(year - 1, False),
    )


def _history(tables: Tables, year: int) -> dict[str, list[ProfileYear]]:
    """Every municipality's years up to ``year``, from one join of the three tables."""
    offices = tables.offices
    rows = offices[offices["year"].isin([y for y in tables.years if y <= year])]
    officers = tables.officers.groupby(["year", "municipality"], observed=True).size()
    duties = tables.duties.groupby(["year", "municipality"], observed=True)["performed"].sum()
    rows = rows.join(officers.rename("officers"), on=["year", "municipality"])
    rows = rows.join(duties.rename("duties_count"), on=["year", "municipality"])
    rows = rows.sort_values(["municipality", "year"])
    history: dict[str, list[ProfileYear]] = {code: [] for code in tables.municipality_codes}
    for row in rows.itertuples(index=False):
        established = row.status == "established"
        history[str(row.municipality)].append(
            ProfileYear(
                year=int(cast(int, row.year)),
                status=cast(Status, str(row.status)),
                work_plan=cast(Answer, str(row.work_plan)) if established else None,
                annual_report=cast(Answer, str(row.annual_report)) if established else None,
                officers=_int_or_none(row.officers) or 0,
                duties_count=_int_or_none(row.duties_count) if established else None,
                sample=tables.sample.get(int(cast(int, row.year)), False),
            )
        )
    return history


def _checklists(duties: pd.DataFrame) -> dict[str, dict[str, bool]]:
    """Each office's checklist: duty → performed, in the duties' display order."""
    grid = duties.pivot(index="municipality", columns="duty", values="performed")
    return {
        str(code): {str(duty): bool(done) for duty, done in row.items()}
        for code, row in grid.iterrows()
    }


def profiles(tables: Tables, year: int) -> dict[str, Profile]:
    """Every municipality's profile of ``year``, in the reference's order."""
    offices = _of_year(tables.offices, year)
    officers = _of_year(tables.officers, year)
    duties = _checklists(_of_year(tables.duties, year))
    before = _checklists(_of_year(tables.duties, year - 1))
    counts = {code: sum(done.values()) for code, done in duties.items()}
    established = [str(c) for c in _established(offices)["municipality"]]
    mean = average(sum(counts.get(c, 0) for c in established), len(established))

    by_gender = officers.groupby(["municipality", "gender"], observed=False).size()
    gender = by_gender.unstack("gender").reindex(columns=list(GENDERS), fill_value=0)
    women_men = {str(code): (int(row["f"]), int(row["m"])) for code, row in gender.iterrows()}
    answers = {
        str(row.municipality): (str(row.status), str(row.work_plan), str(row.annual_report))
        for row in offices.itertuples(index=False)
    }
    grid = (
        officers.groupby(["municipality", "community", "gender"], observed=True)
        .size()
        .unstack("gender")
        .reindex(columns=list(GENDERS), fill_value=0)
        .fillna(0)
        .sort_index()
    )
    splits: dict[str, dict[str, GenderSplit]] = {code: {} for code in tables.municipality_codes}
    for key, row in _grid(grid).items():  # one pass over the offices' communities
        code, community = cast(tuple[str, str], key)
        splits[str(code)][str(community)] = GenderSplit(f=row["f"], m=row["m"])
    history = _history(tables, year)

    result: dict[str, Profile] = {}
    for code in tables.municipality_codes:
        status_cell, work_plan, annual_report = answers[code]
        status = cast(Status, status_cell)
        is_established = status == "established"
        checklist = duties.get(code, {}) if is_established else None
        count = counts.get(code, 0) if is_established else None
        previous = before.get(code)
        women, men = women_men[code]
        result[code] = Profile(
            year=year,
            period=tables.meta[year].period,
            sample=tables.meta[year].sample,
            municipality=code,
            status=status,
            work_plan=cast(Answer, work_plan) if is_established else None,
            annual_report=cast(Answer, annual_report) if is_established else None,
            officers_total=women + men,
            officers_by_community={c: s.f + s.m for c, s in splits[code].items()},
            gender_by_community=splits[code],
            gender=_gender({"f": women, "m": men}),
            duties=checklist,
            duties_count=count,
            previous_duties=previous,
            previous_duties_count=None if previous is None else sum(previous.values()),
            average_duties=mean,
            versus_average=None if count is None or mean is None else compare(count, mean),
            history=tuple(history[code]),
            established_count=len(established),
            municipalities=len(offices),
        )
    return result


def trends(tables: Tables) -> Trends:
    """Every year read in full, side by side: each figure one group-by over the years."""
    years = list(tables.years)
    offices = tables.offices[tables.offices["year"].isin(years)]
    established = _established(offices)
    duties = tables.duties[tables.duties["year"].isin(years)]

    def by_year(frame: pd.DataFrame, column: str, columns: tuple[str, ...]) -> pd.DataFrame:
        grid = frame.groupby(["year", column], observed=False).size().unstack(column)
        return grid.reindex(index=years, columns=list(columns), fill_value=0)

    offices_per_year = established.groupby("year").size().reindex(years, fill_value=0)
    work_plan = by_year(established, "work_plan", ANSWERS)
    annual_report = by_year(established, "annual_report", ANSWERS)
    gender = by_year(tables.officers, "gender", GENDERS)
    duty_yes = (
        duties.groupby(["year", "duty"], observed=False)["performed"]
        .sum()
        .unstack("duty")
        .reindex(years, fill_value=0)
    )
    checklists = duties.groupby("year")["municipality"].nunique().reindex(years, fill_value=0)
    per_office = (
        duties.groupby(["municipality", "year"], observed=True)["performed"]
        .sum()
        .unstack("year")
        .reindex(columns=years)
    )

    performed = _ints(duties.groupby("year")["performed"].sum().reindex(years, fill_value=0))
    offices_count, offices_done = _ints(offices_per_year), _ints(checklists)
    plans, reports = _grid(work_plan), _grid(annual_report)
    women_men, yes = _grid(gender), _grid(duty_yes)
    columns: dict[int, YearTrend] = {}
    for y in years:
        n = offices_done[str(y)]
        columns[y] = YearTrend(
            year=y,
            period=tables.meta[y].period,
            sample=tables.meta[y].sample,
            established=offices_count[str(y)],
            work_plan=_answers(plans[y]),
            annual_report=_answers(reports[y]),
            officers_total=sum(women_men[y].values()),
            gender=_gender(women_men[y]),
            duties=_duty_answers(yes[y], n),
            average_duties=average(performed[str(y)], n),
        )
    return Trends(
        years=tuple(years),
        by_year=columns,
        duties_per_office={
            str(code): {int(cast(int, y)): _int_or_none(v) for y, v in row.items()}
            for code, row in per_office.iterrows()
        },
    )
