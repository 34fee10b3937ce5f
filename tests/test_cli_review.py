"""What the analyst review of the command line found (session 11), each held by a
test that failed before its fix: what ``validate`` checks (the same as the build
reads), every cell's problem reported at once, cells quoted as the analyst sees
them, workbook wording, and plain command-line mistakes with status 2."""

from __future__ import annotations

from pathlib import Path

from helpers import edit, invoke


def test_validate_checks_the_earlier_years_a_build_of_the_year_reads(data: Path) -> None:
    """The 2019 profiles' history reads 2018 whole: a bad cell there stops
    ``build --year 2019``, so ``validate --year 2019`` reports it (it said
    "no problems found"), and so does ``indicators``."""
    edit(data / "2018" / "officers.csv", "decan,albanian,m", "decan,albanian,q")  # a 2018 officer
    expected = "2018/officers.csv:2:gender: 'q' is not a gender; use f or m"
    validated = invoke("validate", "--data", str(data), "--year", "2019")
    assert validated.exit_code == 1, validated.output
    assert expected in validated.stderr.splitlines()
    built = invoke("build", "--data", str(data), "--out", str(data.parent / "out"),
                   "--year", "2019", "--dry-run")  # fmt: skip
    assert built.exit_code == 1
    assert validated.stderr == built.stderr  # the same problems, every one
    profile = invoke("indicators", "--data", str(data), "--year", "2019", "--municipality", "decan")
    assert profile.exit_code == 1
    assert expected in profile.stderr.splitlines()
    # Valid: the years read besides the one asked for are named.
    edit(data / "2018" / "officers.csv", "decan,albanian,q", "decan,albanian,m")
    ok = invoke("validate", "--data", str(data), "--year", "2019")
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.endswith(
        ": 2019: no problems found (nor in 2018, which a build of 2019 reads).\n"
    )
