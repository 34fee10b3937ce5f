"""The checked records of every year as three tidy tables, the core's one input.

- ``offices``: office-year, one row per municipality and year (``year``,
  ``municipality``, ``status``, ``work_plan``, ``annual_report``; the answers
  are ``yes``/``no``/``unknown`` for an established office, missing otherwise);
- ``officers``: officer-year, one row per officer (``year``, ``municipality``,
  ``community``, ``gender``);
- ``duties``: duty-office-year, one row per established office, duty and year
  (``year``, ``municipality``, ``duty``, ``performed``).

Codes are categoricals whose categories are the reference's display order,
so that every group-by and cross-tabulation lists them in that order and
keeps the ones nobody has (counted 0) where asked to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from mocr_factsheet.data.model import Office, PreviousYear, Reference, YearMeta, YearTables
from mocr_factsheet.data.schema import YES_NO, TableSchema
from mocr_factsheet.data.year_tables import DUTY_CHECKLISTS, OFFICERS, OFFICES

# A yes/no cell that may be empty reads as one of these (empty: "unknown").
ANSWERS = (*YES_NO.values, "unknown")


@dataclass(frozen=True, eq=False)
class Tables:
    """Every year read, as tidy tables.

    ``years``: the years read in full (their officers too), oldest first;
    ``offices`` and ``duties`` also hold a year read only for the
    previous-year figures of the year after it. ``sample``: each year's
    flag, those read only for the previous-year figures too.
    """

    reference: Reference
    years: tuple[int, ...]
    meta: Mapping[int, YearMeta]
    offices: pd.DataFrame
    officers: pd.DataFrame
    duties: pd.DataFrame
    sample: Mapping[int, bool] = field(default_factory=dict)

    @property
    def municipality_codes(self) -> list[str]:
        return [m.code for m in self.reference.municipalities]


def _answer(office: Office, value: bool | None) -> str | None:
    if office.status != "established":
        return None
    return "unknown" if value is None else "yes" if value else "no"


def make_tables(
    reference: Reference, years: Iterable[YearTables], previous: Iterable[PreviousYear] = ()
) -> Tables:
    """The tidy tables of ``years`` (read in full) and of the ``previous`` years
    not among them (their offices and duties only)."""
    full = {t.meta.year: t for t in years}
    parts: dict[int, tuple[tuple[Office, ...], Iterable[tuple[str, frozenset[str]]]]] = {}
    sample: dict[int, bool] = {}
    for p in previous:
        parts[p.year] = (p.offices, ((d.municipality, d.performed) for d in p.duties))
        sample[p.year] = p.sample
    for y, t in full.items():
        parts[y] = (t.offices, ((d.municipality, d.performed) for d in t.duties))
        sample[y] = t.meta.sample
    office_rows: list[tuple[int, str, str, str | None, str | None]] = []
    duty_rows: list[tuple[int, str, str, bool]] = []
    for y in sorted(parts):
        offices, checklists = parts[y]
        office_rows += [
            (y, o.municipality, o.status, _answer(o, o.work_plan), _answer(o, o.annual_report))
            for o in offices
        ]
        duty_rows += [
            (y, code, duty, duty in performed)
            for code, performed in checklists
            for duty in reference.duties
        ]
    officer_rows = [
        (y, o.municipality, o.community, o.gender) for y in sorted(full) for o in full[y].officers
    ]
    categories = {**_categories(reference, OFFICES), **_categories(reference, OFFICERS)}
    categories["duty"] = list(reference.duties)
    return Tables(
        reference=reference,
        years=tuple(sorted(full)),
        meta={y: full[y].meta for y in sorted(full)},
        offices=_frame(office_rows, ["year", *OFFICES.header()], categories),
        officers=_frame(officer_rows, ["year", *OFFICERS.header()], categories),
        duties=_frame(
            duty_rows, ["year", DUTY_CHECKLISTS.header()[0], "duty", "performed"], categories
        ),
        sample=dict(sorted(sample.items())),
    )


def _categories(reference: Reference, table: TableSchema) -> dict[str, list[str]]:
    """Each vocabulary column's codes in display order (the reference's, or the
    vocabulary's), "unknown" last where an empty cell means it."""
    codes = {
        "municipalities": [m.code for m in reference.municipalities],
        "communities": [c.code for c in reference.communities],
    }
    categories: dict[str, list[str]] = {}
    for column in table.columns:
        vocabulary = column.vocabulary
        if vocabulary is None:
            continue
        values = codes[vocabulary.from_reference] if vocabulary.from_reference else []
        values = values or list(vocabulary.values)
        categories[column.name] = [*values, *(["unknown"] if column.empty == "unknown" else [])]
    return categories


def _frame(
    rows: Sequence[tuple[object, ...]],
    columns: list[str],
    categories: Mapping[str, list[str]],
) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=columns)
    frame["year"] = frame["year"].astype("int64")
    if "performed" in frame:
        frame["performed"] = frame["performed"].astype("bool")
    for column in columns:
        if column in categories:
            frame[column] = pd.Categorical(frame[column], categories=categories[column])
    return frame
