"""Rendering: figures, in one language, through a page kind's template to HTML.

One Jinja environment per language, autoescaping on, newstyle gettext bound
to that language's catalog. Every page kind's template extends
``base.html.j2`` (masthead, illustrative-data mark, footer, fonts, print and
screen CSS) and is rendered by ``render_page``: the self-contained web page,
whose own print (Ctrl+P) follows its print stylesheet. The PDF is the same
context typeset by the kind's Typst template (render/typst.py).
"""

from __future__ import annotations

import contextlib
import html as html_lib
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from mocr_factsheet.i18n.babel_cfg import template_syntax
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.problems import Problem, UserError


@dataclass(frozen=True)
class Sheet:
    """A rendered web page (of any kind) and the date it carries."""

    html: str
    created: str  # ISO date from the data, never the clock


class CompiledTemplates(jinja2.BytecodeCache):
    """The templates compiled to Python code, shared by every language's
    environment in this process (a template compiles to the same code in each:
    its words are looked up as it renders) and, once ``keep_in`` names a
    folder, kept there for the other workers and the next build.

    Compiling the templates costs about 0.13 s a language, more than rendering
    ten profiles, and each worker paid it for each language it rendered
    (docs/performance.md, "Session 8"). Jinja checks each entry
    against its template's source, so an edited template is compiled again;
    the folder's name carries what else the code depends on: Jinja's and
    Python's versions, and this module (the environment's options and filters).
    """

    def __init__(self) -> None:
        self._memory: dict[str, bytes] = {}
        self._disk: jinja2.FileSystemBytecodeCache | None = None

    def keep_in(self, folder: Path | None) -> None:
        """Keep the compiled templates in (a folder under) ``folder``; None: in memory only."""
        self._disk = None
        if folder is not None:
            import hashlib
            import sys

            depends = repr((jinja2.__version__, sys.version, template_syntax())).encode()
            key = hashlib.sha256(depends + Path(__file__).read_bytes()).hexdigest()[:16]
            try:
                (folder / key).mkdir(parents=True, exist_ok=True)
            except OSError:
                return  # a cache: a folder that cannot be made only costs time
            for other in folder.iterdir():  # what an earlier version compiled
                if other.name != key:
                    shutil.rmtree(other, ignore_errors=True)
            self._disk = jinja2.FileSystemBytecodeCache(str(folder / key))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._memory.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)
        elif self._disk is not None:
            with contextlib.suppress(OSError, ValueError, EOFError):
                self._disk.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._memory[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            with contextlib.suppress(OSError):  # a cache: a read-only folder only costs time
                self._disk.dump_bytecode(bucket)


COMPILED = CompiledTemplates()


@cache  # one per language and process: a worker renders dozens of pages with it
def environment(templates_dir: Path, tr: Translator) -> jinja2.Environment:
    syntax = template_syntax()  # i18n/babel.cfg's [jinja2]: as pybabel extracted them
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=list(syntax.extensions),
        trim_blocks=syntax.trim_blocks,
        lstrip_blocks=syntax.lstrip_blocks,
        keep_trailing_newline=syntax.keep_trailing_newline,
        bytecode_cache=COMPILED,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        tr.gettext, tr.ngettext, newstyle=True, pgettext=tr.pgettext, npgettext=tr.npgettext
    )
    env.filters.update(
        number=tr.number,
        percent=tr.percent,
        community=tr.community,
        duty=tr.duty,
        whole_percent=tr.whole_percent,
        in_words=tr.in_words,
        tie=lambda text: Markup(space_into_spans(whole_before_numbers(tr.tie(str(text))))),
        slashes=break_after_slashes,
        place=place_name,
        last_words=last_words_together,
        css_string=css_string,
    )
    env.globals["stylesheet"] = lambda name: _stylesheet(templates_dir, name)
    return env


def last_words_together(text: str, longest: int = 20) -> Markup:
    """The text's last two words joined by a no-break space: no lone word on its last line.

    For headings and one-sentence lines ("… израдиле / општине.)" read as a
    line left over). Two words of more than ``longest`` letters together stay
    apart: joined, they might not fit a phone's line (20 suits a heading, 30
    small print). The text is escaped unless it is markup already.
    """
    head, space, last = str(escape(text)).rpartition(" ")
    before = head.rpartition(" ")[2]
    if not space or len(before) + len(last) > longest:
        return Markup(head + space + last)
    return Markup(f"{head}\u00a0{last}")


def whole_before_numbers(html: str) -> str:
    """A word tied to the number after it ("Уредба 02/2010") is kept from hyphenation.

    The no-break space keeps them on one line, but a browser may still
    hyphenate the word and carry its end with the number ("Уред-/ба 02/2010").
    The word goes in a ``<span class="whole">`` (``hyphens: manual``, base.css).
    Words under five letters are never hyphenated and stay as they are.
    """
    parts = re.split(r"(<[^>]*>)", html)
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"(\w{5,})(?=\u00a0\d)", r'<span class="whole">\1</span>', parts[i])
    return "".join(parts)


# A paragraph, list item or caption with no block inside it (render_page ties
# its last two words).
_BLOCK = re.compile(r"(<(p|li|figcaption)\b[^>]*>)((?:(?!<(?:p|li|ul|ol|div)\b).)*?)(</\2>)", re.S)


def no_lone_last_word(html: str, longest: int = 30) -> str:
    """Every paragraph, list item and figure caption of a page with its last two
    words joined by a no-break space, so that none ends on a line of one word
    ("regularly.", "прати."): what ``last_words_together`` does to one text,
    done once for the whole page, so that no footnote or note can miss it.
    The space is the last one outside a tag; a last word joined already (the
    ``tie`` and ``last_words`` filters), two words longer than ``longest``
    letters together, or a last "word" that is markup only stay as they are.
    """

    def tie_last(match: re.Match[str]) -> str:
        inner = match[3]
        parts = re.split(r"(<[^>]*>)", inner)
        for i in range(len(parts) - 1, -1, -2):
            at = parts[i].rfind(" ")
            if at < 0:
                continue
            after = re.sub(r"<[^>]*>", "", parts[i][at + 1 :] + "".join(parts[i + 1 :]))
            before = re.split(
                r"[\s\u00a0]", re.sub(r"<[^>]*>", "", "".join(parts[:i]) + parts[i][:at])
            )[-1]
            last = html_lib.unescape(after.strip())
            if not last or not before or "\u00a0" in last or len(before) + len(last) > longest:
                return match[0]  # nothing to join, joined already, or too long
            parts[i] = parts[i][:at] + "\u00a0" + parts[i][at + 1 :]
            return match[1] + "".join(parts) + match[4]
        return match[0]

    return _BLOCK.sub(tie_last, html)


# A range of years, "2016–2019" (not a part of a longer run of digits and dashes).
_YEARS = re.compile(r"(?<![\d–])(\d{4}–\d{4})(?![\d–])")
# A dash and a year: the literal first, which the regex engine finds fast.
_DASH_YEAR = re.compile(r"–\d{4}")
_BODY = re.compile(r"<body\b[^>]*>")
# What ``years_whole`` leaves alone in a page's body: tags, scripts, styles.
_NOT_TEXT = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>)", re.S)


def years_whole(html: str) -> str:
    """Every range of years in a page's text kept on one line.

    A browser may break a line after an en dash: the trends page's heading
    ended on "2016–" with "2019" under it (Albanian, 1280 px). The PDF keeps
    the heading's last words together (``together`` in the Typst templates);
    here the range goes in a ``<span class="nowrap">`` (base.css). Only the
    body's text changes: not the tags and their attributes, the ``<title>``,
    scripts or styles.
    """
    body = _BODY.search(html)
    if body is None or not _DASH_YEAR.search(html, body.end()):
        return html  # most pages have no range: one quick look for the dash
    parts = _NOT_TEXT.split(html[body.end() :])
    for i in range(0, len(parts), 2):
        parts[i] = _YEARS.sub(r'<span class="nowrap">\1</span>', parts[i])
    return html[: body.end()] + "".join(parts)


def space_into_spans(html: str) -> str:
    """The space before a ``<span>`` moved inside it: ": <span>A" becomes ":<span> A".

    Where a text ends in a space and the span after it does not fit on the
    line, a print engine may break the text at its first space instead of its last
    (a lone "ОКЗП" on its own line, then a full line). With the space inside
    the span, the line may break before the span as before, and a browser
    shows the same text.
    """
    return re.sub(r" (<span\b[^>]*>)", r"\1 ", html)


def _stylesheet(templates_dir: Path, name: str) -> Markup:
    """A stylesheet of the templates folder, for a ``<style>`` element."""
    try:
        return Markup((templates_dir / name).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise jinja2.TemplateError(f"stylesheet {name}: {err}") from None


def break_after_slashes(text: str) -> Markup:
    """``text`` escaped, with a line-break opportunity after each "/" (policies/plans)."""
    return Markup("/<wbr>").join(str(text).split("/"))


def place_name(text: str) -> Markup:
    """A municipality's name escaped, to break after its slash and not inside a
    language's name ("Suharekë/Suva Reka" broke before "Reka" in the trends'
    narrow column on a phone; "Hani i Elezit" could break after "i")."""
    return Markup("/<wbr>").join(kept_whole(part, 12) for part in str(text).split("/"))


def kept_whole(text: str, longest: int = 30) -> Markup:
    """A short text (a name) escaped, its words joined by no-break spaces: a line
    breaks before it or after it, not inside it. A text longer than ``longest``
    characters, which might not fit a narrow column, keeps only its last two
    words together (``last_words_together``)."""
    if len(str(text)) > longest:
        return last_words_together(text, longest)
    return Markup("\u00a0").join(str(text).split(" "))


def css_string(text: str) -> Markup:
    """``text`` as the inside of a double-quoted CSS string in a ``<style>`` element.

    The text is a translation, never trusted markup: quotes, backslashes, line
    breaks and ``<`` (which could close the element) are written as CSS escapes.
    """
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>\n\r' else ch for ch in str(text))
    return Markup(escaped)


def render_page(
    templates_dir: Path,
    template_name: str,
    tr: Translator,
    context: object,
    embed_font: bool = False,
    font_characters: str = "",
    font_cache: Path | None = None,
) -> Sheet:
    """A page of any kind: ``template_name`` (which extends ``base.html.j2``) with ``context``.

    The context (a ``render.kind.PageContext``, or a mapping) gives at least
    ``title``, ``created`` (an ISO date from the data) and ``sample``; the
    language's tag is added here. With
    ``embed_font`` (the web page), the font is embedded, cut down to the
    page's characters (without it, a draft to measure: the family is named
    only). ``font_characters`` go into the font besides the page's own: pages
    of one kind that pass the same ones share one subset, kept in
    ``font_cache`` (a folder) for the other workers and builds.
    """
    env = environment(templates_dir, tr)
    context = {"html_lang": html_lang(tr), "font_faces": Markup(_FONT_SLOT), **_fields(context)}
    try:
        html = years_whole(no_lone_last_word(env.get_template(template_name).render(context)))
        if embed_font:
            from mocr_factsheet.render.webfont import font_faces

            html = html.replace(
                _FONT_SLOT, font_faces(_visible_text(html) + font_characters, font_cache), 1
            )
        else:
            html = html.replace(_FONT_SLOT, "", 1)
    except jinja2.TemplateSyntaxError as err:
        raise UserError(
            [
                Problem(
                    str(templates_dir / (err.name or template_name)),
                    err.lineno,
                    None,
                    "template-syntax",
                    err.message or str(err),
                )
            ]
        ) from None
    except (jinja2.TemplateError, OSError) as err:
        raise UserError(
            [
                Problem(
                    str(templates_dir / template_name),
                    None,
                    None,
                    "template",
                    f"{type(err).__name__}: {err}",
                )
            ]
        ) from None
    return Sheet(html, str(context["created"]))


_FONT_SLOT = "/* @font-face */"


def _fields(context: object) -> dict[str, Any]:
    """A page context as the template's variables: a dataclass's fields (its
    values as they are, records and all) or a mapping's items."""
    if is_dataclass(context) and not isinstance(context, type):
        return {f.name: getattr(context, f.name) for f in fields(context)}
    return dict(cast("Mapping[str, Any]", context))


def _visible_text(html: str) -> str:
    """The characters a page may draw: its text and attributes, CSS strings included."""
    return html_lib.unescape(html)


def html_lang(tr: Translator) -> str:
    """The BCP 47 tag of ``<html lang>``: ``sr-Latn``, ``sr-Cyrl``, ``sq``, ``en``."""
    return tr.locale.replace("_", "-")
