"""``mocr build`` as CI runs it: incremental, parallel, atomic and byte-identical."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mocr_factsheet.build.state import STATE
from mocr_factsheet.cli import app
from mocr_factsheet.data.model import MUNICIPALITY_CODES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SMALL = Path(__file__).parent / "fixtures" / "small"


def is_download(name: str) -> bool:
    """An output of the downloads' kinds: chart files, CSV, workbooks, ``profiles.json``."""
    return "/charts/" in name or "/data/" in name or name.endswith(("-data.xlsx", "/profiles.json"))


def build(*args: str) -> str:
    result = CliRunner().invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output
    return result.output


def outputs_in(out: Path) -> list[Path]:
    """Every file in ``out`` but the build's hidden state (its lock, its cache)."""
    return [p for p in sorted(out.rglob("*")) if p.is_file() and STATE not in p.parts]


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every output's bytes and modification time, by relative path."""
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in outputs_in(out)
    }  # fmt: skip


@pytest.mark.slow
def test_second_build_rebuilds_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("--data", str(SMALL), "--out", str(out), "--format", "html", "--kind", "sheet")
    first = build(*args, "--jobs", "1")
    assert "built 10, up to date 0" in first  # 2 years × (indicators.json + 4 languages)
    before = snapshot(out)
    second = build(*args, "--jobs", "1")
    assert "built 0, up to date" in second
    assert snapshot(out) == before, "an up-to-date build rewrote a file"
    forced = build(
        "--data",
        str(SMALL),
        "--out",
        str(out),
        "--format",
        "html",
        "--force",
        "--lang",
        "en",
        "--year",
        "2019",
        "--kind",
        "sheet",
    )
    assert "built 2, up to date 0" in forced


@pytest.mark.slow
def test_changing_a_year_rebuilds_it_and_the_next_year_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "out"
    args = ["--data", str(data), "--out", str(out), "--format", "html", "--lang", "en"]
    args += ["--kind", "sheet"]
    build(*args)
    before = snapshot(out)
    offices = data / "2017" / "offices.csv"
    offices.write_text(
        offices.read_text("utf-8").replace("decan,established,yes", "decan,established,no"), "utf-8"
    )
    report = build(*args)
    after = snapshot(out)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == [
        ".mocr-build.json",
        "2017/indicators.json", "2017/mocr-2017-en.html",
        "2018/indicators.json", "2018/mocr-2018-en.html",
    ], report  # fmt: skip


@pytest.mark.slow
def test_a_failed_build_leaves_earlier_outputs_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    out = tmp_path / "out"
    build("--data", str(data), "--out", str(out), "--format", "html", "--kind", "sheet")
    before = snapshot(out)
    officers = data / "2019" / "officers.csv"
    officers.write_text(officers.read_text("utf-8") + "decan,klingon,f\n", "utf-8")
    result = CliRunner().invoke(app, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert "2019/officers.csv:9:community: 'klingon' is not a community" in result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before


@pytest.mark.slow
def test_languages_are_named_in_any_case(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--data", str(SMALL), "--out", str(out), "--format", "html", "--year", "2019"]
    args += ["--kind", "sheet"]
    build(*args, "--lang", "SQ", "--lang", "sr_cyrl", "--lang", "sq")
    assert sorted(p.name for p in (out / "2019").glob("*.html")) == [
        "mocr-2019-sq.html",
        "mocr-2019-sr-Cyrl.html",
    ]
    result = CliRunner().invoke(app, ["build", *args, "--lang", "xx"])
    assert result.exit_code == 2
    words = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())  # out of Rich's box
    assert "unknown language 'xx'; the languages are: en, sq, sr, sr-Cyrl" in words


@pytest.mark.slow
def test_the_encoding_a_file_was_read_in_is_part_of_what_a_sheet_is_built_from(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    officers = data / "2019" / "officers.csv"
    officers.write_bytes(officers.read_text("utf-8").encode("cp1250"))
    args = ["--data", str(data), "--out", str(tmp_path / "out"), "--format", "html"]
    args += ["--lang", "en", "--year", "2019", "--kind", "sheet"]
    assert "built 2, up to date 0" in build(*args, "--encoding", "cp1250")
    assert "built 0, up to date 2" in build(*args, "--encoding", "windows-1250")  # the same
    # ISO 8859-2 reads the same letters here, but another reading is other data.
    assert "built 2, up to date 0" in build(*args, "--encoding", "iso8859-2")
    # Once every file is UTF-8, --encoding changes nothing that is read.
    officers.write_text(officers.read_bytes().decode("cp1250"), "utf-8")
    assert "built 2, up to date 0" in build(*args, "--encoding", "cp1250")
    assert "built 0, up to date 2" in build(*args)


@pytest.mark.slow
def test_an_output_that_cannot_be_written_is_reported_and_nothing_is_touched(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    build("--data", str(SMALL), "--out", str(out), "--format", "html", "--kind", "sheet")
    # A folder where one sheet should go; the other sheets could be written.
    (out / "2019" / "mocr-2019-sq.html").unlink()
    (out / "2019" / "mocr-2019-sq.html").mkdir()
    (out / "2018" / "mocr-2018-en.html").write_text("edited by hand", "utf-8")
    before = snapshot(out)
    args = ["build", "--data", str(SMALL), "--out", str(out), "--format", "html", "--force"]
    result = CliRunner().invoke(app, [*args, "--kind", "sheet"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[-2:] == [
        f"{out / '2019' / 'mocr-2019-sq.html'}: cannot write: a folder of that name is in the way",
        "1 problem found.",
    ]
    assert snapshot(out) == before, "a failed write replaced some outputs"
    assert not list(out.rglob("*.tmp"))


def test_an_output_folder_inside_a_file_is_reported_before_any_work(tmp_path: Path) -> None:
    file = tmp_path / "sheets"
    file.write_text("not a folder", "utf-8")
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)

    def run(out: Path) -> Result:
        args = ["build", "--data", str(data), "--out", str(out), "--format", "html"]
        return CliRunner().invoke(app, args)

    assert run(file).exit_code == 2  # --out names a file: a usage error
    cannot = f"{file / 'out'}: cannot write: '{file}' is a file, not a folder"
    result = run(file / "out")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [cannot, "1 problem found."]
    # With bad data too, both are reported at once.
    officers = data / "2019" / "officers.csv"
    officers.write_text(officers.read_text("utf-8") + "decan,klingon,f\n", "utf-8")
    result = run(file / "out")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[1:] == [cannot, "2 problems found."]
    assert result.output.startswith("2019/officers.csv:9:community: 'klingon'")
    assert file.read_text("utf-8") == "not a folder"


def _build_in_subprocess(out: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mocr_factsheet", "build", "--data", str(SMALL), "--out",
         str(out), *args], check=True, env={**os.environ, **env}, capture_output=True,
    )  # fmt: skip


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    """Two builds apart in time, folder, time zone and locale.

    Not SOURCE_DATE_EPOCH: a Typst PDF (the sheet's) honours it, as reproducible
    builds expect (its dates are the data's only where it is unset;
    tests/test_typst.py)."""
    first, second = tmp_path / "a", tmp_path / "elsewhere" / "b"
    _build_in_subprocess(first, {"TZ": "UTC", "LANG": "C.UTF-8"}, "--jobs", "1", "--kind", "sheet")
    time.sleep(1.1)  # a clock that leaked into a file would now differ
    _build_in_subprocess(
        second,
        {
            "TZ": "Asia/Tokyo",
            "LANG": "sq_AL.UTF-8",
            "LC_ALL": "",
        },
        "--jobs",
        "2",
        "--kind",
        "sheet",
    )
    files = sorted(p.relative_to(first) for p in outputs_in(first))
    assert len(files) == 1 + 2 * (1 + 4 * 2)  # manifest; per year: json + 4 languages × 2
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.slow
def test_no_op_build_imports_nothing_heavy(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build("--data", str(SMALL), "--out", str(out), "--format", "html", "--lang", "en")
    code = (
        "import sys\n"
        "from mocr_factsheet.cli import app\n"
        f"app(['build', '--data', {str(SMALL)!r}, '--out', {str(out)!r}, '--format', 'html',"
        " '--lang', 'en'], standalone_mode=False)\n"
        "heavy = {'pandas', 'matplotlib', 'typst', 'jinja2', 'babel'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "built 0" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_progress_is_plain_lines_off_a_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mocr_factsheet", "build", "--data", str(SMALL), "--out",
         str(tmp_path), "--format", "html", "--jobs", "1", "--lang", "en"],
        capture_output=True, text=True, check=True, env={**os.environ, "FORCE_COLOR": "1"},
    )  # fmt: skip
    assert "\x1b" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    # One line per task, counting the outputs of every kind: per year indicators.json,
    # the sheet (with its 10 chart files) and 38 profiles (in tasks of 10), the trends
    # and their JSON, per year the data (8 files) and profiles.json, the trends' data
    # (4 files), 2 index pages, the colophon.
    assert len(lines) == 4 + 2 + 2 * 4 + 2 * 2 + 1 + 2 + 1
    assert lines[0] == "[1/131] sheet 2018"
    assert lines[4] == "[25/131] trends"
    assert lines[6] == "[40/131] profile 2018 decan en and 9 more"
    assert lines[-1] == "[131/131] about en"


# --- kinds, limits and incremental builds at the level of a municipality -------------


def built_files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in outputs_in(out)} - {".mocr-build.json"}


def run_build(data: Path, out: Path, *args: str) -> list[str]:
    """The outputs a build wrote, relative to ``out``, through the library."""
    from mocr_factsheet.build.run import build as library_build
    from mocr_factsheet.resources import resource_dir
    from mocr_factsheet.settings import BuildSettings

    options: dict[str, list[str]] = {}
    for name, value in zip(args[::2], args[1::2], strict=True):
        options.setdefault(name, []).append(value)
    settings = BuildSettings(
        data_dir=data,
        out_dir=out,
        years=tuple(int(y) for y in options.get("--year", [])),
        languages=tuple(options.get("--lang", [])),
        formats=tuple(options.get("--format", ["html", "pdf"])),
        force=False,
        jobs=int(options.get("--jobs", ["2"])[0]),
        encoding=None,
        templates_dir=resource_dir("templates"),
        locales_dir=resource_dir("locales"),
        kinds=tuple(options.get("--kind", [])),
        municipalities=tuple(options.get("--municipality", [])),
    )
    report = library_build(settings)
    return sorted(p.relative_to(out).as_posix() for p in report.built)


@pytest.mark.slow
def test_one_municipality_s_row_rebuilds_exactly_what_shows_it(tmp_path: Path) -> None:
    """A row of 2018/offices.csv (Deçan's work plan) rebuilds 2018's and 2019's sheets
    (2019 shows 2018 as the year before), Deçan's profiles of 2018 and 2019 (the
    history), the trends and the index that counts each year's MOCRs; not the
    other 37 municipalities' profiles, not 2016 or 2017, not the front page."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "out"
    args = ("--lang", "en", "--format", "html")
    first = run_build(data, out, *args)
    # sheets+json, profiles, trends, site, the colophon; and the Communities Committees'
    # sheet and committees.json of the two years with committee data (docs/committees.md);
    # the downloads: per year 10 chart files, 8 data files and profiles.json, the
    # trends' 4, and the CC sheet's 10 chart files, its 5 CSV and workbook in the two years
    assert len(first) == 4 * (1 + 1) + 4 * 38 + 2 + 2 + 1 + 2 * (1 + 1) + 4 * 19 + 4 + 2 * 16 + 4
    # (the last 4: the trends' two charts as SVG and PNG)
    assert run_build(data, out, *args) == []
    offices = data / "2018" / "offices.csv"
    text = offices.read_text("utf-8")
    assert "\ndecan,established,yes," in text
    offices.write_text(text.replace("\ndecan,established,yes,", "\ndecan,established,no,"), "utf-8")
    rebuilt = run_build(data, out, *args)
    # The downloads of the years that show it (tests/test_downloads.py pins them).
    assert {n.split("/")[0] for n in rebuilt if is_download(n)} == {"2018", "2019", "trends"}
    assert [n for n in rebuilt if not is_download(n)] == [
        "2018/indicators.json",
        "2018/mocr-2018-en.html",
        "2018/municipalities/mocr-2018-decan-en.html",
        "2019/indicators.json",
        "2019/mocr-2019-en.html",
        "2019/municipalities/mocr-2019-decan-en.html",
        "index-en.html",
        "trends/mocr-trends-en.html",
        "trends/trends.json",
    ]
    # An officer of Prizren in 2019, written under another of its names: only
    # what counts officers in 2019 (Prizren's 2019 profile, the sheet, the trends).
    officers = data / "2019" / "officers.csv"
    officers.write_text(officers.read_text("utf-8") + "Prizreni,turk,f\n", "utf-8")
    rebuilt = run_build(data, out, *args)
    assert {n.split("/")[0] for n in rebuilt if is_download(n)} == {"2019", "trends"}
    assert [n for n in rebuilt if not is_download(n)] == [
        "2019/indicators.json",
        "2019/mocr-2019-en.html",
        "2019/municipalities/mocr-2019-prizren-en.html",
        "trends/mocr-trends-en.html",
        "trends/trends.json",
    ]


@pytest.mark.slow
def test_kind_year_and_municipality_limit_what_is_built(tmp_path: Path) -> None:
    html = ("--format", "html", "--lang", "sq")

    def outputs(*args: str) -> set[str]:
        out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
        return set(run_build(SMALL, out, *html, *args))

    profiles_2019 = {f"2019/municipalities/mocr-2019-{c}-sq.html" for c in MUNICIPALITY_CODES}
    sheets_2019 = {"2019/indicators.json", "2019/mocr-2019-sq.html"}
    trends = {"trends/trends.json", "trends/mocr-trends-sq.html"}
    site = {"index.html", "index-sq.html"}
    tables = ("key-figures", "reporting", "communities", "duties", "profiles")
    tables += ("profile-officers", "profile-duties")
    charts = ("reporting", "communities", "gender", "duties", "per-office")
    downloads_2019 = {"2019/profiles.json", "2019/mocr-2019-sq-data.xlsx"}
    downloads_2019 |= {f"2019/data/mocr-2019-sq-{t}.csv" for t in tables}
    downloads_2019 |= {f"2019/charts/mocr-2019-sq-{c}.{s}" for c in charts for s in ("svg", "png")}
    # --year limits sheets and profiles (and the year's downloads); the trends and
    # the site stay as they are.
    assert outputs("--year", "2019") == sheets_2019 | profiles_2019 | downloads_2019
    # --municipality limits profiles; every other kind stays as it is.
    assert outputs("--municipality", "prizren") == {
        "2018/municipalities/mocr-2018-prizren-sq.html",
        "2019/municipalities/mocr-2019-prizren-sq.html",
    }
    assert outputs("--year", "2019", "--municipality", "prizren") == {
        "2019/municipalities/mocr-2019-prizren-sq.html"
    }
    # --kind asks for a kind whatever the limits.
    assert outputs("--kind", "trends", "--year", "2019") == trends
    assert outputs("--kind", "site") == site
    assert outputs("--kind", "sheet", "--kind", "site", "--year", "2019") == sheets_2019 | site
    # A plain build builds every kind.
    everything = outputs()
    assert sheets_2019 | profiles_2019 | trends | site <= everything
    # … the colophon, the downloads, the trends' data and its two charts' files
    assert len(everything) == 2 * (1 + 1 + 38) + 2 + 2 + 1 + 2 * len(downloads_2019) + 4 + 4


def test_municipality_is_named_as_in_data_cells(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--data", str(SMALL), "--out", str(out), "--format", "html", "--lang", "en"]
    build(*args, "--year", "2019", "--municipality", "PRIZRENI", "--municipality", "Graçanicë")
    assert sorted(p.name for p in (out / "2019" / "municipalities").iterdir()) == [
        "mocr-2019-gracanice-en.html",
        "mocr-2019-prizren-en.html",
    ]
    result = CliRunner().invoke(app, ["build", *args, "--municipality", "Prizrem"])
    assert result.exit_code == 2
    words = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())
    assert "unknown municipality 'Prizrem'; did you mean 'Prizren'?" in words
    # A name like none: not offered three unrelated names as if they were close.
    result = CliRunner().invoke(app, ["build", *args, "--municipality", "Atlantis"])
    assert result.exit_code == 2
    words = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())
    assert "unknown municipality 'Atlantis'; no name is close (the nearest are " in words
    assert "did you mean" not in words


def test_a_municipality_s_rows_are_told_apart_however_its_name_is_written(tmp_path: Path) -> None:
    from mocr_factsheet.data.inputs import Digests, Reads

    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    officers = data / "2019" / "officers.csv"

    def fingerprints() -> dict[str, str]:
        digests = Digests(data, tmp_path, {}, None)
        return {
            code: digests.fingerprint(Reads(rows=((2019, "officers", code),)))
            for code in ("decan", "prizren", "gracanice")
        }

    before = fingerprints()
    assert len(set(before.values())) == 3
    # Prizren's officer, written under another of its names: only Prizren's rows change.
    officers.write_text(officers.read_text("utf-8") + "Prizreni,turk,f\n", "utf-8")
    after = fingerprints()
    assert [c for c in before if before[c] != after[c]] == ["prizren"]
    # A row naming no known municipality counts for every one.
    officers.write_text(officers.read_text("utf-8") + "Atlantis,turk,f\n", "utf-8")
    unknown = fingerprints()
    assert all(unknown[c] != after[c] for c in after)
    # A title line above the header: every municipality's rows change too.
    officers.write_text("Officers 2019\n" + officers.read_text("utf-8"), "utf-8")
    titled = fingerprints()
    assert all(titled[c] != unknown[c] for c in unknown)


def test_workers_are_not_forked_while_another_thread_runs() -> None:
    """``mocr serve`` builds while its server and watcher threads run: a child
    forked then could inherit a lock one of them holds (in logging, in a
    stream), held for ever. Workers fork only from a process that is alone."""
    script = (
        "import threading\n"
        "from mocr_factsheet.build.run import _start_method\n"
        "assert _start_method() == 'fork', 'alone'\n"
        "stop = threading.Event()\n"
        "watcher = threading.Thread(target=stop.wait, daemon=True)\n"
        "watcher.start()\n"
        "assert _start_method() in ('forkserver', 'spawn'), 'with a thread'\n"
        "stop.set(); watcher.join()\n"
        "assert _start_method() == 'fork', 'alone again'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.slow
def test_spawned_workers_build_the_same_bytes(tmp_path: Path) -> None:
    """Windows and macOS start workers by spawning them (no fork): each is a new
    interpreter given the render context pickled. Forced here on Linux, a
    build in spawned workers writes the same files as one in this process."""
    script = tmp_path / "spawned.py"
    script.write_text(
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "import mocr_factsheet.build.run as run\n"
        "from mocr_factsheet.cli import app\n"
        "if __name__ == '__main__':\n"
        "    data, out = sys.argv[1], sys.argv[2]\n"
        "    common = ['build', '--data', data, '--lang', 'sr-Cyrl', '--year', '2019', '--force']\n"
        "    one = CliRunner().invoke(app, [*common, '--out', out + '/1', '--jobs', '1'])\n"
        "    assert one.exit_code == 0, one.output\n"
        "    run._start_method = lambda: 'spawn'\n"
        "    two = CliRunner().invoke(app, [*common, '--out', out + '/2', '--jobs', '2'])\n"
        "    assert two.exit_code == 0, (two.output, two.exception)\n"
        "    print('both built')\n",
        "utf-8",
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(script), str(SMALL), str(out)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "both built" in result.stdout

    def written(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*")
            if p.is_file() and not p.relative_to(folder).as_posix().startswith(".mocr")
        }

    alone, spawned = written(out / "1"), written(out / "2")
    assert any(name.endswith(".pdf") for name in alone) and len(alone) > 20
    assert spawned == alone


@pytest.mark.slow
def test_workers_start_after_this_process_has_typeset(tmp_path: Path) -> None:
    """A forked child of a process that has run Typst hangs on its first compile
    (Typst's threads are not forked): a build in workers after a build in this
    process (what the tests and ``mocr serve`` do) must finish."""
    script = tmp_path / "twice.py"
    script.write_text(
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mocr_factsheet.cli import app\n"
        "from mocr_factsheet.build.run import _start_method\n"
        "if __name__ == '__main__':\n"
        "    data, out = sys.argv[1], sys.argv[2]\n"
        "    common = ['build', '--kind', 'sheet', '--data', data, '--lang', 'en', '--force']\n"
        "    assert _start_method() == 'fork'\n"
        "    one = CliRunner().invoke(app, [*common, '--out', out + '/1', '--jobs', '1'])\n"
        "    assert one.exit_code == 0, one.output\n"
        "    assert _start_method() != 'fork'\n"
        "    two = CliRunner().invoke(app, [*common, '--out', out + '/2', '--jobs', '2'])\n"
        "    assert two.exit_code == 0, (two.output, two.exception)\n"
        "    print('both built')\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script), str(SMALL), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "both built" in result.stdout
    first, second = tmp_path / "out" / "1", tmp_path / "out" / "2"
    assert sorted(p.name for p in first.rglob("*.pdf")) == sorted(
        p.name for p in second.rglob("*.pdf")
    )
