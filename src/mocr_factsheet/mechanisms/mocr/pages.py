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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from mocr_factsheet.i18n.translator import in_label_order
from mocr_factsheet.mechanisms.mocr import gaps
from mocr_factsheet.mechanisms.mocr.records import Profile, Trends
from mocr_factsheet.render.caveats import whole_year
from mocr_factsheet.render.kind import PageContext
from mocr_factsheet.render.palette import MARKS, marked

if TYPE_CHECKING:
    from mocr_factsheet.data.model import Reference
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.render.charts import Chart


def one_decimal(tr: Translator, value: Fraction | None) -> str:
    """An average as the language writes it, to one decimal (``6.1``, ``6,1``)."""
    if value is None:
        return "–"
    return format_decimal(float(value), format="#,##0.0", locale=tr.locale)


def _share(value: int | Fraction | None, most: int) -> float:
    """A bar's length: ``value`` out of ``most``, from 0 to 1 of the track."""
    return float(Fraction(value or 0) / most) if most else 0.0


@dataclass(frozen=True)
class Mark:
    """A cell of the duties' checklist: the mark drawn, its colour's name
    ("yes", "no", "none") and what it says in words (to a screen reader)."""

    kind: str
    symbol: str
    text: str


@dataclass(frozen=True)
class Bar:
    """A bar of the duty count beside the year's average: its label, its value
    as the language writes it and its length (0 to 1 of the track)."""

    kind: str  # "own", "average": its colour
    label: str
    value: str
    share: float

    @property
    def width(self) -> str:
        """Its CSS width, as a percentage of the track."""
        return f"{self.share * 100:.1f}%"


@dataclass(frozen=True)
class Row:
    """A table's row: its heading cell and its other cells."""

    head: str
    cells: tuple[str | Mark, ...]
    note: str = ""  # the anchor of the note its year's mark ("*") refers to; "" for none


@dataclass(frozen=True)
class Table:
    """A table of the profile: its caption (for a screen reader; not printed),
    its column headings, its rows and its total row."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    numeric: tuple[bool, ...] = ()  # each column's figures align right (the history's)
    notes: tuple[str, ...] = ()  # each column's note anchor ("" for none): a year's mark


@dataclass(frozen=True)
class Office:
    """The sections of a profile whose MOCR is established."""

    functioning_heading: str
    facts: tuple[tuple[str, str], ...]  # (label, value): work plan, annual report, …
    versus_label: str  # the bars in one sentence (their alternative text)
    bars: tuple[Bar, ...]  # the office's count, and the year's average where there is one
    versus_text: str  # above, below or at the average ("" where there is none)
    officers_heading: str
    officers: Table | None  # None: no officers were reported
    no_officers: str
    duties_heading: str
    duties: Table  # this year's checklist, and the year before's where that year is in the data
    duties_note: str | None  # why the year before has no checklist, where it has none


@dataclass(frozen=True)
class ProfileContext(PageContext):
    """One municipality in one year, every text and figure of its page as the
    language writes it: ``profile.html.j2`` (the web page) and ``profile.typ``
    (the PDF) are two views of it, and print the same words."""

    name: str  # the municipality's label: the heading
    status: str  # the office's status code (the page's colour for it)
    description: str
    subheading: str
    status_heading: str
    verdict: str
    office: Office | None  # None: the MOCR is not established
    story: tuple[str, ...]  # without an office: when it had one, or never had, and what exists
    mandate_heading: str | None  # without an office: what an MOCR is there for
    mandate: str | None
    history_heading: str
    history: Table
    comparison_note: str | None  # a real year beside invented (sample) years: says which
    notes_label: str
    framework_note: str | None  # the duties' note, where the page shows duties
    notes: tuple[str, ...]
    # The notes of the other years it shows (history, last year's checklist), each
    # after the "*" that follows that year in the tables.
    year_notes: tuple[YearNote, ...] = ()


def _answer(tr: Translator, value: str | None) -> str:
    if value is None:
        return "–"
    if value == "yes":
        return marked("yes", tr.gettext("Yes"))
    if value == "no":
        return marked("no", tr.gettext("No"))
    return marked("unknown", tr.gettext("Unknown"))


def _status(tr: Translator, value: str) -> str:
    if value == "established":
        return tr.pgettext("status", "MOCR")
    if value == "similar_office":
        return tr.pgettext("status", "similar office")
    return tr.pgettext("status", "none")


def status_word(tr: Translator, value: str) -> str:
    """An office's status as the profile's history says it (the site's index shows it)."""
    return _status(tr, value)


def _mark(tr: Translator, value: bool | None) -> Mark:
    if value is None:  # a gap, not an answer: the dash every page uses for one
        return Mark("none", "–", tr.gettext("No checklist"))
    if value:
        return Mark("yes", MARKS["yes"], tr.gettext("Yes"))
    return Mark("no", MARKS["no"], tr.gettext("No"))


def _verdict(tr: Translator, status: str) -> str:
    if status == "established":
        return tr.gettext("An MOCR is established in this municipality.")
    if status == "similar_office":
        return tr.gettext(
            "This municipality has an office with similar functions; it is not counted as an MOCR."
        )
    return tr.gettext("No MOCR has been established in this municipality.")


def _versus(tr: Translator, comparison: str | None, year: str, average: str) -> str:
    values = {"year": year, "average": average}
    if comparison == "above":
        return (
            tr.gettext("Above the average of all MOCRs in %(year)s (%(average)s duties).") % values
        )
    if comparison == "below":
        return (
            tr.gettext("Below the average of all MOCRs in %(year)s (%(average)s duties).") % values
        )
    if comparison == "at":
        return tr.gettext("At the average of all MOCRs in %(year)s (%(average)s duties).") % values
    return ""


def mandate(tr: Translator) -> str:
    """What an MOCR is for: the sheet's opening, and an office-less profile's."""
    return tr.gettext(
        "Municipal Offices for Communities and Return are obligatory in every "
        "municipality. Their mandate is to protect the rights of communities, to ensure "
        "that their members have equal access to public services, and to create the "
        "conditions for sustainable return. MOCRs report directly to the mayor. The size "
        "of each office and its number of posts depend on the share of communities "
        "living in the municipality and on their needs, and on the number of returnees "
        "and repatriated persons expected."
    )


def year_label(tr: Translator, year: int, invented: bool) -> str:
    """A year as a column heading or legend beside a real year's figures: marked
    where its figures are invented sample data ("2019 (illustrative data)")."""
    if not invented:
        return str(year)
    return tr.gettext("%(year)s (illustrative data)") % {"year": year}


def comparison_note(tr: Translator, year: int, invented: list[int]) -> str | None:
    """The note beside a real year's figures compared with invented ``invented`` years."""
    if not invented:
        return None
    return tr.gettext(
        "The figures for %(years)s are illustrative data, invented for demonstration, "
        "not monitoring results: compare them with those of %(year)s with care."
    ) % {"years": tr.years(invented), "year": tr.years([year])}


@dataclass(frozen=True)
class YearNote:
    """Another year's caveat on a page that shows its figures: its text, after
    the mark ("*") that follows the year wherever the page shows it (a column's
    or a row's heading, a chart's legend), and its anchor on the web page."""

    year: int
    text: str

    @property
    def anchor(self) -> str:
        return year_anchor(self.year)


OWN_NOTES = "note-year"  # the anchor of the page's own year's notes (the templates')


def year_anchor(year: int) -> str:
    """The web page's anchor of ``year``'s note (``YearNote``)."""
    return f"note-{year}"


def shown_notes(caveats: Mapping[int, str], years: Iterable[int]) -> tuple[YearNote, ...]:
    """The notes of the ``years`` a page shows besides its own, oldest first."""
    return tuple(YearNote(y, caveats[y]) for y in sorted(set(years)) if y in caveats)


def _previous_reason(tr: Translator, status: str, previous: str) -> str:
    """Why the office has no checklist of the year before, that year being in the data."""
    values = {"previous": previous}
    if status == "not_established":
        return tr.gettext("No checklist for %(previous)s: no MOCR was established then.") % values
    if status == "similar_office":
        return (
            tr.gettext(
                "No checklist for %(previous)s: the municipality had an office with similar "
                "functions then, not an MOCR."
            )
            % values
        )
    return tr.gettext("No checklist for %(previous)s was reported for this office.") % values


def _office(
    profile: Profile,
    tr: Translator,
    reference: Reference,
    name: str,
    marks: Mapping[int, str],
) -> Office:
    """The sections of an established office: its functioning, officers and duties.

    The checklist has a column for the year before only where that year is in
    the data; where the office has no checklist in it, a note says why.
    """
    year, previous = str(profile.year), str(profile.year - 1)
    before_year = next((h for h in profile.history if h.year == profile.year - 1), None)
    duties = reference.duties
    count = tr.number(profile.duties_count or 0)
    average = one_decimal(tr, profile.average_duties)
    bars = [Bar("own", name, count, _share(profile.duties_count, len(duties)))]
    if profile.average_duties is not None:
        bars.append(
            Bar(
                "average",
                tr.gettext("Average of all MOCRs"),
                average,
                _share(profile.average_duties, len(duties)),
            )
        )
    officers = None
    if profile.officers_total:
        officers = Table(
            tr.gettext("Officers by community and gender"),
            (tr.gettext("Community"), tr.gettext("Women"), tr.gettext("Men"), tr.gettext("Total")),
            tuple(
                Row(
                    tr.community(code),
                    (
                        tr.number(split.f),
                        tr.number(split.m),
                        tr.number(profile.officers_by_community[code]),
                    ),
                )
                for code, split in profile.gender_by_community.items()
            ),
            Row(
                tr.gettext("Total"),
                (
                    tr.number(profile.gender.f),
                    tr.number(profile.gender.m),
                    tr.number(profile.officers_total),
                ),
            ),
        )
    now, before = profile.duties or {}, profile.previous_duties
    previous_count = profile.previous_duties_count
    total_cells: tuple[str, ...] = (count,)
    if before_year is not None:
        total_cells += ("–" if previous_count is None else tr.number(previous_count),)
    return Office(
        functioning_heading=tr.gettext("Functioning and reporting"),
        facts=(
            (tr.gettext("Work plan"), _answer(tr, profile.work_plan or "unknown")),
            (tr.gettext("Annual report"), _answer(tr, profile.annual_report or "unknown")),
            (tr.gettext("Officers"), tr.number(profile.officers_total)),
            (
                tr.gettext("Substantive duties performed"),
                tr.gettext("%(count)s of %(all)s")
                % {"count": count, "all": tr.number(len(duties))},
            ),
        ),
        versus_label=tr.gettext(
            "%(count)s duties performed; the average of all MOCRs in %(year)s: %(average)s."
        )
        % {"count": count, "year": year, "average": average},
        bars=tuple(bars),
        versus_text=_versus(tr, profile.versus_average, year, average),
        officers_heading=tr.gettext("Officers by community and gender"),
        officers=officers,
        no_officers=tr.gettext("No officers were reported for this office."),
        duties_heading=tr.gettext("Substantive duties performed"),
        duties=Table(
            tr.gettext("Substantive duties performed, %(year)s and %(previous)s")
            % {"year": year, "previous": previous}
            if before_year is not None
            else tr.gettext("Substantive duties performed, %(year)s") % {"year": year},
            (tr.gettext("Duty"), year)
            + (
                (year_label(tr, before_year.year, before_year.sample and not profile.sample),)
                if before_year is not None
                else ()
            ),
            tuple(
                Row(
                    tr.duty(code),
                    (_mark(tr, now.get(code)),)
                    + (
                        (_mark(tr, None if before is None else before[code]),)
                        if before_year is not None
                        else ()
                    ),
                )
                for code in duties
            ),
            Row(tr.gettext("Total"), total_cells),
            notes=("", "")
            + ((marks.get(before_year.year, ""),) if before_year is not None else ()),
        ),
        duties_note=_previous_reason(tr, before_year.status, previous)
        if before_year is not None and before is None
        else None,
    )


def _story(profile: Profile, tr: Translator) -> tuple[str, ...]:
    """A page without an office: when the municipality had an MOCR or that it
    never had one in the years of the data, and the office with similar
    functions it has had instead, where the data records one."""
    history = profile.history
    had = [h.year for h in history if h.status == "established"]
    similar = [h.year for h in history if h.status == "similar_office"]
    every = tr.years([h.year for h in history])
    story = []
    if had:
        story.append(
            tr.gettext(
                "An MOCR was established in this municipality in %(years)s, not in %(year)s."
            )
            % {"years": tr.years(had), "year": profile.year}
        )
    elif len(history) > 1:  # one year: the verdict says it
        story.append(
            tr.gettext(
                "No MOCR was established in this municipality in any year of the data (%(years)s)."
            )
            % {"years": every}
        )
    if similar:
        story.append(
            tr.gettext("An office with similar functions is recorded in %(years)s.")
            % {"years": tr.years(similar)}
        )
    story.append(
        tr.ngettext(
            "In %(year)s, an MOCR was established in %(count)s of the %(all)s municipalities.",
            "In %(year)s, MOCRs were established in %(count)s of the %(all)s municipalities.",
            profile.established_count,
        )
        % {
            "year": profile.year,
            "count": tr.number(profile.established_count),
            "all": tr.number(profile.municipalities),
        }
    )
    return tuple(story)


def _history(profile: Profile, tr: Translator, marks: Mapping[int, str]) -> Table:
    """Every year of the data up to the profile's: the office's status and
    figures. Without an office in any of them, only the columns that hold
    something (the year, the status, and officers where there were any).
    ``marks``: the anchor of the note of each year that has one (its row's "*")."""
    real = not profile.sample
    any_office = any(h.status == "established" for h in profile.history)
    any_officers = any(h.officers for h in profile.history)
    columns: list[tuple[str, bool, Any]] = [
        (tr.gettext("Status"), False, lambda h: _status(tr, h.status))
    ]
    if any_office:
        columns += [
            (tr.gettext("Work plan"), False, lambda h: _answer(tr, h.work_plan)),
            (tr.gettext("Annual report"), False, lambda h: _answer(tr, h.annual_report)),
        ]
    if any_office or any_officers:
        # A year without an office and without officers has no count, not a zero
        # (its work plan and duties are "–" too: PDF review, Zvečan 2019).
        columns.append(
            (
                tr.gettext("Officers"),
                True,
                lambda h: (
                    "–" if h.status != "established" and not h.officers else tr.number(h.officers)
                ),
            )
        )
    if any_office:
        columns.append(
            (
                tr.gettext("Duties"),
                True,
                lambda h: "–" if h.duties_count is None else tr.number(h.duties_count),
            )
        )
    return Table(
        tr.gettext("The office in every year of the data"),
        (tr.gettext("Year"), *(c[0] for c in columns)),
        tuple(
            Row(
                year_label(tr, h.year, h.sample and real and h.year != profile.year),
                tuple(c[2](h) for c in columns),
                marks.get(h.year, ""),
            )
            for h in profile.history
        ),
        numeric=(False, *(c[1] for c in columns)),
    )


def profile_context(
    profile: Profile,
    tr: Translator,
    reference: Reference,
    notes: tuple[str, ...],
    caveats: Mapping[int, str] | None = None,
) -> ProfileContext:
    """Every text of one municipality's profile in ``tr``'s language. ``notes``:
    its year's; ``caveats``: every year's caveat (``year_notes``), of which the
    page prints those of the other years it shows, each marked where that year
    stands in its tables (its own year's row is marked with its own notes)."""
    name = tr.municipality(reference.municipality(profile.municipality))
    others = shown_notes(caveats or {}, (h.year for h in profile.history if h.year != profile.year))
    marks = {n.year: n.anchor for n in others}
    if notes:
        marks[profile.year] = OWN_NOTES
    year = str(profile.year)
    title = tr.gettext("%(municipality)s: MOCR profile %(year)s") % {
        "municipality": name,
        "year": profile.year,
    }
    subheading = tr.gettext(
        "Municipal Office for Communities and Return (MOCR): profile %(year)s"
    ) % {"year": year}
    if not whole_year(profile.period):
        subheading += f" ({tr.period(profile.period)})"
    return ProfileContext(
        title=title,
        created=f"{profile.period.end}-01",
        sample=profile.sample,
        name=name,
        status=profile.status,
        description=tr.gettext(
            "Profile of the Municipal Office for Communities and Return of "
            "%(municipality)s, %(year)s."
        )
        % {"municipality": name, "year": year},
        subheading=subheading,
        status_heading=tr.gettext("Status"),
        verdict=_verdict(tr, profile.status),
        office=_office(profile, tr, reference, name, marks) if profile.established else None,
        story=() if profile.established else _story(profile, tr),
        mandate_heading=None if profile.established else tr.gettext("Mandate"),
        mandate=None if profile.established else mandate(tr),
        history_heading=tr.gettext("History"),
        history=_history(profile, tr, marks),
        comparison_note=None
        if profile.sample
        else comparison_note(
            tr,
            profile.year,
            [h.year for h in profile.history if h.sample and h.year != profile.year],
        ),
        notes_label=tr.gettext("Notes"),
        framework_note=tr.gettext(
            "The eight substantive duties are those set out in the legal and policy "
            "framework, whose performance the OSCE Mission in Kosovo monitors regularly."
        )
        if any(h.status == "established" for h in profile.history)
        else None,
        notes=notes,
        year_notes=others,
    )


@dataclass(frozen=True)
class YearHead:
    """A year's column heading: the year, and whether it has a caveat (a "*" after
    it, explained in the notes: ``year_notes``, the part of the year it covers
    and its own notes)."""

    year: str
    noted: bool
    invented: bool = False  # a sample year beside real ones: a "†", explained in the notes


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
    code: str = ""  # the office's municipality (the web page links its profile)


@dataclass(frozen=True)
class HeatMap:
    """The heat map of every office's duty count each year."""

    heading: str
    intro: str  # what a cell means
    legend: tuple[HeatCell, ...]  # every count from none to all the duties
    corner: str
    rows: tuple[OfficeRow, ...]
    gap: str = ""  # the key of an empty cell, beside the legend's (gaps.no_office)


@dataclass(frozen=True)
class TrendChart:
    """A chart of the trends (``trend_charts``): its text alternative and its SVG
    for each medium ("" where that medium is not built)."""

    key: str
    alt: str
    screen: str
    print: str


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
    year_notes: tuple[YearNote, ...]  # a note (after a "*") for each year with a caveat
    # The charts above the tables, by key ("offices", "duties"): with_charts adds them.
    charts: Mapping[str, TrendChart] = field(default_factory=dict)
    invented: str | None = None  # the note (after a "†") where real and sample years mix


def trends_context(
    trends: Trends, tr: Translator, reference: Reference, caveats: Mapping[int, str]
) -> TrendsContext:
    """Every text of the trends in ``tr``'s language; ``caveats``: each year's
    (``year_notes``), marked in every table's heading."""
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
            "Each cell is how many of the eight substantive duties the office "
            "performed that year; a darker cell, more duties."
        ),
        tuple(heat_cell(n) for n in range(most + 1)),
        tr.gettext("Municipality"),
        tuple(
            OfficeRow(
                tr.municipality(reference.municipality(code)),
                tuple(heat_cell(trends.duties_per_office[code][y]) for y in years),
                code,
            )
            for code in in_label_order(tr, reference, list(trends.duties_per_office))
        ),
        # A key, like the legend's counts: not a part of the sentence above (PDF review).
        gap=gaps.no_office(tr),
    )
    noted = shown_notes(caveats, years)
    last_period = trends.by_year[last].period if years else None
    real = [c.year for c in columns if not c.sample]
    mixed = bool(real) and len(real) < len(columns)  # real and sample years side by side
    invented = (
        tr.gettext(
            "The figures for %(years)s are illustrative data, invented for demonstration, "
            "not monitoring results: compare them with those of %(year)s with care."
        )
        % {
            "years": tr.years([c.year for c in columns if c.sample]),
            "year": tr.years(real),
        }
        if mixed
        else None
    )
    return TrendsContext(
        title=title,
        created=f"{last_period.end}-01" if last_period else "2000-01-01",
        sample=trends.any_sample,
        description=tr.gettext(
            "Municipal Offices for Communities and Return in Kosovo: "
            "every year of the monitoring side by side."
        ),
        subheading=tr.gettext("Trends: every year side by side"),
        years=tuple(YearHead(str(c.year), c.year in caveats, c.sample and mixed) for c in columns),
        officers=officers,
        duties=duties,
        heat=heat,
        notes_label=tr.gettext("Notes"),
        framework=tr.gettext(
            "The eight substantive duties are those set out in the legal and policy "
            "framework, whose performance the OSCE Mission in Kosovo monitors regularly."
        ),
        year_notes=noted,
        invented=invented,
    )


def with_charts(
    context: TrendsContext,
    trends: Trends,
    tr: Translator,
    reference: Reference,
    shown: Mapping[str, Chart],
) -> TrendsContext:
    """The context with its charts: the print charts, and the screen ones ``shown``
    (drawn by the caller, which also writes them as files; empty for the PDF
    alone: the web page carries both media's, the PDF the print ones)."""
    from mocr_factsheet.mechanisms.mocr.trend_charts import trend_charts
    from mocr_factsheet.render.charts import PRINT

    noted = frozenset(n.year for n in context.year_notes)
    printed = trend_charts(trends, tr, reference, PRINT, noted)
    return replace(
        context,
        charts={
            key: TrendChart(key, chart.name, shown[key].svg if shown else "", chart.svg)
            for key, chart in printed.items()
        },
    )


def trends_page(context: TrendsContext, tr: Translator) -> dict[str, Any]:
    """``trends.typ``'s data: the context as JSON values, and what every PDF's base sets."""
    from mocr_factsheet.render.typst import page_data

    data = page_data(tr, context)
    for chart in data["charts"].values():
        chart["screen"] = ""  # the web page's only
    return data
