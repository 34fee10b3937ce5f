"""The site's own pages in a real browser (Chromium, Playwright, axe-core, as
tests/test_browser.py): the front page, each language's index and colophon
have no axe-core violations and no sideways scrolling on a phone; the filter
box narrows the municipalities with script, and the whole list stands
without; every link is at least 24 px tall on a phone.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from test_browser import LANGUAGES, WIDEST_ELEMENTS, axe_violations, opened
from test_committees_browser import BrowserThread

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

PAGES = ["index.html"] + [f"{kind}-{tag}.html" for kind in ("index", "about") for tag in LANGUAGES]
# Every row of the municipalities: its label and whether it shows.
ROWS = """() => [...document.querySelectorAll('#profiles-table tbody tr')]
  .map(row => [row.querySelector('th').textContent, row.getClientRects().length > 0])"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site-browser")
    result = CliRunner().invoke(
        app,
        [
            *("build", "--kind", "site", "--kind", "about", "--format", "html"),
            *("--data", str(ROOT / "data"), "--out", str(out), "--jobs", "1"),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_on_a_phone(
    browser: BrowserThread, site: Path, name: str, width: int
) -> None:
    def measure(chromium: Any) -> tuple[int, int, list[str]]:
        with opened(chromium, site / name, width) as (page, _):
            scroll_width, client_width, wide = page.evaluate(WIDEST_ELEMENTS)
        return scroll_width, client_width, wide

    scroll_width, client_width, wide = browser.run(measure)
    assert scroll_width <= client_width, (
        f"the page is {scroll_width} px wide on a {client_width} px screen; widest: {wide}"
    )


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(
    browser: BrowserThread, site: Path, name: str, width: int
) -> None:
    def axe(chromium: Any) -> list[str]:
        with opened(chromium, site / name, width) as (page, _):
            return axe_violations(page)

    found = browser.run(axe)
    assert not found, "\n".join(found)


def test_the_filter_narrows_the_list_and_counts_the_matches(
    browser: BrowserThread, site: Path
) -> None:
    def typed(chromium: Any) -> tuple[list[list[Any]], str, list[list[Any]], str]:
        with opened(chromium, site / "index-sq.html", 390) as (page, _):
            box = page.get_by_label("Gjeni një komunë")
            box.fill("pri")
            narrowed, count = page.evaluate(ROWS), page.inner_text("#municipality-filter-count")
            box.fill("")
            return (
                narrowed,
                count,
                page.evaluate(ROWS),
                page.inner_text("#municipality-filter-count"),
            )

    narrowed, count, cleared, all_count = browser.run(typed)
    shown = [name for name, visible in narrowed if visible]
    assert shown == ["Prishtinë/Priština", "Prizren"]
    assert count == "Komuna të shfaqura: 2 nga 38"
    assert all(visible for _, visible in cleared) and len(cleared) == 38
    assert all_count == "Komuna të shfaqura: 38 nga 38"


def test_a_cyrillic_query_finds_a_latin_name(browser: BrowserThread, site: Path) -> None:
    def typed(chromium: Any) -> list[str]:
        with opened(chromium, site / "index-en.html", 1280) as (page, _):
            page.fill("#municipality-filter-input", "Пећ")
            return [name for name, visible in page.evaluate(ROWS) if visible]

    assert browser.run(typed) == ["Pejë/Peć"]


@pytest.mark.parametrize("query", ["Dakovica", "Đakovica", "djakovica", "Ђаковица", "gjakove"])
def test_dj_may_be_typed_as_d(browser: BrowserThread, site: Path, query: str) -> None:
    """On a keyboard without Serbian letters Đakovica is typed "Dakovica" as often as
    "Djakovica"; both find it (HTML review)."""

    def typed(chromium: Any) -> list[str]:
        with opened(chromium, site / "index-sr.html", 390) as (page, _):
            page.fill("#municipality-filter-input", query)
            return [name for name, visible in page.evaluate(ROWS) if visible]

    assert browser.run(typed) == ["Gjakovë/Đakovica"]


def test_without_script_the_whole_list_stands(browser: BrowserThread, site: Path) -> None:
    def rows_without_script(chromium: Any) -> tuple[int, int, bool]:
        context = chromium.new_context(
            java_script_enabled=False, viewport={"width": 390, "height": 900}
        )
        try:
            page = context.new_page()
            page.goto((site / "index-sq.html").as_uri())
            rows = page.locator("#profiles-table tbody tr")
            visible = sum(1 for i in range(rows.count()) if rows.nth(i).is_visible())
            return rows.count(), visible, page.is_visible("#municipality-filter")
        finally:
            context.close()

    total, visible, filter_shown = browser.run(rows_without_script)
    assert total == visible == 38
    assert not filter_shown, "without script the filter box would do nothing: it stays hidden"


@pytest.mark.parametrize("name", PAGES)
def test_links_are_24_px_tall_on_a_phone(browser: BrowserThread, site: Path, name: str) -> None:
    def heights(chromium: Any) -> list[str]:
        with opened(chromium, site / name, 390) as (page, _):
            small: list[str] = page.evaluate(
                """() => [...document.querySelectorAll('main a')]
                  .filter(a => a.getClientRects().length && a.getBoundingClientRect().height < 24)
                  .map(a => a.textContent.trim() + ': ' + a.getBoundingClientRect().height)"""
            )
        return small

    small = browser.run(heights)
    assert small == [], small[:5]


# Where the sample mark is, once the page is scrolled to ``#profiles-heading`` (or to
# its end, on a page without it), and where that heading is.
MARK_AND_TARGET = """() => {
  const target = document.getElementById('profiles-heading');
  if (target) { location.hash = '#profiles-heading'; } else { window.scrollTo(0, 1e6); }
  const aside = document.querySelector('.sample-mark');
  const mark = aside.getBoundingClientRect();
  const at = target ? target.getBoundingClientRect().top : null;
  return [mark.top, mark.bottom, at, getComputedStyle(aside).position];
}"""


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("name", ["index.html", "index-sr-Cyrl.html", "index-en.html"])
def test_the_sample_mark_hides_nothing_it_is_scrolled_over(
    browser: BrowserThread, site: Path, name: str, width: int
) -> None:
    """On a phone, and on the front page (four languages' notes), the mark scrolls away
    with the page: stuck at the top it covered up to 61 % of a phone's screen, and the
    heading a link leads to (HTML review). On a wide screen a one-language mark stays
    in sight, and the heading scrolled to stops below it."""

    def measure(chromium: Any) -> list[Any]:
        with opened(chromium, site / name, width) as (page, _):
            found: list[Any] = page.evaluate(MARK_AND_TARGET)
        return found

    top, bottom, target, position = browser.run(measure)
    if width < 768 or name == "index.html":
        assert position == "static", (position, top, bottom)
    else:
        assert position == "sticky" and top == 0, (position, top)
        assert target is not None and target >= bottom, (target, bottom)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_the_definite_albanian_name_finds_the_municipality(
    browser: BrowserThread, site: Path, tag: str
) -> None:
    """ "Prishtina" and "Gjakova", as English-language texts write them, found nothing
    on any index (HTML review)."""

    def typed(chromium: Any) -> list[list[str]]:
        found = []
        with opened(chromium, site / f"index-{tag}.html", 390) as (page, _):
            for query in ("Prishtina", "Gjakova", "Peja", "Mitrovica e Veriut"):
                page.fill("#municipality-filter-input", query)
                found.append([name for name, visible in page.evaluate(ROWS) if visible])
        return found

    prishtina, gjakova, peja, veriut = browser.run(typed)
    assert len(prishtina) == len(gjakova) == len(peja) == len(veriut) == 1
    assert "Prishtinë" in prishtina[0] and "Gjakovë" in gjakova[0] and "Pejë" in peja[0]
    assert "Veriut" in veriut[0] or "North" in veriut[0]  # the English label: Mitrovica North


@pytest.mark.parametrize("query", ["Severna", "Северна", "Јужна", "Mitrovica North"])
def test_the_english_index_finds_the_mitrovicas_by_their_serbian_names(
    browser: BrowserThread, site: Path, query: str
) -> None:
    def typed(chromium: Any) -> list[str]:
        with opened(chromium, site / "index-en.html", 390) as (page, _):
            page.fill("#municipality-filter-input", query)
            return [name for name, visible in page.evaluate(ROWS) if visible]

    assert len(browser.run(typed)) == 1


def test_a_query_that_finds_nothing_says_what_to_try(browser: BrowserThread, site: Path) -> None:
    """Before: "Municipalities shown: 0 of 38", and no hint (HTML review)."""

    def typed(chromium: Any) -> list[str]:
        said = []
        for tag in LANGUAGES:
            with opened(chromium, site / f"index-{tag}.html", 390) as (page, _):
                page.fill("#municipality-filter-input", "Qytetzz")
                said.append(page.inner_text("#municipality-filter-count"))
        return said

    en, sq, sr, cyrl = browser.run(typed)
    assert en == (
        "No municipality matches “Qytetzz”. Try another spelling, or its name in another language."
    )
    assert sq.startswith("Asnjë komunë nuk përputhet me “Qytetzz”.")
    assert sr.startswith("Nijedna opština ne odgovara upitu „Qytetzz“.")
    assert cyrl.startswith("Ниједна општина не одговара упиту „Qytetzz“.")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2019's sheets, Communities Committees sheets and Mamushë's profiles (six of
    eight duties), and the trends, as web pages."""
    out = tmp_path_factory.mktemp("site-pages")
    result = CliRunner().invoke(
        app,
        [
            *("build", "--kind", "sheet", "--kind", "committees", "--kind", "profile"),
            *("--kind", "trends"),
            *("--year", "2019"),
            *("--municipality", "mamushe", "--format", "html"),
            *("--data", str(ROOT / "data"), "--out", str(out), "--jobs", "1"),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("tag", LANGUAGES)
def test_a_count_and_its_of_n_stay_on_one_line_on_a_phone(
    browser: BrowserThread, pages: Path, tag: str
) -> None:
    """ "6 of" over "8" at 320 px: the denominator read like a value of its own (HTML review)."""
    profile = pages / "2019" / "municipalities" / f"mocr-2019-mamushe-{tag}.html"

    def lines(chromium: Any) -> list[list[Any]]:
        with opened(chromium, profile, 320) as (page, _):
            found: list[list[Any]] = page.evaluate(
                """() => [...document.querySelectorAll('.facts dd')].map(dd => {
                  const range = document.createRange(); range.selectNodeContents(dd);
                  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                  return [dd.textContent, tops.size];
                })"""
            )
        return found

    found = browser.run(lines)
    assert any(" 8" in text for text, _ in found), found
    assert all(count == 1 for _, count in found), found


# A text's last word alone on its line, and short (under a third of the line):
# [tag, word, text] of each caption, figure caption and paragraph of three
# words or more that ends so.
def found_on(
    chromium: Any, files: list[Path], widths: tuple[int, ...], script: str
) -> list[list[Any]]:
    """What ``script`` finds on each page of ``files`` at each of ``widths``, each
    row led by the page's name and the width."""
    found: list[list[Any]] = []
    for html in files:
        for width in widths:
            with opened(chromium, html, width) as (page, _):
                found += [[html.name, width, *row] for row in page.evaluate(script)]
    return found


RUNTS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('caption, figcaption, p')) {
    if (!el.getClientRects().length) continue;
    const words = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()];
        if (rects.length) words.push([m[0], rects[0].top, rects.at(-1).top, rects.at(-1).width]);
      }
    }
    if (words.length < 3) continue;
    const [word, top, , width] = words.at(-1);
    const style = getComputedStyle(el);
    const line = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (top > words.at(-2)[2] + 2 && width < line / 3) {
      found.push([el.tagName, word, el.textContent.trim()]);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("tag", LANGUAGES)
def test_no_short_last_word_alone_on_its_line(
    browser: BrowserThread, pages: Path, tag: str
) -> None:
    """ "Committees with access to adequate" over "resources", a caption's last
    word alone at 390 px, and 17 more on 2019's pages at 320, 390 and 1280 px
    (typography review): captions are balanced and paragraphs end on a line of
    more than one word (base.css's text-wrap), as the PDFs' do (together())."""
    year = pages / "2019"
    files = [
        year / f"mocr-2019-{tag}.html",
        year / f"mocr-2019-cc-{tag}.html",
        year / "municipalities" / f"mocr-2019-mamushe-{tag}.html",
    ]

    assert browser.run(lambda chromium: found_on(chromium, files, (320, 390, 1280), RUNTS)) == []


# Each municipality's name in a table whose line breaks inside one language's
# name of at most 12 characters ("Suva / Reka"), and the line's width.
PLACE_BREAKS = """() => {
  const found = [];
  for (const span of document.querySelectorAll('span.place')) {
    const text = [], tops = [];
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        text.push(node.data[i]);
        tops.push(rect && rect.width > 0 ? rect.top : null);
      }
    }
    let top = null, start = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i - 1] === '/') start = i;
      if (tops[i] === null) continue;
      if (top !== null && tops[i] > top + 2 && start !== i) {
        const end = text.indexOf('/', i) < 0 ? text.length : text.indexOf('/', i);
        const part = text.slice(start, end).join('').trim();
        if (part.length <= 12) found.push([text.join(''), part]);
      }
      top = tops[i];
    }
  }
  return found;
}"""


@pytest.mark.parametrize("tag", LANGUAGES)
def test_a_place_s_name_breaks_after_its_slash(
    browser: BrowserThread, pages: Path, tag: str
) -> None:
    """ "Suharekë/Suva" over "Reka" in the trends' narrow column at 390 px
    (typography review): a bilingual name breaks after its slash, and neither
    language's name of up to 12 characters is broken ("Hani i Elezit" keeps
    "i Elezit" together), in the sheet's, the committees' and the trends' tables."""
    files = [
        pages / "2019" / f"mocr-2019-{tag}.html",
        pages / "2019" / f"mocr-2019-cc-{tag}.html",
        pages / "trends" / f"mocr-trends-{tag}.html",
    ]

    names = sum(html.read_text("utf-8").count('<span class="place">') for html in files)
    assert names >= 3 * 30, names  # three tables of most of the 38 municipalities
    assert browser.run(lambda chromium: found_on(chromium, files, (320, 390), PLACE_BREAKS)) == []


@pytest.mark.parametrize("tag", LANGUAGES)
def test_a_chart_s_text_alternative_says_where_its_figures_are(pages: Path, tag: str) -> None:
    """A screen reader said only a chart's name ("Work plans and annual reports"):
    the text alternative now adds, in the page's language, that the table below
    gives every figure, and on the sheet and the Communities Committees sheet
    each chart is indeed followed by its table before the next chart. (The
    trends' alternatives, sentences of their own, say so themselves.)"""
    from test_site import translator

    where = translator(tag).gettext("The table below gives every figure.")
    assert tag == "en" or where != "The table below gives every figure."
    for html in (
        pages / "2019" / f"mocr-2019-{tag}.html",
        pages / "2019" / f"mocr-2019-cc-{tag}.html",
    ):
        text = html.read_text("utf-8")
        screen = r'<svg role="img" aria-label="([^"]*)" class="chart chart-screen"'
        labels = [unescape(label) for label in re.findall(screen, text)]
        assert len(labels) == 5, (html.name, labels)
        assert all(label.endswith(f". {where}") and len(label) > len(where) + 5 for label in labels)
        for after in re.split(screen, text)[2::2]:  # what follows each chart
            table, figure = after.find("<table"), after.find("<figure")
            assert table >= 0 and (figure < 0 or table < figure), html.name


@pytest.mark.parametrize("tag", LANGUAGES)
def test_each_chart_file_link_names_its_chart(
    browser: BrowserThread, pages: Path, tag: str
) -> None:
    """Five "SVG" and five "PNG" links, alike in a screen reader's list of links
    (HTML review): each carries its chart's name, hidden from the eye."""
    sheet_page = pages / "2019" / f"mocr-2019-{tag}.html"

    def names(chromium: Any) -> list[list[Any]]:
        with opened(chromium, sheet_page, 390) as (page, _):
            found: list[list[Any]] = page.evaluate(
                """() => [...document.querySelectorAll('.chart-files a')].map(a => [
                  a.textContent,
                  a.querySelector('.vh')?.getBoundingClientRect().width ?? -1,
                  a.getBoundingClientRect().width])"""
            )
        return found

    found = browser.run(names)
    assert len(found) == 10
    texts = [text for text, _, _ in found]
    assert len(set(texts)) == 10, texts
    assert all(text.split(" — ")[0] in ("SVG", "PNG") for text in texts), texts
    assert all(0 <= hidden <= 1 for _, hidden, _ in found), found  # not shown
    assert all(width < 60 for _, _, width in found), found  # the link shows its format alone


# The lines a range of years in the page's heading takes.
RANGE_LINES = """(range) => {
  const walker = document.createTreeWalker(document.querySelector('h1'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(range);
    if (at < 0) continue;
    const found = document.createRange();
    found.setStart(node, at);
    found.setEnd(node, at + range.length);
    return new Set([...found.getClientRects()].map(r => Math.round(r.top))).size;
  }
  return 0;
}"""


@pytest.mark.parametrize("tag", ["en", "sq"])
def test_the_trends_heading_keeps_its_years_on_one_line(
    browser: BrowserThread, tmp_path: Path, tag: str
) -> None:
    """ "… (ZKKK) 2016–" over "2019" at 1280 px (HTML review): at any width from a
    phone's to a desktop's, the range stays whole. (The Serbian heading says
    "od 2016. do 2019.", in words.)"""
    result = CliRunner().invoke(
        app,
        [
            *("build", "--kind", "trends", "--format", "html", "--lang", tag),
            *("--data", str(ROOT / "data"), "--out", str(tmp_path), "--jobs", "1"),
        ],
    )
    assert result.exit_code == 0, result.output
    trends = tmp_path / "trends" / f"mocr-trends-{tag}.html"

    def lines(chromium: Any) -> dict[int, int]:
        found = {}
        with opened(chromium, trends, 320) as (page, _):
            for width in range(320, 1281, 16):
                page.set_viewport_size({"width": width, "height": 900})
                found[width] = page.evaluate(RANGE_LINES, "2016–2019")
        return found

    found = browser.run(lines)
    assert set(found.values()) == {1}, {w: n for w, n in found.items() if n != 1}


FOCUSED = """() => { const a = document.activeElement; const r = a.getBoundingClientRect();
  return [a.className, a.textContent.trim(), Math.round(r.width), Math.round(r.height)]; }"""
AFTER_SKIP = """() => { const header = document.querySelector('header.masthead');
  return [document.activeElement === header, !!header.querySelector('h1')]; }"""
PAST_HEADER = """() => { const header = document.querySelector('header.masthead');
  return !!(header.compareDocumentPosition(document.activeElement)
            & Node.DOCUMENT_POSITION_FOLLOWING); }"""


@pytest.mark.parametrize("name", ["index.html", "index-sr-Cyrl.html", "about-sq.html"])
def test_the_first_tab_offers_to_skip_the_navigation(
    browser: BrowserThread, site: Path, name: str
) -> None:
    """A keyboard user's first Tab shows a "Skip to content" link (hidden until then);
    Enter on it takes the focus past the mark and the navigation to the page's
    heading, and the next Tab goes on from there (reader review, session 20)."""

    def walk(chromium: Any) -> list[Any]:
        with opened(chromium, site / name, 390) as (page, _):
            hidden = page.evaluate(
                "() => document.querySelector('.skip-link').getBoundingClientRect().width"
            )
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            page.keyboard.press("Enter")
            after = page.evaluate(AFTER_SKIP)
            page.keyboard.press("Tab")
            past = page.evaluate(PAST_HEADER)
        return [hidden, focused, after, past]

    hidden, (cls, text, width, height), after, past = browser.run(walk)
    assert hidden <= 1
    assert cls == "skip-link" and width > 1 and height >= 24, (cls, text, width, height)
    tag = "en" if name == "index.html" else name.split("-", 1)[1].removesuffix(".html")
    assert text.startswith({"en": "Skip to content", "sr-Cyrl": "Прескочи на садржај",
                            "sq": "Kalo te përmbajtja"}[tag])  # fmt: skip
    assert after == [True, True]
    assert past


@pytest.mark.parametrize("width", [320, 1280])
def test_the_name_sorted_by_stands_out_on_a_phone_too(
    browser: BrowserThread, site: Path, width: int
) -> None:
    """The Cyrillic index sorts by the Serbian name while a label may start with the
    Albanian one (Viti/Витина under В): the name sorted by is the bolder of the two,
    on a phone too, where the whole row's name was bold and the cue was lost
    (reader review, session 20)."""

    def weights(chromium: Any) -> list[str]:
        with opened(chromium, site / "index-sr-Cyrl.html", width) as (page, _):
            found: list[str] = page.evaluate(
                """() => ['table.profiles th[scope=row]', 'table.profiles .sorted-by']
                  .map(s => getComputedStyle(document.querySelector(s)).fontWeight)"""
            )
        return found

    row, sorted_by = browser.run(weights)
    assert int(sorted_by) > int(row), (row, sorted_by)
