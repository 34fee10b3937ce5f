"""Fixtures shared by the test modules."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

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
