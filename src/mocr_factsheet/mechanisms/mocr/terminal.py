"""The MOCR's figures as plain tables for a terminal (``mocr indicators``, ``mocr trends``)."""

from __future__ import annotations

from fractions import Fraction

from mocr_factsheet.mechanisms.mocr.indicators import Indicators, Profile, Trends


def _row(lines: list[str], name: str, *values: object) -> None:
    lines.append(f"  {name:<22}" + "".join(f"{v!s:>10}" for v in values).rstrip())


def _maybe(value: object) -> str:
    return "-" if value is None else str(value)


def _mean(value: Fraction | None) -> str:
    return "-" if value is None else f"{float(value):.2f}"


def to_table(indicators: Indicators) -> str:
    """A table for a terminal: the figures an analyst checks before publishing."""
    i = indicators
    lines: list[str] = []

    def row(name: str, *values: object) -> None:
        _row(lines, name, *values)

    sample = "  (illustrative sample data)" if i.sample else ""
    lines.append(f"MOCR indicators {i.year}, {i.period.start} to {i.period.end}{sample}")
    lines.append("")
    row("municipalities", i.municipalities)
    row("established", i.established)
    row("similar_office", ", ".join(i.similar_office) or "-")
    row("not_established", ", ".join(i.not_established) or "-")
    lines.append("")
    row("", "yes", "no", "unknown")
    row("work_plan", i.work_plan.yes, i.work_plan.no, i.work_plan.unknown)
    row("annual_report", i.annual_report.yes, i.annual_report.no, i.annual_report.unknown)
    lines.append("")
    row("officers by community", "total", "%", "f", "m")
    for code, total in i.officers_by_community.items():
        split = i.gender_by_community[code]
        row(code, total, i.community_shares[code], split.f, split.m)
    row("all", i.officers_total, 100 if i.officers_total else 0, i.gender.f, i.gender.m)
    row("%", "", "", i.gender.f_percent, i.gender.m_percent)
    lines.append("")
    row("duty", "yes", "no", "yes %")
    for code, count in i.duties.items():
        row(code, count.yes, count.no, count.percent)
    lines.append("")
    row("duties per office", i.year, i.previous_year, "vs avg")
    row("average", _mean(i.average_duties))
    for code, c in i.duties_per_office.items():
        row(code, c.count, _maybe(c.previous), c.versus_average)
    return "\n".join(lines) + "\n"


def profile_table(p: Profile) -> str:
    """A municipality's profile for a terminal."""
    lines: list[str] = []
    sample = "  (illustrative sample data)" if p.sample else ""
    lines.append(f"MOCR profile {p.municipality} {p.year}{sample}")
    lines.append("")
    _row(lines, "status", p.status)
    if p.established:
        _row(lines, "work_plan", _maybe(p.work_plan))
        _row(lines, "annual_report", _maybe(p.annual_report))
        lines.append("")
        _row(lines, "officers by community", "total", "f", "m")
        for code, total in p.officers_by_community.items():
            split = p.gender_by_community[code]
            _row(lines, code, total, split.f, split.m)
        _row(lines, "all", p.officers_total, p.gender.f, p.gender.m)
        lines.append("")
        _row(lines, "duty", p.year, p.year - 1)
        for code, done in (p.duties or {}).items():
            before = None if p.previous_duties is None else p.previous_duties[code]
            _row(lines, code, "yes" if done else "no", _maybe(_yes_no(before)))
        _row(lines, "duties", _maybe(p.duties_count), _maybe(p.previous_duties_count))
        _row(lines, "average of all MOCRs", _mean(p.average_duties))
    lines.append("")
    _row(lines, "history", "status", "plan", "report", "officers", "duties")
    for h in p.history:
        _row(
            lines,
            str(h.year),
            _STATUS_SHORT[h.status],
            _maybe(h.work_plan),
            _maybe(h.annual_report),
            h.officers,
            _maybe(h.duties_count),
        )
    return "\n".join(lines) + "\n"


_STATUS_SHORT = {"established": "MOCR", "similar_office": "similar", "not_established": "none"}


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else "yes" if value else "no"


def trends_table(t: Trends) -> str:
    """Every year side by side, for a terminal."""
    columns = list(t.by_year.values())
    invented = [c.year for c in columns if c.sample]
    sample = f"  (illustrative sample data: {', '.join(map(str, invented))})" if invented else ""
    lines: list[str] = ["MOCR trends " + ", ".join(map(str, t.years)) + sample, ""]
    _row(lines, "", *t.years)
    _row(lines, "established", *(c.established for c in columns))
    for name in ("work_plan", "annual_report"):
        for answer in ("yes", "no", "unknown"):
            _row(lines, f"{name}.{answer}", *(getattr(getattr(c, name), answer) for c in columns))
    _row(lines, "officers", *(c.officers_total for c in columns))
    _row(lines, "women", *(c.gender.f for c in columns))
    _row(lines, "women %", *(c.gender.f_percent for c in columns))
    lines.append("")
    _row(lines, "duty (offices)", *t.years)
    for duty in columns[0].duties if columns else ():
        _row(lines, duty, *(c.duties[duty].yes for c in columns))
    lines.append("")
    _row(lines, "duties per office", *t.years)
    _row(lines, "average", *(_mean(c.average_duties) for c in columns))
    for code, counts in t.duties_per_office.items():
        _row(lines, code, *(_maybe(counts[y]) for y in t.years))
    return "\n".join(lines) + "\n"
