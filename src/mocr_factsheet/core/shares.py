"""Shares as whole percentages, computed once, here, for every page and chart.

Plain integers and fractions: formatting them for a language is the edge's job.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Literal

Comparison = Literal["above", "at", "below"]


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, a half rounded up; 0 of nothing is 0."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


def largest_remainder(counts: Mapping[str, int]) -> dict[str, int]:
    """Whole percentages of the total that add up to exactly 100.

    Each share is first rounded down; the points still missing go, one each,
    to the largest remainders. Equal remainders go in the mapping's order (the
    reference's display order), so the result never depends on chance. With
    nothing counted, every share is 0.
    """
    total = sum(counts.values())
    if total <= 0:
        return dict.fromkeys(counts, 0)
    floors = {key: 100 * n // total for key, n in counts.items()}
    missing = 100 - sum(floors.values())
    position = {key: i for i, key in enumerate(counts)}
    by_remainder = sorted(counts, key=lambda key: (-(100 * counts[key] % total), position[key]))
    for key in by_remainder[:missing]:
        floors[key] += 1
    return floors


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
