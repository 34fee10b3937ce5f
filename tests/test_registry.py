"""The registry is the one list of kinds: the command line, the planner and the
data a build reads follow it, and a mechanism's tables are read only for the
kinds that read them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.build import registry
from mocr_factsheet.cli import app
from mocr_factsheet.data.dataset import TableSet, load_dataset
from mocr_factsheet.data.inputs import Reads
from mocr_factsheet.data.model import Reference
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.schema import MUNICIPALITY, Column, TableSchema
from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.render.kind import Job, Kind, RenderContext, Scope, Target

SMALL = Path(__file__).parent / "fixtures" / "small"
LANGUAGES = {"en": None, "sq": None, "sr": None}

EXTRA = TableSchema(
    "extra",
    in_year_folder=True,
    rows="one per municipality",
    columns=(Column("municipality", "a municipality", MUNICIPALITY),),
)


def _read_extra(
    data_dir: Path,
    year: int,
    reference: Reference,
    matcher: MunicipalityMatcher,
    encoding: str | None,
) -> tuple[object | None, list[Problem]]:
    """A stand-in mechanism's reader: ``<year>/extra.csv`` saying "bad" is a problem."""
    path = data_dir / str(year) / "extra.csv"
    if path.is_file() and "bad" in path.read_text("utf-8"):
        return None, [Problem(f"{year}/extra.csv", 2, "municipality", "bad", "a bad row")]
    return f"extra of {year}", []


EXTRA_TABLES = TableSet("extra", (EXTRA,), _read_extra)


class ExtraKind(Kind):
    """A kind of another mechanism: one figures file per year, from its own table."""

    name = "extra"
    summary = "a stand-in"
    limited_by = frozenset({"year"})
    table_sets = (EXTRA_TABLES,)

    def targets(self, scope: Scope) -> list[Target]:
        return [(Job(self.name, year), "json") for year in scope.years]

    def path(self, out_dir: Path, job: Job, fmt: str) -> Path:
        return out_dir / str(job.year) / "extra.json"

    def reads(self, job: Job, fmt: str, scope: Scope) -> Reads:
        assert job.year is not None
        return Reads(tables=EXTRA_TABLES.stems(job.year), meta=(job.year,))

    def years(self, job: Job, scope: Scope) -> tuple[int, ...]:
        assert job.year is not None
        return (job.year,)

    def render(
        self, ctx: RenderContext, jobs: Sequence[tuple[Job, tuple[str, ...]]]
    ) -> Iterator[tuple[Job, str, bytes]]:
        for job, _ in jobs:
            assert job.year is not None
            part = ctx.dataset.years[job.year].parts["extra"]
            yield job, "json", f'"{part}"\n'.encode()


def test_the_command_line_offers_every_kind_of_the_registry() -> None:
    result = CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for kind in registry.KINDS.values():
        # The help's words, whatever lines and panel borders (│) they are wrapped in.
        assert f"{kind.name} ({kind.summary})" in " ".join(result.output.replace("│", " ").split())
    # The choices are listed with their meanings; the option itself reads KIND.
    assert "--kind KIND" in " ".join(result.output.replace("│", " ").split())


def test_a_mechanism_s_tables_are_read_only_when_asked_for() -> None:
    plain = load_dataset(SMALL, [2019], LANGUAGES)
    assert plain.years[2019].parts == {}
    read = load_dataset(SMALL, [2019], LANGUAGES, table_sets=(EXTRA_TABLES,))
    assert read.years[2019].parts == {"extra": "extra of 2019"}


def test_a_kind_reads_only_its_mechanism_s_tables() -> None:
    scope = Scope((2019,), (2018, 2019), ("en",), ("html",), ("prizren",))
    for kind in registry.KINDS.values():
        for job, fmt in kind.targets(scope):
            reads = kind.reads(job, fmt, scope)
            read = {t for _, t in reads.tables} | {t for _, t, _ in reads.rows}
            declared = {t.stem for s in kind.table_sets for t in (*s.tables, *s.reference)}
            assert read <= declared, (kind.name, read - declared)


def _build(data: Path, out: Path, kinds: tuple[str, ...]) -> list[str]:
    from mocr_factsheet.build.run import build
    from mocr_factsheet.resources import resource_dir
    from mocr_factsheet.settings import BuildSettings

    settings = BuildSettings(
        data_dir=data,
        out_dir=out,
        years=(2019,),
        languages=("en",),
        formats=("html",),
        force=False,
        jobs=1,
        encoding=None,
        templates_dir=resource_dir("templates"),
        locales_dir=resource_dir("locales"),
        kinds=kinds,
    )
    return sorted(p.relative_to(out).as_posix() for p in build(settings).built)


def test_a_bad_table_of_one_mechanism_stops_only_the_builds_that_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(registry.KINDS, "extra", ExtraKind())
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    (data / "2019" / "extra.csv").write_text("municipality\nbad\n", "utf-8")
    # The sheet reads the MOCR's tables only: the bad table does not stop it.
    assert _build(data, tmp_path / "sheet", ("sheet",)) == [
        "2019/indicators.json",
        "2019/mocr-2019-en.html",
    ]
    # A build of everything would read the bad table: it refuses, writing nothing.
    with pytest.raises(UserError) as refused:
        _build(data, tmp_path / "all", ())
    assert [p.file for p in refused.value.problems] == ["2019/extra.csv"]
    assert not (tmp_path / "all").exists()
    # Mended, the other mechanism's kind builds from what its reader made.
    (data / "2019" / "extra.csv").write_text("municipality\ndecan\n", "utf-8")
    assert _build(data, tmp_path / "extra", ("extra",)) == ["2019/extra.json"]
    assert (tmp_path / "extra" / "2019" / "extra.json").read_text("utf-8") == '"extra of 2019"\n'


def test_mocr_indicators_prints_the_figures_of_the_kind_asked_for() -> None:
    runner = CliRunner()
    common = ["indicators", "--year", "2019", "--data", str(SMALL), "--format", "json"]
    year = runner.invoke(app, common)
    assert year.exit_code == 0, year.output
    assert runner.invoke(app, [*common, "--kind", "sheet"]).output == year.output
    profile = runner.invoke(app, [*common, "--kind", "profile", "--municipality", "Prizren"])
    assert profile.exit_code == 0, profile.output
    assert '"municipality": "prizren"' in profile.output
    assert runner.invoke(app, [*common, "--kind", "profile"]).exit_code == 2
    assert (
        runner.invoke(app, [*common, "--kind", "sheet", "--municipality", "decan"]).exit_code == 2
    )
