"""Validation before reading: every command on every bad-input fixture.

docs/reliability.md, "Validation before reading". Each fixture of
``tests/fixtures/bad/<case>/`` (the MOCR's tables) and
``tests/fixtures/committees/<rule>/`` (the Communities Committees' tables,
laid over ``committees/valid``) holds the files that differ from
``tests/fixtures/small``. Every command that reads a data folder is run on
each: none may end in a traceback, each reports only problem lines that
``validate`` reports too (the same file, row, column and words), a build of
everything and ``diff`` report exactly ``validate``'s, and a problem of a
reference table stops every command. Rendering is replaced by nothing (the
pages are not what is tested here; tests/test_build.py builds them), so the
matrix runs in seconds.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from helpers import SMALL, invoke
from mocr_factsheet.build.registry import KINDS

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"
COMMITTEES = FIXTURES / "committees"
CASES = sorted(p.name for p in BAD.iterdir()) + sorted(
    f"committees/{p.name}" for p in COMMITTEES.iterdir() if p.name not in ("valid", "spellings")
)
# The files at the data folder's top every command reads first.
REFERENCE = ("municipalities.csv", "communities.csv", "duties.csv")
_COUNT = re.compile(r"^\d+ problems? found\.$")


def lay_out(case: str, folder: Path) -> Path:
    """``tests/fixtures/small`` with the committees' valid files and the case's files on top."""
    shutil.copytree(SMALL, folder)
    shutil.copytree(COMMITTEES / "valid", folder, dirs_exist_ok=True)
    shutil.copytree(FIXTURES / case if case.startswith("committees/") else BAD / case, folder,
                    dirs_exist_ok=True)  # fmt: skip
    return folder


@pytest.fixture
def no_rendering(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every kind renders nothing: a build checks and plans as it would, in a fraction."""
    for kind in KINDS.values():
        monkeypatch.setattr(type(kind), "render", lambda self, context, jobs: iter(()))
    yield


def problem_lines(result: Result, folder: Path | None = None) -> list[str]:
    """The problem lines of a run (the count line and warnings aside), with ``folder/``
    taken off the front as ``diff`` names the folder of each file."""
    lines = [line for line in result.stderr.splitlines() if not _COUNT.match(line)]
    lines = [line for line in lines if not line.startswith(("warning: ", "["))]
    if folder is not None:
        lines = [line.removeprefix(f"{folder}/") for line in lines]
    return lines


def commands(data: Path, out: Path) -> dict[str, list[str]]:
    """Every command that reads the data folder, as a user would type it."""
    build = ["build", "--data", str(data), "--out", str(out), "--format", "html",
             "--lang", "en", "--jobs", "1"]  # fmt: skip
    return {
        "build": build,
        **{f"build --kind {k}": [*build, "--kind", k] for k in KINDS},
        "build --year 2019": [*build, "--year", "2019"],
        "build --municipality decan": [*build, "--municipality", "decan"],
        "indicators": ["indicators", "--year", "2019", "--data", str(data), "--format", "json"],
        "indicators --municipality": [
            "indicators", "--year", "2019", "--data", str(data), "--municipality", "Deçan"
        ],
        "indicators --kind committees": [
            "indicators", "--year", "2019", "--data", str(data), "--kind", "committees"
        ],
        "trends": ["trends", "--data", str(data), "--format", "json"],
        "new-year": ["new-year", "2020", "--data", str(data)],
    }  # fmt: skip


@pytest.mark.slow
@pytest.mark.usefixtures("no_rendering")
@pytest.mark.parametrize("case", CASES)
def test_every_command_reports_the_problems_validate_reports(tmp_path: Path, case: str) -> None:
    data = lay_out(case, tmp_path / "data")
    checked = invoke("validate", "--data", str(data))
    assert checked.exit_code == 1, checked.output
    expected = problem_lines(checked)
    assert expected
    reference = any(line.startswith(REFERENCE) for line in expected)
    ran = 0
    for name, args in commands(data, tmp_path / "out").items():
        result = invoke(*args)  # never a traceback (helpers.invoke asserts it)
        ran += 1
        lines = [
            line for line in problem_lines(result) if not line.startswith("2020/: 2020 carries")
        ]
        assert result.exit_code in (0, 1), (name, result.output)
        if result.exit_code == 1:
            assert lines, (name, result.output)
        assert set(lines) <= set(expected), (name, lines, expected)
        if name == "build" or reference:
            # The whole publication reads every table; every command reads the reference.
            assert result.exit_code == 1, (name, result.output)
        if name == "build":
            assert sorted(lines) == sorted(expected), name
    for old, new in ((SMALL, data), (data, SMALL)):
        result = invoke("diff", str(old), str(new))
        ran += 1
        assert result.exit_code == 1, result.output
        assert sorted(problem_lines(result, data)) == sorted(expected)
    assert ran == len(commands(data, tmp_path)) + 2


def test_every_fixture_is_a_case() -> None:
    """A fixture folder added is run by the test above (none is silently skipped)."""
    assert len(CASES) == len(list(BAD.iterdir())) + len(list(COMMITTEES.iterdir())) - 2
    assert len(CASES) >= 27


# --- any one cell of any table, then a build --------------------------------------------

# Hostile values: paths, a NUL, device names, case and spaces, a long cell,
# values of other columns, marks that reorder or hide text.
HOSTILE = st.sampled_from(
    ["..", "../../x", "/etc/passwd", "C:\\x", "a\x00b", "con", "NUL", "DECAN", "de can",
     "a/b", "x" * 300, "srb", "sq", "tr", "", " ", "#text_1", "Prizren", "decan", "yes",
     "established", "f", "assembly", "turk", "\u202edecan", "de\u200bcan", "٢٠١٩", "2019\n",
     "=1+1", "<b>x</b>", "null", "\ufeff"]
)  # fmt: skip
# Each table and the kind that reads it (a quick kind: one year, English, HTML).
TABLES = {
    "municipalities.csv": "sheet", "communities.csv": "sheet", "duties.csv": "sheet",
    "2019/offices.csv": "sheet", "2019/officers.csv": "sheet", "2019/duties.csv": "sheet",
    "2018/offices.csv": "sheet", "residing.csv": "committees",
    "2019/committees.csv": "committees", "2019/committee_members.csv": "committees",
}  # fmt: skip
_SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 1


@pytest.fixture(scope="module")
def valid_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lay_out("committees/valid", tmp_path_factory.mktemp("mutants") / "data")


@pytest.mark.slow
@settings(
    max_examples=25 * _SCALE,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(sorted(TABLES)), st.data())
def test_a_build_on_any_one_cell_changed_builds_or_reports(
    valid_folder: Path, table: str, data: st.DataObject
) -> None:
    """One cell of one table set to a hostile value (or any text), then ``mocr build``
    of the kind that reads it: built, or problem lines; never a traceback, and
    nothing written outside ``--out``."""
    path = valid_folder / table
    original = path.read_text("utf-8")
    delimiter = ";" if original.splitlines()[0].count(";") else ","
    records = list(csv.reader(io.StringIO(original), delimiter=delimiter))
    row = data.draw(st.integers(0, len(records) - 1), label="row")
    column = data.draw(st.integers(0, len(records[row]) - 1), label="column")
    records[row][column] = data.draw(HOSTILE | st.text(max_size=20), label="cell")
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\n").writerows(records)
    path.write_text(text.getvalue(), "utf-8")
    out = valid_folder.parent / "out"
    before = sorted(p.name for p in valid_folder.parent.iterdir())
    try:
        kinds = ["--kind", "sheet", "--kind", "profile", "--municipality", "decan"]
        result = invoke(
            "build", "--data", str(valid_folder), "--out", str(out), "--year", "2019",
            "--lang", "en", "--format", "html", "--jobs", "1",
            *(kinds if TABLES[table] == "sheet" else ["--kind", "committees"]),
        )  # fmt: skip
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 1:
            lines = problem_lines(result)
            assert lines, result.output
            # Each a problem line, located in a file of the data folder.
            located = re.compile(r"(\d{4}/)?[a-z_]+\.(csv|xlsx|toml)(:\d+)?:")
            assert all(located.match(line) for line in lines), lines
        after = sorted(p.name for p in valid_folder.parent.iterdir() if p.name != "out")
        assert after == [n for n in before if n != "out"]
        assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    finally:
        path.write_text(original, "utf-8")
