"""Municipality names: matching what an analyst typed, and labels for a sheet."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from mocr_factsheet.data.model import Municipality
from mocr_factsheet.translit import fold, fold_variants, latin_to_cyrillic


class MunicipalityMatcher:
    """Finds a municipality by code, any of its names, or its combined label."""

    def __init__(self, municipalities: Iterable[Municipality]) -> None:
        self._by_key: dict[str, str] = {}
        self._display: dict[str, str] = {}
        municipalities = list(municipalities)
        for m in municipalities:
            names = (m.code, *m.names(), label(m, "sq"))
            for name in (*names, *(n for whole in names for n in _spelled_out(whole))):
                for key in fold_variants(name):
                    self._by_key.setdefault(key, m.code)
                    self._display.setdefault(key, label(m, "sq"))
        # Albanian definite forms, as often written (Prishtina, Gjakova, Prizreni),
        # after every real name so that they never shadow one.
        for m in municipalities:
            key = fold(albanian_definite(m.name_sq))
            self._by_key.setdefault(key, m.code)
            self._display.setdefault(key, label(m, "sq"))
        # The same words in another order (North Mitrovica), where no two
        # municipalities share them.
        self._by_words: dict[str, str | None] = {}
        for key, code in self._by_key.items():
            words = _word_set(key)
            self._by_words[words] = code if self._by_words.get(words, code) == code else None

    def match(self, cell: str) -> str | None:
        """The code of the municipality ``cell`` names, or None."""
        key = fold(cell)
        if key in self._by_key:
            return self._by_key[key]
        parts = [fold(p) for p in cell.split("/") if p.strip()]
        codes = {self._by_key.get(p) for p in parts}
        if len(parts) > 1 and len(codes) == 1 and None not in codes:
            return codes.pop()
        return self._by_words.get(_word_set(key))

    def suggest(self, cell: str, limit: int = 3, cutoff: float = 0.6) -> list[str]:
        """The closest known labels, for an error message: those at least
        ``cutoff`` alike (difflib's ratio); with 0, the nearest whatever they are."""
        close = difflib.get_close_matches(fold(cell), self._by_key, n=limit * 4, cutoff=cutoff)
        labels: list[str] = []
        for key in close:
            if self._display[key] not in labels:
                labels.append(self._display[key])
        return labels[:limit]

    def hint(self, cell: str) -> str:
        """What to say of a name no municipality has: the close names, or that none
        is close and what to write instead."""
        if close := self.suggest(cell):
            return f"did you mean {' or '.join(repr(c) for c in close)}?"
        nearest = ", ".join(repr(c) for c in self.suggest(cell, cutoff=0))
        return (
            f"no name is close (the nearest are {nearest}); write the code or a name "
            "from municipalities.csv"
        )


def _word_set(key: str) -> str:
    return " ".join(sorted(key.split()))


def _spelled_out(name: str) -> list[str]:
    """The names a shared last word stands for: the English name
    ``Mitrovicë/Mitrovica South`` is both ``Mitrovicë South`` and ``Mitrovica South``."""
    first, slash, rest = name.partition("/")
    word, space, suffix = rest.partition(" ")
    if not slash or not space or " " in first or "/" in rest:
        return []
    return [f"{first} {suffix}", f"{word} {suffix}"]


# The joining article of an Albanian place name (Mitrovicë e Jugut, Hani i
# Elezit): the word before it is the one that takes the definite ending.
_ARTICLES = ("e", "i", "të", "së")


def albanian_definite(name: str) -> str:
    """The definite form of an Albanian place name, as English-language texts
    and most readers write it: Prishtinë → Prishtina, Gjilan → Gjilani, Istog →
    Istogu, Shtime → Shtimja, Fushë Kosovë → Fushë Kosova, Mitrovicë e Jugut →
    Mitrovica e Jugut. The word that takes the ending is the one before a
    joining article, else the last; a word already ending in -i or -a is left as it is."""
    words = name.split(" ")
    at = next((i - 1 for i, w in enumerate(words) if i and w in _ARTICLES), len(words) - 1)
    words[at] = _definite_word(words[at])
    return " ".join(words)


def _definite_word(word: str) -> str:
    if word.endswith("ë"):
        return word[:-1] + "a"
    if word.endswith("e"):
        return word[:-1] + "ja"
    if word[-1:] in ("k", "g", "h"):
        return word + "u"
    if word[-1:].isalpha() and word[-1:] not in "aeiouyë":
        return word + "i"
    return word


def reading_name(m: Municipality, language: str, cyrillic: bool = False) -> str:
    """The name a reader of ``language`` looks the municipality up by: the name in
    that language, as its label shows it (``label`` always holds the Albanian and
    the Serbian name; in Cyrillic the Serbian one in Cyrillic). Lists of
    municipalities are sorted by it (``i18n.translator.in_label_order``): Ferizaj/
    Урошевац under У on a Serbian Cyrillic page, under F on an Albanian one. A
    language without a name of its own in the data (English) reads the label whole."""
    own = {"sq": m.name_sq, "sr": m.name_sr}.get(language.split("-")[0])
    if not own:
        return label(m, language, cyrillic)
    return latin_to_cyrillic(own) if cyrillic and own == m.name_sr else own


def search_names(m: Municipality) -> list[str]:
    """Every name a reader may type for the municipality, whatever the page's
    language: its names in the data (Albanian, Serbian, Turkish, the English
    label), the English label's names spelled out (``Mitrovica North``), the
    Albanian definite form (``Prishtina``, ``Gjakova``, ``Mitrovica e Veriut``)
    and the Serbian name in Cyrillic. The index's filter box matches them
    (``mechanisms/mocr/kinds.ProfilesKind.index_section``)."""
    names = [*m.names(), *(n for whole in m.names() for n in _spelled_out(whole))]
    names += [albanian_definite(m.name_sq), latin_to_cyrillic(m.name_sr)]
    return list(dict.fromkeys(names))


def label(m: Municipality, language: str, cyrillic: bool = False) -> str:
    """The municipality's label in a document in ``language``.

    The majority language's name first, then the others in the order sq, sr,
    repeats dropped; Turkish only where it is the majority language. English
    documents use ``name_en`` whole where it is set. In Cyrillic documents the
    Serbian name is written in Cyrillic, and so is a name that Albanian and
    Serbian share (``Призрен``, ``Јуник``): repeats are dropped first.
    """
    if language == "en" and m.name_en:
        return m.name_en
    by_language = {"sq": m.name_sq, "sr": m.name_sr, "tr": m.name_tr}
    order = [m.majority_language] + [lang for lang in ("sq", "sr") if lang != m.majority_language]
    names: list[str] = []
    serbian: set[str] = set()
    for lang in order:
        name = by_language[lang]
        if name and name not in names:
            names.append(name)
        if name and lang == "sr":
            serbian.add(name)
    return "/".join(latin_to_cyrillic(n) if cyrillic and n in serbian else n for n in names)
