"""The bundled data's figures against committed golden files.

Every year's ``indicators.json``, the profiles of an MOCR (Prizren 2019), a
similar office (Leposaviq 2019) and a municipality without an office
(Zveçan 2018), and ``trends.json``. Their figures were checked against the
CSV files with awk (rows counted per year, municipality and value). A change
to the data or the counting shows up here as a diff to review; regenerate the
files with ``make golden`` only after reviewing it.
"""

from __future__ import annotations

import json
import re
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


@pytest.mark.parametrize(
    ("year", "municipality", "spelled"),
    [(2019, "prizren", "Prizreni"), (2019, "leposaviq", "Leposavić"), (2018, "zvecan", "Zveçan")],
)
def test_profiles_match_golden(year: int, municipality: str, spelled: str) -> None:
    args = ["indicators", "--year", str(year), "--data", str(ROOT / "data"), "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--municipality", spelled])
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / f"profile-{year}-{municipality}.json").read_text("utf-8")
    assert result.stdout == expected


def test_golden_profiles_by_hand() -> None:
    """What the golden files say, in the words of the CSV rows (see the module's note)."""
    prizren = json.loads((GOLDEN / "profile-2019-prizren.json").read_text("utf-8"))
    # 2019/officers.csv: bosniak f, bosniak m, turk f, turk f
    assert prizren["officers"] == {
        "total": 4, "by_community": {"bosniak": 2, "turk": 2}, "f": 3, "m": 1,
    }  # fmt: skip
    # 2019/duties.csv: yes,yes,yes,yes,yes,no,no,yes
    assert prizren["duties_count"] == 6
    assert [d for d, done in prizren["duties"].items() if not done] == [
        "advice", "policy_monitoring",
    ]  # fmt: skip
    assert [(h["year"], h["annual_report"], h["officers"], h["duties_count"])
            for h in prizren["history"]] == [
        (2016, "yes", 4, 7), (2017, "no", 3, 7), (2018, "no", 3, 7), (2019, "yes", 4, 6),
    ]  # fmt: skip
    zvecan = json.loads((GOLDEN / "profile-2018-zvecan.json").read_text("utf-8"))
    assert [h["status"] for h in zvecan["history"]] == ["not_established"] * 3
    assert zvecan["duties"] is None and zvecan["work_plan"] is None


def test_trends_match_golden() -> None:
    result = CliRunner().invoke(app, ["trends", "--data", str(ROOT / "data"), "--format", "json"])
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / "trends.json").read_text("utf-8")
    assert result.stdout == expected
    figures = json.loads(expected)
    assert figures["years"] == [2016, 2017, 2018, 2019]
    # awk over 2019/offices.csv and officers.csv: 35 established (31 plans yes, 4 no;
    # reports 29 yes, 5 no, 1 empty: junik); 80 officers, 33 women
    assert figures["by_year"]["2019"]["established"] == 35
    assert figures["by_year"]["2019"]["annual_report"] == {"yes": 29, "no": 5, "unknown": 1}
    assert figures["by_year"]["2019"]["officers"] == {"total": 80, "f": 33, "m": 47}
    # the trends' duty counts are the year's indicators.json duties[d].yes
    for year in figures["years"]:
        indicators = json.loads((GOLDEN / f"indicators-{year}.json").read_text("utf-8"))
        assert figures["by_year"][str(year)]["duties"] == {
            d: v["yes"] for d, v in indicators["duties"].items()
        }
        assert figures["by_year"][str(year)]["work_plan"] == indicators["work_plan"]


def test_csv_and_table_formats_carry_the_same_figures() -> None:
    args = ["indicators", "--year", "2019", "--data", str(ROOT / "data"), "--format"]
    csv = CliRunner().invoke(app, [*args, "csv"]).stdout.splitlines()
    assert csv[0] == "indicator,value"
    rows = dict(line.split(",", 1) for line in csv[1:])
    assert rows["established"] == "35"
    assert rows["similar_office"] == "leposaviq;mitrovice-veri;zubin-potok"
    assert rows["duties_per_office.zvecan.previous"] == ""  # not established in 2018
    table = CliRunner().invoke(app, [*args, "table"]).stdout
    # Every figure of the CSV, and nothing else, read back from the table's columns.
    assert table_figures(table) == rows


def table_figures(table: str) -> dict[str, str]:
    """The figures of ``mocr indicators --format table``, named and written as the CSV has them.

    The table is fixed-width (``export.to_table``): a 22-character label after
    two spaces, then columns of 10; a blank line between sections, and each
    section after the first opens with its column headings.
    """
    title, *body = table.splitlines()
    head = re.fullmatch(
        r"MOCR indicators (\d+), (\S+) to (\S+)(  \(illustrative sample data\))?", title
    )
    assert head, title
    figures = {"year": head[1], "period.start": head[2], "period.end": head[3]}
    figures["sample"] = "true" if head[4] else "false"

    def cells(line: str) -> tuple[str, list[str]]:
        return line[2:24].strip(), [line[i : i + 10].strip() for i in range(24, len(line), 10)]

    def value(cell: str) -> str:
        return "" if cell == "-" else cell.replace(", ", ";")

    first, *sections = "\n".join(body).strip("\n").split("\n\n")
    for line in first.splitlines():  # one value each; a list of offices runs over the columns
        figures[line[2:24].strip()] = value(line[24:].strip())
    for section in sections:
        (heading, columns), *lines = (cells(line) for line in section.splitlines())
        for name, row in lines:
            if heading == "":  # yes, no, unknown of the work plans and the annual reports
                figures.update({f"{name}.{c}": value(v) for c, v in zip(columns, row, strict=True)})
            elif heading == "officers by community" and name == "all":
                figures["officers.total"] = row[0]
            elif heading == "officers by community" and name != "%":
                figures[f"officers.by_community.{name}"] = row[0]
                figures[f"gender_by_community.{name}.f"] = row[2]
                figures[f"gender_by_community.{name}.m"] = row[3]
            elif heading == "duty":
                figures[f"duties.{name}.yes"], figures[f"duties.{name}.no"] = row[0], row[1]
            elif heading == "duties per office" and name != "average":
                figures[f"duties_per_office.{name}.count"] = row[0]
                figures[f"duties_per_office.{name}.previous"] = value(row[1])
    return figures
