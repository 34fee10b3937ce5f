"""The PDF: the sheet's HTML through WeasyPrint, with our fonts and nothing fetched.

WeasyPrint is imported here only, so that deciding that nothing needs
rebuilding never pays for it. It logs its problems rather than raising them:
every warning it logs while rendering becomes a failure of the build.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.render.html import Sheet
from mocr_factsheet.resources import ASSETS_DIR, FONTS_DIR

# The family the sheet's CSS and the charts' SVG name first (see charts.py).
FONT_FACES = (("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf"))


def font_css() -> str:
    return "\n".join(
        f"@font-face {{ font-family: 'MOCR Sans'; font-weight: {weight}; "
        f"src: url({(FONTS_DIR / name).as_uri()}); }}"
        for weight, name in FONT_FACES
    )


def allowed_file(url: str) -> Path | None:
    """The local path of a ``file:`` URL inside the package's assets, else None."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = Path(unquote(parsed.path)).resolve()
    return path if path.is_relative_to(ASSETS_DIR.resolve()) and path.is_file() else None


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetchingError

    class AssetsOnlyFetcher(URLFetcher):  # type: ignore[misc]  # untyped base class
        """Allows ``data:`` URLs and the package's own assets; refuses everything else.

        A note or template naming ``file:///etc/passwd`` or a web address gets
        nothing, and the refusal, logged by WeasyPrint, fails the build.
        """

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") or allowed_file(url) is not None:
                return super().fetch(url, headers)
            raise URLFetchingError(f"refused to fetch {url}: only the package's assets are read")

    return AssetsOnlyFetcher


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # Without libharfbuzz-subset (pip cannot install it), fontTools subsets
        # the fonts: a slower way to the same kind of PDF, not a problem. The
        # build says so once (see ``harfbuzz_subset_missing``).
        if not message.startswith(_FONTTOOLS_FALLBACK):
            self.messages.append(message)


_FONTTOOLS_FALLBACK = "Using fontTools instead of HarfBuzz-Subset"


def harfbuzz_subset_missing() -> bool:
    """Whether WeasyPrint will subset fonts with fontTools, for want of libharfbuzz-subset."""
    import warnings

    with warnings.catch_warnings():
        # WeasyPrint says at import that it will need the library some day.
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint.pdf import fonts

    has_subset = fonts.harfbuzz_subset is not None and fonts.harfbuzz.hb_version_atleast(4, 1, 0)
    return not has_subset


@contextmanager
def _source_date(created: str) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` from the data while a PDF is written: fontTools
    stamps it into the fonts it subsets, where it would otherwise put the clock."""
    try:
        moment = datetime.fromisoformat(created).replace(tzinfo=UTC)
    except ValueError:
        moment = datetime(2000, 1, 1, tzinfo=UTC)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _warnings_as_problems(source: str) -> Iterator[None]:
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    previous = logger.propagate
    logger.propagate = False  # reported as problems below, not printed twice
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous
    if handler.messages:
        raise UserError(
            Problem(source, None, None, "pdf-warning", f"WeasyPrint: {message}")
            for message in handler.messages
        )


_cache: dict[str, Any] = {}


@cache
def _shared() -> tuple[Any, Any, Any]:
    """The fetcher, the fonts and their stylesheet, made once per process and shared by
    every document: loading the fonts anew cost a profile page a third of its time."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _fetcher_class()()
    fonts = FontConfiguration()
    return fetcher, fonts, CSS(string=font_css(), font_config=fonts, url_fetcher=fetcher)


@cache
def _parsed(path: str, text: str) -> Any:
    """A template's stylesheet parsed once per process (keyed by its text too: an
    edited file is parsed again). Parsing it from every page's <style> cost a
    profile a tenth of its time."""
    from weasyprint import CSS

    fetcher, fonts, _ = _shared()
    return CSS(string=text, base_url=ASSETS_DIR.as_uri(), font_config=fonts, url_fetcher=fetcher)


def _linked(sheet: Sheet) -> list[Any]:
    sheets = []
    for path in sheet.stylesheets:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise UserError(
                [Problem(path, None, None, "template", f"{type(err).__name__}: {err}")]
            ) from None
        sheets.append(_parsed(path, text))
    return sheets


def render_pdf(sheet: Sheet, source: str) -> bytes:
    """The A4 PDF of a sheet; the same sheet always gives the same bytes."""
    from weasyprint import HTML

    with _warnings_as_problems(source), _source_date(sheet.created):
        fetcher, fonts, stylesheet = _shared()
        document = HTML(string=sheet.html, url_fetcher=fetcher, base_url=ASSETS_DIR.as_uri())
        pdf: bytes = document.write_pdf(
            stylesheets=[stylesheet, *_linked(sheet)],
            font_config=fonts,
            pdf_identifier=hashlib.sha256(sheet.html.encode()).hexdigest()[:32].encode(),
            pdf_variant="pdf/ua-1",
            pdf_tags=True,
            cache=_cache,
        )
    return pdf
