"""The Communities Committees HTML sheets in a real browser, as tests/test_browser.py
checks the MOCR sheets: no sideways scrolling on a phone, no axe-core
violations, nothing fetched, the browser's own print giving two pages, a light
page. 2019 in every language.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from test_browser import (  # the same browser, page and measurements as the MOCR sheet's
    AXE_TAGS,
    LANGUAGES,
    MAX_PAGE_BYTES,
    WIDEST_ELEMENTS,
    opened,
)
from test_browser import browser as browser

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2019"

pytestmark = pytest.mark.slow


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
    browser: Any, cc_html: Path, tag: str, width: int
) -> None:
    with opened(browser, cc_sheet(cc_html, tag), width) as (page, refused):
        scroll_width, client_width, wide = page.evaluate(WIDEST_ELEMENTS)
    assert scroll_width <= client_width, (
        f"the page is {scroll_width} px wide on a {client_width} px screen; widest elements: {wide}"
    )
    assert refused == []


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_accessibility_violations(browser: Any, cc_html: Path, tag: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    with opened(browser, cc_sheet(cc_html, tag)) as (page, _):
        results = Axe().run(
            page,
            options={
                "runOnly": {"type": "tag", "values": AXE_TAGS},
                "resultTypes": ["violations"],
            },
        )
    found = [
        f"{v['id']} ({v['impact']}): {v['help']}; at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_browser_print_gives_two_pages(browser: Any, cc_html: Path, tag: str) -> None:
    with opened(browser, cc_sheet(cc_html, tag)) as (page, _):
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
    with pdfplumber.open(io.BytesIO(pdf)) as printed:
        texts = [re.sub(r"\s+", " ", page.extract_text() or "") for page in printed.pages]
    assert len(texts) == 2, f"the browser prints {len(texts)} pages"


@pytest.mark.parametrize("tag", LANGUAGES)
def test_page_is_light(cc_html: Path, tag: str) -> None:
    size = cc_sheet(cc_html, tag).stat().st_size
    assert size < MAX_PAGE_BYTES, f"{size / 1000:.0f} KB"
