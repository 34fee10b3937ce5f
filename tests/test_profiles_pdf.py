"""The profiles' PDFs (templates/profile.typ, typeset by Typst), as a reader sees them.

Every profile of the bundled data, and every profile of a year with eight
years of history and long notes (the bundled data with 2020–2023 added, see
``eight_years``), is one A4 page; a sample of them, in every language, is
measured as tests/test_pdf_layout.py measures the sheets (type sizes, word
gaps, lone last words, empty paper), says the same words as its web
page's print (tests/parity.py), and its web page's tables read on a phone.
The sample holds a real year after invented ones (``real_year``): its pages
mark the invented years.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from helpers import assert_tables_fit
from layout import Layout, listing, measure
from mocr_factsheet.cli import app
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.resources import resource_dir
from parity import difference, pdf_pages, print_pages, words
from test_committees_browser import BrowserThread

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LONG_NOTES = Path(__file__).parent / "fixtures" / "long-notes" / "year.toml"
YEARS = sorted(int(p.name) for p in DATA.iterdir() if re.fullmatch(r"\d{4}", p.name))
LANGUAGES = list(discover_languages(resource_dir("locales")))
LAST = YEARS[-1] + 4  # the eight-year data's last year
# (data, year, municipality): an MOCR, a similar office, none; the first year (no
# checklist of the year before), a year of nine months with a note; the last
# year of eight, with long notes.
SAMPLE = [
    ("bundled", 2019, "prizren"),
    ("bundled", 2019, "leposaviq"),
    ("bundled", 2018, "zvecan"),
    ("bundled", 2016, "mitrovice-jug"),
    ("bundled", 2017, "fushe-kosove"),
    ("eight-years", LAST, "prizren"),
    ("eight-years", LAST, "mitrovice-veri"),
    ("real", YEARS[-1], "zvecan"),
]
MARGIN_TOP_MM = 14  # templates/base.typ's page margins
MARGIN_BOTTOM_MM = 12
SMALLEST_PT = 6.5  # docs/contract.md §4
WIDEST_GAP_EM = 0.5
EMPTY_BAND_MM = 25
MOCR_TABLES = ("offices.csv", "officers.csv", "duties.csv")


def eight_years(data: Path, into: Path) -> Path:
    """``data`` with four more years after its last: each a copy of the MOCR
    tables of the year four before, the last with long notes in every language
    (tests/fixtures/long-notes): profiles with eight years of history, the
    longest a page must hold."""
    shutil.copytree(data, into)
    for year in range(YEARS[-1] + 1, LAST + 1):
        folder = into / str(year)
        folder.mkdir()
        for name in MOCR_TABLES:
            shutil.copyfile(data / str(year - 4) / name, folder / name)
        (folder / "year.toml").write_text("sample = true\n", "utf-8")
    shutil.copyfile(LONG_NOTES, into / str(LAST) / "year.toml")
    return into


def real_year(data: Path, into: Path) -> Path:
    """``data`` with its last year made real (``sample = false``) after the
    invented years before it: its pages mark those years as illustrative."""
    shutil.copytree(data, into)
    toml = into / str(YEARS[-1]) / "year.toml"
    text = toml.read_text("utf-8")
    assert text.count("sample = true") == 1
    toml.write_text(text.replace("sample = true", "sample = false"), "utf-8")
    return into


def build(data: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(
        app, ["build", "--kind", "profile", "--data", str(data), "--out", str(out), *args]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, publication: Path) -> Path:
    """Every profile's PDF of the bundled data (out/bundled: the session's whole
    publication) and of the eight-year data's last year (out/eight-years); the
    sample's web pages beside them."""
    out = tmp_path_factory.mktemp("profiles")
    (out / "bundled").symlink_to(publication)
    data = eight_years(DATA, out / "eight-years-data")
    build(data, out / "eight-years", "--year", str(LAST), "--format", "pdf", "--jobs", "2")
    real = real_year(DATA, out / "real-data")
    sources = {"bundled": DATA, "eight-years": data, "real": real}
    for name, year, code in SAMPLE:
        if name == "bundled":
            continue  # the publication holds their web pages
        # The web page beside each PDF (the real year's PDF too: only its sample is built).
        formats = ("--format", "html") if name != "real" else ()
        build(sources[name], out / name, "--year", str(year), "--municipality", code, *formats)
    return out


def profile(out: Path, data: str, year: int, code: str, tag: str, fmt: str = "pdf") -> Path:
    return out / data / str(year) / "municipalities" / f"mocr-{year}-{code}-{tag}.{fmt}"


@pytest.mark.slow
def test_every_profile_is_one_a4_page(built: Path) -> None:
    expected = {
        profile(built, "bundled", y, c, t)
        for y in YEARS
        for c in MUNICIPALITY_CODES
        for t in LANGUAGES
    } | {profile(built, "eight-years", LAST, c, t) for c in MUNICIPALITY_CODES for t in LANGUAGES}
    real = {profile(built, "real", YEARS[-1], "zvecan", t) for t in LANGUAGES}
    assert set(built.glob("*/*/municipalities/*.pdf")) == expected | real
    assert len(expected) == (len(YEARS) + 1) * 38 * 4
    expected |= real
    wrong = []
    for pdf in sorted(expected):
        pages = PdfReader(pdf).pages
        box = pages[0].mediabox
        size = (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72))
        if len(pages) != 1 or size != (210, 297):
            wrong.append(f"{pdf.name}: {len(pages)} pages of {size} mm")
    assert not wrong, f"profiles that are not one A4 page:\n{listing(wrong)}"


@pytest.fixture(scope="module")
def measured() -> dict[Path, Layout]:
    return {}


CASES = [(*s, t) for s in SAMPLE for t in LANGUAGES]


@pytest.fixture(params=CASES, ids=["-".join(map(str, c)) for c in CASES])
def case(request: pytest.FixtureRequest) -> tuple[str, int, str, str]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def layout(built: Path, case: tuple[str, int, str, str], measured: dict[Path, Layout]) -> Layout:
    pdf = profile(built, *case)
    if pdf not in measured:
        measured[pdf] = measure(pdf, MARGIN_TOP_MM, MARGIN_BOTTOM_MM)
    return measured[pdf]


@pytest.mark.slow
def test_no_text_under_the_smallest_size(layout: Layout) -> None:
    small = layout.text_under(SMALLEST_PT)
    assert not small, f"text under {SMALLEST_PT} pt:\n{listing(small)}"


@pytest.mark.slow
def test_even_word_spacing(layout: Layout) -> None:
    wide = layout.gaps_over(WIDEST_GAP_EM)
    assert not wide, f"word gaps wider than {WIDEST_GAP_EM} em:\n{listing(wide)}"


@pytest.mark.slow
def test_no_lone_word_ends_a_paragraph(layout: Layout) -> None:
    assert not layout.lone_words, f"paragraphs ending on one word:\n{listing(layout.lone_words)}"


@pytest.mark.slow
def test_no_line_breaks_early(layout: Layout) -> None:
    early = layout.early_breaks
    assert not early, f"lines broken before a word that fits:\n{listing(early)}"


@pytest.mark.slow
def test_no_empty_band_but_at_the_foot(layout: Layout) -> None:
    """The page is set from the top: a short profile (no office, a short history)
    leaves paper at its foot, never a hole between its parts."""
    foot = 297 - MARGIN_BOTTOM_MM
    holes = [b for b in layout.bands_over(EMPTY_BAND_MM) if b.bottom < foot - 1]
    assert not holes, f"empty bands taller than {EMPTY_BAND_MM} mm:\n{listing(holes)}"


@pytest.mark.slow
def test_an_office_fills_most_of_the_page(layout: Layout, case: tuple[str, int, str, str]) -> None:
    """An established office's profile leaves at most a third of the page blank."""
    if case[2] in ("leposaviq", "zvecan", "mitrovice-veri"):
        pytest.skip("no MOCR: the page is short")
    blank = sum(b.height for b in layout.bands_over(EMPTY_BAND_MM))
    assert blank < (297 - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) / 3, listing(layout.bands)


@pytest.mark.slow
def test_pdf_ua_with_title_language_and_our_fonts(
    built: Path, case: tuple[str, int, str, str]
) -> None:
    reader = PdfReader(profile(built, *case))
    html = profile(built, *case, fmt="html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", html)
    lang = re.search(r'<html lang="([^"]+)"', html)
    assert title and lang
    assert reader.metadata is not None and reader.metadata.title == _unescape(title[1])
    assert str(reader.trailer["/Root"]["/Lang"]).split("-")[0] == lang[1].split("-")[0]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part>1<" in metadata or b'pdfuaid:part="1"' in metadata
    fonts = set()
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        name = str(font.get_object()["/BaseFont"])
        assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", name), name  # a subset
        fonts.add(name.split("+")[1])
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold"}


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _parts(found: list[str]) -> list[str]:
    """Words split at their slashes: a line may break after one ("protection/ ⏎
    promotion") in the PDF, never in the browser's text (tests/parity.py joins
    only hyphenated line ends)."""
    return [part for word in found for part in word.split("/") if part]


@pytest.mark.slow
@pytest.mark.parametrize("width", [320, 390])
def test_every_table_reads_on_a_phone(
    built: Path,
    case: tuple[str, int, str, str],
    browser: BrowserThread,
    width: int,
) -> None:
    """Issue 18: the history (eight years in the longest case), the officers and the
    checklist: no table wider than its column, no cell clipped, at 320 and 390 px."""
    source = profile(built, *case, fmt="html")

    def check(chromium: Any) -> None:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(source.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            assert_tables_fit(page)
        finally:
            page.close()

    browser.run(check)


MARKED = {
    "en": "(illustrative data)",
    "sq": "(të dhëna ilustruese)",
    "sr": "(ilustrativni podaci)",
    "sr-Cyrl": "(илустративни подаци)",
}


@pytest.mark.slow
@pytest.mark.parametrize("tag", LANGUAGES)
def test_the_real_year_marks_the_invented_ones(built: Path, tag: str) -> None:
    """Issue 17: a real year's profile beside invented years says so, in both views:
    the three invented years of its history and the year before's checklist."""
    html = profile(built, "real", YEARS[-1], "zvecan", tag, fmt="html").read_text("utf-8")
    assert html.count(MARKED[tag]) == 3 + 1
    # The PDF's words (a year's mark may wrap in its cell; parity checks the order).
    pdf = pdf_pages(profile(built, "real", YEARS[-1], "zvecan", tag))[0]
    assert all(pdf.count(word) >= 3 + 1 for word in words(MARKED[tag]))


@pytest.mark.slow
def test_the_pdf_says_what_the_web_page_prints(
    built: Path,
    case: tuple[str, int, str, str],
    browser: BrowserThread,
) -> None:
    source = profile(built, *case, fmt="html")
    pdf = pdf_pages(profile(built, *case))
    html = browser.run(lambda chromium: print_pages(chromium, source))
    assert len(pdf) == len(html) == 1
    # The notes' numbers: text in the PDF, list markers (no text node) in the browser.
    # (The navigation's list items are not printed: base.css hides it in print.)
    page = re.sub(r'<nav class="site-nav".*?</nav>', "", source.read_text("utf-8"), flags=re.S)
    notes = page.count("<li>")
    html[0] += [str(n) for n in range(1, notes + 1)]
    # The same words, as many times each (the PDF's two columns are read across).
    assert not difference(_parts(pdf[0]), _parts(html[0])), difference(pdf[0], html[0])


@pytest.mark.slow
@pytest.mark.parametrize("tag", LANGUAGES)
def test_a_years_note_is_tied_to_its_mark(built: Path, tag: str) -> None:
    """A year with notes (2016, 2017 in the bundled data) marks them as the sheet does:
    "*" after the profile's subheading and before the note, in the PDF and on the web
    page, where the mark links to the note. Before, the profile numbered the note "1."
    with nothing on the page pointing to it (PDF review). The other years its history
    shows carry their own notes ("2016*" in 2017's history, its note after its own)."""
    for year in (2016, 2017):
        for code in ("leposaviq", "prizren"):
            lines = _lines(profile(built, "bundled", year, code, tag))
            # (Not the checklist's heading row, whose year before is "2016*".)
            marked = [x for x in lines if x.endswith("*") and not x.endswith(f"{year - 1}*")]
            assert len(marked) == 1 and str(year) in marked[0], lines[:6]
            notes = [line for line in lines if line.startswith("* ")]
            assert len(notes) == year - 2015, notes  # 2017's, then 2016's
            assert all(any(line.startswith(f"{y}*") for line in lines) for y in range(2016, year))
            html = profile(built, "bundled", year, code, tag, fmt="html").read_text("utf-8")
            assert re.search(r'<a class="mark" href="#note-year" aria-label="[^"]+">\*</a>', html)
            assert '<p id="note-year"><span class="mark" aria-hidden="true">*</span> ' in html
    # 2019 has no notes: nothing after its subheading; 2016's and 2017's at the foot.
    lines = _lines(profile(built, "bundled", 2019, "prizren", tag))
    assert not any(line.endswith("*") for line in lines)
    notes = [line for line in lines if line.startswith("* ")]
    assert len(notes) == 2 and "2016" in notes[0][:12] and "2017" in notes[1][:12], notes


def _lines(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [line.strip() for line in (document.pages[0].extract_text() or "").splitlines()]
