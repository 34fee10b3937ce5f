"""Charts kept between builds (render/kept.py): a chart is given again only where
everything it read is as it was, so that a kept chart is always the chart that
drawing it again would give."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from helpers import SMALL, edit
from mocr_factsheet.build import run as build_module
from mocr_factsheet.build.state import STATE
from mocr_factsheet.render.kept import IMAGES, KEPT, KeptCharts, KeptImages
from mocr_factsheet.resources import resource_dir
from mocr_factsheet.settings import FORMATS, BuildSettings


@dataclass(frozen=True)
class Year:
    offices: int
    reports: int
    order: dict[str, int]

    def share(self, part: str) -> float:
        return self.order[part] / self.offices


def chart(year: Year, medium: str, height: float = 0) -> str:
    """A stand-in for a chart function: it reads ``offices`` and calls ``share``."""
    return f"{medium}:{height}:{year.offices}:{year.share('a'):.2f}"


def drawn_by(kept: KeptCharts, year: Year, medium: str = "print", height: float = 0) -> str:
    return kept.call(chart, ("year",), (year, medium), {"height": height})


@pytest.fixture
def kept(tmp_path: Path) -> KeptCharts:
    cache = KeptCharts()
    cache.keep_in(tmp_path / "charts")
    return cache


def test_a_chart_is_given_again_where_what_it_read_is_the_same(kept: KeptCharts) -> None:
    first = Year(offices=4, reports=1, order={"a": 1, "b": 3})
    assert drawn_by(kept, first) == "print:0:4:0.25"
    assert (kept.drawn, kept.reused) == (1, 0)
    # ``reports`` is never read: a year that differs only there gives the same chart.
    assert drawn_by(kept, Year(offices=4, reports=2, order={"a": 1, "b": 3})) == "print:0:4:0.25"
    assert (kept.drawn, kept.reused) == (1, 1)


@pytest.mark.parametrize(
    "changed",
    [
        Year(offices=5, reports=1, order={"a": 1, "b": 3}),  # a field read
        Year(offices=4, reports=1, order={"a": 2, "b": 2}),  # a call's answer
        Year(offices=4.0, reports=1, order={"a": 1, "b": 3}),  # type: ignore[arg-type]  # 4.0 is not 4
    ],
)
def test_a_chart_is_drawn_again_where_anything_it_read_changed(
    kept: KeptCharts, changed: Year
) -> None:
    drawn_by(kept, Year(offices=4, reports=1, order={"a": 1, "b": 3}))
    assert drawn_by(kept, changed) == chart(changed, "print")
    assert (kept.drawn, kept.reused) == (2, 0)


def test_the_arguments_that_count_whole_are_part_of_the_key(kept: KeptCharts) -> None:
    year = Year(offices=4, reports=1, order={"a": 1, "b": 3})
    assert drawn_by(kept, year, "print", 40) == "print:40:4:0.25"
    assert drawn_by(kept, year, "screen", 40) == "screen:40:4:0.25"
    assert drawn_by(kept, year, "print", 41) == "print:41:4:0.25"
    assert drawn_by(kept, year, "print", 40) == "print:40:4:0.25"
    assert (kept.drawn, kept.reused) == (3, 1)


def test_the_next_process_finds_them_and_other_code_does_not(
    kept: KeptCharts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    year = Year(offices=4, reports=1, order={"a": 1, "b": 3})
    drawn_by(kept, year)
    later = KeptCharts()  # another worker, or the next build
    later.keep_in(tmp_path / "charts")
    assert drawn_by(later, year) == "print:0:4:0.25"
    assert (later.drawn, later.reused) == (0, 1)
    # A changed line of the package (or another matplotlib) starts an empty folder.
    monkeypatch.setattr("mocr_factsheet.render.kept._depends", lambda: "other-code")
    changed = KeptCharts()
    changed.keep_in(tmp_path / "charts")
    drawn_by(changed, year)
    assert (changed.drawn, changed.reused) == (1, 0)
    assert [p.name for p in (tmp_path / "charts").iterdir()] == ["other-code"]


def test_a_broken_or_foreign_entry_is_a_chart_drawn_again(kept: KeptCharts) -> None:
    year = Year(offices=4, reports=1, order={"a": 1, "b": 3})
    drawn_by(kept, year)
    assert kept.folder is not None
    for entry in kept.folder.iterdir():
        entry.write_bytes(b"not a pickle")
    assert drawn_by(kept, year) == "print:0:4:0.25"
    assert (kept.drawn, kept.reused) == (2, 0)


def test_an_image_is_made_once_for_the_same_parts(tmp_path: Path) -> None:
    images, made = KeptImages(), []
    images.keep_in(tmp_path / "images")

    def make(data: bytes) -> Any:
        return lambda: made.append(data) or b"\x89PNG\r\n\x1a\n" + data

    assert images.get([b"<svg>1</svg>", b"template"], make(b"1")).endswith(b"1")
    assert images.get([b"<svg>1</svg>", b"template"], make(b"x")).endswith(b"1")
    assert images.get([b"<svg>2</svg>", b"template"], make(b"2")).endswith(b"2")
    assert images.get([b"<svg>1</svg>", b"other template"], make(b"3")).endswith(b"3")
    assert made == [b"1", b"2", b"3"]


# --- in a build ------------------------------------------------------------------------


def settings(data: Path, out: Path, force: bool = False) -> BuildSettings:
    return BuildSettings(
        data_dir=data,
        out_dir=out,
        years=(),
        languages=("en", "sr-Cyrl"),
        formats=FORMATS,
        force=force,
        jobs=1,
        encoding=None,
        templates_dir=resource_dir("templates"),
        locales_dir=resource_dir("locales"),
        kinds=("sheet", "sheet-charts", "trends", "committees"),
    )


def published(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and STATE not in p.parts and p.name != ".mocr-build.json"
    }


def counts() -> tuple[int, int, int, int]:
    return KEPT.drawn, KEPT.reused, IMAGES.made, IMAGES.reused


@pytest.mark.slow
def test_an_edit_redraws_the_charts_it_changes_and_gives_what_a_cold_build_gives(
    tmp_path: Path,
) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(SMALL, data)
    build_module.build(settings(data, out))
    first = counts()
    assert first[0] > 0
    # Deçan's annual report in 2019: the work plans and reports chart of 2019 and
    # the trend of reports change; the other charts show nothing of it.
    edit(data / "2019" / "offices.csv", "\ndecan;established;yes;yes", "\ndecan;established;yes;no")
    build_module.build(settings(data, out))
    drawn, reused, made, images_reused = (b - a for a, b in zip(first, counts(), strict=True))
    assert reused > 0 and images_reused > 0
    assert 0 < drawn < reused
    assert made > 0
    kept_after_edit = published(out)
    # The same data built cold, into a folder that keeps nothing.
    cold = tmp_path / "cold"
    before = counts()
    build_module.build(settings(data, cold, force=True))
    cold_counts = [b - a for a, b in zip(before, counts(), strict=True)]
    assert published(cold) == kept_after_edit
    # --force reuses nothing of earlier builds: it draws and reuses (a chart asked
    # for twice in one build) exactly what the cold build did.
    before = counts()
    build_module.build(settings(data, out, force=True))
    assert [b - a for a, b in zip(before, counts(), strict=True)] == cold_counts
    assert published(out) == kept_after_edit
