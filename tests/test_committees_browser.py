"""The Communities Committees HTML sheets in a real browser, as tests/test_browser.py
checks the MOCR sheets: no sideways scrolling on a phone, no axe-core
violations, nothing fetched, the browser's own print giving two pages, a light
page. 2019 in every language.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pdfplumber
import pytest
from typer.testing import CliRunner

from helpers import assert_tables_fit
from mocr_factsheet.cli import app
from test_browser import (  # the same browser, page and measurements as the MOCR sheet's
    CHROMIUM,
    CHROMIUM_ARGS,
    LANGUAGES,
    MAX_PAGE_BYTES,
    WIDEST_ELEMENTS,
    axe_violations,
    opened,
)

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2019"
T = TypeVar("T")

pytestmark = pytest.mark.slow


class BrowserThread:
    """Chromium driven from a thread of its own.

    tests/test_browser.py keeps its Playwright open for the whole session, and
    Playwright's sync API allows one per thread: this module's runs beside it.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1)
        self._pool.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )

    def run(self, check: Callable[[Any], T]) -> T:
        """``check(browser)`` in the browser's thread."""
        return self._pool.submit(check, self._browser).result()

    def close(self) -> None:
        def stop() -> None:
            self._browser.close()
            self._playwright.stop()

        self._pool.submit(stop).result()
        self._pool.shutdown()


@pytest.fixture(scope="module")
def cc_html(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("cc-browser")
    result = CliRunner().invoke(
        app,
        [
            *("build", "--kind", "committees", "--year", YEAR, "--format", "html"),
            *("--data", str(ROOT / "data"), "--out", str(out), "--jobs", "2"),
        ],
    )
    assert result.exit_code == 0, result.output
    yield out / YEAR


def cc_sheet(folder: Path, tag: str) -> Path:
    return folder / f"mocr-{YEAR}-cc-{tag}.html"


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_sideways_scrolling_on_a_phone(
    browser: BrowserThread, cc_html: Path, tag: str, width: int
) -> None:
    def measure(chromium: Any) -> tuple[int, int, list[str], list[str]]:
        with opened(chromium, cc_sheet(cc_html, tag), width) as (page, refused):
            scroll_width, client_width, wide = page.evaluate(WIDEST_ELEMENTS)
        return scroll_width, client_width, wide, refused

    scroll_width, client_width, wide, refused = browser.run(measure)
    assert scroll_width <= client_width, (
        f"the page is {scroll_width} px wide on a {client_width} px screen; widest elements: {wide}"
    )
    assert refused == []


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("tag", LANGUAGES)
def test_every_table_reads_on_a_phone(
    browser: BrowserThread, cc_html: Path, tag: str, width: int
) -> None:
    """No figure table wider than its column, no cell clipped (issue 18)."""

    def check(chromium: Any) -> None:
        with opened(chromium, cc_sheet(cc_html, tag), width) as (page, _):
            assert_tables_fit(page)

    browser.run(check)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_accessibility_violations(browser: BrowserThread, cc_html: Path, tag: str) -> None:
    def axe(chromium: Any) -> list[str]:
        with opened(chromium, cc_sheet(cc_html, tag)) as (page, _):
            return axe_violations(page)

    found = browser.run(axe)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_browser_print_gives_two_pages(browser: BrowserThread, cc_html: Path, tag: str) -> None:
    def print_page(chromium: Any) -> bytes:
        with opened(chromium, cc_sheet(cc_html, tag)) as (page, _):
            page.emulate_media(media="print")
            pdf: bytes = page.pdf(format="A4", print_background=True)
        return pdf

    pdf = browser.run(print_page)
    with pdfplumber.open(io.BytesIO(pdf)) as printed:
        texts = [re.sub(r"\s+", " ", page.extract_text() or "") for page in printed.pages]
    assert len(texts) == 2, f"the browser prints {len(texts)} pages"


@pytest.mark.parametrize("tag", LANGUAGES)
def test_page_is_light(cc_html: Path, tag: str) -> None:
    size = cc_sheet(cc_html, tag).stat().st_size
    assert size < MAX_PAGE_BYTES, f"{size / 1000:.0f} KB"
