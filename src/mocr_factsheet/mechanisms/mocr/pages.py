"""The template context of the profile and trends pages: the core's figures and labels.

Every figure comes from the core's frozen records (``Profile``, ``Trends``,
``Indicators``); this module only puts names on codes (municipalities,
languages) and orders what a page lists. The profile's words live in its
template and the catalogs; numbers are formatted there through the language's
filters. The trends' context holds every text of the page, words and numbers
alike, as the language writes them: its web page (``trends.html.j2``) and its
PDF (``trends.typ``) are two views of it (docs/design.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from mocr_factsheet.i18n.translator import in_label_order
from mocr_factsheet.mechanisms.mocr.records import Profile, Trends
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
class YearHead:
    """A year's column heading: the year, and whether it covers part of the year only
    (a "*" after it, explained in the notes)."""

    year: str
    partial: bool


@dataclass(frozen=True)
class TableRow:
    """A row of the trends' tables: its label and a text per year."""

    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class YearsTable:
    """A table of every year side by side: its heading (and caption), the first
    column's heading and its rows."""

    heading: str
    corner: str
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class HeatCell:
    """A cell of the heat map: the office's duty count (None: no MOCR that year) and its text."""

    count: int | None
    text: str


@dataclass(frozen=True)
class OfficeRow:
    """One row of the trends' heat map: an office's label and its duty count each year."""

    name: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class HeatMap:
    """The heat map of every office's duty count each year."""

    heading: str
    intro: str  # what a cell means
    legend: tuple[HeatCell, ...]  # every count from none to all the duties
    corner: str
    rows: tuple[OfficeRow, ...]


@dataclass(frozen=True)
class TrendsContext(PageContext):
    """``trends.html.j2`` and ``trends.typ``: every year side by side.

    Every text either view prints is here, in the page's language (the two
    views differ only in markup): the tables, the heat map and the notes.
    """

    description: str
    subheading: str
    years: tuple[YearHead, ...]
    officers: YearsTable  # establishment, functioning and officers
    duties: YearsTable  # the share of MOCRs performing each duty
    heat: HeatMap
    notes_label: str
    framework: str  # the note on the substantive duties
    partial: tuple[str, ...]  # a note (after a "*") for each year covering part of the year


def _sentence(text: str) -> str:
    """A sentence ending in one full stop where a value put in it ends in one
    already (Serbian writes a year ``2017.``: "… septembar 2017.." → "… septembar 2017.")."""
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def trends_context(trends: Trends, tr: Translator, reference: Reference) -> TrendsContext:
    years = trends.years
    first, last = (years[0], years[-1]) if years else (0, 0)
    title = tr.gettext(
        "Municipal Offices for Communities and Return (MOCRs) %(first)s–%(last)s"
    ) % {
        "first": first,
        "last": last,
    }
    columns = [trends.by_year[y] for y in years]
    most = len(reference.duties)

    def row(label: str, cells: list[str]) -> TableRow:
        return TableRow(label, tuple(cells))

    def heat_cell(count: int | None) -> HeatCell:
        return HeatCell(count, "–" if count is None else tr.number(count))

    officers = YearsTable(
        tr.gettext("Establishment, functioning and officers"),
        tr.gettext("Indicator"),
        (
            row(tr.gettext("MOCRs established"), [tr.number(c.established) for c in columns]),
            row(
                tr.gettext("MOCRs with a work plan"),
                [tr.number(c.work_plan.yes) for c in columns],
            ),
            row(
                tr.gettext("MOCRs that submitted an annual report"),
                [tr.number(c.annual_report.yes) for c in columns],
            ),
            row(tr.gettext("MOCR officers"), [tr.number(c.officers_total) for c in columns]),
            row(
                tr.gettext("Women among the officers"),
                [
                    f"{tr.number(c.gender.f)} ({tr.whole_percent(c.gender.f_percent)})"
                    for c in columns
                ],
            ),
            row(
                tr.gettext("Substantive duties per MOCR, on average"),
                [one_decimal(tr, c.average_duties) for c in columns],
            ),
        ),
    )
    duties = YearsTable(
        tr.gettext("Share of MOCRs performing each substantive duty"),
        tr.gettext("Duty"),
        tuple(
            row(tr.duty(d), [tr.whole_percent(c.duties[d].percent) for c in columns])
            for d in reference.duties
        ),
    )
    heat = HeatMap(
        tr.gettext("Substantive duties performed by each MOCR"),
        tr.gettext(
            "Each cell is the number of the %(all)s substantive duties the office performed "
            "that year; a darker cell, more duties. A dash: no MOCR that year."
        )
        % {"all": tr.number(most)},
        tuple(heat_cell(n) for n in range(most + 1)),
        tr.gettext("Municipality"),
        tuple(
            OfficeRow(
                tr.municipality(reference.municipality(code)),
                tuple(heat_cell(trends.duties_per_office[code][y]) for y in years),
            )
            for code in in_label_order(tr, reference, list(trends.duties_per_office))
        ),
    )
    partial = tuple(
        _sentence(
            tr.gettext("%(year)s covers %(period)s only.")
            % {"year": t.year, "period": tr.period(t.period)}
        )
        for t in columns
        if not t.whole_year
    )
    last_period = trends.by_year[last].period if years else None
    return TrendsContext(
        title=title,
        created=f"{last_period.end}-01" if last_period else "2000-01-01",
        sample=trends.any_sample,
        description=tr.gettext(
            "Municipal Offices for Communities and Return in Kosovo: "
            "every year of the monitoring side by side."
        ),
        subheading=tr.gettext("Trends: every year side by side"),
        years=tuple(YearHead(str(c.year), not c.whole_year) for c in columns),
        officers=officers,
        duties=duties,
        heat=heat,
        notes_label=tr.gettext("Notes"),
        framework=tr.gettext(
            "The eight substantive duties are those set out in the legal and policy "
            "framework, whose performance the OSCE Mission in Kosovo monitors regularly."
        ),
        partial=partial,
    )


def trends_page(context: TrendsContext, tr: Translator) -> dict[str, Any]:
    """``trends.typ``'s data: the context as JSON values, and what every PDF's base sets."""
    from mocr_factsheet.render.typst import as_data, base_data

    return {**as_data(context), "base": base_data(tr, context.title, context.sample)}
