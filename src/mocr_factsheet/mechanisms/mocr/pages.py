"""The template context of the profile and trends pages: the core's figures and labels.

Every figure comes from the core's frozen records (``Profile``, ``Trends``,
``Indicators``); this module only puts names on codes (municipalities,
languages) and orders what a page lists. Words live in the templates and the
catalogs; numbers are formatted there through the language's filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from mocr_factsheet.i18n.translator import in_label_order
from mocr_factsheet.mechanisms.mocr.records import Profile, Trends, YearTrend
from mocr_factsheet.render.kind import PageContext

if TYPE_CHECKING:
    from mocr_factsheet.data.model import Period, Reference
    from mocr_factsheet.i18n.translator import Translator


def _whole_year(period: Period) -> bool:
    return period.start.endswith("-01") and period.end.endswith("-12")


def one_decimal(tr: Translator, value: Fraction | None) -> str:
    """An average as the language writes it, to one decimal (``6.1``, ``6,1``)."""
    if value is None:
        return "–"
    return format_decimal(float(value), format="#,##0.0", locale=tr.locale)


def _width(value: int | Fraction | None, most: int) -> str:
    """A bar's CSS width: ``value`` out of ``most`` as a percentage of the track."""
    share = Fraction(value or 0) / most if most else Fraction(0)
    return f"{float(share) * 100:.1f}%"


@dataclass(frozen=True)
class ProfileContext(PageContext):
    """``profile.html.j2``: one municipality in one year."""

    name: str  # the municipality's label
    year: str
    previous_year: str
    period: str | None  # where the year covers part of the year
    p: Profile
    duty_codes: tuple[str, ...]
    average: str  # the average of all MOCRs, as the language writes it
    bars: dict[str, str]  # "own", "average": the bars' CSS widths
    notes: tuple[str, ...]


def profile_context(
    profile: Profile, tr: Translator, reference: Reference, notes: tuple[str, ...]
) -> ProfileContext:
    name = tr.municipality(reference.municipality(profile.municipality))
    title = tr.gettext("%(municipality)s: MOCR profile %(year)s") % {
        "municipality": name,
        "year": profile.year,
    }
    return ProfileContext(
        title=title,
        created=f"{profile.period.end}-01",
        sample=profile.sample,
        name=name,
        year=str(profile.year),
        previous_year=str(profile.year - 1),
        period=None if _whole_year(profile.period) else tr.period(profile.period),
        p=profile,
        duty_codes=reference.duties,
        average=one_decimal(tr, profile.average_duties),
        bars={
            "own": _width(profile.duties_count, len(reference.duties)),
            "average": _width(profile.average_duties, len(reference.duties)),
        },
        notes=notes,
    )


@dataclass(frozen=True)
class OfficeRow:
    """One row of the trends' heat map: an office's label and its duty count each year."""

    name: str
    counts: tuple[int | None, ...]


@dataclass(frozen=True)
class TrendsContext(PageContext):
    """``trends.html.j2``: every year side by side."""

    years: list[str]
    t: Trends
    columns: list[YearTrend]
    averages: list[str]  # each year's average duties per MOCR, as the language writes it
    women: list[tuple[YearTrend, str]]  # each year and its "30 (37%)"
    duty_shares: list[tuple[str, list[str]]]  # each duty and its share each year
    duty_codes: tuple[str, ...]
    partial: list[tuple[int, str]]  # the years that cover part of the year, and their period
    partial_years: set[str]
    offices: list[OfficeRow]
    most_duties: int


def trends_context(trends: Trends, tr: Translator, reference: Reference) -> TrendsContext:
    years = trends.years
    first, last = (years[0], years[-1]) if years else (0, 0)
    title = tr.gettext(
        "Municipal Offices for Communities and Return (MOCRs) %(first)s–%(last)s"
    ) % {
        "first": first,
        "last": last,
    }
    partial = [(t.year, tr.period(t.period)) for t in trends.by_year.values() if not t.whole_year]
    offices = [
        OfficeRow(
            tr.municipality(reference.municipality(code)),
            tuple(trends.duties_per_office[code][y] for y in years),
        )
        for code in in_label_order(tr, reference, list(trends.duties_per_office))
    ]
    last_period = trends.by_year[last].period if years else None
    return TrendsContext(
        title=title,
        created=f"{last_period.end}-01" if last_period else "2000-01-01",
        sample=trends.any_sample,
        years=[str(y) for y in years],
        t=trends,
        columns=[trends.by_year[y] for y in years],
        averages=[one_decimal(tr, trends.by_year[y].average_duties) for y in years],
        women=[
            (t, f"{tr.number(t.gender.f)} ({tr.whole_percent(t.gender.f_percent)})")
            for t in (trends.by_year[y] for y in years)
        ],
        duty_shares=[
            (d, [tr.whole_percent(trends.by_year[y].duties[d].percent) for y in years])
            for d in reference.duties
        ],
        duty_codes=reference.duties,
        partial=partial,
        partial_years={str(y) for y, _ in partial},
        offices=offices,
        most_duties=len(reference.duties),
    )
