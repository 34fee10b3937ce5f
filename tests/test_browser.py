"""The HTML sheets in a real browser: Debian's Chromium driven by Playwright.

One year (2019) in every language: nothing fetched but the page, no sideways
scrolling on a phone, no axe-core violations, type big enough to read on a
screen, and the browser's own print giving the two pages of the PDF with the
illustrative-data mark on each.

Playwright drives /usr/bin/chromium (the Makefile installs Debian's package);
`playwright install` is never needed. Without it these tests are skipped,
unless MOCR_REQUIRE_BROWSER=1 (set by `make test`, so CI fails instead).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pdfplumber
import pytest

from helpers import assert_tables_fit
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2019"
LANGUAGES = discover_languages(resource_dir("locales"))
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium reaches out to the internet as it starts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The page is served from an address of its own, so that every other request,
# whatever its scheme or path, reaches the route that refuses it.
ORIGIN = "http://sheet.test/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
MAX_PAGE_BYTES = 250_000
# A browser, and the bundled data's sheets built for it: out of the inner loop.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def sheet_html(tmp_path_factory: pytest.TempPathFactory, build_sheets: Callable[..., None]) -> Path:
    """2019's HTML sheets in every language, in out/2019/."""
    out = tmp_path_factory.mktemp("browser")
    build_sheets(ROOT / "data", out, "--year", YEAR, "--format", "html", "--jobs", "2")
    return out / YEAR


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (make test-deps)"
        if os.environ.get("MOCR_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def opened(browser: Any, html: Path, width: int = 1280) -> Iterator[tuple[Any, list[str]]]:
    """The sheet open in a fresh page `width` CSS pixels wide, and the requests it tried."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    refused: list[str] = []

    def serve(route: Any) -> None:
        if route.request.url == ORIGIN + html.name:
            route.fulfill(body=html.read_bytes(), content_type="text/html; charset=utf-8")
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", serve)
    page = context.new_page()
    try:
        page.goto(ORIGIN + html.name, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")  # measure in the page's own font
        yield page, refused
    finally:
        context.close()


def sheet(sheet_html: Path, tag: str) -> Path:
    return sheet_html / f"mocr-{YEAR}-{tag}.html"


@pytest.mark.parametrize("tag", LANGUAGES)
def test_nothing_is_fetched_but_the_page(browser: Any, sheet_html: Path, tag: str) -> None:
    # What the page asks for on a phone and in print too, where other CSS applies.
    with opened(browser, sheet(sheet_html, tag)) as (page, refused):
        page.set_viewport_size({"width": 320, "height": 900})
        page.emulate_media(media="print")
        page.evaluate("document.fonts.ready.then(() => true)")
    assert refused == []


def test_a_fetch_is_refused_and_reported(browser: Any, tmp_path: Path) -> None:
    page_file = tmp_path / "fetching.html"
    page_file.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>t</title>"
        "<link rel='stylesheet' href='style.css'></head>"
        "<body><img src='https://example.org/logo.png' alt='logo'></body></html>",
        encoding="utf-8",
    )
    with opened(browser, page_file) as (_, refused):
        pass
    assert sorted(refused) == [ORIGIN + "style.css", "https://example.org/logo.png"]


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_sideways_scrolling_on_a_phone(
    browser: Any, sheet_html: Path, tag: str, width: int
) -> None:
    with opened(browser, sheet(sheet_html, tag), width) as (page, _):
        scroll_width, client_width, wide = page.evaluate(WIDEST_ELEMENTS)
    assert scroll_width <= client_width, (
        f"the page is {scroll_width} px wide on a {client_width} px screen; widest elements: {wide}"
    )


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("tag", LANGUAGES)
def test_every_table_reads_on_a_phone(browser: Any, sheet_html: Path, tag: str, width: int) -> None:
    """No figure table wider than its column, no cell clipped (issue 18)."""
    with opened(browser, sheet(sheet_html, tag), width) as (page, _):
        assert_tables_fit(page)


# The page's width, and what sticks out past the screen's right edge.
WIDEST_ELEMENTS = """() => {
  const root = document.scrollingElement;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  const wide = [...document.body.querySelectorAll('*')]
    .map(el => [el, el.getBoundingClientRect().right])
    .filter(([el, right]) => right > root.clientWidth + 0.5)
    .sort((a, b) => b[1] - a[1]).slice(0, 5)
    .map(([el, right]) => `${name(el)} to ${Math.round(right)} px`);
  return [root.scrollWidth, root.clientWidth, wide];
}"""


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations of ``AXE_TAGS`` on an open Playwright page, a line each
    (empty: none), for every browser test of the pages."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    version = results.response["testEngine"]["version"]
    return [
        f"axe-core {version}: {v['id']} ({v['impact']}): {v['help']}; at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_accessibility_violations(browser: Any, sheet_html: Path, tag: str) -> None:
    with opened(browser, sheet(sheet_html, tag)) as (page, _):
        found = axe_violations(page)
    assert not found, "\n".join(found)


# Every piece of visible text with the size it is drawn at, in CSS pixels. SVG
# text is scaled by its transform to the screen; a chart embedded as an <img>
# of SVG is laid over its image to be measured the same way.
RENDERED_TEXT = """async () => {
  const found = [];
  // Text kept for screen readers only: off the page, or in a box clipped to a pixel.
  function hiddenFromSight(el, box) {
    if (box.right + scrollX <= 0 || box.bottom + scrollY <= 0) return true;
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      const clipped = getComputedStyle(a).overflow !== 'visible';
      if (clipped && (r.width <= 1 || r.height <= 1)) return true;
    }
    return false;
  }
  function measure(root, inChart) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || el.getClientRects().length === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (hiddenFromSight(el, box)) continue;
      let size = parseFloat(style.fontSize);
      const chart = inChart || el.closest('svg') !== null;
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      }
      const prose = !chart && el.closest('p, li') !== null;
      found.push({text: text.slice(0, 40), size, chart, prose, chars: text.length});
    }
  }
  measure(document.body, false);
  for (const img of document.querySelectorAll('img[src^="data:image/svg+xml"]')) {
    const box = img.getBoundingClientRect();
    if (box.width === 0) continue;
    const source = await (await fetch(img.src)).text();
    const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
    const layer = document.createElement('div');
    layer.style.cssText = 'position:absolute;' +
      `left:${box.left + scrollX}px;top:${box.top + scrollY}px;` +
      `width:${box.width}px;height:${box.height}px`;
    svg.setAttribute('width', box.width);
    svg.setAttribute('height', box.height);
    layer.appendChild(document.importNode(svg, true));
    document.body.appendChild(layer);
    measure(layer, true);
    layer.remove();
  }
  return found;
}"""


def test_text_is_measured_as_drawn(browser: Any, tmp_path: Path) -> None:
    # An SVG drawn at twice its size, inline and as an image: its 8 px text is 16 px on screen.
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 20' width='200' height='40'>"
        "<text x='0' y='15' font-size='8'>{}</text></svg>"
    )
    page_file = tmp_path / "sizes.html"
    page_file.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>"
        "<p style='font-size: 18px'>a paragraph</p><small style='font-size: 11px'>small</small>"
        "<span style='position: absolute; left: -10000px; font-size: 5px'>off the page</span>"
        "<span style='position: absolute; width: 1px; height: 1px; overflow: hidden;"
        " clip: rect(0 0 0 0); white-space: nowrap; font-size: 5px'>clipped away</span>"
        f"{svg.format('inline')}"
        f"<img alt='chart' src='data:image/svg+xml,{quote(svg.format('image'))}'></body></html>",
        encoding="utf-8",
    )
    with opened(browser, page_file) as (page, _):
        texts = page.evaluate(RENDERED_TEXT)
    assert sorted((t["text"], round(t["size"], 1), t["chart"], t["prose"]) for t in texts) == [
        ("a paragraph", 18.0, False, True),
        ("image", 16.0, True, False),
        ("inline", 16.0, True, False),
        ("small", 11.0, False, False),
    ]


@pytest.mark.parametrize("tag", LANGUAGES)
def test_type_is_readable_on_a_wide_screen(browser: Any, sheet_html: Path, tag: str) -> None:
    with opened(browser, sheet(sheet_html, tag), 1280) as (page, _):
        texts = page.evaluate(RENDERED_TEXT)
    charts = [t for t in texts if t["chart"]]
    others = [t for t in texts if not t["chart"]]
    # Body text: the size that sets the most characters of the paragraphs.
    chars_by_size: dict[float, int] = {}
    for t in others:
        if t["prose"]:
            size = round(t["size"], 1)
            chars_by_size[size] = chars_by_size.get(size, 0) + t["chars"]
    assert charts and chars_by_size
    body = max(chars_by_size, key=lambda size: chars_by_size[size])
    smallest_chart = min(charts, key=lambda t: t["size"])
    smallest_other = min(others, key=lambda t: t["size"])
    problems = []
    if body < 16:
        problems.append(f"body text is {body:.1f} px (at least 16)")
    if smallest_other["size"] < 12:
        problems.append(
            f"text of {smallest_other['size']:.1f} px: {smallest_other['text']!r} (at least 12)"
        )
    if smallest_chart["size"] < 10:
        size, text = smallest_chart["size"], smallest_chart["text"]
        problems.append(f"chart text of {size:.1f} px: {text!r} (at least 10)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_browser_print_gives_two_pages_marked_illustrative(
    browser: Any, sheet_html: Path, tag: str
) -> None:
    with opened(browser, sheet(sheet_html, tag)) as (page, _):
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
    mark = Translator.load(LANGUAGES[tag], LANGUAGES).gettext("Illustrative data")
    with pdfplumber.open(io.BytesIO(pdf)) as printed:
        texts = [re.sub(r"\s+", " ", page.extract_text() or "") for page in printed.pages]
    assert len(texts) == 2, f"the browser prints {len(texts)} pages"
    assert [mark in text for text in texts] == [True, True], f"{mark!r} on every page"


@pytest.mark.parametrize("tag", LANGUAGES)
def test_page_is_light(sheet_html: Path, tag: str) -> None:
    size = sheet(sheet_html, tag).stat().st_size
    assert size < MAX_PAGE_BYTES, f"{size / 1000:.0f} KB"
