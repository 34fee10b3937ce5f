"""The command reference in docs/cli.md covers every command and option (``make docs``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from mocr_factsheet.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _commands(group: Any, prefix: str) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append((f"{prefix} {name}", command))
    return found


def test_every_command_and_option_is_documented() -> None:
    text = DOCS.read_text("utf-8")
    root = typer.main.get_command(app)
    commands = _commands(root, "mocr")
    assert len(commands) == 6
    for title, command in commands:
        assert f"## `{title}`" in text, f"{title} is not in docs/cli.md: run make docs"
        for param in command.params:
            for option in param.opts:
                if option.startswith("--"):
                    assert option in text, f"{title} {option}: run make docs"
