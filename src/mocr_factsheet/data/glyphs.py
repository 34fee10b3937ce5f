"""Which characters the sheets can print: those every shipped font has a glyph for.

A character missing from our fonts would be drawn from whatever font the
machine has (the bytes of a sheet would then depend on the machine) or as an
empty box. Text that reaches a sheet from the data (notes, municipality names)
is checked against the fonts' character maps instead, before anything is built.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from mocr_factsheet.resources import FONTS_DIR

# White space that the sheet's HTML turns into a space: no glyph of its own.
_COLLAPSED = frozenset("\t\n\r")

# Characters every shipped font draws (tests/test_glyphs.py checks them against
# the fonts): printable ASCII, Latin-1, Latin Extended-A and -B, Cyrillic and
# the dashes, quotes and ellipsis. Text made of them alone, as every name and
# note of the bundled data is, needs no look at the fonts' character maps,
# which costs a build about 50 ms of CPU before its first page (fontTools).
SURE = frozenset(
    chr(code)
    for first, last in ((0x20, 0x7E), (0xA0, 0x24F), (0x400, 0x4FF), (0x2010, 0x2027))
    for code in range(first, last + 1)
)
_PASSED = SURE | _COLLAPSED


@cache
def drawable(fonts_dir: Path = FONTS_DIR) -> frozenset[int]:
    """The code points that every font in ``fonts_dir`` maps to a glyph."""
    from fontTools.ttLib import TTFont  # the web font's subsetter; only validation pays for it

    covered: frozenset[int] | None = None
    for path in sorted(fonts_dir.glob("*.[ot]tf")):
        with TTFont(path, lazy=True) as font:
            codes = frozenset(font.getBestCmap() or {})
        covered = codes if covered is None else covered & codes
    return covered or frozenset()


def undrawable(text: str, fonts_dir: Path = FONTS_DIR) -> list[str]:
    """The characters of ``text`` no shipped font can draw, each once, in order."""
    if fonts_dir == FONTS_DIR and _PASSED.issuperset(text):
        return []
    covered = drawable(fonts_dir)
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in covered and ch not in _COLLAPSED))


def describe(characters: Iterable[str], most: int = 3) -> str:
    """``U+D55C (HANGUL SYLLABLE HAN), U+001B (a control character) and 4 more``."""
    found = list(characters)
    named = [_describe_one(ch) for ch in found[:most]]
    more = len(found) - most
    if more > 0:
        return f"{', '.join(named)} and {more} more"
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def _describe_one(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        kind = unicodedata.category(ch)
        name = {"Cc": "a control character", "Co": "a private-use character"}.get(
            kind, "an unassigned character" if kind == "Cn" else "an unnamed character"
        )
    return f"U+{ord(ch):04X} ({name})"


def font_problem(characters: list[str]) -> str:
    """The message for text holding ``characters`` that cannot be printed."""
    plural = len(characters) > 1
    return (
        f"{describe(characters)} {'are' if plural else 'is'} not in the sheets' font, so "
        f"{'they' if plural else 'it'} cannot be printed; remove "
        f"{'them' if plural else 'it'} or write the text another way"
    )


# Format characters (Unicode category Cf) print nothing themselves and change
# what the text around them shows: bidirectional overrides, embeddings and
# isolates (U+202A–U+202E, U+2066–U+2069) reverse the rest of a paragraph in a
# browser, the tool's own words included; zero-width spaces and joiners hide
# inside a name, so that two spellings look alike. None belongs in the Latin
# and Cyrillic names and notes of these sheets. The soft hyphen is the one
# exception: it only says where a word may break.
_ALLOWED_FORMAT = frozenset("\u00ad")


def hidden_marks(text: str) -> list[str]:
    """The invisible format characters of ``text`` (see above), each once, in order."""
    if text.isascii():
        return []
    return list(
        dict.fromkeys(
            ch for ch in text if unicodedata.category(ch) == "Cf" and ch not in _ALLOWED_FORMAT
        )
    )


def hidden_problem(characters: list[str]) -> str:
    """The message for text holding invisible format characters."""
    plural = len(characters) > 1
    return (
        f"{describe(characters)} {'are' if plural else 'is'} invisible and can reverse or hide "
        f"the text around {'them' if plural else 'it'} on the page; delete "
        f"{'them' if plural else 'it'} (typing the text again, or pasting it as plain text, "
        "does that)"
    )
