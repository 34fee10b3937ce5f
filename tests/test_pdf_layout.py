"""Every sheet's PDF, measured as an editor would look at it: two full A4 pages, type
big enough, even word spacing, no empty stretch of paper.

Covers every bundled year in every language, and a year with long notes
(tests/fixtures/long-notes/year.toml in place of 2019's). The measurements
(tests/layout.py) are first checked on tiny PDFs whose layout is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from layout import (
    Layout,
    early_breaks,
    empty_bands,
    listing,
    measure,
    read_pages,
    type_sizes,
    word_gaps,
)
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.resources import FONTS_DIR, resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YEARS = sorted(p.name for p in DATA.iterdir() if re.fullmatch(r"\d{4}", p.name))
LANGUAGES = list(discover_languages(resource_dir("locales")))
# (data, year, language): "bundled" is data/, "long-notes" the same with 2019's long notes.
SHEETS = [("bundled", y, t) for y in YEARS for t in LANGUAGES] + [
    ("long-notes", "2019", t) for t in LANGUAGES
]

# The sheet's page margins (templates/base.typ): the content area lies between them.
MARGIN_TOP_MM = 14
MARGIN_BOTTOM_MM = 12
SMALLEST_PT = 6.5  # docs/contract.md §4: nothing under 6.5 pt
WIDEST_GAP_EM = 0.5  # between two words of body text (8 pt and more), space included
EMPTY_BAND_MM = 25  # a stripe of blank paper taller than this is waste


@pytest.fixture(scope="session")
def sheet_pdfs(
    tmp_path_factory: pytest.TempPathFactory, publication: Path, long_notes_sheets: Path
) -> Path:
    """Every PDF of the bundled data (the session's publication), and 2019's with
    long notes, under out/<data>/."""
    out = tmp_path_factory.mktemp("layout")
    (out / "bundled").symlink_to(publication)
    (out / "long-notes").symlink_to(long_notes_sheets)
    return out


@pytest.fixture(scope="session")
def measured() -> dict[Path, Layout]:
    """Each PDF's layout, measured once for all the tests that ask."""
    return {}


@pytest.fixture(params=SHEETS, ids=["-".join(s) for s in SHEETS])
def layout(
    request: pytest.FixtureRequest, sheet_pdfs: Path, measured: dict[Path, Layout]
) -> Layout:
    data, year, tag = request.param
    pdf = sheet_pdfs / data / year / f"mocr-{year}-{tag}.pdf"
    if pdf not in measured:
        measured[pdf] = measure(pdf, MARGIN_TOP_MM, MARGIN_BOTTOM_MM)
    return measured[pdf]


@pytest.mark.slow
def test_two_pages(layout: Layout) -> None:
    pages = layout.pages
    assert pages == 2


@pytest.mark.slow
def test_no_text_under_the_smallest_size(layout: Layout) -> None:
    small = layout.text_under(SMALLEST_PT)
    assert not small, f"text under {SMALLEST_PT} pt:\n{listing(small)}"


@pytest.mark.slow
def test_even_word_spacing(layout: Layout) -> None:
    wide = layout.gaps_over(WIDEST_GAP_EM)
    assert not wide, f"word gaps wider than {WIDEST_GAP_EM} em:\n{listing(wide)}"


@pytest.mark.slow
def test_no_empty_band_of_paper(layout: Layout) -> None:
    bands = layout.bands_over(EMPTY_BAND_MM)
    assert not bands, f"empty bands taller than {EMPTY_BAND_MM} mm:\n{listing(bands)}"


@pytest.mark.slow
def test_no_line_breaks_early(layout: Layout) -> None:
    early = layout.early_breaks
    assert not early, f"lines broken before a word that fits:\n{listing(early)}"


@pytest.mark.slow
def test_no_lone_word_ends_a_paragraph(layout: Layout) -> None:
    lone = layout.lone_words
    assert not lone, (
        f"paragraphs (headings, captions, chart labels) ending on one word:\n{listing(lone)}"
    )


# The regulation's name as each language writes it: one word, never hyphenated
# away from its number (the no-break space keeps them on one line).
REGULATION = {"en": "Regulation", "sq": "Rregullorja", "sr": "Uredba", "sr-Cyrl": "Уредба"}


@pytest.mark.slow
@pytest.mark.parametrize("sheet", SHEETS, ids=["-".join(s) for s in SHEETS])
def test_regulation_stays_whole_with_its_number(
    sheet: tuple[str, str, str], sheet_pdfs: Path
) -> None:
    data, year, tag = sheet
    with pdfplumber.open(sheet_pdfs / data / year / f"mocr-{year}-{tag}.pdf") as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    assert any(re.search(rf"(^|\s){REGULATION[tag]}\s02/2010", line) for line in lines), lines


# The measurements themselves, on tiny PDFs of known layout (typeset by Typst,
# as the sheets are).


def tiny_pdf(tmp_path: Path, body: str, margin: str = "10mm") -> Path:
    """A one-page A4 PDF of Typst markup ``body`` in our font at 10 pt."""
    import typst

    source = tmp_path / "tiny.typ"
    source.write_text(
        f'#set page(paper: "a4", margin: {margin})\n'
        '#set text(font: "DejaVu Sans", size: 10pt)\n'
        f"#set par(spacing: 0pt)\n{body}",
        "utf-8",
    )
    path = tmp_path / "tiny.pdf"
    path.write_bytes(
        typst.compile(str(source), font_paths=[str(FONTS_DIR)], ignore_system_fonts=True)
    )
    return path


@contextmanager
def first_page(path: Path) -> Iterator[Any]:
    with pdfplumber.open(path) as pdf:
        yield pdf.pages[0]


def test_type_sizes_hold_for_turned_text(tmp_path: Path) -> None:
    pdf = tiny_pdf(
        tmp_path,
        "#text(size: 6pt)[tiny]\n\n"
        "#pad(20mm, rotate(90deg, reflow: true, text(size: 9pt)[turned]))\n"
        "#pad(20mm, rotate(-30deg, reflow: true, text(size: 8pt)[tilted]))\n"
        "#text(size: 12pt)[plain]",
    )
    with first_page(pdf) as page:
        sizes = {s.size: s.sample for s in type_sizes(page)}
    assert sizes == {6.0: "tiny", 8.0: "tilted", 9.0: "turned", 12.0: "plain"}
    assert [s.size for s in measure(pdf, 10, 10).text_under(6.5)] == [6.0]


def test_read_pages_sees_the_sizes_pdfplumber_sees(tmp_path: Path) -> None:
    """The quick reader (PDFium's text page) gives the size a reader sees, as
    ``type_sizes`` does: turned, tilted and scaled text included."""
    pdf = tiny_pdf(
        tmp_path,
        "#text(size: 6pt)[tiny]\n\n"
        "#pad(20mm, rotate(90deg, reflow: true, text(size: 9pt)[turned]))\n"
        "#pad(20mm, rotate(-30deg, reflow: true, text(size: 8pt)[tilted]))\n"
        "#scale(50%, reflow: true, text(size: 14pt)[halved])\n\n"
        "#text(size: 12pt)[plain]",
    )
    with first_page(pdf) as page:
        expected = {(s.size, s.sample) for s in type_sizes(page)}
    pages = read_pages(pdf)
    assert {(s.size, s.sample) for s in pages.sizes} == expected
    assert expected == {
        (6.0, "tiny"),
        (7.0, "halved"),
        (8.0, "tilted"),
        (9.0, "turned"),
        (12.0, "plain"),
    }
    assert [s.sample for s in pages.text_under(7.5)] == ["tiny", "halved"]
    assert pages.texts[0].split() == ["tiny", "turned", "tilted", "halved", "plain"]
    assert pages.page_sizes == ((pytest.approx(595.28, abs=0.01), pytest.approx(841.89, abs=0.01)),)


def test_word_gaps_measure_stretched_spaces_only(tmp_path: Path) -> None:
    pdf = tiny_pdf(
        tmp_path,
        "plain words here\n\n"
        "#text(spacing: 100% + 0.4em)[stretched words here]\n\n"
        "#text(size: 7pt, spacing: 100% + 1em)[small print apart]\n\n"
        "left#h(30mm)right",
    )
    with first_page(pdf) as page:
        gaps = {(g.before, g.after): round(g.em, 2) for g in word_gaps(page)}
    space = gaps[("plain", "words")]
    assert 0.3 < space < 0.33  # DejaVu Sans' space is 0.318 em
    assert gaps[("stretched", "words")] == pytest.approx(space + 0.4, abs=0.01)
    assert set(gaps) == {("plain", "words"), ("words", "here"), ("stretched", "words")}
    wide = measure(pdf, 10, 10).gaps_over(0.5)
    assert {(g.before, g.after) for g in wide} == {("stretched", "words"), ("words", "here")}
    assert len(wide) == 2


def test_empty_bands_are_what_a_reader_sees_blank(tmp_path: Path) -> None:
    pdf = tiny_pdf(
        tmp_path,
        "top\n"
        "#block(height: 40mm, width: 100%, stroke: (bottom: 1pt + black))\n"
        "#block(height: 30mm, width: 100%, fill: luma(232))\n"
        "#block(height: 20mm)\n"
        "#align(right)[end]",
        margin="(top: 10mm, x: 10mm, bottom: 180mm)",
    )
    with first_page(pdf) as page:
        bands = [b for b in empty_bands(page, 10, 180) if b.height > 5]
    # The bordered box draws only its border; the grey box is not blank; the
    # bottom margin is not the content area. Rendered at 50 dpi: to half a
    # millimetre. The first band runs from under the ink of "top" (its line
    # ends at 13 mm) to the border at 52 mm; the last from under "end" to the
    # foot of the content area (117 mm).
    assert [(b.top, b.height) for b in bands] == [
        (pytest.approx(13, abs=1), pytest.approx(39, abs=1)),
        (pytest.approx(83, abs=1), pytest.approx(20, abs=1)),
        (pytest.approx(106, abs=1), pytest.approx(11, abs=1)),
    ]
    assert [b.height for b in measure(pdf, 10, 180).bands_over(25)] == [pytest.approx(39, abs=1)]


def test_early_breaks_are_lines_that_left_room(tmp_path: Path) -> None:
    pdf = tiny_pdf(
        tmp_path,
        "#block(width: 60mm)[a ragged paragraph of words that wraps as text wraps "
        "where the next word does not fit]\n"
        "#v(5mm)\n"
        "#block(width: 60mm)[short#linebreak()line then a long line full of words "
        "and the end]\n"
        "#v(5mm)\n"
        "#block(width: 60mm)[hyphen#sym.hyph#linebreak()ated words]",
    )
    with first_page(pdf) as page:
        found = [(b.line, b.next_word) for b in early_breaks(page, min_size=9)]
    assert found == [("short", "line")]
