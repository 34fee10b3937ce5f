"""Writes the web font's repertoire subsets that ship with the package
(src/mocr_factsheet/assets/webfonts/*.repertoire.woff2): what every page embeds
when its characters are all in ``webfont.REPERTOIRE``. Run it after changing
the repertoire, the subsetting options or the fonts; tests/test_webfont_cache.py
fails until then.

    .venv/bin/python tools/make_webfonts.py
"""

from __future__ import annotations

from mocr_factsheet.render import webfont


def main() -> None:
    for _, font_file in webfont.FACES:
        target = webfont.shipped(font_file)
        target.write_bytes(webfont._subset(font_file, webfont.REPERTOIRE_CHARACTERS))
        print(f"wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
