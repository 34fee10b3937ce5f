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
    made = webfont.font_faces("Deçan Дечани", cache)
    assert len(list(cache.glob("*.woff2"))) == 2  # regular and bold
    webfont._subset.cache_clear()

    def refuse(*_: object) -> bytes:
        raise AssertionError("subset again")

    monkeypatch.setattr(webfont, "_subset", refuse)
    assert webfont.font_faces("Deçan Дечани", cache) == made  # another worker, another build


def test_other_characters_are_another_subset(tmp_path: Path) -> None:
    cache = tmp_path / "fonts"
    webfont.font_faces("a", cache)
    webfont.font_faces("a 한", cache)
    assert len(list(cache.glob("*.woff2"))) == 4


def test_a_folder_that_cannot_be_written_costs_time_only(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    assert webfont.font_faces("x", blocked / "fonts") == webfont.font_faces("x")
