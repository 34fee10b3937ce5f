"""The PDF: a page kind's Typst template, given the page as data.

Every PDF is typeset by Typst through the ``typst`` package (the compiler in
one wheel, no system libraries), in this process. A kind's template
(``templates/<kind>.typ``, which imports ``templates/base.typ``) reads the
page's context as JSON from ``sys.inputs.page``: names, notes and labels
reach Typst as data, never as code, so no text from the data or the
catalogs can run as markup (``#read(...)``, ``$…$``, ``*``, ``@``, ``<…>``
are printed as typed). See docs/design.md, "The PDF engine".

Typst reads no file outside the templates folder (its root) and the
package's fonts (the system's are ignored); no Typst package is used, so
nothing is downloaded. The bytes depend on the template, the data and the
fonts alone: the creation date is the data's (or ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.resources import FONTS_DIR

if TYPE_CHECKING:
    import typst

    from mocr_factsheet.i18n.translator import Translator

PDF_STANDARD: Final = "ua-1"  # PDF/UA-1: tagged, with a title, a language and alternative texts


# Whether this process has run Typst. Typst works with a pool of threads that
# a forked child does not have: a child forked after a compile hangs on its
# own first compile. ``build/run.py`` starts its workers otherwise then.
_used: list[bool] = []


def used_in_this_process() -> bool:
    """Whether a Typst compiler was made in this process (see ``build/run.py``)."""
    return bool(_used)


@cache
def _compiler(templates_dir: Path, template: str) -> typst.Compiler:
    """One compiler per template and process: it keeps the fonts and the parsed
    template between pages (a profile compiles in a few milliseconds)."""
    return _new_compiler(templates_dir, template)


def _new_compiler(templates_dir: Path, template: str) -> typst.Compiler:
    import typst

    _used.append(True)
    return typst.Compiler(
        input=str(templates_dir / template),
        root=str(templates_dir),
        font_paths=[str(FONTS_DIR)],
        ignore_system_fonts=True,
    )


# typst-py drops, after each compile, what Typst memoised and the last
# ``_MEMO_AGE`` compiles did not use (``comemo::evict(10)``); it has no call
# to drop it all.
_MEMO_AGE: Final = 10


@cache
def _empty_compiler(templates_dir: Path) -> typst.Compiler:
    """A compiler of its own for ``forget``: each compile replaces its input."""
    return _new_compiler(templates_dir, "base.typ")


# Whether a document that leaves Typst a large memo (``one_large_memo``) was
# set in this process since its memo was last dropped.
_large_held: list[bool] = []


@contextmanager
def one_large_memo(templates_dir: Path) -> Iterator[None]:
    """Around a document whose layout leaves Typst a large memo (a booklet's 41
    pages, about 80 MB; the trends' trials of type sizes): the memo the last such
    document left is dropped first (``forget``), so that two never stack up. The
    last one is never dropped: a worker's last task leaves it to the process's
    end, which frees nothing one by one (a drop costs 20–60 ms of freeing; a
    one-row edit sets eight such documents over two workers)."""
    if _large_held:
        forget(templates_dir)
        _large_held.clear()
    yield
    _large_held.append(True)


def forget(templates_dir: Path) -> None:
    """Drop what Typst memoised in this process (layouts, shaped text, fonts'
    subsets): a 41-page booklet leaves about 80 MB, which the next ten compiles
    would keep, so that a worker setting several booklets grew past 450 MB
    (docs/performance.md). An empty document compiled ``_MEMO_AGE`` + 1 times
    ages every entry out (about 60 ms, most of it freeing them); what the next
    document needs is memoised again as it is set."""
    compiler = _empty_compiler(templates_dir)
    for _ in range(_MEMO_AGE + 1):
        compiler.compile(input=b"", format="svg")


def as_data(value: Any) -> Any:
    """A page context as JSON values: dataclasses and mappings as objects,
    sequences as arrays, dates as ISO text; text stays text (markup is never
    interpreted: a ``Markup`` is a ``str``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): as_data(v) for k, v in value.items()}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [as_data(v) for v in items]
    raise TypeError(f"not page data: {type(value).__name__}")


def last_words_together(text: str, longest: int = 30) -> str:
    """The text's last two words joined by a no-break space, so that no word
    stands alone on a paragraph's last line (unless together they are longer
    than ``longest`` letters). The plain-text twin of ``render.html.last_words_together``."""
    head, space, last = text.rpartition(" ")
    before = head.rpartition(" ")[2]
    if not space or len(before) + len(last) > longest:
        return text
    return f"{head}\u00a0{last}"


def tied(tr: Translator, text: str, longest: int | None = 30) -> str:
    """``text`` as the web page's ``tie`` and ``last_words`` filters leave it, as plain
    text (render/html.py): numbers kept with their words, no lone last word
    (``longest`` None: the numbers only)."""
    together = tr.tie(text)
    return last_words_together(together, longest) if longest else together


def page_data(tr: Translator, context: Any) -> dict[str, Any]:
    """A page context as its Typst template reads it (``sys.inputs.page``): its
    fields as JSON values, and ``base``, what ``base.typ`` sets (``base_data``)."""
    return {**as_data(context), "base": base_data(tr, context.title, context.sample)}


def base_data(
    tr: Translator, title: str, sample: bool, sample_note: str | None = None
) -> dict[str, Any]:
    """What every PDF's ``base.typ`` sets (``page.base``), in ``tr``'s language:
    the texts of ``templates/base.html.j2``'s masthead, mark and statement.
    A kind that knows its page count adds ``pages`` (and, for a one-page part,
    ``page``, its number): the foot then needs no second layout (base.typ, ``folio``)."""
    language, _, rest = tr.locale.partition("_")
    region = rest if len(rest) == 2 and rest.isupper() else None
    statement = tr.gettext(
        "The OSCE Mission in Kosovo supports the participation of communities in public "
        "decision-making and in the processes and institutions of governance. To that end, "
        "the Mission regularly monitors how the municipal mechanisms for the protection of "
        "communities perform. These factsheets give municipal and central institutions "
        "indicators that help them find gaps and improve compliance."
    )
    return {
        "lang": language.lower(),
        "region": region,
        "hyphenate": tr.language.hyphenate,
        "title": title,
        "sample": sample,
        "sample_line": sample_line(tr, sample_note),
        "mission": tr.gettext("OSCE Mission in Kosovo"),
        "statement": last_words_together(statement),
    }


def sample_line(tr: Translator, note: str | None = None) -> str:
    """The mark of invented figures as a PDF prints it on every page (and a chart's
    file under the chart): "Illustrative data — " and the note, in ``tr``'s language."""
    note = note or tr.gettext(
        "the figures in this document are invented for demonstration; "
        "they are not monitoring results."
    )
    return f"{tr.gettext('Illustrative data')} — {note}"


def timestamp(created: str) -> int:
    """The PDF's creation date in seconds: ``SOURCE_DATE_EPOCH`` where it is
    set, else the data's ISO date (never the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        return int(epoch)
    try:
        moment = datetime.fromisoformat(created).replace(tzinfo=UTC)
    except ValueError:
        moment = datetime(2000, 1, 1, tzinfo=UTC)
    return int(moment.timestamp())


def _inputs(page: Any, key: str = "page") -> dict[str, str]:
    return {key: json.dumps(as_data(page), ensure_ascii=False, separators=(",", ":"))}


def _problem(source: str, template: Path, err: Any, code: str) -> Problem:
    message = str(getattr(err, "message", "") or err).strip()
    hints = [str(h) for h in getattr(err, "hints", None) or ()]
    text = "; ".join([message, *hints])
    # Where in the template: the diagnostic's "┌─ …/profile.typ:23:62".
    found = re.search(r"([^\s/]+\.typ):(\d+):(\d+)", str(getattr(err, "diagnostic", "")))
    where = f"{found[1]}:{found[2]}:{found[3]}" if found else template.name
    return Problem(source, None, None, code, f"Typst ({where}): {text}")


def render_pdf(
    templates_dir: Path, template: str, page: Any, created: str, source: str, key: str = "page"
) -> bytes:
    """The A4 PDF of ``page`` (a page context) through ``template``, which reads it
    as ``sys.inputs.<key>`` (the booklet's is ``booklet``: the templates it
    imports set their page from ``sys.inputs.page`` only where there is one).

    A Typst error or warning is a problem of the build, reported under
    ``source`` (the output's path): a PDF is never written from a template
    that Typst had to guess about.
    """
    pdf, warnings = _compile_pdf(templates_dir, template, page, created, source, key)
    if warnings:
        raise UserError(warnings)
    return pdf


def render_pdf_and_warnings(
    templates_dir: Path, template: str, page: Any, created: str, source: str, key: str = "page"
) -> tuple[bytes, list[Problem]]:
    """``render_pdf``'s PDF and its warnings as problems, not raised: the caller
    may set the page again (a profile that does not fit, ``page_count``)."""
    return _compile_pdf(templates_dir, template, page, created, source, key)


def query_compiled(templates_dir: Path, template: str, selector: str, source: str) -> list[Any]:
    """What the document that ``template`` last set places at ``selector``
    (``query``'s values, read after ``render_pdf_and_warnings``): typst-py
    compiles it again, from Typst's memo of the layout just made, exporting nothing."""
    import typst

    try:
        found = _compiler(templates_dir, template).query(selector, field="value", format="json")
    except typst.TypstError as err:
        raise UserError([_problem(source, templates_dir / template, err, "pdf-error")]) from None
    return list(json.loads(found))


_PAGE_TREE = re.compile(rb"/Type\s*/Pages\s*/Count\s+(\d+)")


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF that Typst wrote (its page tree's count),
    read from the bytes: a template that asked Typst for it
    (``counter(page).final()``) would be laid out twice (docs/performance.md)."""
    found = _PAGE_TREE.search(pdf)
    if found is None:
        raise ValueError("not a PDF with a page tree")
    return int(found[1])


def _compile_pdf(
    templates_dir: Path, template: str, page: Any, created: str, source: str, key: str = "page"
) -> tuple[bytes, list[Problem]]:
    import typst

    compiler = _compiler(templates_dir, template)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf",
            sys_inputs=_inputs(page, key),
            pdf_standards=[PDF_STANDARD],
            timestamp=timestamp(created),
        )
    except typst.TypstError as err:
        raise UserError([_problem(source, templates_dir / template, err, "pdf-error")]) from None
    assert isinstance(pdf, bytes)
    return pdf, [_problem(source, templates_dir / template, w, "pdf-warning") for w in warnings]


def render_png(templates_dir: Path, template: str, page: Any, ppi: float, source: str) -> bytes:
    """``template`` set with ``page`` as one PNG at ``ppi`` (a chart's file,
    render/downloads.py); problems are reported under ``source``."""
    import typst

    compiler = _compiler(templates_dir, template)
    try:
        png = compiler.compile(format="png", ppi=ppi, sys_inputs=_inputs(page))
    except typst.TypstError as err:
        raise UserError([_problem(source, templates_dir / template, err, "pdf-error")]) from None
    assert isinstance(png, bytes)
    return png


def query(
    templates_dir: Path, template: str, page: Any, selector: str, key: str = "page"
) -> list[Any]:
    """What ``template`` set with ``page`` places at ``selector`` (``<room>``):
    the values of its ``metadata``, for layouts that Typst measures and Python
    then draws to (a chart drawn to the room the text leaves)."""
    import typst

    compiler = _compiler(templates_dir, template)
    try:
        compiler.compile(format="pdf", sys_inputs=_inputs(page, key), pdf_tags=False)
        found = json.loads(compiler.query(selector, field="value", format="json"))
    except typst.TypstError as err:
        path = templates_dir / template
        raise UserError([_problem(str(path), path, err, "pdf-error")]) from None
    return list(found)
