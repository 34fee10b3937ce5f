"""The MOCR sheet's HTML: its template context, and two A4 pages filled by its charts.

The page itself is rendered like any other (``render.html.render_page``);
what is the sheet's own is here: the context of ``sheet.html.j2``, the print
charts drawn to the room the text leaves (``layout``), and the charts as
images for the PDF.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr.charts import CHART_KEYS, ChartSet
from mocr_factsheet.mechanisms.mocr.indicators import DutyCount, Indicators
from mocr_factsheet.render.charts import Chart
from mocr_factsheet.render.html import Sheet, render_page
from mocr_factsheet.render.kind import PageContext

TEMPLATE = "sheet.html.j2"


def chart_image(chart: Chart) -> Markup:
    """A chart for the PDF: an ``<img>`` with a data URI.

    WeasyPrint parses inline SVG's style attributes as CSS (and warns about
    every SVG property) and draws it more slowly than an image of the same SVG.
    """
    data = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart" src="data:image/svg+xml;base64,{}" alt="{}">').format(
        Markup(data), chart.name
    )


@dataclass(frozen=True)
class SheetContext(PageContext):
    """``sheet.html.j2``: the year's two pages."""

    sample_note: str  # the sheet's own sentence for the illustrative-data mark
    year: str
    previous_year: str
    period: str | None  # where the year covers part of the year
    ind: Indicators
    established: int
    has_previous: bool
    missing_previous: bool  # an office without last year's checklist
    municipalities: int
    similar: Markup  # the similar offices' municipalities, as a list in words
    similar_count: int
    not_established: Markup
    not_established_count: int
    charts: Mapping[str, Markup]
    offices: list[tuple[str, DutyCount]]  # each office's label and duty count, in label order
    notes: tuple[str, ...]


def sheet_context(
    ind: Indicators,
    tr: Translator,
    reference: Reference,
    charts: Mapping[str, Markup],
    notes: tuple[str, ...],
) -> SheetContext:
    def places(codes: tuple[str, ...]) -> Markup:
        """Municipality labels joined as a list; a name's words stay together, and
        a two-language label may break only after its "/"."""
        labels = [
            Markup('<span class="place">{}</span>').format(
                Markup("/<wbr>").join(
                    part.replace(" ", "\u00a0")
                    for part in tr.municipality(reference.municipality(c)).split("/")
                )
            )
            for c in codes
        ]
        return Markup(tr.join(labels))

    from mocr_factsheet.mechanisms.mocr.charts import offices_in_order

    whole_year = ind.period.start.endswith("-01") and ind.period.end.endswith("-12")
    title = tr.gettext("Municipal Offices for Communities and Return (MOCRs) %(year)s")
    return SheetContext(
        title=title % {"year": ind.year},
        created=f"{ind.period.end}-01",
        sample=ind.sample,
        sample_note=tr.gettext(
            "the figures in this sheet are invented for demonstration; "
            "they are not monitoring results."
        ),
        year=str(ind.year),
        previous_year=str(ind.previous_year),
        period=None if whole_year else tr.period(ind.period),
        ind=ind,
        established=ind.established,
        has_previous=ind.has_previous,
        missing_previous=ind.has_previous
        and any(c.previous is None for c in ind.duties_per_office.values()),
        municipalities=ind.municipalities,
        similar=places(ind.similar_office),
        similar_count=len(ind.similar_office),
        not_established=places(ind.not_established),
        not_established_count=len(ind.not_established),
        charts=charts,
        offices=[
            (tr.municipality(reference.municipality(code)), ind.duties_per_office[code])
            for code in offices_in_order(ind, tr, reference)
        ],
        notes=notes,
    )


def render_sheet(
    templates_dir: Path,
    ind: Indicators,
    tr: Translator,
    reference: Reference,
    charts: ChartSet,
    notes: tuple[str, ...],
    inline_charts: bool = True,
) -> Sheet:
    """The sheet's HTML: for the web page (``inline_charts``) or as the PDF's source.

    On paper the sheet fills two pages whatever the year holds: the page is
    rendered once without charts, ``layout`` reads how much room its text
    takes, and the print charts are drawn to fill the rest. The PDF's source
    shows them as images. The web page carries them inline beside the screen
    charts, so that the browser's own print gives the PDF's two pages; CSS
    shows each set in its medium.
    """
    if not charts.heights:
        from mocr_factsheet.mechanisms.mocr.layout import print_heights

        blank = {key: Markup("") for key in CHART_KEYS}
        draft = render_page(
            templates_dir, TEMPLATE, tr, sheet_context(ind, tr, reference, blank, notes)
        )
        charts.heights = print_heights(draft.html, ind, tr)
    if inline_charts:
        markup = {
            key: Markup(charts.screen[key].svg) + Markup(charts.print[key].svg)
            for key in CHART_KEYS
        }
    else:
        markup = {key: chart_image(chart) for key, chart in charts.print.items()}
    context = sheet_context(ind, tr, reference, markup, notes)
    return render_page(templates_dir, TEMPLATE, tr, context, embed_font=inline_charts)
