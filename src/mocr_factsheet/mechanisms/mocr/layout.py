"""How tall the web page's print charts are drawn, so that the browser's own
print of a sheet fills two A4 pages.

A year with many communities, long notes or no previous year must neither
spill onto a third page nor leave a band of white: the text of each page is
measured (line breaks found with the font's own widths, as a CSS engine will
set it), and the charts that can grow — communities and gender on page 1,
duties per office on page 2 — are given the room that is left. The PDF's
charts are drawn to the room Typst itself measures (``sheet.render_sheet_pdf``).

The sizes below mirror the print rules of ``templates/base.css`` and
``templates/sheet.css``; change them together.
"""

from __future__ import annotations

from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr.indicators import Indicators
from mocr_factsheet.render.charts import PRINT, PT_PER_MM
from mocr_factsheet.render.measure import (
    COLUMN,
    FULL,
    LEADING,
    PAGE,
    _all,
    _find,
    _heading,
    _section,
    block,
    masthead_height,
)

SAFETY = 10  # mm kept free at the foot of each page for what the estimate misses


def page_one_heights(html: str) -> dict[str, float]:
    """Room for the community and gender charts (mm) on page 1."""
    # Masthead: the Mission's name, the title, the period, the rule, the mandate.
    used = masthead_height(html)
    h2 = 1.5 + 0.8 + 0.3
    # Row 1: establishment | functioning and reporting.
    establishment = _section(html, "establishment")
    left = _heading(establishment, "h2", 11, COLUMN) + h2 + 22 * LEADING / PT_PER_MM + 1.6
    for paragraph in _all(establishment, r"<p>(.*?)</p>"):
        left += block(paragraph, 9.5, COLUMN) + 1.6
    functioning = _section(html, "functioning")
    right = _heading(functioning, "h2", 11, COLUMN) + h2 + reporting_height() + 0.5
    right += block(_find(functioning, r"<figcaption>(.*?)</figcaption>"), 8, COLUMN)
    used += max(left, right) + 2.5
    room = PAGE - used - SAFETY
    heights: dict[str, float] = {}
    for key, ident in (("communities", "communities"), ("gender", "gender")):
        section = _section(html, ident)
        text = _heading(section, "h2", 11, COLUMN) + h2 + 0.5
        text += block(_find(section, r"<figcaption>(.*?)</figcaption>"), 8, COLUMN)
        heights[key] = room - text
    return heights


def reporting_height() -> float:
    """The reporting chart's height in mm at print size (see ``charts.reporting_chart``)."""
    return 30 + PRINT.text * 2.6 / PT_PER_MM


def page_two_height(html: str, duties_chart: float) -> float:
    """Room for the per-office chart (mm) on page 2."""
    performance = _section(html, "performance")
    used = _heading(performance, "h2", 11, FULL) + 1.5 + 0.8 + 0.3
    used += block(_find(performance, r'<p class="source">(.*?)</p>'), 7.5, FULL) + 1.6
    for text in _all(performance, r"<h3>(.*?)</h3>"):
        used += block(text, 9.5, FULL, bold=True) + 3
    used += duties_chart
    footnote = _find(performance, r'<div class="footnote" id="note-duties">(.*?)</div>')
    used += block(footnote, 7.5, FULL)
    used += block(_find(html, r'<footer class="statement">(.*?)</footer>'), 7.5, FULL) + 3.5 + 2
    return PAGE - used - SAFETY


def print_heights(html: str, ind: Indicators, tr: Translator) -> dict[str, float]:
    """The heights (mm) to draw the growing print charts at, from the sheet drawn without them."""
    from mocr_factsheet.mechanisms.mocr.charts import duty_chart_height

    heights = page_one_heights(html)
    heights["per-office"] = page_two_height(html, duty_chart_height(ind, tr, PRINT))
    return heights
