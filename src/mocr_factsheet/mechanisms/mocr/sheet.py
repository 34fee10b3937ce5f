"""The MOCR sheet: one context of every string, figure and label, and its two views.

``sheet_context`` computes what the year's sheet says, in one language, from
the catalogs (the same messages the template used to ask for): the Jinja
template ``sheet.html.j2`` renders the web page from it, and ``sheet_page``
gives the same texts to the Typst template ``sheet.typ`` for the PDF
(docs/design.md, "The PDF engine"). HTML-only markup (a name's ``<span>``,
``<wbr>``, links) is the template's; the PDF's equivalents (no-break spaces,
unhyphenated words) are made from the same plain text.

On paper the sheet fills two pages whatever the year holds. The PDF's
growing charts are drawn to the room Typst itself measures: a first pass
sets the page with an empty slot where each chart goes and reports the
slot's height (``query``), then the charts are drawn to it. The web page's
print charts are sized by ``layout`` (an estimate of the browser's layout,
which Python cannot ask), so that the browser's own print gives two pages too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator, in_label_order
from mocr_factsheet.mechanisms.mocr import gaps
from mocr_factsheet.mechanisms.mocr.charts import CHART_KEYS, ChartSet, offices_in_order
from mocr_factsheet.mechanisms.mocr.indicators import Indicators
from mocr_factsheet.mechanisms.mocr.pages import (
    YearNote,
    comparison_note,
    shown_notes,
    year_label,
)
from mocr_factsheet.mechanisms.mocr.pages import mandate as mandate_of
from mocr_factsheet.render.charts import Chart
from mocr_factsheet.render.html import Sheet, render_page
from mocr_factsheet.render.kind import Downloads, PageContext, RenderContext
from mocr_factsheet.render.palette import marked

TEMPLATE = "sheet.html.j2"
TYPST_TEMPLATE = "sheet.typ"
GROWING = ("communities", "gender", "per-office")  # the charts drawn to fill the pages
# mm left free under each growing chart: the chart is drawn to its slot's
# height less this, so that rounding never pushes a page's foot onto the next.
SLACK = 0.5


@dataclass(frozen=True)
class Phrase:
    """A sentence that names municipalities: as text (the PDF), and as HTML,
    where each name is a ``<span class="place">`` that breaks after its "/"."""

    text: str
    html: Markup


@dataclass(frozen=True)
class Table:
    """A data table of the web page (the charts' figures for screen readers):
    its caption, column heads and rows (a row's head, then its cells)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()  # each column's note anchor ("" for none): a year's "*"
    # Where each row's head is a municipality: its code, row by row (the web
    # page links its profile, ``PageContext.places``); empty for other tables.
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A chart's part of the sheet: its heading, its caption ("" for none) and its table."""

    heading: str
    caption: str
    table: Table


@dataclass(frozen=True)
class SheetContext(PageContext):
    """The year's two pages, every text in one language (``sheet.html.j2``, ``sheet.typ``)."""

    sample_note: str  # the sheet's own sentence for the illustrative-data mark
    description: str
    year: str
    period: str | None  # where the year covers part of the year
    notes: tuple[str, ...]
    title_mark: bool  # the notes' mark stands after the title (a whole year with notes)
    mandate_label: str
    mandate: str
    establishment: str  # the section's heading
    established: str  # the count of MOCRs, as the language writes it
    established_line: str  # "MOCRs in 38 municipalities"
    similar: Phrase | None
    not_established: Phrase | None
    functioning: Section
    communities: Section
    gender: Section
    performance: str
    source: str
    duties: Section  # caption unused: the chart's values say it
    per_office: Section
    missing_previous: str | None  # the table's note where an office has no previous figure
    comparison_note: str | None  # a real year beside an invented (sample) year before: says so
    chart_note: str | None  # the per-office legend's "– no figure" where the mark takes its room
    duties_note: str
    charts: Mapping[str, Markup]  # the web page's charts (each medium's SVG)
    # The year before's caveat (caveats.year_notes), where the per-office chart
    # shows that year: after the "*" of its legend and its table's column.
    year_notes: tuple[YearNote, ...] = ()


def _places(tr: Translator, reference: Reference, codes: tuple[str, ...]) -> tuple[str, Markup]:
    """Municipality labels joined as a list, in the language's order of names
    (``in_label_order``, as every list of municipalities): as text, and as HTML where a
    name's words stay together and a two-language label may break only after its "/"."""
    ordered = in_label_order(tr, reference, codes)
    labels = [tr.municipality(reference.municipality(c)).replace(" ", "\u00a0") for c in ordered]
    markup = [
        Markup('<span class="place">{}</span>').format(Markup("/<wbr>").join(name.split("/")))
        for name in labels
    ]
    return tr.join(labels), Markup(tr.join(markup))


def _phrase(
    tr: Translator, reference: Reference, pattern: str, codes: tuple[str, ...]
) -> Phrase | None:
    """The sentence (``pattern``, translated for ``len(codes)``) that names
    ``codes`` ("In three municipalities (…), …"); None without any."""
    if not codes:
        return None
    count = len(codes)
    words = tr.in_words(count, "in municipalities")
    text, markup = _places(tr, reference, codes)
    return Phrase(
        pattern % {"count": count, "words": words, "names": text},
        Markup(pattern) % {"count": count, "words": words, "names": markup, "num": count},
    )


def sheet_context(
    ind: Indicators,
    tr: Translator,
    reference: Reference,
    charts: Mapping[str, Markup],
    notes: tuple[str, ...],
    caveats: Mapping[int, str] | None = None,
) -> SheetContext:
    """Every text of the year's sheet in ``tr``'s language, and its web page's
    charts; ``caveats``: each year's (caveats.year_notes), of which the sheet prints
    the year before's where it shows that year's figures."""
    _, ngettext, number, percent = tr.gettext, tr.ngettext, tr.number, tr.whole_percent
    year, previous = str(ind.year), str(ind.previous_year)
    whole_year = ind.period.start.endswith("-01") and ind.period.end.endswith("-12")
    period = None if whole_year else tr.period(ind.period)
    title = _("Municipal Offices for Communities and Return (MOCRs) %(year)s") % {"year": year}
    mandate = " ".join(
        (
            mandate_of(tr),
            ngettext(
                "Since their introduction in 2010, MOCRs have been formally established in "
                "%(count)s municipality.",
                "Since their introduction in 2010, MOCRs have been formally established in "
                "%(count)s municipalities.",
                ind.established,
            )
            % {"count": ind.established},
            _(
                "Their establishment and mandate are governed by Regulation 02/2010 on the "
                "Municipal Offices for Communities and Return and by the MOCR Terms of "
                "Reference – Standard Operating Procedures."
            ),
        )
    )
    established_line = " ".join(
        (
            ngettext("MOCR", "MOCRs", ind.established),
            ngettext("in %(count)s municipality", "in %(count)s municipalities", ind.municipalities)
            % {"count": ind.municipalities},
        )
    )
    reports = (_("Work plan"), ind.work_plan), (_("Annual report"), ind.annual_report)
    yes, no = marked("yes", _("Yes")), marked("no", _("No"))  # palette.MARKS
    functioning = Section(
        _("Functioning and reporting"),
        _(
            "%(wp)s of %(total)s MOCRs had a work plan in %(year)s; "
            "%(ar)s submitted an annual report."
        )
        % {
            "wp": number(ind.work_plan.yes),
            "ar": number(ind.annual_report.yes),
            "total": number(ind.established),
            "year": year,
        },
        Table(
            _("Work plans and annual reports"),
            (_("Document"), yes, no, marked("unknown", _("Unknown"))),
            tuple((name, number(a.yes), number(a.no), number(a.unknown)) for name, a in reports),
        ),
    )
    communities = Section(
        _("Community representation of MOCR officers"),
        " ".join(
            (
                ngettext(
                    "%(total)s officer in all MOCRs.",
                    "%(total)s officers in all MOCRs.",
                    ind.officers_total,
                )
                % {"total": number(ind.officers_total)},
                # each share rounded on its own (core/shares.py, docs/design.md)
                _("Percentages may not add up to 100 because of rounding."),
            )
        ),
        Table(
            _("Officers by community"),
            (_("Community"), _("Officers"), _("Share")),
            tuple(
                (tr.community(code), number(count), percent(ind.community_shares[code]))
                for code, count in ind.officers_by_community.items()
            ),
        ),
    )
    gender = Section(
        _("Gender representation of MOCR officers by community"),
        _("Women make up %(share)s of MOCR officers (%(women)s of %(total)s).")
        % {
            "share": percent(ind.gender.f_percent),
            "women": number(ind.gender.f),
            "total": number(ind.officers_total),
        },
        Table(
            _("Women and men among the officers of each community"),
            (_("Community"), _("Women"), _("Men")),
            tuple(
                (tr.community(code), number(split.f), number(split.m))
                for code, split in ind.gender_by_community.items()
            ),
        ),
    )
    duties = Section(
        _("Share of MOCRs performing each substantive duty"),
        "",
        Table(
            _("Offices that performed each substantive duty"),
            (_("Duty"), yes, no, _("Share")),
            tuple(
                (tr.duty(code), number(a.yes), number(a.no), percent(a.percent))
                for code, a in ind.duties.items()
            ),
        ),
    )
    has_previous = ind.has_previous
    others = shown_notes(caveats or {}, [ind.previous_year] if has_previous else [])
    invented = has_previous and ind.previous_sample and not ind.sample
    previous_head = year_label(tr, ind.previous_year, invented)
    office_codes = tuple(offices_in_order(ind, tr, reference))
    offices = [
        (tr.municipality(reference.municipality(code)), ind.duties_per_office[code])
        for code in office_codes
    ]
    per_office = Section(
        _("Number of substantive duties performed per MOCR, %(year)s and %(previous)s")
        % {"year": year, "previous": previous}
        if has_previous
        else _("Number of substantive duties performed per MOCR, %(year)s") % {"year": year},
        "",
        Table(
            _("Substantive duties performed per MOCR"),
            (_("Municipality"), year, previous_head) if has_previous else (_("Municipality"), year),
            tuple(
                (name, number(c.count), "–" if c.previous is None else number(c.previous))
                if has_previous
                else (name, number(c.count))
                for name, c in offices
            ),
            notes=("", "", others[0].anchor if others else "") if has_previous else (),
            codes=office_codes,
        ),
    )
    missing = has_previous and any(c.previous is None for _name, c in offices)
    return SheetContext(
        title=title,
        created=f"{ind.period.end}-01",
        sample=ind.sample,
        sample_note=_(
            "the figures in this sheet are invented for demonstration; "
            "they are not monitoring results."
        ),
        description=_(
            "Factsheet on the Municipal Offices for Communities and Return in Kosovo, %(year)s."
        )
        % {"year": year},
        year=year,
        period=period,
        notes=notes,
        title_mark=bool(notes) and period is None,
        mandate_label=_("Mandate"),
        mandate=mandate,
        establishment=_("Establishment"),
        established=number(ind.established),
        established_line=established_line,
        similar=_phrase(
            tr,
            reference,
            ngettext(
                "In %(words)s municipality (%(names)s), an office with similar functions exists; "
                "it is not counted as an MOCR in this factsheet.",
                "In %(words)s municipalities (%(names)s), offices with similar functions exist; "
                "they are not counted as MOCRs in this factsheet.",
                len(ind.similar_office),
            ),
            ind.similar_office,
        ),
        not_established=_phrase(
            tr,
            reference,
            ngettext(
                "No MOCR has been established in %(words)s municipality: %(names)s.",
                "No MOCR has been established in these %(words)s municipalities: %(names)s.",
                len(ind.not_established),
            ),
            ind.not_established,
        ),
        functioning=functioning,
        communities=communities,
        gender=gender,
        performance=_("Performance %(year)s") % {"year": year},
        source=_(
            "Based on regular monitoring by the Mission’s field teams, on periodic reviews "
            "and on reports produced by the municipalities."
        ),
        duties=duties,
        per_office=per_office,
        missing_previous=gaps.no_office(tr) if missing else None,
        comparison_note=comparison_note(tr, ind.year, [ind.previous_year] if invented else []),
        chart_note=gaps.no_office(tr) if missing and invented else None,
        duties_note=_(
            "Duties set out in the legal and policy framework, whose performance the OSCE "
            "Mission in Kosovo monitors regularly."
        ),
        charts=charts,
        year_notes=others,
    )


def render_sheet(
    templates_dir: Path,
    ind: Indicators,
    tr: Translator,
    reference: Reference,
    charts: ChartSet,
    notes: tuple[str, ...],
    downloads: Downloads | None = None,
    web_fields: Mapping[str, Any] | None = None,
    caveats: Mapping[int, str] | None = None,
) -> Sheet:
    """The web page, with both media's charts inline (CSS shows each set in its medium).

    Its print charts fill the two pages the browser prints: the page is
    rendered once without charts, ``layout`` estimates the room its text
    takes, and the print charts are drawn to fill the rest.
    """
    if not charts.heights:
        from mocr_factsheet.mechanisms.mocr.layout import print_heights

        blank = {key: Markup("") for key in CHART_KEYS}
        draft = render_page(
            templates_dir, TEMPLATE, tr, sheet_context(ind, tr, reference, blank, notes, caveats)
        )
        charts.heights = print_heights(draft.html, ind, tr)
    markup = {
        key: Markup(charts.screen[key].svg) + Markup(charts.print[key].svg) for key in CHART_KEYS
    }
    # Its data files, chart files and navigation are links the print hides: not in the draft.
    context = replace(
        sheet_context(ind, tr, reference, markup, notes, caveats),
        downloads=downloads,
        **(web_fields or {}),
    )
    return render_page(templates_dir, TEMPLATE, tr, context, embed_font=True)


def sheet_page(
    context: SheetContext, tr: Translator, charts: Mapping[str, Chart], measuring: bool = False
) -> dict[str, Any]:
    """The sheet's texts for ``sheet.typ`` (``sys.inputs.page``): the context's, with
    the plain-text equivalents of the web page's filters (numbers tied to their
    words, no lone last word), and the print charts' SVG. Running text keeps its
    last two words together too: unhyphenated (see ``sheet.typ``), a paragraph
    could otherwise end on one word where the web page's hyphenated one does not. ``measuring``: the
    first pass, with a slot where each growing chart goes (``charts`` lacks them)."""
    from mocr_factsheet.render.typst import base_data, last_words_together, tied

    def tie(text: str) -> str:
        return tied(tr, text)

    def heading(text: str) -> str:
        return last_words_together(text, 20)

    def section(part: Section) -> dict[str, str]:
        return {"heading": heading(part.heading), "caption": tie(part.caption)}

    return {
        "base": base_data(tr, context.title, context.sample, context.sample_note),
        "measuring": measuring,
        "title": context.title,
        "title_mark": context.title_mark,
        "period": context.period,
        "note": last_words_together(" ".join(context.notes), 30) if context.notes else None,
        "mandate": tie(context.mandate),
        "establishment": heading(context.establishment),
        "established": context.established,
        "established_line": tie(context.established_line),
        "similar": tie(context.similar.text) if context.similar else None,
        "not_established": tie(context.not_established.text) if context.not_established else None,
        "functioning": section(context.functioning),
        "communities": section(context.communities),
        "gender": section(context.gender),
        "performance": context.performance,
        "source": last_words_together(context.source, 20),
        "duties": heading(context.duties.heading),
        "per_office": context.per_office.heading,
        "duties_note": tie(context.duties_note),
        "comparison_note": last_words_together(context.comparison_note, 30)
        if context.comparison_note
        else None,
        "chart_note": context.chart_note,
        "year_notes": [last_words_together(n.text, 30) for n in context.year_notes],
        "charts": {key: {"svg": c.svg, "alt": c.name} for key, c in charts.items()},
    }


def render_sheet_pdf(
    ctx: RenderContext,
    ind: Indicators,
    tr: Translator,
    charts: ChartSet,
    notes: tuple[str, ...],
    source: Path,
    caveats: Mapping[int, str] | None = None,
) -> bytes:
    """The PDF: Typst sets the page with a slot for each growing chart and says
    how tall each is (``<room>``); the charts are drawn to that height, and the
    sheet is typeset with them. Problems are reported under ``source``."""
    page, created = sheet_pdf_page(ctx, ind, tr, charts, notes, caveats)
    return ctx.typeset(TYPST_TEMPLATE, page, created, source)


def sheet_pdf_page(
    ctx: RenderContext,
    ind: Indicators,
    tr: Translator,
    charts: ChartSet,
    notes: tuple[str, ...],
    caveats: Mapping[int, str] | None = None,
) -> tuple[dict[str, Any], str]:
    """The PDF's page data (``sheet.typ``, also set in the year's booklet,
    ``booklet.typ``), its charts drawn to the room Typst measured, and its date."""
    from mocr_factsheet.render.typst import query

    context = sheet_context(ind, tr, ctx.dataset.reference, {}, notes, caveats)
    fixed = charts.print_fixed
    ctx.lap("charts")
    first = sheet_page(context, tr, fixed, measuring=True)
    rooms = query(ctx.templates_dir, TYPST_TEMPLATE, first, "<room>")
    ctx.lap("pdf")
    heights = {str(room["key"]): float(room["height"]) - SLACK for room in rooms}
    drawn = charts.print_at(heights)
    ctx.lap("charts")
    return sheet_page(context, tr, drawn), context.created
