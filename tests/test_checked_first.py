"""Command-line values, files and text checked before anything is read from them.

docs/reliability.md, "Validation before reading": an encoding that cannot
read text, an output folder inside the data, a year folder that only looks
like a year, a file that cannot be read, text that hides or reorders itself,
a year.toml typed as people type, real data compared with invented data.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import Result

from helpers import SMALL, edit, invoke, problems_of


def said(result: Result) -> str:
    """What a usage error says, unwrapped from its box."""
    return " ".join(result.output.replace("│", " ").split())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    return folder


# --- command-line values --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["undefined", "rot13", "base64", "hex", "zlib"])
@pytest.mark.parametrize("command", ["validate", "build", "indicators", "trends"])
def test_an_encoding_that_cannot_read_text_is_a_usage_error(
    data: Path, tmp_path: Path, command: str, encoding: str
) -> None:
    """Python knows these codecs, but none reads a file as text: exit 2, one message."""
    args = [command, "--data", str(data), "--encoding", encoding]
    if command == "build":
        args += ["--out", str(tmp_path / "out")]
    if command == "indicators":
        args += ["--year", "2019"]
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert f"'{encoding}' is not a text encoding that can read a file" in said(result)
    assert not (tmp_path / "out").exists()


def test_a_known_text_encoding_is_still_taken_under_its_name(data: Path) -> None:
    assert invoke("validate", "--data", str(data), "--encoding", "windows-1250").exit_code == 0


@pytest.mark.parametrize(
    ("args", "echoed"),
    [
        (["build", "--lang", "x\x1b[31mred"], "x\\x1b[31mred"),
        (["validate", "--encoding", "x\x1b]0;title\x07"], "x\\x1b]0;title\\x07"),
        (["build", "--municipality", "de\x1b[2Jcan"], "de\\x1b[2Jcan"),
    ],
)
def test_command_line_values_are_echoed_with_control_characters_escaped(
    data: Path, tmp_path: Path, args: list[str], echoed: str
) -> None:
    extra = ["--out", str(tmp_path / "out")] if args[0] == "build" else []
    result = invoke(*args, "--data", str(data), *extra)
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert echoed in said(result).replace(" ", "")


def test_a_data_folder_named_with_an_escape_code_is_echoed_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data\x1b[2J"
    shutil.copytree(SMALL, data)
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0
    assert result.stdout.endswith("data\\x1b[2J: 2018, 2019: no problems found.\n")
    result = invoke("new-year", "2020", "--data", str(data))
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert '--data "' + str(tmp_path) + '/data\\x1b[2J"' in result.stdout


def test_the_command_new_year_prints_can_be_pasted(tmp_path: Path) -> None:
    """A folder with a space (and a letter of the region) is printed in quotes: pasted as
    it is, the line ran 'mocr validate' on two arguments (CLI review)."""
    data = tmp_path / "My Data" / "Ferizaj-Uroševac"
    shutil.copytree(SMALL, data)
    result = invoke("new-year", "2020", "--data", str(data))
    assert result.exit_code == 0, result.output
    line = result.stdout.splitlines()[-1]
    command = line.partition("then run: ")[2]
    assert shlex.split(command) == ["mocr", "validate", "--year", "2020", "--data", str(data)]
    result = invoke(*shlex.split(command)[1:])
    assert result.exit_code == 1 and "2020/" in result.stderr  # the new year's empty answers


@pytest.mark.parametrize("inside", [".", "out", "2019/out"])
def test_out_may_not_be_the_data_folder_or_inside_it(data: Path, inside: str) -> None:
    out = data / inside
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    result = invoke("build", "--data", str(data), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "the data folder" in said(result)
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before


@pytest.mark.slow
def test_out_beside_the_data_folder_is_fine(data: Path) -> None:
    out = data.parent / "data-out"  # a name that starts like the data folder's
    args = ["build", "--data", str(data), "--out", str(out), "--kind", "trends", "--format", "html"]
    assert invoke(*args, "--lang", "en").exit_code == 0


@pytest.mark.parametrize("name", ["٢٠١٩", "2019\n", "2019 ", "２０１９", "20190"])
def test_only_four_ascii_digits_name_a_year(data: Path, name: str) -> None:
    """A folder named with Arabic-Indic or full-width digits, or with a trailing
    newline, is not a year: it is neither read nor built."""
    shutil.copytree(data / "2019", data / name)
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": 2018, 2019: no problems found.\n")


def test_a_month_in_other_digits_is_not_a_month(data: Path) -> None:
    edit(data / "2019/year.toml", 'start = "2019-01"', 'start = "٢٠١٩-٠١"')
    assert problems_of(data)[0] == (
        "2019/year.toml:1:period: period.start must be a month like \"2019-01\", not '٢٠١٩-٠١'"
    )


# --- files that cannot be read ------------------------------------------------------------


@pytest.mark.parametrize(
    "unreadable", ["2019/officers.csv", "2019/year.toml", "municipalities.csv", "2019/offices.xlsx"]
)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_file_that_cannot_be_read_is_one_problem_line(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unreadable: str, command: str
) -> None:
    """Locked by another program or not the user's to read (as root, chmod 000 would
    not stop the tests, so reading it raises PermissionError here)."""
    target = data / unreadable
    if target.suffix == ".xlsx":
        from test_validation import csv_to_workbook

        csv_to_workbook(target.with_suffix(".csv"))
        target.with_suffix(".csv").unlink()
    real_read_bytes, real_open = Path.read_bytes, Path.open

    def read_bytes(path: Path) -> bytes:
        if path == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    def path_open(path: Path, *args: object, **kwargs: object) -> object:
        if path == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    import builtins
    import io

    real_builtin_open = builtins.open

    def builtin_open(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, Path)) and Path(file) == target:
            raise PermissionError(13, "Permission denied", str(file))
        return real_builtin_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", path_open)
    monkeypatch.setattr(io, "open", builtin_open)  # zipfile opens workbooks with io.open
    monkeypatch.setattr(builtins, "open", builtin_open)
    args = [command, "--data", str(data)]
    if command == "build":
        args += ["--out", str(tmp_path / "out"), "--kind", "sheet", "--format", "html"]
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{unreadable}: cannot be read (permission denied): is it open in another program, "
        "or not yours to read? Close it there, or give yourself the right to read it, "
        "and run again"
    )
    assert lines[-1] == "1 problem found."
    assert not (tmp_path / "out").exists()


# --- text that hides or reorders text --------------------------------------------------------


@pytest.mark.parametrize(
    "mark", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
             "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060",
             "\ufeff", "\U000e0041"]
)  # fmt: skip
def test_a_mark_that_hides_or_reorders_text_is_refused_in_names_and_notes(
    data: Path, mark: str
) -> None:
    edit(data / "municipalities.csv", "Dragaš", f"Dra{mark}gaš")
    edit(data / "2019/year.toml", "Podaci za", f"Podaci{mark} za")
    problems = problems_of(data)
    code = f"U+{ord(mark):04X}"
    assert problems[0].startswith(f"2019/year.toml:7: notes.sr, note 1: {code} (")
    assert problems[1].startswith(f"municipalities.csv:3:name_sr: {code} (")
    for line in problems[:2]:
        assert line.endswith(
            "is invisible and can reverse or hide the text around it on the page; delete it "
            "(typing the text again, or pasting it as plain text, does that)"
        )
    assert problems[2:] == ["2 problems found."]


def test_a_soft_hyphen_and_marks_around_a_cell_are_still_fine(data: Path) -> None:
    edit(data / "municipalities.csv", "Dragaš", "Dra\u00adgaš")
    edit(data / "2019/officers.csv", "decan,albanian,f", "\u200bdecan\u200b,albanian,f\ufeff")
    assert invoke("validate", "--data", str(data)).exit_code == 0


def test_an_override_never_reaches_a_page(data: Path, tmp_path: Path) -> None:
    edit(data / "municipalities.csv", "Dragaš", "Dra\u202egaš")
    args = ["--data", str(data), "--out", str(tmp_path / "out"), "--format", "html"]
    result = invoke("build", *args, "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith("municipalities.csv:3:name_sr: U+202E (RIGHT-TO-LEFT OVERRIDE)")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("typed", ["2019-03-12", "1234", "–"])
def test_a_name_with_no_letter_is_no_name(data: Path, typed: str) -> None:
    """A date or a number in a name's cell (a workbook's date cell reads as
    2019-03-12) was printed on every page as the municipality's name (fuzzing)."""
    edit(data / "municipalities.csv", "decan,Deçan,Dečane,,,sq", f"decan,Deçan,Dečane,,{typed},sq")
    assert problems_of(data) == [
        f"municipalities.csv:2:name_en: '{typed}' has no letter, so it is no municipality's "
        "name: is it in the right column?",
        "1 problem found.",
    ]


# --- year.toml as people type it ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'start = "2019-01"', "start = 2019-01",
            "2019/year.toml:1: the month 2019-01 must be in quotes: write \"2019-01\", as in "
            'period = { start = "2019-01", end = "2019-12" }',
            id="unquoted-month",
        ),
        pytest.param(
            '"Figures for January to June."', '"Figures for "January" to June."',
            '2019/year.toml:5: a note holds a straight quote (") inside its text, which ends '
            "the text there; inside a note write “ ” (or \\\"), or put the whole note in "
            "single quotes: en = ['The \"new\" office opened.']",
            id="quoted-word",
        ),
        pytest.param(  # read as a straight quote, which is then not closed
            '"Figures for January to June."', "‘Figures for January to June.",
            "2019/year.toml:7: the file ends before a list or a text is closed: a closing ] "
            'or quote (") is missing, on this line or one above',
            id="curly-single-quote-unclosed",
        ),
        # Analyst review, session 20: the hint was "a quote or bracket is likely missing".
        pytest.param(
            '"2019-01", end', '"2019-01" end',
            "2019/year.toml:1: the period is not written as TOML reads it: a comma between "
            'the two months, and braces around them: period = { start = "2020-01", end = '
            '"2020-06" }',
            id="period-without-its-comma",
        ),
        pytest.param(
            "sample = true", "sample: true",
            '2019/year.toml:2: a key and its value are joined by "=", not ":" or a space, as '
            'in sample = true or en = ["The first note."]',
            id="a-colon-for-equals",
        ),
        pytest.param(
            "sample = true", "sample = False",
            "2019/year.toml:2: the sample flag is true or false, in small letters and "
            "without quotes",
            id="sample-in-capitals",
        ),
        pytest.param(
            'en = ["Figures for January to June."]',
            'en = ["Figures for January to June."]\nen = ["Figures."]',
            "2019/year.toml:6: a key is written twice (each language's notes, and each of "
            "period, sample, published and revised, come once): keep one of them",
            id="a-language-twice",
        ),
        pytest.param(
            '"Figures for January to June."', "Figures for January to June.",
            "2019/year.toml:5: a value is not written as TOML reads it: a text goes in straight "
            'quotes (en = ["The first note."]), the sample flag is true or false',
            id="unquoted-note",
        ),
        pytest.param(
            'sr = ["Podaci za januar–jun."]', 'sr = ["Podaci za januar–jun."',
            "2019/year.toml:7: the file ends before a list or a text is closed: a closing ] "
            'or quote (") is missing, on this line or one above',
            id="unclosed-list-at-the-end",
        ),
        pytest.param(
            'sr = ["Podaci za januar–jun."]', 'sr = ["Podaci za januar–jun.]',
            '2019/year.toml:7: a text is not closed on this line: its closing quote (") '
            "is missing",
            id="unclosed-text",
        ),
        # Fuzzing, session 21: the hint was "a quote or bracket is likely missing".
        pytest.param(
            '"Figures for January to June."', '"Figures for January\\ud800 to June."',
            "2019/year.toml:5: a backslash (\\) in a text starts an escape that TOML does "
            "not know: write \\\\ for a backslash, or put the whole note in single quotes: "
            "en = ['C:\\notes']",
            id="an-unknown-escape",
        ),
        # Fuzzing, session 21: said as Python writes a value, "not datetime.time(10, 0)".
        pytest.param(
            "sample = true", "sample = true\npublished = 10:00:00",
            "2019/year.toml:3:published: published is a day, without a time of day: write it "
            "as published = 2020-03-15",
            id="a-time-for-a-date",
        ),
        pytest.param(
            "sample = true", "sample = true\npublished = [2020, 3]",
            "2019/year.toml:3:published: published must be a date like published = "
            "2020-03-15 (year-month-day), not [2020, 3]",
            id="a-list-for-a-date",
        ),
    ],
)  # fmt: skip
def test_year_toml_problems_say_what_to_type(data: Path, old: str, new: str, expected: str) -> None:
    edit(data / "2019/year.toml", old, new)
    assert problems_of(data) == [expected, "1 problem found."]


@pytest.mark.slow
def test_curly_double_quotes_around_notes_are_read_as_straight(data: Path) -> None:
    figures = invoke("indicators", "--year", "2019", "--data", str(data), "--format", "json")
    edit(
        data / "2019/year.toml",
        '"Figures for January to June."',
        "“Figures for “January” to June.”",
    )
    edit(
        data / "2019/year.toml",
        '["Shifrat për janar–qershor."]',
        "[ „Shifrat për janar–qershor.“ ]",
    )
    assert invoke("validate", "--data", str(data)).exit_code == 0
    again = invoke("indicators", "--year", "2019", "--data", str(data), "--format", "json")
    assert again.stdout == figures.stdout


def test_curly_single_quotes_around_a_note_are_read_as_straight(data: Path) -> None:
    """‘…’ around a note reads as '…' (docs/data-format.md: curly quotes are read as
    straight ones), an apostrophe inside it left as it is (analyst review, session 20)."""
    edit(data / "2019/year.toml", '"Figures for January to June."', "‘The MOCRs’ figures.’")
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0, result.output
    from mocr_factsheet.data.validate import read_year_meta

    meta, problems = read_year_meta(data, 2019, {"en": None, "sq": None, "sr": None})
    assert problems == [] and meta is not None
    assert meta.notes["en"] == ("The MOCRs’ figures.",)


# --- real data beside invented data -----------------------------------------------------------


def test_validate_warns_when_a_real_year_is_compared_with_a_sample_year(data: Path) -> None:
    """tests/fixtures/small: 2018 real, 2019 a sample. Made 2018 a sample and 2019
    real, 2019's pages compare it with invented 2018."""
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0 and result.stderr == ""
    edit(data / "2018/year.toml", "sample = false", "sample = true")
    edit(data / "2019/year.toml", "sample = true", "sample = false")
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: 2019 is real data (sample = false), but its pages compare it with invented "
        "sample year 2018 (the previous-year figures, the profiles' history, the trends): "
        "remove that folder or fill it with real data (docs/data-format.md, 'Starting from "
        "your own data')\n"
    )
    # Asked for 2019 alone, 2018's flag is still read.
    assert invoke("validate", "--data", str(data), "--year", "2019").stderr == result.stderr


def test_new_year_empty_carries_nothing_over(data: Path) -> None:
    """Real data started beside the sample years: no status or officer copied."""
    assert invoke("new-year", "2020", "--data", str(data), "--empty").exit_code == 0
    offices = (data / "2020/offices.csv").read_text("utf-8").splitlines()
    assert len(offices) == 39
    assert all(line.endswith(",,,") for line in offices[1:])
    assert (data / "2020/officers.csv").read_text("utf-8").splitlines() == [
        "municipality,community,gender"
    ]
    # Without --empty, 2019's statuses are carried over.
    shutil.rmtree(data / "2020")
    assert invoke("new-year", "2020", "--data", str(data)).exit_code == 0
    assert "decan,established,," in (data / "2020/offices.csv").read_text("utf-8")
