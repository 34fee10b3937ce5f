"""Problems found in the user's input, and the one exception that carries them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

# A message longer than this is cut: a cell or header of a million characters
# must not make a report line of a megabyte.
MAX_MESSAGE = 2_000
MAX_COLUMN = 80
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as an editor shows it.

    ``file`` is the path as given under the data folder (``2019/offices.csv``),
    ``row`` the line an editor shows (the header is line 1) and ``column`` the
    header's name. ``code`` is a stable identifier for tests and tooling.
    """

    file: str
    row: int | None
    column: str | None
    code: str
    message: str
    # Where the column stands in the file, so that a row's problems come left
    # to right; not part of what the problem is.
    position: int = field(default=-1, compare=False, repr=False)

    def __str__(self) -> str:
        where = [printable(self.file)]
        if self.row is not None:
            where.append(str(self.row))
        if self.column is not None:
            where.append(printable(self.column, MAX_COLUMN))
        return f"{':'.join(where)}: {printable(self.message, MAX_MESSAGE)}"

    def located(self, file: str) -> Problem:
        """The same problem in ``file`` (a reader finds it before it knows the name)."""
        return replace(self, file=file)


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe to print on one line of a terminal: line breaks, control
    characters and escape codes shown escaped (``\\n``, ``\\x1b``), and cut to
    ``limit`` characters, saying how many were left out.
    """
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit:,} more characters)"
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(_escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch == " " or ch.isprintable():
        return ch
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    # Other separators (no-break spaces) print as they are; controls, format
    # marks (bidirectional overrides, zero-width ones) and lone surrogates do not.
    if unicodedata.category(ch) == "Zs":
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class UserError(Exception):
    """The user's input (data, templates, catalogs) is wrong; never a bug of ours.

    Carries every problem found, so that all of them can be reported at once;
    ``lead``, a line that says why they stop the command, goes before them and
    is not one of them (``new-year`` over a year that does not validate).
    """

    def __init__(self, problems: Iterable[Problem], lead: Problem | None = None) -> None:
        self.problems = tuple(problems)
        self.lead = lead
        shown = [lead, *self.problems] if lead is not None else self.problems
        super().__init__("\n".join(str(p) for p in shown))


# However many problems are found, the report prints this many: past a few
# hundred, the file is wrong as a whole (the wrong file, a shifted column).
MAX_REPORTED = 1_000


def report_lines(problems: Sequence[Problem], lead: Problem | None = None) -> Iterator[str]:
    """The report of ``problems``: ``lead`` (why they matter here, not counted),
    one line each, at most ``MAX_REPORTED`` of them, then how many were left
    out, and last the count of them all."""
    if lead is not None:
        yield str(lead)
    for problem in problems[:MAX_REPORTED]:
        yield str(problem)
    left_out = len(problems) - MAX_REPORTED
    if left_out > 0:
        yield f"… and {left_out:,} more problem{'s' if left_out != 1 else ''}, not shown."
    count = len(problems)
    yield f"{count:,} problem{'s' if count != 1 else ''} found."


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line, then column order, each reported once."""
    return sorted(
        set(problems), key=lambda p: (p.file, p.row or 0, p.position, p.column or "", p.message)
    )
