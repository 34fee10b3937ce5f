"""The CC sheet in one language: the web page through Jinja, the PDF through Typst.

Both are views of one context, ``pages.committee_page`` (every text, figure and
label). What is the CC's own here: its charts, drawn for each medium, and how
tall the growing print charts are drawn so that the sheet fills two A4 pages.

- The PDF (``templates/committees.typ``): Typst measures. A first pass sets
  the sheet without its growing charts and reports the room each one's slot
  has (``metadata`` at ``<room>``); the charts are drawn to that room and the
  final pass sets them in it.
- The web page's own print (``@media print`` in ``templates/committees.css``):
  the browser lays it out, not Typst, so its print charts keep the heights
  ``layout.py`` estimates from the page's text for the CSS rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.committees.charts import (
    CHART_KEYS,
    CommitteeCharts,
    fixed_charts,
)
from mocr_factsheet.mechanisms.committees.pages import CommitteePage, Named, committee_page
from mocr_factsheet.mechanisms.committees.records import CommitteeFigures
from mocr_factsheet.render.charts import PRINT, Chart
from mocr_factsheet.render.kind import Downloads
from mocr_factsheet.render.typst import tied

TEMPLATE = "committees.html.j2"
TYPST = "committees.typ"
TEMPLATES = (TEMPLATE, "committees.css", TYPST)
# mm a growing chart is drawn shorter than its slot: Typst's measure is exact,
# this keeps a rounding from pushing the chart onto a third page.
SLACK = 0.5
# letters: a municipality's label this long may break at its spaces in the PDF
# (a shorter one never does): kept whole, "Severna Mitrovica/Mitrovicë e Veriut"
# left the line before it a third full (PDF review).
WHOLE_LABEL = 24


def _named(tr: Translator, named: Named | None, longest: int | None = 30) -> dict[str, Any] | None:
    """A sentence listing municipalities, for Typst: the text before and after the
    list, and the list in pieces, each label of up to ``WHOLE_LABEL`` letters marked
    (the template keeps it whole, as the web page's ``place-last`` keeps its last one)."""
    if named is None:
        return None
    text = tied(tr, named.text, longest)
    names = tr.tie(named.places.text)
    head, found, tail = text.partition(names)
    if not found:  # the list's spaces were tied otherwise: the sentence as it is
        return {"head": text, "names": [], "tail": ""}
    pieces: list[dict[str, Any]] = []
    at = 0
    for label in (tr.tie(label) for label in named.places.labels):
        start = names.index(label, at)
        if start > at:
            pieces.append({"text": names[at:start], "label": False})
        pieces.append({"text": label, "label": len(label) <= WHOLE_LABEL})
        at = start + len(label)
    if at < len(names):
        pieces.append({"text": names[at:], "label": False})
    return {"head": head, "names": pieces, "tail": tail}


def typst_page(page: CommitteePage, tr: Translator, charts: Mapping[str, Chart]) -> dict[str, Any]:
    """The page as ``templates/committees.typ`` reads it (``sys.inputs.page``): the same
    texts as the web page's, tied as its filters tie them, and the print charts (the
    measuring pass gives only the fixed ones)."""
    from mocr_factsheet.render.typst import base_data

    return {
        "base": base_data(tr, page.title, page.sample, page.sample_note),
        "title": page.title,
        "period": page.period,
        "mark": bool(page.notes),
        "year_note": tied(tr, page.year_note, 30) if page.notes else None,
        "mandate": tied(tr, page.mandate),
        "establishment": tied(tr, page.establishment, 20),
        "established": page.established,
        "key_figure": tr.tie(page.key_figure),
        "not_established": _named(tr, page.not_established),
        "meetings_caption": tied(tr, page.meetings_caption),
        "not_meeting": _named(tr, page.not_meeting, None),
        "unrepresented": tied(tr, page.unrepresented, 20),
        "unrepresented_text": tied(tr, page.unrepresented_text),
        "unrepresented_chart": page.unrepresented_chart,
        "communities": tied(tr, page.communities, 20),
        "members_caption": tied(tr, page.members_caption),
        "resources": tied(tr, page.resources, 20),
        "resources_caption": tied(tr, page.resources_caption),
        "inadequate": _named(tr, page.inadequate, None),
        "gender": tied(tr, page.gender, 20),
        "gender_source": tied(tr, page.gender_source, 30),
        "women_share": tied(tr, page.women_share),
        "charts": {key: {"svg": c.svg, "alt": c.name} for key, c in charts.items()},
    }


def print_rooms(
    templates_dir: Path, page: CommitteePage, tr: Translator, fixed: Mapping[str, Chart]
) -> dict[str, float]:
    """The height (mm) of each growing chart's slot in the PDF, as Typst sets the
    sheet with its ``fixed`` charts only."""
    from mocr_factsheet.render.typst import query

    found = query(templates_dir, TYPST, typst_page(page, tr, fixed), "<room>")
    return {str(room["key"]): float(room["height"]) - SLACK for room in found}


def _web_print_heights(
    templates_dir: Path, page: CommitteePage, tr: Translator, source: str
) -> dict[str, float]:
    """The growing charts' heights on the web page's own print (layout.py), from the
    page drawn without its charts."""
    from mocr_factsheet.mechanisms.committees.layout import print_heights
    from mocr_factsheet.render.html import render_page

    draft = page.as_context()
    draft["charts"] = {key: Markup("") for key in CHART_KEYS}
    draft["source"] = source
    return print_heights(render_page(templates_dir, TEMPLATE, tr, draft).html)


def render_committees(
    templates_dir: Path,
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    notes: tuple[str, ...],
    formats: tuple[str, ...] = ("html", "pdf"),
    source: str = TEMPLATE,
    font_characters: str = "",
    web: CommitteeCharts | None = None,
    downloads: Downloads | None = None,
    web_fields: Mapping[str, Any] | None = None,
) -> dict[str, bytes]:
    """The sheet in each of ``formats``, as bytes: ``html`` self-contained (font and
    charts inline, both media's charts, CSS showing each in its own, with
    ``web_fields``: its navigation and dates, ``Kind.web_fields``), ``pdf`` A4.
    ``web``: the web page's charts where they were drawn already (for the chart
    files, render/downloads.py); ``downloads``: the web page's data and chart files."""
    page = committee_page(figures, tr, reference, notes)
    out: dict[str, bytes] = {}
    if "html" in formats:
        from mocr_factsheet.render.html import render_page

        heights = _web_print_heights(templates_dir, page, tr, source)
        if web is None:
            web = CommitteeCharts(figures, tr, reference, heights)
        web.heights = heights
        context = page.as_context()
        context["source"] = source
        context["downloads"] = downloads
        context.update(web_fields or {})
        context["charts"] = {
            key: Markup(web.screen[key].svg) + Markup(web.print[key].svg) for key in CHART_KEYS
        }
        sheet = render_page(
            templates_dir,
            TEMPLATE,
            tr,
            context,
            embed_font=True,
            font_characters=font_characters,
        )
        out["html"] = sheet.html.encode("utf-8")
    if "pdf" in formats:
        from mocr_factsheet.render.typst import render_pdf

        fixed = web.fixed if web is not None else fixed_charts(figures, tr, PRINT)
        rooms = print_rooms(templates_dir, page, tr, fixed)
        charts = CommitteeCharts(figures, tr, reference, rooms)
        charts.fixed = fixed  # the same on both papers: drawn once
        data = typst_page(page, tr, charts.print)
        out["pdf"] = render_pdf(templates_dir, TYPST, data, page.created, source)
    return out
