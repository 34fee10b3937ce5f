"""The CC sheet's charts: functions from ``CommitteeFigures`` and a translator to SVG.

The drawing helpers, the palette (one meaning per colour), the fonts, the
SVG's fixed ids and compaction, and the bars by community that the MOCR
sheet draws too (``community_bars``), are render/charts.py's, shared by every
mechanism. Nothing is counted here: counts and shares come from the core.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from mocr_factsheet.core.shares import YesNoUnknown
from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator, in_label_order
from mocr_factsheet.mechanisms.committees.records import CommitteeFigures
from mocr_factsheet.render.charts import (
    INK,
    MAX_BAR,
    MEN,
    NO,
    PAD,
    PRINT,
    PT_PER_MM,
    SCREEN,
    UNKNOWN,
    WOMEN,
    YES,
    Chart,
    Medium,
    Plot,
    _figure,
    _finish,
    _legend,
    _legend_room,
    _style,
    community_bars,
    community_colours,
    right_limit,
    text_width,
    wrap,
    wrap_name,
)
from mocr_factsheet.render.kept import kept
from mocr_factsheet.render.palette import marked

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CHART_KEYS = ("meetings", "resources", "communities", "unrepresented", "gender")
GROWING = ("communities", "unrepresented", "gender")  # drawn to the room the page leaves


def _note(fig: Figure, text: str, medium: Medium, bottom_pt: float) -> float:
    """``text`` centred in lines under a chart, its last line's baseline ``bottom_pt``
    above the figure's foot; returns the height it takes in points."""
    width_pt = fig.get_size_inches()[0] * 72
    lines = wrap(text, width_pt - 8, medium.text)
    leading = medium.text * 1.25
    height_pt = fig.get_size_inches()[1] * 72
    for i, line in enumerate(reversed(lines)):
        fig.text(
            0.5,
            (bottom_pt + i * leading) / height_pt,
            line,
            ha="center",
            va="baseline",
            fontsize=medium.text,
            color=INK,
            parse_math=False,
        )
    return len(lines) * leading


def _note_room(text: str, medium: Medium, width_mm: float) -> float:
    """Points under a chart for ``text`` in lines and some space around it."""
    lines = wrap(text, width_mm * PT_PER_MM - 8, medium.text)
    return len(lines) * medium.text * 1.25 + medium.text * 1.2


@kept()
def answers_chart(
    key: str, name: str, answers: YesNoUnknown, tr: Translator, medium: Medium
) -> Chart:
    """Established committees' yes, no and unknown answers to one question, one bar each,
    the question written under them."""
    note = _note_room(name, medium, medium.column)
    groups = [marked("yes", tr.gettext("Yes")), marked("no", tr.gettext("No"))]
    groups.append(marked("unknown", tr.gettext("Unknown")))
    counts = [answers.yes, answers.no, answers.unknown]
    with _style():
        height = (19 if medium is PRINT else 27) + note / PT_PER_MM
        fig = _figure(medium.column, height)
        left = text_width(groups, medium.text) + 6
        plot = Plot(fig, left=left, right=4, bottom=note, top=2)
        colours = (YES, NO, UNKNOWN)
        hatches = ("", "", "////")
        row_mm = (height - (note + 2) / PT_PER_MM) / 3
        plot.barh(
            range(3),
            counts,
            height=min(0.7, MAX_BAR / row_mm),
            color=list(colours),
            hatch=list(hatches),
            edgecolor=["white" if h else c for c, h in zip(colours, hatches, strict=True)],
            linewidth=0.4,
        )
        labels = [tr.number(c) for c in counts]
        axis_pt = medium.column * PT_PER_MM - left - 4
        limit = right_limit(counts, labels, medium.value, axis_pt)
        for i, (count, label) in enumerate(zip(counts, labels, strict=True)):
            plot.text(count + limit * PAD, i, label, va="center", fontsize=medium.value)
        plot.row_labels(groups, medium.text)
        plot.set_ylim(2.5, -0.5)
        plot.set_xlim(0, limit)
        plot.left_edge()
        _note(fig, name, medium, medium.text * 0.6)
    return _finish(fig, key, name, medium, tr)


@kept("figures", "reference")
def community_chart(
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    medium: Medium,
    height: float = 0,
) -> Chart:
    """Members by community: each community's count and share of all members."""
    counts = figures.members_by_community
    labels = [tr.count_and_percent(n, figures.community_shares[c]) for c, n in counts.items()]
    pitch = 5.6 if medium is PRINT else 8.5
    fig = community_bars(counts, labels, tr, reference, medium, height, pitch=pitch, thickness=1.0)
    return _finish(fig, "communities", tr.gettext("Committee members by community"), medium, tr)


@kept("figures", "reference")
def unrepresented_chart(
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    medium: Medium,
    height: float = 0,
) -> Chart:
    """In how many municipalities each community lives without a member on the committee,
    beside how many it lives in (an outlined bar behind)."""
    colours = community_colours(reference)
    shown = [u for u in figures.unrepresented if u.count]
    rows = max(len(shown), 1)
    pitch = 5.6 if medium is PRINT else 8.5
    text = tr.gettext("Filled: unrepresented; outline: all municipalities where it lives")
    note = _note_room(text, medium, medium.column)
    height = max(height, 4 + note / PT_PER_MM + pitch * rows)
    names = [tr.community(u.community) for u in shown]
    with _style():
        fig = _figure(medium.column, height)
        left = text_width(names, medium.text) + 6
        plot = Plot(fig, left=left, right=4, bottom=note, top=3)
        row_mm = (height - (note + 3) / PT_PER_MM) / rows
        thickness = min(0.68, MAX_BAR / row_mm)
        plot.barh(
            range(len(shown)),
            [u.living_in for u in shown],
            color="white",
            edgecolor=[colours[u.community] for u in shown],
            linewidth=0.6,
            height=thickness,
        )
        plot.barh(
            range(len(shown)),
            [u.count for u in shown],
            color=[colours[u.community] for u in shown],
            height=thickness,
        )
        labels = [
            tr.gettext("%(count)s of %(total)s")
            % {"count": tr.number(u.count), "total": tr.number(u.living_in)}
            for u in shown
        ]
        ends = [u.living_in for u in shown]
        limit = right_limit(ends, labels, medium.value, medium.column * PT_PER_MM - left - 4)
        for i, (end, label) in enumerate(zip(ends, labels, strict=True)):
            plot.text(end + limit * PAD, i, label, va="center", fontsize=medium.value)
        plot.row_labels(names, medium.text)
        plot.set_ylim(len(shown) - 0.5, -0.5)
        plot.set_xlim(0, limit)
        plot.left_edge()
        _note(fig, text, medium, medium.text * 0.6)
    return _finish(
        fig,
        "unrepresented",
        tr.gettext("Municipalities where a community has no member on the committee"),
        medium,
        tr,
    )


def committees_in_order(
    figures: CommitteeFigures, tr: Translator, reference: Reference
) -> list[str]:
    """Established committees in the language's order of names (``in_label_order``)."""
    return in_label_order(tr, reference, list(figures.gender_by_municipality))


@kept("figures", "reference")
def gender_chart(
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    medium: Medium,
    height: float = 0,
) -> Chart:
    """Women and men on each committee, one bar each, with the count and its share
    written past the pair's longer bar."""
    codes = committees_in_order(figures, tr, reference)
    labels = [tr.municipality(reference.municipality(c)) for c in codes]
    legend = _legend_room(medium)
    width_pt = medium.wide * PT_PER_MM
    name_pt = min(text_width(labels, medium.text), width_pt * 0.42)
    names = [wrap_name(label, name_pt, medium.text) for label in labels]
    name_pt = text_width([line for lines in names for line in lines], medium.text)
    lines_per_row = max((len(n) for n in names), default=1)
    # Room for the pair's two counts, one above the other, past the longer bar.
    # (On paper 38 rows must fit one page: the counts stand closer there.)
    counts_mm = 2 * medium.value * (1.05 if medium is PRINT else 1.15) / PT_PER_MM + (
        0.4 if medium is PRINT else 1.0
    )
    pitch = max(lines_per_row * medium.text * 1.1 / PT_PER_MM + 1.0, counts_mm)
    rows = max(len(codes), 1)
    height = max(height, rows * pitch + (legend + 6) / PT_PER_MM)
    splits = [figures.gender_by_municipality[c] for c in codes]
    ends = [max(s.f, s.m) for s in splits]
    labels = [
        max(tr.count_and_percent(s.f, s.f_percent), tr.count_and_percent(s.m, s.m_percent), key=len)
        for s in splits
    ]
    limit = right_limit(ends, labels, medium.value, width_pt - name_pt - 10)
    row_mm = (height - (legend + 6) / PT_PER_MM) / rows
    band = min(0.8, 2 * MAX_BAR / row_mm) / 2
    with _style():
        fig = _figure(medium.wide, height)
        plot = Plot(fig, left=name_pt + 6, right=4, bottom=3, top=legend + 3)
        for k, (colour, attr) in enumerate(((WOMEN, "f"), (MEN, "m"))):
            ys = [row + (k - 0.5) * band for row in range(len(codes))]
            values = [getattr(s, attr) for s in splits]
            plot.barh(ys, values, height=band * 0.9, color=colour)
            for y, split, value in zip(ys, splits, values, strict=True):
                # Both counts stand past the longer bar: a count beside a short
                # bar would run into the long one of the pair.
                plot.text(
                    max(split.f, split.m) + limit * PAD,
                    y,
                    tr.count_and_percent(value, getattr(split, f"{attr}_percent")),
                    va="center",
                    fontsize=medium.value,
                )
        for row, lines in enumerate(names):
            plot.text(
                -0.01,
                row,
                "\n".join(lines),
                rows=True,
                ha="right",
                va="center",
                fontsize=medium.text,
                linespacing=1.05,
            )
        plot.set_ylim(len(codes) - 0.5, -0.5)
        plot.set_xlim(0, limit)
        plot.left_edge()
        _legend(
            fig,
            [(tr.gettext("Women"), WOMEN, ""), (tr.gettext("Men"), MEN, "")],
            medium,
            height * PT_PER_MM - legend * 0.5,
        )
    return _finish(fig, "gender", tr.gettext("Women and men on each committee"), medium, tr)


def fixed_charts(figures: CommitteeFigures, tr: Translator, medium: Medium) -> dict[str, Chart]:
    """The charts whose size never changes: the two yes/no/unknown charts."""
    return {
        "meetings": answers_chart(
            "meetings",
            tr.gettext("Committees that meet at least once a month"),
            figures.meets_regularly,
            tr,
            medium,
        ),
        "resources": answers_chart(
            "resources",
            tr.gettext("Committees with access to adequate resources"),
            figures.adequate_resources,
            tr,
            medium,
        ),
    }


def growing_charts(
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    medium: Medium,
    heights: Mapping[str, float],
) -> dict[str, Chart]:
    """The charts drawn to fill the room they are given (``GROWING``; heights in mm,
    none or 0 for their natural height)."""
    return {
        "communities": community_chart(
            figures, tr, reference, medium, heights.get("communities", 0)
        ),
        "unrepresented": unrepresented_chart(
            figures, tr, reference, medium, heights.get("unrepresented", 0)
        ),
        "gender": gender_chart(figures, tr, reference, medium, heights.get("gender", 0)),
    }


@dataclass
class CommitteeCharts:
    """The sheet's charts for both media, each set drawn when first asked for; the
    print charts that grow are drawn to ``heights``."""

    figures: CommitteeFigures
    tr: Translator
    reference: Reference
    heights: Mapping[str, float]

    @cached_property
    def fixed(self) -> dict[str, Chart]:
        """The print medium's fixed charts (the same on every paper)."""
        return fixed_charts(self.figures, self.tr, PRINT)

    @cached_property
    def print(self) -> dict[str, Chart]:
        grown = growing_charts(self.figures, self.tr, self.reference, PRINT, self.heights)
        return {key: {**self.fixed, **grown}[key] for key in CHART_KEYS}

    @cached_property
    def screen(self) -> dict[str, Chart]:
        drawn = {
            **fixed_charts(self.figures, self.tr, SCREEN),
            **growing_charts(self.figures, self.tr, self.reference, SCREEN, {}),
        }
        return {key: drawn[key] for key in CHART_KEYS}
