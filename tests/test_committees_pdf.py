"""The Communities Committees sheet's PDFs, measured like the MOCR sheet's
(tests/layout.py): two full A4 pages, type big enough, even word spacing,
no empty stretch of paper, no paragraph ending on a lone word, the law's
number as written. Every bundled year with committee data, every language,
and 2019 with a period shorter than the year and long notes (the mark after
the period, a long note under the mandate: still two pages).
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from layout import Layout, listing, measure
from mocr_factsheet.cli import app
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YEARS = sorted(p.parent.name for p in DATA.glob("*/committees.csv"))
LANGUAGES = list(discover_languages(resource_dir("locales")))
SHEETS = [("bundled", y, t) for y in YEARS for t in LANGUAGES] + [
    ("period-notes", "2019", t) for t in LANGUAGES
]
LONG_NOTES = Path(__file__).parent / "fixtures" / "long-notes" / "year.toml"
# The sheet's @page margins (templates/base.css).
MARGIN_TOP_MM = 14
MARGIN_BOTTOM_MM = 12
SMALLEST_PT = 6.5
WIDEST_GAP_EM = 0.5
EMPTY_BAND_MM = 25
TITLE = {
    "en": "Communities Committees",
    "sq": "Komitetet për Komunitete",
    "sr": "Komiteti za zajednice",
    "sr-Cyrl": "Комитети за заједнице",
}

pytestmark = pytest.mark.slow


def with_period_and_long_notes(folder: Path) -> Path:
    """The bundled data copied to ``folder``, 2019 covering January to September
    with the long notes of tests/fixtures/long-notes/year.toml."""
    shutil.copytree(DATA, folder)
    notes = LONG_NOTES.read_text("utf-8").partition("[notes]")[2]
    (folder / "2019" / "year.toml").write_text(
        'sample = true\nperiod = { start = "2019-01", end = "2019-09" }\n\n[notes]' + notes,
        "utf-8",
    )
    return folder


def _build_pdfs(data: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(
        app,
        [
            *("build", "--kind", "committees", "--data", str(data), "--out", str(out)),
            *("--format", "pdf", "--jobs", "2", *args),
        ],
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def committee_pdfs(tmp_path_factory: pytest.TempPathFactory, publication: Path) -> Path:
    """The bundled data's sheets (the session's publication) and 2019's covering
    nine months with long notes, under out/<data>/."""
    out = tmp_path_factory.mktemp("committees")
    (out / "bundled").symlink_to(publication)
    data = with_period_and_long_notes(out / "period-notes-data")
    _build_pdfs(data, out / "period-notes", "--year", "2019")
    return out


@pytest.fixture(scope="module")
def measured() -> dict[Path, Layout]:
    return {}


@pytest.fixture(params=SHEETS, ids=["-".join(s) for s in SHEETS])
def sheet(request: pytest.FixtureRequest, committee_pdfs: Path) -> Path:
    data, year, tag = request.param
    return committee_pdfs / data / year / f"mocr-{year}-cc-{tag}.pdf"


@pytest.fixture
def layout(sheet: Path, measured: dict[Path, Layout]) -> Layout:
    if sheet not in measured:
        measured[sheet] = measure(sheet, MARGIN_TOP_MM, MARGIN_BOTTOM_MM)
    return measured[sheet]


def test_bundled_years_have_committee_data() -> None:
    assert YEARS == ["2018", "2019"]


def test_two_a4_pages(layout: Layout, sheet: Path) -> None:
    assert layout.pages == 2
    with pdfplumber.open(sheet) as pdf:
        for page in pdf.pages:
            assert (round(page.width / 72 * 25.4), round(page.height / 72 * 25.4)) == (210, 297)


def test_no_text_under_the_smallest_size(layout: Layout) -> None:
    small = layout.text_under(SMALLEST_PT)
    assert not small, f"text under {SMALLEST_PT} pt:\n{listing(small)}"


def test_even_word_spacing(layout: Layout) -> None:
    wide = layout.gaps_over(WIDEST_GAP_EM)
    assert not wide, f"word gaps wider than {WIDEST_GAP_EM} em:\n{listing(wide)}"


def test_no_empty_band_of_paper(layout: Layout) -> None:
    bands = layout.bands_over(EMPTY_BAND_MM)
    assert not bands, f"empty bands taller than {EMPTY_BAND_MM} mm:\n{listing(bands)}"


def test_no_lone_word_ends_a_paragraph(layout: Layout) -> None:
    lone = layout.lone_words
    assert not lone, f"paragraphs ending on one word:\n{listing(lone)}"


def test_title_and_law_in_each_language(sheet: Path) -> None:
    year, tag = re.fullmatch(r"mocr-(\d{4})-cc-(.+)\.pdf", sheet.name).groups()  # type: ignore[union-attr]
    with pdfplumber.open(sheet) as pdf:
        text = pdf.pages[0].extract_text() or ""
        second = pdf.pages[1].extract_text() or ""
    assert f"{TITLE[tag]} {year}" in text
    # The law's number keeps its Latin "L" in every script.
    assert "03/L-040" in text.replace("\n", "").replace("- ", "-")
    assert "02/2018" in text.replace("\n", " ")
    # The gender chart's counts are text, not outlines.
    assert "(100%)" in second or "(0%)" in second or "%" in second


def test_no_word_is_hyphenated_nor_an_abbreviation_parted_from_its_number(sheet: Path) -> None:
    """Typst hyphenates Albanian and Serbian Cyrillic, not Serbian Latin: the mandate
    read as a ladder of five hyphens in one script and none in another, and "br."
    ended the line before "03/L-040" (PDF review). No text of the sheet is hyphenated."""
    with pdfplumber.open(sheet) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    for line, after in itertools.pairwise(lines):
        hyphenated = re.search(r"[^\W\d_]-$", line) and after[:1].islower()
        assert not hyphenated, f"{line!r} / {after!r}"
        assert not re.search(r"\b(No|br|бр)\.$", line), f"{line!r} / {after!r}"
