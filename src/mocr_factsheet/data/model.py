"""The checked data: codes and plain values, no labels, no paths.

These records are what the validators produce and what the pure core in
``indicators`` consumes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# Fixed by the contract (docs/contract.md §1): reports and scripts key on these codes.
MUNICIPALITY_CODES: tuple[str, ...] = (
    "decan", "dragash", "ferizaj", "fushe-kosove", "gjakove", "gjilan", "gllogoc",
    "gracanice", "hani-i-elezit", "istog", "junik", "kacanik", "kamenice", "kline",
    "kllokot", "leposaviq", "lipjan", "malisheve", "mamushe", "mitrovice-jug",
    "mitrovice-veri", "novoberde", "obiliq", "partesh", "peje", "podujeve", "prishtine",
    "prizren", "rahovec", "ranillug", "shterpce", "shtime", "skenderaj", "suhareke",
    "viti", "vushtrri", "zubin-potok", "zvecan",
)  # fmt: skip
COMMUNITY_CODES: tuple[str, ...] = (
    "albanian", "serb", "bosniak", "turk", "roma", "ashkali", "egyptian", "gorani",
    "montenegrin", "croat", "other",
)  # fmt: skip
DUTY_CODES: tuple[str, ...] = (
    "contacts", "assessment", "coordination", "projects", "participation",
    "policy_monitoring", "advice", "outreach",
)  # fmt: skip
MAJORITY_LANGUAGES: tuple[str, ...] = ("sq", "sr", "tr")

Status = Literal["established", "similar_office", "not_established"]
STATUSES: tuple[Status, ...] = ("established", "similar_office", "not_established")
Gender = Literal["f", "m"]
GENDERS: tuple[Gender, ...] = ("f", "m")


@dataclass(frozen=True)
class Municipality:
    code: str
    name_sq: str
    name_sr: str
    name_tr: str
    name_en: str
    majority_language: str

    def names(self) -> tuple[str, ...]:
        """Every name the municipality is known by, for matching data cells."""
        return tuple(n for n in (self.name_sq, self.name_sr, self.name_tr, self.name_en) if n)


@dataclass(frozen=True)
class Community:
    code: str
    colour: str | None = None


@dataclass(frozen=True)
class Reference:
    """The reference tables, in display order."""

    municipalities: tuple[Municipality, ...]
    communities: tuple[Community, ...]
    duties: tuple[str, ...]

    def municipality(self, code: str) -> Municipality:
        for m in self.municipalities:
            if m.code == code:
                return m
        raise KeyError(code)


@dataclass(frozen=True)
class Office:
    municipality: str
    status: Status
    work_plan: bool | None
    annual_report: bool | None


@dataclass(frozen=True)
class Officer:
    municipality: str
    community: str
    gender: Gender


@dataclass(frozen=True)
class DutyChecklist:
    municipality: str
    performed: frozenset[str]


@dataclass(frozen=True)
class Period:
    start: str  # YYYY-MM
    end: str  # YYYY-MM


@dataclass(frozen=True)
class YearMeta:
    year: int
    period: Period
    sample: bool
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # When the year's figures were first published and last revised (the
    # colophon prints them); None where year.toml does not say.
    published: date | None = None
    revised: date | None = None


@dataclass(frozen=True)
class YearTables:
    """One monitored year's tables, checked."""

    meta: YearMeta
    offices: tuple[Office, ...]
    officers: tuple[Officer, ...]
    duties: tuple[DutyChecklist, ...]


@dataclass(frozen=True)
class PreviousYear:
    """What building a year reads of the year before: offices and duties."""

    year: int
    offices: tuple[Office, ...]
    duties: tuple[DutyChecklist, ...]
    sample: bool = False  # its year.toml's flag: the pages mark a real year's comparison
    # Its year.toml: the pages that show its figures carry its notes and period
    # beside them (mechanisms/mocr/pages.py, year_notes); None where not read.
    meta: YearMeta | None = None
