"""The trends' charts: small multiples, one line chart a panel, of what changed year by year.

Two charts, each a grid of panels on one scale: the offices (established, with
a work plan, that submitted an annual report: counts on one scale from 0) and
the share of women among the officers (0–100%); then each substantive duty's
share of the offices performing it (0–100%). A panel's values stand as text
above its points, and its years under them; where a panel is too narrow for
every year's (a long history), the first and last are written, and the table
under the chart gives every figure. Drawn with render/charts.py's helpers
(fonts, SVG, ids), for print (four panels a row across the A4 page) and for a
screen (two a row, a phone's width). See docs/design.md, "The trends' pages".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr.records import Trends

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from mocr_factsheet.render.charts import (
    GRID,
    PRINT,
    PT_PER_MM,
    WOMEN,
    YES,
    Chart,
    Medium,
    _figure,
    _finish,
    _style,
    text_width,
)
from mocr_factsheet.render.kept import kept

# The trends' series colours, named here only (docs/design.md, "One palette"):
# the offices' counts and the duties' shares are answers "yes" / "performed";
# the women's share is the gender chart's women. Never a community's colour.
OFFICES_COLOUR = YES
DUTY_COLOUR = YES
WOMEN_COLOUR = WOMEN

CHART_KEYS = ("offices", "duties")
GAP_MM = 5.0  # between two panels side by side
ROW_GAP_MM = 3.0  # between two rows of panels


@dataclass(frozen=True)
class Panel:
    """One small chart: its title, a value and its text per year, its scale's top."""

    title: str
    values: tuple[int, ...]
    texts: tuple[str, ...]
    top: int
    colour: str


def _columns(medium: Medium) -> int:
    return 4 if medium is PRINT else 2


def _plot_mm(medium: Medium) -> float:
    """The height of a panel's plot (from 0 to its top), mm."""
    return 15.0 if medium is PRINT else 19.0


def year_labels(trends: Trends, noted: Collection[int]) -> tuple[str, ...]:
    """Each year as the tables head it: a year with a caveat (``noted``: the part
    of the year it covers, its notes; caveats.year_notes) has a "*"."""
    return tuple(f"{y}{'*' if y in noted else ''}" for y in trends.years)


def offices_panels(trends: Trends, tr: Translator) -> list[Panel]:
    columns = [trends.by_year[y] for y in trends.years]
    established = tuple(c.established for c in columns)
    work_plan = tuple(c.work_plan.yes for c in columns)
    report = tuple(c.annual_report.yes for c in columns)
    top = max((*established, 1))  # the three counts on one scale
    women = tuple(c.gender.f_percent for c in columns)
    return [
        Panel(
            tr.gettext("MOCRs established"),
            established,
            tuple(tr.number(v) for v in established),
            top,
            OFFICES_COLOUR,
        ),
        Panel(
            tr.gettext("MOCRs with a work plan"),
            work_plan,
            tuple(tr.number(v) for v in work_plan),
            top,
            OFFICES_COLOUR,
        ),
        Panel(
            tr.gettext("MOCRs that submitted an annual report"),
            report,
            tuple(tr.number(v) for v in report),
            top,
            OFFICES_COLOUR,
        ),
        Panel(
            tr.gettext("Women among the officers"),
            women,
            tuple(tr.whole_percent(v) for v in women),
            100,
            WOMEN_COLOUR,
        ),
    ]


def duty_panels(trends: Trends, tr: Translator, reference: Reference) -> list[Panel]:
    columns = [trends.by_year[y] for y in trends.years]
    panels = []
    for duty in reference.duties:
        shares = tuple(c.duties[duty].percent if duty in c.duties else 0 for c in columns)
        panels.append(
            Panel(
                tr.duty_short(duty),
                shares,
                tuple(tr.whole_percent(v) for v in shares),
                100,
                DUTY_COLOUR,
            )
        )
    return panels


def trend_charts(
    trends: Trends,
    tr: Translator,
    reference: Reference,
    medium: Medium,
    noted: Collection[int] = (),
) -> dict[str, Chart]:
    """Both charts for ``medium``, each with its text alternative in ``tr``'s
    language; ``noted``: the years the tables mark with a caveat's "*"."""
    first, last = (trends.years[0], trends.years[-1]) if trends.years else (0, 0)
    span = {"first": first, "last": last}
    years = year_labels(trends, noted)
    return {
        "offices": small_multiples(
            "offices",
            offices_panels(trends, tr),
            years,
            medium,
            tr.gettext(
                "Line charts, one for each of: the MOCRs established, those with a work "
                "plan, those that submitted an annual report, and the share of women among "
                "the officers, each year from %(first)s to %(last)s. The table below gives "
                "every figure."
            )
            % span,
        ),
        "duties": small_multiples(
            "duties",
            duty_panels(trends, tr, reference),
            years,
            medium,
            tr.gettext(
                "Line charts, one for each substantive duty: the share of MOCRs performing "
                "it each year from %(first)s to %(last)s. The table below gives every figure."
            )
            % span,
        ),
    }


@kept()
def small_multiples(
    key: str, panels: Sequence[Panel], years: Sequence[str], medium: Medium, alt: str
) -> Chart:
    """``panels`` in rows of four (print) or two (screen), each a line over ``years``."""
    columns = _columns(medium)
    rows = max(-(-len(panels) // columns), 1)
    width = medium.wide
    panel_mm = (width - GAP_MM * (columns - 1)) / columns
    panel_pt = panel_mm * PT_PER_MM
    line_pt = medium.text * 1.2
    titles = [_wrap_bold(p.title, panel_pt, medium.text) for p in panels]
    title_lines = max((len(t) for t in titles), default=1)
    # A panel, top to bottom: its title, room for the values over the plot's
    # top, the plot, room for the years under it (points).
    title_pt = title_lines * line_pt + 1.5
    value_pt = medium.value * 1.5
    plot_pt = _plot_mm(medium) * PT_PER_MM
    year_pt = medium.value * 1.6
    panel_height = title_pt + value_pt + plot_pt + year_pt
    height_pt = rows * panel_height + (rows - 1) * ROW_GAP_MM * PT_PER_MM
    width_pt = width * PT_PER_MM
    with _style():
        fig = _figure(width, height_pt / PT_PER_MM)
        for i, (panel, title) in enumerate(zip(panels, titles, strict=True)):
            row, col = divmod(i, columns)
            left = col * (panel_mm + GAP_MM) * PT_PER_MM
            top = height_pt - row * (panel_height + ROW_GAP_MM * PT_PER_MM)
            for k, text in enumerate(title):
                fig.text(
                    left / width_pt,
                    (top - (k + 0.85) * line_pt) / height_pt,
                    text,
                    fontsize=medium.text,
                    fontweight="bold",
                    parse_math=False,
                )
            # The plot's sides leave half the widest label's room, so that the
            # first and last labels, centred on their points, stay in the panel.
            widest = text_width([*panel.texts, *years], medium.value)
            pad = widest / 2 + 1
            plot_width = panel_pt - 2 * pad
            bottom = top - title_pt - value_pt - plot_pt
            _draw_panel(fig, panel, years, medium, (left + pad, bottom, plot_width, plot_pt))
    return _finish(fig, key, alt, medium)


def _wrap_bold(text: str, width_pt: float, size: float) -> list[str]:
    """A panel's title (bold) broken into lines no wider than ``width_pt``, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width([f"{lines[-1]} {word}"], size, bold=True) <= width_pt:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    # No lone word on the last line ("… raport / vjetor"): the word before it
    # goes down too, where it fits (render/charts.py's wrap does the same).
    if len(lines) > 1 and " " not in lines[-1] and " " in lines[-2]:
        head, last = lines[-2].rsplit(" ", 1)
        if text_width([f"{last} {lines[-1]}"], size, bold=True) <= width_pt:
            lines[-2:] = [head, f"{last} {lines[-1]}"]
    return lines or [""]


def _shown(n: int, widths: Sequence[float], room: float, gap: float) -> list[int]:
    """The points whose label is written: every one where they fit side by side
    (``gap`` points apart), else the first and the last."""
    step = room / (n - 1) if n > 1 else room
    if all((widths[i] + widths[i + 1]) / 2 + gap <= step for i in range(n - 1)):
        return list(range(n))
    return sorted({0, n - 1})


def _draw_panel(
    fig: Figure,
    panel: Panel,
    years: Sequence[str],
    medium: Medium,
    plot: tuple[float, float, float, float],
) -> None:
    """A panel's plot at ``plot`` (left, bottom, width, height in points), drawn
    on the figure itself: a dozen axes, with their ticks and spines, would cost
    more than all the lines and texts they hold."""
    from matplotlib.lines import Line2D

    x0, y0, room, tall = plot
    width_pt, height_pt = (v * 72 for v in fig.get_size_inches())
    n = len(years)
    xs = [x0 + (room * i / (n - 1) if n > 1 else room / 2) for i in range(n)]
    top = max(panel.top, 1)
    ys = [y0 + tall * min(v, top) / top for v in panel.values]

    def line(x: Sequence[float], y: Sequence[float], **style: Any) -> None:
        fig.add_artist(
            Line2D(
                [v / width_pt for v in x],
                [v / height_pt for v in y],
                transform=fig.transFigure,
                **style,
            )
        )

    def text(x: float, y: float, s: str, va: str) -> None:
        fig.text(
            x / width_pt,
            y / height_pt,
            s,
            ha="center",
            va=va,
            fontsize=medium.value,
            parse_math=False,
        )

    line([x0, x0 + room], [y0, y0], color=GRID, linewidth=0.8)
    line([x0, x0 + room], [y0 + tall] * 2, color=GRID, linewidth=0.4, linestyle=(0, (2, 2)))
    line(
        xs,
        ys,
        color=panel.colour,
        linewidth=1.3,
        marker="o",
        markersize=2.8 if medium is PRINT else 3.6,
    )
    for i in _shown(n, [text_width([t], medium.value) for t in panel.texts], room, 3):
        text(xs[i], ys[i] + 2.5, panel.texts[i], "bottom")
    for i in _shown(n, [text_width([y], medium.value) for y in years], room, medium.value / 2):
        text(xs[i], y0 - 2.5, years[i], "top")
