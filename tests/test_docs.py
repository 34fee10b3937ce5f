"""The command reference in docs/cli.md covers every command and option (``make docs``)."""

from __future__ import annotations

import re
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
    sections = dict(re.findall(r"^## `([^`]+)`\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL))
    root = typer.main.get_command(app)
    commands = _commands(root, "mocr")
    assert len(commands) == 7
    for title, command in [("mocr", root), *commands]:
        assert title in sections, f"{title} is not in docs/cli.md: run make docs"
        # The options of the command's own table (a row: "│ --name" or "│ *  --name"),
        # exactly the command's: none missing, none that it no longer has.
        documented = set(re.findall(r"^│ (?:\*)? *(--[\w-]+)", sections[title], re.MULTILINE))
        options = {o for p in command.params for o in [*p.opts, *p.secondary_opts]}
        expected = {o for o in options if o.startswith("--")} | {"--help"}
        assert documented == expected, f"{title}: run make docs"
