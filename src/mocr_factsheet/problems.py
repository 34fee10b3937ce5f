"""Problems found in the user's input, and the one exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


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
        where = [self.file]
        if self.row is not None:
            where.append(str(self.row))
        if self.column is not None:
            where.append(self.column)
        return f"{':'.join(where)}: {self.message}"


class UserError(Exception):
    """The user's input (data, templates, catalogs) is wrong; never a bug of ours.

    Carries every problem found, so that all of them can be reported at once.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line, then column order, each reported once."""
    return sorted(
        set(problems), key=lambda p: (p.file, p.row or 0, p.position, p.column or "", p.message)
    )
