"""The year's sheet says the same in its PDF and in its web page's print: the two
views of one context (mechanisms/mocr/sheet.py) cannot drift apart.

Every bundled year in every language, and 2019 with long notes
(tests/fixtures/long-notes/year.toml): each PDF page's words (Typst) equal
the words the browser prints on that page from the web page (tests/parity.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.resources import resource_dir
from parity import assert_pages_agree, pdf_pages, print_pages
from test_committees_browser import BrowserThread

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YEARS = sorted(p.name for p in DATA.iterdir() if re.fullmatch(r"\d{4}", p.name))
LANGUAGES = list(discover_languages(resource_dir("locales")))
SHEETS = [("bundled", y, t) for y in YEARS for t in LANGUAGES] + [
    ("long-notes", "2019", t) for t in LANGUAGES
]
pytestmark = pytest.mark.slow  # every sheet built in both formats, and a browser


@pytest.fixture(scope="module")
def sheets(
    tmp_path_factory: pytest.TempPathFactory, publication: Path, long_notes_sheets: Path
) -> Path:
    """The bundled data's sheets (the session's publication) and 2019's with long
    notes, under out/<data>/."""
    out = tmp_path_factory.mktemp("parity")
    (out / "bundled").symlink_to(publication)
    (out / "long-notes").symlink_to(long_notes_sheets)
    return out


@pytest.mark.parametrize("sheet", SHEETS, ids=["-".join(s) for s in SHEETS])
def test_pdf_says_what_the_web_page_prints(
    sheet: tuple[str, str, str],
    sheets: Path,
    browser: BrowserThread,
) -> None:
    data, year, tag = sheet
    stem = sheets / data / year / f"mocr-{year}-{tag}"
    pdf = pdf_pages(stem.with_suffix(".pdf"))
    printed = browser.run(lambda chromium: print_pages(chromium, stem.with_suffix(".html")))
    assert_pages_agree(pdf, printed, pages=2)
