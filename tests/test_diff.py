"""``mocr diff OLD NEW``: one change to each kind of file, pinned in every format.

``old`` is a copy of ``tests/fixtures/small``; ``new`` the same with one edit.
In 2019 decan, gracanice (line 9 of offices.csv) and prizren (line 29, work
plan no, annual report unknown) are established; prizren's officers are a
Turk man and a Bosniak woman, its checklist (duties.csv line 4) says yes to
contacts only. The figures below are counted by hand from those files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import SMALL, edit, invoke


def change_status(new: Path) -> None:
    edit(new / "2019" / "offices.csv", "dragash;not_established;;", "dragash;similar_office;;")


def answer_yes(new: Path) -> None:
    edit(new / "2019" / "offices.csv", "PRIZREN;established;no;\n", "PRIZREN;established;no;po\n")


def add_officer(new: Path) -> None:
    with (new / "2019" / "officers.csv").open("a", encoding="utf-8") as file:
        file.write("Prizren,turk,f\n")


def change_duty(new: Path) -> None:
    edit(
        new / "2019" / "duties.csv",
        "prizren,yes,jo,ne,no,no,no,no,no",
        "prizren,yes,jo,ne,no,no,no,yes,no",
    )


def change_note(new: Path) -> None:
    edit(new / "2019" / "year.toml", "Figures for January", "Figures from January")


def revise(new: Path) -> None:
    edit(new / "2019" / "year.toml", "sample = true\n", "sample = true\npublished = 2019-08-01\n")


def add_year(new: Path) -> None:
    shutil.copytree(new / "2019", new / "2020")
    edit(new / "2020" / "year.toml", 'period = { start = "2019-01", end = "2019-06" }\n', "")


Figure = tuple[int, str, Any, Any]
Profile = tuple[int, str, str, Any, Any]
RowChange = tuple[str, int | None, str, str | None, str, str, str]


class Case:
    def __init__(
        self,
        change: Callable[[Path], None],
        text: str,
        markdown: str,
        *,
        years_added: tuple[int, ...] = (),
        figures: tuple[Figure, ...] = (),
        profiles: tuple[Profile, ...] = (),
        rows: tuple[RowChange, ...] = (),
    ) -> None:
        self.change = change
        self.text = text
        self.markdown = markdown
        self.json = {
            "changed": True,
            "old": "old",
            "new": "new",
            "years": {"added": list(years_added), "removed": []},
            "figures": [{"year": y, "figure": f, "old": o, "new": n} for y, f, o, n in figures],
            "profiles": [
                {"year": y, "municipality": m, "figure": f, "old": o, "new": n}
                for y, m, f, o, n in profiles
            ],
            "rows": [
                {"file": f, "line": ln, "key": k, "column": c, "old": o, "new": n, "change": ch}
                for f, ln, k, c, o, n, ch in rows
            ],
            "new_years": [],
        }


ROWS_HEADER = """\
### Data rows

| file | line | row | column | before | after |
| --- | ---: | --- | --- | --- | --- |
"""

CASES = {
    "a status": Case(
        change_status,
        """\
Figures (indicators.json)
2019 not_established: − dragash
2019 similar_office: + dragash
Profile figures
2019 dragash status: not_established → similar_office
Data rows
2019/offices.csv:3 dragash status: 'not_established' → 'similar_office'
""",
        """\
## Data changes: `old` → `new`

2 figures, 1 profile figure, 1 data row changed.

### Figures

| year | figure | before | after |
| --- | --- | ---: | ---: |
| 2019 | `not_established` | − dragash |   |
| 2019 | `similar_office` |   | **+ dragash** |

### Profile figures

| year | municipality | figure | before | after |
| --- | --- | --- | ---: | ---: |
| 2019 | dragash | `status` | not_established | **similar_office** |

"""
        + ROWS_HEADER
        + "| `2019/offices.csv` | 3 | dragash | status | not_established | **similar_office** |\n",
        figures=(
            (2019, "not_established", None, None),  # lists: checked apart, below
            (
                2019,
                "similar_office",
                ["leposaviq", "zubin-potok"],
                ["dragash", "leposaviq", "zubin-potok"],
            ),
        ),
        profiles=((2019, "dragash", "status", "not_established", "similar_office"),),
        rows=(
            (
                "2019/offices.csv",
                3,
                "dragash",
                "status",
                "not_established",
                "similar_office",
                "changed",
            ),
        ),
    ),
    "a yes/no": Case(
        answer_yes,
        """\
Figures (indicators.json)
2019 annual_report.unknown: 1 → 0
2019 annual_report.yes: 1 → 2
Profile figures
2019 prizren annual_report: unknown → yes
Data rows
2019/offices.csv:29 prizren annual_report: '' → 'yes'
""",
        """\
## Data changes: `old` → `new`

2 figures, 1 profile figure, 1 data row changed.

### Figures

| year | figure | before | after |
| --- | --- | ---: | ---: |
| 2019 | `annual_report.unknown` | 1 | **0** |
| 2019 | `annual_report.yes` | 1 | **2** |

### Profile figures

| year | municipality | figure | before | after |
| --- | --- | --- | ---: | ---: |
| 2019 | prizren | `annual_report` | unknown | **yes** |

"""
        + ROWS_HEADER
        + "| `2019/offices.csv` | 29 | prizren | annual_report | *empty* | **yes** |\n",
        figures=((2019, "annual_report.unknown", 1, 0), (2019, "annual_report.yes", 1, 2)),
        profiles=((2019, "prizren", "annual_report", "unknown", "yes"),),
        rows=(("2019/offices.csv", 29, "prizren", "annual_report", "", "yes", "changed"),),
    ),
    "an officer added": Case(
        add_officer,
        """\
Figures (indicators.json)
2019 community_shares.albanian: 14 → 13
2019 community_shares.bosniak: 14 → 13
2019 community_shares.roma: 14 → 13
2019 community_shares.serb: 43 → 38
2019 community_shares.turk: 14 → 25
2019 gender.f_percent: 57 → 63
2019 gender.m_percent: 43 → 38
2019 gender_by_community.turk.f: 0 → 1
2019 officers.by_community.turk: 1 → 2
2019 officers.total: 7 → 8
Profile figures
2019 prizren gender.f_percent: 50 → 67
2019 prizren gender.m_percent: 50 → 33
2019 prizren officers.by_community.turk: 1 → 2
2019 prizren officers.f: 1 → 2
2019 prizren officers.total: 2 → 3
Data rows
2019/officers.csv:9 prizren added: 'turk, f'
""",
        """\
## Data changes: `old` → `new`

10 figures, 5 profile figures, 1 data row changed.

### Figures

| year | figure | before | after |
| --- | --- | ---: | ---: |
| 2019 | `community_shares.albanian` | 14 | **13** |
| 2019 | `community_shares.bosniak` | 14 | **13** |
| 2019 | `community_shares.roma` | 14 | **13** |
| 2019 | `community_shares.serb` | 43 | **38** |
| 2019 | `community_shares.turk` | 14 | **25** |
| 2019 | `gender.f_percent` | 57 | **63** |
| 2019 | `gender.m_percent` | 43 | **38** |
| 2019 | `gender_by_community.turk.f` | 0 | **1** |
| 2019 | `officers.by_community.turk` | 1 | **2** |
| 2019 | `officers.total` | 7 | **8** |

### Profile figures

| year | municipality | figure | before | after |
| --- | --- | --- | ---: | ---: |
| 2019 | prizren | `gender.f_percent` | 50 | **67** |
| 2019 | prizren | `gender.m_percent` | 50 | **33** |
| 2019 | prizren | `officers.by_community.turk` | 1 | **2** |
| 2019 | prizren | `officers.f` | 1 | **2** |
| 2019 | prizren | `officers.total` | 2 | **3** |

"""
        + ROWS_HEADER
        + "| `2019/officers.csv` | 9 | prizren | added |   | **turk, f** |\n",
        figures=(
            # The shares the sheet prints, each rounded on its own: 1, 1, 1, 3, 1 of 7
            # (14+14+14+43+14 = 99), then 1, 1, 1, 3, 2 of 8 (13+13+13+38+25 = 102).
            (2019, "community_shares.albanian", 14, 13),
            (2019, "community_shares.bosniak", 14, 13),
            (2019, "community_shares.roma", 14, 13),
            (2019, "community_shares.serb", 43, 38),
            (2019, "community_shares.turk", 14, 25),
            (2019, "gender.f_percent", 57, 63),
            (2019, "gender.m_percent", 43, 38),
            (2019, "gender_by_community.turk.f", 0, 1),
            (2019, "officers.by_community.turk", 1, 2),
            (2019, "officers.total", 7, 8),
        ),
        profiles=(
            (2019, "prizren", "gender.f_percent", 50, 67),
            (2019, "prizren", "gender.m_percent", 50, 33),
            (2019, "prizren", "officers.by_community.turk", 1, 2),
            (2019, "prizren", "officers.f", 1, 2),
            (2019, "prizren", "officers.total", 2, 3),
        ),
        rows=(("2019/officers.csv", 9, "prizren", None, "", "turk, f", "added"),),
    ),
    "a duty": Case(
        change_duty,
        """\
Figures (indicators.json)
2019 average_duties: 4.3 → 4.7
2019 duties.advice.no: 2 → 1
2019 duties.advice.percent: 33 → 67
2019 duties.advice.yes: 1 → 2
2019 duties_per_office.prizren.count: 1 → 2
Profile figures
2019 prizren duties.advice: false → true
2019 prizren duties_count: 1 → 2
Data rows
2019/duties.csv:4 prizren advice: 'no' → 'yes'
""",
        """\
## Data changes: `old` → `new`

5 figures, 2 profile figures, 1 data row changed.

### Figures

| year | figure | before | after |
| --- | --- | ---: | ---: |
| 2019 | `average_duties` | 4.3 | **4.7** |
| 2019 | `duties.advice.no` | 2 | **1** |
| 2019 | `duties.advice.percent` | 33 | **67** |
| 2019 | `duties.advice.yes` | 1 | **2** |
| 2019 | `duties_per_office.prizren.count` | 1 | **2** |

### Profile figures

| year | municipality | figure | before | after |
| --- | --- | --- | ---: | ---: |
| 2019 | prizren | `duties.advice` | false | **true** |
| 2019 | prizren | `duties_count` | 1 | **2** |

"""
        + ROWS_HEADER
        + "| `2019/duties.csv` | 4 | prizren | advice | no | **yes** |\n",
        figures=(
            # 13 duties over 3 offices, then 14: printed to one decimal.
            (2019, "average_duties", 4.3, 4.7),
            (2019, "duties.advice.no", 2, 1),
            (2019, "duties.advice.percent", 33, 67),
            (2019, "duties.advice.yes", 1, 2),
            (2019, "duties_per_office.prizren.count", 1, 2),
        ),
        profiles=(
            (2019, "prizren", "duties.advice", False, True),
            (2019, "prizren", "duties_count", 1, 2),
        ),
        rows=(("2019/duties.csv", 4, "prizren", "advice", "no", "yes", "changed"),),
    ),
    "a note": Case(
        change_note,
        """\
Data rows
2019/year.toml notes.en[1]: 'Figures for January to June.' → 'Figures from January to June.'
""",
        """\
## Data changes: `old` → `new`

1 data row changed.

"""
        + ROWS_HEADER
        + "| `2019/year.toml` |  | notes.en\\[1\\] | changed | Figures for January to June. | "
        "**Figures from January to June.** |\n",
        rows=(
            (
                "2019/year.toml",
                None,
                "notes.en[1]",
                None,
                "Figures for January to June.",
                "Figures from January to June.",
                "changed",
            ),
        ),
    ),
    "a publication date": Case(
        revise,
        """\
Data rows
2019/year.toml published: '' → '2019-08-01'
""",
        """\
## Data changes: `old` → `new`

1 data row changed.

"""
        + ROWS_HEADER
        + "| `2019/year.toml` |  | published | changed | *empty* | **2019-08-01** |\n",
        rows=(("2019/year.toml", None, "published", None, "", "2019-08-01", "changed"),),
    ),
}


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``old`` and ``new``, both the small fixture, in the current folder."""
    shutil.copytree(SMALL, tmp_path / "old")
    shutil.copytree(SMALL, tmp_path / "new")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_kind_of_change_in_every_format(folders: Path, case: Case) -> None:
    case.change(folders / "new")
    text = invoke("diff", "old", "new")
    assert text.exit_code == 0, text.output
    assert text.stdout == case.text
    markdown = invoke("diff", "old", "new", "--format", "markdown")
    assert markdown.exit_code == 0
    assert markdown.stdout == case.markdown
    result = invoke("diff", "old", "new", "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    if case.change is change_status:  # the whole lists, before and after
        listed = found["figures"][0]
        assert listed["old"][:2] == ["dragash", "ferizaj"] and len(listed["old"]) == 33
        assert listed["new"] == listed["old"][1:]
        listed["old"] = listed["new"] = None
    assert found == case.json


def test_no_change(folders: Path) -> None:
    result = invoke("diff", "old", "new")
    assert (result.exit_code, result.stdout) == (0, "No change between old and new.\n")
    result = invoke("diff", "old", "new", "--format", "json")
    found = json.loads(result.stdout)
    assert not found["changed"] and found["rows"] == found["figures"] == []


def test_spelling_is_no_change(folders: Path) -> None:
    """A name for a code, po for yes: the same data, so nothing to review."""
    edit(
        folders / "new" / "2019" / "offices.csv",
        "decan;established;yes;yes",
        "Deçan;established;Po;da",
    )
    edit(folders / "new" / "2019" / "officers.csv", "prizren,turk,male", "Prizren,Turk,m")
    assert invoke("diff", "old", "new").stdout == "No change between old and new.\n"


def test_a_reference_table_change_is_a_row_change(folders: Path) -> None:
    """A label changes on the sheets, no figure does."""
    edit(folders / "new" / "municipalities.csv", "prizren,Prizren,Prizren,Prizren,,sq",
         "prizren,Prizren,Prizren,Prizren,Prizren City,sq")  # fmt: skip
    edit(folders / "new" / "communities.csv", "turk,#", "Turk,#")  # a code in another case
    result = invoke("diff", "old", "new")
    assert result.stdout == (
        "Data rows\nmunicipalities.csv:29 prizren name_en: '' → 'Prizren City'\n"
    )


def test_an_officer_removed_is_shown_at_its_old_line(folders: Path) -> None:
    edit(folders / "new" / "2019" / "officers.csv", "decan,albanian,f\n", "")
    result = invoke("diff", "old", "new")
    assert result.stdout.splitlines()[-1] == "2019/officers.csv:2 decan removed: 'albanian, f'"


def test_a_folder_that_does_not_validate_is_reported(folders: Path) -> None:
    edit(folders / "new" / "2019" / "offices.csv", "dragash;not_established;;", "dragash;closed;;")
    result = invoke("diff", "old", "new")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "new/2019/offices.csv:3:status: 'closed' is not a status; "
        "use one of: established, similar_office, not_established",
        "1 problem found.",
    ]


def test_a_missing_folder_is_reported(folders: Path) -> None:
    """diff takes its folders as arguments: no hint of --data, which it has not (CLI
    review), and a file given as a folder is called a file."""
    result = invoke("diff", "old", "nowhere")
    assert result.exit_code == 1
    assert result.stderr == (
        "nowhere: data folder not found: give the folder that holds municipalities.csv "
        "and the year folders\n1 problem found.\n"
    )
    # A file for a folder: a mistake of the command line, status 2 as in validate.
    result = invoke("diff", "old/municipalities.csv", "old")
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())  # the box's lines joined
    assert "'old/municipalities.csv' is a file, not a data folder" in said


def test_colour_only_on_a_terminal(folders: Path) -> None:
    from mocr_factsheet.diff import diff_folders, to_text

    change_duty(folders / "new")
    changes = diff_folders(Path("old"), Path("new"), {"en": None, "sq": None, "sr": None})
    coloured = to_text(changes, colour=True)
    assert "2019 duties.advice.yes: \x1b[31m1\x1b[0m → \x1b[32m2\x1b[0m" in coloured
    assert "\x1b[" not in invoke("diff", "old", "new").stdout  # CliRunner is no terminal


def test_diff_reads_and_counts_but_never_renders(folders: Path) -> None:
    """No charting, templating or PDF library is loaded: the command stays quick."""
    change_duty(folders / "new")
    script = (
        "import sys\n"
        "from mocr_factsheet.cli import app\n"
        "try:\n"
        "    app(['diff', 'old', 'new'])\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
        "heavy = {'matplotlib', 'typst', 'jinja2'} & set(sys.modules)\n"
        "print('heavy:', sorted(heavy))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCR_")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.endswith("heavy: []\n")
    assert "2019 duties.advice.yes: 1 → 2" in done.stdout


def test_a_year_removed(folders: Path) -> None:
    add_year(folders / "old")
    assert invoke("diff", "old", "new").stdout == "Years\n2020: year removed\n"
    found = json.loads(invoke("diff", "old", "new", "--format", "json").stdout)
    assert found["years"] == {"added": [], "removed": [2020]}
    markdown = invoke("diff", "old", "new", "--format", "markdown").stdout
    assert markdown.endswith("1 year removed.\n\n### Years\n\n- **2020** removed\n")


def test_a_year_added_lists_every_figure_beside_the_year_before(folders: Path) -> None:
    """What the pages of the new year print — counts, shares, percentages,
    averages, and each profile's — beside 2019's, in every format."""
    add_year(folders / "new")
    with (folders / "new" / "2020" / "officers.csv").open("a", encoding="utf-8") as file:
        file.write("Prizren,turk,f\n")
    text = invoke("diff", "old", "new").stdout
    assert text.startswith("Years\n2020: year added\n2020: every figure, beside 2019\n")
    lines = text.splitlines()
    for line in [
        "2020 officers.total: 8 (2019: 7)",
        "2020 community_shares.turk: 25 (2019: 14)",  # of 8 officers, then of 7
        "2020 gender.f_percent: 63 (2019: 57)",
        "2020 duties.advice.percent: 33 (2019: 33)",
        "2020 average_duties: 4.3 (2019: 4.3)",
        "2020 similar_office: leposaviq, zubin-potok (2019: leposaviq, zubin-potok)",
        "2020 period.start: 2020-01 (2019: 2019-01)",
        "2020 prizren officers.total: 3 (2019: 2)",
        "2020 prizren gender.f_percent: 67 (2019: 50)",
        "2020 prizren versus_average: below (2019: below)",
    ]:
        assert line in lines
    assert not any(line.startswith("2020 year:") for line in lines)
    # The profile's average of all offices is the year's: listed once.
    assert not any(" average_duties" in line for line in lines if line.startswith("2020 p"))
    listed = [line for line in lines if line.startswith("2020 ") and ": " in line]

    markdown = invoke("diff", "old", "new", "--format", "markdown").stdout
    assert "### 2020: every figure, beside 2019\n\n| figure | 2019 | 2020 |\n" in markdown
    assert "| `officers.total` | 7 | **8** |" in markdown
    assert "| `community_shares.turk` | 14 | **25** |" in markdown
    assert "<details><summary>The profiles' figures of 2020 (" in markdown
    assert "| prizren | `officers.total` | 2 | **3** |" in markdown

    found = json.loads(invoke("diff", "old", "new", "--format", "json").stdout)
    (added,) = found["new_years"]
    assert (added["year"], added["previous"]) == (2020, 2019)
    assert {"figure": "officers.total", "previous": 7, "value": 8} in added["figures"]
    assert {
        "figure": "gender.f_percent",
        "municipality": "prizren",
        "previous": 50,
        "value": 67,
    } in added["profiles"]
    assert len(added["figures"]) + len(added["profiles"]) == len(listed)


@pytest.mark.parametrize(
    ("note", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert\\(1\\)\\>"),
        ("![x](http://e.vil/p.png)", "\\!\\[x\\]\\(http\\://e.vil/p.png\\)"),
        ("[click](javascript:alert(1))", "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"),
        ("**bold** _it_ ~~s~~ `c` $x$ @team #12 &amp; :tada:",
         "\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\$x\\$ \\@team \\#12 "
         "\\&amp; \\:tada\\:"),
        ("snake_case stays", "snake_case stays"),
    ],
)  # fmt: skip
def test_markdown_escapes_what_github_renders_exactly_once(
    folders: Path, note: str, escaped: str
) -> None:
    edit(folders / "new" / "2019" / "year.toml", "Figures for January", note)
    markdown = invoke("diff", "old", "new", "--format", "markdown").stdout
    row = next(line for line in markdown.splitlines() if "notes.en" in line)
    new = row.split(" | ")[-1].removesuffix(" |")
    assert new.startswith(f"**{escaped} to June.**"), new


def test_redirected_output_is_utf8_whatever_the_code_page(folders: Path) -> None:
    # On Windows, Python writes a redirected stream in the ANSI code page:
    # `mocr diff old new > changes.txt` ended in a traceback at the first '→'
    # (CLI review). PYTHONIOENCODING stands for that code page here.
    edit(
        folders / "new" / "2019" / "offices.csv",
        "decan;established;yes;yes",
        "decan;established;no;yes",
    )
    mocr = Path(sys.executable).parent / "mocr"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for fmt in ("text", "markdown"):
        done = subprocess.run(
            [str(mocr), "diff", "old", "new", "--format", fmt], capture_output=True, env=env
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert "Data changes: `old` → `new`" in done.stdout.decode("utf-8") or (
            "work_plan.no: 1 → 2" in done.stdout.decode("utf-8")
        ), fmt
