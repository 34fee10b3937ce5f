"""The bundled data's indicators against committed golden files.

A change to the data or the counting shows up here as a diff to review;
regenerate the files with ``make golden`` only after reviewing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_indicators_match_golden(year: int) -> None:
    result = CliRunner().invoke(
        app, ["indicators", "--year", str(year), "--data", str(ROOT / "data"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / f"indicators-{year}.json").read_text("utf-8")
    assert result.stdout == expected
    assert expected.endswith("}\n")


def test_csv_and_table_formats_carry_the_same_figures() -> None:
    args = ["indicators", "--year", "2019", "--data", str(ROOT / "data"), "--format"]
    csv = CliRunner().invoke(app, [*args, "csv"]).stdout.splitlines()
    assert csv[0] == "indicator,value"
    rows = dict(line.split(",", 1) for line in csv[1:])
    assert rows["established"] == "35"
    assert rows["similar_office"] == "leposaviq;mitrovice-veri;zubin-potok"
    assert rows["duties_per_office.zvecan.previous"] == ""  # not established in 2018
    table = CliRunner().invoke(app, [*args, "table"]).stdout
    assert "established" in table and "35" in table
