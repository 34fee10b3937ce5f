"""The publication's one palette and marks: one meaning per colour, everywhere.

Charts (matplotlib, ``render/charts.py`` and the mechanisms' ``charts.py``)
import the colours from here; the web pages' CSS custom properties
(``templates/base.css``, ``:root``) and the PDFs' Typst values
(``templates/base.typ``, ``palette``) carry the same values under the same
names, and ``tests/test_palette.py`` checks that the three agree. A chart, a
stylesheet or a Typst template picks a colour by its meaning, never by its look.

The meanings never share a colour: community colours (``communities.csv``,
defaults in ``COMMUNITY_COLOURS``: Paul Tol's "muted" scheme) are never used
for years, answers or the average; years run dark to light in one ochre hue
(this year the darkest); answers are blue / vermilion / grey (Paul Tol's
"high-contrast" blue, "vibrant" red), the unknown hatched in charts. Every
colour of a mark stands at least 3:1 against white (WCAG 1.4.11), every colour
text is written in at least 4.5:1 (WCAG 1.4.3), and colours that stand side by
side differ in lightness too, so that they part in greyscale and for readers
with a colour-vision deficiency (docs/design.md).
"""

from __future__ import annotations

# The meaning of each colour, by the name the stylesheets (``--NAME``) and
# base.typ (``palette.at("NAME")``) use.
PALETTE: dict[str, str] = {
    # Answers: performed / yes, not performed / no, unknown.
    "yes": "#004488",  # dark blue, 9.6:1
    "no": "#CC3311",  # vermilion, 5.2:1
    "unknown": "#767676",  # grey, hatched in charts, 4.5:1
    # Years: this year, the year before, older years (dark to light, one hue).
    "this-year": "#5C3D00",  # dark brown, 9.9:1
    "previous-year": "#997700",  # ochre, 4.2:1
    "older-years": "#A68A00",  # light ochre, 3.4:1
    # The average of all offices (a profile's bar beside the office's own).
    "average": "#5F6B78",  # slate, 5.4:1
    # Women and men.
    "women": "#AA3377",  # purple, 6.1:1
    "men": "#009988",  # teal, 3.6:1
    # Text and rules, not data.
    "ink": "#222222",
    "grid": "#D5D5D5",
}

# The marks of the answers, the same on every page, each with a text
# alternative in the page's language (``Yes``, ``No``, ``Unknown``).
MARKS: dict[str, str] = {"yes": "✓", "no": "✗", "unknown": "?"}

# The colours by the names the charts use.
YES = PALETTE["yes"]
NO = PALETTE["no"]
UNKNOWN = PALETTE["unknown"]
THIS_YEAR = PALETTE["this-year"]
LAST_YEAR = PALETTE["previous-year"]
OLDER_YEARS = PALETTE["older-years"]
AVERAGE = PALETTE["average"]
WOMEN = PALETTE["women"]
MEN = PALETTE["men"]
INK = PALETTE["ink"]
GRID = PALETTE["grid"]

# A community's colour where communities.csv gives none: the same as the
# bundled file's, so that a chart looks the same with or without the column.
COMMUNITY_COLOURS = {
    "albanian": "#332288", "serb": "#88CCEE", "bosniak": "#44AA99", "turk": "#117733",
    "roma": "#999933", "ashkali": "#DDCC77", "egyptian": "#CC6677", "gorani": "#882255",
    "montenegrin": "#AA4499", "croat": "#6699CC", "other": "#BBBBBB",
}  # fmt: skip

# The trends' heat map: how many of the eight duties an office performed in a
# year, 0 to 8, light to dark blue (ColorBrewer's "Blues", its step 4 a little
# lighter), and the ink of the figure written on each, at least 4.5:1 against
# its cell (templates/trends.css ``.c0``–``.c8``, trends.typ ``heat-fills``,
# ``heat-inks``; tests/test_palette.py checks the three agree).
HEAT_FILLS = (
    "#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#77B3D9",
    "#4292C6", "#2171B5", "#08519C", "#08306B",
)  # fmt: skip
HEAT_INKS = ("#222222",) * 5 + ("#000000", "#FFFFFF", "#FFFFFF", "#FFFFFF")

# The colours of data (marks) and the colours text is written in.
MARK_COLOURS = tuple(name for name in PALETTE if name not in ("ink", "grid"))
TEXT_COLOURS = ("yes", "no", "unknown", "ink")


def marked(answer: str, words: str) -> str:
    """An answer's words after its mark ("✓ Yes"), as every legend and table head writes it."""
    return f"{MARKS[answer]}\u00a0{words}"
