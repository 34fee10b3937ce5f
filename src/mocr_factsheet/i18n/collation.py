"""The order a language's readers look names up in: its alphabet, its letters of
two or three characters counted as one (Albanian ``dh``, ``gj``, ``sh``…;
Serbian ``dž``, ``lj``, ``nj``), Cyrillic in Cyrillic order.

Every list of municipalities is sorted with it, by the name the page's
language reads (``data.names.reading_name``, through
``i18n.translator.in_label_order``): on a Serbian Cyrillic page the Serbian name
in Cyrillic (Ferizaj/Урошевац under У), on an Albanian page the Albanian name
(under F). Nothing hidden: the name sorted by is a name the label shows
(docs/design.md, "The site").

The standard library only: no ICU.
"""

from __future__ import annotations

import unicodedata

_ALPHABETS = {
    "en": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "sq": "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh",
    # Serbian Latin, with the letters it lacks (q w x y) where English has them.
    "sr": "a b c č ć d dž đ e f g h i j k l lj m n nj o p q r s š t u v w x y z ž",
    "sr-Cyrl": "а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш",
}


def _bare(ch: str) -> str:
    """A letter without its marks: ``ë`` → ``e``."""
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


class Collation:
    """Sort keys in one language's alphabetical order."""

    def __init__(self, tag: str) -> None:
        base = tag if tag in _ALPHABETS else tag.split("-")[0]
        letters = _ALPHABETS.get(base, _ALPHABETS["en"]).split()
        self.rank = {letter: i for i, letter in enumerate(letters)}
        self.longest = max(len(letter) for letter in letters)

    def key(self, text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The sort key: each letter's place in the alphabet, then (to break
        ties) whether it carried a mark the alphabet does not have."""
        text = unicodedata.normalize("NFC", text.strip()).casefold()
        primary: list[int] = []
        secondary: list[int] = []
        i = 0
        while i < len(text):
            for size in range(min(self.longest, len(text) - i), 0, -1):
                piece = text[i : i + size]
                if piece in self.rank:
                    primary.append(self.rank[piece])
                    secondary.append(0)
                    i += size
                    break
            else:
                ch = text[i]
                bare = _bare(ch)
                if bare in self.rank:
                    primary.append(self.rank[bare])
                    secondary.append(1)
                elif ch.isalnum():
                    primary.append(len(self.rank) + ord(ch))  # after the alphabet
                    secondary.append(0)
                else:
                    # A space or '/' between names: before any letter.
                    primary.append(-1)
                    secondary.append(0)
                i += 1
        return tuple(primary), tuple(secondary)
