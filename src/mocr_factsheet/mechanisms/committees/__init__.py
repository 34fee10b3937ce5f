"""The Communities Committees (CC): the second mechanism, in one home (docs/committees.md)."""
