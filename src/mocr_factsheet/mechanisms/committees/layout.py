"""How tall the web page's growing print charts are drawn, so that the browser's own
print of the CC sheet (Ctrl+P) fills two A4 pages.

The PDF does not need this: Typst measures its own page
(``render.print_rooms``, ``templates/committees.typ``). The browser lays the
web page out by its CSS, which Python cannot ask, so its print charts are
sized from an estimate of the page's text (``render/measure.py`` sets lines
with the font's own widths).

Page 1 has two columns: establishment and unrepresented communities on the
left, community representation and resources on the right; each column's
text is measured and its growing chart (unrepresented, communities) gets the
room left. Page 2 is the gender chart, sized to the page.

The sizes mirror the print rules of ``templates/base.css`` and
``templates/committees.css``; change them together.
"""

from __future__ import annotations

from mocr_factsheet.render.charts import PRINT, PT_PER_MM
from mocr_factsheet.render.measure import (
    COLUMN,
    FULL,
    LEADING,
    PAGE,
    all_texts,
    block,
    find_text,
    heading_height,
    masthead_height,
    section_html,
)

SAFETY = 9  # mm kept free at the foot of each page for what the estimate misses
H2 = 1.5 + 0.8 + 0.3  # a heading's margin, padding and rule, mm
ROW_GAP = 3  # between the sections of a column (committees.css)


def answers_height(section: str) -> float:
    """A yes/no/unknown chart's height (``charts.answers_chart``), mm: its name is
    the caption of the section's table."""
    from mocr_factsheet.mechanisms.committees.charts import _note_room

    name = find_text(section, r"<caption>(.*?)</caption>")
    return 19 + _note_room(name, PRINT, COLUMN) / PT_PER_MM


def _figure_text(section: str) -> float:
    caption = find_text(section, r"<figcaption>(.*?)</figcaption>")
    return (block(caption, 8, COLUMN) + 1.5) if caption else 0.0


def _paragraphs(section: str, size: float, css_class: str = "") -> float:
    pattern = rf'<p class="{css_class}">(.*?)</p>' if css_class else r"<p>(.*?)</p>"
    return sum(block(p, size, COLUMN) + 1.6 for p in all_texts(section, pattern))


def _column_text(section: str) -> float:
    """A column section's heading, paragraphs and caption, without its chart."""
    return (
        heading_height(section, "h2", 11, COLUMN)
        + H2
        + _paragraphs(section, 9.5)
        + _paragraphs(section, 7.5, "names")
        + _figure_text(section)
    )


def page_one_room(html: str) -> float:
    """The height (mm) the two columns have on page 1."""
    return PAGE - masthead_height(html) - SAFETY


def print_heights(html: str) -> dict[str, float]:
    """The growing charts' heights (mm), from the sheet drawn without its charts."""
    room = page_one_room(html)
    establishment = section_html(html, "establishment")
    key_figure = 22 * LEADING / PT_PER_MM + 1.6
    left = _column_text(establishment) + key_figure + answers_height(establishment) + ROW_GAP
    left += _column_text(section_html(html, "unrepresented"))
    right = _column_text(section_html(html, "communities")) + ROW_GAP
    resources = section_html(html, "resources")
    right += _column_text(resources) + answers_height(resources)

    gender = section_html(html, "gender")
    used = heading_height(gender, "h2", 11, FULL) + H2
    used += block(find_text(gender, r'<p class="source">(.*?)</p>'), 7.5, FULL) + 1.6
    used += sum(block(p, 9.5, FULL) + 1.6 for p in all_texts(gender, r"<p>(.*?)</p>"))
    used += block(find_text(html, r'<footer class="statement">(.*?)</footer>'), 7.5, FULL) + 3.5 + 2
    return {
        "unrepresented": room - left,
        "communities": room - right,
        "gender": PAGE - used - SAFETY,
    }
