"""Figures as text for machines: the one JSON writer, and CSV.

Every mechanism's figures (the MOCR's indicators, a profile, the trends) go
the same way: JSON from their ``as_json``, CSV as one row per JSON path. The
figures files a build writes and ``mocr diff --format json`` use the same
writer. Standard library only.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Protocol


class Figures(Protocol):
    def as_json(self) -> dict[str, Any]: ...


def to_json(figures: Figures) -> str:
    """The JSON of docs/contract.md §3 (``indicators.json``, a profile, ``trends.json``)."""
    return json_text(figures.as_json())


def json_text(value: Any) -> str:
    """JSON as the project writes it: indented, sorted keys, UTF-8, a trailing newline."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """``{"a": {"b": 1}}`` → ``[("a.b", "1")]``; lists joined by ``;``, null as empty.

    A list of records with a year (a profile's history) is keyed by the year:
    ``history.2018.status``.
    """
    if isinstance(value, dict):
        rows: list[tuple[str, str]] = []
        for key in sorted(value):
            rows.extend(flatten(value[key], f"{prefix}.{key}" if prefix else key))
        return rows
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return flatten({str(v.get("year", i)): v for i, v in enumerate(value)}, prefix)
    if isinstance(value, list):
        return [(prefix, ";".join(str(v) for v in value))]
    if value is None:
        return [(prefix, "")]
    if isinstance(value, bool):
        return [(prefix, "true" if value else "false")]
    return [(prefix, str(value))]


def to_csv(figures: Figures) -> str:
    """One ``indicator,value`` row per figure, keyed like the JSON's paths."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["indicator", "value"])
    writer.writerows(flatten(figures.as_json()))
    return buffer.getvalue()
