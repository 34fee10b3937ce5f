"""Writes the generated tables of docs/data-format.md from the schema (``make docs``;
tests/test_schema.py fails when they are out of date): every column of every
table, and each year table's rows (per municipality, named checks, what it
reads, whether the next year reads it)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from mocr_factsheet.build.registry import declared_tables
from mocr_factsheet.data.schema import markdown_rows, markdown_table

SOURCE = "src/mocr_factsheet/data/schema.py"
END = "<!-- end of the generated {what} -->\n"
SECTIONS: dict[str, Callable[[], str]] = {
    "columns": lambda: markdown_table(declared_tables()),
    "rows": lambda: markdown_rows([t for t in declared_tables() if t.in_year_folder]),
}


def begin(what: str) -> str:
    return f"<!-- {what}: generated from {SOURCE} by `make docs` -->\n"


def with_tables(text: str) -> str:
    """``text`` with the part between each pair of markers replaced by the schema's table."""
    for what, table in SECTIONS.items():
        head, start, rest = text.partition(begin(what))
        _, end, tail = rest.partition(END.format(what=what))
        if not start or not end:
            raise SystemExit(f"the markers are missing:\n{begin(what)}{END.format(what=what)}")
        text = f"{head}{start}{table()}{end}{tail}"
    return text


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(with_tables(path.read_text("utf-8")), "utf-8")
