"""Writes docs/cli.md from the commands' own --help (``make docs``; a test keeps it current)."""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from mocr_factsheet.cli import app

COMMANDS = [
    [],
    ["build"],
    ["serve"],
    ["validate"],
    ["indicators"],
    ["trends"],
    ["diff"],
    ["new-year"],
    ["locales", "check"],
]
ENV = {"COLUMNS": "96", "NO_COLOR": "1", "TERM": "dumb", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}


def cli_reference() -> str:
    parts = [
        "# The `mocr` command\n",
        "Generated from the commands' own `--help` by `make docs`; "
        "`tests/test_docs.py` fails when it is out of date.\n",
    ]
    for words in COMMANDS:
        result = CliRunner().invoke(app, [*words, "--help"], env=ENV, prog_name="mocr")
        title = " ".join(["mocr", *words])
        body = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
        parts.append(f"## `{title}`\n\n```\n{body}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    if len(sys.argv) > 2 or any(arg.startswith("-") for arg in sys.argv[1:]):
        sys.exit("usage: python tools/cli_docs.py [OUTPUT]  (default docs/cli.md)")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/cli.md")
    target.write_text(cli_reference(), "utf-8")
