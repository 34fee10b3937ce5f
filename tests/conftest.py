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
from mocr_factsheet.cli import app


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


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A fresh copy of the valid small data folder, to break one thing in."""
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one for the whole session: Playwright's
    sync API runs one at a time, so tests/test_browser.py and the parity tests
    share it. Without /usr/bin/chromium the tests that use it are skipped, unless
    MOCR_REQUIRE_BROWSER=1 (set by `make test`, so CI fails instead)."""
    from parity import CHROMIUM, chromium

    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (make test-deps)"
        if os.environ.get("MOCR_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with chromium() as found:
        yield found
