"""Plain functions shared by the test modules (the fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from mocr_factsheet.cli import app

SMALL = Path(__file__).parent / "fixtures" / "small"


def invoke(*args: str) -> Result:
    """``mocr ARGS…`` through typer's CliRunner; whatever the exit, never a traceback."""
    result = CliRunner().invoke(app, list(args))
    # An input problem is a message, never a crash (CliRunner catches those).
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def problems_of(data: Path) -> list[str]:
    """``validate``'s report: exit 1, one line per problem."""
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 1, result.output
    return result.stderr.splitlines()


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path`` (a test that misses fails loudly)."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), "utf-8")
