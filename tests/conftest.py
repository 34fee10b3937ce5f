"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
