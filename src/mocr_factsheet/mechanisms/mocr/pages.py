"""The template context of the profile, trends and index pages: the core's figures and labels.

Every figure comes from the core's frozen records (``Profile``, ``Trends``,
``Indicators``); this module only puts names on codes (municipalities,
languages) and orders what a page lists. Words live in the templates and the
catalogs; numbers are formatted there through the language's filters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.data.model import Period, Reference
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.mocr.indicators import Indicators, Profile, Trends
    from mocr_factsheet.mechanisms.mocr.kinds import Scope

Links = Mapping[tuple[str, int | None, str | None], Mapping[str, str]]


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


def _in_label_order(tr: Translator, reference: Reference, codes: Sequence[str]) -> list[str]:
    """Municipalities in the order of their labels in this language, as the sheet lists them."""
    from mocr_factsheet.translit import fold

    return sorted(codes, key=lambda c: fold(tr.municipality(reference.municipality(c))))


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
        for code in _in_label_order(tr, reference, list(trends.duties_per_office))
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


def front_context(dataset: Dataset, translators: Sequence[Translator]) -> dict[str, Any]:
    """``index.html``: each language's own name and title, linking its index."""
    years = sorted(dataset.years)
    periods = [dataset.years[y].tables.meta.period for y in years]
    return {
        "title": " · ".join(dict.fromkeys(tr.gettext("MOCR factsheets") for tr in translators)),
        "created": f"{periods[-1].end}-01" if periods else "2000-01-01",
        "sample": any(dataset.years[y].tables.meta.sample for y in years),
        "first": years[0] if years else None,
        "last": years[-1] if years else None,
        "languages": [
            {
                **_language(tr),
                "title": tr.gettext("MOCR factsheets"),
                "line": tr.gettext(
                    "Factsheets, municipality profiles and trends, %(first)s–%(last)s"
                )
                % {"first": years[0] if years else "", "last": years[-1] if years else ""},
                "sample_label": tr.gettext("Illustrative data"),
                "sample_note": tr.gettext(
                    "the figures in this document are invented for demonstration; "
                    "they are not monitoring results."
                ),
                "description": tr.gettext(
                    "Factsheets on the Municipal Offices for Communities and Return in Kosovo, "
                    "by year, municipality and language."
                ),
            }
            for tr in translators
        ],
    }


def index_context(
    dataset: Dataset,
    tr: Translator,
    figures: Sequence[Indicators],
    links: Links,
    translators: Sequence[Translator],
    scope: Scope,
) -> dict[str, Any]:
    """``index-<lang>.html``: every year's sheet, the trends, every municipality's profiles."""
    reference = dataset.reference
    years = [f.year for f in figures]
    codes = _in_label_order(tr, reference, [m.code for m in reference.municipalities])
    return {
        "title": tr.gettext("MOCR factsheets"),
        "created": f"{figures[-1].period.end}-01" if figures else "2000-01-01",
        "sample": any(f.sample for f in figures),
        "tag": tr.language.tag,
        "years": [str(y) for y in years],
        "sheets": [
            (f, links.get(("sheet", f.year, None), {}))
            for f in sorted(figures, key=lambda f: -f.year)
        ],
        "trends": links.get(("trends", None, None), {}),
        "first": years[0] if years else None,
        "last": years[-1] if years else None,
        "profiles": [
            (
                tr.municipality(reference.municipality(code)),
                [(str(y), links.get(("profile", y, code), {})) for y in years],
            )
            for code in codes
        ],
        "formats": scope.formats,
        "languages": [_language(other) for other in translators],
    }


def autonym(tr: Translator) -> str:
    """The language's name in itself: English, Shqip, Srpski, Српски."""
    return tr.pgettext("language", "name")


def _language(tr: Translator) -> dict[str, Any]:
    return {
        "tag": tr.language.tag,
        "lang": tr.locale.replace("_", "-"),
        "name": autonym(tr),
        "href": f"index-{tr.language.tag}.html",
    }
