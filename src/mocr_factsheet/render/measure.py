"""Measuring a page's text for print layouts: how many lines a paragraph takes
(with the font's own widths, as a browser's print will set it) and the pieces of a
rendered page to measure. Each mechanism's ``layout.py`` decides, with these,
how tall its print charts are so that its sheet fills its A4 pages; the sizes
mirror the print rules of ``templates/base.css``.
"""

from __future__ import annotations

import html as html_lib
import re

from mocr_factsheet.render.charts import PT_PER_MM, wrap

PAGE = 297 - 14 - 12  # mm: A4 less the top and bottom margins
FULL = 186  # mm: A4 less the side margins
COLUMN = 90  # mm: one of two columns, 6 mm apart
BOLD = 1.1  # DejaVu Sans Bold is about a tenth wider than the regular face
LEADING = 1.38


def lines(text: str, size: float, width_mm: float, bold: bool = False) -> int:
    """How many lines ``text`` takes at ``size`` points in a box ``width_mm`` wide."""
    if not text.strip():
        return 0
    width = width_mm * PT_PER_MM / (BOLD if bold else 1.0)
    return len(wrap(text, width, size))


def block(text: str, size: float, width_mm: float, bold: bool = False) -> float:
    """The height in mm of a paragraph of ``text``."""
    return lines(text, size, width_mm, bold) * size * LEADING / PT_PER_MM


def _text(fragment: str) -> str:
    """A fragment's text; a no-break space measured as a narrow letter, so that it joins."""
    return html_lib.unescape(re.sub(r"<[^>]*>", "", fragment)).replace("\u00a0", "l")


def find_text(html: str, pattern: str) -> str:
    """The text of ``pattern``'s first group in ``html`` ('' if it is not there)."""
    found = re.search(pattern, html, re.DOTALL)
    return _text(found.group(1)) if found else ""


def all_texts(html: str, pattern: str) -> list[str]:
    """The text of ``pattern``'s first group at each of its places in ``html``."""
    return [_text(m) for m in re.findall(pattern, html, re.DOTALL)]


def section_html(html: str, ident: str) -> str:
    """The inside of ``<section id="ident">`` ('' if there is none)."""
    found = re.search(rf'<section id="{ident}">(.*?)</section>', html, re.DOTALL)
    return found.group(1) if found else ""


def heading_height(fragment: str, tag: str, size: float, width: float) -> float:
    """The height in mm of the fragment's ``tag`` heading, set bold at ``size`` points."""
    text = find_text(fragment, rf"<{tag}>(.*?)</{tag}>")
    return block(text, size, width, bold=True)


def masthead_height(html: str) -> float:
    """The height (mm) of a sheet's page-1 head: the Mission's name, the title,
    the period, the rule, the mandate and the year's note."""
    used = 8 * LEADING / PT_PER_MM + 1
    used += lines(find_text(html, r"<h1>(.*?)</h1>"), 17, FULL, bold=True) * 17 * 1.2 / PT_PER_MM
    if 'class="period"' in html:
        used += 10 * LEADING / PT_PER_MM + 1
    used += 2 + 0.7 + 3
    used += block(find_text(html, r'<section class="mandate"[^>]*>(.*?)</section>'), 9, FULL) + 1.6
    note = find_text(html, r'<div class="footnote year-note"[^>]*>(.*?)</div>')
    if note:
        used += block(note, 7.5, FULL) + 2.5
    return used


# The names mechanisms/mocr/layout.py imports.
_find, _all, _section, _heading = find_text, all_texts, section_html, heading_height
