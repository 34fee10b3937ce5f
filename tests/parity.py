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

import ctypes
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

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
    """Each page's words in reading order of its lines, hyphenations at line ends joined.

    Read with PDFium: pdfplumber's own parser spent about a second a sheet reading
    the charts' paths to give the characters (docs/performance.md, "Session 17").
    The words are those pdfplumber's ``extract_words(x_tolerance=1)`` gives, in
    its order (checked on every sheet, profile and trends PDF of the bundled data).
    """
    pages = []
    pdf = pypdfium2.PdfDocument(path)
    try:
        for page in pdf:
            height = page.get_height()
            text_page = page.get_textpage()
            body = [
                w
                for w in _words(_characters(text_page, height))
                if w["top"] >= TOP_MARGIN - 1 and w["bottom"] <= height - BOTTOM_MARGIN + 1
            ]
            pages.append(_joined(body))
            text_page.close()
            page.close()
    finally:
        pdf.close()
    return pages


def _characters(text_page: Any, height: float) -> list[dict[str, Any]]:
    """Each character with its box as pdfminer (and so pdfplumber) gives it: from
    the font's descent under the baseline, one font size tall (the size as the
    matrix scales it), measured from the page's top."""
    found = []
    x, y = ctypes.c_double(), ctypes.c_double()
    descent = ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    for index in range(text_page.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(text_page, index):
            continue  # a space or line break PDFium adds between text objects
        char = chr(pdfium_c.FPDFText_GetUnicode(text_page, index))
        if char == "\x02":  # how PDFium gives a hyphen that ends a line
            char = "-"
        left, _, right, _ = text_page.get_charbox(index, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(text_page, index, ctypes.byref(x), ctypes.byref(y))
        pdfium_c.FPDFText_GetMatrix(text_page, index, matrix)
        size = pdfium_c.FPDFText_GetFontSize(text_page, index) * math.hypot(matrix.c, matrix.d)
        low = y.value
        text_object = pdfium_c.FPDFText_GetTextObject(text_page, index)
        font = pdfium_c.FPDFTextObj_GetFont(text_object) if text_object else None
        if font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), ctypes.byref(descent)):
            low += descent.value
        found.append(
            {
                "text": char,
                "x0": left,
                "x1": right,
                "top": height - low - size,
                "bottom": height - low,
            }
        )
    return found


def _words(
    characters: list[dict[str, Any]], x_tolerance: float = 1, y_tolerance: float = 3
) -> list[dict[str, Any]]:
    """The characters as pdfplumber's ``extract_words`` groups them (no text flow):
    lines of tops no further apart than ``y_tolerance`` from the one before, top
    to bottom; in each, left to right, a word ended by a blank or a gap wider
    than ``x_tolerance``."""
    lines: list[list[dict[str, Any]]] = []
    last = None
    for char in sorted(characters, key=lambda c: c["top"]):
        if last is None or char["top"] - last > y_tolerance:
            lines.append([])
        lines[-1].append(char)
        last = char["top"]
    words: list[dict[str, Any]] = []
    for line in lines:
        word: dict[str, Any] | None = None
        for char in sorted(line, key=lambda c: c["x0"]):
            if not char["text"].strip():
                word = None
            elif word is None or char["x0"] > word["x1"] + x_tolerance or char["x1"] < word["x0"]:
                word = dict(char)
                words.append(word)
            else:
                word["text"] += char["text"]
                word["x1"] = max(word["x1"], char["x1"])
                word["top"] = min(word["top"], char["top"])
                word["bottom"] = max(word["bottom"], char["bottom"])
    return words


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
