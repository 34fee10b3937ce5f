"""The characters ``data/glyphs.py`` passes without reading the fonts are in every shipped font."""

from __future__ import annotations

from mocr_factsheet.data import glyphs
from mocr_factsheet.resources import FONTS_DIR


def test_the_sure_characters_are_in_every_shipped_font() -> None:
    covered = glyphs.drawable(FONTS_DIR)
    assert len(covered) > 1000  # the fonts were read
    assert sorted(ch for ch in glyphs.SURE if ord(ch) not in covered) == []


def test_text_outside_them_is_still_checked_against_the_fonts() -> None:
    assert glyphs.undrawable("Deçan Дечани – “Ђ” …\n") == []  # the sure characters alone
    assert glyphs.undrawable("Deçan \u0378 한") == ["\u0378", "한"]  # read from the fonts
    assert glyphs.undrawable("ǅ\u0378") == ["\u0378"]
