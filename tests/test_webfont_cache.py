"""The web font's subsets are made once and shared through a folder by every
worker and build (src/mocr_factsheet/render/webfont.py): the same characters
give the same subset, from the folder, without subsetting again."""

from __future__ import annotations

from pathlib import Path

import pytest

from mocr_factsheet.render import webfont


def test_a_subset_is_made_once_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "fonts"
    made = webfont.font_faces("Deçan Дечани ǅ", cache)
    assert len(list(cache.glob("*.woff2"))) == 2  # regular and bold
    webfont._subset.cache_clear()

    def refuse(*_: object) -> bytes:
        raise AssertionError("subset again")

    monkeypatch.setattr(webfont, "_subset", refuse)
    assert webfont.font_faces("Deçan Дечани ǅ", cache) == made  # another worker, another build


def test_other_characters_are_another_subset(tmp_path: Path) -> None:
    cache = tmp_path / "fonts"
    webfont.font_faces("ǅ", cache)
    webfont.font_faces("ǅ Ǆ", cache)
    assert len(list(cache.glob("*.woff2"))) == 4


def test_a_folder_that_cannot_be_written_costs_time_only(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    assert webfont.font_faces("x", blocked / "fonts") == webfont.font_faces("x")


def test_the_shipped_subsets_are_what_subsetting_gives() -> None:
    """tools/make_webfonts.py made them; a change to the repertoire, the options
    or the fonts must be followed by running it again."""
    for _, font_file in webfont.FACES:
        fresh = webfont._subset(font_file, webfont.REPERTOIRE_CHARACTERS)
        assert webfont.shipped(font_file).read_bytes() == fresh, (
            f"{webfont.shipped(font_file).name} is stale: run tools/make_webfonts.py"
        )


def test_a_page_within_the_repertoire_subsets_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> bytes:
        raise AssertionError("subset")

    monkeypatch.setattr(webfont, "_subset", refuse)
    faces = webfont.font_faces("Mitrovicë e Jugut/Јужна Митровица ✓ ✗ – 29%")
    assert faces.count("@font-face") == 2
