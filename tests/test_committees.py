"""The Communities Committees: figures counted by hand, the golden ``committees.json``,
and one tiny broken folder per reading rule with the exact problem lines expected.

The rule fixtures live in ``tests/fixtures/committees/<rule>/``: each holds the
one file that differs from ``valid/`` (laid over ``tests/fixtures/small``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from helpers import SMALL
from mocr_factsheet.core.export import to_json
from mocr_factsheet.mechanisms.committees.dataset import CommitteeData, read_committee_data

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures" / "committees"
LANGUAGES = {"en": None, "sq": None, "sr": None, "sr-Cyrl": "sr"}


def read(data: Path, year: int = 2019) -> tuple[CommitteeData | None, list[str]]:
    found, problems = read_committee_data(data, [year], LANGUAGES)
    return found, [str(p) for p in problems]


def figures(data: Path, year: int = 2019) -> dict[str, object]:
    found, problems = read(data, year)
    assert found is not None, problems
    value: dict[str, object] = json.loads(to_json(found.figures(year)))
    return value


# --- the bundled data -------------------------------------------------------------


@pytest.mark.parametrize("year", [2018, 2019])
def test_committees_json_matches_golden(year: int) -> None:
    """tests/golden/committees-<year>.json, written by ``make golden`` (``mocr indicators
    --kind committees``) and reviewed as a diff when it changes."""
    found, problems = read(DATA, year)
    assert found is not None, problems
    expected = (GOLDEN / f"committees-{year}.json").read_text("utf-8")
    assert to_json(found.figures(year)) == expected
    assert expected.endswith("}\n")


def test_bundled_figures_counted_by_hand() -> None:
    """Four figures of the bundled 2019, counted from the CSV files in a shell:

    - established: ``awk -F, 'NR>1 && $2=="yes"' data/2019/committees.csv | wc -l`` → 36
    - not meeting regularly: ``awk -F, 'NR>1 && $2=="yes" && $3=="no" {print $1}'
      data/2019/committees.csv`` → decan mitrovice-jug rahovec suhareke viti
    - women: ``awk -F, 'NR>1 && $3=="f"' data/2019/committee_members.csv | wc -l`` → 85
    - Kosovo Bosniaks: the municipalities of ``awk -F, '$2=="bosniak"{print $1}'
      data/residing.csv`` (9), each looked up in committees.csv (leposaviq has no
      committee: not counted) and counted in committee_members.csv with
      ``awk -F, -v m=$m '$1==m && $2=="bosniak"'``: dragash and peje have a Bosniak
      member, the other six do not.
    """
    f = figures(DATA)
    assert f["established"] == 36
    assert f["not_meeting_regularly"] == ["decan", "mitrovice-jug", "rahovec", "suhareke", "viti"]
    assert f["members"]["f"] == 85  # type: ignore[index]
    bosniak = next(u for u in f["unrepresented"] if u["community"] == "bosniak")  # type: ignore[attr-defined]
    assert bosniak == {
        "community": "bosniak",
        "count": 6,
        "municipalities": [
            "gjakove", "istog", "mitrovice-jug", "mitrovice-veri", "prishtine", "prizren",
        ],
    }  # fmt: skip


def test_sample_data_is_regenerated_identically(tmp_path: Path) -> None:
    """tools/make_sample_data.py writes the bundled files, MOCR and CC, byte for byte."""
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sample_data.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert Path("residing.csv") in written
    assert Path("2019/committee_members.csv") in written
    for path in written:
        assert (tmp_path / path).read_bytes() == (DATA / path).read_bytes(), path


def test_counting_loads_no_page_machinery() -> None:
    """The count is pure: no Jinja, Babel, matplotlib or Typst behind it."""
    code = (
        "import sys; from pathlib import Path; "
        "from mocr_factsheet.mechanisms.committees.dataset import load_committee_data; "
        f"load_committee_data(Path({str(DATA)!r}), [2019], {LANGUAGES!r}).figures(2019); "
        "print(sorted(m for m in ('jinja2', 'babel', 'matplotlib', 'typst') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    assert result.stdout.decode().strip() == "[]"


# --- a small folder, counted by hand ------------------------------------------------


@pytest.fixture
def committees(tmp_path: Path) -> Path:
    """tests/fixtures/small with the valid committee files of tests/fixtures/committees/valid."""
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    shutil.copytree(FIXTURES / "valid", folder, dirs_exist_ok=True)
    return folder


def test_small_figures_counted_by_hand(committees: Path) -> None:
    """valid/: leposaviq and zubin-potok not established; decan and prizren do not meet
    regularly, gjilan's answer is unknown; gjilan and prizren lack resources. Of the
    communities living where a committee is established: serb lives in decan (no Serb
    member) and gjilan (one); turk in gjilan and prizren (members) and prishtine (none);
    bosniak and roma in prizren (none); egyptian in decan (one). leposaviq's Albanians
    are not counted: it has no committee."""
    f = figures(committees)
    assert f["established"] == 36
    assert f["meets_regularly"] == {"yes": 33, "no": 2, "unknown": 1}
    assert f["not_meeting_regularly"] == ["decan", "prizren"]
    assert f["adequate_resources"] == {"yes": 34, "no": 2, "unknown": 0}
    assert f["members"] == {
        "total": 11, "f": 5, "m": 6, "by_seat": {"assembly": 5, "community": 6},
        "by_community": {"albanian": 5, "serb": 2, "turk": 3, "egyptian": 1},
    }  # fmt: skip
    assert f["gender_by_community"]["turk"] == {"f": 2, "m": 1}  # type: ignore[index]
    by_municipality = f["gender_by_municipality"]
    assert len(by_municipality) == 36  # type: ignore[arg-type]
    assert by_municipality["dragash"] == {"f": 0, "m": 0}  # type: ignore[index]
    assert "leposaviq" not in by_municipality  # type: ignore[operator]
    assert f["unrepresented"] == [
        {"community": "serb", "count": 1, "municipalities": ["decan"]},
        {"community": "bosniak", "count": 1, "municipalities": ["prizren"]},
        {"community": "turk", "count": 1, "municipalities": ["prishtine"]},
        {"community": "roma", "count": 1, "municipalities": ["prizren"]},
        {"community": "egyptian", "count": 0, "municipalities": []},
    ]


def test_spellings_read_as_the_codes(committees: Path) -> None:
    """Names for codes, Po/Jo/Da/Ne/true/1, Female/men, ASSEMBLY, a semicolon file
    with spaces in its header: the same figures as the plain files."""
    plain = figures(committees)
    shutil.copytree(FIXTURES / "spellings", committees, dirs_exist_ok=True)
    assert figures(committees) == plain


def test_workbooks_read_like_csv(committees: Path) -> None:
    plain = figures(committees)
    for name in ("committees", "committee_members"):
        path = committees / "2019" / f"{name}.csv"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for record in path.read_text("utf-8").splitlines():
            sheet.append(record.split(","))
        book.save(path.with_suffix(".xlsx"))
        path.unlink()
    assert figures(committees) == plain


# --- one broken file per rule ---------------------------------------------------------

RULES = {
    "bad-yes-no": [
        "2019/committees.csv:4:meets_regularly: 'maybe' is not yes or no (nor empty)",
    ],
    "established-empty": [
        "2019/committees.csv:5:established: empty; answer yes or no",
    ],
    "answer-not-established": [
        "2019/committees.csv:17:meets_regularly: must be empty: the committee is not established",
    ],
    "missing-row": [
        "2019/committees.csv: no row for 1 municipality: Junik; every municipality needs one",
    ],
    "repeated-row": [
        "2019/committees.csv:40:municipality: 'Prizren' is repeated (first on line 29, as "
        "'prizren'); keep one row per municipality",
    ],
    "unknown-column": [
        "2019/committees.csv:1: the column 'meets_regularly' is missing",
        "2019/committees.csv:1:meets_regulary: unknown column 'meets_regulary'; did you mean "
        "'meets_regularly'? the columns are: municipality, established, meets_regularly, "
        "adequate_resources",
    ],
    "unknown-municipality": [
        "2019/committee_members.csv:3:municipality: unknown municipality 'Deqanii'; "
        "did you mean 'Deçan/Dečane'?",
    ],
    "members-not-established": [
        "2019/committee_members.csv:13:municipality: 'Leposavić' has no established "
        "Communities Committee this year, so no members",
    ],
    "bad-gender": [
        "2019/committee_members.csv:5:gender: 'x' is not a gender; use f or m",
    ],
    "bad-seat": [
        "2019/committee_members.csv:6:seat: 'council' is not a seat; use one of: "
        "assembly, community",
    ],
    "bad-community": [
        "2019/committee_members.csv:7:community: 'turkish' is not a community (did you mean "
        "'turk'?); use one of: albanian, serb, bosniak, turk, roma, ashkali, egyptian, gorani, "
        "montenegrin, croat, other",
    ],
    "no-members": [
        "2019/committee_members.csv: no members at all, though 36 committees are established; "
        "the file needs one row per member",
    ],
    "residing-majority": [
        "residing.csv:11:community: 'albanian' is the majority community of "
        "Prishtinë/Priština; residing.csv lists only the other communities living there",
    ],
    "residing-repeated": [
        "residing.csv:11:community: 'turk' in Prizren is repeated (first on line 8)",
    ],
    "residing-unknown-community": [
        "residing.csv:5:community: 'turkish' is not a community (did you mean 'turk'?); use one "
        "of: albanian, serb, bosniak, turk, roma, ashkali, egyptian, gorani, montenegrin, "
        "croat, other",
    ],
    "residing-unknown-municipality": [
        "residing.csv:3:municipality: unknown municipality 'deqani'; did you mean "
        "'Deçan/Dečane' or 'Zvečan/Zveçan'?",
    ],
    "resources-not-established": [
        "2019/committees.csv:38:adequate_resources: must be empty: the committee is not "
        "established",
    ],
    "bad-resources": [
        "2019/committees.csv:3:adequate_resources: 'some' is not yes or no (nor empty)",
    ],
    "members-missing-column": [
        "2019/committee_members.csv:1: the column 'seat' is missing",
    ],
    "member-empty-gender": [
        "2019/committee_members.csv:4:gender: the gender is empty; use f or m",
    ],
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_is_reported_where_it_is_broken(committees: Path, rule: str) -> None:
    shutil.copytree(FIXTURES / rule, committees, dirs_exist_ok=True)
    found, problems = read(committees)
    assert found is None
    assert problems == RULES[rule]


def test_every_rule_fixture_is_tested() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == {*RULES, "valid", "spellings"}


def test_missing_members_file_and_both_formats(committees: Path) -> None:
    (committees / "2019" / "committee_members.csv").unlink()
    shutil.copyfile(committees / "residing.csv", committees / "residing.xlsx")
    _, problems = read(committees)
    assert problems == [
        "2019/committee_members.csv: file not found (nor a .xlsx workbook)",
        "residing.csv: both residing.csv and residing.xlsx exist; keep only one of them",
    ]


# --- building ------------------------------------------------------------------------


@pytest.mark.slow  # builds the bundled data's English pages, twice
def test_a_committee_row_rebuilds_only_the_committee_outputs(tmp_path: Path) -> None:
    """Editing 2019/committees.csv rebuilds 2019's CC sheet and committees.json and
    nothing of the MOCR publication; a bad committees.csv stops ``--kind committees``
    with its located problem and leaves ``--kind sheet`` building."""
    from test_build import is_download, run_build

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "out"
    args = ("--lang", "en", "--format", "html")
    first = run_build(data, out, *args)
    pages = {p for p in first if not is_download(p)}
    assert {p for p in pages if "committees" in p or "-cc-" in p} == {
        "2018/committees.json",
        "2018/mocr-2018-cc-en.html",
        "2019/committees.json",
        "2019/mocr-2019-cc-en.html",
    }
    committees = data / "2019" / "committees.csv"
    text = committees.read_text("utf-8")
    committees.write_text(text.replace("\ndecan,yes,no,yes", "\ndecan,yes,yes,yes"), "utf-8")
    # and the site's page in the language, which gives each year's count of committees;
    # of the downloads, the CC sheet's of 2019 only (its chart files, CSV and workbook)
    rebuilt = run_build(data, out, *args)
    downloads = [p for p in rebuilt if is_download(p)]
    assert downloads and all("2019/" in p and "-cc-" in p for p in downloads), downloads
    assert [p for p in rebuilt if not is_download(p)] == [
        "2019/committees.json",
        "2019/mocr-2019-cc-en.html",
        "index-en.html",
    ]

    committees.write_text(text.replace("\ndecan,yes,no,yes", "\ndecan,yes,maybe,yes"), "utf-8")
    from helpers import invoke

    cc = invoke("build", "--kind", "committees", "--data", str(data), "--out", str(out), *args)
    assert cc.exit_code == 1
    assert cc.stderr.splitlines()[-2:] == [
        "2019/committees.csv:2:meets_regularly: 'maybe' is not yes or no (nor empty)",
        "1 problem found.",
    ]
    sheet = invoke(
        "build", "--kind", "sheet", "--force", "--data", str(data), "--out", str(out), *args
    )
    assert sheet.exit_code == 0, sheet.output
    # A plain build and validate read every kind's tables: both stop at the same line.
    plain = invoke("build", "--data", str(data), "--out", str(out), *args)
    assert plain.exit_code == 1
    assert cc.stderr.splitlines()[-2:] == plain.stderr.splitlines()[-2:]
    checked = invoke("validate", "--data", str(data))
    assert checked.exit_code == 1
    assert checked.stderr.splitlines() == cc.stderr.splitlines()[-2:]


# --- the commands -------------------------------------------------------------------


def test_indicators_prints_the_golden_figures() -> None:
    from helpers import invoke

    args = ("--year", "2019", "--kind", "committees", "--data", str(DATA))
    result = invoke("indicators", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / "committees-2019.json").read_text("utf-8")
    table = invoke("indicators", *args)
    assert "established  36" in table.stdout.splitlines()
    none = invoke("indicators", "--year", "2017", "--kind", "committees", "--data", str(DATA))
    assert none.exit_code == 1
    assert (
        none.stderr.splitlines()[0] == "2017/: 2017 has no Communities Committees data "
        "(no 2017/committees.csv, nor .xlsx); the years with it: 2018, 2019"
    )


def test_diff_shows_a_committee_figure_and_row(tmp_path: Path) -> None:
    from helpers import invoke

    new = tmp_path / "data"
    shutil.copytree(DATA, new)
    committees = new / "2019" / "committees.csv"
    text = committees.read_text("utf-8")
    committees.write_text(text.replace("\ndecan,yes,no,yes", "\ndecan,yes,yes,yes"), "utf-8")
    result = invoke("diff", str(DATA), str(new))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "2019 committees.meets_regularly.yes: 30 → 31" in lines
    assert "2019 committees.not_meeting_regularly: − decan" in lines
    assert any(
        line.endswith("2019/committees.csv:2 decan meets_regularly: 'no' → 'yes'") for line in lines
    )


@pytest.mark.parametrize("form", ["text", "markdown", "json"])
def test_diff_names_each_unrepresented_community_by_its_code(tmp_path: Path, form: str) -> None:
    """A member's community changed: the unrepresented communities (a list of objects
    in committees.json) are compared community by community, not printed whole;
    the diff ended in a traceback on them (analyst review, session 20)."""
    from helpers import invoke

    new = tmp_path / "data"
    shutil.copytree(DATA, new)
    members = new / "2019" / "committee_members.csv"
    text = members.read_text("utf-8")
    assert "\ndecan,ashkali,m,community\n" in text
    members.write_text(
        text.replace("\ndecan,ashkali,m,community\n", "\ndecan,egyptian,m,community\n", 1),
        "utf-8",
    )
    result = invoke("diff", str(DATA), str(new), "--format", form)
    assert result.exit_code == 0, result.output
    if form == "text":
        lines = result.stdout.splitlines()
        # Deçan's committee now has an Egyptian member and no Ashkali one (both live there).
        assert "2019 committees.unrepresented.ashkali.municipalities: + decan" in lines
        assert "2019 committees.unrepresented.egyptian.municipalities: − decan" in lines
        assert "2019 committees.unrepresented.ashkali.count: 4 → 5" in lines
    elif form == "json":
        paths = {c["figure"] for c in json.loads(result.stdout)["figures"]}
        assert "committees.unrepresented.egyptian.count" in paths, sorted(paths)
    else:
        assert "unrepresented.ashkali.count" in result.stdout


def test_new_year_writes_committee_files_only_after_a_year_with_them(
    committees: Path, tmp_path: Path
) -> None:
    from helpers import invoke

    result = invoke("new-year", "2020", "--data", str(committees))
    assert result.exit_code == 0, result.output
    folder = committees / "2020"
    rows = (folder / "committees.csv").read_text("utf-8").splitlines()
    assert rows[0] == "municipality,established,meets_regularly,adequate_resources"
    assert "leposaviq,no,," in rows and "decan,yes,," in rows and len(rows) == 39
    members = (folder / "committee_members.csv").read_text("utf-8").splitlines()
    before = (committees / "2019" / "committee_members.csv").read_text("utf-8").splitlines()
    assert len(members) == len(before)

    plain = tmp_path / "plain"
    shutil.copytree(SMALL, plain)
    assert invoke("new-year", "2020", "--data", str(plain)).exit_code == 0
    assert not list((plain / "2020").glob("committee*"))


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_a_committee_workbook_filled_from_its_lists_validates(committees: Path, lang: str) -> None:
    from helpers import invoke
    from test_workbooks import YES_NO, drop_downs

    result = invoke(
        "new-year", "2020", "--data", str(committees), "--format", "xlsx", "--lang", lang
    )
    assert result.exit_code == 0, result.output
    folder = committees / "2020"
    yes, no = YES_NO[lang]

    def fill(table: str, edit: dict[str, str], row: int | None = None) -> None:
        path = folder / f"{table}.xlsx"
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        lists = drop_downs(sheet)
        letters = {str(c.value): c.column_letter for c in sheet[1]}
        at = row or sheet.max_row + 1  # a new row at the end
        for column, value in edit.items():
            assert value in lists[column][2], (column, value)  # only values from the list
            sheet[f"{letters[column]}{at}"] = value
        book.save(path)

    # The MOCR's checklists (see tests/test_workbooks.py), then the committees.
    duties = openpyxl.load_workbook(folder / "duties.xlsx").worksheets[0]
    codes = [str(c.value) for c in duties[1]][1:]
    for row in range(2, duties.max_row + 1):
        fill("duties", {d: yes if (i + row) % 2 else no for i, d in enumerate(codes)}, row)
    fill("committees", {"established": yes, "meets_regularly": yes, "adequate_resources": no}, 2)
    names = drop_downs(openpyxl.load_workbook(folder / "committee_members.xlsx").worksheets[0])
    prizren = next(v for v in names["municipality"][2] if v.startswith("Prizren"))
    fill(
        "committee_members",
        {"municipality": prizren, "community": "turk", "gender": "f", "seat": "community"},
    )
    result = invoke("validate", "--data", str(committees), "--year", "2020")
    assert result.exit_code == 0, result.output
    result = invoke(
        "indicators",
        "--year",
        "2020",
        "--kind",
        "committees",
        "--data",
        str(committees),
        "--format",
        "json",
    )
    figures = json.loads(result.stdout)
    assert figures["meets_regularly"] == {"yes": 1, "no": 0, "unknown": 35}
    assert figures["members"]["total"] == 12


# --- the sheet's words --------------------------------------------------------------


def _page_words(figures_of: object, tag: str) -> tuple[str, str]:
    """The CC sheet's key figure line and its unrepresented sentence in ``tag``."""
    from mocr_factsheet.i18n.languages import discover_languages
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.committees.pages import committee_page
    from mocr_factsheet.resources import resource_dir

    languages = discover_languages(resource_dir("locales"))
    found, problems = read(DATA)
    assert found is not None, problems
    page = committee_page(
        figures_of, Translator.load(languages[tag], languages), found.reference, ()
    )
    return f"{page.established} {page.key_figure}", page.unrepresented_text


@pytest.mark.parametrize(
    ("established", "tag", "expected"),
    [
        (36, "en", "36 committees in 38 municipalities"),
        (1, "en", "1 committee in 38 municipalities"),
        (36, "sr", "36 komiteta u 38 opština"),
        (31, "sr", "31 komitet u 38 opština"),  # the noun agrees with 31, not with 38
        (34, "sr-Cyrl", "34 комитета у 38 општина"),
        (1, "sq", "1 komitet në 38 komuna"),
        (36, "sq", "36 komitete në 38 komuna"),
    ],
)
def test_the_key_figure_agrees_with_the_number_of_committees(
    established: int, tag: str, expected: str
) -> None:
    from dataclasses import replace

    found, problems = read(DATA)
    assert found is not None, problems
    bundled = found.figures(2019)
    key, _ = _page_words(replace(bundled, established=established), tag)
    assert key.replace("\u00a0", " ") == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        # 2019: Kosovo Bosniaks unrepresented in 6 municipalities, Kosovo Serbs in 5
        # (test_bundled_figures_counted_by_hand, and the golden committees-2019.json).
        ("en", "Kosovo Bosniaks, unrepresented in six municipalities, and Kosovo Serbs, in five."),
        ("sq", "të papërfaqësuar në gjashtë komuna, dhe serbët e Kosovës, në pesë."),
        ("sr", "kosovski Bošnjaci, nezastupljeni u šest opština, i kosovski Srbi, u pet."),
        ("sr-Cyrl", "косовски Бошњаци, незаступљени у шест општина, и косовски Срби, у пет."),
    ],
)
def test_counts_up_to_nine_are_words_in_the_text(tag: str, expected: str) -> None:
    """docs/translating.md: running text writes one to nine in words."""
    found, problems = read(DATA)
    assert found is not None, problems
    _, text = _page_words(found.figures(2019), tag)
    assert expected in text.replace("\u00a0", " ")
