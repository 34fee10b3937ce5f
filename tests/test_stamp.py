"""The build's stamp (src/mocr_factsheet/build/stamp.py): a build with nothing to do
trusts the last build's stat of every input and output, and any write to any of
them, even one that keeps the size and sets the modification time back, makes
the next build plan the careful way."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from helpers import SMALL, edit
from mocr_factsheet.build import run as build_module
from mocr_factsheet.build import stamp
from mocr_factsheet.build.state import STATE
from mocr_factsheet.resources import resource_dir
from mocr_factsheet.settings import BuildSettings

HOUR_AGO = time.time() - 3600


def _settings(data: Path, out: Path, **more: Any) -> BuildSettings:
    options: dict[str, Any] = {
        "years": (2019,),
        "languages": ("en",),
        "formats": ("html",),
        "force": False,
        "jobs": 1,
        "encoding": None,
        "kinds": ("sheet", "profile"),
        **more,
    }
    return BuildSettings(
        data_dir=data,
        out_dir=out,
        templates_dir=resource_dir("templates"),
        locales_dir=resource_dir("locales"),
        **options,
    )


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[BuildSettings, list[str]]:
    """The small data, its files last written an hour ago, built once and stamped;
    and a list that hears each careful plan of the builds that follow."""
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    for path in data.rglob("*"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    # The package's folders may have gained a __pycache__ a moment ago.
    monkeypatch.setattr(stamp, "_RACY_NS", 0)
    settings = _settings(data, tmp_path / "out")
    first = build_module.build(settings)
    assert first.built and (settings.out_dir / STATE / stamp.STAMP).is_file()
    planned: list[str] = []
    careful = build_module.plan_outputs

    def spy(*args: Any, **kwargs: Any) -> Any:
        planned.append("plan")
        return careful(*args, **kwargs)

    monkeypatch.setattr(build_module, "plan_outputs", spy)
    return settings, planned


def test_nothing_changed_nothing_planned(built: tuple[BuildSettings, list[str]]) -> None:
    settings, planned = built
    report = build_module.build(settings)
    assert planned == []
    assert not report.built
    # The sheet and its indicators.json, 38 profiles, in HTML, in English.
    assert len(report.up_to_date) == 40
    assert report.summary().startswith("built 0, up to date 40")


def test_an_edit_that_keeps_size_and_time_is_seen(
    built: tuple[BuildSettings, list[str]],
) -> None:
    settings, planned = built
    officers = settings.data_dir / "2019" / "officers.csv"
    before = officers.stat()
    # Deçan's officer a man instead of a woman: the same length, the old
    # modification time set back.
    edit(officers, "decan,albanian,f", "decan,albanian,m")
    os.utime(officers, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert officers.stat().st_size == before.st_size
    assert officers.stat().st_mtime_ns == before.st_mtime_ns
    report = build_module.build(settings)
    assert planned == ["plan"]  # the change time moved: the careful way
    assert settings.out_dir / "2019" / "municipalities" / "mocr-2019-decan-en.html" in report.built


def test_a_changed_output_is_rebuilt(built: tuple[BuildSettings, list[str]]) -> None:
    settings, planned = built
    page = settings.out_dir / "2019" / "mocr-2019-en.html"
    assert page.is_file()
    original = page.read_bytes()
    before = page.stat()
    page.write_bytes(original.replace(b"<main>", b"<main >")[: len(original)])
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    report = build_module.build(settings)
    assert planned == ["plan"]
    assert page in report.built
    assert page.read_bytes() == original


def test_a_removed_output_is_rebuilt(built: tuple[BuildSettings, list[str]]) -> None:
    settings, planned = built
    page = settings.out_dir / "2019" / "mocr-2019-en.html"
    page.unlink()
    report = build_module.build(settings)
    assert planned == ["plan"]
    assert report.built == [page]


def test_a_new_file_in_the_data_is_looked_at(built: tuple[BuildSettings, list[str]]) -> None:
    settings, planned = built
    (settings.data_dir / "2019" / "notes.txt").write_text("a note for myself\n", "utf-8")
    build_module.build(settings)
    assert planned == ["plan"]
    # Stamped again: the next build trusts it.
    build_module.build(settings)
    assert planned == ["plan"]


def test_another_question_is_planned(built: tuple[BuildSettings, list[str]]) -> None:
    settings, planned = built
    build_module.build(_settings(settings.data_dir, settings.out_dir, languages=("sq",)))
    assert planned == ["plan"]
    # --jobs changes no output: the same question.
    other = _settings(settings.data_dir, settings.out_dir, jobs=2)
    build_module.build(other)
    build_module.build(other)
    assert planned == ["plan", "plan"]


def test_force_never_trusts_the_stamp(built: tuple[BuildSettings, list[str]]) -> None:
    settings, planned = built
    from dataclasses import replace

    report = build_module.build(replace(settings, force=True))
    assert planned == ["plan"]
    assert len(report.built) == 40


def test_a_file_written_just_before_the_build_is_not_trusted(
    built: tuple[BuildSettings, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git's racy-clean rule: a stat taken in the tick of a write proves nothing."""
    settings, planned = built
    monkeypatch.setattr(stamp, "_RACY_NS", 2_000_000_000)
    notes = settings.data_dir / "2019" / "notes.txt"
    notes.write_text("written now\n", "utf-8")
    build_module.build(settings)  # planned, stamped, but the note is racy
    build_module.build(settings)
    assert planned == ["plan", "plan"]
    for path in (notes, notes.parent):  # the change times move: planned once more
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    build_module.build(settings)
    build_module.build(settings)
    assert planned == ["plan", "plan", "plan"]


def test_a_damaged_stamp_is_no_stamp(built: tuple[BuildSettings, list[str]]) -> None:
    settings, planned = built
    (settings.out_dir / STATE / stamp.STAMP).write_text("{not json", "utf-8")
    report = build_module.build(settings)
    assert planned == ["plan"]
    assert not report.built


def test_the_careful_way_reads_only_the_outputs_whose_stat_moved(
    built: tuple[BuildSettings, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An output with the stat the stamp recorded holds the recorded bytes: the
    careful plan hashes only the others (every one, when the record moved)."""
    from mocr_factsheet.build import manifest

    settings, planned = built
    hashed: list[Path] = []
    digest = manifest.file_digest

    def counted(path: Path) -> str | None:
        hashed.append(path)
        return digest(path)

    monkeypatch.setattr(manifest, "file_digest", counted)
    (settings.data_dir / "2019" / "notes.txt").write_text("a note for myself\n", "utf-8")
    page = settings.out_dir / "2019" / "mocr-2019-en.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<main>", b"<main >")[: len(original)])
    report = build_module.build(settings)
    assert planned == ["plan"]
    assert hashed == [page]  # the one output written since the stamp
    assert report.built == [page]
    assert page.read_bytes() == original
    # A record written since the stamp (another tool, a hand): every output is read.
    record = settings.out_dir / ".mocr-build.json"
    record.write_bytes(record.read_bytes())
    (settings.data_dir / "2019" / "notes.txt").write_text("another note\n", "utf-8")
    hashed.clear()
    build_module.build(settings)
    assert len(hashed) == 40
