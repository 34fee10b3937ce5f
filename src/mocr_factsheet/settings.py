"""The settings of one run, built once from the command line and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class BuildSettings:
    data_dir: Path
    out_dir: Path
    years: tuple[int, ...]  # empty: every year folder
    languages: tuple[str, ...]  # empty: every language
    formats: tuple[str, ...]
    force: bool
    jobs: int
    encoding: str | None
    templates_dir: Path
    locales_dir: Path
    kinds: tuple[str, ...] = ()  # empty: every kind the limiting options apply to
    municipalities: tuple[str, ...] = ()  # codes; empty: every municipality
