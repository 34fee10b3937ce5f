"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.cli import app


@pytest.fixture(scope="session")
def build_sheets() -> Callable[..., None]:
    """`mocr build --data DATA --out OUT ARGS…` through the command line, yearly sheets only.

    Where `build` has kinds (profiles, trends and the site besides the sheets),
    only the sheet kind is built. The build must succeed.
    """
    usage = CliRunner().invoke(app, ["build", "--help"]).output
    sheets_only = ["--kind", "sheet"] if "--kind" in usage else []

    def build(data: Path, out: Path, *args: str) -> None:
        command = ["build", "--data", str(data), "--out", str(out), *sheets_only, *args]
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0, result.output

    return build
