"""Indicators as text for machines and terminals: JSON, CSV and a plain table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from mocr_factsheet.indicators import Indicators


def to_json(indicators: Indicators) -> str:
    """The contract's ``indicators.json``: sorted keys, UTF-8, a trailing newline."""
    return json.dumps(indicators.as_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """``{"a": {"b": 1}}`` → ``[("a.b", "1")]``; lists joined by ``;``, null as empty."""
    if isinstance(value, dict):
        rows: list[tuple[str, str]] = []
        for key in sorted(value):
            rows.extend(flatten(value[key], f"{prefix}.{key}" if prefix else key))
        return rows
    if isinstance(value, list):
        return [(prefix, ";".join(str(v) for v in value))]
    if value is None:
        return [(prefix, "")]
    if isinstance(value, bool):
        return [(prefix, "true" if value else "false")]
    return [(prefix, str(value))]


def to_csv(indicators: Indicators) -> str:
    """One ``indicator,value`` row per figure, keyed like the JSON's paths."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["indicator", "value"])
    writer.writerows(flatten(indicators.as_json()))
    return buffer.getvalue()


def to_table(indicators: Indicators) -> str:
    """A table for a terminal: the figures an analyst checks before publishing."""
    i = indicators
    lines: list[str] = []

    def row(name: str, *values: object) -> None:
        lines.append(f"  {name:<22}" + "".join(f"{v!s:>10}" for v in values).rstrip())

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
    row("officers by community", "total", "f", "m")
    for code, total in i.officers_by_community.items():
        split = i.gender_by_community[code]
        row(code, total, split.f, split.m)
    row("all", i.officers_total)
    lines.append("")
    row("duty", "yes", "no")
    for code, count in i.duties.items():
        row(code, count.yes, count.no)
    lines.append("")
    row("duties per office", i.year, i.previous_year)
    for code, c in i.duties_per_office.items():
        row(code, c.count, "-" if c.previous is None else c.previous)
    return "\n".join(lines) + "\n"
