"""Translating at the edge: catalogs, CLDR formats and labels for one language.

Codes become words only here and in the templates. Every format goes through
Babel with the language's explicit locale; nothing touches ``setlocale``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from mocr_factsheet.data.model import Municipality, Period, Reference
from mocr_factsheet.data.names import label, reading_name
from mocr_factsheet.files import keep
from mocr_factsheet.i18n.languages import Language
from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.translit import latin_to_cyrillic

if TYPE_CHECKING:
    # Babel's message tools are imported where a catalog is read, not by every
    # worker: the compiled catalogs are kept (CompiledCatalogs).
    from babel.messages.catalog import Catalog


def read_catalog(path: Path, locale: str) -> Catalog:
    """A PO file; a missing or unreadable one is the user's problem, not a traceback."""
    from babel.messages.pofile import read_po

    if not path.is_file():
        raise UserError([Problem(str(path), None, None, "missing-catalog", "catalog not found")])
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=locale, abort_invalid=True)
    except Exception as err:  # babel raises PoFileError and ValueError alike
        raise UserError([Problem(str(path), None, None, "bad-catalog", str(err))]) from None


def transliterated(catalog: Catalog, locale: str) -> Catalog:
    """A copy of a Serbian Latin catalog with every translation in Cyrillic."""
    from babel.messages.catalog import Catalog

    result = Catalog(locale=locale, domain=catalog.domain, fuzzy=False)
    for message in catalog:
        if not message.id:
            continue
        text = message.string
        string: str | tuple[str, ...] = (
            tuple(latin_to_cyrillic(s) for s in text)
            if isinstance(text, (tuple, list))
            else latin_to_cyrillic(text or "")
        )
        result.add(message.id, string, context=message.context, flags=message.flags)
    return result


def load_catalog(language: Language, languages: dict[str, Language]) -> Catalog:
    """The language's catalog; a derived one is its base transliterated, then overridden."""
    own = read_catalog(language.catalog, language.locale)
    if language.base is None:
        return own
    catalog = transliterated(load_catalog(languages[language.base], languages), language.locale)
    for message in own:
        forms = message.string if isinstance(message.string, (tuple, list)) else [message.string]
        if message.id and all(forms) and not message.fuzzy:
            # Catalog.add keeps an existing message's text: replace it instead.
            catalog.delete(message.id, context=message.context)
            catalog.add(message.id, message.string, context=message.context)
    return catalog


def mo_bytes(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


class CompiledCatalogs:
    """Each language's messages compiled once (read, transliterated, merged: a
    GNU ``.mo``) and, once ``keep_in`` names a folder, kept there for the other
    workers and the next build.

    Babel reads a PO file in pure Python: the four catalogs cost every worker
    about 0.1 s before its first page (docs/performance.md, "Session 17"). An
    entry is named after what it is made of: the bytes of the language's catalog
    and of the catalogs it derives from, this module and ``translit.py`` (how
    they are merged and transliterated) and Babel's version; a catalog that
    does not read is never kept, so it is reported as before.
    """

    def __init__(self) -> None:
        self._folder: Path | None = None

    def keep_in(self, folder: Path | None) -> None:
        """Keep the compiled catalogs in ``folder``; None: compile them each time."""
        self._folder = None
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return  # a cache: a folder that cannot be made only costs time
            self._folder = folder

    def translations(self, language: Language, languages: dict[str, Language]) -> Translations:
        if self._folder is None:
            return Translations(fp=io.BytesIO(mo_bytes(load_catalog(language, languages))))
        entry = self._folder / f"{language.tag}.{self._key(language, languages)}.mo"
        try:
            return Translations(fp=io.BytesIO(entry.read_bytes()))
        except Exception:  # not kept yet, or damaged (gettext raises OSError and more)
            data = mo_bytes(load_catalog(language, languages))
            _keep(entry, data)
            return Translations(fp=io.BytesIO(data))

    @staticmethod
    def _key(language: Language, languages: dict[str, Language]) -> str:
        import babel

        from mocr_factsheet import translit

        digest = hashlib.sha256(babel.__version__.encode())
        digest.update(Path(__file__).read_bytes())
        digest.update(Path(translit.__file__).read_bytes())
        chain: Language | None = language
        while chain is not None:
            digest.update(chain.locale.encode() + b"\0")
            try:
                digest.update(chain.catalog.read_bytes())
            except OSError:
                digest.update(b"missing")  # load_catalog reports it
            chain = languages[chain.base] if chain.base is not None else None
        return digest.hexdigest()[:16]


def _keep(entry: Path, data: bytes) -> None:
    """Write ``entry`` whole or not at all (another worker may be reading it), and
    drop the language's entries of earlier catalogs. A cache: a folder that
    cannot be written only costs time."""
    language = entry.name.split(".", 1)[0]
    if keep(entry, data):
        for other in entry.parent.glob(f"{language}.*.mo"):
            if other != entry:
                with contextlib.suppress(OSError):
                    other.unlink()


CATALOGS = CompiledCatalogs()


@dataclass(frozen=True)
class Translator:
    """Everything language-specific a sheet needs, for one language."""

    language: Language
    translations: Translations

    @classmethod
    def load(cls, language: Language, languages: dict[str, Language]) -> Translator:
        return cls(language, CATALOGS.translations(language, languages))

    @property
    def locale(self) -> str:
        return self.language.locale

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return str(self.translations.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.translations.npgettext(context, singular, plural, n)

    def number(self, value: int | float) -> str:
        return _decimal(value, self.locale)

    def percent(self, share: float) -> str:
        return _percent(share, self.locale)

    def whole_percent(self, percent: int) -> str:
        """A whole percentage the core computed (``86`` → ``86%``, ``86 %`` where CLDR says so)."""
        return _percent(Decimal(percent) / 100, self.locale)

    def count_and_percent(self, count: int, percent: int) -> str:
        """``30 (86%)``: a count and its share, the count kept with its bracket."""
        return f"{self.number(count)}\u00a0({self.whole_percent(percent)})"

    @staticmethod
    def tie(text: str) -> str:
        """No-break spaces where a number must stay with its word.

        A number keeps the word before it ("Regulation 02/2010", "in 35", an
        abbreviation too: "br. 03/L-040") and the word after it ("35
        municipalities"), so that no line ends on a lone count or starts with
        one. Markup (``<…>``) is left as it is.
        """
        parts = re.split(r"(<[^>]*>)", text)
        for i in range(0, len(parts), 2):
            part = re.sub(r"(?<=\w) (?=\d)", "\u00a0", parts[i])
            # An abbreviation before a number ("No. 03/L-040", "br. 03/L-040").
            part = re.sub(r"(\b\w{1,3}\.) (?=\d)", "\\1\u00a0", part)
            parts[i] = re.sub(r"(?<=\d) (?=[^\W\d])", "\u00a0", part)
        return "".join(parts)

    def in_words(self, count: int, noun: str) -> str:
        """One to nine in words as running text writes them before ``noun``, else digits.

        The words live in the catalogs under the context ``number: <noun>``
        (``vocabulary.NUMBER_WORDS``), where each language gives the form its
        grammar needs (Serbian "u tri opštine", "u jednoj opštini").
        """
        if 1 <= count <= 9:
            word = self.pgettext(f"number: {noun}", str(count))
            if word != str(count):
                return word
        return self.number(count)

    def join(self, items: Sequence[str]) -> str:
        """``A, B and C`` by the language's CLDR list pattern."""
        return format_list(list(items), locale=self.locale) if items else ""

    def years(self, years: Sequence[int]) -> str:
        """Years as the language lists them, a run of three or more as a range:
        "2016–2018 and 2020"."""
        runs: list[list[int]] = []
        for y in sorted(years):
            if runs and y == runs[-1][-1] + 1:
                runs[-1].append(y)
            else:
                runs.append([y])
        # TRANSLATORS: a year among others ("2016 and 2018"); Serbian adds its ordinal dot.
        one = self.pgettext("a year in a list of years", "%(year)s")
        # TRANSLATORS: three or more years in a row, in a list of years ("2016–2018").
        many = self.pgettext("a run of years in a list of years", "%(first)s–%(last)s")
        items: list[str] = []
        for run in runs:
            if len(run) > 2:
                items.append(many % {"first": run[0], "last": run[-1]})
            else:
                items += [one % {"year": y} for y in run]
        return self.join(items)

    def period(self, period: Period) -> str:
        """``January–September 2017``: the months of one year joined by a closed en dash.

        CLDR spaces the dash differently per language (thin, plain or none);
        the sheets write one style: closed within a year, spaced between two
        years (``November 2016 – September 2017``), the spaces no-break.
        """
        start = dt.date(int(period.start[:4]), int(period.start[5:]), 1)
        end = dt.date(int(period.end[:4]), int(period.end[5:]), 1)
        if start == end:
            return format_skeleton("yMMMM", start, locale=self.locale)
        text = format_interval(start, end, skeleton="yMMMM", locale=self.locale)
        dash = "–" if start.year == end.year else "\u00a0– "
        return re.sub(r"\s*[–-]\s*", dash, text, count=1)

    def date(self, day: dt.date) -> str:
        """``15 March 2020``: a day as the language writes it in running text (CLDR's long form)."""
        return format_date(day, format="long", locale=self.locale)

    def municipality(self, municipality: Municipality) -> str:
        return label(municipality, self.language.tag, cyrillic=self.language.cyrillic)

    def community(self, code: str) -> str:
        return self.pgettext("community", code)

    def duty(self, code: str) -> str:
        return self.pgettext("duty", code)

    def duty_short(self, code: str) -> str:
        return self.pgettext("duty-short", code)

    def notes(self, notes: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """The year's notes in this language; a derived language's from its base, transliterated."""
        if self.language.tag in notes:
            return notes[self.language.tag]
        base = notes.get(self.language.base or "", ())
        return tuple(latin_to_cyrillic(n) for n in base) if self.language.cyrillic else base


def in_label_order(tr: Translator, reference: Reference, codes: Sequence[str]) -> list[str]:
    """Municipalities in the order a reader of this language looks them up: by the
    name in the language (``data.names.reading_name``), in its alphabet
    (``i18n.collation``). Every list of municipalities on every page (the index,
    the sheets' tables and charts, the trends, the CC sheet) is in this order."""
    from mocr_factsheet.i18n.collation import Collation

    collation = Collation(tr.language.tag)
    language, cyrillic = tr.language.tag, tr.language.cyrillic

    def key(code: str) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], str]:
        return (collation.key(reading_name(reference.municipality(code), language, cyrillic)), code)

    return sorted(codes, key=key)


def every_language(translators: Sequence[Translator], message: str) -> str:
    """``message`` in each language, each wording once, joined by " · ": what the
    front page (index.html), which speaks every language, says where it can say
    one thing only (its title, its landmarks' names, its author)."""
    return " · ".join(dict.fromkeys(tr.gettext(message) for tr in translators))


# A page writes the same few numbers many times (counts, shares, years), and
# Babel reads the locale's patterns for each: about 20 µs a number, 19 on a
# profile. ``typed``: 5 and 5.0 are told apart, as Babel writes them.
@lru_cache(maxsize=4096, typed=True)
def _decimal(value: int | float | Decimal, locale: str) -> str:
    return format_decimal(value, locale=locale)


@lru_cache(maxsize=4096, typed=True)
def _percent(share: float | Decimal, locale: str) -> str:
    return format_percent(share, locale=locale)
