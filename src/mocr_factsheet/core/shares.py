"""Shares as whole percentages, computed once, here, for every page and chart.

Plain integers and fractions: formatting them for a language is the edge's job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Comparison = Literal["above", "at", "below"]


@dataclass(frozen=True)
class GenderShares:
    """Women and men, counted and as whole percentages, each rounded on its own
    (both 0 where there is nobody): a mechanism's officers or members."""

    f: int
    m: int
    f_percent: int
    m_percent: int

    @classmethod
    def of(cls, f: int, m: int) -> GenderShares:
        shares = shares_of({"f": f, "m": m})
        return cls(f=f, m=m, f_percent=shares["f"], m_percent=shares["m"])

    @property
    def total(self) -> int:
        return self.f + self.m

    def as_json(self) -> dict[str, int]:
        return {"f": self.f, "m": self.m}


@dataclass(frozen=True)
class YesNoUnknown:
    """Yes, no and unknown answers to one question, counted (an office's work plan,
    a committee's meeting regularly): every mechanism's yes/no question."""

    yes: int
    no: int
    unknown: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.unknown

    def as_json(self) -> dict[str, int]:
        return {"yes": self.yes, "no": self.no, "unknown": self.unknown}


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, a half rounded up; 0 of nothing is 0."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


def shares_of(counts: Mapping[str, int]) -> dict[str, int]:
    """Each count's whole percentage of the total, every one rounded on its own.

    Equal counts always get equal shares ("6 of 80" is 8% wherever it stands),
    so the shares may add up to 99 or 101: every page says so once under the
    chart or table (docs/design.md). With nothing counted, every share is 0.
    """
    total = sum(counts.values())
    return {key: percent(n, total) for key, n in counts.items()}


def average(total: int, count: int) -> Fraction | None:
    """``total`` over ``count`` exactly; None where nothing was counted."""
    return Fraction(total, count) if count else None


def compare(value: int, mean: Fraction) -> Comparison:
    """Whether ``value`` is above, at or below ``mean``."""
    if value > mean:
        return "above"
    if value < mean:
        return "below"
    return "at"
