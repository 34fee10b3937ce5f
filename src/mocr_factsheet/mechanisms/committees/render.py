"""The CC sheet in one language: HTML for the web, and the PDF through the same template.

Generic rendering is the project's (``render/html.render_page``,
``render/pdf.render_pdf``); what is the CC's own is the template's context,
its charts and the print heights that fill two A4 pages.
"""

from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.committees.charts import CHART_KEYS, CommitteeCharts
from mocr_factsheet.mechanisms.committees.pages import committee_page
from mocr_factsheet.mechanisms.committees.records import CommitteeFigures
from mocr_factsheet.render.charts import Chart

TEMPLATE = "committees.html.j2"
TEMPLATES = (TEMPLATE, "committees.css")


def _image(chart: Chart) -> Markup:
    """A chart for the PDF: an ``<img>`` with a data URI (as the MOCR sheet's)."""
    data = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart" src="data:image/svg+xml;base64,{}" alt="{}">').format(
        Markup(data), chart.name
    )


def render_committees(
    templates_dir: Path,
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    notes: tuple[str, ...],
    formats: tuple[str, ...] = ("html", "pdf"),
    source: str = TEMPLATE,
    font_characters: str = "",
) -> dict[str, bytes]:
    """The sheet in each of ``formats``, as bytes: ``html`` self-contained (font and
    charts inline, both media's charts, CSS showing each in its own), ``pdf`` A4."""
    from mocr_factsheet.mechanisms.committees.layout import print_heights
    from mocr_factsheet.render.html import render_page

    # On paper the sheet fills two pages whatever the year holds: the page is
    # drawn once without charts, its text measured, and the growing print
    # charts get the room that is left (as the MOCR sheet does).
    blank = {key: Markup("") for key in CHART_KEYS}
    draft = committee_page(figures, tr, reference, blank, notes).as_context()
    draft["source"] = source
    heights = print_heights(render_page(templates_dir, TEMPLATE, tr, draft).html)
    charts = CommitteeCharts(figures, tr, reference, heights)
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "html":
            markup = {
                key: Markup(charts.screen[key].svg) + Markup(charts.print[key].svg)
                for key in CHART_KEYS
            }
        else:
            markup = {key: _image(charts.print[key]) for key in CHART_KEYS}
        context = committee_page(figures, tr, reference, markup, notes).as_context()
        context["source"] = source
        if fmt == "html":
            page = render_page(
                templates_dir,
                TEMPLATE,
                tr,
                context,
                embed_font=True,
                font_characters=font_characters,
            )
            out[fmt] = page.html.encode("utf-8")
        else:
            from mocr_factsheet.render.pdf import render_pdf

            page = render_page(templates_dir, TEMPLATE, tr, context, linked_styles=True)
            out[fmt] = render_pdf(page, source)
    return out
