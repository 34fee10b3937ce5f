"""The whole bundled publication in a real browser, walked link by link from
``out/index.html`` as a reader would (render/nav.py, templates/_nav.html.j2):
every link leads to a file the build wrote (and to an element, for a
``#fragment``), every file is reached, every web page has the navigation; on a
sample of pages, no axe-core violations, links a finger can hit on a phone, no
sideways scrolling, and no navigation in print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from mocr_factsheet.site import CONTACT_HREF as CONTACT
from mocr_factsheet.site import LICENCE_HREF as LICENCE
from test_browser import LANGUAGES, WIDEST_ELEMENTS, axe_violations, opened
from test_committees_browser import BrowserThread

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
# WCAG 2.2's target size (2.5.8, minimum): 24 CSS pixels.
TARGET = 24
SAMPLE = [
    "index.html",
    "index-sq.html",
    "2019/mocr-2019-sr.html",
    "2018/municipalities/mocr-2018-leposaviq-sr-Cyrl.html",
    "2019/municipalities/mocr-2019-prizren-en.html",
    "trends/mocr-trends-en.html",
    "2019/mocr-2019-cc-sq.html",
]


@pytest.fixture(scope="module")
def published(publication: Path) -> Path:
    """The bundled data's whole publication: every kind, language and format."""
    return publication


# Each page's links as the browser resolves them, its elements' ids, and its
# navigation: the page's own HTML parsed by the browser (DOMParser), with a <base>
# naming its address (no page has one of its own), a batch of pages per call. The
# same facts as opening each page (tested below), without laying it out, decoding
# its fonts and drawing it: ten times faster over the 600 pages of the walk.
PAGE_FACTS = """(pages) => pages.map(([url, html]) => {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const base = document.createElement('base');
  base.href = url;
  document.head.prepend(base);
  return {
    hrefs: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(el => el.id),
    nav: document.querySelectorAll('nav.site-nav').length,
    bases: document.querySelectorAll('base').length,
  };
})"""
# The same facts of the page the browser has open.
OPEN_PAGE_FACTS = """() => ({
  hrefs: [...document.querySelectorAll('a[href]')].map(a => a.href),
  ids: [...document.querySelectorAll('[id]')].map(el => el.id),
  nav: document.querySelectorAll('nav.site-nav').length,
  bases: 1,
})"""
BATCH = 40


def test_every_link_from_the_front_page_resolves_to_what_the_build_wrote(
    browser: BrowserThread, published: Path
) -> None:
    root = published.resolve()
    written = {
        p.resolve() for p in root.rglob("*") if p.is_file() and p.suffix in (".html", ".pdf")
    }

    def walk(chromium: Any) -> tuple[dict[Path, Any], list[str]]:
        context = chromium.new_context(java_script_enabled=True)
        page = context.new_page()
        facts: dict[Path, Any] = {}
        broken: list[str] = []
        queue = [root / "index.html"]
        try:
            page.goto((root / "index.html").as_uri(), wait_until="domcontentloaded")
            while queue:
                batch = list(dict.fromkeys(p for p in queue if p not in facts))[:BATCH]
                queue = [p for p in queue if p not in batch and p not in facts]
                sources = [[p.as_uri(), p.read_text("utf-8")] for p in batch]
                for path, found in zip(batch, page.evaluate(PAGE_FACTS, sources), strict=True):
                    facts[path] = found
                    for href in found["hrefs"]:
                        parts = urlsplit(href)
                        if href in (LICENCE, CONTACT) and path.name.startswith("about-"):
                            # The colophon names the data's licence and where to
                            # report a barrier (site.py): the only links that leave.
                            continue
                        if parts.scheme != "file":
                            broken.append(f"{path.relative_to(root)}: {href} leaves the folder")
                            continue
                        target = Path(unquote(parts.path))
                        if not target.is_file() or root not in target.parents:
                            broken.append(f"{path.relative_to(root)}: {href} was not written")
                        elif target.suffix == ".html" and target not in facts:
                            queue.append(target)
        finally:
            context.close()
        return facts, broken

    facts, broken = browser.run(walk)
    assert broken == []
    assert [p for p, f in facts.items() if f["bases"] != 1] == [], "pages with a <base>"
    # Every #fragment names an element of its page.
    for path, found in facts.items():
        for href in found["hrefs"]:
            parts = urlsplit(href)
            if parts.fragment and parts.path.endswith(".html"):
                target = Path(unquote(parts.path))
                assert parts.fragment in facts[target]["ids"], f"{path}: {href}"
    linked = {Path(unquote(urlsplit(h).path)) for f in facts.values() for h in f["hrefs"]}
    reached = set(facts) | linked
    assert written - reached == set(), "written but linked from nowhere"
    without = sorted(str(p.relative_to(root)) for p, f in facts.items() if f["nav"] != 1)
    assert without == [], "web pages without the navigation"
    html_pages = {p for p in written if p.suffix == ".html"}
    assert set(facts) == html_pages
    assert len(html_pages) > 600  # 16 sheets, 608 profiles, 4 trends, CC sheets, 5 index pages


def test_the_walk_finds_the_facts_of_the_opened_pages(
    browser: BrowserThread, published: Path
) -> None:
    """The walk's parsed pages give what the browser finds in the pages it opens."""
    pages = [published.resolve() / name for name in SAMPLE]

    def both(chromium: Any) -> tuple[list[Any], list[Any]]:
        context = chromium.new_context(java_script_enabled=True)
        page = context.new_page()
        try:
            shown = []
            for path in pages:
                page.goto(path.as_uri(), wait_until="domcontentloaded")
                shown.append(page.evaluate(OPEN_PAGE_FACTS))
            sources = [[p.as_uri(), p.read_text("utf-8")] for p in pages]
            return shown, page.evaluate(PAGE_FACTS, sources)
        finally:
            context.close()

    opened, parsed = browser.run(both)
    assert all(facts["hrefs"] and facts["nav"] == 1 for facts in opened)
    assert parsed == opened


@pytest.mark.parametrize("name", SAMPLE)
def test_no_accessibility_violations(browser: BrowserThread, published: Path, name: str) -> None:
    def axe(chromium: Any) -> list[str]:
        with opened(chromium, published / name) as (page, _):
            return axe_violations(page)

    found = browser.run(axe)
    assert not found, "\n".join(found)


# Every link of the navigation and of the index's lists: its height, and where
# it is (the links in running text and in tables of figures are not targets of their own).
LINK_HEIGHTS = """() => [...document.querySelectorAll(
    'nav.site-nav a, .sheets a, table.profiles a, .languages a')]
  .filter(a => a.getClientRects().length > 0)
  .map(a => [a.textContent.trim().slice(0, 30), a.getBoundingClientRect().height])"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("name", SAMPLE)
def test_links_are_tap_targets_and_nothing_scrolls_sideways_on_a_phone(
    browser: BrowserThread, published: Path, name: str, width: int
) -> None:
    def measure(chromium: Any) -> tuple[list[tuple[str, float]], Any]:
        with opened(chromium, published / name, width) as (page, _):
            return page.evaluate(LINK_HEIGHTS), page.evaluate(WIDEST_ELEMENTS)

    heights, (scroll_width, client_width, wide) = browser.run(measure)
    assert heights, "no links measured"
    small = [(text, round(h, 1)) for text, h in heights if h < TARGET]
    assert small == [], f"links under {TARGET} px tall"
    assert scroll_width <= client_width, f"{scroll_width} px on {client_width} px: {wide}"


@pytest.mark.parametrize("tag", LANGUAGES)
def test_the_navigation_is_not_printed(browser: BrowserThread, published: Path, tag: str) -> None:
    def printed(chromium: Any) -> list[str]:
        with opened(chromium, published / "2019" / f"mocr-2019-{tag}.html") as (page, _):
            page.emulate_media(media="print")
            shown: list[str] = page.evaluate(
                "() => [...document.querySelectorAll('nav.site-nav')]"
                ".map(n => getComputedStyle(n).display)"
            )
            return shown

    assert browser.run(printed) == ["none"]


@pytest.mark.slow
def test_every_page_of_the_bundled_data_draws_only_the_shipped_font_subset(
    published: Path,
) -> None:
    """No page needs a font subset made at build time: a character a template adds
    (the navigation's arrows) belongs in the repertoire (render/webfont.py), or
    every sheet pays about a second subsetting the font (docs/performance.md)."""
    from mocr_factsheet.render.html import _visible_text
    from mocr_factsheet.render.webfont import REPERTOIRE

    beyond = {
        page.relative_to(published).as_posix(): "".join(
            sorted(set(_visible_text(page.read_text("utf-8"))) - set(REPERTOIRE) - set("\n\r\t"))
        )
        for page in published.rglob("*.html")
    }
    assert not {page: chars for page, chars in beyond.items() if chars}
    assert not (published / ".mocr-state" / "fonts").exists()  # no subset was made


# Each "·" between the download links, and whether it stands on the line of the
# link before it (its last line, for a label that wraps).
SEPARATORS = """() => [...document.querySelectorAll(
    '.downloads span[aria-hidden], .chart-files span[aria-hidden]')]
  .filter(dot => dot.textContent.includes('·'))
  .map(dot => {
    const link = dot.parentElement.querySelector('a');
    const lines = link.getClientRects();
    const last = lines[lines.length - 1];
    const at = dot.getBoundingClientRect();
    const middle = r => (r.top + r.bottom) / 2;  // the link's box has padding
    return [link.textContent, Math.abs(middle(at) - middle(last)) < 6];
  })"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("name", SAMPLE[2:])
def test_a_download_line_never_leaves_its_dot_alone(
    browser: BrowserThread, published: Path, name: str, width: int
) -> None:
    """On a phone the "Data" line and each chart's file line wrap between links,
    each "·" staying after the link before it, never alone at a line's start or
    end (a profile's line left one alone at 320 px: reader review, session 20)."""

    def measure(chromium: Any) -> list[tuple[str, bool]]:
        with opened(chromium, published / name, width) as (page, _):
            found: list[tuple[str, bool]] = page.evaluate(SEPARATORS)
        return found

    found = browser.run(measure)
    assert found, "no separators measured"
    assert [text for text, kept in found if not kept] == []
