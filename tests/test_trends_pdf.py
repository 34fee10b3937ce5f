"""The trends' PDF (templates/trends.typ, typeset by Typst), measured as an editor
would look at it: at most two A4 pages, type big enough, even word spacing, no
paragraph ending on a lone word, no empty stretch of paper; tagged with its
title and language; and saying what its web page prints, word for word.

Covers every language of the bundled data (four years) and of a history of
eight years (the bundled years copied four years back, ``eight_years``).
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from layout import Layout, listing, measure
from mocr_factsheet.cli import app
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr.pages import trends_context
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LANGUAGES = discover_languages(resource_dir("locales"))
DOCUMENTS = [(data, tag) for data in ("bundled", "eight-years") for tag in LANGUAGES]
IDS = ["-".join(d) for d in DOCUMENTS]

MARGIN_TOP_MM = 14  # templates/base.typ: the content area lies between the margins
MARGIN_BOTTOM_MM = 12
SMALLEST_PT = 6.5  # docs/contract.md §4: nothing under 6.5 pt
WIDEST_GAP_EM = 0.5
EMPTY_BAND_MM = 25
MOST_PAGES = 2
T = TypeVar("T")


def eight_years(folder: Path) -> Path:
    """The bundled data with four more years before it (2012–2015: copies of
    2016–2019, a partial 2013 as 2017 is): a history of eight years."""
    shutil.copytree(DATA, folder)
    for year in range(2016, 2020):
        earlier = folder / str(year - 4)
        earlier.mkdir()
        for table in (folder / str(year)).glob("*.csv"):
            shutil.copyfile(table, earlier / table.name)
        toml = (folder / str(year) / "year.toml").read_text("utf-8")
        (earlier / "year.toml").write_text(re.sub(rf"\b{year}\b", str(year - 4), toml), "utf-8")
    return folder


def build(data: Path, out: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", "--kind", "trends", "--data", str(data), "--out", str(out), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def trends_out(tmp_path_factory: pytest.TempPathFactory, publication: Path) -> Path:
    """The trends (PDF and HTML) of the bundled data (the session's publication) and
    of eight years, under out/<data>/."""
    out = tmp_path_factory.mktemp("trends")
    (out / "bundled").symlink_to(publication)
    build(eight_years(out / "eight-years-data"), out / "eight-years")
    return out


@pytest.fixture(scope="session")
def measured() -> dict[Path, Layout]:
    return {}


def pdf_path(out: Path, data: str, tag: str, fmt: str = "pdf") -> Path:
    return out / data / "trends" / f"mocr-trends-{tag}.{fmt}"


@pytest.fixture(params=DOCUMENTS, ids=IDS)
def layout(
    request: pytest.FixtureRequest, trends_out: Path, measured: dict[Path, Layout]
) -> Layout:
    pdf = pdf_path(trends_out, *request.param)
    if pdf not in measured:
        measured[pdf] = measure(pdf, MARGIN_TOP_MM, MARGIN_BOTTOM_MM)
    return measured[pdf]


@pytest.mark.slow
def test_at_most_two_pages(layout: Layout) -> None:
    assert 1 <= layout.pages <= MOST_PAGES


@pytest.mark.slow
def test_no_text_under_the_smallest_size(layout: Layout) -> None:
    small = layout.text_under(SMALLEST_PT)
    assert not small, f"text under {SMALLEST_PT} pt:\n{listing(small)}"


@pytest.mark.slow
def test_no_empty_band_of_paper(layout: Layout) -> None:
    bands = layout.bands_over(EMPTY_BAND_MM)
    assert not bands, f"empty bands taller than {EMPTY_BAND_MM} mm:\n{listing(bands)}"


@pytest.mark.slow
def test_even_word_spacing(layout: Layout) -> None:
    wide = layout.gaps_over(WIDEST_GAP_EM)
    assert not wide, f"word gaps wider than {WIDEST_GAP_EM} em:\n{listing(wide)}"


@pytest.mark.slow
def test_no_lone_word_ends_a_paragraph(layout: Layout) -> None:
    lone = layout.lone_words
    assert not lone, f"paragraphs (headings, labels, notes) ending on one word:\n{listing(lone)}"


@pytest.mark.slow
@pytest.mark.parametrize(("data", "tag"), DOCUMENTS, ids=IDS)
def test_tagged_with_title_and_language(trends_out: Path, data: str, tag: str) -> None:
    reader = PdfReader(io.BytesIO(pdf_path(trends_out, data, tag).read_bytes()))
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    first, last = ("2012" if data == "eight-years" else "2016"), "2019"
    assert reader.metadata is not None
    assert reader.metadata.title == tr.gettext(
        "Municipal Offices for Communities and Return (MOCRs) %(first)s–%(last)s"
    ) % {"first": first, "last": last}
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]).split("-")[0] == tr.locale.split("_")[0]
    assert "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


@pytest.mark.slow
def test_the_heat_map_shows_every_office_and_year(trends_out: Path) -> None:
    text = " ".join(
        p.extract_text() for p in PdfReader(pdf_path(trends_out, "eight-years", "en")).pages
    )
    # Every year with a caveat is marked: its period (2013, 2017), its notes (2012, 2016).
    assert "Municipality 2012* 2013* 2014 2015 2016* 2017* 2018 2019" in text
    assert "Prizren 7 7 7 6 7 7 7 6" in text
    assert "2013 covers January–September 2013 only." in text
    assert "2012: The four northern municipalities are not covered by this assessment." in text
    # The key of an empty cell stands beside the counts', not in the sentence above them.
    lines = text.splitlines()
    assert "0 1 2 3 4 5 6 7 8 – no MOCR that year" in lines, [x for x in lines if "7 8" in x]
    assert not any(line.endswith("more duties. – no MOCR that year") for line in lines)


FIRST_ROWS = 4  # templates/trends.typ, first-rows


@pytest.mark.slow
@pytest.mark.parametrize(("data", "tag"), DOCUMENTS, ids=IDS)
def test_the_heat_map_starts_with_rows_enough_or_on_the_next_page(
    trends_out: Path, data: str, tag: str
) -> None:
    """The heat map's heading, legend and heading row stand at the foot of page 1
    with at least four of its rows, or on page 2: before, page 1 ended on its
    heading and two rows of 36 (PDF review F5)."""
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    heading = tr.gettext("Substantive duties performed by each MOCR")
    corner = tr.gettext("Municipality")
    first = PdfReader(pdf_path(trends_out, data, tag)).pages[0].extract_text().splitlines()
    first = [line.strip() for line in first]
    if heading not in first:
        return  # the whole section on page 2
    starts = [i for i, line in enumerate(first) if line.startswith(corner + " ")]
    assert starts, first[-8:]
    rows = [
        line
        for line in first[starts[-1] + 1 :]
        if re.search(r"( (\d|–))+$", line) and not re.fullmatch(r"\d+ / \d+", line)  # folio
    ]
    assert len(rows) >= FIRST_ROWS, first[starts[-1] :]


# --- the same words as the web page prints -------------------------------------------


@pytest.fixture(scope="module")
def in_browser() -> Iterator[Callable[[Callable[[Any], T]], T]]:
    """Runs a function of a Chromium browser in a thread of its own: Playwright's
    sync API allows one per thread, and tests/test_browser.py keeps its own open
    for the whole session."""
    from parity import CHROMIUM, chromium

    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (make test-deps)"
        if os.environ.get("MOCR_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    pool = ThreadPoolExecutor(1)
    stack = ExitStack()
    browser = pool.submit(lambda: stack.enter_context(chromium())).result()
    yield lambda check: pool.submit(check, browser).result()
    pool.submit(stack.close).result()
    pool.shutdown()


@pytest.fixture(scope="module")
def printed(
    in_browser: Callable[[Callable[[Any], list[list[str]]]], list[list[str]]],
) -> Callable[[Path], list[list[str]]]:
    """The words a web page prints (``parity.print_pages``)."""
    from parity import print_pages

    return lambda html: in_browser(lambda browser: print_pages(browser, html))


@pytest.mark.slow
@pytest.mark.parametrize(("data", "tag"), DOCUMENTS, ids=IDS)
def test_the_pdf_says_what_the_web_page_prints(
    trends_out: Path, printed: Callable[[Path], list[list[str]]], data: str, tag: str
) -> None:
    """Word for word, over the whole document: the browser's print keeps the web
    page's break before the heat map (trends.css), the PDF lets it follow the
    tables on its page (templates/trends.typ), so pages are not compared one by
    one; a table's figures stand between its label's lines, so the words are
    compared as counts. A word broken at its hyphen ("non-/majority") is read
    from the PDF without it, one broken after a slash ("strategies/policies/
    plans") in two: hyphens inside words are left out on both sides, and words
    are split at their slashes."""
    from parity import difference, pdf_pages, words

    def unhyphenated(pages: list[list[str]]) -> list[str]:
        return sorted(
            part
            for page in pages
            for word in page
            for part in word.replace("-", "").split("/")
            if part
        )

    pages = pdf_pages(pdf_path(trends_out, data, tag))
    html = unhyphenated(printed(pdf_path(trends_out, data, tag, "html")))
    # A page the heat map runs onto starts with its heading row again; where page 1
    # has no room for the heat map's start, page 2 starts with its heading.
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    first = "2012" if data == "eight-years" else "2016"
    heading_row = words(" ".join([tr.gettext("Municipality"), *map(str, range(int(first), 2020))]))
    heading = words(tr.gettext("Substantive duties performed by each MOCR"))
    for page in pages[1:]:
        if page[: len(heading)] == heading:
            continue
        assert page[: len(heading_row)] == heading_row, page[:12]
        del page[: len(heading_row)]
    pdf = unhyphenated(pages)
    assert len(pdf) > 400
    assert pdf == html, difference(pdf, html)


# --- the context -----------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["sr", "sr-Cyrl"])
def test_a_partial_year_note_ends_in_one_full_stop(tag: str) -> None:
    from mocr_factsheet.data.dataset import load_dataset
    from mocr_factsheet.mechanisms.mocr import counts
    from mocr_factsheet.mechanisms.mocr.kinds import year_caveats

    dataset = load_dataset(DATA, [2016, 2017, 2018, 2019], LANGUAGES, built=[])
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    caveats = year_caveats(dataset, tr)
    context = trends_context(counts.trends(dataset), tr, dataset.reference, caveats)
    # 2017's period, then its notes (year.toml): the period's sentence ends once.
    note = next(n.text for n in context.year_notes if n.year == 2017)
    period = tr.gettext("%(year)s covers %(period)s only.") % {
        "year": 2017,
        "period": tr.period(dataset.years[2017].tables.meta.period),
    }
    assert period.endswith(" 2017..")  # Serbian writes the year with its dot
    assert note.startswith(period[:-1] + " ") and ".." not in note, note


@pytest.mark.slow
def test_the_same_data_gives_the_same_bytes(trends_out: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            *("build", "--kind", "trends", "--lang", "sq", "--format", "pdf"),
            *("--data", str(DATA), "--out", str(tmp_path), "--jobs", "1"),
        ],
    )
    assert result.exit_code == 0, result.output
    again = (tmp_path / "trends" / "mocr-trends-sq.pdf").read_bytes()
    assert again == pdf_path(trends_out, "bundled", "sq").read_bytes()


# --- the charts ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("data", "tag"), DOCUMENTS, ids=IDS)
def test_the_charts_are_on_the_first_page_as_text(trends_out: Path, data: str, tag: str) -> None:
    """Page 1 holds both charts, their panels' titles and figures as text (not
    pictures): each duty's short name is printed by the duty chart only, and a
    share of women stands alone ("39%") in the chart but in brackets in the table."""
    import pdfplumber

    from mocr_factsheet.data.dataset import load_dataset
    from mocr_factsheet.mechanisms.mocr import counts

    data_dir = trends_out / "eight-years-data" if data == "eight-years" else DATA
    years = sorted(int(p.name) for p in data_dir.iterdir() if p.name.isdigit())
    dataset = load_dataset(data_dir, years, LANGUAGES, built=[])
    trends = counts.trends(dataset)
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    with pdfplumber.open(pdf_path(trends_out, data, tag)) as pdf:
        first = pdf.pages[0].extract_text()
        heat_heading = tr.gettext("Substantive duties performed by each MOCR")
    # The heat map starts on page 1, or on page 2 where page 1 has no room for its
    # first rows (templates/trends.typ, first-rows; test_no_empty_band_of_paper).
    charts = first.split(heat_heading)[0]
    for duty in dataset.reference.duties:
        assert tr.duty_short(duty) in charts, tr.duty_short(duty)
    last = trends.by_year[trends.years[-1]]
    share = tr.whole_percent(last.gender.f_percent)
    assert re.search(rf"(?<![(\w]){re.escape(share)}", charts), share
    for value in (last.established, last.work_plan.yes, last.annual_report.yes):
        assert tr.number(value) in charts


@pytest.mark.slow
@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize(("data", "tag"), DOCUMENTS, ids=IDS)
def test_every_table_fits_a_phone(
    trends_out: Path,
    in_browser: Callable[[Callable[[Any], None]], None],
    data: str,
    tag: str,
    width: int,
) -> None:
    """At 320 and 390 px no trends table is wider than its column, none scrolls
    and no cell is cut (the newest year read "201" at 390 px): helpers.assert_tables_fit."""
    from helpers import assert_tables_fit

    html = pdf_path(trends_out, data, tag, "html")

    def check(browser: Any) -> None:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(html.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            assert_tables_fit(page)
        finally:
            page.close()

    in_browser(check)


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_accessibility_violations(
    trends_out: Path,
    in_browser: Callable[[Callable[[Any], list[str]]], list[str]],
    tag: str,
    width: int,
) -> None:
    """axe-core finds nothing on the trends page with its charts, on a phone
    (the screen charts, stacked tables) and a wide screen (the print charts)."""
    from test_browser import axe_violations

    html = pdf_path(trends_out, "bundled", tag, "html")

    def check(browser: Any) -> list[str]:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(html.as_uri(), wait_until="load")
            return axe_violations(page)
        finally:
            page.close()

    found = in_browser(check)
    assert not found, "\n".join(found)
