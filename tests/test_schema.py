"""One schema per input table: validation, new-year, the files a year reads and
the docs all follow it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.build.registry import KINDS
from mocr_factsheet.cli import app
from mocr_factsheet.data import schema
from mocr_factsheet.data.inputs import REFERENCE_TABLES
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.data.validate import find_years, parse_gender, parse_yes_no
from mocr_factsheet.render.kind import Job, Scope

ROOT = Path(__file__).resolve().parent.parent
SMALL = Path(__file__).parent / "fixtures" / "small"
DUTIES = ("contacts", "assessment", "coordination", "projects", "participation",
          "policy_monitoring", "advice", "outreach")  # fmt: skip


def test_the_schemas_are_the_contracts_headers() -> None:
    assert schema.MUNICIPALITIES.header() == (
        "code", "name_sq", "name_sr", "name_tr", "name_en", "majority_language",
    )  # fmt: skip
    assert schema.MUNICIPALITIES.optional() == ("name_tr", "name_en")
    assert schema.COMMUNITIES.header() == ("code", "colour")
    assert schema.COMMUNITIES.required() == ("code",)
    assert schema.DUTIES.header() == ("code",)
    assert schema.OFFICES.header() == ("municipality", "status", "work_plan", "annual_report")
    assert schema.OFFICERS.header() == ("municipality", "community", "gender")
    assert schema.DUTY_CHECKLISTS.header(DUTIES) == ("municipality", *DUTIES)
    assert schema.DUTY_CHECKLISTS.column("advice", DUTIES).vocabulary is schema.YES_NO
    assert [t.path(2019) for t in schema.YEAR_TABLES] == [
        "2019/offices", "2019/officers", "2019/duties",
    ]  # fmt: skip
    assert [t.path() for t in schema.REFERENCE_TABLES] == [
        "municipalities", "communities", "duties",
    ]  # fmt: skip


@pytest.mark.parametrize(("vocabulary", "parse", "meaning"), [
    (schema.YES_NO, parse_yes_no, {"yes": True, "no": False}),
    (schema.GENDER, parse_gender, {"f": "f", "m": "m"}),
])  # fmt: skip
def test_validation_accepts_exactly_the_schemas_spellings(
    vocabulary: schema.Vocabulary, parse: Callable[[str], object], meaning: dict[str, object]
) -> None:
    for value in vocabulary.values:
        for spelled in schema.accepted(vocabulary, value):
            assert parse(spelled.upper()) == meaning[value], spelled
    assert parse("maybe") in (None, "maybe")


def test_the_docs_list_every_column() -> None:
    docs = (ROOT / "docs" / "data-format.md").read_text("utf-8")
    assert schema.markdown_table() in docs, "run: make docs"
    for table in (*schema.REFERENCE_TABLES, *schema.YEAR_TABLES):
        for column in table.header(("<duty>",) if table.per_duty else ()):
            assert f"| `{column}` |" in docs


def test_new_year_writes_the_schemas_headers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    result = CliRunner().invoke(app, ["new-year", "2020", "--data", str(data)])
    assert result.exit_code == 0, result.output
    for table in schema.YEAR_TABLES:
        first = (data / f"{table.path(2020)}.csv").read_text("utf-8").splitlines()[0]
        assert tuple(first.split(",")) == table.header(DUTIES)


def _sheet_reads(year: int) -> list[str]:
    """The files a sheet of ``year`` declares it reads (its kind's ``reads``)."""
    scope = Scope((year,), tuple(find_years(SMALL)), ("en",), ("html",), MUNICIPALITY_CODES)
    reads = KINDS["sheet"].reads(Job("sheet", year, "en"), "html", scope)
    files = [f"{stem}.csv" for stem in REFERENCE_TABLES] + [f"{y}/year.toml" for y in reads.meta]
    return files + [f"{t}.csv" if y is None else f"{y}/{t}.csv" for y, t in reads.tables]


def test_a_year_is_built_from_the_schemas_files() -> None:
    files = _sheet_reads(2019)
    assert sorted(files) == sorted([
        "municipalities.csv", "communities.csv", "duties.csv",
        "2019/year.toml", "2019/offices.csv", "2019/officers.csv", "2019/duties.csv",
        "2018/offices.csv", "2018/duties.csv",  # the previous-year figures
    ])  # fmt: skip
    first = _sheet_reads(2018)
    assert not any(name.startswith("2017/") for name in first)
