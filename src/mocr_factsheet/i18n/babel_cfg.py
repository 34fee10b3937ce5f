"""``babel.cfg``, the mapping file ``pybabel extract -F`` reads in ``make locales``:
its options, and the templates' Jinja syntax they give.

Read with the standard library alone: the renderer needs the syntax in every
worker, the catalogs' check (``catalogs.py``, which imports Babel's message
tools) only where a catalog has changed.
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BABEL_CFG = Path(__file__).resolve().with_name("babel.cfg")
_TRUE = {"1", "on", "yes", "true"}  # a flag of the mapping file, as Jinja's extractor reads it


@cache
def babel_settings(path: Path = BABEL_CFG) -> dict[str, dict[str, str]]:
    """``babel.cfg``'s options by extraction method (``python``, ``jinja2``), as written.

    Read as ``pybabel`` reads it: a ``RawConfigParser``, a section ``[method: pattern]``.
    """
    parser = configparser.RawConfigParser()
    parser.read_string(path.read_text("utf-8"), str(path))
    return {
        section.split(":", 1)[0].strip(): dict(parser.items(section))
        for section in parser.sections()
    }


@dataclass(frozen=True)
class TemplateSyntax:
    """How the templates are parsed: ``babel.cfg``'s ``[jinja2]`` options.

    Read as Jinja's extractor reads them, so the renderer parses a template
    as ``pybabel`` did (the sheets' white space depends on the two ``*_blocks``).
    """

    extensions: tuple[str, ...]
    trim_blocks: bool
    lstrip_blocks: bool
    keep_trailing_newline: bool


@cache
def template_syntax() -> TemplateSyntax:
    options = babel_settings()["jinja2"]

    def flag(key: str) -> bool:
        return options.get(key, "false").lower() in _TRUE

    return TemplateSyntax(
        extensions=tuple(e.strip() for e in options.get("extensions", "").split(",") if e.strip()),
        trim_blocks=flag("trim_blocks"),
        lstrip_blocks=flag("lstrip_blocks"),
        keep_trailing_newline=flag("keep_trailing_newline"),
    )
