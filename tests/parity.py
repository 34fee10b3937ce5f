"""The words of a PDF and of its web page as the browser prints it, for the parity
tests: the two views of one page context (docs/design.md, "The PDF engine") must
say the same thing, page by page.

``pdf_pages(path)``: each PDF page's words, without what stands in the margins
(the illustrative-data mark and the page number, which the browser draws in
its own margins from CSS). ``print_pages(browser, path)``: the web page's
words in print media (what ``@media print`` hides is left out), split where
the print stylesheet breaks the page. Both are normalised alike by ``words``:
case folded, punctuation at a word's edges dropped, a word hyphenated at a
line's end joined again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber

MM = 72 / 25.4
TOP_MARGIN = 14 * MM  # templates/base.typ and base.css: the mark stands above
BOTTOM_MARGIN = 12 * MM  # the page number below
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ORIGIN = "http://parity.test/"
_EDGES = re.compile(r"^[^\w%]+|[^\w%]+$")
_HYPHENS = ("-", "\u00ad", "\u2010")


def words(text: str) -> list[str]:
    """``text``'s words, normalised: NFC, case folded, edge punctuation dropped."""
    found = []
    for token in unicodedata.normalize("NFC", text).replace("\u00ad", "").split():
        token = _EDGES.sub("", token.casefold())
        if token:
            found.append(token)
    return found


def pdf_pages(path: Path) -> list[list[str]]:
    """Each page's words in reading order of its lines, hyphenations at line ends joined."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            body = [
                w
                for w in page.extract_words(
                    x_tolerance=1, keep_blank_chars=False, use_text_flow=False
                )
                if w["top"] >= TOP_MARGIN - 1 and w["bottom"] <= page.height - BOTTOM_MARGIN + 1
            ]
            pages.append(_joined(body))
    return pages


def _joined(found: list[dict[str, Any]]) -> list[str]:
    """The words, a line-end fragment ending in a hyphen (dropped) or in a "/" (a
    name broken after its slash, the web page's <wbr>) joined to its continuation.

    The fragment ends its line in its column (no word starts within 5 mm to its
    right), and its continuation is the next line of its paragraph: the first
    word of a later line (less than 2.5 lines down) that starts where the
    fragment's own line starts (the other column's words, and the lines of a
    right-aligned chart label, start elsewhere).
    """
    texts = [w["text"] for w in found]
    taken: set[int] = set()

    def on_line(word: dict[str, Any]) -> list[dict[str, Any]]:
        return [w for w in found if abs(w["top"] - word["top"]) <= 1]

    for i, word in enumerate(found):
        text = texts[i]
        if i in taken or not text.endswith((*_HYPHENS, "/")):
            continue
        line = on_line(word)
        if any(0 <= w["x0"] - word["x1"] < 5 * MM for w in line if w is not word):
            continue
        start = word  # the first word of the fragment's line, gaps under 5 mm
        while before := [w for w in line if 0 <= start["x0"] - w["x1"] < 5 * MM]:
            start = max(before, key=lambda w: w["x1"])
        height = word["bottom"] - word["top"]
        after = next(
            (
                k
                for k in range(i + 1, len(found))
                if k not in taken
                and word["top"] + 1 < found[k]["top"] < word["top"] + 2.5 * height
                and abs(found[k]["x0"] - start["x0"]) < 1
            ),
            None,
        )
        if after is None:
            continue
        head = text if text.endswith("/") else text.rstrip("".join(_HYPHENS))
        texts[i] = head + texts[after]
        taken.add(after)
    return words(" ".join(t for k, t in enumerate(texts) if k not in taken))


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright (never ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Every visible text node in print media, by the print page it falls on: a new
# page starts at each element whose computed break-before is "page".
_PRINT_TEXT = """() => {
  const breaks = [...document.querySelectorAll('body *')]
    .filter(el => getComputedStyle(el).breakBefore === 'page');
  const pages = [[]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !el.checkVisibility({checkVisibilityCSS: true, checkOpacity: false})) continue;
    const page = breaks.filter(b =>
      b.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING ||
      b.contains(node)).length;
    while (pages.length <= page) pages.push([]);
    const texts = pages[page];
    // A word broken by <wbr> ("Leposavić/<wbr>Leposaviq") is one word.
    const glued = node.previousSibling && node.previousSibling.nodeName === 'WBR';
    if (glued && texts.length) texts[texts.length - 1] += node.textContent;
    else texts.push(node.textContent);
  }
  return pages.map(texts => texts.join(' '));
}"""


def print_pages(browser: Any, html: Path) -> list[list[str]]:
    """The web page's words as the browser prints it, by print page."""
    context = browser.new_context(viewport={"width": 794, "height": 1123})

    def serve(route: Any) -> None:
        if route.request.url == ORIGIN + html.name:
            route.fulfill(body=html.read_bytes(), content_type="text/html; charset=utf-8")
        else:
            route.abort()

    context.route("**/*", serve)
    try:
        page = context.new_page()
        page.goto(ORIGIN + html.name, wait_until="load")
        page.emulate_media(media="print")
        return [words(text) for text in page.evaluate(_PRINT_TEXT)]
    finally:
        context.close()


def difference(pdf: list[str], html: list[str]) -> str:
    """What one side has that the other lacks, for an assertion's message ('' if none)."""
    only_pdf = Counter(pdf) - Counter(html)
    only_html = Counter(html) - Counter(pdf)
    if not only_pdf and not only_html:
        return ""
    return f"only in the PDF: {dict(only_pdf)}; only in the web page: {dict(only_html)}"


def assert_pages_agree(pdf: list[list[str]], printed: list[list[str]], pages: int) -> None:
    """Both views have ``pages`` pages, and each PDF page says what the browser prints on it."""
    assert len(pdf) == len(printed) == pages
    for number, (pdf_words, html_words) in enumerate(zip(pdf, printed, strict=True), 1):
        assert len(pdf_words) > 100, f"page {number}: {pdf_words}"
        found = difference(pdf_words, html_words)
        assert not found, f"page {number}: {found}"
