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

    return Figure(figsize=(width_mm * MM, height_mm * MM), layout="constrained")


_ID = re.compile(r'\bid="([^"]+)"')


def _to_svg(fig: Figure, key: str) -> str:
    """The figure as inline SVG: no prolog, ids unique to this chart, our font first."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
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


def reporting_chart(ind: Indicators, tr: Translator) -> Chart:
    """Work plans and annual reports: yes, no, unknown, as stacked bars."""
    rows = [
        (tr.gettext("Work plan"), ind.work_plan),
        (tr.gettext("Annual report"), ind.annual_report),
    ]
    parts = [
        ("yes", tr.gettext("Yes"), DARK, True, ""),
        ("no", tr.gettext("No"), LIGHT, False, ""),
        ("unknown", tr.gettext("Unknown"), MUTED, False, "////"),
    ]
    with _style():
        fig = _figure(86, 30)
        ax = fig.add_subplot()
        for i, (_, answers) in enumerate(rows):
            left = 0
            for attr, _, colour, dark, hatch in parts:
                value = getattr(answers, attr)
                if not value:
                    continue
                ax.barh(i, value, left=left, color=colour, hatch=hatch, edgecolor="white",
                        linewidth=0.5, height=0.62)
                _bar_label(ax, left + value / 2, i, tr.number(value), dark, fontsize=7)
                left += value
        ax.set_yticks(range(len(rows)), [name for name, _ in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, max(ind.established, 1))
        ax.set_xticks([])
        ax.spines[["bottom", "left"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        from matplotlib.patches import Patch

        ax.legend(
            handles=[Patch(facecolor=c, hatch=h, edgecolor="white", label=label)
                     for _, label, c, _, h in parts],
            loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=3, fontsize=7,
            handlelength=1.2, columnspacing=1.2,
        )
    alt = tr.gettext(
        "Work plans: %(wp_yes)s of %(total)s offices yes, %(wp_no)s no, %(wp_unknown)s unknown. "
        "Annual reports: %(ar_yes)s yes, %(ar_no)s no, %(ar_unknown)s unknown."
    ) % {
        "total": tr.number(ind.established),
        "wp_yes": tr.number(ind.work_plan.yes), "wp_no": tr.number(ind.work_plan.no),
        "wp_unknown": tr.number(ind.work_plan.unknown),
        "ar_yes": tr.number(ind.annual_report.yes), "ar_no": tr.number(ind.annual_report.no),
        "ar_unknown": tr.number(ind.annual_report.unknown),
    }  # fmt: skip
    return _finish(fig, "reporting", alt)


def community_chart(ind: Indicators, tr: Translator, reference: Reference) -> Chart:
    """Officers by community: count and share of all officers."""
    colours = {c.code: c.colour or DARK for c in reference.communities}
    codes = list(ind.officers_by_community)
    total = max(ind.officers_total, 1)
    with _style():
        fig = _figure(86, 12 + 6.2 * max(len(codes), 1))
        ax = fig.add_subplot()
        counts = [ind.officers_by_community[c] for c in codes]
        ax.barh(range(len(codes)), counts, color=[colours[c] for c in codes], height=0.7)
        for i, count in enumerate(counts):
            ax.text(count + total * 0.01, i, f"{tr.number(count)} ({tr.percent(count / total)})",
                    va="center", fontsize=7)
        ax.set_yticks(range(len(codes)), [tr.community(c) for c in codes])
        ax.invert_yaxis()
        ax.set_xlim(0, max(counts, default=1) * 1.32)
        ax.set_xticks([])
        ax.spines[["bottom"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
    alt = tr.gettext("Officers by community, of %(total)s in all: %(list)s.") % {
        "total": tr.number(ind.officers_total),
        "list": tr.join([f"{tr.community(c)} {tr.number(ind.officers_by_community[c])}"
                         for c in codes]),
    }
    return _finish(fig, "communities", alt)


def gender_chart(ind: Indicators, tr: Translator) -> Chart:
    """Women and men among each community's officers."""
    codes = list(ind.gender_by_community)
    women, men = tr.gettext("Women"), tr.gettext("Men")
    with _style():
        fig = _figure(86, 18 + 6.2 * max(len(codes), 1))
        ax = fig.add_subplot()
        f = [ind.gender_by_community[c].f for c in codes]
        m = [ind.gender_by_community[c].m for c in codes]
        ax.barh(range(len(codes)), f, color=LIGHT, height=0.7, label=women)
        ax.barh(range(len(codes)), m, left=f, color=DARK, height=0.7, label=men)
        for i, (nf, nm) in enumerate(zip(f, m, strict=True)):
            if nf:
                _bar_label(ax, nf / 2, i, tr.number(nf), False, fontsize=7)
            if nm:
                _bar_label(ax, nf + nm / 2, i, tr.number(nm), True, fontsize=7)
        ax.set_yticks(range(len(codes)), [tr.community(c) for c in codes])
        ax.invert_yaxis()
        ax.set_xlim(0, max((a + b for a, b in zip(f, m, strict=True)), default=1) * 1.05)
        ax.set_xticks([])
        ax.spines[["bottom"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=2, fontsize=7,
                  handlelength=1.2)
    alt = tr.gettext("Women and men among the officers of each community: %(list)s.") % {
        "list": tr.join([
            tr.gettext("%(community)s %(women)s women, %(men)s men") % {
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
    """The share of offices that performed each substantive duty."""
    codes = list(ind.duties)
    total = max(ind.established, 1)
    with _style():
        fig = _figure(180, 78)
        ax = fig.add_subplot()
        yes = [ind.duties[c].yes / total for c in codes]
        ax.barh(range(len(codes)), yes, color=DARK, height=0.66, label=tr.gettext("Yes"))
        ax.barh(range(len(codes)), [1 - y for y in yes], left=yes, color=LIGHT, height=0.66,
                label=tr.gettext("No"))
        for i, share in enumerate(yes):
            if share >= 0.12:
                _bar_label(ax, share / 2, i, tr.percent(share), True, fontsize=7)
            elif share > 0:
                ax.text(share + 0.01, i, tr.percent(share), va="center", fontsize=7)
        ax.set_yticks(range(len(codes)), [_wrap(tr.duty(c), 62) for c in codes], fontsize=6.6)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(_percent_formatter(tr))
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.tick_params(axis="y", length=0)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7,
                  handlelength=1.2)
    alt = tr.gettext("Share of offices that performed each duty: %(list)s.") % {
        "list": tr.join([f"{tr.duty_short(c)} {tr.percent(ind.duties[c].yes / total)}"
                         for c in codes])
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
    """How many of the duties each office performed, this year beside the year before."""
    codes = offices_in_order(ind, tr, reference)
    labels = [tr.municipality(reference.municipality(c)) for c in codes]
    this_year = [ind.duties_per_office[c].count for c in codes]
    before = [ind.duties_per_office[c].previous for c in codes]
    width = 0.4
    with _style():
        fig = _figure(180, 92)
        ax = fig.add_subplot()
        xs = range(len(codes))
        ax.bar([x - width / 2 for x in xs], this_year, width, color=DARK, label=str(ind.year))
        ax.bar([x + width / 2 for x in xs], [b or 0 for b in before], width, color=LIGHT,
               label=str(ind.previous_year))
        for x, value in zip(xs, this_year, strict=True):
            ax.text(x - width / 2, value + 0.1, tr.number(value), ha="center", va="bottom",
                    fontsize=5.2)
        for x, prev in zip(xs, before, strict=True):
            mark = "–" if prev is None else tr.number(prev)
            ax.text(x + width / 2, (prev or 0) + 0.1, mark, ha="center", va="bottom",
                    fontsize=5.2, color="#555555")
        ax.set_xticks(list(xs), labels, rotation=90, fontsize=6.2)
        ax.set_xlim(-0.6, len(codes) - 0.4)
        ax.set_ylim(0, len(ind.duties) + 0.9)
        ax.set_yticks(range(0, len(ind.duties) + 1, 2))
        ax.yaxis.set_major_formatter(_number_formatter(tr))
        ax.grid(axis="y", color=GRID, linewidth=0.5)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", length=0)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7,
                  handlelength=1.2)
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
