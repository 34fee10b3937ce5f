"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import SMALL
from mocr_factsheet.build.state import locked
from mocr_factsheet.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def build_sheets() -> Callable[..., None]:
    """`mocr build --kind sheet --data DATA --out OUT ARGS…` through the command line:
    the yearly sheets only (not the profiles, trends and site); it must succeed."""

    def build(data: Path, out: Path, *args: str) -> None:
        result = CliRunner().invoke(
            app, ["build", "--kind", "sheet", "--data", str(data), "--out", str(out), *args]
        )
        assert result.exit_code == 0, result.output

    return build


def once_a_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder that ``make`` fills once for the whole run, then only read.

    The tests run in several processes (pytest-xdist's workers, -n in
    pyproject.toml): the first to ask makes it in the folder the workers'
    temporary folders share, holding a lock the others wait on, and each
    reads it; with one process (-n0), it is made in this process's own.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent
    folder, made = shared / name, shared / f"{name}.made"
    # The tool's own lock on an output folder (build/state.py): flock on POSIX,
    # msvcrt on Windows, released when its holder ends, however it ends.
    with locked(shared / f"{name}.lock", wait=True):
        if not made.exists():  # a worker that failed to make it left no mark
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data's whole publication (every kind, year, language and format),
    built once for the run and only read: the link walk, and the modules that
    read the bundled data's sheets, Communities Committees sheets and booklets, which
    are the same bytes as a build of their kind alone (test_booklet_pdf.py's
    test_same_data_same_bytes builds one alone to compare)."""

    def build(out: Path) -> None:
        result = CliRunner().invoke(
            app, ["build", "--data", str(ROOT / "data"), "--out", str(out), "--jobs", "2"]
        )
        assert result.exit_code == 0, result.output

    return once_a_run(tmp_path_factory, "publication", build)


@pytest.fixture(scope="session")
def long_notes_sheets(
    tmp_path_factory: pytest.TempPathFactory, build_sheets: Callable[..., None]
) -> Path:
    """2019's sheets (HTML and PDF, every language) of the bundled data with the
    long notes of tests/fixtures/long-notes/year.toml, in ``out/2019/``: built once
    for the layout and parity tests."""

    def build(folder: Path) -> None:
        data = folder / "data"
        shutil.copytree(ROOT / "data", data)
        long_notes = ROOT / "tests" / "fixtures" / "long-notes" / "year.toml"
        shutil.copyfile(long_notes, data / "2019" / "year.toml")
        build_sheets(data, folder / "out", "--year", "2019", "--jobs", "2")

    return once_a_run(tmp_path_factory, "long-notes", build) / "out"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A fresh copy of the valid small data folder, to break one thing in."""
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium in a thread of its own (``BrowserThread``), for a module's browser
    tests; tests/test_browser.py has its own, its Playwright open for the session.
    A missing Chromium skips them, or fails them under MOCR_REQUIRE_BROWSER=1."""
    from test_browser import CHROMIUM
    from test_committees_browser import BrowserThread

    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (make test-deps)"
        if os.environ.get("MOCR_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    thread = BrowserThread()
    yield thread
    thread.close()
