"""The command reference in docs/cli.md covers every command and option (``make docs``)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

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
    assert len(commands) == 8  # mocr serve (issue 17) made it eight
    for title, command in [("mocr", root), *commands]:
        assert title in sections, f"{title} is not in docs/cli.md: run make docs"
        # The options of the command's own table (a row: "│ --name" or "│ *  --name"),
        # exactly the command's: none missing, none that it no longer has.
        documented = set(re.findall(r"^│ (?:\*)? *(--[\w-]+)", sections[title], re.MULTILINE))
        options = {o for p in command.params for o in [*p.opts, *p.secondary_opts]}
        expected = {o for o in options if o.startswith("--")} | {"--help"}
        assert documented == expected, f"{title}: run make docs"


def test_a_commands_description_is_broken_only_where_the_terminal_ends() -> None:
    """Each paragraph of a command's docstring reads as one run of text in its
    --help: Typer keeps the line breaks of every paragraph after the first, which
    a terminal narrower than the source then broke again mid-sentence."""
    root = typer.main.get_command(app)
    wide = {"COLUMNS": "2000", "NO_COLOR": "1", "TERM": "dumb"}
    for title, command in _commands(root, "mocr"):
        doc = inspect.getdoc(command.callback) or ""
        result = CliRunner().invoke(app, [*title.split()[1:], "--help"], env=wide)
        assert result.exit_code == 0, result.output
        lines = [" ".join(line.split()) for line in result.output.splitlines()]
        for paragraph in doc.split("\n\n"):
            assert " ".join(paragraph.split()) in lines, (title, paragraph)


ROOT = DOCS.parent.parent
CITING = ["src", "tests", "tools", "docs", "templates", "Makefile", "README.md"]


def _citing_files() -> list[Path]:
    files: list[Path] = []
    for name in CITING:
        path = ROOT / name
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [
            f
            for f in found
            if f.is_file()
            and "__pycache__" not in f.parts
            and f.suffix not in {".png", ".ttf", ".mo", ".pyc"}
        ]
    return files


def test_what_comments_and_docs_cite_is_in_the_repository() -> None:
    """Citations name docs/ files (and their sections), never the specifications outside."""
    outside = re.compile(r"\b(?:CONTRACT|STYLE|PITFALLS)\.md|\.\./shared/")
    cited = re.compile(r"docs/([\w-]+\.md)(?:`? §(\d))?")
    this = Path(__file__).resolve()
    for path in _citing_files():
        if path.resolve() == this:
            continue
        text = path.read_text("utf-8", errors="replace")
        where = path.relative_to(ROOT)
        assert not outside.search(text), f"{where} cites a file outside the repository"
        for name, section in cited.findall(text):
            doc = ROOT / "docs" / name
            assert doc.is_file(), f"{where} cites docs/{name}, which does not exist"
            if section:
                heading = f"\n## {section}. "
                assert heading in doc.read_text("utf-8"), f"{where}: docs/{name} has no §{section}"
