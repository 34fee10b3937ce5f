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
from collections.abc import Mapping
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


@cache
def _compiler(templates_dir: Path, template: str) -> typst.Compiler:
    """One compiler per template and process: it keeps the fonts and the parsed
    template between pages (a profile compiles in a few milliseconds)."""
    import typst

    return typst.Compiler(
        input=str(templates_dir / template),
        root=str(templates_dir),
        font_paths=[str(FONTS_DIR)],
        ignore_system_fonts=True,
    )


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


def base_data(
    tr: Translator, title: str, sample: bool, sample_note: str | None = None
) -> dict[str, Any]:
    """What every PDF's ``base.typ`` sets (``page.base``), in ``tr``'s language:
    the texts of ``templates/base.html.j2``'s masthead, mark and statement."""
    language, _, rest = tr.locale.partition("_")
    region = rest if len(rest) == 2 and rest.isupper() else None
    note = sample_note or tr.gettext(
        "the figures in this document are invented for demonstration; "
        "they are not monitoring results."
    )
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
        "sample_line": f"{tr.gettext('Illustrative data')} — {note}",
        "mission": tr.gettext("OSCE Mission in Kosovo"),
        "statement": last_words_together(statement),
    }


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


def _inputs(page: Any) -> dict[str, str]:
    return {"page": json.dumps(as_data(page), ensure_ascii=False, separators=(",", ":"))}


def _problem(source: str, template: Path, err: Any, code: str) -> Problem:
    message = str(getattr(err, "message", "") or err).strip()
    hints = [str(h) for h in getattr(err, "hints", None) or ()]
    text = "; ".join([message, *hints])
    return Problem(source, None, None, code, f"Typst ({template.name}): {text}")


def render_pdf(templates_dir: Path, template: str, page: Any, created: str, source: str) -> bytes:
    """The A4 PDF of ``page`` (a page context) through ``template``.

    A Typst error or warning is a problem of the build, reported under
    ``source`` (the output's path): a PDF is never written from a template
    that Typst had to guess about.
    """
    import typst

    compiler = _compiler(templates_dir, template)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf",
            sys_inputs=_inputs(page),
            pdf_standards=[PDF_STANDARD],
            timestamp=timestamp(created),
        )
    except typst.TypstError as err:
        raise UserError([_problem(source, templates_dir / template, err, "pdf-error")]) from None
    if warnings:
        raise UserError(
            _problem(source, templates_dir / template, w, "pdf-warning") for w in warnings
        )
    assert isinstance(pdf, bytes)
    return pdf


def query(templates_dir: Path, template: str, page: Any, selector: str) -> list[Any]:
    """What ``template`` set with ``page`` places at ``selector`` (``<room>``):
    the values of its ``metadata``, for layouts that Typst measures and Python
    then draws to (a chart drawn to the room the text leaves)."""
    import typst

    compiler = _compiler(templates_dir, template)
    try:
        compiler.compile(format="pdf", sys_inputs=_inputs(page), pdf_tags=False)
        found = json.loads(compiler.query(selector, field="value", format="json"))
    except typst.TypstError as err:
        path = templates_dir / template
        raise UserError([_problem(str(path), path, err, "pdf-error")]) from None
    return list(found)
