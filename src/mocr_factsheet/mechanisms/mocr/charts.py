"""Charts: functions from indicators and a translator to SVG text.

Drawn with matplotlib's object API (no pyplot, no global figure state), text
kept as real ``<text>`` (``svg.fonttype = none``) so that it stays selectable
and searchable in the PDF, in the package's own font. Ids are prefixed per
chart and the hash salt and metadata fixed: the same data gives the same bytes.

Every chart is drawn for a medium: ``PRINT`` at the size it has on A4 paper,
``SCREEN`` narrow (a phone's width) with larger text, so that a page scales
it up on a wide screen and never down to unreadable text on a small one.
Names and notes are text, never markup or math: every text artist gets
``parse_math=False`` (a municipality named ``$\\frac$`` is written as typed).
No figure is computed here: counts and percentages come from the core.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import cached_property

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator, in_label_order
from mocr_factsheet.mechanisms.mocr import gaps
from mocr_factsheet.mechanisms.mocr.indicators import Indicators
from mocr_factsheet.mechanisms.mocr.pages import year_label
from mocr_factsheet.render.charts import (
    INK,
    LAST_YEAR,
    MEN,
    NO,
    PRINT,
    PT_PER_MM,
    SCREEN,
    THIS_YEAR,
    UNKNOWN,
    WOMEN,
    YES,
    Chart,
    Medium,
    Plot,
    _figure,
    _finish,
    _grouped_bars,
    _legend,
    _legend_room,
    _style,
    community_bars,
    text_width,
    wrap,
    wrap_name,
)
from mocr_factsheet.render.kept import kept
from mocr_factsheet.render.palette import marked

CHART_KEYS = ("reporting", "communities", "gender", "duties", "per-office")


class ChartSet:
    """A sheet's charts for both media, each set drawn the first time it is asked for.

    A build of the web page alone never draws the print charts, nor the PDF
    alone the screen ones. ``heights`` sets the print charts' heights that the
    page's layout decides (see ``layout``).
    """

    def __init__(
        self,
        ind: Indicators,
        tr: Translator,
        reference: Reference,
        heights: Mapping[str, float] | None = None,
        noted: Collection[int] = (),
    ) -> None:
        self.ind, self.tr, self.reference = ind, tr, reference
        self.heights = dict(heights or {})
        self.noted = frozenset(noted)  # the years whose caveat's "*" the legends carry

    @cached_property
    def print(self) -> dict[str, Chart]:
        """The web page's print charts, the growing ones at ``heights``."""
        return self.print_at(self.heights)

    @cached_property
    def print_fixed(self) -> dict[str, Chart]:
        """The print charts whose height is their own (not grown to fill the page)."""
        return {
            "reporting": reporting_chart(self.ind, self.tr, PRINT),
            "duties": duty_share_chart(self.ind, self.tr, PRINT),
        }

    def print_at(self, heights: Mapping[str, float]) -> dict[str, Chart]:
        """Every print chart, the growing ones drawn at ``heights`` (mm); the
        others are drawn once for all the heights asked for."""
        ind, tr, reference = self.ind, self.tr, self.reference
        drawn = {
            **self.print_fixed,
            "communities": community_chart(
                ind, tr, reference, PRINT, heights.get("communities", 0)
            ),
            "gender": gender_chart(ind, tr, PRINT, heights.get("gender", 0)),
            "per-office": duties_per_office_chart(
                ind, tr, reference, PRINT, heights.get("per-office", 0), self.noted
            ),
        }
        return {key: drawn[key] for key in CHART_KEYS}

    @cached_property
    def screen(self) -> dict[str, Chart]:
        return draw_all(self.ind, self.tr, self.reference, SCREEN, {}, self.noted)


@kept("ind")
def reporting_chart(ind: Indicators, tr: Translator, medium: Medium) -> Chart:
    """Work plans and annual reports: how many offices said yes, no, or are unknown."""
    answers = (ind.work_plan, ind.annual_report)
    groups = [tr.gettext("Work plan"), tr.gettext("Annual report")]
    legend = _legend_room(medium)
    with _style():
        height = 30 + legend / PT_PER_MM if medium is PRINT else 40 + legend / PT_PER_MM
        fig = _figure(medium.column, height)
        plot = Plot(
            fig,
            left=text_width(groups, medium.text) + 6,
            right=4,
            bottom=legend,
            top=2,
        )
        _grouped_bars(
            plot,
            groups,
            [
                (YES, "", [a.yes for a in answers]),
                (NO, "", [a.no for a in answers]),
                (UNKNOWN, "////", [a.unknown for a in answers]),
            ],
            medium,
            tr,
        )
        _legend(
            fig,
            [
                (marked("yes", tr.gettext("Yes")), YES, ""),
                (marked("no", tr.gettext("No")), NO, ""),
                (marked("unknown", tr.gettext("Unknown")), UNKNOWN, "////"),
            ],
            medium,
            legend * 0.45,
        )
    return _finish(fig, "reporting", tr.gettext("Work plans and annual reports"), medium, tr)


@kept("ind", "reference")
def community_chart(
    ind: Indicators, tr: Translator, reference: Reference, medium: Medium, height: float = 0
) -> Chart:
    """Officers by community: each community's count and share of all officers."""
    counts = ind.officers_by_community
    labels = [tr.count_and_percent(n, ind.community_shares[c]) for c, n in counts.items()]
    # One bar a row, beside the gender chart's pair of the same height: half
    # again as thick, so that the two weigh alike (docs/design.md).
    pitch = 6.0 if medium is PRINT else 8.5  # mm per community at the natural height
    fig = community_bars(counts, labels, tr, reference, medium, height, pitch=pitch, thickness=1.5)
    return _finish(fig, "communities", tr.gettext("Officers by community"), medium, tr)


@kept("ind")
def gender_chart(ind: Indicators, tr: Translator, medium: Medium, height: float = 0) -> Chart:
    """Women and men among each community's officers."""
    codes = list(ind.gender_by_community)
    rows = max(len(codes), 1)
    legend = _legend_room(medium)
    pitch = 7.0 if medium is PRINT else 10.5
    height = max(height, 3 + legend / PT_PER_MM + pitch * rows)
    names = [tr.community(c) for c in codes]
    with _style():
        fig = _figure(medium.column, height)
        plot = Plot(fig, left=text_width(names, medium.text) + 6, right=4, bottom=legend, top=3)
        _grouped_bars(
            plot,
            names,
            [
                (WOMEN, "", [ind.gender_by_community[c].f for c in codes]),
                (MEN, "", [ind.gender_by_community[c].m for c in codes]),
            ],
            medium,
            tr,
            row_mm=(height - 3 - legend / PT_PER_MM) / rows,
        )
        _legend(
            fig,
            [(tr.gettext("Women"), WOMEN, ""), (tr.gettext("Men"), MEN, "")],
            medium,
            legend * 0.45,
        )
    return _finish(
        fig, "gender", tr.gettext("Women and men among the officers of each community"), medium, tr
    )


def _duty_geometry(
    ind: Indicators, tr: Translator, medium: Medium
) -> tuple[list[list[str]], list[float], float, float, float, float]:
    """The duty chart's lines of labels, their tops, the bars' height and more, in mm."""
    width_pt = medium.wide * PT_PER_MM - 8
    labels = [wrap(tr.duty(c), width_pt, medium.text) for c in ind.duties]
    line = medium.text * 1.22 / PT_PER_MM  # mm per label line
    bar = 3.2 if medium is PRINT else 5.0
    gap = 1.8 if medium is PRINT else 3.5
    legend = _legend_room(medium) / PT_PER_MM
    tops: list[float] = []
    y = 0.0
    for label_lines in labels:
        tops.append(y)
        y += len(label_lines) * line + 0.8 + bar + gap
    return labels, tops, y, line, bar, legend


def duty_chart_height(ind: Indicators, tr: Translator, medium: Medium) -> float:
    """The duty chart's height in mm."""
    *_, y, _line, _bar, legend = _duty_geometry(ind, tr, medium)
    return y + legend + 1


@kept("ind")
def duty_share_chart(ind: Indicators, tr: Translator, medium: Medium) -> Chart:
    """How many offices performed each substantive duty, and what share of all that is.

    Each duty's long official name stands above its bar, across the chart's
    width, so that no label has to be squeezed beside the bars. The bar is all
    established offices: the part that performed the duty, then the rest.
    """
    codes = list(ind.duties)
    total = max(ind.established, 1)
    width_pt = medium.wide * PT_PER_MM - 8
    labels, tops, y, line, bar, legend = _duty_geometry(ind, tr, medium)
    with _style():
        fig = _figure(medium.wide, y + legend + 1)
        plot = Plot(fig, left=2, right=4, bottom=2, top=legend * PT_PER_MM)
        centres = [
            top + len(ls) * line + 0.8 + bar / 2 for top, ls in zip(tops, labels, strict=True)
        ]
        yes = [ind.duties[c].yes for c in codes]
        plot.barh(centres, yes, color=YES, height=bar)
        plot.barh(centres, [ind.duties[c].no for c in codes], left=yes, color=NO, height=bar)
        for code, top, lines, centre in zip(codes, tops, labels, centres, strict=True):
            plot.text(
                0,
                top,
                "\n".join(lines),
                ha="left",
                va="top",
                fontsize=medium.text,
                linespacing=1.1,
            )
            counts = ind.duties[code]
            value = tr.count_and_percent(counts.yes, counts.percent)
            inside = text_width([value], medium.value) + 6 < counts.yes / total * width_pt
            plot.text(
                counts.yes - total * 0.01 if inside else counts.yes + total * 0.01,
                centre,
                value,
                ha="right" if inside else "left",
                va="center",
                fontsize=medium.value,
                color="white" if inside else INK,
            )
        plot.set_ylim(y, 0)
        plot.set_xlim(0, total)
        _legend(
            fig,
            [
                (marked("yes", tr.gettext("Performed")), YES, ""),
                (marked("no", tr.gettext("Not performed")), NO, ""),
            ],
            medium,
            (y + legend + 1) * PT_PER_MM - legend * PT_PER_MM * 0.5,
        )
    return _finish(
        fig, "duties", tr.gettext("Offices that performed each substantive duty"), medium, tr
    )


def offices_in_order(ind: Indicators, tr: Translator, reference: Reference) -> list[str]:
    """Established offices in the language's order of names (``in_label_order``)."""
    return in_label_order(tr, reference, list(ind.duties_per_office))


@kept("ind", "reference")
def duties_per_office_chart(
    ind: Indicators,
    tr: Translator,
    reference: Reference,
    medium: Medium,
    height: float = 0,
    noted: Collection[int] = (),
) -> Chart:
    """How many of the duties each office performed, this year beside the year before.

    Horizontal bars with the names written across, in alphabetical order, in
    two panels side by side on paper (one on a screen). Where no office has a
    figure for the year before (the first year monitored), each office has
    one bar; where one office has none, "–" stands at its bar's place and the
    legend says what it means. A year in ``noted`` has a caveat: its legend entry
    carries the "*" of its note (caveats.year_notes; the sheet prints the note).
    """
    codes = offices_in_order(ind, tr, reference)
    labels = [tr.municipality(reference.municipality(c)) for c in codes]
    series: list[tuple[str, list[int | None]]] = [
        (THIS_YEAR, [ind.duties_per_office[c].count for c in codes])
    ]
    if ind.has_previous:
        series.append((LAST_YEAR, [ind.duties_per_office[c].previous for c in codes]))
    panels = medium.panels if len(codes) > 12 else 1
    per_panel = -(-max(len(codes), 1) // panels)
    legend = _legend_room(medium)
    axis = medium.text * 1.8  # the scale's numbers under each panel
    gutter = 6 * PT_PER_MM
    width_pt = medium.wide * PT_PER_MM
    panel_pt = (width_pt - gutter * (panels - 1)) / panels
    name_pt = min(text_width(labels, medium.text), panel_pt * 0.42)
    names = [wrap_name(label, name_pt, medium.text) for label in labels]
    name_pt = text_width([line for lines in names for line in lines], medium.text)
    lines_per_row = max((len(n) for n in names), default=1)
    bars = len(series)
    pitch = max(
        lines_per_row * medium.text * 1.08 / PT_PER_MM + 0.8,
        (2.5 if medium is PRINT else 4.6) * bars + 1.2,
    )
    natural = per_panel * pitch + (legend + axis + 4) / PT_PER_MM
    height = max(height, natural)
    scale = len(ind.duties)
    # Each count as the language writes it, formatted once (not once a bar).
    numbers = {v: tr.number(v) for v in range(scale + 1)}
    with _style():
        fig = _figure(medium.wide, height)
        for p in range(panels):
            chunk = range(p * per_panel, min((p + 1) * per_panel, len(codes)))
            left = p * (panel_pt + gutter) + name_pt + 5
            plot = Plot(
                fig,
                left=left,
                right=width_pt - (p * (panel_pt + gutter) + panel_pt),
                bottom=axis,
                top=legend + 2,
            )
            band = 0.82 / bars
            for k, (colour, values) in enumerate(series):
                ys = [row + (k - (bars - 1) / 2) * band for row in range(len(chunk))]
                # One call for the series' bars (a call a bar costs a third of the chart).
                drawn = [(y, v) for y, i in zip(ys, chunk, strict=True) if (v := values[i])]
                if drawn:
                    plot.barh(
                        [y for y, _ in drawn],
                        [v for _, v in drawn],
                        height=band * 0.92,
                        color=colour,
                    )
                for y, i in zip(ys, chunk, strict=True):
                    value = values[i]
                    plot.text(
                        (value or 0) + scale * 0.015,
                        y,
                        "–" if value is None else numbers.get(value) or tr.number(value),
                        va="center",
                        fontsize=medium.value,
                    )
            for row, i in enumerate(chunk):
                plot.text(
                    -0.02,
                    row,
                    "\n".join(names[i]),
                    rows=True,
                    ha="right",
                    va="center",
                    fontsize=medium.text,
                    linespacing=1.05,
                )
            plot.set_ylim(per_panel - 0.5, -0.5)
            plot.set_xlim(0, scale + 0.8)
            ticks = range(0, scale + 1, 2)
            plot.scale(ticks, [numbers[v] for v in ticks], medium.value)
            plot.left_edge()
        items = [(str(ind.year), THIS_YEAR, "")]
        note = ""
        if ind.has_previous:
            invented = ind.previous_sample and not ind.sample  # marked, and explained below
            label = year_label(tr, ind.previous_year, invented)
            items.append((label + ("*" if ind.previous_year in noted else ""), LAST_YEAR, ""))
            # The marked year's label leaves no room for the note in the row: the
            # sheet prints it under the chart instead (sheet.py, chart_note).
            if any(v is None for v in series[1][1]) and not invented:
                note = gaps.no_office(tr)
        _legend(fig, items, medium, height * PT_PER_MM - legend * 0.5, note=note)
    return _finish(
        fig, "per-office", tr.gettext("Substantive duties performed per MOCR"), medium, tr
    )


def draw_all(
    ind: Indicators,
    tr: Translator,
    reference: Reference,
    medium: Medium,
    heights: Mapping[str, float],
    noted: Collection[int] = (),
) -> dict[str, Chart]:
    charts: Sequence[Chart] = (
        reporting_chart(ind, tr, medium),
        community_chart(ind, tr, reference, medium, heights.get("communities", 0)),
        gender_chart(ind, tr, medium, heights.get("gender", 0)),
        duty_share_chart(ind, tr, medium),
        duties_per_office_chart(ind, tr, reference, medium, heights.get("per-office", 0), noted),
    )
    return {c.key: c for c in charts}


def all_charts(
    ind: Indicators, tr: Translator, reference: Reference, noted: Collection[int] = ()
) -> ChartSet:
    """The sheet's charts, drawn for a medium when first asked for; ``noted``: the
    years with a caveat (caveats.year_notes), marked where a legend shows them."""
    return ChartSet(ind, tr, reference, noted=noted)
