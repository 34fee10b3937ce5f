"""Charts: functions from indicators and a translator to SVG text.

Drawn with matplotlib's object API (no pyplot, no global figure state), text
kept as real ``<text>`` (``svg.fonttype = none``) so that it stays selectable
and searchable in the PDF, in the package's own font. Ids are prefixed per
chart and the hash salt and metadata fixed: the same data gives the same bytes.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from mocr_factsheet.i18n import Translator
from mocr_factsheet.indicators import Indicators
from mocr_factsheet.model import Reference
from mocr_factsheet.resources import FONTS_DIR
from mocr_factsheet.translit import fold

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FONT_FAMILY = "DejaVu Sans"
TICK_SIZE = 7.5  # points: the size of tick labels (rc font.size)
# The family name the sheet's CSS binds to the package's own font file; the
# SVG names it first so that WeasyPrint never falls back on a system font.
CSS_FONT_STACK = "'MOCR Sans', 'DejaVu Sans', sans-serif"
MM = 1 / 25.4  # inches per millimetre

# Paul Tol's high-contrast scheme: distinct for colour-blind readers and in greyscale.
DARK = "#004488"
LIGHT = "#DDAA33"
MUTED = "#BBBBBB"
INK = "#222222"
GRID = "#DDDDDD"

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "mocr-factsheet",
    "svg.id": None,
    "font.family": FONT_FAMILY,
    "font.size": 7.5,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "hatch.linewidth": 0.6,
}
_fonts_registered = False


@dataclass(frozen=True)
class Chart:
    """One chart of a sheet: its SVG, and the text that stands in for it."""

    key: str
    svg: str
    alt: str


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    global _fonts_registered
    if not _fonts_registered:
        from matplotlib import font_manager

        for font in sorted(FONTS_DIR.glob("*.ttf")):
            font_manager.fontManager.addfont(str(font))
        _fonts_registered = True
    with matplotlib.rc_context(cast(Any, _RC)):
        yield


def _figure(width_mm: float, height_mm: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width_mm * MM, height_mm * MM))


def text_width(texts: Sequence[str], size: float) -> float:
    """The width in points of the widest of ``texts`` at ``size`` points, in our font.

    Margins are computed from the labels' widths rather than by matplotlib's
    constrained layout, which draws every figure twice to find them: a third of
    the charts' time.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath().get_text_width_height_descent
    font = FontProperties(family=FONT_FAMILY, size=size)
    return max((measure(t, font, ismath=False)[0] for t in texts), default=0.0)


def _axes(fig: Figure, *, left: float, right: float, bottom: float, top: float) -> Axes:
    """Axes inside margins given in points."""
    width, height = (v * 72 for v in fig.get_size_inches())
    return fig.add_axes(
        (left / width, bottom / height, 1 - (left + right) / width, 1 - (bottom + top) / height)
    )


_ID = re.compile(r'\bid="([^"]+)"')


def _to_svg(fig: Figure, key: str) -> str:
    """The figure as inline SVG: no prolog, ids unique to this chart, our font first."""
    buffer = io.StringIO()
    with _style():  # the SVG options apply when saving, not when drawing
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # matplotlib's RDF block names the tool and namespaces on the web: not for readers.
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda m: f'id="{key}-{m.group(1)}"', svg)
    svg = re.sub(
        r"#([\w.-]+)",
        lambda m: f"#{key}-{m.group(1)}" if m.group(1) in ids else m.group(0),
        svg,
    )
    svg = svg.replace(f"'{FONT_FAMILY}'", CSS_FONT_STACK)
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{key}-title" ', 1)


def _with_title(svg: str, key: str, alt: str) -> str:
    from html import escape

    close = svg.index(">", svg.index("<svg")) + 1
    return f'{svg[:close]}<title id="{key}-title">{escape(alt)}</title>{svg[close:]}'


def _finish(fig: Figure, key: str, alt: str) -> Chart:
    return Chart(key, _with_title(_to_svg(fig, key), key, alt), alt)


def _bar_label(ax: Axes, x: float, y: float, text: str, dark: bool, **kw: Any) -> None:
    ax.text(x, y, text, ha="center", va="center", color="white" if dark else INK, **kw)


def _grouped_bars(
    ax: Axes,
    groups: Sequence[str],
    series: Sequence[tuple[str, str, str, Sequence[int]]],
    tr: Translator,
) -> None:
    """Horizontal bars, one per series in each group, each with its count at its end.

    A count beside its bar stays readable however short the bar; stacked
    segments of 1 out of 35 would not.
    """
    n = len(series)
    height = 0.8 / n
    longest = max((max(values, default=0) for *_, values in series), default=0) or 1
    for k, (label, colour, hatch, values) in enumerate(series):
        ys = [g + (k - (n - 1) / 2) * height for g in range(len(groups))]
        ax.barh(
            ys,
            values,
            height=height * 0.92,
            color=colour,
            hatch=hatch,
            edgecolor="white" if hatch else colour,
            linewidth=0.4,
            label=label,
        )
        for y, value in zip(ys, values, strict=True):
            ax.text(value + longest * 0.015, y, tr.number(value), va="center", fontsize=6.6)
    ax.set_yticks(range(len(groups)), list(groups))
    ax.invert_yaxis()
    ax.set_xlim(0, longest * 1.12)
    ax.set_xticks([])
    ax.spines[["bottom"]].set_visible(False)
    ax.tick_params(axis="y", length=0)


def reporting_chart(ind: Indicators, tr: Translator) -> Chart:
    """Work plans and annual reports: how many offices said yes, no, or are unknown."""
    answers = (ind.work_plan, ind.annual_report)
    groups = [tr.gettext("Work plan"), tr.gettext("Annual report")]
    with _style():
        fig = _figure(86, 36)
        ax = _axes(fig, left=text_width(groups, TICK_SIZE) + 8, right=4, bottom=16, top=3)
        _grouped_bars(
            ax,
            groups,
            [
                (tr.gettext("Yes"), DARK, "", [a.yes for a in answers]),
                (tr.gettext("No"), LIGHT, "", [a.no for a in answers]),
                (tr.gettext("Unknown"), MUTED, "////", [a.unknown for a in answers]),
            ],
            tr,
        )
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncols=3,
            fontsize=7,
            handlelength=1.2,
            columnspacing=1.2,
        )
    return _finish(fig, "reporting", reporting_summary(ind, tr))


def reporting_summary(ind: Indicators, tr: Translator) -> str:
    """Every figure of the reporting chart in a sentence (its caption and alternative)."""
    return tr.gettext(
        "Work plans: %(wp_yes)s of %(total)s offices yes, %(wp_no)s no, %(wp_unknown)s unknown. "
        "Annual reports: %(ar_yes)s yes, %(ar_no)s no, %(ar_unknown)s unknown."
    ) % {
        "total": tr.number(ind.established),
        "wp_yes": tr.number(ind.work_plan.yes), "wp_no": tr.number(ind.work_plan.no),
        "wp_unknown": tr.number(ind.work_plan.unknown),
        "ar_yes": tr.number(ind.annual_report.yes), "ar_no": tr.number(ind.annual_report.no),
        "ar_unknown": tr.number(ind.annual_report.unknown),
    }  # fmt: skip


def community_chart(ind: Indicators, tr: Translator, reference: Reference) -> Chart:
    """Officers by community: count and share of all officers."""
    colours = {c.code: c.colour or DARK for c in reference.communities}
    codes = list(ind.officers_by_community)
    total = max(ind.officers_total, 1)
    with _style():
        fig = _figure(86, 6 + 6.2 * max(len(codes), 1))
        names = [tr.community(c) for c in codes]
        ax = _axes(fig, left=text_width(names, TICK_SIZE) + 8, right=4, bottom=3, top=3)
        counts = [ind.officers_by_community[c] for c in codes]
        ax.barh(range(len(codes)), counts, color=[colours[c] for c in codes], height=0.7)
        for i, count in enumerate(counts):
            ax.text(
                count + total * 0.01,
                i,
                f"{tr.number(count)} ({tr.percent(count / total)})",
                va="center",
                fontsize=7,
            )
        ax.set_yticks(range(len(codes)), [tr.community(c) for c in codes])
        ax.invert_yaxis()
        ax.set_xlim(0, max(counts, default=1) * 1.32)
        ax.set_xticks([])
        ax.spines[["bottom"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
    alt = tr.gettext("Officers by community, of %(total)s in all: %(list)s.") % {
        "total": tr.number(ind.officers_total),
        "list": tr.join(
            [f"{tr.community(c)} {tr.number(ind.officers_by_community[c])}" for c in codes]
        ),
    }
    return _finish(fig, "communities", alt)


def gender_chart(ind: Indicators, tr: Translator) -> Chart:
    """Women and men among each community's officers."""
    codes = list(ind.gender_by_community)
    women, men = tr.gettext("Women"), tr.gettext("Men")
    with _style():
        fig = _figure(86, 12 + 7.4 * max(len(codes), 1))
        names = [tr.community(c) for c in codes]
        ax = _axes(fig, left=text_width(names, TICK_SIZE) + 8, right=4, bottom=16, top=3)
        _grouped_bars(
            ax,
            [tr.community(c) for c in codes],
            [
                (women, LIGHT, "", [ind.gender_by_community[c].f for c in codes]),
                (men, DARK, "", [ind.gender_by_community[c].m for c in codes]),
            ],
            tr,
        )
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=2, fontsize=7, handlelength=1.2
        )
    alt = tr.gettext("Women and men among the officers of each community: %(list)s.") % {
        "list": tr.join([
            tr.gettext("%(community)s (women: %(women)s, men: %(men)s)") % {
                "community": tr.community(c),
                "women": tr.number(ind.gender_by_community[c].f),
                "men": tr.number(ind.gender_by_community[c].m),
            }
            for c in codes
        ])
    }  # fmt: skip
    return _finish(fig, "gender", alt)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False))


def duty_share_chart(ind: Indicators, tr: Translator) -> Chart:
    """The share of offices that performed each substantive duty.

    Each duty's long official name stands above its bar, across the chart's
    width, so that no label has to be squeezed beside the bars.
    """
    codes = list(ind.duties)
    total = max(ind.established, 1)
    labels = [_wrap(tr.duty(c), 118).split("\n") for c in codes]
    line, bar, gap = 3.0, 3.0, 2.0  # millimetres, at print size
    tops: list[float] = []
    y = 0.0
    for lines in labels:
        tops.append(y)
        y += len(lines) * line + 0.9 + bar + gap
    with _style():
        fig = _figure(180, y + 13)
        ax = _axes(fig, left=10, right=12, bottom=16, top=18)
        yes = [ind.duties[c].yes / total for c in codes]
        centres = [
            top + len(lines) * line + 0.9 + bar / 2 for top, lines in zip(tops, labels, strict=True)
        ]
        ax.barh(centres, yes, color=DARK, height=bar, label=tr.gettext("Yes"))
        ax.barh(
            centres, [1 - s for s in yes], left=yes, color=LIGHT, height=bar, label=tr.gettext("No")
        )
        for top, lines, centre, share in zip(tops, labels, centres, yes, strict=True):
            ax.text(0, top, "\n".join(lines), ha="left", va="top", fontsize=6.6, linespacing=1.15)
            if share >= 0.1:
                _bar_label(ax, share / 2, centre, tr.percent(share), True, fontsize=6.8)
            elif share > 0:
                ax.text(share + 0.01, centre, tr.percent(share), va="center", fontsize=6.8)
        ax.set_ylim(y, 0)
        ax.set_xlim(0, 1)
        ax.set_yticks([])
        ax.spines[["left"]].set_visible(False)
        ax.xaxis.set_major_formatter(_percent_formatter(tr))
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.legend(
            loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7, handlelength=1.2
        )
    alt = tr.gettext("Share of offices that performed each duty: %(list)s.") % {
        "list": tr.join(
            [f"{tr.duty_short(c)} {tr.percent(ind.duties[c].yes / total)}" for c in codes]
        )
    }
    return _finish(fig, "duties", alt)


def _percent_formatter(tr: Translator) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: tr.percent(value))


def offices_in_order(ind: Indicators, tr: Translator, reference: Reference) -> list[str]:
    """Established offices sorted by their label, case and diacritics aside."""
    return sorted(
        ind.duties_per_office,
        key=lambda code: fold(tr.municipality(reference.municipality(code))),
    )


def duties_per_office_chart(ind: Indicators, tr: Translator, reference: Reference) -> Chart:
    """How many of the duties each office performed, this year beside the year before.

    Where no office has a figure for the year before (the first year monitored),
    the chart shows the one year alone rather than an empty series.
    """
    codes = offices_in_order(ind, tr, reference)
    labels = [tr.municipality(reference.municipality(c)) for c in codes]
    this_year = [ind.duties_per_office[c].count for c in codes]
    before = [ind.duties_per_office[c].previous for c in codes]
    series: list[tuple[str, str, str, Sequence[int | None], str]] = [
        (str(ind.year), DARK, INK, this_year, "")
    ]
    if ind.has_previous:
        series.append((str(ind.previous_year), LIGHT, "#555555", before, "–"))
    width = 0.8 / len(series)
    with _style():
        fig = _figure(180, 92)
        ax = _axes(fig, left=16, right=4, bottom=text_width(labels, 6.2) + 8, top=18)
        xs = range(len(codes))
        for k, (name, colour, ink, values, missing) in enumerate(series):
            offset = (k - (len(series) - 1) / 2) * width
            heights = [v or 0 for v in values]
            ax.bar([x + offset for x in xs], heights, width, color=colour, label=name)
            for x, value in zip(xs, values, strict=True):
                mark = missing if value is None else tr.number(value)
                ax.text(
                    x + offset,
                    (value or 0) + 0.1,
                    mark,
                    ha="center",
                    va="bottom",
                    fontsize=5.2,
                    color=ink,
                )
        ax.set_xticks(list(xs), labels, rotation=90, fontsize=6.2)
        ax.set_xlim(-0.6, len(codes) - 0.4)
        ax.set_ylim(0, len(ind.duties) + 0.9)
        ax.set_yticks(range(0, len(ind.duties) + 1, 2))
        ax.yaxis.set_major_formatter(_number_formatter(tr))
        ax.grid(axis="y", color=GRID, linewidth=0.5)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", length=0)
        ax.legend(
            loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7, handlelength=1.2
        )
    if ind.has_previous:
        alt = tr.gettext(
            "Number of duties each office performed in %(year)s, with %(previous)s in brackets: "
            "%(list)s."
        ) % {
            "year": str(ind.year),
            "previous": str(ind.previous_year),
            "list": tr.join([
                f"{label} {tr.number(now)} ({'–' if prev is None else tr.number(prev)})"
                for label, now, prev in zip(labels, this_year, before, strict=True)
            ]),
        }  # fmt: skip
    else:
        alt = tr.gettext("Number of duties each office performed in %(year)s: %(list)s.") % {
            "year": str(ind.year),
            "list": tr.join([f"{label} {tr.number(now)}"
                             for label, now in zip(labels, this_year, strict=True)]),
        }  # fmt: skip
    return _finish(fig, "per-office", alt)


def _number_formatter(tr: Translator) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: tr.number(int(value)))


def all_charts(ind: Indicators, tr: Translator, reference: Reference) -> dict[str, Chart]:
    charts: Sequence[Chart] = (
        reporting_chart(ind, tr),
        community_chart(ind, tr, reference),
        gender_chart(ind, tr),
        duty_share_chart(ind, tr),
        duties_per_office_chart(ind, tr, reference),
    )
    return {c.key: c for c in charts}
