"""A year's committee rows as tidy tables, the CC core's one input.

- ``committees``: one row per municipality (``municipality``, ``established``,
  ``meets_regularly``, ``adequate_resources``; the answers ``yes``/``no``/
  ``unknown`` for an established committee, missing otherwise);
- ``members``: one row per member (``municipality``, ``community``,
  ``gender``, ``seat``);
- ``residing``: one row per community other than the majority living in a
  municipality (``municipality``, ``community``).

Codes are categoricals in the reference's display order, like the MOCR
core's tables (``mechanisms/mocr/tables.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from mocr_factsheet.data.model import GENDERS, Reference, YearMeta
from mocr_factsheet.mechanisms.committees.model import CommitteeYear, Residing
from mocr_factsheet.mechanisms.committees.schema import SEATS

ANSWERS = ("yes", "no", "unknown")


@dataclass(frozen=True, eq=False)
class CommitteeTables:
    reference: Reference
    meta: YearMeta
    committees: pd.DataFrame
    members: pd.DataFrame
    residing: pd.DataFrame


def _answer(established: bool, value: bool | None) -> str | None:
    if not established:
        return None
    return "unknown" if value is None else "yes" if value else "no"


def make_tables(
    reference: Reference, year: CommitteeYear, residing: Iterable[Residing]
) -> CommitteeTables:
    categories: dict[str, list[str]] = {
        "municipality": [m.code for m in reference.municipalities],
        "community": [c.code for c in reference.communities],
        "gender": list(GENDERS),
        "seat": list(SEATS),
        "meets_regularly": list(ANSWERS),
        "adequate_resources": list(ANSWERS),
    }
    committees = _frame(
        [
            (
                c.municipality,
                c.established,
                _answer(c.established, c.meets_regularly),
                _answer(c.established, c.adequate_resources),
            )
            for c in year.committees
        ],
        ["municipality", "established", "meets_regularly", "adequate_resources"],
        categories,
    )
    committees["established"] = committees["established"].astype("bool")
    return CommitteeTables(
        reference=reference,
        meta=year.meta,
        committees=committees,
        members=_frame(
            [(m.municipality, m.community, m.gender, m.seat) for m in year.members],
            ["municipality", "community", "gender", "seat"],
            categories,
        ),
        residing=_frame(
            [(r.municipality, r.community) for r in residing],
            ["municipality", "community"],
            categories,
        ),
    )


def _frame(
    rows: Sequence[tuple[object, ...]], columns: list[str], categories: Mapping[str, list[str]]
) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for column in columns:
        if column in categories:
            frame[column] = pd.Categorical(frame[column], categories=categories[column])
    return frame
