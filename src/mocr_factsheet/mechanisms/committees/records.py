"""The Communities Committees' figures: frozen records of codes and integers.

Every figure the CC sheet, its charts and ``committees.json`` show is a field
here, computed by ``figures``; nothing downstream counts, divides or rounds.
Mappings keep the reference's display order. No pandas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mocr_factsheet.core.shares import GenderShares, YesNoUnknown
from mocr_factsheet.data.model import Period


@dataclass(frozen=True)
class Unrepresented:
    """Where a community lives (residing.csv) and the municipality's established
    committee has no member of it; ``municipalities`` sorted by code."""

    community: str
    municipalities: tuple[str, ...]
    # How many municipalities with an established committee it lives in.
    living_in: int

    @property
    def count(self) -> int:
        return len(self.municipalities)

    def as_json(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "count": self.count,
            "municipalities": list(self.municipalities),
        }


@dataclass(frozen=True)
class CommitteeFigures:
    """Every figure of one year's Communities Committees sheet (docs/committees.md)."""

    year: int
    period: Period
    sample: bool
    municipalities: int
    established: int
    # Codes, sorted: municipalities whose assembly has not established a committee.
    not_established: tuple[str, ...]
    meets_regularly: YesNoUnknown
    # Codes, sorted: established committees that do not meet regularly ("no").
    not_meeting_regularly: tuple[str, ...]
    adequate_resources: YesNoUnknown
    # Codes, sorted: established committees without access to adequate resources ("no").
    inadequate_resources: tuple[str, ...]
    members: GenderShares  # every member of every established committee
    members_by_seat: Mapping[str, int]  # assembly, community
    members_by_community: Mapping[str, int]  # communities with at least one member
    community_shares: Mapping[str, int]  # each one's share of all members, rounded on its own
    gender_by_community: Mapping[str, GenderShares]  # the same communities
    # Every established committee, in the reference's order (0 and 0 where no member).
    gender_by_municipality: Mapping[str, GenderShares]
    # Every community that lives in a municipality with an established committee,
    # most often unrepresented first; ties in the communities' display order.
    unrepresented: tuple[Unrepresented, ...]

    @property
    def members_total(self) -> int:
        return self.members.total

    @property
    def unrepresented_total(self) -> int:
        """Community-municipality pairs without a member: every community counted once
        for each municipality where it lives unrepresented."""
        return sum(u.count for u in self.unrepresented)

    def most_unrepresented(self, n: int = 2) -> tuple[Unrepresented, ...]:
        """The ``n`` communities unrepresented in most municipalities (none that never is)."""
        return tuple(u for u in self.unrepresented if u.count)[:n]

    def as_json(self) -> dict[str, Any]:
        """``committees.json``: codes, not labels; keys sorted by the writer. The sheet's
        own aids (``not_established``, ``living_in``, ``inadequate_resources``, shares)
        stay out of it: it holds the figures docs/committees.md lists."""
        return {
            "year": self.year,
            "period": {"start": self.period.start, "end": self.period.end},
            "sample": self.sample,
            "municipalities": self.municipalities,
            "established": self.established,
            "meets_regularly": self.meets_regularly.as_json(),
            "not_meeting_regularly": list(self.not_meeting_regularly),
            "adequate_resources": self.adequate_resources.as_json(),
            "members": {
                "total": self.members.total,
                "f": self.members.f,
                "m": self.members.m,
                "by_seat": dict(self.members_by_seat),
                "by_community": dict(self.members_by_community),
            },
            "gender_by_community": {c: s.as_json() for c, s in self.gender_by_community.items()},
            "gender_by_municipality": {
                c: s.as_json() for c, s in self.gender_by_municipality.items()
            },
            "unrepresented": [u.as_json() for u in self.unrepresented],
        }
