"""Serbian Latin ⇄ Cyrillic, and the folding used to match names.

Latin → Cyrillic is mechanical but for a few words in which ``nj``/``dž`` are
two letters (``injekcija`` → ``инјекција``, ``nadživeti`` → ``надживети``). The
common ones are listed here; any other is fixed by the Cyrillic catalog's own
entry, which overrides the transliterated text (see ``i18n``), or, in a year's
notes, by giving ``sr-Cyrl`` notes.
"""

from __future__ import annotations

import re
import unicodedata

_DIGRAPHS = {
    "Lj": "Љ", "LJ": "Љ", "lj": "љ",
    "Nj": "Њ", "NJ": "Њ", "nj": "њ",
    "Dž": "Џ", "DŽ": "Џ", "dž": "џ",
}  # fmt: skip
_LETTERS = dict(
    zip(
        "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš",
        "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш",
        strict=True,
    )
)
_TO_LATIN = {v: k for k, v in _LETTERS.items()} | {
    "Љ": "Lj",
    "љ": "lj",
    "Њ": "Nj",
    "њ": "nj",
    "Џ": "Dž",
    "џ": "dž",
}
# Spans that are not Serbian words: placeholders, markup, entities, URLs.
_PROTECTED = re.compile(r"%\([^)]*\)[sd]|\{[^}]*\}|<[^>]*>|&[#\w]+;|https?://\S+")
_DIGRAPH_OR_LETTER = re.compile(r"LJ|Lj|lj|NJ|Nj|nj|DŽ|Dž|dž|.", re.DOTALL)
# Word beginnings in which n+j and d+ž are two letters: a prefix ending in n
# or d before a stem in j or ž (in-jekcija, kon-junktura, nad-živeti, pod-žanr).
_TWO_LETTERS = (
    ("in", "jekc"), ("in", "junkt"), ("kon", "junkt"), ("kon", "jug"), ("pan", "jevrop"),
    ("van", "jezi"), ("nad", "živ"), ("nad", "žnjev"), ("od", "žal"), ("od", "živ"),
    ("pod", "žanr"), ("pod", "župan"),
)  # fmt: skip
_SPLIT = re.compile(
    r"\b(?:" + "|".join(f"{a}(?={b})" for a, b in _TWO_LETTERS) + ")", re.IGNORECASE
)
_APART = "\x00"  # between two letters that must not be read as one


def _latin_run_to_cyrillic(text: str) -> str:
    text = _SPLIT.sub(lambda m: m.group(0) + _APART, text)
    return _DIGRAPH_OR_LETTER.sub(
        lambda m: _DIGRAPHS.get(m.group(0)) or _LETTERS.get(m.group(0), m.group(0)), text
    ).replace(_APART, "")


def latin_to_cyrillic(text: str) -> str:
    """Serbian Latin text in Cyrillic; placeholders and markup left as they are."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    last = 0
    for m in _PROTECTED.finditer(text):
        out.append(_latin_run_to_cyrillic(text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_latin_run_to_cyrillic(text[last:]))
    return "".join(out)


def cyrillic_to_latin(text: str) -> str:
    return "".join(_TO_LATIN.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """A name reduced for matching: no case, no diacritics, one space between words.

    ``đ`` becomes ``dj`` (``Djakovica``); Cyrillic is read as Serbian Latin.
    """
    text = cyrillic_to_latin(text).casefold().replace("đ", "dj")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[-_.'’]", " ", bare).split())


def fold_variants(text: str) -> set[str]:
    """``fold`` and, where ``đ`` was written, its ``d`` spelling too (``Dakovica``)."""
    folded = fold(text)
    plain = fold(cyrillic_to_latin(text).casefold().replace("đ", "d"))
    return {folded, plain}
