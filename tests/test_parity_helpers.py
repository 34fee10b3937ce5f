"""tests/parity.py's normalisation, on its own: the parity tests are only as good as it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from parity import BOTTOM_MARGIN, TOP_MARGIN, _joined, difference, pdf_pages, words


def test_words_fold_case_and_drop_edge_punctuation() -> None:
    assert words("(Prizren) 23 (29%), ОКЗП-а;\u00a0da\u00ad-li") == [
        "prizren", "23", "29%", "окзп-а", "da-li",
    ]  # fmt: skip


def box(text: str, x0: float, top: float) -> dict[str, object]:
    """A word as pdfplumber gives it: 6 pt a letter, 8 pt high."""
    return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 8}


def test_a_hyphenated_line_end_is_joined_and_other_hyphens_kept() -> None:
    line = [box("Opštinske", 10, 10), box("kance-", 70, 10)]
    next_line = [box("larije", 10, 22), box("Deçan-Dečane", 50, 22)]
    assert _joined(line + next_line) == ["opštinske", "kancelarije", "deçan-dečane"]


def test_a_name_broken_after_its_slash_is_one_word() -> None:
    line = [box("(Leposavić/", 10, 10)]
    next_line = [box("Leposaviq)", 10, 22), box("and", 80, 22)]
    assert _joined(line + next_line) == ["leposavić/leposaviq", "and"]


def test_a_line_end_joins_the_next_line_of_its_own_paragraph() -> None:
    # Two columns: the left one's line ends in "Mitrovica/"; the right
    # column's "28" stands on the same line, its "Jo" on the next, and the
    # left column's next line starts with "Mitrovicë".
    words_found = [
        box("Severna", 10, 10),
        box("Mitrovica/", 60, 10),
        box("28", 300, 10),
        box("Jo", 300, 22),
        box("Mitrovicë", 10, 22),
    ]
    assert _joined(words_found) == ["severna", "mitrovica/mitrovicë", "28", "jo"]
    # A right-aligned chart label's lines start at different places: apart.
    label = [box("Mitrovicë", 40, 10), box("Jugut/", 100, 10), box("Južna", 64, 22)]
    assert _joined(label) == ["mitrovicë", "jugut", "južna"]


def test_difference_names_what_each_side_lacks() -> None:
    assert difference(["a", "b"], ["b", "a"]) == ""
    assert difference(["a", "a"], ["a", "c"]) == (
        "only in the PDF: {'a': 1}; only in the web page: {'c': 1}"
    )


def plumbed_pages(path: Path) -> list[list[str]]:
    """``pdf_pages`` as it read before (pdfplumber's words, a second a sheet)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            found = page.extract_words(x_tolerance=1, keep_blank_chars=False, use_text_flow=False)
            body = [
                w
                for w in found
                if w["top"] >= TOP_MARGIN - 1 and w["bottom"] <= page.height - BOTTOM_MARGIN + 1
            ]
            pages.append(_joined(body))
    return pages


@pytest.mark.slow
@pytest.mark.parametrize(
    "pdf",
    [
        "2019/mocr-2019-sr-Cyrl.pdf",  # two pages of charts
        "2019/mocr-2019-cc-sq.pdf",  # charts whose labels stand close
        "2018/municipalities/mocr-2018-zvecan-sr.pdf",
        "trends/mocr-trends-sq.pdf",  # a word hyphenated at a line's end
        "trends/mocr-trends-sr-Cyrl.pdf",
    ],
)
def test_pdfium_reads_the_words_pdfplumber_reads(publication: Path, pdf: str) -> None:
    """The parity tests read PDFs with PDFium (pdfplumber parses every path of the
    charts): the same words, in the same order, on every page."""
    assert pdf_pages(publication / pdf) == plumbed_pages(publication / pdf)
