"""Counting the Communities Committees: one year's figures as group-bys.

Pure: tables in, a frozen ``CommitteeFigures`` out; no files, labels, locale
or clock. The choices the contract leaves open are written down in
docs/committees.md: only established committees are counted for meeting
and resources, and a community is unrepresented only where the
municipality has an established committee.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from mocr_factsheet.core.shares import GenderShares, YesNoUnknown, shares_of
from mocr_factsheet.data.model import GENDERS, Reference
from mocr_factsheet.mechanisms.committees.model import CommitteeYear, Residing
from mocr_factsheet.mechanisms.committees.records import (
    CommitteeFigures,
    Unrepresented,
)
from mocr_factsheet.mechanisms.committees.tables import CommitteeTables, make_tables


def _ints(counts: pd.Series[Any]) -> dict[str, int]:
    return {str(key): int(value) for key, value in counts.items()}


def _answers(column: pd.Series[Any]) -> YesNoUnknown:
    counts = _ints(column.value_counts(sort=False))
    return YesNoUnknown(yes=counts["yes"], no=counts["no"], unknown=counts["unknown"])


def _codes(frame: pd.DataFrame) -> tuple[str, ...]:
    return tuple(sorted(str(c) for c in frame["municipality"]))


def compute_committee_figures(tables: CommitteeTables) -> CommitteeFigures:
    """Every figure of one year's CC sheet."""
    committees = tables.committees
    established = committees[committees["established"]]
    members = tables.members
    codes = [str(c) for c in established["municipality"]]

    by_gender = members.groupby(["community", "gender"], observed=False).size().unstack("gender")
    by_gender = by_gender.reindex(columns=list(GENDERS), fill_value=0)
    present = by_gender[by_gender.sum(axis=1) > 0]
    by_community = _ints(present.sum(axis=1))

    per_municipality = (
        members.groupby(["municipality", "gender"], observed=False)
        .size()
        .unstack("gender")
        .reindex(index=codes, columns=list(GENDERS), fill_value=0)
    )
    represented = set(
        members.groupby(["municipality", "community"], observed=True).size().index.tolist()
    )
    living = tables.residing[tables.residing["municipality"].isin(codes)]
    unrepresented: list[Unrepresented] = []
    for community, rows in living.groupby("community", observed=True, sort=True):
        places = [str(m) for m in rows["municipality"]]
        missing = tuple(sorted(m for m in places if (m, community) not in represented))
        unrepresented.append(Unrepresented(str(community), missing, len(places)))
    # Most often unrepresented first; ties keep the communities' display order
    # (the group-by's order, and sorted() is stable).
    unrepresented.sort(key=lambda u: -u.count)

    gender = _ints(members["gender"].value_counts(sort=False))
    return CommitteeFigures(
        year=tables.meta.year,
        period=tables.meta.period,
        sample=tables.meta.sample,
        municipalities=len(committees),
        established=len(established),
        not_established=_codes(committees[~committees["established"]]),
        meets_regularly=_answers(established["meets_regularly"]),
        not_meeting_regularly=_codes(established[established["meets_regularly"] == "no"]),
        adequate_resources=_answers(established["adequate_resources"]),
        inadequate_resources=_codes(established[established["adequate_resources"] == "no"]),
        members=GenderShares.of(gender.get("f", 0), gender.get("m", 0)),
        members_by_seat=_ints(members["seat"].value_counts(sort=False)),
        members_by_community=by_community,
        community_shares=shares_of(by_community),
        gender_by_community={
            str(c): GenderShares.of(int(row["f"]), int(row["m"])) for c, row in present.iterrows()
        },
        gender_by_municipality={
            str(c): GenderShares.of(int(row["f"]), int(row["m"]))
            for c, row in per_municipality.iterrows()
        },
        unrepresented=tuple(unrepresented),
    )


def committee_figures(
    reference: Reference, year: CommitteeYear, residing: Iterable[Residing]
) -> CommitteeFigures:
    """The figures of one checked year, straight from its rows."""
    return compute_committee_figures(make_tables(reference, year, residing))
