"""The web page's own font: DejaVu Sans, cut down to the characters the page uses.

A page that names a font it does not carry looks different on every phone and
no longer matches its PDF. Embedding the whole family would weigh 1.4 MB; a
subset of the glyphs the sheets use, compressed as WOFF2 (Brotli), weighs a
about 29 KB and goes into the page as a ``data:`` URI, so that
nothing is fetched. The subset depends only on the font files and the
characters: the same page gives the same bytes (fontTools keeps the font's
own ``head.modified``; Brotli is deterministic).
"""

from __future__ import annotations

import base64
import hashlib
import io
from functools import lru_cache
from pathlib import Path

from mocr_factsheet.files import keep
from mocr_factsheet.resources import FONTS_DIR

FAMILY = "MOCR Sans"
FACES = (("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf"))
# Every page carries at least this repertoire: ASCII, Latin-1 and Latin
# Extended-A (Albanian, Serbian Latin, Turkish names), Serbian Cyrillic and
# typographic punctuation — 29 KB for both faces. Most pages need nothing
# more, so a worker subsets the font once and every page reuses it: subsetting
# costs half a second, almost all of it reading the font's tables.
REPERTOIRE = (
    "".join(
        chr(c)
        for c in (
            *range(0x20, 0x7F),
            *range(0xA0, 0x180),
            *range(0x400, 0x460),
            *range(0x2010, 0x2027),
        )
    )
    + "✓✗"  # the marks of performed and not performed (render/palette.py)
    + "←→"  # the navigation's previous and next year (templates/_nav.html.j2)
)
# What every page's characters are when it needs nothing beyond the
# repertoire (every page of the bundled data, in every language): its subsets
# ship with the package, made by tools/make_webfonts.py and checked against a
# fresh subset by tests/test_webfont_cache.py, so that no build subsets at all.
REPERTOIRE_CHARACTERS = "".join(sorted(set(REPERTOIRE)))


def shipped(font_file: str) -> Path:
    """The repertoire's subset of ``font_file``, as shipped: ``DejaVuSans.repertoire.woff2``."""
    return FONTS_DIR.parent / "webfonts" / f"{Path(font_file).stem}.repertoire.woff2"


def _cached_subset(font_file: str, characters: str, cache_dir: Path | None) -> bytes:
    """The subset, from ``cache_dir`` where a build made it before (any worker,
    any earlier build: it depends on the font's bytes and the characters alone),
    else made and kept there. Subsetting costs about half a second a language;
    with the cache a build pays it once, not once per worker and build."""
    if characters == REPERTOIRE_CHARACTERS and shipped(font_file).is_file():
        return shipped(font_file).read_bytes()
    if cache_dir is None:
        return _subset(font_file, characters)
    key = hashlib.sha256(
        _font_digest(font_file).encode() + b"\0" + characters.encode("utf-8")
    ).hexdigest()
    path = cache_dir / f"{key[:32]}.woff2"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = _subset(font_file, characters)
    keep(path, data)  # a worker reading it sees all of it or none
    return data


@lru_cache(maxsize=4)
def _font_digest(font_file: str) -> str:
    return hashlib.sha256((FONTS_DIR / font_file).read_bytes()).hexdigest()


@lru_cache(maxsize=64)
def _subset(font_file: str, characters: str) -> bytes:
    from fontTools import subset  # untyped: mypy is told in pyproject.toml
    from fontTools.ttLib import TTFont  # untyped: mypy is told in pyproject.toml

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # screens render DejaVu well without its TrueType hints
    options.desubroutinize = True
    options.layout_features = ["kern", "liga", "locl", "ccmp", "mark", "mkmk"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: unused, and fontTools warns
    # recalcTimestamp=False: fontTools would stamp the time (or SOURCE_DATE_EPOCH) in head.modified.
    with TTFont(FONTS_DIR / font_file, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(ch) for ch in characters}))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff2"
        font.save(buffer, reorderTables=False)
        return buffer.getvalue()


def font_faces(text: str, cache_dir: Path | None = None) -> str:
    """``@font-face`` rules binding ``MOCR Sans`` to subsets holding every character of
    ``text``; with ``cache_dir``, subsets are shared through that folder."""
    characters = "".join(sorted(set(text + REPERTOIRE) - {"\n", "\r", "\t"}))
    rules = []
    for weight, font_file in FACES:
        data = base64.b64encode(_cached_subset(font_file, characters, cache_dir)).decode("ascii")
        rules.append(
            f"@font-face {{ font-family: '{FAMILY}'; font-weight: {weight}; font-style: normal; "
            f"font-display: block; src: url(data:font/woff2;base64,{data}) format('woff2'); }}"
        )
    return "\n".join(rules)
