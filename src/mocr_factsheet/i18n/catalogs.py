"""``mocr locales check``: every catalog complete, current and consistent.

A sheet in one language must never say less than in another, so a catalog
with a hole is refused at build time as well, not rendered with English in it.

Babel's settings live in ``babel.cfg`` beside this module, the mapping file
``pybabel extract -F`` reads in ``make locales``: the keywords, the comment
tags and the templates' Jinja options (read by ``babel_cfg.py``). The check
extracts with them, and the renderer parses the templates with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import read_mo

from mocr_factsheet.i18n.babel_cfg import babel_settings
from mocr_factsheet.i18n.languages import Language
from mocr_factsheet.i18n.translator import read_catalog
from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.resources import PACKAGE_DIR

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

MessageKey = tuple[str, str | None]  # (msgid, context)


def _extraction(method: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The keywords and options ``pybabel extract`` reads a ``method`` file with."""
    options = dict(babel_settings()[method])
    # pybabel's default keywords, then the section's own (as extract_from_dir merges them)
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(options.pop("keywords", "").split())}
    options.pop("add_comments", None)  # translator comments go to the .pot; the check needs ids
    return keywords, options


def source_messages(templates_dir: Path, package_dir: Path = PACKAGE_DIR) -> dict[MessageKey, str]:
    """Every message the templates and the code ask for, by (id, context) → id text."""
    found: dict[MessageKey, str] = {}
    sources: list[tuple[Path, str]] = [
        *((p, "python") for p in sorted(package_dir.rglob("*.py"))),
        *((p, "jinja2") for p in sorted(templates_dir.rglob("*.j2"))),
    ]
    for path, method in sources:
        keywords, options = _extraction(method)
        try:
            for _line, message, _comments, context in extract_from_file(
                method, str(path), keywords=keywords, options=options
            ):
                msgid = message[0] if isinstance(message, (tuple, list)) else message
                if msgid:
                    found[(msgid, context)] = msgid
        except Exception as err:  # a template with a syntax error must not pass silently
            raise UserError(
                [
                    Problem(
                        str(path),
                        getattr(err, "lineno", None),
                        None,
                        "extract",
                        f"cannot extract messages: {err}",
                    )
                ]
            ) from None
    return found


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _forms(message: Message) -> list[str]:
    string = message.string
    if isinstance(string, (tuple, list)):
        return [s or "" for s in string]
    return [string or ""]


def check_message(message: Message, num_plurals: int, derived: bool) -> Iterable[str]:
    """What is wrong with one message of a catalog, in words."""
    shown = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
    label = repr(shown if len(shown) <= 60 else shown[:57] + "...")
    forms = _forms(message)
    if message.fuzzy:
        yield f"{label} is marked fuzzy; check the translation and remove the flag"
    if not any(forms):
        if not derived:
            yield f"{label} is not translated"
        return
    if message.pluralizable and len(forms) != num_plurals:
        yield f"{label} has {len(forms)} plural forms; this language needs {num_plurals}"
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    expected = set().union(*(placeholders(i) for i in ids))
    for index, form in enumerate(forms):
        where = f" (plural form {index})" if message.pluralizable else ""
        if not form:
            yield f"{label}{where} is not translated"
            continue
        got = placeholders(form)
        # A plural form may leave out the number itself ("jedna opština").
        missing = expected - got - ({"count"} if message.pluralizable else set())
        if missing or got - expected:
            yield (
                f"{label}{where}: the placeholders {sorted(got)} differ from the source's "
                f"{sorted(expected)}"
            )


def check_catalog(
    language: Language, source: dict[MessageKey, str], display_root: Path | None = None
) -> list[Problem]:
    """Every problem of one language's catalog, each at its line of the PO file."""
    path = language.catalog
    shown = (
        str(path.relative_to(display_root))
        if display_root and path.is_relative_to(display_root)
        else str(path)
    )
    try:
        catalog = read_catalog(path, language.locale)
    except UserError as err:
        return list(err.problems)
    derived = language.base is not None
    problems: list[Problem] = []
    present: set[MessageKey] = set()
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        key = (msgid, message.context)
        present.add(key)
        if key not in source:
            problems.append(
                Problem(
                    shown,
                    message.lineno,
                    None,
                    "obsolete",
                    f"{msgid[:60]!r} is no longer used; run make locales",
                )
            )
            continue
        for text in check_message(message, catalog.num_plurals, derived):
            problems.append(Problem(shown, message.lineno, None, "catalog", text))
    if not derived:
        for msgid, context in sorted(set(source) - present, key=lambda k: (k[0], k[1] or "")):
            ctx = f" (context {context})" if context else ""
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    "missing-message",
                    f"{msgid[:60]!r}{ctx} is missing; run make locales",
                )
            )
    problems.extend(_check_compiled(path, catalog, shown))
    return problems


def _translations(catalog: Catalog) -> dict[tuple[str, str | None], tuple[str, ...]]:
    return {
        # read_mo gives contexts as bytes, read_po as text
        (_msgid(m), m.context.decode() if isinstance(m.context, bytes) else m.context): tuple(
            _forms(m)
        )
        for m in catalog
        if m.id and any(_forms(m)) and not m.fuzzy
    }


def _check_compiled(path: Path, catalog: Catalog, shown: str) -> list[Problem]:
    """A compiled ``.mo`` beside the catalog must be compiled from its current text."""
    compiled = path.with_suffix(".mo")
    if not compiled.is_file():
        return []
    with compiled.open("rb") as handle:
        built = read_mo(handle)
    compiled_texts, source_texts = _translations(built), _translations(catalog)
    # write_mo stores an untranslated plural message with its ids as text.
    extra = {k for k, forms in compiled_texts.items() if k not in source_texts and forms[0] != k[0]}
    if extra or any(compiled_texts.get(k) != forms for k, forms in source_texts.items()):
        return [
            Problem(
                shown,
                None,
                None,
                "stale-mo",
                f"{compiled.name} was compiled from an older text; run make locales",
            )
        ]
    return []


def template_messages(pot: Path) -> dict[MessageKey, str]:
    """The messages of the catalog template ``messages.pot``, as ``source_messages`` gives."""
    if not pot.is_file():
        raise UserError(
            [
                Problem(
                    str(pot),
                    None,
                    None,
                    "missing-template",
                    "catalog template not found; run make locales",
                )
            ]
        )
    catalog = read_catalog(pot, "en")
    return {(_msgid(m), m.context): _msgid(m) for m in catalog if m.id}


def _msgid(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, (tuple, list)) else message.id)


def check_template(pot: Path, source: dict[MessageKey, str], shown: str) -> list[Problem]:
    """``messages.pot`` must hold exactly what the templates and the code ask for."""
    listed = template_messages(pot)
    problems = [
        Problem(
            shown,
            None,
            None,
            "stale-template",
            f"{msgid[:60]!r} is used but not in the template; run make locales",
        )
        for msgid, _ in sorted(set(source) - set(listed), key=lambda k: (k[0], k[1] or ""))
    ]
    problems += [
        Problem(
            shown,
            None,
            None,
            "stale-template",
            f"{msgid[:60]!r} is in the template but no longer used; run make locales",
        )
        for msgid, _ in sorted(set(listed) - set(source), key=lambda k: (k[0], k[1] or ""))
    ]
    return problems


def check_catalogs(
    languages: Sequence[Language],
    templates_dir: Path,
    display_root: Path | None = None,
    *,
    pot: Path | None = None,
) -> list[Problem]:
    """Every problem of the languages' catalogs.

    With ``pot``, the catalogs are compared with that template (what a build
    does: quick); without, with the messages extracted from the templates and
    the code themselves (what ``mocr locales check`` does, which also checks
    that the template is current).
    """
    if pot is not None:
        source = template_messages(pot)
        problems: list[Problem] = []
    else:
        source = source_messages(templates_dir)
        problems = []
        if languages:
            template = languages[0].folder.parent / "messages.pot"
            problems = check_template(template, source, _shown(template, display_root))
    for language in languages:
        problems.extend(check_catalog(language, source, display_root))
    return problems


def _shown(path: Path, root: Path | None) -> str:
    return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
