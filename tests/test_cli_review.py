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


def test_a_mistyped_status_hides_no_other_cell_of_its_row(data: Path) -> None:
    """'maybe' and '43' are wrong whatever the status is: reported with the status
    typo in one run (they appeared only once the status was fixed), and the
    status gets a "did you mean" as a community does. What depends on the
    status (must be empty unless established) waits for one."""
    offices = data / "2019" / "offices.csv"
    edit(offices, "decan;established;yes;yes", "decan;Establishd;maybe;43")
    edit(offices, "dragash;not_established;;", "dragash;not_establishd;yes;")
    statuses = "use one of: established, similar_office, not_established"
    result = invoke("validate", "--data", str(data), "--year", "2019")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"2019/offices.csv:2:status: 'Establishd' is not a status (did you mean 'established'?); "
        f"{statuses}",
        "2019/offices.csv:2:work_plan: 'maybe' is not yes or no (nor empty)",
        "2019/offices.csv:2:annual_report: '43' is not yes or no (nor empty)",
        # 'yes' is a yes: whether it may be there at all waits for a status.
        f"2019/offices.csv:3:status: 'not_establishd' is not a status (did you mean "
        f"'not_established'?); {statuses}",
        "4 problems found.",
    ]
