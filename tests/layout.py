"""Measuring a PDF's layout as a reader sees it: type sizes, word gaps, empty bands.

pdfplumber gives every character with its place and its text matrix; the page
rendered to pixels (pdfplumber's own renderer) shows what is blank. These are
the measurements behind tests/test_pdf_layout.py, tested on tiny PDFs of known
layout in tests/test_pdf_layout.py too.

Where a test needs only each page's text and type sizes (``read_pages``),
PDFium's text page gives them some twenty times faster: pdfplumber parses every
path of every chart to give each character (about 0.2 s a page), and a
booklet has 41 pages.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c

MM = 72 / 25.4  # points per millimetre
# A pixel row whose darkest pixel is lighter than this (0 black, 255 white) is blank.
BLANK_ROW = 245
# Characters that separate words; a gap between two words spans a run of these.
WORD_SPACES = frozenset(" \u00a0\u2009\u202f")

Char = dict[str, Any]


@dataclass(frozen=True)
class TypeSize:
    """One type size in use on a page, with a sample of the text set in it."""

    page: int
    size: float
    sample: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.size:.2f} pt {self.sample!r}"


@dataclass(frozen=True)
class WordGap:
    """The space between two words on one line, in ems of their font size."""

    page: int
    before: str
    after: str
    size: float
    em: float

    def __str__(self) -> str:
        return (
            f"page {self.page}: {self.em:.2f} em at {self.size:.1f} pt: "
            f"{self.before} ⟷ {self.after}"
        )


@dataclass(frozen=True)
class EarlyBreak:
    """A line of running text that ends before the next line's first word, which would have fit."""

    page: int
    line: str
    next_word: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.line!r} ⏎ {self.next_word!r}"


@dataclass(frozen=True)
class Band:
    """A horizontal stripe across the whole page with nothing drawn in it, in mm from the top."""

    page: int
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def __str__(self) -> str:
        return (
            f"page {self.page}: {self.height:.0f} mm empty "
            f"({self.top:.0f}–{self.bottom:.0f} mm from the top)"
        )


@dataclass(frozen=True)
class Layout:
    """Everything the layout tests ask of one PDF."""

    pages: int
    sizes: tuple[TypeSize, ...]  # every size in use on every page, smallest first
    gaps: tuple[WordGap, ...]  # every word gap of text of at least 8 pt, widest first
    bands: tuple[Band, ...]  # empty bands within the content area, tallest first
    early_breaks: tuple[EarlyBreak, ...] = ()  # lines of text broken before a word that fits
    lone_words: tuple[EarlyBreak, ...] = ()  # paragraphs ending on a line of one word
    texts: tuple[str, ...] = ()  # each page's text (pdfplumber's), where asked for
    page_sizes: tuple[tuple[float, float], ...] = ()  # each page's width and height, points

    def text_under(self, points: float) -> list[TypeSize]:
        return [s for s in self.sizes if s.size < points]

    def gaps_over(self, em: float) -> list[WordGap]:
        return [g for g in self.gaps if g.em > em]

    def bands_over(self, mm: float) -> list[Band]:
        return [b for b in self.bands if b.height > mm]


def char_size(char: Char) -> float:
    """The font size a reader sees, in points, whatever the glyph's rotation.

    pdfminer's own `size` is the height of the glyph's box, which for text
    turned 90° is its advance width. The box is the font-space rectangle
    (advance × font size) mapped by the text matrix; solving that mapping for
    the font size and scaling it by the matrix's vertical stretch holds at any angle.
    """
    a, b, c, d, _, _ = char["matrix"]
    advance = char["adv"]
    if abs(d) >= abs(c):
        font_size = (char["height"] - abs(b) * advance) / abs(d)
    else:
        font_size = (char["width"] - abs(a) * advance) / abs(c)
    return font_size * math.hypot(c, d)


def type_sizes(page: Any) -> list[TypeSize]:
    """Each type size on the page (to 0.01 pt), smallest first, with the text set in it."""
    by_size: dict[float, list[str]] = {}
    for char in page.chars:
        if char["text"].strip():
            by_size.setdefault(round(char_size(char), 2), []).append(char["text"])
    return [
        TypeSize(page.page_number, size, "".join(text[:40]))
        for size, text in sorted(by_size.items())
    ]


def word_gaps(page: Any, min_size: float = 8.0) -> list[WordGap]:
    """Gaps between consecutive words of one line set in one size of at least `min_size`.

    A word gap is a run of spaces in the text stream between two characters on
    the same baseline: its width runs from the end of the word before to the
    start of the word after (the space itself included). Text apart without a
    space between (table cells, columns, chart labels) is not a word gap.
    """
    chars: list[Char] = [c for c in page.chars if c["upright"]]
    gaps = []
    for i, char in enumerate(chars):
        if char["text"] not in WORD_SPACES or i == 0 or chars[i - 1]["text"] in WORD_SPACES:
            continue
        before = chars[i - 1]
        j = i
        while j < len(chars) and chars[j]["text"] in WORD_SPACES:
            j += 1
        if j == len(chars):
            break
        after = chars[j]
        size = char_size(before)
        if (
            size < min_size
            or abs(char_size(after) - size) > 0.01
            or abs(after["bottom"] - before["bottom"]) > 0.1 * size
            or after["x0"] <= before["x1"]
        ):
            continue
        em = (after["x0"] - before["x1"]) / size
        gaps.append(
            WordGap(page.page_number, _word(chars, i - 1, -1), _word(chars, j, 1), size, em)
        )
    return gaps


def _word(chars: Sequence[Char], start: int, step: int) -> str:
    """The word that ends (step -1) or starts (step 1) at chars[start]."""
    letters = []
    i = start
    while 0 <= i < len(chars) and chars[i]["text"] not in WORD_SPACES:
        if abs(chars[i]["bottom"] - chars[start]["bottom"]) > 1:
            break
        letters.append(chars[i]["text"])
        i += step
    return "".join(letters if step == 1 else reversed(letters))


@dataclass(frozen=True)
class _Line:
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return float(self.chars[0]["x0"])

    @property
    def x1(self) -> float:
        return float(max(c["x1"] for c in self.chars if c["text"] not in WORD_SPACES))


def text_lines(page: Any, min_size: float = 8.0) -> list[_Line]:
    """The page's lines of upright text of at least `min_size`, in the text stream's order."""
    lines: list[_Line] = []
    for char in page.chars:
        if not char["upright"] or char_size(char) < min_size:
            continue
        last = lines[-1].chars[-1] if lines else None
        if (
            last is None
            or abs(char["bottom"] - last["bottom"]) > 1
            or char["x0"] < last["x0"]
            or abs(char_size(char) - char_size(last)) > 0.01
        ):
            lines.append(_Line([char]))
        else:
            lines[-1].chars.append(char)
    return [line for line in lines if line.text.strip()]


def paragraphs(page: Any, min_size: float = 8.0) -> list[list[_Line]]:
    """The page's lines grouped in paragraphs.

    Lines are of one paragraph when they start at the same x, in one size, each
    one line pitch (at most 1.6 × the size) below the one before.
    """
    found: list[list[_Line]] = []
    for line in text_lines(page, min_size):
        size = char_size(line.chars[0])
        before = found[-1][-1] if found else None
        if (
            before is None
            or abs(line.x0 - before.x0) > 0.5
            or abs(char_size(before.chars[0]) - size) > 0.01
            or not 0 < line.chars[0]["bottom"] - before.chars[0]["bottom"] <= 1.6 * size
        ):
            found.append([line])
        else:
            found[-1].append(line)
    return found


def lone_last_words(page: Any, min_size: float = 6.5) -> list[EarlyBreak]:
    """Paragraphs of two lines or more whose last line is one word ("… / pajtueshmërinë.")."""
    found = []
    for lines in paragraphs(page, min_size):
        last = lines[-1].text.strip()
        # Chart labels are drawn without their spaces: only text with spaces counts.
        if len(lines) > 1 and " " in lines[-2].text and not set(last) & WORD_SPACES:
            found.append(EarlyBreak(page.page_number, lines[-2].text.strip(), last))
    return found


def early_breaks(page: Any, min_size: float = 8.0) -> list[EarlyBreak]:
    """Lines of a paragraph that end although the next line's first word would have fit.

    The text column is at least as wide as the paragraph's widest line: if a line, a
    space and the next line's first word end inside that, the break came
    early. A line ending in a hyphen is left alone (its next word is the rest
    of the hyphenated one). A no-break space joins a word to the next.
    """
    found = []
    for lines in paragraphs(page, min_size):
        right = max(line.x1 for line in lines)
        for line, after in itertools.pairwise(lines):
            if line.text.rstrip()[-1] in "-\u2010\u00ad":
                continue
            word = []  # up to the first place a line may break: a space, or after "/"
            for char in after.chars:
                if char["text"] == " ":
                    break
                word.append(char)
                if char["text"] == "/":
                    break
            space = 0.3 * char_size(line.chars[0])
            if line.x1 + space + (word[-1]["x1"] - word[0]["x0"]) < right - 0.5:
                text = "".join(c["text"] for c in word)
                found.append(EarlyBreak(page.page_number, line.text.strip(), text))
    return found


def empty_bands(page: Any, top_mm: float, bottom_mm: float, resolution: int = 50) -> list[Band]:
    """Stripes across the whole page width where nothing is drawn, between the margins.

    The page is rendered to pixels, so what counts is what a reader sees:
    white boxes and clipped paths draw nothing, a pale rule or tint does.
    """
    image = page.to_image(resolution=resolution).original.convert("L")
    pixels = np.asarray(image)
    mm_per_row = page.height / MM / pixels.shape[0]
    blank = pixels.min(axis=1) >= BLANK_ROW
    first = math.ceil(top_mm / mm_per_row)
    last = math.floor((page.height / MM - bottom_mm) / mm_per_row)
    bands = []
    start = None
    for row in range(first, last + 1):
        if row < last and blank[row]:
            if start is None:
                start = row
        elif start is not None:
            bands.append(Band(page.page_number, start * mm_per_row, row * mm_per_row))
            start = None
    return bands


def measure(path: Path, top_mm: float, bottom_mm: float, *, texts: bool = False) -> Layout:
    """The layout of a PDF whose content area lies between these top and bottom margins;
    with ``texts``, each page's text too (its characters are read once for both)."""
    with pdfplumber.open(path) as pdf:
        found: list[str] = []
        sizes: list[TypeSize] = []
        gaps: list[WordGap] = []
        bands: list[Band] = []
        breaks: list[EarlyBreak] = []
        lone: list[EarlyBreak] = []
        for page in pdf.pages:
            breaks += early_breaks(page)
            lone += lone_last_words(page)
            sizes += type_sizes(page)
            gaps += word_gaps(page)
            bands += empty_bands(page, top_mm, bottom_mm)
            if texts:
                found.append(page.extract_text() or "")
            page.close()
        return Layout(
            pages=len(pdf.pages),
            sizes=tuple(sorted(sizes, key=lambda s: s.size)),
            gaps=tuple(sorted(gaps, key=lambda g: -g.em)),
            bands=tuple(sorted(bands, key=lambda b: -b.height)),
            early_breaks=tuple(breaks),
            lone_words=tuple(lone),
            texts=tuple(found),
            page_sizes=tuple((float(p.width), float(p.height)) for p in pdf.pages),
        )


@dataclass(frozen=True)
class Pages:
    """Each page's text, size and type sizes, as PDFium reads them."""

    texts: tuple[str, ...]  # each page's text, its lines split by "\\n"
    sizes: tuple[TypeSize, ...]  # every size in use on every page, smallest first
    page_sizes: tuple[tuple[float, float], ...]  # each page's width and height, points

    def text_under(self, points: float) -> list[TypeSize]:
        return [s for s in self.sizes if s.size < points]


def read_pages(path: Path) -> Pages:
    """The pages' texts and type sizes, without pdfplumber's cost.

    A character's size is its font size scaled by its matrix, the size a
    reader sees, to the same 0.01 pt as ``type_sizes``: the
    same sizes on every page of a booklet, a trends sheet and a Communities
    Committees sheet (test_read_pages_sees_the_sizes_pdfplumber_sees).
    """
    texts: list[str] = []
    sizes: list[TypeSize] = []
    page_sizes: list[tuple[float, float]] = []
    matrix = pdfium_c.FS_MATRIX()
    pdf = pypdfium2.PdfDocument(path)
    try:
        for number, page in enumerate(pdf, 1):
            text_page = page.get_textpage()
            texts.append(text_page.get_text_bounded().replace("\r\n", "\n"))
            by_size: dict[float, list[str]] = {}
            for index in range(text_page.count_chars()):
                char = chr(pdfium_c.FPDFText_GetUnicode(text_page, index))
                if char.strip():
                    # The font size, scaled as the page draws it (the matrix
                    # holds the scaling that the font size does not).
                    pdfium_c.FPDFText_GetMatrix(text_page, index, matrix)
                    size = pdfium_c.FPDFText_GetFontSize(text_page, index)
                    seen = round(size * math.hypot(matrix.c, matrix.d), 2)
                    by_size.setdefault(seen, []).append(char)
            sizes += [
                TypeSize(number, size, "".join(text[:40])) for size, text in sorted(by_size.items())
            ]
            page_sizes.append((page.get_width(), page.get_height()))
            text_page.close()
            page.close()
    finally:
        pdf.close()
    return Pages(
        texts=tuple(texts),
        sizes=tuple(sorted(sizes, key=lambda s: s.size)),
        page_sizes=tuple(page_sizes),
    )


def listing(items: Iterable[object], limit: int = 8) -> str:
    """Items one per line for a failure message, the first few only."""
    items = list(items)
    lines = [f"  {item}" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"  … and {len(items) - limit} more")
    return "\n".join(lines)
