"""One schema per input table: validation, new-year, the files a year reads and
the docs all follow it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.build.registry import KINDS, declared_tables
from mocr_factsheet.cli import app
from mocr_factsheet.data import schema, year_tables
from mocr_factsheet.data.check import CheckedTable, Context, read_tables
from mocr_factsheet.data.inputs import REFERENCE_TABLES
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.validate import find_years, parse_gender, parse_yes_no, read_reference
from mocr_factsheet.problems import Problem, sort_problems
from mocr_factsheet.render.kind import Job, Scope

ROOT = Path(__file__).resolve().parent.parent
SMALL = Path(__file__).parent / "fixtures" / "small"
DUTIES = ("contacts", "assessment", "coordination", "projects", "participation",
          "policy_monitoring", "advice", "outreach")  # fmt: skip


def test_the_schemas_are_the_contracts_headers() -> None:
    """The headers of docs/contract.md §1, column for column."""
    assert schema.MUNICIPALITIES.header() == (
        "code", "name_sq", "name_sr", "name_tr", "name_en", "majority_language",
    )  # fmt: skip
    assert schema.MUNICIPALITIES.optional() == ("name_tr", "name_en")
    assert schema.COMMUNITIES.header() == ("code", "colour")
    assert schema.COMMUNITIES.required() == ("code",)
    assert schema.DUTIES.header() == ("code",)
    assert year_tables.OFFICES.header() == ("municipality", "status", "work_plan", "annual_report")
    assert year_tables.OFFICERS.header() == ("municipality", "community", "gender")
    assert year_tables.DUTY_CHECKLISTS.header(DUTIES) == ("municipality", *DUTIES)
    assert year_tables.DUTY_CHECKLISTS.column("advice", DUTIES).vocabulary is schema.YES_NO
    assert [t.path(2019) for t in year_tables.YEAR_TABLES] == [
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
    assert schema.markdown_table(declared_tables()) in docs, "run: make docs"
    for table in (*schema.REFERENCE_TABLES, *year_tables.YEAR_TABLES):
        for column in table.header(("<duty>",) if table.per_duty else ()):
            assert f"| `{column}` |" in docs


def test_new_year_writes_the_schemas_headers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    result = CliRunner().invoke(app, ["new-year", "2020", "--data", str(data)])
    assert result.exit_code == 0, result.output
    for table in year_tables.YEAR_TABLES:
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
        "2018/year.toml",  # its sample flag: a real year's page marks invented figures
    ])  # fmt: skip
    first = _sheet_reads(2018)
    assert not any(name.startswith("2017/") for name in first)


def test_the_docs_list_every_year_tables_rows() -> None:
    docs = (ROOT / "docs" / "data-format.md").read_text("utf-8")
    assert schema.markdown_rows([t for t in declared_tables() if t.in_year_folder]) in docs, (
        "run: make docs"
    )


# --- a mechanism's own tables, declared with data/schema.py alone ------------------
# The Communities Committees' tables as docs/schema.md shows them: the
# machinery reads, checks and makes records of tables it has never heard of.

SEAT = schema.Vocabulary("seat", ("assembly", "community"), compare="code", noun="seat")


def _members_only_if_established(table: CheckedTable, context: Context) -> None:
    """Members only for an established committee."""
    established = dict(context.records(COMMITTEES, tuple) or ())
    for row in table.rows:
        if established.get(row.cells["municipality"] or "") is False:
            table.add(row.row, "municipality", "not-established", "no committee, so no members")


COMMITTEES = schema.TableSchema(
    "committees",
    in_year_folder=True,
    rows="one per municipality (38)",
    columns=(
        schema.Column("municipality", "the municipality", schema.MUNICIPALITY),
        schema.Column("established", "is there a committee", schema.YES_NO),
        schema.Column("meets_regularly", "once a month", schema.YES_NO, empty="unknown"),
    ),
    per_municipality="all",
    record=lambda c: (c.code("municipality"), c.yes_no("established") is True),
)
MEMBERS = schema.TableSchema(
    "committee_members",
    in_year_folder=True,
    rows="one per member",
    columns=(
        schema.Column("municipality", "the municipality", schema.MUNICIPALITY),
        schema.Column("seat", "assembly or community", SEAT),
    ),
    per_municipality="many",
    references=("committees",),
    checks=(_members_only_if_established,),
    record=lambda c: (c.code("municipality"), c.code("seat")),
)


def test_a_mechanism_declares_its_tables_with_the_schema_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    reference, problems = read_reference(data)
    assert reference is not None and not problems
    rows = [f"{m.code},{'no' if m.code == 'decan' else 'yes'}," for m in reference.municipalities]
    rows[1] = "dragash,maybe,yes"  # a bad yes/no; an answer where it may be empty
    del rows[2]  # ferizaj has no row
    (data / "2019" / "committees.csv").write_text(
        "\n".join(["municipality,established,meets_regularly", *rows]) + "\n", "utf-8"
    )
    (data / "2019" / "committee_members.csv").write_text(
        "Municipality,Seat\nDeçan,assembly\nprizren,Community\nprizren,council\n", "utf-8"
    )
    context = Context(reference, MunicipalityMatcher(reference.municipalities))
    found: list[Problem] = []
    read = read_tables(data, 2019, (COMMITTEES, MEMBERS), context, found)
    assert [str(p) for p in sort_problems(found)] == [
        "2019/committee_members.csv:2:municipality: no committee, so no members",
        "2019/committee_members.csv:4:seat: 'council' is not a seat; "
        "use one of: assembly, community",
        "2019/committees.csv: no row for 1 municipality: Ferizaj/Uroševac; "
        "every municipality needs one",
        "2019/committees.csv:3:established: 'maybe' is not yes or no",
    ]
    assert read["committee_members"] == (("decan", "assembly"), ("prizren", "community"))
    committees = read["committees"]
    # 38 municipalities, less ferizaj (no row) and dragash (its row unusable)
    assert committees is not None and len(committees) == 36


def test_a_record_takes_the_vocabulary_s_own_code() -> None:
    """``Cells.one_of``: the code as the model types it, and never a value outside
    the vocabulary (a record is made only from cells the checker read)."""
    cells = schema.Cells({"status": "similar_office", "gender": None})
    found = cells.one_of("status", schema.STATUSES)
    assert found == "similar_office" and found is schema.STATUSES[1]
    with pytest.raises(ValueError, match="none of"):
        cells.one_of("status", schema.GENDERS)
    with pytest.raises(ValueError, match="gender was not read"):
        cells.one_of("gender", schema.GENDERS)
