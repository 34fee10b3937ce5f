"""Translating at the edge: catalogs, CLDR formats and labels for one language.

Codes become words only here and in the templates. Every format goes through
Babel with the language's explicit locale; nothing touches ``setlocale``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_interval, format_skeleton
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from mocr_factsheet.languages import Language
from mocr_factsheet.model import Municipality, Period
from mocr_factsheet.names import label
from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.translit import latin_to_cyrillic


def read_catalog(path: Path, locale: str) -> Catalog:
    """A PO file; a missing or unreadable one is the user's problem, not a traceback."""
    if not path.is_file():
        raise UserError([Problem(str(path), None, None, "missing-catalog", "catalog not found")])
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=locale, abort_invalid=True)
    except Exception as err:  # babel raises PoFileError and ValueError alike
        raise UserError([Problem(str(path), None, None, "bad-catalog", str(err))]) from None


def transliterated(catalog: Catalog, locale: str) -> Catalog:
    """A copy of a Serbian Latin catalog with every translation in Cyrillic."""
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


def translations_from(catalog: Catalog) -> Translations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


@dataclass(frozen=True)
class Translator:
    """Everything language-specific a sheet needs, for one language."""

    language: Language
    translations: Translations

    @classmethod
    def load(cls, language: Language, languages: dict[str, Language]) -> Translator:
        return cls(language, translations_from(load_catalog(language, languages)))

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
        return format_decimal(value, locale=self.locale)

    def percent(self, share: float) -> str:
        return format_percent(share, locale=self.locale)

    def join(self, items: Sequence[str]) -> str:
        """``A, B and C`` by the language's CLDR list pattern."""
        return format_list(list(items), locale=self.locale) if items else ""

    def period(self, period: Period) -> str:
        """``January – September 2017``; the bare year where the period is the whole year."""
        start = dt.date(int(period.start[:4]), int(period.start[5:]), 1)
        end = dt.date(int(period.end[:4]), int(period.end[5:]), 1)
        if start == end:
            return format_skeleton("yMMMM", start, locale=self.locale)
        return format_interval(start, end, skeleton="yMMMM", locale=self.locale)

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
