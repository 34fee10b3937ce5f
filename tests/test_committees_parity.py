"""The Communities Committees sheet says the same in its PDF and in its web page's
print: the two views of one context (mechanisms/committees/pages.py) cannot
drift apart.

Every bundled year with committee data in every language, and 2019 with a
period shorter than the year and long notes (the mark after the period, the
year's note): each PDF page's words (Typst) equal the words the browser
prints on that page from the web page (tests/parity.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.resources import resource_dir
from parity import assert_pages_agree, pdf_pages, print_pages
from test_committees_browser import BrowserThread
from test_committees_pdf import with_period_and_long_notes

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YEARS = sorted(p.parent.name for p in DATA.glob("*/committees.csv"))
LANGUAGES = list(discover_languages(resource_dir("locales")))
SHEETS = [("bundled", y, t) for y in YEARS for t in LANGUAGES] + [
    ("period-notes", "2019", t) for t in LANGUAGES
]
pytestmark = pytest.mark.slow  # every CC sheet built in both formats, and a browser


def _build(data: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(
        app,
        [
            *("build", "--kind", "committees", "--data", str(data), "--out", str(out)),
            *("--jobs", "2", *args),
        ],
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory, publication: Path) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("cc-parity")
    (out / "bundled").symlink_to(publication)  # every CC sheet of the bundled data
    _build(
        with_period_and_long_notes(out / "period-notes-data"),
        out / "period-notes",
        "--year",
        "2019",
    )
    yield out


@pytest.mark.parametrize("sheet", SHEETS, ids=["-".join(s) for s in SHEETS])
def test_pdf_says_what_the_web_page_prints(
    sheet: tuple[str, str, str],
    sheets: Path,
    browser: BrowserThread,
) -> None:
    data, year, tag = sheet
    stem = sheets / data / year / f"mocr-{year}-cc-{tag}"
    pdf = pdf_pages(stem.with_suffix(".pdf"))
    printed = browser.run(lambda chromium: print_pages(chromium, stem.with_suffix(".html")))
    assert_pages_agree(pdf, printed, pages=2)
