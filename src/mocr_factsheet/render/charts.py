"""Chart drawing shared by every mechanism's sheets: media, colours, the font's
widths, wrapping, figures, legends and grouped bars, and the SVG they give.

Drawn with matplotlib's object API (no pyplot, no global figure state), text
kept as real ``<text>`` (``svg.fonttype = none``) so that it stays selectable
and searchable in the PDF, in the package's own font. Ids are prefixed per
chart and the hash salt and metadata fixed: the same data gives the same bytes.

Every chart is drawn for a medium: ``PRINT`` at the size it has on A4 paper,
``SCREEN`` narrow (a phone's width) with larger text, so that a page scales
it up on a wide screen and never down to unreadable text on a small one.
Names and notes are text, never markup or math: every text artist gets
``parse_math=False`` (a municipality named ``$\\frac$`` is written as typed).
Each mechanism draws its own charts with these (``mechanisms/<name>/charts.py``);
no figure is computed here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.render import palette
from mocr_factsheet.resources import FONTS_DIR

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FONT_FAMILY = "DejaVu Sans"
# The family name the page's CSS binds to the package's own font; the SVG
# names it first so that a browser falls back on no other (Typst finds DejaVu Sans).
CSS_FONT_STACK = "'MOCR Sans', 'DejaVu Sans', sans-serif"
MM = 1 / 25.4  # inches per millimetre
PT_PER_MM = 72 / 25.4

# One palette, one meaning per colour, on every page: render/palette.py (and
# docs/design.md), under the names the charts use. Every fill has at least 3:1
# contrast against white (WCAG 1.4.11); the pairs that stand side by side
# differ in lightness too, so they part in greyscale.
YES = palette.YES  # performed, yes
NO = palette.NO  # not performed, no
UNKNOWN = palette.UNKNOWN  # hatched
WOMEN = palette.WOMEN
MEN = palette.MEN
THIS_YEAR = palette.THIS_YEAR
LAST_YEAR = palette.LAST_YEAR
OLDER_YEARS = palette.OLDER_YEARS
AVERAGE = palette.AVERAGE  # the average of all offices
INK = palette.INK
GRID = palette.GRID
MIN_CONTRAST = 3.0
MAX_BAR = 5.0  # mm: where a chart has room to spare, bars stay this thick and space out
COMMUNITY_COLOURS = palette.COMMUNITY_COLOURS  # where communities.csv gives none


@dataclass(frozen=True)
class Medium:
    """What a chart is drawn for: sizes in millimetres and points."""

    name: str
    column: float  # a half-width chart's width, mm
    wide: float  # a full-width chart's width, mm
    text: float  # labels, pt
    value: float  # numbers beside bars, pt
    panels: int  # side-by-side panels of the per-office chart


# A4 less 12 mm margins: 186 mm, two 90 mm columns. No text under 7 pt on paper.
PRINT = Medium("print", column=90, wide=186, text=7.5, value=7.2, panels=2)
# 90 mm is 340 CSS px: a phone's width, where 9.5 pt is 12.7 px.
SCREEN = Medium("screen", column=90, wide=90, text=9.5, value=9.5, panels=1)

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
    "text.parse_math": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
}
_fonts_registered = False


@dataclass(frozen=True)
class Chart:
    """One chart: its SVG and its short name (the figures are in the table beside it)."""

    key: str
    svg: str
    name: str


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    global _fonts_registered
    if not _fonts_registered:
        from matplotlib import font_manager

        for font in sorted(FONTS_DIR.glob("*.ttf")):
            font_manager.fontManager.addfont(str(font))
        _fonts_registered = True
    # Only the settings it changes are kept and put back (``rc_context`` copies
    # and validates all of matplotlib's, twice a chart).
    params: Any = matplotlib.rcParams  # typed by key: these keys are all valid
    saved = {key: params[key] for key in _RC}
    params.update(_RC)
    try:
        yield
    finally:
        params.update(saved)


def _figure(width_mm: float, height_mm: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width_mm * MM, height_mm * MM))


def text_width(texts: Sequence[str], size: float, bold: bool = False) -> float:
    """The width in points of the widest of ``texts`` at ``size`` points, in our font.

    Summed from the font's own advance widths (kerning aside, which only
    narrows a line): matplotlib's text layout costs a millisecond a call, and
    the page's layout measures every line of its paragraphs. Margins are
    computed from these widths rather than by matplotlib's constrained layout,
    which draws every figure twice to find them.
    """
    advances, units = _advances(bold)
    fallback = advances.get("M", units)
    return max(
        (sum(advances.get(ch, fallback) for ch in t) * size / units for t in texts), default=0.0
    )


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[str, int], int]:
    """Each character's advance width in font units, and the units per em."""
    from fontTools.ttLib import TTFont  # untyped: mypy is told in pyproject.toml

    with TTFont(FONTS_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")) as font:
        metrics = font["hmtx"].metrics
        advances = {chr(code): metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
        return advances, int(font["head"].unitsPerEm)


def wrap(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width_pt`` at ``size`` points, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width([f"{lines[-1]} {word}"], size, bold) <= width_pt:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    # No lone word on the last line ("… communities’ / rights"): the word
    # before it goes down too, where it fits; the number of lines stays.
    if len(lines) > 1 and " " not in lines[-1] and lines[-2].count(" ") > 1:
        head, last = lines[-2].rsplit(" ", 1)
        if text_width([f"{last} {lines[-1]}"], size, bold) <= width_pt:
            lines[-2:] = [head, f"{last} {lines[-1]}"]
    return lines or [""]


def wrap_name(name: str, width_pt: float, size: float) -> list[str]:
    """A municipality's label on one line, or broken after each "/" (then at spaces)."""
    if text_width([name], size) <= width_pt:
        return [name]
    parts = name.split("/")
    pieces = [p + "/" for p in parts[:-1]] + [parts[-1]]
    lines: list[str] = []
    for piece in pieces:
        if lines and text_width([lines[-1] + piece], size) <= width_pt:
            lines[-1] += piece
        else:
            lines.extend(wrap(piece, width_pt, size))
    return lines


class Plot:
    """A chart's plotting area, ``left``/``right``/``bottom``/``top`` points inside the
    figure, drawn without matplotlib's Axes.

    An Axes makes its axes, ticks, tick labels, spines, background and clip
    paths for every chart (a third of a chart's cost), most of which the charts
    hid again. A ``Plot`` is a transform from data to the figure, set by its
    limits, and the few artists a chart draws: bars, texts, the labels beside
    the rows, a scale with its grid and the left edge. They are the figure's
    own artists; as an Axes would, a chart sets both limits before it is drawn.
    """

    def __init__(
        self, fig: Figure, *, left: float, right: float, bottom: float, top: float
    ) -> None:
        from matplotlib.transforms import Affine2D, Bbox, TransformedBbox, blended_transform_factory

        width, height = (v * 72 for v in fig.get_size_inches())
        self.fig = fig
        self.box = (
            left / width,
            bottom / height,
            1 - (left + right) / width,
            1 - (bottom + top) / height,
        )
        self._data = Affine2D()
        self.xlim, self.ylim = (0.0, 1.0), (0.0, 1.0)
        self._limits()
        x, y, w, h = self.box
        self.trans_data = self._data + fig.transFigure
        self.trans_axes = Affine2D().scale(w, h).translate(x, y) + fig.transFigure
        # x across the plot (0 to 1), y in data: the rows' labels and the left edge.
        self.trans_rows = blended_transform_factory(self.trans_axes, self.trans_data)
        # x in data, y across the plot: the scale's grid and numbers.
        self.trans_scale = blended_transform_factory(self.trans_data, self.trans_axes)
        # Bars are cut at the plot's edges, as an Axes cuts them (a count of the
        # year before may exceed this year's scale).
        self.clip = TransformedBbox(Bbox.unit(), self.trans_axes)

    def _limits(self) -> None:
        (x0, x1), (y0, y1) = self.xlim, self.ylim
        x, y, w, h = self.box
        self._data.clear().translate(-x0, -y0).scale(w / (x1 - x0), h / (y1 - y0))
        self._data.translate(x, y)

    def set_xlim(self, low: float, high: float) -> None:
        self.xlim = (low, high)
        self._limits()

    def set_ylim(self, low: float, high: float) -> None:
        self.ylim = (low, high)
        self._limits()

    def barh(
        self,
        ys: Sequence[float],
        widths: Sequence[float],
        *,
        height: float,
        color: str | Sequence[str],
        left: float | Sequence[float] = 0,
        hatch: str | Sequence[str] | None = None,
        edgecolor: str | Sequence[str] | None = None,
        linewidth: float | None = None,
    ) -> None:
        """Horizontal bars centred on ``ys`` (as ``Axes.barh``; a list styles bar by bar)."""
        from matplotlib.patches import Rectangle

        def each(value: Any, i: int) -> Any:
            return value[i] if isinstance(value, list | tuple) else value

        for i, (y, w) in enumerate(zip(ys, widths, strict=True)):
            self.fig.add_artist(
                Rectangle(
                    (each(left, i), y - height / 2),
                    w,
                    height,
                    facecolor=each(color, i),
                    edgecolor=each(edgecolor, i),
                    linewidth=linewidth,
                    hatch=each(hatch, i) or None,
                    transform=self.trans_data,
                    clip_box=self.clip,
                )
            )

    def text(self, x: float, y: float, text: str, *, rows: bool = False, **style: Any) -> None:
        """A text at ``x``, ``y`` in data (``rows``: ``x`` across the plot, 0 to 1)."""
        self.fig.text(
            x,
            y,
            text,
            transform=self.trans_rows if rows else self.trans_data,
            parse_math=False,
            **style,
        )

    def row_labels(self, labels: Sequence[str], size: float) -> None:
        """Each row's label (row ``i`` at ``y = i``) right of the plot's left edge,
        where an Axes sets its tick labels (3.5 pt off, no tick)."""
        from matplotlib.transforms import ScaledTranslation

        shift = self.trans_rows + ScaledTranslation(-3.5 / 72, 0, self.fig.dpi_scale_trans)
        for i, label in enumerate(labels):
            self.fig.text(
                0,
                i,
                label,
                transform=shift,
                ha="right",
                va="center_baseline",
                fontsize=size,
                parse_math=False,
            )

    def scale(self, values: Sequence[float], labels: Sequence[str], size: float) -> None:
        """Numbers under the plot (2 pt below it) and a grid line at each, behind the bars."""
        from matplotlib.lines import Line2D
        from matplotlib.transforms import ScaledTranslation

        shift = self.trans_scale + ScaledTranslation(0, -2 / 72, self.fig.dpi_scale_trans)
        for value, label in zip(values, labels, strict=True):
            self.fig.add_artist(
                Line2D(
                    [value, value],
                    [0, 1],
                    color=GRID,
                    linewidth=0.5,
                    transform=self.trans_scale,
                    clip_box=self.clip,
                    zorder=0.5,
                )
            )
            self.fig.text(
                value,
                0,
                label,
                transform=shift,
                ha="center",
                va="top",
                fontsize=size,
                parse_math=False,
            )

    def left_edge(self) -> None:
        """The plot's left edge, as an Axes' left spine."""
        from matplotlib.lines import Line2D

        self.fig.add_artist(
            Line2D(
                [0, 0],
                [0, 1],
                color=INK,
                linewidth=0.8,
                solid_capstyle="projecting",
                transform=self.trans_axes,
                zorder=2.5,
            )
        )


_ID = re.compile(r'\bid="([^"]+)"')


# A text's width, height and descent in points, by (text, font properties, math):
# what matplotlib's SVG renderer measures from the font alone, the same for every
# chart. Its own cache lives as long as one renderer (one chart); this one as long
# as the process, so that a label is measured once for all its charts.
_METRICS: dict[tuple[str, Any, Any], tuple[float, float, float]] = {}


@lru_cache(maxsize=1)
def _renderer_class() -> Any:
    """matplotlib's SVG renderer, with text metrics from ``_METRICS``."""
    from matplotlib.backends import backend_svg

    base: Any = backend_svg.RendererSVG

    class Renderer(base):  # type: ignore[misc]  # a class of matplotlib's, untyped here
        def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
            found = _METRICS.get((s, prop, ismath))
            if found is None:
                found = super().get_text_width_height_descent(s, prop, ismath)
                # A copy as the key: a text's properties may change after.
                _METRICS[s, prop.copy(), ismath] = found
            return found

    return Renderer


_NO_METADATA = {"Date": None, "Creator": None}


def _draw_svg(fig: Figure) -> str:
    """The figure as SVG text: what ``fig.savefig(format="svg")`` writes, drawn by
    ``_renderer_class`` (no artist is rasterised: nothing needs matplotlib's mixed renderer)."""
    buffer = io.StringIO()
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    fig.dpi = 72  # as matplotlib's print_svg: a point is a unit
    try:
        with _style():  # the SVG options apply when saving, not when drawing
            renderer = _renderer_class()(
                width * 72, height * 72, buffer, image_dpi=72, metadata=_NO_METADATA
            )
            fig.draw(renderer)
            renderer.finalize()
    finally:
        fig.dpi = dpi
    return buffer.getvalue()


def _to_svg(fig: Figure, key: str) -> str:
    """The figure as inline SVG: no prolog, ids unique to this chart, our font first."""
    svg = _draw_svg(fig)
    svg = svg[svg.index("<svg") :]
    # matplotlib's RDF block names the tool and namespaces on the web: not for readers.
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = _compact(svg)
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda m: f'id="{key}-{m.group(1)}"', svg)
    # References to those ids ("url(#p1)", "#text_1") stand in tags' attributes;
    # a name or note drawn as text is written as typed, "#text_1" and all.
    svg = re.sub(
        r"<[^>#]*#[^>]*>",
        lambda tag: re.sub(
            r"#([\w.-]+)",
            lambda m: f"#{key}-{m.group(1)}" if m.group(1) in ids else m.group(0),
            tag.group(0),
        ),
        svg,
    )
    return svg.replace(f"'{FONT_FAMILY}'", CSS_FONT_STACK)


_WRAPPED = re.compile(
    r'<g id="([^"]+)">\s*(<path [^>]*/>|<text [^>]*>[^<]*</text>|<use [^>]*/>)\s*</g>'
)


def _compact(svg: str) -> str:
    """matplotlib's SVG without what costs bytes and draws nothing.

    A group around a single shape, unless something refers to its id; a
    rotation by zero; layout white space; coordinates beyond a hundredth of a
    point. The web page carries ten charts, and stays under 250 KB.
    """
    svg = re.sub(r">\s+<", "><", svg)
    svg = re.sub(r"\s*\n\s*", " ", svg)  # matplotlib writes a line's text in one <text>
    svg = re.sub(r' transform="rotate\(-?0 [\d. -]+\)"', "", svg)
    svg = re.sub(  # in attributes only (with such a number): a name in a text is written as typed
        r'="[^"]*\d\.\d{3}[^"]*"',
        lambda m: re.sub(r"(\d+\.\d\d)\d+", r"\1", m.group(0)),
        svg,
    )
    referenced = set(re.findall(r"#([\w.-]+)", svg))
    return _WRAPPED.sub(lambda m: m.group(0) if m.group(1) in referenced else m.group(2), svg)


def _finish(
    fig: Figure, key: str, name: str, medium: Medium, tr: Translator | None = None
) -> Chart:
    """The chart as the web page's SVG, ``name`` its text alternative. With ``tr``,
    the alternative also says, in its language, that the table after the chart
    gives every figure: a screen reader's user hears that there is more than the
    name, and where (the trends' alternatives, sentences of their own, say so
    themselves). The chart's files keep the name alone (``Chart.name``)."""
    from html import escape

    label = name
    if tr is not None:
        said = name if name.endswith((".", "?", "!")) else f"{name}."
        # (Not inside the f-string: pybabel would not find the message there.)
        where = tr.gettext("The table below gives every figure.")
        label = f"{said} {where}"
    # Both media's charts stand in the web page: their ids must differ.
    svg = _to_svg(fig, f"{medium.name}-{key}").replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(label)}" class="chart chart-{medium.name}" ',
        1,
    )
    return Chart(key, svg, name)


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def with_contrast(colour: str, minimum: float = MIN_CONTRAST) -> str:
    """``colour``, darkened in small steps (hue kept) until it stands ``minimum``:1 on white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    out = colour.upper()
    step = 0
    while contrast_with_white(out) < minimum + 0.05:
        step += 1
        out = "#" + "".join(f"{round(c * (1 - 0.02 * step)):02X}" for c in rgb)
    return out


def community_colours(reference: Reference) -> dict[str, str]:
    """Each community's fill: communities.csv's colour or the default, with 3:1 contrast."""
    return {
        c.code: with_contrast(c.colour or COMMUNITY_COLOURS.get(c.code, YES))
        for c in reference.communities
    }


PAD = 0.015  # the gap between a bar's end and its label, as a share of the axis


def right_limit(ends: Sequence[float], labels: Sequence[str], size: float, axis_pt: float) -> float:
    """The x-axis' upper limit at which every label fits after its bar's end.

    A label ``w`` points wide after a bar ending at ``x`` needs
    ``x + PAD·L + w·L/axis ≤ L``: the largest ``L`` any label asks for.
    """
    limit = max(ends, default=1) or 1
    for end, label in zip(ends, labels, strict=True):
        share = text_width([label], size) / axis_pt + PAD + 0.01
        limit = max(limit, end / (1 - share) if share < 0.9 else end * 10)
    return limit


def community_bars(
    counts: Mapping[str, int],
    labels: Sequence[str],
    tr: Translator,
    reference: Reference,
    medium: Medium,
    height: float,
    *,
    pitch: float,
    thickness: float,
) -> Figure:
    """One bar a community (``counts``, in order), its label after its end (``labels``:
    a count and its share), the axis as long as the longest label lets it be: the
    MOCR sheet's officers and the Communities Committees' members alike.

    ``pitch``: mm a community at the chart's natural height (``height`` may ask
    for more); ``thickness``: a bar's most, in ``MAX_BAR``s.
    """
    colours = community_colours(reference)
    codes = list(counts)
    rows = max(len(codes), 1)
    height = max(height, 4 + pitch * rows)
    names = [tr.community(c) for c in codes]
    values = [counts[c] for c in codes]
    with _style():
        fig = _figure(medium.column, height)
        left = text_width(names, medium.text) + 6
        plot = Plot(fig, left=left, right=4, bottom=3, top=3)
        row_mm = (height - 6 / PT_PER_MM) / rows
        plot.barh(
            range(len(codes)),
            values,
            color=[colours[c] for c in codes],
            height=min(0.68, thickness * MAX_BAR / row_mm),
        )
        limit = right_limit(values, labels, medium.value, medium.column * PT_PER_MM - left - 4)
        for i, label in enumerate(labels):
            plot.text(values[i] + limit * PAD, i, label, va="center", fontsize=medium.value)
        plot.row_labels(names, medium.text)
        plot.set_ylim(len(codes) - 0.5, -0.5)
        plot.set_xlim(0, limit)
        plot.left_edge()
    return fig


def _legend(
    fig: Figure,
    items: Sequence[tuple[str, str, str]],
    medium: Medium,
    y_pt: float,
    note: str = "",
) -> None:
    """A row of swatches and labels centred at ``y_pt`` points from the figure's bottom.

    Drawn by hand rather than by ``Axes.legend`` so that every text is a plain
    text artist (no math) and the row can end with a note (what "–" means).
    """
    from matplotlib.patches import Rectangle

    width_pt = fig.get_size_inches()[0] * 72
    size = medium.text
    swatch, gap, space = size * 1.2, size * 0.4, size * 1.4
    widths = [swatch + gap + text_width([label], size) for label, _, _ in items]
    note_width = text_width([note], size) if note else 0.0
    total = sum(widths) + space * (len(items) - 1 + (1 if note else 0)) + note_width
    x = max((width_pt - total) / 2, 2.0)
    for (label, colour, hatch), w in zip(items, widths, strict=True):
        fig.patches.append(
            Rectangle(
                (x / width_pt, (y_pt - swatch / 2) / (fig.get_size_inches()[1] * 72)),
                swatch / width_pt,
                swatch / (fig.get_size_inches()[1] * 72),
                transform=fig.transFigure,
                facecolor=colour,
                hatch=hatch or None,
                edgecolor="white" if hatch else colour,
                linewidth=0.4,
            )
        )
        fig.text(
            (x + swatch + gap) / width_pt,
            y_pt / (fig.get_size_inches()[1] * 72),
            label,
            va="center_baseline",
            fontsize=size,
            parse_math=False,
        )
        x += w + space
    if note:
        fig.text(
            x / width_pt,
            y_pt / (fig.get_size_inches()[1] * 72),
            note,
            va="center_baseline",
            fontsize=size,
            parse_math=False,
        )


def _grouped_bars(
    plot: Plot,
    groups: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    medium: Medium,
    tr: Translator,
    row_mm: float = 0,
) -> None:
    """Horizontal bars, one per series in each group, each with its count at its end.

    A count beside its bar stays readable however short the bar; stacked
    segments of 1 out of 35 would not.
    """
    n = len(series)
    height = min(0.8, n * MAX_BAR / row_mm if row_mm else 0.8) / n
    longest = max((max(values, default=0) for *_, values in series), default=0) or 1
    for k, (colour, hatch, values) in enumerate(series):
        ys = [g + (k - (n - 1) / 2) * height for g in range(len(groups))]
        plot.barh(
            ys,
            values,
            height=height * 0.9,
            color=colour,
            hatch=hatch or None,
            edgecolor="white" if hatch else colour,
            linewidth=0.4,
        )
        for y, value in zip(ys, values, strict=True):
            plot.text(
                value + longest * 0.015, y, tr.number(value), va="center", fontsize=medium.value
            )
    plot.row_labels(groups, medium.text)
    plot.set_ylim(len(groups) - 0.5, -0.5)
    plot.set_xlim(0, longest * 1.14)
    plot.left_edge()


def _legend_room(medium: Medium) -> float:
    return medium.text * 2.6
