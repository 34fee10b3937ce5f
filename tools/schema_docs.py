"""Writes the column table of docs/data-format.md from the schema (``make docs``;
tests/test_schema.py fails when it is out of date)."""

from __future__ import annotations

import sys
from pathlib import Path

from mocr_factsheet.data.schema import markdown_table

BEGIN = "<!-- columns: generated from src/mocr_factsheet/schema.py by `make docs` -->\n"
END = "<!-- end of the generated columns -->\n"


def with_table(text: str) -> str:
    """``text`` with the part between the markers replaced by the schema's table."""
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"the markers are missing:\n{BEGIN}{END}")
    return f"{head}{BEGIN}{markdown_table()}{END}{tail}"


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(with_table(path.read_text("utf-8")), "utf-8")
