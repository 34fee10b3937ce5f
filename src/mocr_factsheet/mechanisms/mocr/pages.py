"""The template context of the profile and trends pages: the core's figures and labels.

Every figure comes from the core's frozen records (``Profile``, ``Trends``,
``Indicators``); this module only puts names on codes (municipalities,
languages) and orders what a page lists. Words live in the templates and the
catalogs; numbers are formatted there through the language's filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from mocr_factsheet.i18n.translator import in_label_order

if TYPE_CHECKING:
    from mocr_factsheet.data.model import Period, Reference
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.mocr.indicators import Profile, Trends


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


def profile_context(
    profile: Profile, tr: Translator, reference: Reference, notes: tuple[str, ...]
) -> dict[str, Any]:
    name = tr.municipality(reference.municipality(profile.municipality))
    title = tr.gettext("%(municipality)s: MOCR profile %(year)s") % {
        "municipality": name,
        "year": profile.year,
    }
    return {
        "title": title,
        "created": f"{profile.period.end}-01",
        "sample": profile.sample,
        "name": name,
        "year": str(profile.year),
        "previous_year": str(profile.year - 1),
        "period": None if _whole_year(profile.period) else tr.period(profile.period),
        "p": profile,
        "duty_codes": reference.duties,
        "average": one_decimal(tr, profile.average_duties),
        "bars": {
            "own": _width(profile.duties_count, len(reference.duties)),
            "average": _width(profile.average_duties, len(reference.duties)),
        },
        "notes": notes,
    }


@dataclass(frozen=True)
class OfficeRow:
    """One row of the trends' heat map: an office's label and its duty count each year."""

    name: str
    counts: tuple[int | None, ...]


def trends_context(trends: Trends, tr: Translator, reference: Reference) -> dict[str, Any]:
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
    return {
        "title": title,
        "created": f"{last_period.end}-01" if last_period else "2000-01-01",
        "sample": trends.any_sample,
        "years": [str(y) for y in years],
        "t": trends,
        "columns": [trends.by_year[y] for y in years],
        "averages": [one_decimal(tr, trends.by_year[y].average_duties) for y in years],
        "women": [
            (t, f"{tr.number(t.gender.f)} ({tr.whole_percent(t.gender.f_percent)})")
            for t in (trends.by_year[y] for y in years)
        ],
        "duty_shares": [
            (d, [tr.whole_percent(trends.by_year[y].duties[d].percent) for y in years])
            for d in reference.duties
        ],
        "duty_codes": reference.duties,
        "partial": partial,
        "partial_years": {str(y) for y, _ in partial},
        "offices": offices,
        "most_duties": len(reference.duties),
    }
