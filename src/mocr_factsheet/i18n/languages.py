"""The languages a sheet can be built in, discovered from the catalogs on disk.

A language is a folder ``locales/<folder>/LC_MESSAGES/messages.po``; its tag
is the folder's name with ``-`` for ``_`` (``sr_Cyrl`` → ``sr-Cyrl``).
``locales/languages.toml`` may give a language its CLDR locale (``sr`` is
Latin as published, but CLDR's ``sr`` is Cyrillic) and a base language whose
catalog it transliterates. Adding a language is adding a folder: no code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mocr_factsheet.problems import Problem, UserError

CATALOG = Path("LC_MESSAGES") / "messages.po"


@dataclass(frozen=True)
class Language:
    tag: str  # as on the command line and in file names: "sr-Cyrl"
    locale: str  # Babel/CLDR locale: "sr_Cyrl"
    folder: Path  # locales/sr_Cyrl
    base: str | None = None  # "sr": transliterate that catalog, this one overrides it
    # Whether the PDF engine can hyphenate the language in its script (Typst's
    # Serbian patterns are Cyrillic): where it cannot, text is set ragged-right.
    hyphenate: bool = True

    @property
    def catalog(self) -> Path:
        return self.folder / CATALOG

    @property
    def cyrillic(self) -> bool:
        return self.locale.endswith("_Cyrl")


def discover_languages(locales_dir: Path) -> dict[str, Language]:
    """Every language with a catalog under ``locales_dir``, by tag, in a stable order."""
    settings_file = locales_dir / "languages.toml"
    settings: dict[str, dict[str, Any]] = {}
    if settings_file.is_file():
        try:
            settings = tomllib.loads(settings_file.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise UserError(
                [Problem(str(settings_file), None, None, "bad-toml", str(err))]
            ) from None
    found: dict[str, Language] = {}
    folders = (
        sorted(p for p in locales_dir.iterdir() if (p / CATALOG).is_file())
        if locales_dir.is_dir()
        else []
    )
    for folder in folders:
        tag = folder.name.replace("_", "-")
        own = settings.get(tag, {})
        found[tag] = Language(
            tag,
            own.get("locale", folder.name),
            folder,
            own.get("base"),
            own.get("hyphenate", True) is not False,
        )
    return dict(sorted(found.items(), key=lambda item: _order(item[0])))


def _order(tag: str) -> tuple[int, str]:
    # The published order: English, then the two official languages.
    preferred = ["en", "sq", "sr", "sr-Cyrl"]
    return (preferred.index(tag) if tag in preferred else len(preferred), tag)


def note_bases(languages: dict[str, Language]) -> dict[str, str | None]:
    """Each language and the one whose year notes it prints when it has none."""
    return {tag: language.base for tag, language in languages.items()}
